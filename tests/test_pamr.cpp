// PAMR refinement against the official implementation's output, and its behaviour at full
// resolution on synthetic images.
#include "common/error.h"
#include "segmentation/pamr.h"
#include "segmentation/upsampled_argmax.h"
#include "test_support.h"

#include <QElapsedTimer>
#include <QTest>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

using namespace diffcut;

namespace {

// Minimal .npy reader for the fixtures (format 1.0/2.0, little-endian '<f4' or '<i4', C order),
// local so these tests do not depend on the library's reader.
struct NpyArray {
    std::string dtype;
    std::vector<int> shape;
    std::vector<char> bytes;

    template <typename T> const T *data() const { return reinterpret_cast<const T *>(bytes.data()); }
};

NpyArray readNpy(const std::filesystem::path &path) {
    std::ifstream file(path, std::ios::binary);
    const std::vector<char> content{std::istreambuf_iterator<char>(file), {}};
    if (content.size() < 10 || std::memcmp(content.data(), "\x93NUMPY", 6) != 0)
        throw Error(path.string() + ": not an .npy file");
    const auto byte = [&](std::size_t i) { return std::size_t(static_cast<unsigned char>(content[i])); };
    const bool version1 = content[6] == 1;
    const std::size_t headerLength = version1 ? byte(8) | byte(9) << 8 : byte(8) | byte(9) << 8 | byte(10) << 16 | byte(11) << 24;
    const std::size_t headerStart = version1 ? 10 : 12;
    const std::string header(content.data() + headerStart, headerLength);

    NpyArray array;
    const auto descr = header.find("'descr': '") + 10;
    array.dtype = header.substr(descr, header.find('\'', descr) - descr);
    if (header.find("'fortran_order': False") == std::string::npos || (array.dtype != "<f4" && array.dtype != "<i4"))
        throw Error(path.string() + ": unsupported layout or dtype " + array.dtype);
    const auto open = header.find('(', header.find("'shape'")), close = header.find(')', open);
    const std::string dims = header.substr(open + 1, close - open - 1);
    for (std::size_t at = 0; at < dims.size();) {
        const std::size_t comma = dims.find(',', at);
        const std::string item = dims.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        if (item.find_first_of("0123456789") != std::string::npos)
            array.shape.push_back(std::stoi(item));
        at = comma == std::string::npos ? dims.size() : comma + 1;
    }
    std::size_t count = 1;
    for (int dim : array.shape)
        count *= dim;
    array.bytes.assign(content.begin() + std::ptrdiff_t(headerStart + headerLength), content.end());
    if (array.bytes.size() != count * 4)
        throw Error(path.string() + ": data size does not match the shape");
    return array;
}

// Plane `index` of a (N, H, W) float array, or the whole of an (H, W) int array.
cv::Mat1f floatPlane(const NpyArray &array, int index) {
    const int height = array.shape[1], width = array.shape[2];
    return cv::Mat1f(height, width, const_cast<float *>(array.data<float>()) + std::size_t(index) * height * width).clone();
}
LabelMap labelArray(const NpyArray &array) {
    return LabelMap(array.shape[0], array.shape[1], const_cast<std::int32_t *>(array.data<std::int32_t>())).clone();
}

std::vector<cv::Mat1f> oneHot(const LabelMap &labels) {
    std::vector<cv::Mat1f> masks(labelCount(labels));
    for (int k = 0; k < int(masks.size()); ++k)
        cv::Mat(labels == k).convertTo(masks[k], CV_32F, 1.0 / 255.0);
    return masks;
}

// Per pixel, the first channel with the largest value.
LabelMap argmax(const std::vector<cv::Mat1f> &masks) {
    LabelMap labels(masks[0].size(), 0);
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x)
            for (int k = 1; k < int(masks.size()); ++k)
                if (masks[k](y, x) > masks[labels(y, x)](y, x))
                    labels(y, x) = k;
    return labels;
}

LabelMap median3x3(const LabelMap &labels) {
    cv::Mat1f asFloat;
    labels.convertTo(asFloat, CV_32F);
    cv::medianBlur(asFloat, asFloat, 3);
    LabelMap filtered;
    asFloat.convertTo(filtered, CV_32S);
    return filtered;
}

double agreement(const LabelMap &a, const LabelMap &b) {
    return 1.0 - double(cv::countNonZero(a != b)) / double(a.total());
}

// Two flat colours split at column `edge`, with Gaussian noise (fixed seed).
cv::Mat3b twoColourImage(cv::Size size, int edge) {
    cv::Mat3b image(size);
    image.colRange(0, edge).setTo(cv::Scalar(60, 90, 160));
    image.colRange(edge, size.width).setTo(cv::Scalar(200, 170, 60));
    cv::Mat3s noise(size);
    cv::RNG random(12345);
    random.fill(noise, cv::RNG::NORMAL, 0, 5);
    cv::Mat3s noisy;
    image.convertTo(noisy, CV_16S);
    noisy += noise;
    noisy.convertTo(image, CV_8U);
    return image;
}

LabelMap splitAtColumn(cv::Size size, int column) {
    LabelMap labels(size, 1);
    labels.colRange(0, column).setTo(0);
    return labels;
}

// Mean over rows of the column where label 0 ends.
double meanBoundary(const LabelMap &labels) {
    double sum = 0;
    for (int y = 0; y < labels.rows; ++y)
        sum += cv::countNonZero(labels.row(y) == 0);
    return sum / labels.rows;
}

} // namespace

class TestPamr : public QObject {
    Q_OBJECT

private slots:
    void matchesOfficialPamr() {
        DIFFCUT_REQUIRE_FIXTURES();
        const auto root = diffcut::testing::fixturesDir() / "ncut-ref";
        std::ifstream manifestFile(root / "manifest.json");
        const auto manifest = nlohmann::json::parse(manifestFile);
        QVERIFY(!manifest.at("pamr_cases").empty());
        for (const auto &pamrCase : manifest.at("pamr_cases")) {
            const auto &files = pamrCase.at("files");
            const auto load = [&](const char *key) { return readNpy(root / files.at(key).get<std::string>()); };
            const NpyArray imageArray = load("image128"), raw = load("pamr_raw");
            const LabelMap labelsIn = labelArray(load("labels_in"));
            const LabelMap expectedArgmax = labelArray(load("pamr_argmax"));
            const LabelMap expectedMedian = labelArray(load("pamr_median"));
            std::vector<cv::Mat1f> channels{floatPlane(imageArray, 0), floatPlane(imageArray, 1), floatPlane(imageArray, 2)};
            cv::Mat3f image;
            cv::merge(channels, image);

            const auto masks = pamrRefineMasks(image, oneHot(labelsIn), pamrCase.at("num_iter").get<int>(),
                                               pamrCase.at("dilations").get<std::vector<int>>());
            QCOMPARE(int(masks.size()), raw.shape[0]);
            double maxDifference = 0;
            for (int k = 0; k < int(masks.size()); ++k)
                maxDifference = std::max(maxDifference, cv::norm(masks[k], floatPlane(raw, k), cv::NORM_INF));
            const LabelMap ourArgmax = argmax(masks);
            const double argmaxAgreement = agreement(ourArgmax, expectedArgmax);
            const double medianAgreement = agreement(median3x3(ourArgmax), expectedMedian);
            qInfo("%s: max |soft mask - official| = %.3g, argmax agreement %.4f%%, median agreement %.4f%%",
                  pamrCase.at("id").get<std::string>().c_str(), maxDifference, 100 * argmaxAgreement,
                  100 * medianAgreement);
            QVERIFY(maxDifference <= 1e-4);
            QVERIFY(argmaxAgreement >= 0.999);
            QVERIFY(medianAgreement >= 0.999);
        }
    }

    // Each mask is computed only around its support; PAMR is linear in the masks, so two small
    // masks refined apart must add up to their sum refined at once (whose support spans both),
    // also where a support touches the border (replicate padding). The caller's masks stay as given.
    void aMaskIsRefinedAroundItsSupportOnly() {
        cv::Mat3f image(96, 128);
        cv::randu(image, 0.0f, 1.0f);
        cv::GaussianBlur(image, image, {5, 5}, 1.5);
        cv::Mat1f corner(image.size(), 0.0f), middle(image.size(), 0.0f);
        corner(cv::Rect(0, 0, 6, 5)).setTo(1.0f);
        middle(cv::Rect(80, 60, 4, 3)).setTo(1.0f);
        const cv::Mat1f cornerBefore = corner.clone();
        const std::vector<int> dilations{1, 2};
        const auto apart = pamrRefineMasks(image, {corner, middle}, 6, dilations);
        const auto together = pamrRefineMasks(image, {cv::Mat1f(corner + middle)}, 6, dilations);
        const double difference = cv::norm(apart[0] + apart[1], together[0], cv::NORM_INF);
        QVERIFY2(difference < 1e-6, qPrintable(QString::number(difference)));
        QVERIFY(cv::countNonZero(apart[0]) > 30);                  // spread from the corner...
        QCOMPARE(cv::countNonZero(apart[0](cv::Rect(40, 40, 88, 56))), 0); // ...by at most 6 · 2 pixels
        QCOMPARE(cv::norm(corner, cornerBefore, cv::NORM_INF), 0.0);
    }

    // refineLabels keeps each mask only in the box its segment can reach; with many small
    // segments (one label missing, as after an assignment some leaves win no pixel) its map must
    // be that of full-size masks refined and upsampled, pixel for pixel.
    void manySegmentsRefineAsWithFullSizeMasks() {
        const cv::Size size(120, 90); // below the working size: area averaging keeps every pixel
        cv::Mat3b rgb(size);
        cv::randu(rgb, 0, 256);
        cv::GaussianBlur(rgb, rgb, {5, 5}, 1.5);
        LabelMap labels(size);
        for (int y = 0; y < size.height; ++y)
            for (int x = 0; x < size.width; ++x) {
                const int block = (y / 6) * 20 + x / 6;
                labels(y, x) = block < 7 ? block : block + 1; // label 7 has no pixel
            }
        PamrParams params;
        params.medianFilter = false;
        const LabelMap refined = refineLabels(rgb, labels, params);

        cv::Mat3f image;
        rgb.convertTo(image, CV_32F, 1.0 / 255.0);
        std::vector<cv::Mat1f> masks(static_cast<std::size_t>(labelCount(labels)));
        for (std::size_t k = 0; k < masks.size(); ++k)
            cv::Mat1b(labels == int(k)).convertTo(masks[k], CV_32F, 1.0 / 255.0);
        const LabelMap expected =
            argmaxOfUpsampled(pamrRefineMasks(image, masks, params.iterations, params.dilations), size);
        QCOMPARE(cv::countNonZero(refined != expected), 0);
        QVERIFY(cv::countNonZero(refined != labels) > 100); // the refinement did move boundaries
    }

    void boundaryMovesToImageEdge() {
        const cv::Size size(300, 200);
        const cv::Mat3b image = twoColourImage(size, 150);
        for (int offsetEdge : {144, 156}) {
            const LabelMap refined = refineLabels(image, splitAtColumn(size, offsetEdge));
            const double boundary = meanBoundary(refined);
            qInfo("input boundary at column %d, refined mean boundary %.2f (image edge 150)", offsetEdge, boundary);
            QVERIFY(std::abs(boundary - 150) < 1.0);
        }
    }

    void fullResolutionOutput() {
        // 4000 x 3000 with coloured quadrants labelled exactly: the size is kept, refinement runs
        // on a 512 x 384 grid, and the boundaries stay where they are.
        const cv::Size size(4000, 3000);
        cv::Mat3b image(size);
        LabelMap labels(size);
        const cv::Scalar colours[] = {{200, 40, 40}, {40, 200, 40}, {40, 40, 200}, {200, 200, 40}};
        for (int quadrant = 0; quadrant < 4; ++quadrant) {
            const cv::Rect area(quadrant % 2 * 2200, quadrant / 2 * 1700, quadrant % 2 ? 1800 : 2200,
                                quadrant / 2 ? 1300 : 1700);
            image(area).setTo(colours[quadrant]);
            labels(area).setTo(quadrant);
        }
        QElapsedTimer timer;
        timer.start();
        const LabelMap refined = refineLabels(image, labels);
        qInfo("refineLabels on %dx%d with 4 labels: %lld ms", size.width, size.height, timer.elapsed());
        QCOMPARE(refined.size(), size);
        const double kept = agreement(refined, labels);
        qInfo("agreement with the exact labels: %.4f%%", 100 * kept);
        QVERIFY(kept >= 0.999);
    }

    void smallerThanWorkingSizeKeepsSize() {
        const cv::Size size(37, 23);
        const LabelMap refined = refineLabels(twoColourImage(size, 20), splitAtColumn(size, 18));
        QCOMPARE(refined.size(), size);
        double lowest = 0, highest = 0;
        cv::minMaxLoc(refined, &lowest, &highest);
        QVERIFY(lowest >= 0 && highest <= 1);
    }

    void stopRequestedThrowsCancelled() {
        std::stop_source source;
        source.request_stop();
        const WorkControl stopped{source.get_token(), {}};
        const cv::Size size(64, 48);
        const LabelMap labels = splitAtColumn(size, 30);
        QVERIFY_THROWS_EXCEPTION(Cancelled, refineLabels(twoColourImage(size, 32), labels, {}, stopped));
        cv::Mat3f image(size, cv::Vec3f(0.5f, 0.5f, 0.5f));
        QVERIFY_THROWS_EXCEPTION(Cancelled, pamrRefineMasks(image, oneHot(labels), 10, {1, 2}, stopped));
    }

    void invalidInput() {
        const cv::Size size(40, 30);
        const cv::Mat3b image = twoColourImage(size, 20);
        QVERIFY_THROWS_EXCEPTION(Error, refineLabels(image, splitAtColumn({40, 31}, 20)));
        QVERIFY_THROWS_EXCEPTION(Error, refineLabels(image, LabelMap(size, -1)));
        cv::Mat3f floatImage(size, cv::Vec3f(0.5f, 0.5f, 0.5f));
        QVERIFY_THROWS_EXCEPTION(Error, pamrRefineMasks(floatImage, {cv::Mat1f(31, 40, 0.0f)}, 1, {1}));
        QVERIFY_THROWS_EXCEPTION(Error, pamrRefineMasks(floatImage, {cv::Mat1f(size, 0.0f)}, 1, {0}));
    }
};

QTEST_APPLESS_MAIN(TestPamr)
#include "test_pamr.moc"
