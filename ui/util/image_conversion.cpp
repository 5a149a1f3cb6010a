#include "util/image_conversion.h"

namespace diffcut::ui {

QImage toQImage(const cv::Mat3b &rgb) {
    QImage image(rgb.cols, rgb.rows, QImage::Format_RGB32);
    for (int y = 0; y < rgb.rows; ++y) {
        const cv::Vec3b *source = rgb.ptr<cv::Vec3b>(y);
        auto *target = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < rgb.cols; ++x)
            target[x] = qRgb(source[x][0], source[x][1], source[x][2]);
    }
    return image;
}

} // namespace diffcut::ui
