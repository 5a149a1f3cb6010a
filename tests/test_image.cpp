// Image decoding: RGB order, EXIF orientation, and a one-line Error naming the file for every
// kind of bad input (missing, not an image, truncated, corrupt, too large), never a crash.
#include "common/error.h"
#include "image/image.h"
#include "image_bombs.h"
#include "test_support.h"

#include <QByteArray>
#include <QTemporaryDir>
#include <QTest>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace diffcut;
using diffcut::testing::sampleImage;
using diffcut::testing::toPath;

namespace {

using Bytes = std::vector<char>;

Bytes readBytes(const std::filesystem::path &path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), {}};
}

std::filesystem::path writeBytes(const std::filesystem::path &path, const Bytes &bytes) {
    std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
    return path;
}

// The sample JPEG with an APP1 Exif segment, right after the start-of-image marker, holding one
// IFD0 entry: Orientation (0x0112, SHORT) = `orientation`. Big-endian TIFF header.
Bytes withExifOrientation(const Bytes &jpeg, int orientation) {
    const Bytes exif = {'E', 'x', 'i', 'f', 0, 0,                  // Exif identifier
                        'M', 'M', 0, 42, 0, 0, 0, 8,               // TIFF header, IFD0 at offset 8
                        0, 1,                                      // one entry
                        0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, char(orientation), 0, 0,
                        0, 0, 0, 0};                               // no next IFD
    const int length = int(exif.size()) + 2;
    Bytes segment = {char(0xFF), char(0xE1), char(length >> 8), char(length & 0xFF)};
    segment.insert(segment.end(), exif.begin(), exif.end());
    Bytes result = jpeg;
    result.insert(result.begin() + 2, segment.begin(), segment.end());
    return result;
}

// Passes when loading `path` throws diffcut::Error whose one-line message names the file.
void expectErrorNamingFile(const std::filesystem::path &path) {
    try {
        loadImageRgb(path);
        QFAIL(qPrintable("no error for " + QString::fromStdString(path.string())));
    } catch (const Error &error) {
        const std::string message = error.what();
        QVERIFY2(message.find(path.filename().string()) != std::string::npos, error.what());
        QVERIFY2(message.find('\n') == std::string::npos, error.what());
    }
}

} // namespace

class TestImage : public QObject {
    Q_OBJECT

private slots:
    void sampleLoadsAsRgb() {
        const cv::Mat3b rgb = loadImageRgb(sampleImage());
        QCOMPARE(rgb.cols, 500);
        QCOMPARE(rgb.rows, 375);
        // Same pixels as OpenCV's BGR decode, channels reversed.
        cv::Mat3b bgr = cv::imread(sampleImage().string(), cv::IMREAD_COLOR);
        cv::cvtColor(bgr, bgr, cv::COLOR_BGR2RGB);
        QCOMPARE(cv::norm(rgb, bgr, cv::NORM_INF), 0.0);
    }

    void exifOrientationIsApplied() {
        QTemporaryDir dir;
        const Bytes original = readBytes(sampleImage());
        const cv::Mat3b upright = loadImageRgb(sampleImage());
        // Orientation 6: the stored picture must be turned 90 degrees clockwise for display.
        const cv::Mat3b rotated =
            loadImageRgb(writeBytes(toPath(dir) / "rotated.jpg", withExifOrientation(original, 6)));
        QCOMPARE(rotated.cols, 375);
        QCOMPARE(rotated.rows, 500);
        cv::Mat3b expected;
        cv::rotate(upright, expected, cv::ROTATE_90_CLOCKWISE);
        QCOMPARE(cv::norm(rotated, expected, cv::NORM_INF), 0.0);
        // Orientation 1 (normal) changes nothing.
        const cv::Mat3b normal = loadImageRgb(writeBytes(toPath(dir) / "normal.jpg", withExifOrientation(original, 1)));
        QCOMPARE(cv::norm(normal, upright, cv::NORM_INF), 0.0);
    }

    void otherFormatsAndGreyLoad() {
        QTemporaryDir dir;
        const cv::Mat3b rgb = loadImageRgb(sampleImage());
        cv::Mat3b bgr;
        cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
        const auto png = toPath(dir) / "sample.png";
        QVERIFY(cv::imwrite(png.string(), bgr));
        QCOMPARE(cv::norm(loadImageRgb(png), rgb, cv::NORM_INF), 0.0);

        cv::Mat1b grey(20, 30);
        cv::randu(grey, 0, 256);
        const auto greyPng = toPath(dir) / "grey.png";
        QVERIFY(cv::imwrite(greyPng.string(), grey));
        const cv::Mat3b loaded = loadImageRgb(greyPng);
        std::vector<cv::Mat1b> channels;
        cv::split(loaded, channels);
        for (const cv::Mat1b &channel : channels)
            QCOMPARE(cv::norm(channel, grey, cv::NORM_INF), 0.0);
    }

    void dataAfterTheJpegEndIsAllowed() {
        // Motion photos and some cameras append data after the end-of-image marker.
        QTemporaryDir dir;
        Bytes bytes = readBytes(sampleImage());
        bytes.insert(bytes.end(), 1000, 'x');
        QCOMPARE(loadImageRgb(writeBytes(toPath(dir) / "trailer.jpg", bytes)).cols, 500);
    }

    void missingFileOrDirectoryIsAnError() {
        QTemporaryDir dir;
        expectErrorNamingFile(toPath(dir) / "no-such-photo.jpg");
        std::filesystem::create_directory(toPath(dir) / "folder.jpg");
        expectErrorNamingFile(toPath(dir) / "folder.jpg");
    }

    void nonImagesAreErrors() {
        QTemporaryDir dir;
        expectErrorNamingFile(writeBytes(toPath(dir) / "empty.jpg", {}));
        const std::string text = "just some text, not pixels\n";
        expectErrorNamingFile(writeBytes(toPath(dir) / "notes.png", Bytes(text.begin(), text.end())));
        expectErrorNamingFile(writeBytes(toPath(dir) / "notes.jpg", Bytes(text.begin(), text.end())));
    }

    void truncatedJpegIsAnError() {
        // libjpeg alone would fill the missing part with grey and report success.
        QTemporaryDir dir;
        const Bytes original = readBytes(sampleImage());
        for (std::size_t keep : {original.size() / 2, original.size() - 2, std::size_t(600), std::size_t(3)}) {
            const Bytes truncated(original.begin(), original.begin() + std::ptrdiff_t(keep));
            expectErrorNamingFile(writeBytes(toPath(dir) / ("cut-" + std::to_string(keep) + ".jpg"), truncated));
        }
    }

    void corruptJpegIsAnError() {
        QTemporaryDir dir;
        Bytes bytes = readBytes(sampleImage());
        bytes.resize(200);
        std::fill(bytes.begin() + 2, bytes.end(), '\x42'); // start-of-image marker, then garbage
        expectErrorNamingFile(writeBytes(toPath(dir) / "garbage.jpg", bytes));
    }

    void truncatedOrCorruptPngIsAnError() {
        QTemporaryDir dir;
        const auto png = toPath(dir) / "whole.png";
        QVERIFY(cv::imwrite(png.string(), cv::imread(sampleImage().string())));
        const Bytes original = readBytes(png);
        for (std::size_t keep : {original.size() / 2, original.size() - 12, std::size_t(40), std::size_t(10)}) {
            const Bytes truncated(original.begin(), original.begin() + std::ptrdiff_t(keep));
            expectErrorNamingFile(writeBytes(toPath(dir) / ("cut-" + std::to_string(keep) + ".png"), truncated));
        }
        Bytes corrupt = original;
        for (std::size_t i = corrupt.size() / 3; i < corrupt.size() / 3 + 64; ++i)
            corrupt[i] = char(~corrupt[i]); // the chunk CRC no longer matches
        expectErrorNamingFile(writeBytes(toPath(dir) / "flipped.png", corrupt));
    }

    void oversizedImagesAreRefusedBeforeDecoding() {
        QTemporaryDir dir;
        // PNG signature and an IHDR declaring 20000 x 20000 (400 megapixels); nothing else.
        const Bytes png = {char(0x89), 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
                           0, 0, 0x4E, 0x20, 0, 0, 0x4E, 0x20, 8, 2, 0, 0, 0, 0, 0, 0, 0, 0};
        // JPEG whose frame header declares 60000 x 60000, then a scan header and no data.
        const Bytes jpeg = {char(0xFF), char(0xD8), char(0xFF), char(0xC0), 0, 11, 8, char(0xEA), 0x60,
                            char(0xEA), 0x60, 1, 1, 0x11, 0, char(0xFF), char(0xDA), 0, 8, 1, 1, 0, 0, 0x3F, 0,
                            char(0xFF), char(0xD9)};
        for (const auto &path :
             {writeBytes(toPath(dir) / "huge.png", png), writeBytes(toPath(dir) / "huge.jpg", jpeg)}) {
            expectErrorNamingFile(path);
            try {
                loadImageRgb(path);
            } catch (const Error &error) {
                QVERIFY2(std::string(error.what()).find("megapixels") != std::string::npos, error.what());
            }
        }
    }

    void decompressionBombsAreRefusedFromTheirHeaders_data() {
        testing::addBombRows();
    }

    void decompressionBombsAreRefusedFromTheirHeaders() {
        QFETCH(QByteArray, file);
        QFETCH(QString, name);
        QFETCH(QString, size);
        QTemporaryDir dir;
        const auto path = writeBytes(toPath(dir) / name.toStdString(), Bytes(file.begin(), file.end()));
        // (That nothing is decoded first, test_hostile_inputs shows by the memory it takes.)
        QCOMPARE(testing::errorOf([&] { loadImageRgb(path); }),
                 QString::fromStdString(path.string()) + ": image is " + size +
                     " pixels, more than the 200 megapixels this app accepts");
    }

    void aTiledTiffsTileIsCheckedToo() {
        // 16 x 16 pixels in one 16000 x 16000 tile: OpenCV allocates a whole tile (1 GB as RGBA).
        QTemporaryDir dir;
        const auto path = writeBytes(toPath(dir) / "tiled.tif", testing::deflateTiff(16, 16, 16000, true, 1024));
        QCOMPARE(testing::errorOf([&] { loadImageRgb(path); }),
                 QString::fromStdString(path.string()) +
                     ": a tile of the image is 16000 x 16000 pixels, more than the 200 megapixels this app accepts");
        // The same file with 16 x 16 tiles is an ordinary image.
        const auto small = writeBytes(toPath(dir) / "small.tif", testing::deflateTiff(16, 16, 16, true, 16 * 16 * 3));
        QCOMPARE(loadImageRgb(small).size(), cv::Size(16, 16));
    }

    void formatsWhoseSizeIsNotCheckedAreRefused() {
        QTemporaryDir dir;
        const Bytes ppm = {'P', '6', ' ', '2', ' ', '1', ' ', '2', '5', '5', '\n', 1, 2, 3, 4, 5, 6}; // OpenCV decodes it
        const auto path = writeBytes(toPath(dir) / "tiny.ppm", ppm);
        QCOMPARE(testing::errorOf([&] { loadImageRgb(path); }),
                 QString::fromStdString(path.string()) + ": not a supported image (JPEG, PNG, TIFF, WebP or BMP)");
        const Bytes bmp = {'B', 'M'};
        expectErrorNamingFile(writeBytes(toPath(dir) / "short.bmp", bmp));
    }

    void pngsDecodeAsOpenCvDecodesThem() {
        // PNGs are decoded with libpng directly (OpenCV's decoder prints libpng's messages on stderr).
        const cv::Mat3b bgr = cv::imread(sampleImage().string());
        cv::Mat grey, bgra, wide;
        cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
        cv::cvtColor(bgr, bgra, cv::COLOR_BGR2BGRA);
        bgr.convertTo(wide, CV_16U, 257.0);
        QTemporaryDir dir;
        int index = 0;
        for (const cv::Mat &image : {cv::Mat(bgr), grey, bgra, wide}) {
            std::vector<uchar> encoded;
            QVERIFY(cv::imencode(".png", image, encoded, {cv::IMWRITE_PNG_COMPRESSION, 1}));
            const auto path = writeBytes(toPath(dir) / (std::to_string(index++) + ".png"), Bytes(encoded.begin(), encoded.end()));
            cv::Mat3b expected;
            cv::cvtColor(cv::imdecode(encoded, cv::IMREAD_COLOR), expected, cv::COLOR_BGR2RGB);
            QCOMPARE(cv::norm(loadImageRgb(path), expected, cv::NORM_INF), 0.0);
        }
    }
};

QTEST_APPLESS_MAIN(TestImage)
#include "test_image.moc"
