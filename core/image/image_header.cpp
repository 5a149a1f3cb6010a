#include "image/image_header.h"

#include "common/error.h"
#include "image/image.h"

#include <jpeglib.h>
#include <tiffio.h>
#include <webp/decode.h>

#include <algorithm>
#include <csetjmp>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

namespace diffcut {
namespace {

using Bytes = std::span<const std::uint8_t>;

[[noreturn]] void fail(const std::filesystem::path &path, const std::string &what) {
    throw Error(path.string() + ": " + what);
}

bool startsWith(Bytes bytes, std::initializer_list<std::uint8_t> prefix) {
    return bytes.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), bytes.begin());
}

std::uint32_t bigEndian32(Bytes bytes, std::size_t at) {
    return std::uint32_t(bytes[at]) << 24 | std::uint32_t(bytes[at + 1]) << 16 | std::uint32_t(bytes[at + 2]) << 8 | bytes[at + 3];
}

std::uint32_t littleEndian(Bytes bytes, std::size_t at, int size) {
    std::uint32_t value = 0;
    for (int i = size - 1; i >= 0; --i)
        value = value << 8 | bytes[at + i];
    return value;
}

// libjpeg reports errors through error_exit, which must not return: it longjmps back to the
// setjmp in readJpegFrame. Only C state lives in between (kept in the caller's JpegReader, whose
// members are then still valid), so no C++ destructor is skipped. Messages go nowhere: libjpeg's
// default output_message would print warnings to stderr.
struct JpegReader {
    jpeg_decompress_struct info{};
    jpeg_error_mgr errors{};
    std::jmp_buf jump{};
    char message[JMSG_LENGTH_MAX] = "";
};

void onJpegError(j_common_ptr info) {
    auto *reader = reinterpret_cast<JpegReader *>(info->client_data);
    (*info->err->format_message)(info, reader->message);
    std::longjmp(reader->jump, 1);
}

void ignoreJpegMessage(j_common_ptr) {}

// The frame header libjpeg reads before the first scan: the frame it decodes, whatever other
// start-of-frame markers follow later in the file.
bool readJpegFrame(Bytes bytes, JpegReader &reader, cv::Size &frame) {
    reader.info.err = jpeg_std_error(&reader.errors);
    reader.errors.error_exit = onJpegError;
    reader.errors.output_message = ignoreJpegMessage;
    reader.info.client_data = &reader;
    if (setjmp(reader.jump)) {
        jpeg_destroy_decompress(&reader.info);
        return false;
    }
    jpeg_create_decompress(&reader.info);
    jpeg_mem_src(&reader.info, bytes.data(), static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&reader.info, TRUE);
    frame = cv::Size(int(reader.info.image_width), int(reader.info.image_height));
    jpeg_destroy_decompress(&reader.info);
    return true;
}

// libtiff reading from memory, its messages kept instead of printed.
struct TiffSource {
    Bytes bytes;
    toff_t position = 0;
    std::string message;
};

tmsize_t readTiff(thandle_t handle, void *buffer, tmsize_t size) {
    auto *source = static_cast<TiffSource *>(handle);
    if (size < 0 || source->position > source->bytes.size())
        return 0;
    const auto count = std::min<std::size_t>(std::size_t(size), source->bytes.size() - source->position);
    std::memcpy(buffer, source->bytes.data() + source->position, count);
    source->position += count;
    return tmsize_t(count);
}

tmsize_t writeTiff(thandle_t, void *, tmsize_t) { return -1; }

toff_t seekTiff(thandle_t handle, toff_t offset, int whence) {
    auto *source = static_cast<TiffSource *>(handle);
    const toff_t base = whence == SEEK_CUR ? source->position : whence == SEEK_END ? source->bytes.size() : 0;
    source->position = base + offset;
    return source->position;
}

int closeTiff(thandle_t) { return 0; }
toff_t sizeOfTiff(thandle_t handle) { return static_cast<TiffSource *>(handle)->bytes.size(); }

int keepTiffMessage(TIFF *, void *handle, const char *, const char *format, va_list arguments) {
    auto *source = static_cast<TiffSource *>(handle);
    if (source->message.empty()) {
        char text[256];
        std::vsnprintf(text, sizeof text, format, arguments);
        source->message = text;
    }
    return 1; // handled: libtiff's global handler (stderr) is not called
}

int ignoreTiffWarning(TIFF *, void *, const char *, const char *, va_list) { return 1; }

void checkPixels(long long width, long long height, const std::filesystem::path &path, const char *what = "image") {
    if (width * height > kMaxImagePixels)
        fail(path, std::string(what) + " is " + std::to_string(width) + " x " + std::to_string(height) +
                       " pixels, more than the " + std::to_string(kMaxImagePixels / 1'000'000) +
                       " megapixels this app accepts");
}

cv::Size tiffImageSize(Bytes bytes, const std::filesystem::path &path) {
    TiffSource source{bytes, 0, {}};
    const std::unique_ptr<TIFFOpenOptions, decltype(&TIFFOpenOptionsFree)> options(TIFFOpenOptionsAlloc(), TIFFOpenOptionsFree);
    TIFFOpenOptionsSetErrorHandlerExtR(options.get(), keepTiffMessage, &source);
    TIFFOpenOptionsSetWarningHandlerExtR(options.get(), ignoreTiffWarning, &source);
    TIFFOpenOptionsSetMaxSingleMemAlloc(options.get(), 64 << 20); // a directory is kilobytes
    // "rm": read-only, no memory mapping (the bytes are already in memory).
    const std::unique_ptr<TIFF, decltype(&TIFFClose)> tiff(
        TIFFClientOpenExt(path.c_str(), "rm", &source, readTiff, writeTiff, seekTiff, closeTiff, sizeOfTiff, nullptr,
                          nullptr, options.get()),
        TIFFClose);
    std::uint32_t width = 0, height = 0;
    if (!tiff || !TIFFGetField(tiff.get(), TIFFTAG_IMAGEWIDTH, &width) || !TIFFGetField(tiff.get(), TIFFTAG_IMAGELENGTH, &height))
        fail(path, "corrupt TIFF (" + (source.message.empty() ? std::string("no image size") : source.message) + ")");
    if (std::uint32_t tileWidth = 0, tileHeight = 0;
        TIFFIsTiled(tiff.get()) && TIFFGetField(tiff.get(), TIFFTAG_TILEWIDTH, &tileWidth) &&
        TIFFGetField(tiff.get(), TIFFTAG_TILELENGTH, &tileHeight))
        checkPixels(tileWidth, tileHeight, path, "a tile of the image"); // OpenCV allocates a whole tile
    return cv::Size(int(std::min<std::uint32_t>(width, INT32_MAX)), int(std::min<std::uint32_t>(height, INT32_MAX)));
}

} // namespace

ImageFormat imageFormatOf(Bytes bytes, const std::filesystem::path &path) {
    if (startsWith(bytes, {0xFF, 0xD8, 0xFF}))
        return ImageFormat::Jpeg;
    if (startsWith(bytes, {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}))
        return ImageFormat::Png;
    if (startsWith(bytes, {'I', 'I', 42, 0}) || startsWith(bytes, {'M', 'M', 0, 42}) || // classic TIFF
        startsWith(bytes, {'I', 'I', 43, 0}) || startsWith(bytes, {'M', 'M', 0, 43}))   // BigTIFF
        return ImageFormat::Tiff;
    if (bytes.size() >= 12 && startsWith(bytes, {'R', 'I', 'F', 'F'}) && std::memcmp(bytes.data() + 8, "WEBP", 4) == 0)
        return ImageFormat::WebP;
    if (startsWith(bytes, {'B', 'M'}))
        return ImageFormat::Bmp;
    fail(path, "not a supported image (JPEG, PNG, TIFF, WebP or BMP)");
}

cv::Size checkedImageSize(Bytes bytes, ImageFormat format, const std::filesystem::path &path) {
    cv::Size size;
    switch (format) {
    case ImageFormat::Jpeg: {
        auto reader = std::make_unique<JpegReader>();
        if (!readJpegFrame(bytes, *reader, size))
            fail(path, std::string("corrupt JPEG (") + reader->message + ")");
        break;
    }
    case ImageFormat::Png: // IHDR, 13 bytes, is the mandatory first chunk
        if (bytes.size() < 24 || bigEndian32(bytes, 8) != 13 || std::memcmp(bytes.data() + 12, "IHDR", 4) != 0)
            fail(path, "corrupt PNG (no image header)");
        checkPixels(bigEndian32(bytes, 16), bigEndian32(bytes, 20), path);
        return cv::Size(int(bigEndian32(bytes, 16)), int(bigEndian32(bytes, 20)));
    case ImageFormat::Tiff:
        size = tiffImageSize(bytes, path);
        break;
    case ImageFormat::WebP: {
        int width = 0, height = 0;
        if (!WebPGetInfo(bytes.data(), bytes.size(), &width, &height))
            fail(path, "corrupt WebP (unreadable header)");
        size = cv::Size(width, height);
        break;
    }
    case ImageFormat::Bmp: { // BITMAPCOREHEADER (12 bytes: 16-bit sizes) or a later info header
        const std::uint32_t headerSize = bytes.size() >= 26 ? littleEndian(bytes, 14, 4) : 0;
        if (headerSize == 12)
            size = cv::Size(int(littleEndian(bytes, 18, 2)), int(littleEndian(bytes, 20, 2)));
        else if (headerSize >= 36) // OpenCV's rule; negative heights are top-down images
            size = cv::Size(int(littleEndian(bytes, 18, 4)), int(littleEndian(bytes, 22, 4)));
        else
            fail(path, "corrupt BMP (unreadable header)");
        const long long width = std::abs(static_cast<long long>(size.width)), height = std::abs(static_cast<long long>(size.height));
        checkPixels(width, height, path);
        return cv::Size(int(std::min(width, 1LL << 30)), int(std::min(height, 1LL << 30)));
    }
    }
    checkPixels(size.width, size.height, path);
    return size;
}

} // namespace diffcut
