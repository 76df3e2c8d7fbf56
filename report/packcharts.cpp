// The charts of report/packcharts.h.
#include "report/packcharts.h"
#include "report/niceticks.h"

#include "geo/boundaries.h"
#include "stats/classbreaks.h"

#include <QPainterPath>

namespace phm::report::pack {

namespace {
// The translation context of the charts' words (lupdate reads the macro's argument).
struct ChartText {
    Q_DECLARE_TR_FUNCTIONS(phm::report::pack::Charts)
};
}  // namespace

// Population pyramid: men left, women right, 19 five-year bands, suppressed bands hatched.
void pyramid(Writer &w, const core::PackData &pack, const QRectF &box) {
    if (w.measuring()) return;  // a fixed box: nothing to measure
    QPainter &p = w.painter();
    double top = 0;
    for (int b = 0; b < core::kPyramidBands; ++b)
        for (double v : {pack.male[size_t(b)], pack.female[size_t(b)]})
            if (!std::isnan(v)) top = std::max(top, v);
    if (top <= 0) return;
    const double labelWidth = mm(14), half = (box.width() - labelWidth) / 2, rowH = box.height() / core::kPyramidBands;
    const double mid = box.left() + half;
    w.font(8);
    for (int b = 0; b < core::kPyramidBands; ++b) {
        const double y = box.bottom() - (b + 1) * rowH;
        const double m = pack.male[size_t(b)], f = pack.female[size_t(b)];
        auto bar = [&](double v, bool left, const QColor &c) {
            if (std::isnan(v)) {
                p.setPen(QPen(kMuted, mm(0.2)));
                p.setBrush(QBrush(kMuted, Qt::BDiagPattern));
                const double wdt = mm(3);
                p.drawRect(left ? QRectF(mid - wdt, y + rowH * 0.1, wdt, rowH * 0.8)
                                : QRectF(mid + labelWidth, y + rowH * 0.1, wdt, rowH * 0.8));
                return;
            }
            const double wdt = v / top * (half - mm(2));
            p.setPen(Qt::NoPen);
            p.setBrush(c);
            p.drawRect(left ? QRectF(mid - wdt, y + rowH * 0.1, wdt, rowH * 0.8)
                            : QRectF(mid + labelWidth, y + rowH * 0.1, wdt, rowH * 0.8));
        };
        bar(m, true, kNhsBlue);
        bar(f, false, kPink);
        p.setPen(kText);
        p.drawText(QRectF(mid, y, labelWidth, rowH), Qt::AlignCenter, core::Pyramid::bandLabel(b));
    }
    w.font(8, true);
    p.drawText(QRectF(box.left(), box.top() - mm(6), half, mm(5)), Qt::AlignLeft, ChartText::tr("Men"));
    p.drawText(QRectF(mid + labelWidth, box.top() - mm(6), half, mm(5)), Qt::AlignRight, ChartText::tr("Women"));
}

// Horizontal bars with optional intervals, labels on the left.
void bars(Writer &w, const QRectF &box, const std::vector<core::PackRow> &rows, const std::vector<std::pair<double, double>> &limits,
          bool percent, const QColor &colour) {
    if (w.measuring()) return;  // a fixed box: nothing to measure
    QPainter &p = w.painter();
    double top = 0;
    for (size_t i = 0; i < rows.size(); ++i) {
        const double v = percent ? rows[i].percent : rows[i].count;
        if (!std::isnan(v)) top = std::max(top, v);
        if (i < limits.size() && !std::isnan(limits[i].second)) top = std::max(top, limits[i].second);
    }
    if (top <= 0 || rows.empty()) return;
    const double labelW = mm(34), valueW = mm(20), rowH = box.height() / double(rows.size());
    const double x0 = box.left() + labelW, span = box.width() - labelW - valueW;
    w.font(8);
    for (size_t i = 0; i < rows.size(); ++i) {
        const double y = box.top() + i * rowH, v = percent ? rows[i].percent : rows[i].count;
        p.setPen(kText);
        p.drawText(QRectF(box.left(), y, labelW - mm(2), rowH), Qt::AlignRight | Qt::AlignVCenter, rows[i].label);
        if (!std::isnan(v)) {
            p.fillRect(QRectF(x0, y + rowH * 0.15, v / top * span, rowH * 0.7), colour);
            if (i < limits.size() && !std::isnan(limits[i].first)) {
                p.setPen(QPen(kText, mm(0.35)));
                const double a = x0 + limits[i].first / top * span, b = x0 + limits[i].second / top * span;
                p.drawLine(QPointF(a, y + rowH / 2), QPointF(b, y + rowH / 2));
                p.drawLine(QPointF(a, y + rowH * 0.3), QPointF(a, y + rowH * 0.7));
                p.drawLine(QPointF(b, y + rowH * 0.3), QPointF(b, y + rowH * 0.7));
            }
        }
        p.setPen(kText);
        p.drawText(QRectF(box.right() - valueW, y, valueW, rowH), Qt::AlignRight | Qt::AlignVCenter,
                   percent ? (std::isnan(v) ? QStringLiteral("*") : QLocale().toString(v, 'f', 1) + QStringLiteral("%")) : number(v, 0));
    }
}

// A spine: the peers' range and interquartile band, the ICS line, the area as a coloured dot.
void spine(QPainter &p, const QRectF &r, const core::PackIndicator &pi) {
    const core::PeerRange &s = pi.peers;
    if (s.areas < 2 || std::isnan(pi.value.value) || std::isnan(pi.icsValue)) return;
    const double half = std::max({std::abs(s.max - pi.icsValue), std::abs(pi.icsValue - s.min), 1e-12});
    auto x = [&](double v) { return r.center().x() + (v - pi.icsValue) / half * r.width() / 2; };
    p.setPen(Qt::NoPen);
    p.setBrush(kSpineRange);
    p.drawRect(QRectF(QPointF(x(s.min), r.top()), QPointF(x(s.max), r.bottom())));
    p.setBrush(kSpineQuartiles);
    p.drawRect(QRectF(QPointF(x(s.q25), r.top()), QPointF(x(s.q75), r.bottom())));
    p.setPen(QPen(Qt::black, mm(0.3)));
    p.drawLine(QPointF(r.center().x(), r.top() - mm(0.5)), QPointF(r.center().x(), r.bottom() + mm(0.5)));
    p.setBrush(significanceColour(pi.vsIcs));
    p.drawEllipse(QPointF(x(pi.value.value), r.center().y()), r.height() / 2, r.height() / 2);
}

// The slope index in words: SII is the modelled value at the least deprived end minus the most
// deprived end, so a negative SII means higher values among the most deprived.
QString siiSentence(const core::PackData &pack) {
    const bool higherInDeprived = pack.sii < 0;
    return ChartText::tr(
               "%1 is %2 %3 (95% CI %4 to %5) among the most deprived than the least deprived, by the slope index of inequality "
               "across IMD quintiles.")
        .arg(pack.inequalityIndicator, number(std::abs(pack.sii), 0), higherInDeprived ? ChartText::tr("higher") : ChartText::tr("lower"),
             number(std::min(std::abs(pack.siiLower), std::abs(pack.siiUpper)), 0),
             number(std::max(std::abs(pack.siiLower), std::abs(pack.siiUpper)), 0));
}

// A funnel plot in a box: limits as dashed (95%) and dotted (99.8%) lines, peers as dots, this
// area larger in orange, the average as a solid line.
void funnel(Writer &w, const QRectF &outer, const core::FunnelPlot &f) {
    if (w.measuring()) return;  // a fixed box: nothing to measure
    QPainter &p = w.painter();
    w.font(8.5, true);
    p.drawText(QRectF(outer.left(), outer.top(), outer.width(), mm(8)), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, f.indicator);
    const QRectF box = outer.adjusted(mm(12), mm(10), -mm(2), -mm(9));
    if (f.points.empty()) return;
    double xMax = 0, lo = INFINITY, hi = -INFINITY, xMin = INFINITY;
    for (const auto &pt : f.points) {
        xMax = std::max(xMax, pt.x);
        xMin = std::min(xMin, pt.x);
        lo = std::min(lo, pt.y);
        hi = std::max(hi, pt.y);
    }
    xMax *= 1.05;
    for (const auto &l : f.limits)
        if (l.x >= xMin * 0.5 && l.x <= xMax)
            for (double v : {l.lower998, l.upper998})
                if (!std::isnan(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
    const double pad = (hi - lo) * 0.08 + 1e-9;
    // Round ticks; the axes run from tick to tick.
    const Ticks yTicks = niceTicks(std::max(0.0, lo - pad), hi + pad, 5);
    const Ticks xTicks = niceTicks(0, xMax, 5);
    lo = yTicks.lo;
    hi = yTicks.hi;
    xMax = xTicks.hi;
    auto X = [&](double x) { return box.left() + x / xMax * box.width(); };
    auto Y = [&](double y) { return box.bottom() - (y - lo) / (hi - lo) * box.height(); };
    p.setPen(QPen(kFrame, mm(0.2)));
    p.setBrush(Qt::NoBrush);
    p.drawRect(box);
    w.font(8);
    p.setPen(kMuted);
    for (double yv : yTicks.values())
        p.drawText(QRectF(outer.left(), Y(yv) - mm(2), mm(11), mm(4)), Qt::AlignRight | Qt::AlignVCenter, number(yv, yTicks.decimals));
    for (double xv : xTicks.values())
        p.drawText(QRectF(X(xv) - mm(8), box.bottom() + mm(0.5), mm(16), mm(4)), Qt::AlignCenter, number(xv, xTicks.decimals));
    p.drawText(QRectF(box.left(), box.bottom() + mm(4), box.width(), mm(4)), Qt::AlignCenter, f.xLabel);
    p.save();
    p.setClipRect(box);
    auto curve = [&](double core::FunnelPlot::Limit::*member, const QPen &pen) {
        std::vector<QPointF> pts;
        for (const auto &l : f.limits)
            if (!std::isnan(l.*member) && l.x <= xMax) pts.emplace_back(X(l.x), Y(l.*member));
        std::sort(pts.begin(), pts.end(), [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
        p.setPen(pen);
        if (pts.size() > 1) p.drawPolyline(pts.data(), int(pts.size()));
    };
    curve(&core::FunnelPlot::Limit::lower95, QPen(kText, mm(0.25), Qt::DashLine));
    curve(&core::FunnelPlot::Limit::upper95, QPen(kText, mm(0.25), Qt::DashLine));
    curve(&core::FunnelPlot::Limit::lower998, QPen(kText, mm(0.25), Qt::DotLine));
    curve(&core::FunnelPlot::Limit::upper998, QPen(kText, mm(0.25), Qt::DotLine));
    p.setPen(QPen(Qt::black, mm(0.35)));
    p.drawLine(QPointF(box.left(), Y(f.baseline)), QPointF(box.right(), Y(f.baseline)));
    for (const auto &pt : f.points) {
        p.setPen(QPen(Qt::white, mm(0.15)));
        p.setBrush(pt.self ? kWarmYellow : kNhsBlue);
        const double r = pt.self ? mm(1.6) : mm(0.9);
        p.drawEllipse(QPointF(X(pt.x), Y(pt.y)), r, r);
    }
    p.restore();
}

// The area's LSOAs, filled by ICS-wide quintile, with a legend and the boundary attribution.
void map(Writer &w, const QRectF &box, const core::PackMap &m) {
    if (w.measuring()) return;  // a fixed box: nothing to measure
    QPainter &p = w.painter();
    const core::Boundaries &b = core::lsoaBoundaries();
    QRectF bounds;
    for (int s : m.shapes) bounds = bounds.isNull() ? b.shapes[size_t(s)].bounds : bounds.united(b.shapes[size_t(s)].bounds);
    if (bounds.isNull()) return;
    const double scale = std::min(box.width() / bounds.width(), box.height() / bounds.height());
    const QPointF origin(box.center().x() - bounds.center().x() * scale, box.center().y() + bounds.center().y() * scale);
    const int classes = std::max(1, int(m.breaks.size()) - 1);
    for (size_t i = 0; i < m.shapes.size(); ++i) {
        QPainterPath path;
        path.setFillRule(Qt::OddEvenFill);
        for (const auto &ring : b.shapes[size_t(m.shapes[i])].rings) {
            path.moveTo(origin.x() + ring.front().x() * scale, origin.y() - ring.front().y() * scale);
            for (size_t k = 1; k < ring.size(); ++k) path.lineTo(origin.x() + ring[k].x() * scale, origin.y() - ring[k].y() * scale);
            path.closeSubpath();
        }
        const int k = core::classOf(m.values[i], m.breaks);
        p.setPen(QPen(Qt::white, mm(0.15)));
        p.setBrush(k < 0 ? kNoValue : sequentialColour(k, classes));
        p.drawPath(path);
    }
    // Legend below the map.
    double y = box.bottom() + mm(4);
    w.font(8, true);
    p.drawText(QPointF(box.left(), y), ChartText::tr("%1, ICS-wide quintiles").arg(m.indicator));
    w.font(8);
    for (int k = 0; k < classes && m.breaks.size() >= 2; ++k) {
        y += mm(4.5);
        p.fillRect(QRectF(box.left(), y - mm(3), mm(5), mm(3.2)), sequentialColour(k, classes));
        p.setPen(kText);
        p.drawText(QPointF(box.left() + mm(7), y),
                   ChartText::tr("%1 to %2").arg(number(m.breaks[size_t(k)]), number(m.breaks[size_t(k) + 1])));
    }
    y += mm(4.5);
    p.fillRect(QRectF(box.left(), y - mm(3), mm(5), mm(3.2)), kNoValue);
    p.drawText(QPointF(box.left() + mm(7), y), ChartText::tr("suppressed or no value"));
    w.setY(y + mm(4));
    w.text(core::boundaryAttribution(), 8, false, kMuted);
}

}  // namespace phm::report::pack
