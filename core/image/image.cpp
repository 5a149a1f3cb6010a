#include "image/image.h"

#include "common/error.h"
#include "image/image_header.h"
#include "image/png_io.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <span>
#include <string>
#include <system_error>
#include <vector>

namespace diffcut {
namespace {

using Bytes = std::vector<std::uint8_t>;

[[noreturn]] void fail(const std::filesystem::path &path, const std::string &what) {
    throw Error(path.string() + ": " + what);
}

// The whole file in memory: decoding from a buffer (cv::imdecode) works for any path encoding,
// and lets us look at the bytes before handing them to a decoder.
Bytes readWholeFile(const std::filesystem::path &path) {
    std::error_code status;
    const auto type = std::filesystem::status(path, status).type();
    if (type == std::filesystem::file_type::not_found)
        fail(path, "file not found");
    if (status)
        fail(path, "cannot access the file (" + status.message() + ")");
    if (type != std::filesystem::file_type::regular)
        fail(path, "not a regular file");
    std::ifstream stream(path, std::ios::binary);
    if (!stream)
        fail(path, "cannot open the file for reading");
    Bytes bytes(std::filesystem::file_size(path, status));
    if (status)
        fail(path, "cannot read the file size (" + status.message() + ")");
    if (!stream.read(reinterpret_cast<char *>(bytes.data()), std::streamsize(bytes.size())))
        fail(path, "cannot read the file");
    return bytes;
}

int bigEndian16(std::span<const std::uint8_t> bytes, std::size_t at) { return bytes[at] << 8 | bytes[at + 1]; }

// libjpeg only warns about a JPEG that stops early and fills the missing part with grey, so
// OpenCV would hand back a half-grey photo. Walking the marker segments up to the end-of-image
// marker catches truncation; segment lengths skip embedded data (an EXIF thumbnail carries its
// own end marker). Data after the end marker (motion photos append a video) is allowed.
void checkJpegStructure(std::span<const std::uint8_t> bytes, const std::filesystem::path &path) {
    const auto truncated = [&] { fail(path, "truncated or corrupt JPEG (it ends before its end-of-image marker)"); };
    std::size_t at = 2; // after the start-of-image marker
    while (true) {
        if (at + 1 >= bytes.size())
            truncated();
        if (bytes[at] != 0xFF) { // stray bytes between segments: libjpeg skips them too
            ++at;
            continue;
        }
        const std::uint8_t marker = bytes[at + 1];
        if (marker == 0xFF) { // fill byte before a marker
            ++at;
            continue;
        }
        if (marker == 0xD9) // end of image
            break;
        if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) { // markers without a payload
            at += 2;
            continue;
        }
        if (at + 3 >= bytes.size())
            truncated();
        const std::size_t segmentEnd = at + 2 + bigEndian16(bytes, at + 2);
        if (segmentEnd > bytes.size())
            truncated();
        at = segmentEnd;
        if (marker == 0xDA) { // start of scan: entropy-coded data runs to the next real marker
            while (at + 1 < bytes.size()
                   && !(bytes[at] == 0xFF && bytes[at + 1] != 0x00 && bytes[at + 1] != 0xFF
                        && !(bytes[at + 1] >= 0xD0 && bytes[at + 1] <= 0xD7)))
                ++at;
        }
    }
}

// The Orientation tag (0x0112) of an EXIF block's first directory: 1 (as stored) to 8; 1 when
// absent or unreadable.
int exifOrientation(std::span<const std::uint8_t> exif) {
    if (exif.size() < 8 || !(exif[0] == exif[1] && (exif[0] == 'I' || exif[0] == 'M')))
        return 1;
    const bool little = exif[0] == 'I';
    const auto read = [&](std::size_t at, int size) {
        std::uint32_t value = 0;
        for (int i = 0; i < size; ++i)
            value |= std::uint32_t(exif[at + std::size_t(i)]) << (8 * (little ? i : size - 1 - i));
        return value;
    };
    const std::size_t directory = read(4, 4);
    if (directory > exif.size() - 2)
        return 1;
    const std::size_t entries = read(directory, 2);
    for (std::size_t entry = directory + 2; entry + 12 <= exif.size() && entry < directory + 2 + 12 * entries; entry += 12)
        if (read(entry, 2) == 0x0112 && read(entry + 2, 2) == 3) { // SHORT
            const std::uint32_t orientation = read(entry + 8, 2);
            return orientation >= 1 && orientation <= 8 ? int(orientation) : 1;
        }
    return 1;
}

// As OpenCV's imdecode applies it to the images it decodes.
void applyExifOrientation(cv::Mat3b &image, int orientation) {
    if (orientation >= 5) // the stored rows are the visual columns
        cv::transpose(image, image);
    switch (orientation) {
    case 2: case 6: cv::flip(image, image, 1); break;  // horizontally
    case 3: case 7: cv::flip(image, image, -1); break; // both ways
    case 4: case 8: cv::flip(image, image, 0); break;  // vertically
    default: break;
    }
}

// OpenCV's IMREAD_COLOR conversions (8 bits, alpha dropped, palette and grey expanded to three
// channels) done by libpng directly, in RGB order: OpenCV's own PNG decoder leaves libpng's
// default handlers in place, which print "libpng error: ..." and "libpng warning: ..." lines.
// Everything libpng changes lives in the caller's objects (see png_io.h).
bool decodePng(PngReader &reader, cv::Mat3b &rgb, std::vector<png_bytep> &rows, std::vector<std::uint8_t> &exif) {
    if (!reader.png || setjmp(png_jmpbuf(reader.png)))
        return false;
    png_read_info(reader.png, reader.info);
    png_uint_32 exifSize = 0;
    png_bytep exifData = nullptr;
    if (png_get_eXIf_1(reader.png, reader.info, &exifSize, &exifData) && exifData) // before the image data, as OpenCV reads it
        exif.assign(exifData, exifData + exifSize);
    const int colourType = png_get_color_type(reader.png, reader.info);
    if (png_get_bit_depth(reader.png, reader.info) == 16)
        png_set_strip_16(reader.png);
    png_set_strip_alpha(reader.png);
    if (colourType == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(reader.png);
    if (!(colourType & PNG_COLOR_MASK_COLOR)) {
        png_set_expand_gray_1_2_4_to_8(reader.png);
        png_set_gray_to_rgb(reader.png);
    }
    png_set_interlace_handling(reader.png);
    png_read_update_info(reader.png, reader.info);
    rgb.create(int(png_get_image_height(reader.png, reader.info)), int(png_get_image_width(reader.png, reader.info)));
    if (png_get_rowbytes(reader.png, reader.info) != rgb.step[0])
        png_error(reader.png, "unsupported PNG layout");
    rows.resize(std::size_t(rgb.rows));
    for (int y = 0; y < rgb.rows; ++y)
        rows[std::size_t(y)] = rgb.ptr(y);
    png_read_image(reader.png, rows.data());
    png_read_end(reader.png, nullptr);
    return true;
}

} // namespace

cv::Mat3b loadImageRgb(const std::filesystem::path &path) {
    const Bytes bytes = readWholeFile(path);
    if (bytes.empty())
        fail(path, "empty file, not an image");
    const ImageFormat format = imageFormatOf(bytes, path);
    checkedImageSize(bytes, format, path); // before anything is decoded
    if (format == ImageFormat::Jpeg)
        checkJpegStructure(bytes, path);

    cv::Mat3b rgb;
    if (format == ImageFormat::Png) {
        PngReader reader(bytes);
        std::vector<png_bytep> rows;
        std::vector<std::uint8_t> exif;
        if (!decodePng(reader, rgb, rows, exif))
            fail(path, std::string("corrupt PNG (") + reader.sink.message + ")");
        applyExifOrientation(rgb, exifOrientation(exif));
        return rgb;
    }
    cv::Mat decoded;
    try {
        // IMREAD_COLOR: 8-bit, 3 channels, and EXIF orientation applied.
        decoded = cv::imdecode(bytes, cv::IMREAD_COLOR);
    } catch (const cv::Exception &error) {
        fail(path, "cannot decode the image (" + error.err + ")");
    }
    if (decoded.empty())
        fail(path, "not a supported image, or the file is corrupt");
    cv::cvtColor(decoded, rgb, cv::COLOR_BGR2RGB);
    return rgb;
}

} // namespace diffcut
