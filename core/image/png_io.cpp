#include "image/png_io.h"

#include <algorithm>
#include <cstdio>

namespace diffcut {
namespace {

void readFromMemory(png_structp png, png_bytep data, png_size_t length) {
    auto *reader = static_cast<PngReader *>(png_get_io_ptr(png));
    if (length > reader->bytes.size() - reader->position)
        png_error(png, "the file is truncated");
    std::copy_n(reader->bytes.data() + reader->position, length, data);
    reader->position += length;
}

} // namespace

void onPngError(png_structp png, png_const_charp message) {
    auto *sink = static_cast<PngErrorSink *>(png_get_error_ptr(png));
    std::snprintf(sink->message, sizeof sink->message, "%s", message);
    png_longjmp(png, 1);
}

void ignorePngWarning(png_structp, png_const_charp) {}

PngReader::PngReader(std::span<const std::uint8_t> data) : bytes(data) {
    png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &sink, onPngError, ignorePngWarning);
    if (png)
        info = png_create_info_struct(png);
    if (!info) {
        png_destroy_read_struct(&png, nullptr, nullptr);
        return;
    }
    png_set_read_fn(png, this, readFromMemory);
}

PngReader::~PngReader() { png_destroy_read_struct(&png, &info, nullptr); }

} // namespace diffcut
