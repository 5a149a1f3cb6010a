#include "canvas/palette.h"

#include "export/label_png.h"

#include <cmath>

namespace diffcut::ui {

QColor segmentColour(int index) {
    if (index < 0)
        return Qt::transparent;
    constexpr double goldenAngleDegrees = 137.50776405003785;
    const double hue = std::fmod(index * goldenAngleDegrees, 360.0) / 360.0;
    // Alternate saturation and value a little so that the rare close hues still differ.
    const float saturation = index % 2 == 0 ? 0.85f : 0.65f;
    const float value = (index / 2) % 2 == 0 ? 0.95f : 0.80f;
    return QColor::fromHsvF(float(hue), saturation, value);
}

QColor defaultClassColour(int index) {
    static const auto colormap = vocColormap();
    constexpr int usableColours = 254; // entries 1..254: not background black, not "void"
    const int entry = 1 + (index % usableColours + usableColours) % usableColours;
    const cv::Vec3b &rgb = colormap[std::size_t(entry)];
    return QColor(rgb[0], rgb[1], rgb[2]);
}

} // namespace diffcut::ui
