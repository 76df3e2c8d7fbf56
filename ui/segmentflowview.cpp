#include "segmentflowview.h"

#include "report/palette.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <map>

namespace phm::ui {

namespace {
// A colour per left segment, by its place in the template.
QColor bandColour(int k) {
    static const QColor colours[] = {report::kNhsBlue, report::kAquaGreen, report::kWarmYellow, report::kPlum, report::kOrange,
                                     report::kPurple,  report::kPink,      report::kDarkGrey,   report::kRed,  report::kNhsDarkBlue};
    return colours[size_t(k) % (sizeof colours / sizeof colours[0])];
}
}  // namespace

SegmentFlowView::SegmentFlowView(QWidget *parent) : QWidget(parent) {
    setObjectName(QStringLiteral("segmentFlows"));
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, Qt::white);
    setPalette(p);
}

void SegmentFlowView::setFlows(const QString &leftTitle, const QString &rightTitle, const QStringList &left, const QStringList &right,
                               std::vector<SegmentFlow> flows) {
    mLeftTitle = leftTitle, mRightTitle = rightTitle;
    mFlows.clear();
    mSuppressed = 0;
    for (SegmentFlow &f : flows) {
        if (std::isnan(f.count)) {
            ++mSuppressed;
            continue;
        }
        if (f.count > 0 && left.contains(f.from) && right.contains(f.to)) mFlows.push_back(std::move(f));
    }
    // Only the segments someone is shown in.
    mLeft.clear(), mRight.clear();
    for (const QString &s : left)
        if (std::any_of(mFlows.begin(), mFlows.end(), [&](const SegmentFlow &f) { return f.from == s; })) mLeft << s;
    for (const QString &s : right)
        if (std::any_of(mFlows.begin(), mFlows.end(), [&](const SegmentFlow &f) { return f.to == s; })) mRight << s;
    update();
}

double SegmentFlowView::shown() const {
    double total = 0;
    for (const SegmentFlow &f : mFlows) total += f.count;
    return total;
}

void SegmentFlowView::paintEvent(QPaintEvent *) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const double total = shown();
    if (total <= 0) {
        painter.setPen(report::kMuted);
        painter.drawText(rect(), Qt::AlignCenter, tr("No movement to show yet."));
        return;
    }
    const QFontMetrics fm(font());
    const double labelWidth = std::min(width() * 0.28, 230.0), node = 12, top = fm.height() * 2.0, bottom = 8;
    const double x0 = labelWidth, x1 = width() - labelWidth - node;
    const double gap = 6, height = std::max(40.0, this->height() - top - bottom);
    auto layout = [&](const QStringList &names, bool left) {
        std::map<QString, std::pair<double, double>> at;  // top, height
        const double usable = height - gap * double(std::max<qsizetype>(0, names.size() - 1));
        double y = top;
        for (const QString &name : names) {
            double n = 0;
            for (const SegmentFlow &f : mFlows) n += (left ? f.from : f.to) == name ? f.count : 0;
            const double h = std::max(1.0, usable * n / total);
            at[name] = {y, h};
            y += h + gap;
        }
        return at;
    };
    auto leftAt = layout(mLeft, true), rightAt = layout(mRight, false);
    const double usable = height - gap * double(std::max<qsizetype>(0, mLeft.size() - 1));
    const double usableRight = height - gap * double(std::max<qsizetype>(0, mRight.size() - 1));
    std::map<QString, double> leftUsed, rightUsed;
    // Bands: each left segment's flows in the right side's order.
    for (qsizetype l = 0; l < mLeft.size(); ++l)
        for (const QString &to : mRight)
            for (const SegmentFlow &f : mFlows) {
                if (f.from != mLeft[l] || f.to != to) continue;
                const double hl = usable * f.count / total, hr = usableRight * f.count / total;
                const double yl = leftAt[f.from].first + leftUsed[f.from], yr = rightAt[f.to].first + rightUsed[f.to];
                leftUsed[f.from] += hl, rightUsed[f.to] += hr;
                const double xa = x0 + node, xb = x1, mid = (xa + xb) / 2;
                QPainterPath band(QPointF(xa, yl));
                band.cubicTo(QPointF(mid, yl), QPointF(mid, yr), QPointF(xb, yr));
                band.lineTo(xb, yr + hr);
                band.cubicTo(QPointF(mid, yr + hr), QPointF(mid, yl + hl), QPointF(xa, yl + hl));
                band.closeSubpath();
                QColor c = bandColour(int(l));
                c.setAlphaF(0.45);
                painter.fillPath(band, c);
            }
    // Nodes and labels.
    auto drawSide = [&](const QStringList &names, const std::map<QString, std::pair<double, double>> &at, bool left) {
        double free = 0;  // labels never overlap: each starts below the one before
        for (qsizetype k = 0; k < names.size(); ++k) {
            const auto [y, h] = at.at(names[k]);
            const QRectF bar(left ? x0 : x1, y, node, h);
            painter.fillRect(bar, left ? bandColour(int(k)) : report::kDarkGrey);
            double n = 0;
            for (const SegmentFlow &f : mFlows) n += (left ? f.from : f.to) == names[k] ? f.count : 0;
            const QString text = fm.elidedText(names[k], Qt::ElideRight, int(labelWidth - 70)) + QStringLiteral("  ") +
                                 QLocale().toString(qlonglong(std::llround(n)));
            const double ty = std::max(y + h / 2 - fm.height() / 2.0, free);
            free = ty + fm.height();
            const QRectF box = left ? QRectF(0, ty, labelWidth - 6, fm.height()) : QRectF(x1 + node + 6, ty, labelWidth - 6, fm.height());
            painter.setPen(report::kText);
            painter.drawText(box, Qt::AlignVCenter | (left ? Qt::AlignRight : Qt::AlignLeft), text);
        }
    };
    drawSide(mLeft, leftAt, true);
    drawSide(mRight, rightAt, false);
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(report::kText);
    const double half = width() / 2.0 - 8;
    painter.drawText(QRectF(0, 0, half, fm.height() * 1.5), Qt::AlignLeft | Qt::AlignVCenter,
                     QFontMetrics(bold).elidedText(mLeftTitle, Qt::ElideRight, int(half)));
    painter.drawText(QRectF(width() - half, 0, half, fm.height() * 1.5), Qt::AlignRight | Qt::AlignVCenter,
                     QFontMetrics(bold).elidedText(mRightTitle, Qt::ElideRight, int(half)));
}

}  // namespace phm::ui
