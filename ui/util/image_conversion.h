#pragma once
// The edge between the core's OpenCV images and Qt's: the core works on cv::Mat (RGB), widgets
// paint QImage.
#include <QImage>

#include <opencv2/core.hpp>

namespace diffcut::ui {

// A new image of `size` in `format`, its pixels uninitialised; null when there is no memory for
// it. One of kOwnMappingBytes (32 MiB) or more (a 12000×9000 photo or overlay: 432 MB) lives in
// huge pages of its own, as large cv::Mats do (common/huge_pages.h), instead of being faulted in
// 4 KiB at a time.
QImage newImage(QSize size, QImage::Format format);

// A deep copy of an 8-bit RGB image as QImage::Format_RGB32: the format QPainter draws fastest,
// so that widgets need no conversion on the UI thread (callers convert on a worker). Throws
// std::bad_alloc when there is no memory for it.
QImage toQImage(const cv::Mat3b &rgb);

} // namespace diffcut::ui
