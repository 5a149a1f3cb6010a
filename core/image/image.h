#pragma once
// Image decoding for every front end: RGB order (not OpenCV's BGR), 8 bits per channel,
// EXIF orientation applied.
#include <opencv2/core.hpp>

#include <filesystem>

namespace diffcut {

// Largest image the app accepts, in pixels (a 16k x 12k photo); bigger ones are refused from
// their headers, before decoding, with a clear message instead of exhausting memory.
inline constexpr long long kMaxImagePixels = 200'000'000;

// JPEG, PNG, TIFF, WebP and BMP (image_header.h). Throws diffcut::Error naming the file when it
// cannot be read, is not one of those, is corrupt, or is too large.
cv::Mat3b loadImageRgb(const std::filesystem::path &path);

} // namespace diffcut
