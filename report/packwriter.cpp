// The pack PDF, its preview pages and the export of a level's packs (report/packwriter.h).
#include "report/packwriter.h"

#include "governance/disclosurepolicy.h"
#include "governance/governedoutput.h"
#include "governance/keystore.h"
#include "governance/users.h"
#include "operations/programmeops.h"
#include "report/packsections.h"
#include "session/session.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QPdfWriter>
#include <QRegularExpression>
#include <map>
#include <memory>

namespace phm::report {
using pack::PageSink;
using pack::Sections;

namespace {
// The translation context of the export's messages (lupdate reads the macro's argument).
struct PackWriterText {
    Q_DECLARE_TR_FUNCTIONS(phm::report::PackWriter)
};

// The pack on any page sink: cover, contents, then the template's sections. Laid out twice: once
// on a sink that paints nowhere, to learn where each section starts and how many pages there are
// (tables run on over pages, short sections share one), then for real with those numbers.
core::Result<int> layOut(const core::PackData &pack, PageSink &sink, const QString &where) {
    auto write = [&](pack::Writer &w, const std::vector<int> &starts) {
        std::vector<int> started;
        Sections::cover(w, pack);
        Sections::contents(w, pack, starts);
        for (core::PackSection s : pack.sections) {
            started.push_back(Sections::sharesContentsPage(pack, s) ? w.page() : w.page() + 1);
            Sections::write(w, pack, s);
        }
        return started;
    };
    pack::CountingSink counting;
    pack::Writer measure(counting, pack, 0);
    if (!measure.ok()) return core::Error{core::ErrorCode::CannotWrite, PackWriterText::tr("cannot lay out %1").arg(where), where};
    const std::vector<int> starts = write(measure, {});
    const int pages = measure.page();
    measure.finish();
    pack::Writer w(sink, pack, pages);
    if (!w.ok()) return core::Error{core::ErrorCode::CannotWrite, PackWriterText::tr("cannot write %1").arg(where), where};
    const bool same = write(w, starts) == starts;
    const int written = w.page();
    w.finish();
    if (!same || written != pages)
        return core::Error{core::ErrorCode::Layout, PackWriterText::tr("the pack laid out %1 pages, not %2").arg(written).arg(pages),
                           where};
    return pages;
}
}  // namespace

// The pack as a PDF on a device (a SafeFile's temporary).
core::Result<int> writePackPdf(const core::PackData &pack, QIODevice *device, const QString &path) {
    QPdfWriter pdf(device);
    pdf.setResolution(pack::kDpi);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setTitle(QStringLiteral("%1: %2").arg(pack.title, pack.areaName));
    pdf.setCreator(QStringLiteral("PHM Workbench"));
    pack::PdfSink sink(pdf);
    return layOut(pack, sink, path);
}

core::Result<int> writePackPdf(const core::PackData &pack, const QString &path) {
    core::SafeFile file(path);
    if (auto s = file.open(core::OutputGuard{true, {}}); !s) return s.error();
    auto pages = writePackPdf(pack, file.device(), path);
    if (!pages) return pages;
    if (auto s = file.commit(); !s) return s.error();
    return pages;
}

core::Result<std::vector<QImage>> renderPackPages(const core::PackData &pack, double dpi) {
    pack::ImageSink sink(dpi);
    auto pages = layOut(pack, sink, PackWriterText::tr("the preview"));
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

// The file of each pack; two packs never share one (names compared as a case-insensitive file
// system would).
core::Result<QStringList> packFiles(const std::vector<core::PackData> &packs, const QString &folder) {
    QStringList files;
    std::map<QString, QString> seen;  // folded file name -> area
    for (const core::PackData &pack : packs) {
        const QString name = packFileName(pack.areaName, pack.areaCode);
        const auto [it, added] = seen.emplace(name.toCaseFolded(), pack.areaName);
        if (!added)
            return core::Error{core::ErrorCode::NameClash,
                               PackWriterText::tr("the packs of %1 and %2 would both be %3").arg(it->second, pack.areaName, name), name};
        files << QDir(folder).filePath(name);
    }
    return files;
}
}  // namespace

QString packFileName(const QString &areaName, const QString &areaCode) {
    const QString name = slug(areaName), code = slug(areaCode);
    if (name.isEmpty()) return (code.isEmpty() ? QStringLiteral("pack") : code) + QStringLiteral(".pdf");
    return (code.isEmpty() || name.endsWith(code) ? name : name + QLatin1Char('-') + code) + QStringLiteral(".pdf");
}

core::Result<std::vector<WrittenPack>> exportPacks(const core::Session &session, const std::vector<core::IndicatorDefinition> &definitions,
                                                   core::Area::Kind level, const core::PackOptions &options, const QString &folder,
                                                   const QString &onlyArea, core::Feedback *feedback, const core::OutputGuard &guard) {
    const core::AreaIndex &areas = session.areas();
    if (auto s = core::makePrivateFolder(folder); !s) return s.error();
    core::OutputGuard outputs = guard;  // a pack never replaces the project or its key store
    outputs.protectedFiles << areas.project().path << core::defaultKeyStorePath(areas.project().path);
    core::Feedback local;
    core::Feedback &fb = feedback ? *feedback : local;
    core::PackOptions chosen = options;
    // The project's, read for every export (through the session's connection).
    auto policy = session.read([](core::ProjectDb &db) { return core::projectPolicy(db); });
    if (!policy) return policy.error();
    chosen.policy = policy.value();
    if (!onlyArea.isEmpty()) {
        for (int i = 0; i < areas.areaCount(level) && chosen.onlyArea < 0; ++i) {
            const core::Area a{level, i};
            if (areas.code(a).compare(onlyArea, Qt::CaseInsensitive) == 0 || areas.name(a).compare(onlyArea, Qt::CaseInsensitive) == 0)
                chosen.onlyArea = i;
        }
        if (chosen.onlyArea < 0)
            return core::Error{core::ErrorCode::UnknownArea, PackWriterText::tr("no area `%1` at this level").arg(onlyArea), onlyArea};
    }
    fb.setPhase(PackWriterText::tr("Computing the packs"));
    auto maturity = session.maturityRecords();
    if (!maturity) return maturity.error();
    auto evaluations = core::ops::publishedEvaluations(session, chosen.policy, &fb);
    if (!evaluations) return evaluations.error();
    chosen.evaluations = std::move(evaluations.value());
    auto programmes = core::ops::allProgrammes(session);
    if (!programmes) return programmes.error();
    chosen.programmes = std::move(programmes.value());
    auto packs = core::buildPacks(areas, session.codeLists(), definitions, maturity.value(), level, chosen, &fb);
    if (!packs) return packs.error();
    const auto &all = packs.value();
    auto names = packFiles(all, folder);
    if (!names) return names.error();
    // Every PDF goes to a temporary beside its file; none replaces anything until all are written
    // and the export is audited, so a failure (a full disk) or a cancel leaves the folder as it was.
    std::vector<std::unique_ptr<core::SafeFile>> files;
    for (const QString &name : names.value()) {
        files.push_back(std::make_unique<core::SafeFile>(name));
        if (auto s = files.back()->open(outputs); !s) return s.error();
    }
    std::vector<WrittenPack> written;
    fb.setPhase(PackWriterText::tr("Writing the PDFs"));
    for (size_t i = 0; i < all.size(); ++i) {
        if (fb.isCanceled()) return core::Error{core::ErrorCode::Canceled, PackWriterText::tr("cancelled"), {}};
        const core::PackData &pack = all[i];
        const QString &file = names.value()[qsizetype(i)];
        auto pages = writePackPdf(pack, files[i]->device(), file);
        if (!pages) return pages.error();
        if (auto *device = qobject_cast<QFileDevice *>(files[i]->device());
            device && (!device->flush() || device->error() != QFileDevice::NoError))
            return core::Error{core::ErrorCode::CannotWrite, PackWriterText::tr("cannot write %1: %2").arg(file, device->errorString()),
                               file};
        written.push_back({pack.areaName, pack.areaCode, file, pages.value()});
        fb.setProgress(100.0 * double(i + 1) / double(all.size()));  // per phase
    }
    // Every export is in the audit log; packs the log does not show are not left behind.
    QJsonArray fileNames;
    for (const WrittenPack &w : written) fileNames.append(QFileInfo(w.file).fileName());
    const QJsonObject detail{{QStringLiteral("level"), core::levelKey(level)},
                             {QStringLiteral("files"), fileNames},
                             {QStringLiteral("folder"), QFileInfo(folder).absoluteFilePath()},
                             {QStringLiteral("template"), chosen.layout.name}};
    // By path: the audit write takes the project's write lock and journals beside the file.
    if (auto s = core::recordGovernedExport(areas.project().path, QStringLiteral("export-packs"), chosen.policy, detail); !s)
        return s.error();
    for (size_t i = 0; i < files.size(); ++i)
        if (auto s = files[i]->commit(); !s) {
            for (size_t j = 0; j < i; ++j) QFile::remove(written[j].file);  // this export's own, now half a set
            return s.error();
        }
    return written;
}

}  // namespace phm::report
