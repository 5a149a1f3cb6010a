// Exports: VOC label PNGs (exact round trip, readable by Qt with the VOC palette), atomic
// writes that never leave half a file or a temporary behind, and the overlay picture.
#include "common/error.h"
#include "export/atomic_file.h"
#include "export/label_png.h"
#include "export/overlay.h"
#include "image/image.h"
#include "test_support.h"

#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <opencv2/imgcodecs.hpp>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace diffcut;
using diffcut::testing::expectError;
using diffcut::testing::toPath;

namespace {

std::pair<int, int> pngDepthAndColourType(const std::filesystem::path &png) {
    std::ifstream in(png, std::ios::binary);
    char header[26] = {};
    in.read(header, sizeof header);
    return {header[24], header[25]};
}

LabelMap randomLabels(cv::Size size, int count) {
    LabelMap labels(size);
    cv::randu(labels, 0, count);
    return labels;
}

std::string readText(const std::filesystem::path &path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), {}};
}

std::vector<std::string> directoryEntries(const std::filesystem::path &directory) {
    std::vector<std::string> names;
    for (const auto &entry : std::filesystem::directory_iterator(directory))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT

private slots:
    void vocColormapHasTheStandardColours() {
        const auto colours = vocColormap();
        QCOMPARE(colours[0], cv::Vec3b(0, 0, 0));
        QCOMPARE(colours[1], cv::Vec3b(128, 0, 0));     // aeroplane
        QCOMPARE(colours[2], cv::Vec3b(0, 128, 0));     // bicycle
        QCOMPARE(colours[3], cv::Vec3b(128, 128, 0));   // bird
        QCOMPARE(colours[15], cv::Vec3b(192, 128, 128)); // person
        QCOMPARE(colours[20], cv::Vec3b(0, 64, 128));   // tvmonitor
        QCOMPARE(colours[255], cv::Vec3b(224, 224, 192)); // void
    }

    void labelPngRoundTrips() {
        QTemporaryDir dir;
        for (int count : {1, 2, 21, 256}) {
            const LabelMap labels = randomLabels({37, 23}, count);
            const auto path = toPath(dir) / ("labels-" + std::to_string(count) + ".png");
            writeLabelPng(path, labels);
            QCOMPARE(cv::norm(readLabelPng(path), labels, cv::NORM_INF), 0.0);
        }
        QCOMPARE(directoryEntries(toPath(dir)).size(), std::size_t(4)); // no temporaries left
    }

    void labelPngIsAVocPalettePngForQt() {
        QTemporaryDir dir;
        const LabelMap labels = randomLabels({64, 48}, 30);
        const auto path = toPath(dir) / "labels.png";
        writeLabelPng(path, labels);
        const QImage image(QString::fromStdString(path.string()));
        QCOMPARE(image.format(), QImage::Format_Indexed8);
        QCOMPARE(image.width(), 64);
        QCOMPARE(image.height(), 48);
        for (int y = 0; y < labels.rows; ++y)
            for (int x = 0; x < labels.cols; ++x)
                QCOMPARE(image.pixelIndex(x, y), labels(y, x));
        const auto colours = vocColormap();
        const QList<QRgb> table = image.colorTable();
        QCOMPARE(table.size(), 256);
        for (int i = 0; i < 256; ++i)
            QCOMPARE(table[i], qRgb(colours[i][0], colours[i][1], colours[i][2]));
    }

    void readLabelPngReadsGreyAndLowDepthPngs() {
        QTemporaryDir dir;
        const LabelMap eightBit = randomLabels({40, 30}, 200);
        cv::Mat1b eightBitPixels;
        eightBit.convertTo(eightBitPixels, CV_8U);
        QVERIFY(cv::imwrite((toPath(dir) / "grey8.png").string(), eightBitPixels));
        QCOMPARE(cv::norm(readLabelPng(toPath(dir) / "grey8.png"), eightBit, cv::NORM_INF), 0.0);

        const LabelMap sixteenBit = randomLabels({40, 30}, 5000);
        cv::Mat1w sixteenBitPixels;
        sixteenBit.convertTo(sixteenBitPixels, CV_16U);
        QVERIFY(cv::imwrite((toPath(dir) / "grey16.png").string(), sixteenBitPixels));
        QCOMPARE(cv::norm(readLabelPng(toPath(dir) / "grey16.png"), sixteenBit, cv::NORM_INF), 0.0);

        // A 1-bit palette PNG: values stay 0/1, not rescaled to 0/255.
        QImage mono(17, 5, QImage::Format_Mono);
        mono.setColorTable({qRgb(0, 0, 0), qRgb(255, 255, 255)});
        mono.fill(0);
        mono.setPixel(3, 2, 1);
        QVERIFY(mono.save(QString::fromStdString((toPath(dir) / "mono.png").string())));
        const LabelMap read = readLabelPng(toPath(dir) / "mono.png");
        QCOMPARE(read.size(), cv::Size(17, 5));
        QCOMPARE(cv::countNonZero(read), 1);
        QCOMPARE(read(2, 3), 1);
    }

    void badLabelPngsAreErrors() {
        QTemporaryDir dir;
        const auto valid = toPath(dir) / "valid.png";
        writeLabelPng(valid, randomLabels({50, 40}, 10));
        const std::string bytes = readText(valid);

        expectError([&] { readLabelPng(toPath(dir) / "missing.png"); }, "missing.png");
        writeTextFileAtomically(toPath(dir) / "text.png", "not a png");
        expectError([&] { readLabelPng(toPath(dir) / "text.png"); }, "text.png");
        writeTextFileAtomically(toPath(dir) / "truncated.png", bytes.substr(0, bytes.size() / 2));
        expectError([&] { readLabelPng(toPath(dir) / "truncated.png"); }, "truncated.png");
        std::string flipped = bytes;
        for (std::size_t i = 60; i < 80; ++i)
            flipped[i] = char(~flipped[i]);
        writeTextFileAtomically(toPath(dir) / "corrupt.png", flipped);
        expectError([&] { readLabelPng(toPath(dir) / "corrupt.png"); }, "corrupt.png");
        cv::Mat3b colour(10, 10, cv::Vec3b(1, 2, 3));
        QVERIFY(cv::imwrite((toPath(dir) / "colour.png").string(), colour));
        expectError([&] { readLabelPng(toPath(dir) / "colour.png"); }, "colour.png");
    }

    void labelsBeyond255AreWrittenAs16BitGreyscale() {
        // A fine cut (τ 1.0, a 64 x 64 grid) has more segments than a palette has colours.
        QTemporaryDir dir;
        LabelMap labels = randomLabels({40, 30}, 1000);
        labels(3, 4) = 65535;
        writeLabelPng(toPath(dir) / "labels.png", labels);
        QCOMPARE(cv::norm(readLabelPng(toPath(dir) / "labels.png"), labels, cv::NORM_INF), 0.0);
        // IHDR's bit depth and colour type: 16-bit greyscale.
        QCOMPARE(pngDepthAndColourType(toPath(dir) / "labels.png"), std::make_pair(16, 0));
        // Up to 256 segments it stays the VOC palette PNG.
        labels = randomLabels({40, 30}, 256);
        writeLabelPng(toPath(dir) / "few.png", labels);
        QCOMPARE(pngDepthAndColourType(toPath(dir) / "few.png"), std::make_pair(8, 3));
        QCOMPARE(cv::norm(readLabelPng(toPath(dir) / "few.png"), labels, cv::NORM_INF), 0.0);
    }

    void tooManyLabelsForAPngIsAnError() {
        QTemporaryDir dir;
        LabelMap labels = randomLabels({20, 20}, 10);
        labels(3, 4) = 65536;
        expectError([&] { writeLabelPng(toPath(dir) / "labels.png", labels); },
                    "65537 segments do not fit a 16-bit label PNG");
        labels(3, 4) = -1;
        expectError([&] { writeLabelPng(toPath(dir) / "labels.png", labels); }, "labels.png");
        QVERIFY(directoryEntries(toPath(dir)).empty());
    }

    void failedWriteKeepsThePreviousFile() {
        QTemporaryDir dir;
        const auto target = toPath(dir) / "result.labels.png";
        writeTextFileAtomically(target, "previous content");
        std::filesystem::path seenTemporary;
        expectError(
            [&] {
                writeFileAtomically(target, [&](const std::filesystem::path &temporary) {
                    seenTemporary = temporary;
                    std::ofstream(temporary) << "half of the new";
                    throw std::runtime_error("disk on fire");
                });
            },
            "result.labels.png");
        QCOMPARE(readText(target), std::string("previous content"));
        QCOMPARE(directoryEntries(toPath(dir)), std::vector<std::string>{"result.labels.png"});
        // The temporary sat beside the target and kept its extension for format-by-extension writers.
        QCOMPARE(seenTemporary.parent_path(), target.parent_path());
        QCOMPARE(seenTemporary.extension().string(), std::string(".png"));

        // A writer that produces nothing is a failure too; a stop passes through unchanged.
        expectError([&] { writeFileAtomically(target, [](const std::filesystem::path &) {}); }, "result.labels.png");
        QVERIFY_THROWS_EXCEPTION(Cancelled,
                                 writeFileAtomically(target, [](const std::filesystem::path &temporary) {
                                     std::ofstream(temporary) << "partial";
                                     throw Cancelled();
                                 }));
        QCOMPARE(readText(target), std::string("previous content"));
        QCOMPARE(directoryEntries(toPath(dir)).size(), std::size_t(1));

        writeTextFileAtomically(target, "new content");
        QCOMPARE(readText(target), std::string("new content"));
    }

    void unwritableDirectoryIsAnError() {
        QTemporaryDir dir;
        const auto regularFile = toPath(dir) / "plain.txt";
        writeTextFileAtomically(regularFile, "x");
        expectError([&] { writeTextFileAtomically(regularFile / "out.txt", "y"); }, "out.txt");
        expectError([&] { writeLabelPng(toPath(dir) / "missing-folder" / "labels.png", LabelMap(2, 2, 0)); },
                    "labels.png");
        expectError([&] { writeRgbPng(regularFile / "overlay.png", cv::Mat3b(2, 2)); }, "overlay.png");
    }

    void overlayBlendsAndOutlines() {
        cv::Mat3b rgb(30, 40);
        cv::randu(rgb, 0, 256);
        LabelMap labels(rgb.size(), 0);
        labels.colRange(25, 40).setTo(1);
        const std::vector<SegmentPaint> paints{{{200, 0, 0, 255}, {250, 100, 100, 255}}, {{90, 90, 90, 128}, {0, 0, 0, 0}}};

        QCOMPARE(cv::norm(renderOverlay(rgb, labels, paints, 0.0, false), rgb, cv::NORM_INF), 0.0);

        const cv::Mat3b overlay = renderOverlay(rgb, labels, paints, 0.5, true);
        QCOMPARE(overlay.size(), rgb.size());
        for (int y = 0; y < rgb.rows; ++y)
            for (int x = 0; x < rgb.cols; ++x) {
                const bool boundary = x == 24 || x == 25;
                const SegmentPaint &paint = paints[std::size_t(labels(y, x))];
                const cv::Vec4b colour = boundary ? paint.outline : paint.fill;
                const double tint = colour[3] / 255.0 * (boundary ? 1.0 : 0.5);
                for (int c = 0; c < 3; ++c) {
                    const int expected = int(std::lround((1 - tint) * rgb(y, x)[c] + tint * colour[c]));
                    QVERIFY2(std::abs(overlay(y, x)[c] - expected) <= 1,
                             qPrintable(QString("pixel %1,%2 channel %3").arg(x).arg(y).arg(c)));
                }
            }
        QVERIFY_THROWS_EXCEPTION(Error, renderOverlay(rgb, LabelMap(10, 10, 0), paints));
        QVERIFY_THROWS_EXCEPTION(Error, renderOverlay(rgb, labels, paints, 1.5));
    }

    void rgbPngRoundTrips() {
        QTemporaryDir dir;
        cv::Mat3b rgb(21, 13);
        cv::randu(rgb, 0, 256);
        const auto path = toPath(dir) / "overlay.png";
        writeRgbPng(path, rgb);
        QCOMPARE(cv::norm(loadImageRgb(path), rgb, cv::NORM_INF), 0.0);
        QCOMPARE(directoryEntries(toPath(dir)), std::vector<std::string>{"overlay.png"});
    }
};

QTEST_APPLESS_MAIN(TestExport)
#include "test_export.moc"
