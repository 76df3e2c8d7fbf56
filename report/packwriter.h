#pragma once
// Lays out a pack (core/packs/pack: content already through disclosure control) as an A4 PDF with
// QPdfWriter: vector text and charts drawn with QPainter, selectable text, a footer on every
// page (area, data period, source, disclosure policy, page n of m); and the export of a level's
// packs, the one used by `phm export-packs` and the workbench. The pages: report/packsections.
#include "base/safefile.h"
#include "packs/pack.h"

#include <QImage>
#include <vector>

namespace phm::core {
class Session;
}

namespace phm::report {

// Writes the pack; returns the number of pages.
core::Result<int> writePackPdf(const core::PackData &pack, const QString &path);
// The same pages as images at `dpi`, for the preview in the workbench.
core::Result<std::vector<QImage>> renderPackPages(const core::PackData &pack, double dpi);

struct WrittenPack {
    QString area, areaCode, file;
    int pages = 0;
};
// Builds and writes the packs of every area of a level (or only `onlyArea`, a code or name) into
// `folder` as <area-name>-<area-code>.pdf (packFileName): the one export used by
// `phm export-packs` and the workbench. Progress and cancel through the feedback. All or
// nothing: every PDF is written to a temporary file and renamed into place only when all are
// complete and the export is audited, so a canceled or failed export (disk full) leaves the
// folder as it was. An existing PDF is replaced only with `guard.force` (error "file_exists"
// otherwise); the project and its key store never. The disclosure policy is the project's
// (core/governance/disclosurepolicy), read through the session for every export, whatever
// `options` holds; the areas, code lists and maturity records are the session's too.
core::Result<std::vector<WrittenPack>> exportPacks(const core::Session &session, const std::vector<core::IndicatorDefinition> &definitions,
                                                   core::Area::Kind level, const core::PackOptions &options, const QString &folder,
                                                   const QString &onlyArea = {}, core::Feedback *feedback = nullptr,
                                                   const core::OutputGuard &guard = {});
// A pack's file name: the area's name as letters, digits and dashes, then its code, so two
// areas whose names read the same still get files of their own.
QString packFileName(const QString &areaName, const QString &areaCode);

}  // namespace phm::report
