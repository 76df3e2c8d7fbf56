#include "chartactions.h"

#include "governance/tableexport.h"
#include "projectcontroller.h"

#include <QAbstractBarSeries>
#include <QApplication>
#include <QBarSet>
#include <QChartView>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDir>
#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QXYSeries>
#include <cmath>
#include <functional>

namespace phm::ui {

namespace {
// Replaces every value of the chart's series by its published value for as long as `draw` runs.
QImage publishedGrab(QChartView *view, const core::disclosure::Policy &policy) {
    std::vector<std::function<void()>> restore;
    auto shown = [&policy](double v) {
        const double p = core::disclosure::publish(std::fabs(v), policy);
        return std::isnan(p) ? NAN : std::copysign(p, v);
    };
    for (QAbstractSeries *series : view->chart()->series()) {
        if (auto *bars = qobject_cast<QAbstractBarSeries *>(series)) {
            for (QBarSet *set : bars->barSets()) {
                QList<qreal> before;
                for (int i = 0; i < set->count(); ++i) {
                    before << set->at(i);
                    const double p = shown(set->at(i));
                    set->replace(i, std::isnan(p) ? 0 : p);
                }
                restore.push_back([set, before] {
                    for (int i = 0; i < before.size(); ++i) set->replace(i, before[i]);
                });
            }
        } else if (auto *xy = qobject_cast<QXYSeries *>(series)) {
            const QList<QPointF> before = xy->points();
            QList<QPointF> after;
            for (const QPointF &pt : before)
                if (const double p = shown(pt.y()); !std::isnan(p)) after << QPointF(pt.x(), p);
            xy->replace(after);
            restore.push_back([xy, before] { xy->replace(before); });
        }
    }
    const QImage image = view->grab().toImage();
    for (auto &r : restore) r();
    return image;
}
}  // namespace

ChartActions::ChartActions(QWidget *chart, TableActions::SessionSource session, QString panel, Content content)
    : QObject(chart), mChart(chart), mSession(std::move(session)), mPanel(std::move(panel)), mContent(content), mMenu(new QMenu(chart)) {
    setObjectName(QStringLiteral("chartActions"));
    mMenu->addAction(tr("&Save image…"), this, &ChartActions::saveAsked);
    mMenu->addAction(tr("&Copy image"), this, [this] { copyImage(); });
    chart->installEventFilter(this);
}

bool ChartActions::eventFilter(QObject *watched, QEvent *event) {
    if (watched == mChart && event->type() == QEvent::ContextMenu) {
        mMenu->popup(static_cast<QContextMenuEvent *>(event)->globalPos());
        return true;
    }
    return QObject::eventFilter(watched, event);
}

QImage ChartActions::image() const {
    const core::SessionPtr session = mSession();
    auto *view = qobject_cast<QChartView *>(mChart);
    if (mContent != Content::People) return mChart->grab().toImage();
    if (!session || !view) return {};  // data about people is only drawn published
    return publishedGrab(view, session->policy());
}

QString ChartActions::saveImage(const QString &path) {
    const core::SessionPtr session = mSession();
    if (!session) return tr("No project is open.");
    const QImage picture = image();
    if (picture.isNull()) return tr("This chart cannot be saved.");
    const auto recorded = session->recordExport(QStringLiteral("export-image"), core::tableexport::exportDetail(mPanel, 0, 0, path));
    if (!recorded) return recorded.error().message;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    bool written = false;
    if (path.endsWith(QStringLiteral(".pdf"), Qt::CaseInsensitive)) {
        QPdfWriter pdf(&file);
        pdf.setPageSize(QPageSize(QSizeF(picture.width(), picture.height()), QPageSize::Point));
        pdf.setPageMargins({});
        pdf.setResolution(72);
        QPainter painter(&pdf);
        painter.drawImage(QRectF(0, 0, picture.width(), picture.height()), picture);
        written = painter.end();
    } else {
        written = picture.save(&file, "PNG");
    }
    if (!written || !file.commit()) return tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

bool ChartActions::copyImage() {
    const core::SessionPtr session = mSession();
    const QImage picture = image();
    if (!session || picture.isNull()) return false;
    const auto recorded = session->recordExport(QStringLiteral("copy-image"), core::tableexport::exportDetail(mPanel, 0, 0));
    if (!recorded) {
        QMessageBox::warning(mChart, tr("Copy image"), recorded.error().message);
        return false;
    }
    QApplication::clipboard()->setImage(picture);
    return true;
}

void ChartActions::saveAsked() {
    const QString path = QFileDialog::getSaveFileName(mChart, tr("Save image"), mPanel + QStringLiteral(".png"),
                                                      tr("PNG images (*.png);;PDF documents (*.pdf)"));
    if (path.isEmpty()) return;
    if (const QString error = saveImage(path); !error.isEmpty()) QMessageBox::warning(mChart, tr("Save image"), error);
}

ChartActions *installChartActions(QWidget *chart, ProjectController *controller, const QString &panel, ChartActions::Content content) {
    return new ChartActions(
        chart, [controller] { return controller->session(); }, panel, content);
}

}  // namespace phm::ui
