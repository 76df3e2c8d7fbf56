#include "packwriter.h"

#include "governance/keystore.h"

#include "packcharts.h"

#include "governance/disclosurepolicy.h"
#include "governance/governedoutput.h"
#include "governance/users.h"
#include "maturitycharts.h"
#include "profilemodel.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <cmath>
#include <map>
#include <memory>

namespace phm::ui {
using namespace pack;

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

// The pack as a PDF on a device (a SafeFile's temporary).
core::Result<int> writePackPdf(const core::PackData &pack, QIODevice *device, const QString &path) {
    QPdfWriter pdf(device);
    pdf.setResolution(kDpi);
    pdf.setPageSize(QPageSize(QPageSize::A4));
    pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
    pdf.setTitle(QStringLiteral("%1: %2").arg(pack.title, pack.areaName));
    pdf.setCreator(QStringLiteral("PHM Workbench"));
    PdfSink sink(pdf);
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

// The file of each pack; two packs never share one (names compared as a case-insensitive file
// system would).
core::Result<QStringList> packFiles(const std::vector<core::PackData> &packs, const QString &folder) {
    QStringList files;
    std::map<QString, QString> seen;  // folded file name -> area
    for (const core::PackData &pack : packs) {
        const QString name = packFileName(pack.areaName, pack.areaCode);
        const auto [it, added] = seen.emplace(name.toCaseFolded(), pack.areaName);
        if (!added)
            return core::Error{QStringLiteral("name_clash"),
                               tr("the packs of %1 and %2 would both be %3").arg(it->second, pack.areaName, name), name};
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

core::Result<std::vector<WrittenPack>> exportPacks(const core::AreaIndex &areas, const core::rules::CodeLists &lists,
                                                   const std::vector<core::IndicatorDefinition> &definitions, core::Area::Kind level,
                                                   const core::PackOptions &options, const QString &folder, const QString &onlyArea,
                                                   core::Feedback *feedback, const core::OutputGuard &guard) {
    if (auto s = core::makePrivateFolder(folder); !s) return s.error();
    core::OutputGuard outputs = guard;  // a pack never replaces the project or its key store
    outputs.protectedFiles << areas.project().path << core::defaultKeyStorePath(areas.project().path);
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
    fb.setPhase(tr("Writing the PDFs"));
    for (size_t i = 0; i < all.size(); ++i) {
        if (fb.isCanceled()) return core::Error{QStringLiteral("canceled"), tr("canceled"), {}};
        const core::PackData &pack = all[i];
        const QString &file = names.value()[qsizetype(i)];
        auto pages = writePackPdf(pack, files[i]->device(), file);
        if (!pages) return pages.error();
        if (auto *device = qobject_cast<QFileDevice *>(files[i]->device());
            device && (!device->flush() || device->error() != QFileDevice::NoError))
            return core::Error{QStringLiteral("cannot_write"), tr("cannot write %1: %2").arg(file, device->errorString()), file};
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
    if (auto s = core::recordGovernedExport(areas.project().path, QStringLiteral("export-packs"), chosen.policy, detail); !s)
        return s.error();
    for (size_t i = 0; i < files.size(); ++i)
        if (auto s = files[i]->commit(); !s) {
            for (size_t j = 0; j < i; ++j) QFile::remove(written[j].file);  // this export's own, now half a set
            return s.error();
        }
    return written;
}

}  // namespace phm::ui
