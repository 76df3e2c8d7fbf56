// The colour functions of report/palette.h.
#include "report/palette.h"

#include <algorithm>
#include <cmath>

namespace phm::report {

QColor sequentialColour(int k, int classes) {
    static const QColor ramp[] = {QColor(0xFF, 0xFF, 0xCC), QColor(0xC7, 0xE9, 0xB4), QColor(0x7F, 0xCD, 0xBB), QColor(0x41, 0xB6, 0xC4),
                                  QColor(0x1D, 0x91, 0xC0), QColor(0x22, 0x5E, 0xA8), QColor(0x0C, 0x2C, 0x84)};
    const double t = classes <= 1 ? 0.5 : double(k) / (classes - 1);
    const double pos = t * 6;
    const int i = std::min(5, int(pos));
    const double f = pos - i;
    auto mix = [&](int a, int b) { return int(std::lround(a + (b - a) * f)); };
    return QColor(mix(ramp[i].red(), ramp[i + 1].red()), mix(ramp[i].green(), ramp[i + 1].green()),
                  mix(ramp[i].blue(), ramp[i + 1].blue()));
}

namespace {
double luminance(const QColor &c) {
    auto linear = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * linear(c.redF()) + 0.7152 * linear(c.greenF()) + 0.0722 * linear(c.blueF());
}
double contrast(const QColor &a, const QColor &b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}
}  // namespace

QColor textOn(const QColor &background) {
    return contrast(background, kText) >= contrast(background, Qt::white) ? kText : QColor(Qt::white);
}

QColor significanceColour(core::Significance s) {
    switch (s) {
        case core::Significance::Better:
            return QColor(0x92, 0xD0, 0x50);
        case core::Significance::Similar:
            return QColor(0xFF, 0xC0, 0x00);
        case core::Significance::Worse:
            return QColor(0xC0, 0x00, 0x00);
        case core::Significance::Higher:
            return QColor(0x55, 0x55, 0xE6);
        case core::Significance::Lower:
            return QColor(0xBE, 0xD2, 0xFF);
        case core::Significance::NotCompared:
            break;
    }
    return QColor(0xD9, 0xD9, 0xD9);
}

QColor levelColour(int level, int levels) {
    if (level < 0 || levels <= 0) return QColor(0xEE, 0xEE, 0xEE);
    // From a pale to a deep NHS blue.
    const double t = levels == 1 ? 1.0 : double(level) / double(levels - 1);
    const QColor a(0xC6, 0xDB, 0xEF), b = kNhsDarkBlue;
    return QColor::fromRgbF(float(a.redF() + t * (b.redF() - a.redF())), float(a.greenF() + t * (b.greenF() - a.greenF())),
                            float(a.blueF() + t * (b.blueF() - a.blueF())));
}

}  // namespace phm::report
