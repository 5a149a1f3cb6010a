#include "export/label_png.h"

#include "common/error.h"
#include "export/atomic_file.h"
#include "image/image.h"
#include "image/png_io.h"

#include <algorithm>
#include <bit>
#include <csetjmp>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace diffcut {
namespace {

using Bytes = std::vector<std::uint8_t>;

struct PngWriteHandles {
    png_structp png = nullptr;
    png_infop info = nullptr;
    ~PngWriteHandles() { png_destroy_write_struct(&png, &info); }
};

void appendToBuffer(png_structp png, png_bytep data, png_size_t length) {
    auto *encoded = static_cast<Bytes *>(png_get_io_ptr(png));
    try {
        encoded->insert(encoded->end(), data, data + length);
    } catch (const std::bad_alloc &) {
        png_error(png, "out of memory"); // an exception must not unwind through libpng's C frames
    }
}

void flushNothing(png_structp) {}

// The functions that call setjmp keep everything libpng changes (output, message) in the
// caller's objects: locals changed between setjmp and longjmp would be indeterminate after it.
// 8-bit pixels are written as a palette PNG with the VOC colours, 16-bit ones as greyscale.
bool encodeLabelPng(const cv::Mat &pixels, const std::vector<png_color> &palette, std::vector<png_bytep> &rows,
                    Bytes &encoded, PngErrorSink &sink) {
    const bool sixteenBits = pixels.depth() == CV_16U;
    PngWriteHandles handles;
    handles.png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &sink, onPngError, ignorePngWarning);
    if (handles.png)
        handles.info = png_create_info_struct(handles.png);
    if (!handles.info)
        return false;
    if (setjmp(png_jmpbuf(handles.png)))
        return false;
    png_set_write_fn(handles.png, &encoded, appendToBuffer, flushNothing);
    png_set_IHDR(handles.png, handles.info, pixels.cols, pixels.rows, sixteenBits ? 16 : 8,
                 sixteenBits ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (!sixteenBits)
        png_set_PLTE(handles.png, handles.info, palette.data(), int(palette.size()));
    png_write_info(handles.png, handles.info);
    if (sixteenBits && std::endian::native == std::endian::little)
        png_set_swap(handles.png); // PNG stores 16-bit samples big-endian
    png_write_image(handles.png, rows.data());
    png_write_end(handles.png, nullptr);
    return true;
}

// Fills `pixels` (8 or 16 bits per sample) with the stored sample values of a palette or
// greyscale PNG. Returns false with sink.message set when libpng finds the data corrupt.
bool decodeLabelPng(PngReader &reader, const std::filesystem::path &path, cv::Mat &pixels,
                    std::vector<png_bytep> &rows) {
    if (!reader.png || setjmp(png_jmpbuf(reader.png)))
        return false;
    png_read_info(reader.png, reader.info);

    const png_uint_32 width = png_get_image_width(reader.png, reader.info);
    const png_uint_32 height = png_get_image_height(reader.png, reader.info);
    const int colourType = png_get_color_type(reader.png, reader.info);
    const int bitDepth = png_get_bit_depth(reader.png, reader.info);
    if (colourType != PNG_COLOR_TYPE_PALETTE && colourType != PNG_COLOR_TYPE_GRAY)
        throw Error(path.string() + ": a colour PNG is not a label map (expected a palette or greyscale PNG)");
    if ((long long)width * height > kMaxImagePixels)
        throw Error(path.string() + ": the label map is too large (" + std::to_string(width) + " x "
                    + std::to_string(height) + ")");
    // Keep the stored values: unpack 1/2/4-bit samples to one byte each without rescaling,
    // never expand the palette to colours, and read 16-bit samples in host byte order.
    if (bitDepth < 8)
        png_set_packing(reader.png);
    if (bitDepth == 16 && std::endian::native == std::endian::little)
        png_set_swap(reader.png);
    png_set_interlace_handling(reader.png);
    png_read_update_info(reader.png, reader.info);

    pixels.create(int(height), int(width), bitDepth == 16 ? CV_16U : CV_8U);
    if (png_get_rowbytes(reader.png, reader.info) != pixels.step[0])
        throw Error(path.string() + ": unsupported PNG layout");
    rows.resize(height);
    for (int y = 0; y < pixels.rows; ++y)
        rows[y] = pixels.ptr(y);
    png_read_image(reader.png, rows.data());
    png_read_end(reader.png, nullptr);
    return true;
}

Bytes readWholeFile(const std::filesystem::path &path) {
    std::error_code status;
    const auto size = std::filesystem::file_size(path, status);
    if (status)
        throw Error(path.string() + ": cannot read the file (" + status.message() + ")");
    Bytes bytes(size);
    std::ifstream stream(path, std::ios::binary);
    if (!stream.read(reinterpret_cast<char *>(bytes.data()), std::streamsize(bytes.size())))
        throw Error(path.string() + ": cannot read the file");
    return bytes;
}

} // namespace

std::array<cv::Vec3b, 256> vocColormap() {
    std::array<cv::Vec3b, 256> colours;
    for (int index = 0; index < 256; ++index) {
        cv::Vec3b colour(0, 0, 0);
        for (int bit = 7, code = index; code != 0; --bit, code >>= 3)
            for (int channel = 0; channel < 3; ++channel)
                colour[channel] |= ((code >> channel) & 1) << bit;
        colours[index] = colour;
    }
    return colours;
}

void writeLabelPng(const std::filesystem::path &path, const LabelMap &labels) {
    if (labels.empty())
        throw Error(path.string() + ": the label map is empty");
    double lowest = 0, highest = 0;
    cv::minMaxLoc(labels, &lowest, &highest);
    if (lowest < 0)
        throw Error(path.string() + ": negative label " + std::to_string(int(lowest)) + " cannot be written");
    if (highest > 65535)
        throw Error(path.string() + ": " + std::to_string(int(highest) + 1) + " segments do not fit a 16-bit label PNG");
    cv::Mat pixels;
    labels.convertTo(pixels, highest > 255 ? CV_16U : CV_8U);
    std::vector<png_color> palette;
    for (const cv::Vec3b &colour : vocColormap())
        palette.push_back({colour[0], colour[1], colour[2]});
    std::vector<png_bytep> rows;
    for (int y = 0; y < pixels.rows; ++y)
        rows.push_back(pixels.ptr(y));
    Bytes encoded;
    PngErrorSink sink;
    if (!encodeLabelPng(pixels, palette, rows, encoded, sink))
        throw Error(path.string() + ": PNG encoding failed (" + sink.message + ")");
    writeBytesAtomically(path, encoded);
}

LabelMap readLabelPng(const std::filesystem::path &path) {
    const Bytes bytes = readWholeFile(path);
    if (bytes.size() < 8 || png_sig_cmp(bytes.data(), 0, 8) != 0)
        throw Error(path.string() + ": not a PNG file");

    cv::Mat pixels;
    std::vector<png_bytep> rows;
    PngReader reader(bytes);
    if (!decodeLabelPng(reader, path, pixels, rows))
        throw Error(path.string() + ": corrupt PNG (" + reader.sink.message + ")");
    LabelMap labels;
    pixels.convertTo(labels, CV_32S);
    return labels;
}

} // namespace diffcut
