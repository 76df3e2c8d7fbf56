#pragma once
// Movement between two segmentations (two templates, or one template at two dates) as an
// alluvial chart: the segments of each side stacked in their template's order, each band as wide
// as the people who moved from its left segment to its right one. It draws only what it is given,
// and it is given published flows (suppressed ones are left out and counted), so what it shows
// may leave as it is. Qt Charts has no alluvial series; this paints one with QPainter.
#include <QString>
#include <QStringList>
#include <QWidget>
#include <cmath>
#include <vector>

namespace phm::ui {

struct SegmentFlow {
    QString from, to;
    double count = NAN;  // published; NaN when suppressed
};

class SegmentFlowView : public QWidget {
    Q_OBJECT
public:
    explicit SegmentFlowView(QWidget *parent = nullptr);
    // `left` and `right`: the segments in their templates' order (segments with no one shown are
    // left out); `flows`: from a left segment to a right one.
    void setFlows(const QString &leftTitle, const QString &rightTitle, const QStringList &left, const QStringList &right,
                  std::vector<SegmentFlow> flows);
    const std::vector<SegmentFlow> &flows() const { return mFlows; }
    int suppressed() const { return mSuppressed; }
    double shown() const;  // people in the flows drawn
    QSize sizeHint() const override { return {760, 460}; }
    QSize minimumSizeHint() const override { return {420, 260}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString mLeftTitle, mRightTitle;
    QStringList mLeft, mRight;
    std::vector<SegmentFlow> mFlows;  // shown ones
    int mSuppressed = 0;
};

}  // namespace phm::ui
