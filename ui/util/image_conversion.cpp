#include "util/image_conversion.h"

#include <cstring>

namespace diffcut::ui {

QImage toQImage(const cv::Mat3b &rgb) {
    QImage image(rgb.cols, rgb.rows, QImage::Format_RGB888);
    for (int y = 0; y < rgb.rows; ++y)
        std::memcpy(image.scanLine(y), rgb.ptr(y), std::size_t(rgb.cols) * 3);
    return image;
}

} // namespace diffcut::ui
