#pragma once
// The edge between the core's OpenCV images and Qt's: the core works on cv::Mat (RGB), widgets
// paint QImage.
#include <QImage>

#include <opencv2/core.hpp>

namespace diffcut::ui {

// A deep copy of an 8-bit RGB image as QImage::Format_RGB32: the format QPainter draws fastest,
// so that widgets need no conversion on the UI thread (callers convert on a worker).
QImage toQImage(const cv::Mat3b &rgb);

} // namespace diffcut::ui
