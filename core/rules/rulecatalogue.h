#pragma once
// What the rule language knows: person fields, event datasets and their filter keywords, and
// code lists (@name -> resources/codelists/<name>.csv, or a user folder).
#include "base/result.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

namespace phm::core::rules {

enum class FieldType { Number, Text, Flag };

struct FieldInfo {
    const char *name;
    FieldType type;
    const char *help;
};

const std::vector<FieldInfo> &personFields();
const FieldInfo *findField(const QString &name);
QStringList datasetNames();                          // gp, ae, apc, ... (event datasets)
QStringList filterKeywords(const QString &dataset);  // e.g. apc: emergency, elective, ...
// The closest of `candidates` to `word` (Levenshtein distance <= 2, or a prefix), or empty.
QString closest(const QString &word, const QStringList &candidates);

// Code lists, loaded on first use and cached; safe to share between threads (the GUI's cohort,
// segmentation and risk views evaluate at the same time with one set of lists). A project's own
// lists (rules/codeliststore) are added beside the bundled ones and never replace one.
class CodeLists {
public:
    // Bundled lists, plus `userFolder` (CSV files with a `code` column) when given.
    explicit CodeLists(QString userFolder = {});
    bool contains(const QString &name) const;
    QStringList names() const;
    Result<QStringList> codes(const QString &name) const;
    // Distinct per constructed set of lists and changed when a project list is, so results
    // derived from them can be cached.
    uint64_t serial() const { return mSerial->load(); }
    // A bundled list (resources/codelists), which a project list may not be named after.
    static bool isBundled(const QString &name);
    // The project's own lists: added or replaced, removed, and their names.
    void setProjectList(const QString &name, const QStringList &codes);
    void removeProjectList(const QString &name);
    QStringList projectListNames() const;

private:
    QString mUserFolder;
    std::shared_ptr<std::atomic<uint64_t>> mSerial;
    mutable QHash<QString, QStringList> mCache;
    QHash<QString, QStringList> mProjectLists;
    std::shared_ptr<std::mutex> mMutex = std::make_shared<std::mutex>();  // guards mCache and mProjectLists
};

}  // namespace phm::core::rules
