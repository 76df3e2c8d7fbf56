// Writer::table (report/packpage.h): column widths that fit the numbers, wrapped text, rows that
// move on to the next page with the header repeated.
#include "report/packpage.h"

#include <QFontMetricsF>
#include <algorithm>
#include <numeric>

namespace phm::report::pack {

namespace {

constexpr double kPadMm = 1.0;  // inside each cell, left and right

// Widens every column to what it cannot do without (a number column its widest text, a text
// column its longest word, so nothing is cut), taking the room from the text columns with the
// most to spare (widest first, none below 40% of what it was given or its own need). Widths stay
// fractions summing as before.
void fitColumns(std::vector<double> &widths, const std::vector<bool> &right, const std::vector<std::vector<double>> &needed,
                double pageWidth) {
    const size_t n = widths.size();
    std::vector<double> want(n, 0.0), floor(n);
    for (const auto &row : needed)
        for (size_t c = 0; c < n; ++c) want[c] = std::max(want[c], row[c] / pageWidth);
    for (size_t c = 0; c < n; ++c) floor[c] = right[c] ? widths[c] : std::max(widths[c] * 0.4, want[c]);
    for (size_t c = 0; c < n; ++c) {
        double missing = want[c] - widths[c];
        if (missing <= 1e-9) continue;
        while (missing > 1e-9) {
            size_t donor = n;
            for (size_t d = 0; d < n; ++d)
                if (d != c && !right[d] && widths[d] - floor[d] > 1e-9 && (donor == n || widths[d] > widths[donor])) donor = d;
            if (donor == n) break;
            const double give = std::min(missing, widths[donor] - floor[donor]);
            widths[donor] -= give;
            widths[c] += give;
            missing -= give;
        }
        floor[c] = std::max(floor[c], widths[c]);  // what was given is not taken back
    }
}

// The widest word of a text, which wrapping cannot break.
double longestWord(const QString &text, const QFontMetricsF &fm) {
    double widest = 0;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) widest = std::max(widest, fm.horizontalAdvance(word));
    return widest;
}

}  // namespace

void Writer::table(const QStringList &header, const std::vector<std::vector<Cell>> &rows, std::vector<double> widths,
                   const std::vector<bool> &right, double points, double rowMm, const RowDecorator &decorate) {
    const size_t n = std::min(widths.size(), right.size());
    widths.resize(n);
    std::vector<Cell> head;
    for (const QString &h : header) head.push_back({h, kTableHeader});
    // What each number needs, in the fonts it is drawn in (the header bold).
    font(points, true);
    const QFontMetricsF bold(mPainter.font());
    font(points, false);
    const QFontMetricsF plain(mPainter.font());
    std::vector<std::vector<double>> needed;
    auto measure = [&](const std::vector<Cell> &cells, const QFontMetricsF &fm, bool isHeader) {
        std::vector<double> row(n, 0.0);
        for (size_t c = 0; c < n && c < cells.size(); ++c)
            row[c] =
                (right[c] && !isHeader ? fm.horizontalAdvance(cells[c].text) : longestWord(cells[c].text, fm)) + 2 * mm(kPadMm) + mm(0.5);
        needed.push_back(row);
    };
    measure(head, bold, true);
    for (const auto &r : rows) measure(r, plain, false);
    fitColumns(widths, right, needed, mPage.width());
    std::vector<double> columnX(n + 1, mPage.left());
    for (size_t c = 0; c < n; ++c) columnX[c + 1] = columnX[c] + widths[c] * mPage.width();

    auto heightOf = [&](const std::vector<Cell> &cells, bool isHeader) {
        const QFontMetricsF &fm = isHeader ? bold : plain;
        double h = mm(rowMm);
        for (size_t c = 0; c < n && c < cells.size(); ++c) {
            if (right[c] && !isHeader) continue;
            const QRectF box(0, 0, columnX[c + 1] - columnX[c] - 2 * mm(kPadMm), 1e6);
            h = std::max(h, fm.boundingRect(box, Qt::TextWordWrap, cells[c].text).height() + mm(2.2));
        }
        return h;
    };
    auto drawRow = [&](const std::vector<Cell> &cells, bool isHeader, double h) {
        for (size_t c = 0; c < n && c < cells.size(); ++c) {
            const QRectF box(columnX[c], mY, columnX[c + 1] - columnX[c], h);
            const QColor bg = cells[c].background;
            if (bg.isValid()) mPainter.fillRect(box.adjusted(0, mm(0.4), 0, -mm(0.4)), bg);
            font(points, isHeader, bg.isValid() ? textOn(bg) : kText);
            const int align = Qt::AlignVCenter | (right[c] ? Qt::AlignRight : Qt::AlignLeft) | Qt::TextWordWrap;
            mPainter.drawText(box.adjusted(mm(kPadMm), 0, -mm(kPadMm), 0), align, cells[c].text);
        }
        mY += h;
    };
    const double headerHeight = heightOf(head, true);
    drawRow(head, true, headerHeight);
    for (size_t i = 0; i < rows.size(); ++i) {
        const double h = heightOf(rows[i], false);
        if (mY + h > mPage.bottom()) {
            newPage();
            drawRow(head, true, headerHeight);
        }
        const QRectF rowRect(mPage.left(), mY, columnX[n] - mPage.left(), h);
        drawRow(rows[i], false, h);
        if (decorate) decorate(i, rowRect, columnX);
    }
    mY += mm(2);
}

}  // namespace phm::report::pack
