// generateExtract (generator.h): a synthetic ICS extract written file by file, people in parallel chunks, with its manifest.
#include "synth/generator.h"

#include "base/csvwriter.h"
#include "base/dataspec.h"
#include "base/dates.h"
#include "base/filesystem.h"
#include "base/safefile.h"
#include "synth/synthactivity.h"
#include "synth/synthperson.h"
#include "synth/synthprogrammes.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <array>
#include <cstdio>
#include <map>

namespace phm::core {

using namespace synth;

synth::GeneratorConfig defaultGeneratorConfig() {
    GeneratorConfig c;
    c.extractStart = daysFromCivil(2024, 4, 1);
    c.extractEnd = daysFromCivil(2026, 3, 31);
    return c;
}

namespace {

constexpr int64_t kChunk = 4096;

// Per-row fault probabilities at fault scale 1 (documented in docs/synthetic-data.md).
struct FaultRates {
    double unknownLsoa = 0.0005, unknownPractice = 0.0002, personDate = 0.0002, personMalformed = 0.0001, personDuplicate = 0.0002;
    double unknownPerson = 0.002, eventDate = 0.0001, eventMalformed = 0.0001, eventDuplicate = 0.0002, dateOrder = 0.0002;
    double enrolmentOutsideExtract = 0.002, enrolmentDateOrder = 0.002;  // programmes.csv only
};

using ReasonCounts = std::map<std::string, int64_t>;

struct ChunkOutput {
    std::array<CsvBuffer, kDatasetCount> buffers;
    std::array<int64_t, kDatasetCount> rows{};
    std::array<ReasonCounts, kDatasetCount> rejects;
    std::array<int64_t, kProgrammes.size()> enrolled{};
};

std::vector<std::string_view> splitRow(std::string_view row) {
    std::vector<std::string_view> f;
    size_t start = 0;
    for (;;) {
        const size_t comma = row.find(',', start);
        f.push_back(row.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (comma == std::string_view::npos) return f;
        start = comma + 1;
    }
}

std::string joinRow(const std::vector<std::string_view> &f) {
    std::string out;
    for (size_t i = 0; i < f.size(); ++i) {
        if (i) out += ',';
        out.append(f[i]);
    }
    return out;
}

int firstDateColumn(Dataset d) {
    const FileSpec &s = fileSpec(d);
    for (size_t i = 0; i < s.columns.size(); ++i)
        if (s.columns[i].type == ColumnType::Date) return int(i);
    return -1;
}

class ChunkSink : public RowSink {
public:
    ChunkSink(ChunkOutput &out, Rng &faults, const FaultRates &rates, double scale, uint64_t seed, int64_t people)
        : mOut(out), mFaults(faults), mRates(rates), mScale(scale), mSeed(seed), mPeople(people) {}
    void setPerson(int64_t index, bool rejected) {
        mIndex = index;
        mRejected = rejected;
    }
    CsvBuffer &begin(Dataset d) override {
        mRowStart = mOut.buffers[size_t(d)].size();
        return mOut.buffers[size_t(d)];
    }
    void enrolled(int programme) override { ++mOut.enrolled[size_t(programme)]; }
    void end(Dataset d) override {
        CsvBuffer &b = mOut.buffers[size_t(d)];
        b.endRow();
        ++mOut.rows[size_t(d)];
        if (mRejected) {  // the person's own row is rejected, so this row cannot link
            ++mOut.rejects[size_t(d)]["unknown_person"];
            return;
        }
        if (mScale <= 0) return;
        const std::string row(b.buffer().data() + mRowStart, b.size() - mRowStart - 1);
        auto fields = splitRow(row);
        auto replaceRow = [&](const std::string &text) {
            b.buffer().resize(mRowStart);
            b.appendRaw(text);
            b.endRow();
        };
        const double u = mFaults.uniform();
        double edge = 0;
        auto hit = [&](double rate) {
            edge += rate * mScale;
            return u < edge;
        };
        const int pidCol = fileSpec(d).columnIndex("person_id");
        if (hit(mRates.eventMalformed)) {
            fields.pop_back();
            replaceRow(joinRow(fields));
            ++mOut.rejects[size_t(d)]["malformed_row"];
        } else if (hit(mRates.eventDate)) {
            fields[size_t(firstDateColumn(d))] = "2025-02-30";
            replaceRow(joinRow(fields));
            ++mOut.rejects[size_t(d)]["invalid_date"];
        } else if (d == Dataset::Programmes && hit(mRates.enrolmentOutsideExtract)) {
            fields[size_t(firstDateColumn(d))] = "2031-01-15";
            fields[size_t(firstDateColumn(d) + 1)] = "";
            replaceRow(joinRow(fields));
            ++mOut.rejects[size_t(d)]["outside_extract"];
        } else if ((d == Dataset::Apc || d == Dataset::Asc || d == Dataset::Programmes) &&
                   hit(d == Dataset::Programmes ? mRates.enrolmentDateOrder : mRates.dateOrder)) {
            const int startCol = firstDateColumn(d);
            const auto start = parseIsoDate(fields[size_t(startCol)]);
            const std::string before = isoDate(*start - 3);
            fields[size_t(startCol + 1)] = before;
            replaceRow(joinRow(fields));
            ++mOut.rejects[size_t(d)]["date_order"];
        } else if (hit(mRates.eventDuplicate)) {
            b.appendRaw(row);
            b.endRow();
            ++mOut.rows[size_t(d)];
            ++mOut.rejects[size_t(d)][d == Dataset::Programmes ? "duplicate_enrolment" : "duplicate_row"];
        } else if (hit(mRates.unknownPerson)) {
            const std::string stranger = pseudonym(uint64_t(mPeople + mIndex), mSeed);
            fields[size_t(pidCol)] = stranger;
            b.appendRaw(joinRow(fields));
            b.endRow();
            ++mOut.rows[size_t(d)];
            ++mOut.rejects[size_t(d)]["unknown_person"];
        }
    }

private:
    ChunkOutput &mOut;
    Rng &mFaults;
    const FaultRates &mRates;
    double mScale;
    uint64_t mSeed;
    int64_t mPeople;
    size_t mRowStart = 0;
    int64_t mIndex = 0;
    bool mRejected = false;
};

void personRow(CsvBuffer &b, const SynthContext &ctx, const SynthPerson &p, const std::string &id) {
    static const auto ethnic = enumValues(fileSpec(Dataset::Persons).columns[3]);
    const auto &ref = ctx.ref();
    b.rawField(id);
    b.rawField(p.female ? "F" : "M");
    int y;
    unsigned m, d;
    civilFromDays(p.birth, y, m, d);
    char ym[8];
    std::snprintf(ym, sizeof ym, "%04d-%02u", y, m);
    b.rawField(ym);
    b.rawField(ethnic[size_t(p.ethnicity)]);
    b.rawField(ref.blmkLsoas()[size_t(p.lsoa)].code.toStdString());
    b.rawField(ref.practices()[size_t(p.practice)].code.toStdString());
    b.date(p.regStart);
    b.date(p.regEnd ? p.regEnd : kNoDate);
    b.date(p.death ? p.death : kNoDate);
    for (size_t f = 0; f < kPersonFlags.size(); ++f) b.integer((p.flags >> f) & 1);
}

ChunkOutput runChunk(const SynthContext &ctx, int64_t chunk) {
    const GeneratorConfig &cfg = ctx.config();
    static const FaultRates rates;
    ChunkOutput out;
    Rng rng(mixSeed(cfg.seed, uint64_t(chunk)));
    Rng faults(mixSeed(cfg.seed ^ 0xFA17ULL, uint64_t(chunk)));
    ChunkSink sink(out, faults, rates, cfg.faultScale, cfg.seed, cfg.people);
    const int64_t end = std::min(cfg.people, (chunk + 1) * kChunk);
    CsvBuffer &persons = out.buffers[size_t(Dataset::Persons)];
    auto &personRejects = out.rejects[size_t(Dataset::Persons)];
    for (int64_t i = chunk * kChunk; i < end; ++i) {
        const SynthPerson p = makePerson(ctx, i, rng);
        const std::string id = pseudonym(uint64_t(i), cfg.seed);
        const size_t start = persons.size();
        personRow(persons, ctx, p, id);
        persons.endRow();
        ++out.rows[size_t(Dataset::Persons)];
        bool rejected = false;
        if (cfg.faultScale > 0) {
            const double u = faults.uniform(), s = cfg.faultScale;
            std::string row(persons.buffer().data() + start, persons.size() - start - 1);
            auto fields = splitRow(row);
            const char *reason = nullptr;
            std::string replacement;
            char code[16];
            if (u < rates.unknownLsoa * s) {
                std::snprintf(code, sizeof code, "E01999%03d", int(i % 1000));
                fields[4] = code;
                reason = "unknown_lsoa";
            } else if (u < (rates.unknownLsoa + rates.unknownPractice) * s) {
                std::snprintf(code, sizeof code, "Z99%03d", int(i % 1000));
                fields[5] = code;
                reason = "unknown_practice";
            } else if (u < (rates.unknownLsoa + rates.unknownPractice + rates.personDate) * s) {
                fields[6] = "2025-02-30";
                reason = "invalid_date";
            } else if (u < (rates.unknownLsoa + rates.unknownPractice + rates.personDate + rates.personMalformed) * s) {
                fields.pop_back();
                reason = "malformed_row";
            } else if (u <
                       (rates.unknownLsoa + rates.unknownPractice + rates.personDate + rates.personMalformed + rates.personDuplicate) * s) {
                persons.appendRaw(row);
                persons.endRow();
                ++out.rows[size_t(Dataset::Persons)];
                ++personRejects["duplicate_id"];
            }
            if (reason) {
                persons.buffer().resize(start);
                persons.appendRaw(joinRow(fields));
                persons.endRow();
                ++personRejects[reason];
                rejected = true;
            }
        }
        sink.setPerson(i, rejected);
        writeActivity(ctx, p, id, rng, sink);
    }
    return out;
}

std::string headerLine(Dataset d) {
    CsvBuffer b;
    for (const ColumnSpec &c : fileSpec(d).columns) b.rawField(c.name);
    b.endRow();
    return b.buffer();
}

}  // namespace

namespace {

// The extract's files while they are written: each to <file>.part, renamed when all are done.
struct ExtractFiles {
    std::array<CsvFile, kDatasetCount> files;
    std::array<QString, kDatasetCount> finalPath, partPath;
    std::array<int64_t, kDatasetCount> rows{};
    std::array<ReasonCounts, kDatasetCount> rejects;
    std::array<int64_t, kProgrammes.size()> enrolled{};
    // Closes and deletes every part file (after a failure or a cancel).
    void cleanup() {
        for (int d = 0; d < kDatasetCount; ++d) {
            files[size_t(d)].close();
            QFile::remove(partPath[size_t(d)]);
        }
    }
};

Status openFiles(ExtractFiles &x, const QString &outDir) {
    for (int d = 0; d < kDatasetCount; ++d) {
        x.finalPath[size_t(d)] = QDir(outDir).filePath(QLatin1String(fileSpec(Dataset(d)).file));
        x.partPath[size_t(d)] = x.finalPath[size_t(d)] + QStringLiteral(".part");
        if (!x.files[size_t(d)].open(x.partPath[size_t(d)]) || !x.files[size_t(d)].write(headerLine(Dataset(d)))) {
            x.cleanup();
            return Error{ErrorCode::CannotWrite, QStringLiteral("cannot write %1").arg(x.partPath[size_t(d)]), outDir};
        }
    }
    return Ok{};
}

// Practices: the real BLMK practices with their PCN, place and care alliance.
void writePractices(const SynthContext &ctx, ExtractFiles &x, GenerateSummary &summary) {
    CsvBuffer b;
    for (const PracticeRef &p : ctx.ref().practices()) {
        for (const QString &v : {p.code, p.name, p.pcnCode, p.pcnName, p.place, p.alliance, p.postcode}) b.field(v.toStdString());
        b.integer(p.listSize);
        b.endRow();
    }
    x.files[size_t(Dataset::Practices)].write(b.buffer());
    summary.bytesWritten += qint64(b.size());
    x.rows[size_t(Dataset::Practices)] = int64_t(ctx.ref().practices().size());
}

// People and their activity, in chunks generated in parallel and written in order.
Status writePeople(const SynthContext &ctx, const GeneratorConfig &config, ExtractFiles &x, GenerateSummary &summary, Feedback &feedback,
                   const QString &outDir) {
    const int64_t chunks = (config.people + kChunk - 1) / kChunk;
    QThreadPool pool;
    pool.setMaxThreadCount(std::max(1, config.threads));
    feedback.setPhase(QCoreApplication::translate("phm::core", "Generating people and activity"));
    const int64_t batch = 8 * std::max(1, config.threads);
    for (int64_t first = 0; first < chunks; first += batch) {
        if (feedback.isCanceled()) {
            x.cleanup();
            return Error{ErrorCode::Canceled, QStringLiteral("generation cancelled"), {}};
        }
        std::vector<int64_t> ids;
        for (int64_t k = first; k < std::min(chunks, first + batch); ++k) ids.push_back(k);
        const QList<ChunkOutput> outs =
            QtConcurrent::blockingMapped<QList<ChunkOutput>>(&pool, ids, [&ctx](int64_t k) { return runChunk(ctx, k); });
        for (const ChunkOutput &o : outs)
            for (int d = 0; d < kDatasetCount; ++d) {
                if (!x.files[size_t(d)].write(o.buffers[size_t(d)].buffer())) {
                    x.cleanup();
                    return Error{ErrorCode::CannotWrite, QStringLiteral("write failed (disk full?) in %1").arg(outDir), outDir};
                }
                summary.bytesWritten += qint64(o.buffers[size_t(d)].size());
                x.rows[size_t(d)] += o.rows[size_t(d)];
                for (const auto &[reason, n] : o.rejects[size_t(d)]) x.rejects[size_t(d)][reason] += n;
            }
        for (const ChunkOutput &o : outs)
            for (size_t k = 0; k < kProgrammes.size(); ++k) x.enrolled[k] += o.enrolled[k];
        feedback.setProgress(100.0 * double(std::min(chunks, first + batch)) / double(chunks));
    }
    return Ok{};
}

// Closes and renames every file; the manifest's list of files with what the import should make
// of them. `expectedPersons` receives the persons the import should keep.
Result<QJsonArray> finishFiles(ExtractFiles &x, GenerateSummary &summary, const QString &outDir, qint64 &expectedPersons) {
    QJsonArray fileList;
    for (int d = 0; d < kDatasetCount; ++d) {
        if (!x.files[size_t(d)].close()) {
            x.cleanup();
            return Error{ErrorCode::CannotWrite, QStringLiteral("cannot finish %1").arg(x.partPath[size_t(d)]), outDir};
        }
        // One rename over the old file, if any: it is replaced, never first deleted.
        if (!fs::replaceFile(x.partPath[size_t(d)], x.finalPath[size_t(d)])) {
            x.cleanup();
            return Error{ErrorCode::CannotWrite, QStringLiteral("cannot write %1").arg(x.finalPath[size_t(d)]), outDir};
        }
        QJsonObject reasons;
        int64_t rejected = 0;
        for (const auto &[reason, n] : x.rejects[size_t(d)]) {
            reasons.insert(QString::fromStdString(reason), qint64(n));
            rejected += n;
        }
        const int64_t rows = x.rows[size_t(d)];
        fileList.append(QJsonObject{{QStringLiteral("file"), QLatin1String(fileSpec(Dataset(d)).file)},
                                    {QStringLiteral("rows"), qint64(rows)},
                                    {QStringLiteral("expected_imported"), qint64(rows - rejected)},
                                    {QStringLiteral("expected_rejected"), qint64(rejected)},
                                    {QStringLiteral("expected_rejects_by_reason"), reasons}});
        summary.rowsWritten += rows;
        if (Dataset(d) == Dataset::Persons) expectedPersons = rows - rejected;
    }
    return fileList;
}

// The programmes and their true effects (synthprogrammes.h): what an evaluation should find.
QJsonArray programmeTruth(const GeneratorConfig &config, const std::array<int64_t, kProgrammes.size()> &enrolled) {
    QJsonArray out;
    for (size_t k = 0; k < kProgrammes.size(); ++k) {
        const ProgrammeModel &m = kProgrammes[k];
        QJsonObject effects, steady;
        for (const auto &[outcome, effect] : {std::pair{"emergency_admissions", m.emergencyEffect}, std::pair{"ae", m.aeEffect},
                                              std::pair{"bed_days", m.emergencyEffect}}) {
            effects.insert(QLatin1String(outcome), effect);
            steady.insert(QLatin1String(outcome), steadyEffect(effect));
        }
        out.append(QJsonObject{{QStringLiteral("name"), QLatin1String(m.name)},
                               {QStringLiteral("enrolled"), qint64(enrolled[k])},
                               {QStringLiteral("enrolment_from"), QString::fromStdString(isoDate(config.extractEnd - 365))},
                               {QStringLiteral("enrolment_to"), QString::fromStdString(isoDate(config.extractEnd - 275))},
                               {QStringLiteral("effects"), effects},
                               {QStringLiteral("effect_window_months"), 12},
                               {QStringLiteral("build_up_days"), kBuildUpDays},
                               {QStringLiteral("steady_state_effects"), steady}});
    }
    return out;
}

QJsonObject manifest(const GeneratorConfig &config, qint64 expectedPersons, const QJsonArray &fileList, const QJsonArray &programmes) {
    return QJsonObject{{QStringLiteral("generator"), QStringLiteral("phm generate")},
                       {QStringLiteral("format_version"), 1},
                       {QStringLiteral("seed"), qint64(config.seed)},
                       {QStringLiteral("people"), qint64(config.people)},
                       {QStringLiteral("fault_scale"), config.faultScale},
                       {QStringLiteral("extract_start"), QString::fromStdString(isoDate(config.extractStart))},
                       {QStringLiteral("extract_end"), QString::fromStdString(isoDate(config.extractEnd))},
                       {QStringLiteral("expected_persons"), expectedPersons},
                       {QStringLiteral("files"), fileList},
                       {QStringLiteral("programmes"), programmes}};
}

}  // namespace

Result<GenerateSummary> generateExtract(const GeneratorConfig &config, const QString &outDir, Feedback &feedback) {
    if (config.people < 1) return Error{ErrorCode::BadArgument, QStringLiteral("--people must be at least 1"), {}};
    if (!QDir().mkpath(outDir)) return Error{ErrorCode::CannotWrite, QStringLiteral("cannot create folder %1").arg(outDir), outDir};
    feedback.setPhase(QCoreApplication::translate("phm::core", "Preparing geography"));
    const SynthContext ctx(config);
    ExtractFiles files;
    GenerateSummary summary;
    if (auto s = openFiles(files, outDir); !s) return s.error();
    writePractices(ctx, files, summary);
    if (auto s = writePeople(ctx, config, files, summary, feedback, outDir); !s) return s.error();
    qint64 expectedPersons = 0;
    auto fileList = finishFiles(files, summary, outDir, expectedPersons);
    if (!fileList) return fileList.error();
    summary.manifest = manifest(config, expectedPersons, fileList.value(), programmeTruth(config, files.enrolled));
    // Replacing an existing extract was the caller's decision (`phm generate --force`).
    if (auto s = writeFileSafely(QDir(outDir).filePath(QStringLiteral("manifest.json")), QJsonDocument(summary.manifest).toJson(),
                                 OutputGuard{true, {}});
        !s)
        return s.error();
    feedback.setProgress(100);
    return summary;
}

}  // namespace phm::core
