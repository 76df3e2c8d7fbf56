#pragma once
// The one palette of PHM Workbench: NHS identity colours for text, lines and charts, the
// Fingertips significance colours, the sequential scheme of maps and the maturity levels. The
// packs, the maps, the maturity charts and the workbench's tables all take their colours from
// here, so a colour means the same on screen and on paper.
#include "indicators/profile.h"

#include <QColor>

namespace phm::report {

// NHS identity colours (https://www.england.nhs.uk/nhsidentity/identity-guidelines/colours/).
inline const QColor kNhsBlue(0x00, 0x5E, 0xB8);      // headings, bars, the area's own marks
inline const QColor kNhsDarkBlue(0x00, 0x30, 0x87);  // the deepest maturity level
inline const QColor kText(0x21, 0x2B, 0x32);         // body text (NHS black)
inline const QColor kMuted(0x76, 0x86, 0x92);        // captions, footers, axis labels (NHS mid grey)
inline const QColor kGrid(0xD8, 0xDD, 0xE0);         // rules, grid lines (NHS pale grey)
inline const QColor kTableHeader(0xE8, 0xED, 0xEE);  // the header row of a table
inline const QColor kFrame(0xC8, 0xC8, 0xC8);        // chart frames
inline const QColor kPurple(0x33, 0x0A, 0x72);       // deprivation
inline const QColor kRed(0xD5, 0x28, 0x1B);          // risk
inline const QColor kPlum(0x7C, 0x28, 0x55);         // frailty
inline const QColor kPink(0xAE, 0x25, 0x73);         // women in a pyramid (men are kNhsBlue)
inline const QColor kWarmYellow(0xFF, 0xB8, 0x1C);   // this area among its peers
inline const QColor kOrange(0xED, 0x8B, 0x00);       // a maturity target
inline const QColor kAquaGreen(0x00, 0xA4, 0x99);    // women in the workbench's pyramid, segments
inline const QColor kDarkGrey(0x42, 0x55, 0x63);     // control limits, map labels (NHS dark grey)
inline const QColor kOutline(0x30, 0x30, 0x30);      // the selected area's outline on a map
// The rule editor's highlighting: filters and datasets, code lists and strings, numbers.
inline const QColor kSyntaxFilter(0x78, 0x5A, 0x00), kSyntaxText(0x00, 0x70, 0x3C), kSyntaxNumber(0x8A, 0x15, 0x38);

// Spine charts: the peers' whole range and their interquartile band.
inline const QColor kSpineRange(0xD9, 0xD9, 0xD9), kSpineQuartiles(0x8C, 0x8C, 0x8C);
// A map area or a chart cell without a value (suppressed or missing).
inline const QColor kNoValue(0xE8, 0xE8, 0xE8);

// Fingertips colours for significance (better, similar, worse; higher/lower without judgement).
QColor significanceColour(core::Significance s);
// ColorBrewer YlGnBu, a sequential scheme safe for colour-blind readers and in greyscale: class
// k of `classes`, light for low values, dark for high (interpolated beyond seven classes).
QColor sequentialColour(int k, int classes);
// The text colour that reads best on `background`: kText or white, by WCAG contrast ratio
// (relative luminance), so amber gets dark text and red white.
QColor textOn(const QColor &background);
// Maturity levels, lowest first (pale to deep NHS blue), and a light grey for "not assessed"
// (level < 0).
QColor levelColour(int level, int levels);

}  // namespace phm::report
