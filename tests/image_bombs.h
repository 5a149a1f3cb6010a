#pragma once
// The decompression bombs of issue 11, made by the tests rather than committed: a few bytes to
// kilobytes that a decoder would expand to gigabytes.
#include <QByteArray>
#include <QString>
#include <QTest>
#include <opencv2/imgcodecs.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace diffcut::testing {

using Bytes = std::vector<char>;

inline void appendBigEndian16(Bytes &bytes, std::size_t at, int value) {
    bytes[at] = char(value >> 8);
    bytes[at + 1] = char(value & 0xFF);
}

// A 16 x 16 JPEG whose frame header is rewritten to 30000 x 30000, with the real one copied before
// its end-of-image marker, where a reader taking the last frame header finds it (346 bytes).
inline Bytes twoFrameJpegBomb() {
    std::vector<uchar> encoded;
    cv::imencode(".jpg", cv::Mat3b(16, 16, cv::Vec3b(40, 120, 200)), encoded);
    Bytes jpeg(encoded.begin(), encoded.end());
    std::size_t frame = 2;
    while (!(jpeg[frame] == char(0xFF) && jpeg[frame + 1] == char(0xC0)))
        frame += 2 + std::size_t(uchar(jpeg[frame + 2]) << 8 | uchar(jpeg[frame + 3]));
    const Bytes header(jpeg.begin() + std::ptrdiff_t(frame), jpeg.begin() + std::ptrdiff_t(frame + 2 + 17));
    appendBigEndian16(jpeg, frame + 5, 30000);
    appendBigEndian16(jpeg, frame + 7, 30000);
    jpeg.insert(jpeg.end() - 2, header.begin(), header.end());
    return jpeg;
}

// A deflate RGB TIFF whose strips of `rows` rows (or, tiled, its tiles of `rows` x `rows`) all
// point at one compressed block of `blockBytes` zeros.
inline Bytes deflateTiff(std::uint32_t width, std::uint32_t height, std::uint32_t rows, bool tiled, int blockBytes) {
    const std::uint32_t across = tiled ? (width + rows - 1) / rows : 1;
    const std::uint32_t blocks = across * ((height + rows - 1) / rows);
    const QByteArray block = qCompress(QByteArray(blockBytes, '\0'), 9).mid(4); // a zlib stream
    Bytes tiff = {'I', 'I', 42, 0};
    const auto put = [&](std::uint32_t value, int size) {
        for (int i = 0; i < size; ++i)
            tiff.push_back(char((value >> (8 * i)) & 0xFF));
    };
    const std::uint32_t bitsAt = 8, offsetsAt = bitsAt + 6, countsAt = offsetsAt + 4 * blocks,
                        blockAt = countsAt + 4 * blocks, directoryAt = blockAt + std::uint32_t(block.size());
    put(directoryAt, 4);
    for (int sample = 0; sample < 3; ++sample)
        put(8, 2);
    for (std::uint32_t i = 0; i < blocks; ++i)
        put(blockAt, 4);
    for (std::uint32_t i = 0; i < blocks; ++i)
        put(std::uint32_t(block.size()), 4);
    tiff.insert(tiff.end(), block.begin(), block.end());
    // tag, type (3 SHORT, 4 LONG), count, value or offset; in ascending tag order
    std::vector<std::array<std::uint32_t, 4>> entries = {{256, 4, 1, width}, {257, 4, 1, height}, {258, 3, 3, bitsAt},
                                                         {259, 3, 1, 8},     {262, 3, 1, 2}};
    if (!tiled)
        entries.push_back({273, 4, blocks, offsetsAt});
    entries.push_back({277, 3, 1, 3});
    if (!tiled)
        entries.insert(entries.end(), {{278, 4, 1, rows}, {279, 4, blocks, countsAt}});
    entries.push_back({284, 3, 1, 1});
    if (tiled)
        entries.insert(entries.end(), {{322, 4, 1, rows}, {323, 4, 1, rows}, {324, 4, blocks, offsetsAt},
                                       {325, 4, blocks, countsAt}});
    put(std::uint32_t(entries.size()), 2);
    for (const auto &[tag, type, count, value] : entries) {
        put(tag, 2);
        put(type, 2);
        put(count, 4);
        put(value, 4);
    }
    put(0, 4); // no next directory
    return tiff;
}

// 30000 x 30000 in strips of 100 rows: ~11 KB that decode to 2.7 GB.
inline Bytes deflateTiffBomb() { return deflateTiff(30000, 30000, 100, false, 100 * 30000 * 3); }

// A lossless WebP of 16383 x 16383 in 44 bytes: five single-symbol prefix codes, so that every
// pixel takes zero bits.
inline Bytes losslessWebPBomb() {
    std::vector<bool> bits;
    const auto put = [&](std::uint32_t value, int count) {
        for (int i = 0; i < count; ++i)
            bits.push_back((value >> i) & 1);
    };
    put(16383 - 1, 14); // width - 1
    put(16383 - 1, 14); // height - 1
    put(0, 4);          // no alpha, version 0
    put(0, 3);          // no transform, no colour cache, no meta prefix codes
    for (int code = 0; code < 5; ++code)
        put(0b0001, 4); // simple code, one symbol, one-bit symbol 0
    Bytes stream(24, '\0');
    stream[0] = 0x2F; // VP8L signature
    for (std::size_t i = 0; i < bits.size(); ++i)
        stream[1 + i / 8] = char(stream[1 + i / 8] | (bits[i] << (i % 8)));
    Bytes webp = {'R', 'I', 'F', 'F', char(4 + 8 + stream.size()), 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', 'L',
                  char(stream.size()), 0, 0, 0};
    for (const char byte : stream) // (insert() here trips a false -Warray-bounds in GCC 12)
        webp.push_back(byte);
    return webp;
}

// The three as rows of a data-driven test: "file" (the bytes), "name", "size" (as errors say it).
inline void addBombRows() {
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("size");
    const auto row = [](const char *name, const Bytes &bytes, const char *size) {
        QTest::newRow(name) << QByteArray(bytes.data(), qsizetype(bytes.size())) << QString(name) << QString(size);
    };
    row("two-frames.jpg", twoFrameJpegBomb(), "30000 x 30000");
    row("deflate.tif", deflateTiffBomb(), "30000 x 30000");
    row("lossless.webp", losslessWebPBomb(), "16383 x 16383");
}

} // namespace diffcut::testing
