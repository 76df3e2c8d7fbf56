#pragma once
// The page machinery of a pack: A4 pages in layout units of kDpi dots per inch, sent to a PDF or to
// images (the designer's preview) by a page sink, and a Writer that keeps the cursor, draws text,
// headings, tables and the footer (area, data period, source, disclosure policy, page n of m).
// Used by report/packsections (the sections) and report/packcharts (the charts on the pages).
#include "packs/pack.h"
#include "report/palette.h"

#include <QCoreApplication>
#include <QDate>
#include <QImage>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>
#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace phm::report::pack {

inline constexpr int kDpi = 300;
inline constexpr int kDefinitionsPerPage = 14;

inline double mm(double v) { return v * kDpi / 25.4; }

inline QString number(double v, int decimals = 0) { return std::isnan(v) ? QStringLiteral("*") : QLocale().toString(v, 'f', decimals); }

// Where the pages go: a PDF, or images for the preview. Layout units are kDpi dots per inch on
// A4 in both, so one layout serves both.
class PageSink {
public:
    virtual ~PageSink() = default;
    // Only measuring a layout (CountingSink): charts in fixed boxes need not be painted.
    virtual bool measuring() const { return false; }
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

// Pages painted nowhere, to measure a layout: a 1×1 image at the PDF's resolution, so text
// takes the same room as on the page.
class CountingSink final : public PageSink {
public:
    CountingSink() {
        mImage.setDotsPerMeterX(int(std::lround(kDpi / 0.0254)));
        mImage.setDotsPerMeterY(int(std::lround(kDpi / 0.0254)));
    }
    bool begin(QPainter &painter) override { return painter.begin(&mImage); }
    void newPage(QPainter &) override {}
    bool measuring() const override { return true; }

private:
    QImage mImage{1, 1, QImage::Format_RGB32};
};

class Writer {
    Q_DECLARE_TR_FUNCTIONS(phm::report::pack::Writer)

public:
    Writer(PageSink &sink, const core::PackData &pack, int pages) : mSink(sink), mPack(pack), mPages(pages) {
        mOk = sink.begin(mPainter);
        mPage = QRectF(mm(18), mm(16), sink.size().width() - mm(36), sink.size().height() - mm(34));
    }
    bool ok() const { return mOk; }
    bool measuring() const { return mSink.measuring(); }
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

    // No text in a pack is smaller than kMinPoints (8 pt), whatever a section asks for.
    static constexpr double kMinPoints = 8;
    void font(double points, bool bold = false, const QColor &colour = kText) {
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setPointSizeF(std::max(kMinPoints, points));
        f.setBold(bold);
        mPainter.setFont(f);
        mPainter.setPen(colour);
    }
    // Wrapped text at the cursor; returns its height.
    double text(const QString &s, double points, bool bold = false, const QColor &colour = kText, double indent = 0) {
        font(points, bold, colour);
        const QRectF box(mPage.left() + indent, mY, mPage.width() - indent, mPage.bottom() - mY);
        const QRectF used = mPainter.boundingRect(box, Qt::TextWordWrap, s);
        mPainter.drawText(box, Qt::TextWordWrap, s);
        mY += used.height();
        return used.height();
    }
    // Wrapped text in a box of its own (a column's heading), the cursor left alone; returns its height.
    double textIn(const QRectF &box, const QString &s, double points, bool bold = false, const QColor &colour = kText) {
        font(points, bold, colour);
        const QRectF used = mPainter.boundingRect(box, Qt::TextWordWrap, s);
        mPainter.drawText(box, Qt::TextWordWrap, s);
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
    // (number) columns flagged. Numbers are never cut: a number column widens to its widest cell,
    // taken from the widest text column; text cells and headers wrap and their row grows; a row
    // that does not fit the page goes on to a new page under the header again. Cells may carry
    // a background colour (text on it dark or white, whichever reads better). `decorate` is
    // called for every body row with the row's index and its rectangle (e.g. to draw a spine in
    // the last column), on the page the row is on.
    struct Cell {
        QString text;
        QColor background;
    };
    using RowDecorator = std::function<void(size_t row, const QRectF &rowRect, const std::vector<double> &columnX)>;
    void table(const QStringList &header, const std::vector<std::vector<Cell>> &rows, std::vector<double> widths,
               const std::vector<bool> &right, double points = 8.5, double rowMm = 6.2, const RowDecorator &decorate = {});

private:
    void footer() {
        font(8, false, kMuted);
        // Three lines of 8 pt below the text area (which ends 18 mm above the page's foot).
        const QRectF box(mPage.left(), mSink.size().height() - mm(16), mPage.width(), mm(13.5));
        mPainter.setPen(QPen(kGrid, mm(0.3)));
        mPainter.drawLine(box.topLeft(), box.topRight());
        mPainter.setPen(kMuted);
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

}  // namespace phm::report::pack
