#pragma once
// Sizes that fit a laptop (1366×768 with a task bar): a dialog is never larger than the screen it
// opens on, and a tall form scrolls instead of pushing its buttons off the screen.
#include <QRect>
#include <QSize>

class QScrollArea;
class QWidget;

namespace phm::ui {

// The available geometry (without task bars and docks) of the screen `w` is on, or its parent's,
// or the primary screen's.
QRect availableScreenRect(const QWidget *w);

// Resizes the top-level `window` to `wanted`, cut to the available screen less a margin on each
// side, and centres it on its parent (on the screen when it has none).
void fitToScreen(QWidget *window, QSize wanted);

// `content` in a frameless vertical scroll area that resizes it to its width: a tall form keeps
// its layout and scrolls when the window is shorter than the form.
QScrollArea *scrollable(QWidget *content, QWidget *parent = nullptr);

}  // namespace phm::ui
