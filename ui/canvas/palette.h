#pragma once
// Colours of the canvas overlay: segments before anyone has labelled them, and new classes.
#include <QColor>

namespace diffcut::ui {

// A distinct, stable colour for unlabelled segment `index` (>= 0): hues step by the golden angle,
// so neighbouring indices never look alike, with saturation and value high enough to stand out on
// photos. The same index always gives the same colour. A negative index (no segment) is
// transparent.
QColor segmentColour(int index);

// The colour of the `index`-th new class (>= 0): PASCAL VOC colour map entries 1, 2, ... so that
// class colours match the VOC label PNGs; black (0, background) and the "void" colour (255) are
// skipped, and the list wraps around after 254 classes. Negative indices wrap the same way.
QColor defaultClassColour(int index);

} // namespace diffcut::ui
