#pragma once
// Lays out a pack (core/pack: content already through disclosure control) as an A4 PDF with
// QPdfWriter: vector text and charts drawn with QPainter, selectable text, a footer on every
// page (area, data period, source, disclosure policy, page n of m).
#include "pack.h"

namespace phm::ui {

// Writes the pack; returns the number of pages.
core::Result<int> writePackPdf(const core::PackData &pack, const QString &path);

}  // namespace phm::ui
