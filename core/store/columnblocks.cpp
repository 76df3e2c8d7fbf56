#include "store/columnblocks.h"
#include "base/parallel.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <functional>
#include <limits>
#include <mutex>
#include <optional>
#include <type_traits>

namespace phm::core {

namespace {

class BlockWriter {
public:
    explicit BlockWriter(ProjectDb &db)
        : mSt(db, QStringLiteral("INSERT OR REPLACE INTO column_block(name, rows, data) VALUES (?, ?, ?)")) {}
    template <class V>
    bool put(const QString &name, const V &v) {
        using T = typename V::value_type;
        static_assert(std::is_trivially_copyable_v<T>);
        static const T none{};
        mSt.bindText(1, name);
        mSt.bind(2, int64_t(v.size()));
        mSt.bindBlob(3, v.empty() ? &none : v.data(), v.size() * sizeof(T));
        return mSt.stepDone();
    }

private:
    Statement mSt;
};

// Reads blocks with incremental BLOB I/O straight into default-initialised columns. The row
// count and the blob's size are checked against each other before anything is allocated, so a
// patched count can neither allocate without bound nor read past a buffer.
class BlockReader {
public:
    explicit BlockReader(ProjectDb &db) : mDb(db), mSt(db, QStringLiteral("SELECT rowid, rows FROM column_block WHERE name = ?")) {}
    // An empty string, or what is wrong with the block.
    template <class V>
    QString get(const QString &name, V &out) {
        using T = typename V::value_type;
        mSt.bindText(1, name);
        const bool found = mSt.step();
        const bool failed = !found && !mSt.ok();
        const int64_t rowid = found ? mSt.columnInt(0) : 0;
        const int64_t rows = found ? mSt.columnInt(1) : 0;
        mSt.reset();
        const QString where = QStringLiteral("column block %1").arg(name);
        if (failed || !mSt.isValid()) return QStringLiteral("%1 cannot be read (%2)").arg(where, mDb.lastError());
        if (!found) return QStringLiteral("%1: missing").arg(where);
        if (rows < 0) return QStringLiteral("%1: negative row count %2").arg(where).arg(rows);
        const int64_t bytes = mDb.blobBytes(rowid);
        if (bytes < 0) return QStringLiteral("%1 cannot be read (%2)").arg(where, mDb.lastError());
        if (rows > bytes / int64_t(sizeof(T)) || rows * int64_t(sizeof(T)) != bytes)
            return QStringLiteral("%1: %2 rows of %3 bytes do not fill its %4 bytes").arg(where).arg(rows).arg(sizeof(T)).arg(bytes);
        resizeUninitialised(out, size_t(rows));
        if (!mDb.readBlob(rowid, out.data(), size_t(bytes))) return QStringLiteral("%1 cannot be read (%2)").arg(where, mDb.lastError());
        return {};
    }

private:
    template <class T>
    static void resizeUninitialised(Column<T> &v, size_t n) {
        v.resize(n, boost::container::default_init);
    }
    template <class T>
    static void resizeUninitialised(std::vector<T> &v, size_t n) {
        v.resize(n);
    }
    ProjectDb &mDb;
    Statement mSt;
};

Column<char> joinDictionary(const std::vector<QString> &values) {
    Column<char> out;
    for (const QString &v : values) {
        const QByteArray b = v.toUtf8();
        out.insert(out.end(), b.begin(), b.end());
        out.push_back('\n');
    }
    return out;
}

std::vector<QString> splitDictionary(const Column<char> &bytes) {
    std::vector<QString> out;
    size_t start = 0;
    for (size_t i = 0; i < bytes.size(); ++i)
        if (bytes[i] == '\n') {
            out.push_back(QString::fromUtf8(bytes.data() + start, qsizetype(i - start)));
            start = i + 1;
        }
    return out;
}

QString eventBlock(int e, const char *field) {
    return QStringLiteral("event.%1.%2").arg(QLatin1String(fileSpec(Dataset(e + kFirstEventDataset)).key), QLatin1String(field));
}
}  // namespace

Status writeGeography(ProjectDb &db, const Geography &geo) {
    Statement l(db, QStringLiteral("INSERT INTO lsoa(idx, code, name, lad_code, place, imd_decile, imd_rank, imd_score, ruc, in_ics) "
                                   "VALUES (?,?,?,?,?,?,?,?,?,?)"));
    for (size_t i = 0; i < geo.lsoas.size(); ++i) {
        const Lsoa &x = geo.lsoas[i];
        l.bind(1, int64_t(i));
        l.bindText(2, x.code);
        l.bindText(3, x.name);
        l.bindText(4, x.ladCode);
        l.bindText(5, x.place);
        l.bind(6, int64_t(x.imdDecile));
        l.bind(7, int64_t(x.imdRank));
        l.bind(8, x.imdScore);
        l.bindText(9, x.ruc);
        l.bind(10, int64_t(x.inIcs));
        if (!l.stepDone()) return Error{ErrorCode::SqlError, db.lastError(), db.path()};
    }
    Statement p(db, QStringLiteral("INSERT INTO practice(idx, code, name, pcn_code, pcn_name, place, care_alliance, postcode, list_size) "
                                   "VALUES (?,?,?,?,?,?,?,?,?)"));
    for (size_t i = 0; i < geo.practices.size(); ++i) {
        const Practice &x = geo.practices[i];
        p.bind(1, int64_t(i));
        p.bindText(2, x.code);
        p.bindText(3, x.name);
        p.bindText(4, x.pcnCode);
        p.bindText(5, x.pcnName);
        p.bindText(6, x.place);
        p.bindText(7, x.alliance);
        p.bindText(8, x.postcode);
        p.bind(9, int64_t(x.listSize));
        if (!p.stepDone()) return Error{ErrorCode::SqlError, db.lastError(), db.path()};
    }
    return Ok{};
}

Result<Geography> readGeography(ProjectDb &db) {
    Geography g;
    Statement l(db,
                QStringLiteral("SELECT code, name, lad_code, place, imd_decile, imd_rank, imd_score, ruc, in_ics FROM lsoa ORDER BY idx"));
    while (l.step())
        g.lsoas.push_back({l.columnText(0), l.columnText(1), l.columnText(2), l.columnText(3), int(l.columnInt(4)), int(l.columnInt(5)),
                           l.columnDouble(6), l.columnText(7), l.columnInt(8) != 0});
    Statement p(
        db, QStringLiteral("SELECT code, name, pcn_code, pcn_name, place, care_alliance, postcode, list_size FROM practice ORDER BY idx"));
    while (p.step()) {
        Practice x;
        x.code = p.columnText(0);
        x.name = p.columnText(1);
        x.pcnCode = p.columnText(2);
        x.pcnName = p.columnText(3);
        x.place = p.columnText(4);
        x.alliance = p.columnText(5);
        x.postcode = p.columnText(6);
        x.listSize = int(p.columnInt(7));
        g.practices.push_back(x);
    }
    if (!l.ok() || !p.ok() || !l.isValid() || !p.isValid()) {
        const Error e = db.failure(QStringLiteral("the geography cannot be read"));
        return e.code == ErrorCode::Locked ? e
                                           : damagedProjectError(db.path(), QStringLiteral("the geography (tables lsoa and practice) "
                                                                                           "cannot be read: %1")
                                                                                .arg(db.lastError()));
    }
    // Derived indexes: PCNs, places and alliances in first-seen order of sorted practices.
    auto indexOf = [](std::vector<QString> &list, const QString &v) {
        for (size_t i = 0; i < list.size(); ++i)
            if (list[i] == v) return int(i);
        list.push_back(v);
        return int(list.size() - 1);
    };
    for (Practice &x : g.practices) {
        x.pcn = indexOf(g.pcnCodes, x.pcnCode);
        if (g.pcnNames.size() < g.pcnCodes.size()) g.pcnNames.push_back(x.pcnName);
        x.placeIndex = indexOf(g.places, x.place);
        x.allianceIndex = indexOf(g.alliances, x.alliance);
    }
    return g;
}

Status writeColumnBlocks(ProjectDb &db, const PersonTable &p, const std::array<EventTable, kEventDatasetCount> &events) {
    BlockWriter w(db);
    bool ok = w.put(QStringLiteral("person.id_bytes"), p.idBytes) && w.put(QStringLiteral("person.id_offsets"), p.idOffsets) &&
              w.put(QStringLiteral("person.sex"), p.sex) && w.put(QStringLiteral("person.birth_ym"), p.birthYm) &&
              w.put(QStringLiteral("person.ethnicity"), p.ethnicity) && w.put(QStringLiteral("person.lsoa"), p.lsoa) &&
              w.put(QStringLiteral("person.practice"), p.practice) && w.put(QStringLiteral("person.registration_start"), p.regStart) &&
              w.put(QStringLiteral("person.registration_end"), p.regEnd) && w.put(QStringLiteral("person.date_of_death"), p.death);
    for (size_t f = 0; ok && f < kPersonFlags.size(); ++f) {
        Column<uint64_t> blocks(p.flags[f].num_blocks());
        boost::to_block_range(p.flags[f], blocks.begin());
        ok = w.put(QStringLiteral("person.flag.%1").arg(QLatin1String(kPersonFlags[f])), blocks);
    }
    for (int e = 0; ok && e < kEventDatasetCount; ++e) {
        const EventTable &t = events[size_t(e)];
        ok = w.put(eventBlock(e, "offsets"), t.offsets) && w.put(eventBlock(e, "date"), t.date) && w.put(eventBlock(e, "end"), t.end) &&
             w.put(eventBlock(e, "code"), t.code) && w.put(eventBlock(e, "attr1"), t.attr1) && w.put(eventBlock(e, "attr2"), t.attr2) &&
             w.put(eventBlock(e, "value"), t.value) && w.put(eventBlock(e, "cost"), t.cost) &&
             w.put(eventBlock(e, "codes"), joinDictionary(t.codes));
    }
    if (!ok) return Error{ErrorCode::SqlError, QStringLiteral("cannot write column blocks: %1").arg(db.lastError()), db.path()};
    return Ok{};
}

Status readColumnBlocks(ProjectDb &db, PersonTable &p, std::array<EventTable, kEventDatasetCount> &events) {
    // Each job reads one block; two connections read in parallel (page faults and copies
    // dominate, and they scale with cores). Largest blocks are dealt out alternately.
    using Job = std::function<QString(BlockReader &)>;
    std::vector<Job> jobs;
    auto add = [&](const QString &name, auto &column) { jobs.push_back([name, &column](BlockReader &r) { return r.get(name, column); }); };
    std::array<Column<uint64_t>, kPersonFlags.size()> flagBlocks;
    std::array<Column<char>, kEventDatasetCount> dicts;
    for (int e = 0; e < kEventDatasetCount; ++e) {
        EventTable &t = events[size_t(e)];
        add(eventBlock(e, "date"), t.date), add(eventBlock(e, "code"), t.code), add(eventBlock(e, "value"), t.value);
        add(eventBlock(e, "cost"), t.cost), add(eventBlock(e, "end"), t.end), add(eventBlock(e, "offsets"), t.offsets);
        add(eventBlock(e, "attr1"), t.attr1), add(eventBlock(e, "attr2"), t.attr2), add(eventBlock(e, "codes"), dicts[size_t(e)]);
    }
    add(QStringLiteral("person.id_bytes"), p.idBytes), add(QStringLiteral("person.id_offsets"), p.idOffsets);
    add(QStringLiteral("person.sex"), p.sex), add(QStringLiteral("person.birth_ym"), p.birthYm);
    add(QStringLiteral("person.ethnicity"), p.ethnicity), add(QStringLiteral("person.lsoa"), p.lsoa);
    add(QStringLiteral("person.practice"), p.practice), add(QStringLiteral("person.registration_start"), p.regStart);
    add(QStringLiteral("person.registration_end"), p.regEnd), add(QStringLiteral("person.date_of_death"), p.death);
    for (size_t f = 0; f < kPersonFlags.size(); ++f)
        add(QStringLiteral("person.flag.%1").arg(QLatin1String(kPersonFlags[f])), flagBlocks[f]);

    std::mutex mutex;
    QString problem;  // the first one found
    std::atomic<bool> ok{true};
    auto report = [&](const QString &what) {
        const std::lock_guard<std::mutex> lock(mutex);
        if (problem.isEmpty()) problem = what;
        ok = false;
    };
    auto runShare = [&](ProjectDb &conn, size_t parity) {
        BlockReader r(conn);
        for (size_t i = parity; i < jobs.size() && ok; i += 2)
            if (const QString what = jobs[i](r); !what.isEmpty()) report(what);
    };
    std::optional<Error> helperError;
    parallelInvoke([&] { runShare(db, 0); },
                   [&] {
                       auto second = ProjectDb::open(db.path(), false);
                       if (!second) {
                           helperError = second.error();
                           ok = false;
                           return;
                       }
                       runShare(*second.value(), 1);
                   });
    if (helperError) return *helperError;
    if (!ok) return damagedProjectError(db.path(), problem);

    // Shapes that the arrays' contents are checked against later (projectcheck) must hold first.
    if (p.sex.size() > size_t(std::numeric_limits<int32_t>::max() - 1))
        return damagedProjectError(db.path(), QStringLiteral("column block person.sex: too many people"));
    p.count = int32_t(p.sex.size());
    const size_t flagBlockCount = (size_t(p.count) + 63) / 64;
    for (size_t f = 0; f < kPersonFlags.size(); ++f) {
        if (flagBlocks[f].size() != flagBlockCount)
            return damagedProjectError(db.path(), QStringLiteral("column block person.flag.%1: %2 blocks, but %3 people need %4")
                                                      .arg(QLatin1String(kPersonFlags[f]))
                                                      .arg(flagBlocks[f].size())
                                                      .arg(p.count)
                                                      .arg(flagBlockCount));
        p.flags[f] = boost::dynamic_bitset<uint64_t>(flagBlocks[f].begin(), flagBlocks[f].end());
        p.flags[f].resize(size_t(p.count));
    }
    for (int e = 0; e < kEventDatasetCount; ++e) {
        EventTable &t = events[size_t(e)];
        const Column<char> &dict = dicts[size_t(e)];
        if (!dict.empty() && dict.back() != '\n')
            return damagedProjectError(
                db.path(), QStringLiteral("column block %1: the code dictionary does not end a line").arg(eventBlock(e, "codes")));
        t.codes = splitDictionary(dict);
        t.rows = int64_t(t.date.size());
        const auto [lo, hi] = std::minmax_element(t.date.begin(), t.date.end());
        if (t.rows) t.minDate = *lo, t.maxDate = *hi;
    }
    return Ok{};
}

}  // namespace phm::core
