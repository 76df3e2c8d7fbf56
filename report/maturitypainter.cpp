// The maturity painters of report/maturitypainter.h.
#include "report/maturitypainter.h"

#include "report/palette.h"

#include <QCoreApplication>
#include <QtMath>
#include <algorithm>

namespace phm::report {

namespace {
const QColor &kCurrent = kNhsBlue, &kTarget = kOrange;

// The translation context of the charts' words (lupdate reads the macro's argument).
struct MaturityText {
    Q_DECLARE_TR_FUNCTIONS(phm::report::MaturityPainter)
};

// No chart text is smaller than this, on screen or on paper.
constexpr double kMinPoints = 8.0;

// Fonts sized from the box, so the charts read the same on screen and on an A4 page.
QFont font(const QPainter &p, double points, bool bold = false) {
    QFont f = p.font();
    f.setPointSizeF(std::max(kMinPoints, points));
    f.setBold(bold);
    return f;
}

// How many lines a legend takes within `width` (as legend() wraps it).
int legendLines(const QFontMetricsF &fm, const std::vector<std::pair<QColor, QString>> &entries, double size, double width) {
    int lines = 1;
    double x = 0;
    for (const auto &e : entries) {
        const double w = size * 2 + fm.horizontalAdvance(e.second) + size;
        if (x > 0 && x + w - size > width) {
            ++lines;
            x = 0;
        }
        x += w;
    }
    return lines;
}

// A legend of swatches and labels from `at` (bottom left), wrapped to stay left of `right`: extra
// lines go upwards so the legend keeps its bottom edge.
void legend(QPainter &p, const QPointF &at, const std::vector<std::pair<QColor, QString>> &entries, double size, double right = 1e12) {
    const QFontMetricsF fm(p.font());
    const double lineH = fm.height() * 1.25;
    std::vector<std::vector<std::pair<size_t, double>>> lines(1);  // entry and its x
    double x = at.x();
    for (size_t i = 0; i < entries.size(); ++i) {
        const double w = size * 2 + fm.horizontalAdvance(entries[i].second) + size;
        if (x > at.x() && x + w - size > right) {
            lines.emplace_back();
            x = at.x();
        }
        lines.back().push_back({i, x});
        x += w;
    }
    for (size_t l = 0; l < lines.size(); ++l) {
        const double y = at.y() - lineH * double(lines.size() - 1 - l);
        for (const auto &[i, ex] : lines[l]) {
            p.fillRect(QRectF(ex, y - size * 0.8, size, size * 0.8), entries[i].first);
            p.setPen(kText);
            p.drawText(QPointF(ex + size * 1.3, y), entries[i].second);
        }
    }
}
}  // namespace

namespace {
struct HeatmapLayout {
    QRectF grid;
    double labelWidth, cellW, cellH;
};
HeatmapLayout heatmapLayout(const QRectF &box, const core::maturity::Framework &f, int rows) {
    const double header = box.height() * 0.16, legendH = box.height() * 0.08;
    const double labelWidth = box.width() * 0.28;
    const QRectF grid(box.left() + labelWidth, box.top() + header, box.width() - labelWidth, box.height() - header - legendH);
    const int caps = std::max<int>(1, int(f.capabilities.size()));
    return {grid, labelWidth, grid.width() / caps, rows > 0 ? std::min(grid.height() / rows, box.height() * 0.12) : 0};
}
}  // namespace

void drawHeatmap(QPainter &p, const QRectF &box, const core::maturity::Framework &f, const std::vector<HeatmapRow> &rows) {
    p.save();
    const HeatmapLayout l = heatmapLayout(box, f, int(rows.size()));
    const double points = std::clamp(l.cellH * 0.3 * 72.0 / std::max(1, p.device()->logicalDpiY()), kMinPoints, 10.0);
    p.setFont(font(p, points, true));
    p.setPen(kText);
    for (size_t c = 0; c < f.capabilities.size(); ++c) {
        const QRectF head(l.grid.left() + double(c) * l.cellW, box.top(), l.cellW, l.grid.top() - box.top());
        p.drawText(head.adjusted(2, 0, -2, -2), Qt::AlignHCenter | Qt::AlignBottom | Qt::TextWordWrap, f.capabilities[c].name);
    }
    p.setFont(font(p, points));
    // Rows lower than the text: every step-th row named, so names never overlap.
    const size_t step = l.cellH > 0 ? size_t(std::max(1.0, std::ceil(QFontMetricsF(p.font()).height() * 0.9 / l.cellH))) : 1;
    for (size_t r = 0; r < rows.size(); ++r) {
        const double y = l.grid.top() + double(r) * l.cellH;
        p.setPen(kText);
        if (r % step == 0)
            p.drawText(QRectF(box.left(), y, l.labelWidth - 4, l.cellH), Qt::AlignRight | Qt::AlignVCenter,
                       QFontMetricsF(p.font()).elidedText(rows[r].label, Qt::ElideMiddle, l.labelWidth - 4));
        for (size_t c = 0; c < f.capabilities.size(); ++c) {
            const int level = c < rows[r].levels.size() ? rows[r].levels[c] : -1;
            const QRectF cell(l.grid.left() + double(c) * l.cellW, y, l.cellW, l.cellH);
            const QColor colour = levelColour(level, int(f.levels.size()));
            p.fillRect(cell.adjusted(1, 1, -1, -1), colour);
            // The level's name where it fits the cell (the legend names the colours otherwise).
            const QFontMetricsF fm(p.font());
            if (fm.height() > cell.height()) continue;
            p.setPen(colour.lightness() < 140 ? Qt::white : kText);
            const QString text = level >= 0 ? f.levels[level] : MaturityText::tr("not assessed");
            p.drawText(cell, Qt::AlignCenter, fm.elidedText(text, Qt::ElideRight, cell.width() - 4));
        }
    }
    // Legend: the levels.
    std::vector<std::pair<QColor, QString>> entries;
    for (int k = 0; k < f.levels.size(); ++k) entries.push_back({levelColour(k, int(f.levels.size())), f.levels[k]});
    entries.push_back({levelColour(-1, 0), MaturityText::tr("not assessed")});
    legend(p, QPointF(l.grid.left(), box.bottom() - 2), entries, QFontMetricsF(p.font()).height() * 0.9, box.right());
    p.restore();
}

std::pair<int, int> heatmapCellAt(const QRectF &box, const core::maturity::Framework &f, int rows, const QPointF &pos) {
    const HeatmapLayout l = heatmapLayout(box, f, rows);
    if (l.cellH <= 0 || pos.x() < l.grid.left() || pos.y() < l.grid.top()) return {-1, -1};
    const int r = int((pos.y() - l.grid.top()) / l.cellH), c = int((pos.x() - l.grid.left()) / l.cellW);
    if (r >= rows || c >= int(f.capabilities.size())) return {-1, -1};
    return {r, c};
}

void drawRadar(QPainter &p, const QRectF &box, const core::maturity::Framework &f, const core::maturity::Assessment &a) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    const int n = int(f.capabilities.size()), levels = int(f.levels.size());
    const double legendH = QFontMetricsF(font(p, 8)).height() * 1.6;
    const QRectF area = box.adjusted(0, 0, 0, -legendH);
    const QPointF centre = area.center();
    // Each capability's label, measured: as wide as its longest word, or wider up to a third of the
    // box, and wrapped within that width.
    const QFont labelFont = font(p, 8, true);
    const QFontMetricsF lfm(labelFont);
    std::vector<QSizeF> sizes;
    for (const core::maturity::Capability &c : f.capabilities) {
        double word = 0;
        for (const QString &w : c.name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) word = std::max(word, lfm.horizontalAdvance(w));
        const double width = std::max(word, std::min(lfm.horizontalAdvance(c.name), box.width() / 3)) + 2;
        sizes.push_back(lfm.boundingRect(QRectF(0, 0, width, 1e4), Qt::AlignCenter | Qt::TextWordWrap, c.name).size() + QSizeF(2, 0));
    }
    auto angleOf = [n](int capability) { return -M_PI / 2 + 2 * M_PI * capability / std::max(1, n); };
    // A label sits outside the outer ring, on its spoke, its nearest edge a gap away from the ring.
    auto labelRect = [&](int c, double radius) {
        const double angle = angleOf(c), gap = lfm.height() * 0.3;
        const QPointF at(centre.x() + (radius + gap) * std::cos(angle), centre.y() + (radius + gap) * std::sin(angle));
        const QSizeF sz = sizes[size_t(c)];
        return QRectF(at.x() - sz.width() / 2 + std::cos(angle) * sz.width() / 2,
                      at.y() - sz.height() / 2 + std::sin(angle) * sz.height() / 2, sz.width(), sz.height());
    };
    // The largest radius at which every label is inside the chart.
    double radius = std::min(area.width(), area.height()) / 2;
    for (int tries = 0; tries < 60 && radius > 10; ++tries) {
        bool fits = true;
        for (int c = 0; c < n && fits; ++c) fits = area.contains(labelRect(c, radius));
        if (fits) break;
        radius *= 0.95;
    }
    auto point = [&](int capability, double level) {
        const double angle = angleOf(capability);
        const double r = radius * (level + 1) / levels;
        return QPointF(centre.x() + r * std::cos(angle), centre.y() + r * std::sin(angle));
    };
    p.setFont(font(p, 8));
    // Rings for the levels, spokes for the capabilities.
    for (int k = 0; k < levels; ++k) {
        QPolygonF ring;
        for (int c = 0; c < n; ++c) ring << point(c, k);
        p.setPen(QPen(kGrid, 0));
        p.setBrush(Qt::NoBrush);
        p.drawPolygon(ring);
        p.setPen(kMuted);  // along the first spoke, just right of it
        p.drawText(point(0, k) + QPointF(3, QFontMetricsF(p.font()).height() * 0.9), f.levels[k]);
    }
    p.setFont(labelFont);
    for (int c = 0; c < n; ++c) {
        p.setPen(QPen(kGrid, 0));
        p.drawLine(centre, point(c, levels - 1));
        p.setPen(kText);
        p.drawText(labelRect(c, radius), Qt::AlignCenter | Qt::TextWordWrap, f.capabilities[size_t(c)].name);
    }
    auto shape = [&](bool target, const QColor &colour, Qt::PenStyle style) {
        QPolygonF poly;
        for (int c = 0; c < n; ++c) {
            const core::maturity::Rating *r = a.rating(f.capabilities[size_t(c)].name);
            const int level = !r ? -1 : target ? (r->target >= 0 ? r->target : r->current) : r->current;
            poly << point(c, std::max(level, -1));
        }
        QColor fill = colour;
        fill.setAlphaF(target ? 0.0f : 0.25f);
        p.setBrush(fill);
        p.setPen(QPen(colour, std::max(1.0, radius / 80), style));
        p.drawPolygon(poly);
    };
    shape(true, kTarget, Qt::DashLine);
    shape(false, kCurrent, Qt::SolidLine);
    p.setFont(font(p, 8));
    legend(p, QPointF(box.left() + 4, box.bottom() - 4), {{kCurrent, MaturityText::tr("current")}, {kTarget, MaturityText::tr("target")}},
           QFontMetricsF(p.font()).height() * 0.9);
    p.restore();
}

void drawTimeline(QPainter &p, const QRectF &box, const core::maturity::Framework &f,
                  const std::vector<core::maturity::Assessment> &history) {
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.setFont(font(p, 8));
    const QFontMetricsF fm(p.font());
    const int levels = int(f.levels.size());
    double left = 0;
    for (const QString &level : f.levels) left = std::max(left, fm.horizontalAdvance(level));
    left += 8;
    const int n = int(f.capabilities.size());
    std::vector<std::pair<QColor, QString>> entries;
    for (int c = 0; c < n; ++c)
        entries.push_back({QColor::fromHsvF(float(c) / float(std::max(1, n)), 0.75f, 0.75f), f.capabilities[size_t(c)].name});
    const int legendRows = legendLines(fm, entries, fm.height() * 0.9, box.width());
    const QRectF plot = box.adjusted(left, fm.height(), -fm.height(), -fm.height() * (2.2 + 1.25 * legendRows));
    p.setPen(kMuted);
    for (int k = 0; k < levels; ++k) {
        const double y = plot.bottom() - plot.height() * (k + 0.5) / levels;
        p.setPen(QPen(kGrid, 0));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(kMuted);
        p.drawText(QRectF(box.left(), y - fm.height() / 2, left - 6, fm.height()), Qt::AlignRight | Qt::AlignVCenter, f.levels[k]);
    }
    if (history.empty()) {
        p.drawText(plot, Qt::AlignCenter, MaturityText::tr("No assessment yet"));
        p.restore();
        return;
    }
    const QDate first = history.front().assessedOn, last = history.back().assessedOn;
    const double span = std::max<qint64>(1, first.daysTo(last));
    auto x = [&](const QDate &d) {
        return history.size() == 1 ? plot.center().x() : plot.left() + plot.width() * double(first.daysTo(d)) / span;
    };
    for (const auto &a : history) {
        p.setPen(kMuted);
        const QString label = a.assessedOn.toString(QStringLiteral("MMM yyyy"));
        const double w = fm.horizontalAdvance(label) + 4;
        const double cx = std::clamp(x(a.assessedOn), box.left() + w / 2, box.right() - w / 2);  // whole labels at the ends
        p.drawText(QRectF(cx - w / 2, plot.bottom() + 2, w, fm.height()), Qt::AlignCenter, label);
    }
    const double line = std::max(1.0, box.width() / 250), dot = std::max(3.0, box.width() / 120);  // the same look at any resolution
    for (int c = 0; c < n; ++c) {
        const QColor colour = entries[size_t(c)].first;
        QPolygonF points;
        for (const auto &a : history)
            if (const core::maturity::Rating *r = a.rating(f.capabilities[size_t(c)].name); r && r->current >= 0)
                points << QPointF(x(a.assessedOn), plot.bottom() - plot.height() * (r->current + 0.5) / levels + (c - n / 2.0) * line);
        p.setPen(QPen(colour, line));
        p.drawPolyline(points);
        p.setBrush(colour);
        for (const QPointF &pt : points) p.drawEllipse(pt, dot / 2, dot / 2);
    }
    legend(p, QPointF(box.left(), box.bottom() - 2), entries, fm.height() * 0.9, box.right());
    p.restore();
}

void drawComparison(QPainter &p, const QRectF &box, const core::maturity::Framework &f, const std::vector<ComparisonRow> &rows) {
    p.save();
    p.setFont(font(p, 8));
    const QFontMetricsF fm(p.font());
    const double labelWidth = box.width() * 0.3, legendH = fm.height() * 1.6;
    const QRectF plot(box.left() + labelWidth, box.top() + fm.height(), box.width() - labelWidth - 8, box.height() - fm.height() - legendH);
    const int levels = int(f.levels.size());
    for (int k = 0; k < levels; ++k) {
        const double xk = plot.left() + plot.width() * (k + 0.5) / levels;
        p.setPen(QPen(kGrid, 0));
        p.drawLine(QPointF(xk, plot.top()), QPointF(xk, plot.bottom()));
        p.setPen(kMuted);
        const double w = fm.horizontalAdvance(f.levels[k]) + 4;
        p.drawText(QRectF(xk - w / 2, box.top(), w, fm.height()), Qt::AlignCenter, f.levels[k]);
    }
    const double rowH = rows.empty() ? 0 : std::min(plot.height() / double(rows.size()), fm.height() * 2.2);
    auto x = [&](double level) { return plot.left() + plot.width() * (level + 0.5) / levels; };
    for (size_t r = 0; r < rows.size(); ++r) {
        const double y = plot.top() + double(r) * rowH;
        p.setPen(kText);
        p.drawText(QRectF(box.left(), y, labelWidth - 6, rowH), Qt::AlignRight | Qt::AlignVCenter,
                   fm.elidedText(rows[r].label, Qt::ElideRight, labelWidth - 6));
        if (rows[r].current < 0) {
            p.setPen(kMuted);
            p.drawText(QRectF(plot.left(), y, plot.width(), rowH), Qt::AlignLeft | Qt::AlignVCenter, MaturityText::tr("not assessed"));
            continue;
        }
        p.fillRect(QRectF(plot.left(), y + rowH * 0.2, x(rows[r].current) - plot.left(), rowH * 0.6), kCurrent);
        if (rows[r].target >= 0) {
            p.setPen(QPen(kTarget, std::max(2.0, rowH / 8)));
            p.drawLine(QPointF(x(rows[r].target), y + rowH * 0.1), QPointF(x(rows[r].target), y + rowH * 0.9));
        }
    }
    legend(p, QPointF(plot.left(), box.bottom() - 2),
           {{kCurrent, MaturityText::tr("mean current level")}, {kTarget, MaturityText::tr("mean target")}}, fm.height() * 0.9);
    p.restore();
}

}  // namespace phm::report
