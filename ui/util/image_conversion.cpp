#include "util/image_conversion.h"

#include "common/huge_pages.h"

#include <limits>
#include <new>

namespace diffcut::ui {

namespace {

struct Mapping {
    void *data;
    std::size_t bytes;
};

void unmap(void *mapping) {
    const auto *owned = static_cast<Mapping *>(mapping);
    unmapHugePages(owned->data, owned->bytes);
    delete owned;
}

} // namespace

QImage newImage(QSize size, QImage::Format format) {
    const int depth = QImage::toPixelFormat(format).bitsPerPixel();
    if (size.isEmpty() || depth <= 0 || size.width() > (std::numeric_limits<int>::max() - 31) / depth)
        return QImage(size, format); // Qt's own answer, null when it is too large
    const qsizetype bytesPerLine = (qsizetype(size.width()) * depth + 31) / 32 * 4; // QImage's own alignment
    const qsizetype bytes = bytesPerLine * size.height();
    if (std::size_t(bytes) < kOwnMappingBytes)
        return QImage(size, format);
    void *data = mapHugePages(std::size_t(bytes));
    if (!data)
        return QImage(size, format);
    auto *mapping = new Mapping{data, std::size_t(bytes)};
    QImage image(static_cast<uchar *>(data), size.width(), size.height(), bytesPerLine, format, &unmap, mapping);
    if (image.isNull()) // Qt refused the size: the cleanup will never run
        unmap(mapping);
    return image;
}

QImage toQImage(const cv::Mat3b &rgb) {
    QImage image = newImage(QSize(rgb.cols, rgb.rows), QImage::Format_RGB32);
    if (image.isNull() && !rgb.empty())
        throw std::bad_alloc();
    for (int y = 0; y < rgb.rows; ++y) {
        const cv::Vec3b *source = rgb.ptr<cv::Vec3b>(y);
        auto *target = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < rgb.cols; ++x)
            target[x] = qRgb(source[x][0], source[x][1], source[x][2]);
    }
    return image;
}

} // namespace diffcut::ui
