#pragma once
// The linked-extract specification: every file, every column, its type and allowed values.
// One table drives the importer, the generator's headers and docs/data-spec.md.
#include <QString>
#include <array>
#include <string_view>
#include <vector>

namespace phm::core {

enum class Dataset : int { Practices, Persons, Gp, Ae, Apc, Op, Mh, Community, Asc, Ambulance, Programmes, Count };
constexpr int kDatasetCount = int(Dataset::Count);
// Datasets holding person-level activity events: Gp up to (not including) kEventDatasetEnd. They
// are loaded into the in-memory event tables; programme enrolments (after them) are kept in SQL
// only and read by the evaluation (core/evaluation).
constexpr int kFirstEventDataset = int(Dataset::Gp);
constexpr int kEventDatasetEnd = int(Dataset::Programmes);
constexpr int kEventDatasetCount = kEventDatasetEnd - kFirstEventDataset;
inline bool isEventDataset(Dataset d) { return int(d) >= kFirstEventDataset && int(d) < kEventDatasetEnd; }

enum class ColumnType { Id, Text, Code, Date, YearMonth, Integer, Decimal, Flag, Enum, Lsoa, Practice, Person };

struct ColumnSpec {
    const char *name;
    ColumnType type;
    bool required;
    const char *allowed;  // Enum: '|'-separated values; otherwise a pattern description
    const char *description;
};

struct FileSpec {
    Dataset dataset;
    const char *key;   // short name used in the CLI, SQL tables and JSON ("gp", "apc", ...)
    const char *file;  // file name in the extract folder
    const char *title;
    const char *modelledOn;
    bool required;  // the import fails without it
    std::vector<ColumnSpec> columns;
    int columnIndex(std::string_view name) const;
};

const std::vector<FileSpec> &dataSpec();
const FileSpec &fileSpec(Dataset d);
std::vector<std::string_view> enumValues(const ColumnSpec &c);
// Index of value in the column's allowed list, or -1.
int enumIndex(const ColumnSpec &c, std::string_view value);
QString columnTypeName(ColumnType t);
QString dataSpecMarkdown();

// Person flag columns, in bit order.
constexpr std::array<const char *, 8> kPersonFlags = {
    "carer", "housebound", "care_home", "homeless", "substance_misuse", "learning_disability", "lives_alone", "offender"};

}  // namespace phm::core
