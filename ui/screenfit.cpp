#include "screenfit.h"

#include <QGuiApplication>
#include <QScreen>
#include <QScrollArea>
#include <QWidget>

namespace phm::ui {

QRect availableScreenRect(const QWidget *w) {
    for (const QWidget *v = w; v; v = v->parentWidget())
        if (QScreen *s = v->screen()) return s->availableGeometry();
    QScreen *primary = QGuiApplication::primaryScreen();
    return primary ? primary->availableGeometry() : QRect(0, 0, 1366, 728);
}

void fitToScreen(QWidget *window, QSize wanted) {
    // The margin leaves room for the window manager's frame and title bar.
    constexpr int kMargin = 24, kTitleBar = 32;
    const QWidget *parent = window->parentWidget() ? window->parentWidget()->window() : nullptr;
    const QRect screen = availableScreenRect(parent ? parent : window);
    const QSize room(std::max(200, screen.width() - 2 * kMargin), std::max(200, screen.height() - 2 * kMargin - kTitleBar));
    const QSize size = wanted.boundedTo(room);
    window->resize(size);
    const QPoint centre = parent && parent->isVisible() ? parent->geometry().center() : screen.center();
    QRect frame(QPoint(0, 0), size);
    frame.moveCenter(centre);
    // Kept on the screen, title bar included.
    frame.moveLeft(
        std::clamp(frame.left(), screen.left() + kMargin, std::max(screen.left() + kMargin, screen.right() - kMargin - size.width())));
    frame.moveTop(std::clamp(frame.top(), screen.top() + kMargin + kTitleBar,
                             std::max(screen.top() + kMargin + kTitleBar, screen.bottom() - kMargin - size.height())));
    window->move(frame.topLeft());
}

QScrollArea *scrollable(QWidget *content, QWidget *parent) {
    auto *scroll = new QScrollArea(parent);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    return scroll;
}

}  // namespace phm::ui
