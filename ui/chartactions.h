#pragma once
// Save image… (PNG, or PDF by the file's suffix) and Copy image for any chart: a context menu on
// the widget. An image leaves through the governed output like a table: the export is recorded
// (Session::recordExport: the panel and file, never the picture) before it is written, and a Qt
// Charts view is drawn for it with every value of its series published as a count (a bar of a
// suppressed count drawn empty, such a point left out), so a chart of exact small counts never
// leaves as one. Charts that hold no data about people (maturity scores) are saved as shown.
#include "tableactions.h"

#include <QImage>
#include <QObject>

class QMenu;
class QWidget;

namespace phm::ui {

class ChartActions : public QObject {
    Q_OBJECT
public:
    // People: a Qt Charts view, drawn again with its values published; NotPeople: no data about
    // people (maturity scores); Published: drawn from published values only (an alluvial chart
    // of published flows). The last two are saved as shown.
    enum class Content { People, NotPeople, Published };
    ChartActions(QWidget *chart, TableActions::SessionSource session, QString panel, Content content = Content::People);
    // The chart as it may leave (published values), without recording anything.
    QImage image() const;
    // Records and writes the image (PNG; PDF when the path ends in .pdf). An error message, or empty.
    QString saveImage(const QString &path);
    // Records and puts the image on the clipboard; false when nothing may leave.
    bool copyImage();
    QMenu *menu() const { return mMenu; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void saveAsked();
    QWidget *mChart;
    TableActions::SessionSource mSession;
    QString mPanel;
    Content mContent;
    QMenu *mMenu;
};

ChartActions *installChartActions(QWidget *chart, ProjectController *controller, const QString &panel,
                                  ChartActions::Content content = ChartActions::Content::People);

}  // namespace phm::ui
