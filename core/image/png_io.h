#pragma once
// libpng driven from memory without its default handlers, which print "libpng error: ..." and
// "libpng warning: ..." on stderr: errors are kept in a PngErrorSink and longjmp back to the
// setjmp of the function driving libpng; warnings (about ancillary chunks such as colour
// profiles and text) are ignored. The function that calls setjmp must keep everything libpng
// changes in objects it did not create itself: its own locals would be indeterminate after the
// longjmp.
#include <png.h>

#include <cstddef>
#include <cstdint>
#include <span>

namespace diffcut {

struct PngErrorSink {
    char message[256] = "unknown libpng error";
};

void onPngError(png_structp png, png_const_charp message);
void ignorePngWarning(png_structp png, png_const_charp message);

// A read struct reading `bytes`, with the handlers above. `png` is null when libpng could not
// allocate it.
struct PngReader {
    explicit PngReader(std::span<const std::uint8_t> bytes);
    ~PngReader();
    PngReader(const PngReader &) = delete;
    PngReader &operator=(const PngReader &) = delete;

    png_structp png = nullptr;
    png_infop info = nullptr;
    PngErrorSink sink;
    std::span<const std::uint8_t> bytes;
    std::size_t position = 0;
};

} // namespace diffcut
