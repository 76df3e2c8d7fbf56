#pragma once
// A table on screen as it may leave the workbench (copied to the clipboard, saved as CSV). The
// views show exact values; what is copied is never more precise than what disclosure control
// publishes. A cell a model marks as already published (its export text) is taken as it is;
// a share is recomputed from the published counts (over the published total of its parts); every other cell outside the label columns
// (rates and intervals included) has each of its numbers published as a count
// (suppressed to "*" in the small range, otherwise rounded by the project's keyed rounding), so a
// view that forgets to say what its numbers are loses precision, never privacy. The numbers of a
// column that holds one count per row are the parts of a line and protected together
// (disclosure::protectLine), so one hidden cell cannot be recovered from the others and a total.
// Text cells are written as CSV by core/base/csvwriter and neutralised the same way for pasting
// (a would-be formula gets a leading quote).
#include "governance/disclosure.h"

#include <QJsonObject>
#include <QLocale>
#include <QString>
#include <QStringList>
#include <string>
#include <vector>

namespace phm::core::tableexport {

struct Cell {
    QString text;
    bool published = false;  // the model's export text: already through disclosure control
};

struct Table {
    QStringList headers;
    std::vector<std::vector<Cell>> rows;
    std::vector<bool> labelColumns;  // names, codes, dates: copied as they are (missing: false)
    // Per column: a share, recomputed from the published counts (as publish() does for a
    // Derivation::Share): 100 x the row's published `numerator` / its published `denominator`
    // column, or / the published total of the numerator column when there is no denominator
    // column (the parts of a whole). Written with as many decimals as the view shows; "*" when a
    // count it rests on is suppressed. So a copied share is never more precise than its counts.
    struct Share {
        int numerator = -1, denominator = -1;
    };
    std::vector<Share> shares;  // missing or numerator -1: not a share
};

// The published text of a table: what may be copied or exported. Numbers are read and written
// in `locale` (the one the view formats with).
std::vector<QStringList> publishedCells(const Table &shown, const disclosure::Policy &policy, const QLocale &locale = QLocale());

// Tab-separated text (a row a line, headers first when asked): tabs and line breaks in a cell
// become spaces, a would-be formula gets a leading quote.
QString tabSeparated(const QStringList &headers, const std::vector<QStringList> &rows, bool withHeaders);
// CSV with a header row (RFC 4180 quoting, through core/base/csvwriter), UTF-8.
std::string csv(const QStringList &headers, const std::vector<QStringList> &rows);

// The audit detail of a table or image leaving the program: the panel, its size and the file;
// never its contents.
QJsonObject exportDetail(const QString &panel, int rows, int columns, const QString &file = {});

}  // namespace phm::core::tableexport
