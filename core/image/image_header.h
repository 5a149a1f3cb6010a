#pragma once
// What an image file says about itself before anything is decoded: its format and pixel size.
// A "decompression bomb" (346 bytes of JPEG, 10 KB of WebP) declares a size that decodes to
// gigabytes; reading the size from the header refuses it before its pixels are allocated.
#include <opencv2/core.hpp>

#include <cstdint>
#include <filesystem>
#include <span>

namespace diffcut {

enum class ImageFormat { Jpeg, Png, Tiff, WebP, Bmp };

// The format by its signature. Throws Error naming `path` for anything else: OpenCV decodes
// more formats (PNM, EXR, JPEG 2000, DICOM, ...), but the app opens only these, whose sizes it
// can check.
ImageFormat imageFormatOf(std::span<const std::uint8_t> bytes, const std::filesystem::path &path);

// The size the decoder will allocate, read the way that decoder reads it: libjpeg's frame header
// (the first frame, which is the one libjpeg decodes), libtiff's first directory (the page OpenCV
// decodes; a tiled one's tile size must pass the limit too), libwebp's canvas, PNG's IHDR and
// the BMP info header. Throws Error naming `path` when the header cannot be read or the size
// exceeds kMaxImagePixels.
cv::Size checkedImageSize(std::span<const std::uint8_t> bytes, ImageFormat format, const std::filesystem::path &path);

} // namespace diffcut
