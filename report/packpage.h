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
#include <cmath>
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
    Q_DECLARE_TR_FUNCTIONS(phm::report::pack::Writer)

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

    void font(double points, bool bold = false, const QColor &colour = kText) {
        QFont f(QStringLiteral("DejaVu Sans"));
        f.setPointSizeF(points);
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
                font(points, bold, cells[c].background.isValid() && cells[c].background.lightness() < 140 ? Qt::white : kText);
                mPainter.drawText(box.adjusted(mm(1), 0, -mm(1), 0), Qt::AlignVCenter | (right[c] ? Qt::AlignRight : Qt::AlignLeft),
                                  mPainter.fontMetrics().elidedText(cells[c].text, Qt::ElideRight, int(box.width() - mm(2))));
                x += box.width();
            }
            mY += mm(rowMm);
        };
        std::vector<Cell> head;
        for (const QString &h : header) head.push_back({h, kTableHeader});
        drawRow(head, true);
        for (const auto &r : rows) drawRow(r, false);
        mY += mm(2);
    }

private:
    void footer() {
        font(7, false, kMuted);
        const QRectF box(mPage.left(), mSink.size().height() - mm(14), mPage.width(), mm(10));
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
