#include "packwriter.h"

#include "boundaries.h"
#include "classbreaks.h"
#include "disclosurepolicy.h"
#include "maturitycharts.h"
#include "profilemodel.h"
#include "users.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QTextDocument>
#include <cmath>

namespace phm::ui {

namespace {

constexpr int kDpi = 300;
constexpr int kDefinitionsPerPage = 14;
const QColor kNhsBlue(0x00, 0x5E, 0xB8), kDark(0x21, 0x2B, 0x32), kGrey(0x76, 0x86, 0x92);

double mm(double v) { return v * kDpi / 25.4; }

QString tr(const char *text) { return QCoreApplication::translate("phm::ui::PackWriter", text); }

QString number(double v, int decimals = 0) { return std::isnan(v) ? QStringLiteral("*") : QLocale().toString(v, 'f', decimals); }

// Where the pages go: a PDF, or images for the preview. Layout units are kDpi dots per inch on
// A4 in both, so one layout serves both.
class PageSink {
public:
    virtual ~PageSink() = default;
    virtual bool begin(QPainter &painter) = 0;
    virtual void newPage(QPainter &painter) = 0;
    QSizeF size() const { return {mm(210), mm(297)}; }
};

class PdfSink final : public PageSink {
public:
    explicit PdfSink(QPdfWriter &pdf) : mPdf(pdf) {}
    bool begin(QPainter &painter) override { return painter.begin(&mPdf); }
    void newPage(QPainter &) override { mPdf.newPage(); }

private:
    QPdfWriter &mPdf;
};

// Pages as images at `dpi`: each image reports kDpi so fonts in points take the same room as in
// the PDF, and the painter scales the layout down to the image.
class ImageSink final : public PageSink {
public:
    explicit ImageSink(double dpi) : mScale(dpi / kDpi) {}
    bool begin(QPainter &painter) override { return addPage(painter); }
    void newPage(QPainter &painter) override {
        painter.end();
        addPage(painter);
    }
    std::vector<QImage> takePages() { return std::move(mPages); }

private:
    bool addPage(QPainter &painter) {
        QImage page((size() * mScale).toSize(), QImage::Format_RGB32);
        page.fill(Qt::white);
        page.setDotsPerMeterX(int(std::lround(kDpi / 0.0254)));
        page.setDotsPerMeterY(int(std::lround(kDpi / 0.0254)));
        mPages.push_back(std::move(page));
        if (!painter.begin(&mPages.back())) return false;
        painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
        painter.scale(mScale, mScale);
        return true;
    }
    double mScale;
    std::vector<QImage> mPages;
};

class Writer {
public:
    Writer(PageSink &sink, const core::PackData &pack, int pages) : mSink(sink), mPack(pack), mPages(pages) {
        mOk = sink.begin(mPainter);
        mPage = QRectF(mm(18), mm(16), sink.size().width() - mm(36), sink.size().height() - mm(34));
    }
    bool ok() const { return mOk; }
    void newPage() {
        footer();
        mSink.newPage(mPainter);
        ++mPageNo;
        mY = mPage.top();
    }
    void finish() {
        footer();
        mPainter.end();
    }
    int page() const { return mPageNo; }

    void font(double points, bool bold = false, const QColor &colour = kDark) {
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setPointSizeF(points);
        f.setBold(bold);
        mPainter.setFont(f);
        mPainter.setPen(colour);
    }
    // Wrapped text at the cursor; returns its height.
    double text(const QString &s, double points, bool bold = false, const QColor &colour = kDark, double indent = 0) {
        font(points, bold, colour);
        const QRectF box(mPage.left() + indent, mY, mPage.width() - indent, mPage.bottom() - mY);
        const QRectF used = mPainter.boundingRect(box, Qt::TextWordWrap, s);
        mPainter.drawText(box, Qt::TextWordWrap, s);
        mY += used.height();
        return used.height();
    }
    void heading(const QString &s) {
        text(s, 18, true, kNhsBlue);
        mPainter.setPen(QPen(kNhsBlue, mm(0.5)));
        mPainter.drawLine(QPointF(mPage.left(), mY + mm(1)), QPointF(mPage.right(), mY + mm(1)));
        mY += mm(5);
    }
    void gap(double millimetres) { mY += mm(millimetres); }
    double y() const { return mY; }
    QRectF area() const { return mPage; }
    QPainter &painter() { return mPainter; }
    void setY(double y) { mY = y; }

    // A table: header and rows of cells; columns as fractions of the width; right-aligned
    // columns flagged. Cells may carry a background colour.
    struct Cell {
        QString text;
        QColor background;
    };
    void table(const QStringList &header, const std::vector<std::vector<Cell>> &rows, const std::vector<double> &widths,
               const std::vector<bool> &right, double points = 8.5, double rowMm = 6.2) {
        auto drawRow = [&](const std::vector<Cell> &cells, bool bold) {
            double x = mPage.left();
            for (size_t c = 0; c < cells.size() && c < widths.size(); ++c) {
                const QRectF box(x, mY, widths[c] * mPage.width(), mm(rowMm));
                if (cells[c].background.isValid()) mPainter.fillRect(box.adjusted(0, mm(0.4), 0, -mm(0.4)), cells[c].background);
                font(points, bold, cells[c].background.isValid() && cells[c].background.lightness() < 140 ? Qt::white : kDark);
                mPainter.drawText(box.adjusted(mm(1), 0, -mm(1), 0), Qt::AlignVCenter | (right[c] ? Qt::AlignRight : Qt::AlignLeft),
                                  mPainter.fontMetrics().elidedText(cells[c].text, Qt::ElideRight, int(box.width() - mm(2))));
                x += box.width();
            }
            mY += mm(rowMm);
        };
        std::vector<Cell> head;
        for (const QString &h : header) head.push_back({h, QColor(0xE8, 0xED, 0xEE)});
        drawRow(head, true);
        for (const auto &r : rows) drawRow(r, false);
        mY += mm(2);
    }

private:
    void footer() {
        font(7, false, kGrey);
        const QRectF box(mPage.left(), mSink.size().height() - mm(14), mPage.width(), mm(10));
        mPainter.setPen(QPen(QColor(0xD8, 0xDD, 0xE0), mm(0.3)));
        mPainter.drawLine(box.topLeft(), box.topRight());
        mPainter.setPen(kGrey);
        const QLocale l;
        const QString left = tr("%1 · data %2 to %3 · source: linked pseudonymised extract (synthetic demo data) · %4")
                                 .arg(mPack.areaName, l.toString(QDate(1970, 1, 1).addDays(mPack.periodStart), QLocale::ShortFormat),
                                      l.toString(QDate(1970, 1, 1).addDays(mPack.periodEnd), QLocale::ShortFormat), mPack.policy);
        mPainter.drawText(box.adjusted(0, mm(1), -mm(25), 0), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, left);
        mPainter.drawText(box.adjusted(0, mm(1), 0, 0), Qt::AlignRight | Qt::AlignTop, tr("Page %1 of %2").arg(mPageNo).arg(mPages));
    }

    PageSink &mSink;
    const core::PackData &mPack;
    int mPages;
    QPainter mPainter;
    bool mOk = false;
    QRectF mPage;
    double mY = 0;
    int mPageNo = 1;
};

// Population pyramid: men left, women right, 19 five-year bands, suppressed bands hatched.
void pyramid(Writer &w, const core::PackData &pack, const QRectF &box) {
    QPainter &p = w.painter();
    double top = 0;
    for (int b = 0; b < core::kPyramidBands; ++b)
        for (double v : {pack.male[size_t(b)], pack.female[size_t(b)]})
            if (!std::isnan(v)) top = std::max(top, v);
    if (top <= 0) return;
    const double labelWidth = mm(14), half = (box.width() - labelWidth) / 2, rowH = box.height() / core::kPyramidBands;
    const double mid = box.left() + half;
    w.font(6.5);
    for (int b = 0; b < core::kPyramidBands; ++b) {
        const double y = box.bottom() - (b + 1) * rowH;
        const double m = pack.male[size_t(b)], f = pack.female[size_t(b)];
        auto bar = [&](double v, bool left, const QColor &c) {
            if (std::isnan(v)) {
                p.setPen(QPen(kGrey, mm(0.2)));
                p.setBrush(QBrush(kGrey, Qt::BDiagPattern));
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
        bar(m, true, QColor(0x00, 0x5E, 0xB8));
        bar(f, false, QColor(0xAE, 0x25, 0x73));
        p.setPen(kDark);
        p.drawText(QRectF(mid, y, labelWidth, rowH), Qt::AlignCenter, core::Pyramid::bandLabel(b));
    }
    w.font(8, true);
    p.drawText(QRectF(box.left(), box.top() - mm(6), half, mm(5)), Qt::AlignLeft, tr("Men"));
    p.drawText(QRectF(mid + labelWidth, box.top() - mm(6), half, mm(5)), Qt::AlignRight, tr("Women"));
}

// Horizontal bars with optional intervals, labels on the left.
void bars(Writer &w, const QRectF &box, const std::vector<core::PackRow> &rows, const std::vector<std::pair<double, double>> &limits,
          bool percent, const QColor &colour) {
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
    w.font(7.5);
    for (size_t i = 0; i < rows.size(); ++i) {
        const double y = box.top() + i * rowH, v = percent ? rows[i].percent : rows[i].count;
        p.setPen(kDark);
        p.drawText(QRectF(box.left(), y, labelW - mm(2), rowH), Qt::AlignRight | Qt::AlignVCenter, rows[i].label);
        if (!std::isnan(v)) {
            p.fillRect(QRectF(x0, y + rowH * 0.15, v / top * span, rowH * 0.7), colour);
            if (i < limits.size() && !std::isnan(limits[i].first)) {
                p.setPen(QPen(kDark, mm(0.35)));
                const double a = x0 + limits[i].first / top * span, b = x0 + limits[i].second / top * span;
                p.drawLine(QPointF(a, y + rowH / 2), QPointF(b, y + rowH / 2));
                p.drawLine(QPointF(a, y + rowH * 0.3), QPointF(a, y + rowH * 0.7));
                p.drawLine(QPointF(b, y + rowH * 0.3), QPointF(b, y + rowH * 0.7));
            }
        }
        p.setPen(kDark);
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
    p.setBrush(QColor(0xD9, 0xD9, 0xD9));
    p.drawRect(QRectF(QPointF(x(s.min), r.top()), QPointF(x(s.max), r.bottom())));
    p.setBrush(QColor(0x8C, 0x8C, 0x8C));
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
    return tr("%1 is %2 %3 (95% CI %4 to %5) among the most deprived than the least deprived, by the slope index of inequality "
              "across IMD quintiles.")
        .arg(pack.inequalityIndicator, number(std::abs(pack.sii), 0), higherInDeprived ? tr("higher") : tr("lower"),
             number(std::min(std::abs(pack.siiLower), std::abs(pack.siiUpper)), 0),
             number(std::max(std::abs(pack.siiLower), std::abs(pack.siiUpper)), 0));
}

// A funnel plot in a box: limits as dashed (95%) and dotted (99.8%) lines, peers as dots, this
// area larger in orange, the average as a solid line.
void funnel(Writer &w, const QRectF &outer, const core::FunnelPlot &f) {
    QPainter &p = w.painter();
    w.font(8.5, true);
    p.drawText(QRectF(outer.left(), outer.top(), outer.width(), mm(5)), Qt::AlignLeft | Qt::AlignVCenter,
               p.fontMetrics().elidedText(f.indicator, Qt::ElideRight, int(outer.width())));
    const QRectF box = outer.adjusted(mm(12), mm(7), -mm(2), -mm(9));
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
    lo = std::max(0.0, lo - pad);
    hi += pad;
    auto X = [&](double x) { return box.left() + x / xMax * box.width(); };
    auto Y = [&](double y) { return box.bottom() - (y - lo) / (hi - lo) * box.height(); };
    p.setPen(QPen(QColor(0xC8, 0xC8, 0xC8), mm(0.2)));
    p.setBrush(Qt::NoBrush);
    p.drawRect(box);
    w.font(6);
    for (int t = 0; t <= 4; ++t) {
        const double yv = lo + (hi - lo) * t / 4, xv = xMax * t / 4;
        p.setPen(kGrey);
        p.drawText(QRectF(outer.left(), Y(yv) - mm(2), mm(11), mm(4)), Qt::AlignRight | Qt::AlignVCenter, number(yv, hi - lo < 20 ? 1 : 0));
        p.drawText(QRectF(X(xv) - mm(8), box.bottom() + mm(0.5), mm(16), mm(4)), Qt::AlignCenter, number(xv, 0));
    }
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
    curve(&core::FunnelPlot::Limit::lower95, QPen(kDark, mm(0.25), Qt::DashLine));
    curve(&core::FunnelPlot::Limit::upper95, QPen(kDark, mm(0.25), Qt::DashLine));
    curve(&core::FunnelPlot::Limit::lower998, QPen(kDark, mm(0.25), Qt::DotLine));
    curve(&core::FunnelPlot::Limit::upper998, QPen(kDark, mm(0.25), Qt::DotLine));
    p.setPen(QPen(Qt::black, mm(0.35)));
    p.drawLine(QPointF(box.left(), Y(f.baseline)), QPointF(box.right(), Y(f.baseline)));
    for (const auto &pt : f.points) {
        p.setPen(QPen(Qt::white, mm(0.15)));
        p.setBrush(pt.self ? QColor(0xFF, 0xB8, 0x1C) : kNhsBlue);
        const double r = pt.self ? mm(1.6) : mm(0.9);
        p.drawEllipse(QPointF(X(pt.x), Y(pt.y)), r, r);
    }
    p.restore();
}

// The area's LSOAs, filled by ICS-wide quintile, with a legend and the boundary attribution.
void map(Writer &w, const QRectF &box, const core::PackMap &m) {
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
        p.setBrush(k < 0 ? QColor(0xE8, 0xE8, 0xE8) : sequentialColour(k, classes));
        p.drawPath(path);
    }
    // Legend below the map.
    double y = box.bottom() + mm(4);
    w.font(7.5, true);
    p.drawText(QPointF(box.left(), y), tr("%1, ICS-wide quintiles").arg(m.indicator));
    w.font(7);
    for (int k = 0; k < classes && m.breaks.size() >= 2; ++k) {
        y += mm(4.5);
        p.fillRect(QRectF(box.left(), y - mm(3), mm(5), mm(3.2)), sequentialColour(k, classes));
        p.setPen(kDark);
        p.drawText(QPointF(box.left() + mm(7), y), tr("%1 to %2").arg(number(m.breaks[size_t(k)]), number(m.breaks[size_t(k) + 1])));
    }
    y += mm(4.5);
    p.fillRect(QRectF(box.left(), y - mm(3), mm(5), mm(3.2)), QColor(0xE8, 0xE8, 0xE8));
    p.drawText(QPointF(box.left() + mm(7), y), tr("suppressed or no value"));
    w.setY(y + mm(4));
    w.text(core::boundaryAttribution(), 6.5, false, kGrey);
}

}  // namespace

namespace {
QString sectionTitle(core::PackSection s) {
    switch (s) {
        case core::PackSection::NextSteps:
            return tr("What the data says");
        case core::PackSection::Population:
            return tr("Population");
        case core::PackSection::SegmentsRisk:
            return tr("Segments, risk and frailty");
        case core::PackSection::Indicators:
            return tr("Key indicators against the place and the ICS");
        case core::PackSection::Funnels:
            return tr("Compared with peer areas: funnel plots");
        case core::PackSection::Inequalities:
            return tr("Inequalities");
        case core::PackSection::Neighbourhoods:
            return tr("Neighbourhoods");
        case core::PackSection::Maturity:
            return tr("PHM maturity and the PHM cycle");
        case core::PackSection::Appendix:
            break;
    }
    return tr("Data quality and definitions");
}

int definitionPages(const core::PackData &pack) {
    return std::max(1, int((pack.indicators.size() + kDefinitionsPerPage - 1) / kDefinitionsPerPage));
}

int sectionPages(const core::PackData &pack, core::PackSection s) { return s == core::PackSection::Appendix ? definitionPages(pack) : 1; }

int packPages(const core::PackData &pack) {
    int pages = 2;  // cover and contents
    for (core::PackSection s : pack.sections) pages += sectionPages(pack, s);
    return pages;
}

void cover(Writer &w, const core::PackData &pack) {
    const QLocale l;
    if (!pack.logo.isEmpty()) {  // top right, at most 60 x 25 mm, keeping its shape
        const QImage logo = QImage::fromData(pack.logo);
        if (!logo.isNull()) {
            const QSizeF fit = QSizeF(logo.size()).scaled(QSizeF(mm(60), mm(25)), Qt::KeepAspectRatio);
            w.painter().drawImage(QRectF(QPointF(w.area().right() - fit.width(), w.area().top()), fit), logo);
        }
    }
    w.gap(60);
    w.text(pack.title, 28, true, kNhsBlue);
    w.gap(6);
    w.text(pack.areaName, 22, true);
    w.text(pack.levelName + (pack.parentName.isEmpty() ? QString() : tr(" in %1").arg(pack.parentName)), 13, false, kGrey);
    w.gap(10);
    w.text(tr("Registered population: %1").arg(number(pack.registered)), 12);
    w.text(tr("Data period: %1 to %2")
               .arg(l.toString(QDate(1970, 1, 1).addDays(pack.periodStart), QLocale::LongFormat),
                    l.toString(QDate(1970, 1, 1).addDays(pack.periodEnd), QLocale::LongFormat)),
           12);
    w.text(tr("Produced %1 with PHM Workbench").arg(l.toString(QDate::currentDate(), QLocale::LongFormat)), 12);
    w.gap(20);
    w.text(tr("Disclosure control"), 11, true);
    w.text(pack.policy + tr(". Suppressed values are shown as *."), 10);
    w.gap(4);
    w.text(tr("Official sensitive: for the use of the primary care network and the ICS. The demonstration data are synthetic."), 10, false,
           kGrey);
}

// Maturity (radar, timeline, ratings) and the PHM cycle, with the charts of the maturity dock.
void maturitySection(Writer &w, const core::PackData &pack) {
    const core::PackData::Maturity &m = pack.maturity;
    const core::maturity::Framework &f = m.framework;
    const QLocale l;
    auto level = [&](int k) { return k >= 0 && k < f.levels.size() ? f.levels[k] : QStringLiteral("–"); };
    if (m.history.empty()) {
        w.text(tr("%1 has not been assessed against the %2 yet.").arg(pack.areaName, f.name), 10);
    } else {
        const core::maturity::Assessment &newest = m.history.back();
        w.text(tr("%1: assessed on %2 by %3 (assessments kept: %4).")
                   .arg(f.name, l.toString(newest.assessedOn, QLocale::LongFormat), newest.assessor)
                   .arg(m.history.size()),
               10);
        const double top = w.y() + mm(2), half = w.area().width() / 2;
        drawRadar(w.painter(), QRectF(w.area().left(), top, half - mm(4), mm(70)), f, newest);
        drawTimeline(w.painter(), QRectF(w.area().left() + half + mm(4), top + mm(4), half - mm(4), mm(62)), f, m.history);
        w.setY(top + mm(74));
        std::vector<std::vector<Writer::Cell>> rows;
        for (const core::maturity::Rating &r : newest.ratings)
            rows.push_back({{r.capability, levelColour(-1, 0)},
                            {level(r.current), levelColour(r.current, int(f.levels.size()))},
                            {level(r.target), {}},
                            {r.targetDate.isValid() ? l.toString(r.targetDate, QLocale::ShortFormat) : QString(), {}},
                            {r.evidence, {}}});
        w.table({tr("Capability"), tr("Now"), tr("Target"), tr("By"), tr("Evidence")}, rows, {0.2, 0.13, 0.13, 0.1, 0.44},
                {false, false, false, false, false}, 7.5, 5.5);
    }
    w.gap(2);
    w.text(tr("The PHM cycle"), 11, true);
    w.text(tr("%1 of %2 PCNs here completed a full cycle (review the data, choose an opportunity, design, implement, evaluate) "
              "between %3 and %4.")
               .arg(m.completed)
               .arg(m.pcnCount)
               .arg(l.toString(m.yearFrom, QLocale::ShortFormat), l.toString(m.yearTo, QLocale::ShortFormat)),
           9);
    if (!m.cycles.empty()) {
        std::vector<std::vector<Writer::Cell>> rows;
        for (const core::cycle::Cycle &c : m.cycles) {
            const auto reached = c.reached();
            QStringList cohorts;
            for (const core::cycle::StageRecord &s : c.stages) cohorts << s.cohorts;
            cohorts.removeDuplicates();
            rows.push_back({{c.pcn, {}},
                            {c.title, {}},
                            {reached ? core::cycle::stageName(*reached) : tr("not started"), {}},
                            {reached ? l.toString(c.stages.back().reachedOn, QLocale::ShortFormat) : QString(), {}},
                            {cohorts.join(QStringLiteral(", ")), {}}});
            if (rows.size() >= 8) break;
        }
        w.table({tr("PCN"), tr("Opportunity"), tr("Stage reached"), tr("On"), tr("Cohorts used")}, rows, {0.12, 0.3, 0.2, 0.12, 0.26},
                {false, false, false, false, false}, 7.5, 5.5);
    }
    if (!m.pcns.empty()) {  // a place or the ICS: its PCNs side by side
        std::vector<ComparisonRow> comparison;
        for (const auto &[name, a] : m.pcns) {
            double current = 0, target = 0;
            int n = 0;
            for (const core::maturity::Rating &r : a.ratings)
                if (r.current >= 0) {
                    current += r.current;
                    target += r.target >= 0 ? r.target : r.current;
                    ++n;
                }
            comparison.push_back({name, n ? current / n : -1, n ? target / n : -1});
        }
        const double height = std::min(w.area().bottom() - w.y() - mm(4), mm(5) * double(comparison.size()) + mm(14));
        if (height > mm(20)) drawComparison(w.painter(), QRectF(w.area().left(), w.y() + mm(2), w.area().width(), height), f, comparison);
    }
}

void section(Writer &w, const core::PackData &pack, core::PackSection which) {
    const QLocale l;
    w.newPage();
    w.heading(sectionTitle(which));
    const double half = w.area().width() / 2 - mm(4);
    switch (which) {
        case core::PackSection::NextSteps: {
            if (pack.priorities.isEmpty())
                w.text(tr("No indicator is significantly worse than the ICS at 95%."), 11);
            else {
                w.text(tr("Significantly worse than the ICS (95%), largest gap first:"), 11, true);
                for (const QString &s : pack.priorities) w.text(QStringLiteral("•  ") + s, 11, false, kDark, mm(4));
            }
            w.gap(6);
            if (!std::isnan(pack.sii)) w.text(siiSentence(pack), 11);
            break;
        }
        case core::PackSection::Population: {
            w.text(tr("Registered people by age and sex (%1 in all)").arg(number(pack.registered)), 11, true);
            w.gap(8);
            pyramid(w, pack, QRectF(w.area().left(), w.y(), w.area().width(), mm(85)));
            w.setY(w.y() + mm(90));
            const double top = w.y();
            w.text(tr("Ethnic group"), 11, true);
            bars(w, QRectF(w.area().left(), w.y() + mm(2), half, mm(40)), pack.ethnicity, {}, true, QColor(0x00, 0x5E, 0xB8));
            w.setY(top);
            w.font(11, true);
            w.painter().drawText(QPointF(w.area().left() + half + mm(8), top + mm(4)), tr("Deprivation (IMD decile, 1 = most deprived)"));
            bars(w, QRectF(w.area().left() + half + mm(8), top + mm(7), half, mm(70)), pack.deprivation, {}, true,
                 QColor(0x33, 0x0A, 0x72));
            break;
        }
        case core::PackSection::SegmentsRisk: {
            w.text(tr("Population segments (%1)").arg(pack.segmentationTemplate), 11, true);
            std::vector<std::vector<Writer::Cell>> rows;
            for (const core::PackSegment &seg : pack.segments)
                rows.push_back({{seg.name, {}},
                                {number(seg.people), {}},
                                {std::isnan(seg.percent) ? QStringLiteral("*") : number(seg.percent, 1) + QStringLiteral("%"), {}},
                                {number(seg.emergencyAdmissions), {}},
                                {std::isnan(seg.costPerHead) ? QStringLiteral("*") : QStringLiteral("£") + number(seg.costPerHead), {}}});
            w.table({tr("Segment"), tr("People"), tr("Share"), tr("Emergency admissions, 12 months"), tr("Cost per head, 12 months")}, rows,
                    {0.36, 0.14, 0.12, 0.2, 0.18}, {false, true, true, true, true});
            w.gap(3);
            const double riskTop = w.y();
            w.text(tr("Emergency admission risk, next 12 months"), 11, true);
            bars(w, QRectF(w.area().left(), w.y() + mm(2), half, mm(24)), pack.riskTiers, {}, true, QColor(0xD5, 0x28, 0x1B));
            w.setY(w.y() + mm(30));
            w.text(
                tr("Expected admissions: %1 (model AUROC %2)").arg(number(pack.expectedAdmissions), QLocale().toString(pack.auroc, 'f', 3)),
                9, false, kGrey);
            w.font(11, true);
            w.painter().drawText(QPointF(w.area().left() + half + mm(8), riskTop + mm(4)), tr("Frailty (eFI), people aged 65+"));
            bars(w, QRectF(w.area().left() + half + mm(8), riskTop + mm(7), half, mm(30)), pack.frailty, {}, true,
                 QColor(0x7C, 0x28, 0x55));
            break;
        }
        case core::PackSection::Indicators: {
            std::vector<std::vector<Writer::Cell>> rows;
            for (const core::PackIndicator &pi : pack.indicators) {
                const int d = pi.definition.multiplier >= 1000 ? 0 : 1;
                rows.push_back({{pi.definition.name, {}},
                                {number(pi.numerator), {}},
                                {number(pi.value.value, d), {}},
                                {std::isnan(pi.value.value) ? QStringLiteral("*")
                                                            : number(pi.value.lower, d) + QStringLiteral("–") + number(pi.value.upper, d),
                                 {}},
                                {number(pi.parentValue, d), {}},
                                {number(pi.icsValue, d), {}},
                                {core::significanceName(pi.vsIcs),
                                 pi.vsIcs == core::Significance::NotCompared ? QColor() : significanceColour(pi.vsIcs)},
                                {QString(), {}}});
            }
            const double start = w.y();
            const std::vector<double> widths = {0.34, 0.08, 0.07, 0.12, 0.07, 0.07, 0.09, 0.16};
            w.table({tr("Indicator"), tr("Count"), tr("Value"), tr("95% CI"), tr("Parent"), tr("ICS"), tr("vs ICS"), tr("Range of areas")},
                    rows, widths, {false, true, true, true, true, true, false, false}, 7, 6.0);
            // Spines in the last column.
            double x = w.area().left();
            for (size_t c = 0; c + 1 < widths.size(); ++c) x += widths[c] * w.area().width();
            for (size_t i = 0; i < pack.indicators.size(); ++i) {
                const double y = start + mm(6.0) * double(i + 1);
                spine(w.painter(), QRectF(x + mm(1.5), y + mm(1.6), widths.back() * w.area().width() - mm(3), mm(2.8)), pack.indicators[i]);
            }
            break;
        }
        case core::PackSection::Funnels: {
            w.text(tr("Each dot is a peer area; this area in orange. Lines: the average, 95% (dashed) and 99.8% (dotted) control limits. "
                      "Values from a suppressed count are left out."),
                   9, false, kGrey);
            {
                const double gridTop = w.y() + mm(4), cellW = w.area().width() / 2, cellH = mm(95);
                for (size_t i = 0; i < pack.funnels.size() && i < 4; ++i)
                    funnel(w, QRectF(w.area().left() + (i % 2) * cellW, gridTop + (i / 2) * cellH, cellW - mm(4), cellH - mm(6)),
                           pack.funnels[i]);
            }
            break;
        }
        case core::PackSection::Inequalities: {
            if (!pack.inequality.empty()) {
                w.text(tr("%1 by national IMD quintile (1 = most deprived), with 95% intervals").arg(pack.inequalityIndicator), 11, true);
                bars(w, QRectF(w.area().left(), w.y() + mm(4), w.area().width(), mm(60)), pack.inequality, pack.inequalityLimits, false,
                     kNhsBlue);
                w.setY(w.y() + mm(70));
                if (!std::isnan(pack.sii))
                    w.text(siiSentence(pack) + tr(" Slope index %1 (95% CI %2 to %3) from 10,000 seeded simulations.")
                                                   .arg(number(pack.sii, 0), number(pack.siiLower, 0), number(pack.siiUpper, 0)),
                           10);
                else
                    w.text(tr("No slope index: a quintile's value is suppressed or missing."), 10);
            }
            break;
        }
        case core::PackSection::Neighbourhoods: {
            if (pack.map.shapes.empty()) {
                w.text(tr("No neighbourhood has a quarter or more of its residents registered here."), 10);
            } else {
                w.text(tr("LSOAs where at least a quarter of residents are registered with %1 (%2 neighbourhoods).")
                           .arg(pack.areaName)
                           .arg(pack.map.shapes.size()),
                       10);
                map(w, QRectF(w.area().left(), w.y() + mm(3), w.area().width(), mm(150)), pack.map);
            }
            break;
        }
        case core::PackSection::Maturity:
            maturitySection(w, pack);
            break;
        case core::PackSection::Appendix: {
            std::vector<std::vector<Writer::Cell>> rows;
            for (const QJsonValue &f : pack.importReport.value(QStringLiteral("files")).toArray()) {
                const QJsonObject o = f.toObject();
                rows.push_back({{o.value(QStringLiteral("file")).toString(), {}},
                                {l.toString(o.value(QStringLiteral("rows_read")).toDouble(), 'f', 0), {}},
                                {l.toString(o.value(QStringLiteral("rows_imported")).toDouble(), 'f', 0), {}},
                                {l.toString(o.value(QStringLiteral("rows_rejected")).toDouble(), 'f', 0), {}}});
            }
            w.text(tr("Rows imported from the extract (whole ICS)"), 10, true);
            w.table({tr("File"), tr("Read"), tr("Imported"), tr("Rejected")}, rows, {0.4, 0.2, 0.2, 0.2}, {false, true, true, true}, 7.5,
                    5.5);
            w.text(tr("Indicator definitions"), 10, true);
            for (size_t i = 0; i < pack.indicators.size(); ++i) {
                if (i > 0 && i % kDefinitionsPerPage == 0) {
                    w.newPage();
                    w.heading(tr("Indicator definitions (continued)"));
                }
                const core::IndicatorDefinition &d = pack.indicators[i].definition;
                w.text(d.name, 8.5, true);
                w.text(tr("%1 per %2. Numerator: %3. Denominator: %4. %5")
                           .arg(core::indicatorTypeName(d.type), l.toString(d.multiplier, 'f', 0),
                                d.numerator.isEmpty() ? d.events : d.numerator, d.denominator, d.description),
                       7, false, kGrey, mm(3));
                w.gap(1);
            }
            break;
        }
    }
}

// The pack on any page sink: cover, contents, then the template's sections.
core::Result<int> layOut(const core::PackData &pack, PageSink &sink, const QString &where) {
    const int pages = packPages(pack);
    Writer w(sink, pack, pages);
    if (!w.ok()) return core::Error{QStringLiteral("cannot_write"), tr("cannot write %1").arg(where), where};
    cover(w, pack);
    w.newPage();
    w.heading(tr("Contents"));
    int page = 3;
    for (core::PackSection s : pack.sections) {
        w.text(tr("%1  ·  page %2").arg(sectionTitle(s)).arg(page), 12);
        page += sectionPages(pack, s);
    }
    for (core::PackSection s : pack.sections) section(w, pack, s);
    const int written = w.page();
    w.finish();
    if (written != pages)
        return core::Error{QStringLiteral("layout"), tr("the pack laid out %1 pages, not %2").arg(written).arg(pages), where};
    return pages;
}
}  // namespace

core::Result<int> writePackPdf(const core::PackData &pack, const QString &path) {
    QPdfWriter pdf(path);
    pdf.setResolution(kDpi);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setTitle(QStringLiteral("%1: %2").arg(pack.title, pack.areaName));
    pdf.setCreator(QStringLiteral("PHM Workbench"));
    PdfSink sink(pdf);
    return layOut(pack, sink, path);
}

core::Result<std::vector<QImage>> renderPackPages(const core::PackData &pack, double dpi) {
    ImageSink sink(dpi);
    auto pages = layOut(pack, sink, tr("the preview"));
    if (!pages) return pages.error();
    return sink.takePages();
}

namespace {
// A file name from an area's name: letters, digits and dashes.
QString slug(const QString &name) {
    QString s;
    for (const QChar c : name.toLower()) s += c.isLetterOrNumber() ? c : QLatin1Char('-');
    s.replace(QRegularExpression(QStringLiteral("-+")), QStringLiteral("-"));
    return s.remove(QRegularExpression(QStringLiteral("^-|-$")));
}
}  // namespace

core::Result<std::vector<WrittenPack>> exportPacks(const core::AreaIndex &areas, const core::rules::CodeLists &lists,
                                                   const std::vector<core::IndicatorDefinition> &definitions, core::Area::Kind level,
                                                   const core::PackOptions &options, const QString &folder, const QString &onlyArea,
                                                   core::Feedback *feedback) {
    if (!QDir().mkpath(folder)) return core::Error{QStringLiteral("cannot_write"), tr("cannot create %1").arg(folder), folder};
    core::Feedback local;
    core::Feedback &fb = feedback ? *feedback : local;
    core::PackOptions chosen = options;
    auto policy = core::projectPolicy(areas.project().path);  // the project's, for every export
    if (!policy) return policy.error();
    chosen.policy = policy.value();
    if (!onlyArea.isEmpty()) {
        for (int i = 0; i < areas.areaCount(level) && chosen.onlyArea < 0; ++i) {
            const core::Area a{level, i};
            if (areas.code(a).compare(onlyArea, Qt::CaseInsensitive) == 0 || areas.name(a).compare(onlyArea, Qt::CaseInsensitive) == 0)
                chosen.onlyArea = i;
        }
        if (chosen.onlyArea < 0)
            return core::Error{QStringLiteral("unknown_area"), tr("no area `%1` at this level").arg(onlyArea), onlyArea};
    }
    fb.setPhase(tr("Computing the packs"));
    auto packs = core::buildPacks(areas, lists, definitions, level, chosen, &fb);
    if (!packs) return packs.error();
    std::vector<WrittenPack> written;
    auto undo = [&](const core::Error &e) {
        for (const WrittenPack &w : written) QFile::remove(w.file);
        return e;
    };
    fb.setPhase(tr("Writing the PDFs"));
    const auto &all = packs.value();
    for (size_t i = 0; i < all.size(); ++i) {
        if (fb.isCanceled()) return undo(core::Error{QStringLiteral("canceled"), tr("canceled"), {}});
        const core::PackData &pack = all[i];
        const QString file = QDir(folder).filePath(slug(pack.areaName) + QStringLiteral(".pdf"));
        auto pages = writePackPdf(pack, file);
        if (!pages) return undo(pages.error());
        written.push_back({pack.areaName, pack.areaCode, file, pages.value()});
        fb.setProgress(100.0 * double(i + 1) / double(all.size()));  // per phase
    }
    // Every export is in the audit log; packs the log does not show are not left behind.
    QJsonArray files;
    for (const WrittenPack &w : written) files.append(QFileInfo(w.file).fileName());
    const QJsonObject detail{{QStringLiteral("level"), core::levelKey(level)},
                             {QStringLiteral("files"), files},
                             {QStringLiteral("folder"), QFileInfo(folder).absoluteFilePath()},
                             {QStringLiteral("policy"), chosen.policy.describe()},
                             {QStringLiteral("template"), chosen.layout.name}};
    if (auto s = core::recordAsCurrentUser(areas.project().path, QStringLiteral("export-packs"), detail); !s) return undo(s.error());
    return written;
}

}  // namespace phm::ui
