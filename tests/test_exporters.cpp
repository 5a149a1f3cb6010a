// Exporters: labelme, COCO (polygons and RLE), YOLO, per-object masks, VOC and the output layout,
// on a synthetic annotation with several classes, unlabelled segments, a segment with a hole, a
// two-part segment, an empty segment, a speck and a pinhole. Polygons are rasterised back and
// compared with the masks, RLE is decoded independently, and the labelme files are opened and
// rasterised by the real labelme (Debian's 5.1.1) through tests/labelme_roundtrip.py.
#include "common/error.h"
#include "export/coco.h"
#include "export/export_layout.h"
#include "export/label_png.h"
#include "export/labelme.h"
#include "export/overlay.h"
#include "export/polygons.h"
#include "export/segment_masks.h"
#include "image/image.h"
#include "test_support.h"

#include <QByteArray>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace diffcut;
using diffcut::testing::expectError;
using diffcut::testing::toPath;
using nlohmann::json;

namespace {

const cv::Size kImageSize(240, 200);
const std::vector<std::string> kExportedClasses{"person", "car", "tree", "segment"};
const ExportFormats kPerImageFormats{ExportFormat::Labelme, ExportFormat::Voc, ExportFormat::Masks,
                                     ExportFormat::Yolo, ExportFormat::Overlay};

// Segments: 0 unlabelled background (holes where the others are), 1 person disk with a pinhole
// and a detached 2x2 speck, 2 car ring (its hole is segment 3), 3 unlabelled disk in the ring,
// 4 tree in two parts, 5 person with no pixels, 6 tree ellipse.
Annotation syntheticAnnotation(const std::filesystem::path &imagePath) {
    Annotation annotation;
    annotation.imagePath = imagePath;
    LabelMap segments(kImageSize, 0);
    cv::circle(segments, {60, 60}, 32, 1, cv::FILLED);
    segments(60, 60) = 0; // pinhole
    cv::rectangle(segments, cv::Rect(110, 20, 2, 2), 1, cv::FILLED); // speck
    cv::circle(segments, {165, 95}, 45, 2, cv::FILLED);
    cv::circle(segments, {165, 95}, 18, 3, cv::FILLED);
    cv::rectangle(segments, cv::Rect(20, 130, 50, 50), 4, cv::FILLED);
    cv::fillPoly(segments, std::vector<std::vector<cv::Point>>{{{90, 185}, {135, 185}, {112, 140}}}, 4);
    cv::ellipse(segments, {210, 172}, {18, 9}, 30, 0, 360, 6, cv::FILLED);
    annotation.segments = segments;
    annotation.segmentClass = {Annotation::kUnlabelled, 0, 1, Annotation::kUnlabelled, 2, 0, 2};
    annotation.classes = {{"person", {192, 128, 128}}, {"car", {128, 128, 128}}, {"tree", {0, 128, 0}}};
    annotation.tau = 0.5;
    annotation.alpha = 10;
    annotation.segmentNode = {10, 11, 12, 13, 14, -1, 16};
    return annotation;
}

// Per pixel: the exported class id (1-based, unlabelled = `segment`) and object id.
constexpr int kClassIdOfSegment[] = {4, 1, 2, 4, 3, 1, 3};
constexpr int kObjectIdOfSegment[] = {1, 2, 3, 4, 5, 0, 6};

LabelMap mapped(const LabelMap &segments, const int *valueOfSegment) {
    LabelMap values(segments.size());
    for (int y = 0; y < segments.rows; ++y)
        for (int x = 0; x < segments.cols; ++x)
            values(y, x) = valueOfSegment[segments(y, x)];
    return values;
}

cv::Mat1b segmentMask(const Annotation &annotation, int segment) { return annotation.segments == segment; }

std::filesystem::path writeSyntheticImage(const std::filesystem::path &folder) {
    std::filesystem::create_directories(folder);
    cv::Mat3b rgb(kImageSize);
    cv::randu(rgb, 0, 256);
    const auto path = folder / "photo.png";
    writeRgbPng(path, rgb);
    return path;
}

cv::Mat1b rasterise(cv::Size size, const std::vector<Polygon> &polygons) {
    cv::Mat1b mask(size, 0);
    for (const Polygon &polygon : polygons)
        cv::fillPoly(mask, std::vector<Polygon>{polygon}, 255);
    return mask;
}

double iou(const cv::Mat1b &a, const cv::Mat1b &b) {
    const int united = cv::countNonZero(a | b);
    return united == 0 ? 1.0 : double(cv::countNonZero(a & b)) / united;
}

json readJson(const std::filesystem::path &path) {
    std::ifstream stream(path);
    return json::parse(stream);
}

std::string readText(const std::filesystem::path &path) {
    std::ifstream stream(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(stream), {}};
}

// COCO's compressed RLE decoded as pycocotools' rleFrString does, written independently of the
// encoder: 5-bit groups little end first, bit 0x20 = more groups, bit 0x10 of the last = sign,
// from the fourth count on a difference to the count two before.
std::vector<long long> decodeRleCounts(const std::string &text) {
    std::vector<long long> counts;
    for (std::size_t position = 0; position < text.size();) {
        long long value = 0;
        int shift = 0, group = 0;
        do {
            group = text[position++] - 48;
            value |= (long long)(group & 0x1F) << shift;
            shift += 5;
        } while ((group & 0x20) && position < text.size());
        if (group & 0x10)
            value -= 1LL << shift;
        if (counts.size() > 2)
            value += counts[counts.size() - 2];
        counts.push_back(value);
    }
    return counts;
}

cv::Mat1b rleMask(const std::vector<long long> &counts, cv::Size size) {
    cv::Mat1b columnMajor(size.width, size.height, uchar(0)); // row i = image column i
    long long position = 0;
    for (std::size_t run = 0; run < counts.size(); ++run) {
        for (long long k = 0; k < counts[run] && position < size.area(); ++k, ++position)
            columnMajor(int(position / size.height), int(position % size.height)) = run % 2 ? 255 : 0;
    }
    return columnMajor.t();
}

// Blobs with holes and islands, free of parts and holes under kMinPolygonPartPixels: opening
// and closing with a 5x5 square leave only parts and holes that contain such a square.
cv::Mat1b randomBlobs(cv::Size size, int seed) {
    cv::RNG generator(seed);
    cv::Mat1f noise(size);
    generator.fill(noise, cv::RNG::UNIFORM, 0.0, 1.0);
    cv::GaussianBlur(noise, noise, {0, 0}, 4.0);
    cv::Mat1b mask = noise > cv::mean(noise)[0];
    const cv::Mat kernel = cv::getStructuringElement(cv::MORPH_RECT, {5, 5});
    cv::morphologyEx(mask, mask, cv::MORPH_OPEN, kernel);
    cv::morphologyEx(mask, mask, cv::MORPH_CLOSE, kernel);
    return mask;
}

} // namespace

class TestExporters : public QObject {
    Q_OBJECT

private slots:
    void instancesCoverEverySegmentWithPixels() {
        const Annotation annotation = syntheticAnnotation("photo.png");
        QCOMPARE(exportClassNames(annotation), kExportedClasses);
        const std::vector<ExportInstance> instances = exportInstances(annotation);
        QCOMPARE(instances.size(), std::size_t(6)); // segment 5 has no pixels
        const std::vector<int> segments{0, 1, 2, 3, 4, 6};
        const std::vector<std::string> classes{"segment", "person", "car", "segment", "tree", "tree"};
        const std::vector<std::size_t> parts{1, 1, 1, 1, 2, 1}; // the person's speck is dropped
        int totalArea = 0;
        for (std::size_t i = 0; i < instances.size(); ++i) {
            const ExportInstance &instance = instances[i];
            QCOMPARE(instance.objectId, int(i) + 1);
            QCOMPARE(instance.segment, segments[i]);
            QCOMPARE(instance.className, classes[i]);
            QCOMPARE(kExportedClasses[instance.classIndex], classes[i]);
            QCOMPARE(instance.treeNode, annotation.segmentNode[segments[i]]);
            QCOMPARE(instance.polygons.size(), parts[i]);
            const cv::Mat1b mask = segmentMask(annotation, instance.segment);
            QCOMPARE(instance.box, cv::boundingRect(mask));
            QCOMPARE(instance.area, cv::countNonZero(mask));
            QCOMPARE(cv::countNonZero(instance.mask != mask(instance.box)), 0);
            totalArea += instance.area;
        }
        QCOMPARE(totalArea, kImageSize.area());
    }

    void inconsistentAnnotationsAreErrors() {
        Annotation annotation = syntheticAnnotation("broken.png");
        annotation.segments(5, 5) = 9;
        expectError([&] { exportInstances(annotation); },
                    "broken.png: the annotation is inconsistent (the segment map has label 9");
        annotation = syntheticAnnotation("broken.png");
        annotation.segmentClass[2] = 3;
        expectError([&] { exportInstances(annotation); }, "segment 2 has class 3 but there are 3 classes");
        annotation = syntheticAnnotation("broken.png");
        annotation.segmentNode.pop_back();
        expectError([&] { exportInstances(annotation); }, "6 tree nodes for 7 segments");
    }

    // Without simplification the outline with its spliced-in holes is the mask, pixel for pixel;
    // this checks the hole splicing (cuts through object pixels only, even-odd fill) and the
    // pixel-centre convention on blobs with many holes, islands in holes and border contact.
    void unsimplifiedPolygonsRasteriseToTheMaskExactly() {
        for (int seed = 1; seed <= 40; ++seed) {
            const cv::Mat1b mask = randomBlobs({97, 83}, seed);
            const cv::Point origin(13, 7);
            const std::vector<Polygon> polygons = maskPolygons(mask, origin, 0.0);
            cv::Mat1b placed(mask.rows + origin.y, mask.cols + origin.x, uchar(0));
            mask.copyTo(placed(cv::Rect(origin, mask.size())));
            const cv::Mat1b drawn = rasterise(placed.size(), polygons);
            QVERIFY2(cv::countNonZero(drawn != placed) == 0, qPrintable("seed " + QString::number(seed)));
        }
    }

    void simplifiedPolygonsStayCloseToTheMask() {
        double worst = 1.0;
        std::size_t points = 0, boundaryPixels = 0;
        for (int seed = 1; seed <= 40; ++seed) {
            const cv::Mat1b mask = randomBlobs({160, 120}, seed);
            const std::vector<Polygon> polygons = maskPolygons(mask);
            worst = std::min(worst, iou(rasterise(mask.size(), polygons), mask));
            for (const Polygon &polygon : polygons)
                points += polygon.size();
            std::vector<Polygon> contours;
            cv::findContours(mask.clone(), contours, cv::RETR_LIST, cv::CHAIN_APPROX_NONE);
            for (const Polygon &contour : contours)
                boundaryPixels += contour.size();
        }
        qInfo("random blobs: worst IoU %.4f, %zu polygon points for %zu boundary pixels", worst, points, boundaryPixels);
        QVERIFY(worst >= 0.98);
        QVERIFY(points * 3 < boundaryPixels); // simplification does simplify
    }

    void specksAreDroppedAndPinholesFilled() {
        cv::Mat1b mask(40, 40, uchar(0));
        cv::rectangle(mask, cv::Rect(5, 5, 20, 20), 255, cv::FILLED);
        mask(14, 14) = mask(14, 15) = 0;                                // 2-pixel pinhole
        cv::rectangle(mask, cv::Rect(30, 30, 3, 3), 255, cv::FILLED); // 9-pixel speck
        const std::vector<Polygon> polygons = maskPolygons(mask);
        QCOMPARE(polygons.size(), std::size_t(1));
        cv::Mat1b expected(mask.size(), uchar(0));
        cv::rectangle(expected, cv::Rect(5, 5, 20, 20), 255, cv::FILLED);
        QCOMPARE(cv::countNonZero(rasterise(mask.size(), polygons) != expected), 0);
        QVERIFY(maskPolygons(cv::Mat1b(30, 30, uchar(0))).empty());
    }

    void joinedPartsCoverEveryPartAndACutBetweenThem() {
        cv::Mat1b mask(60, 80, uchar(0));
        cv::rectangle(mask, cv::Rect(50, 10, 20, 20), 255, cv::FILLED);
        cv::circle(mask, {15, 40}, 10, 255, cv::FILLED);
        cv::rectangle(mask, cv::Rect(30, 45, 8, 8), 255, cv::FILLED);
        const std::vector<Polygon> parts = maskPolygons(mask, {}, 0.0);
        QCOMPARE(parts.size(), std::size_t(3));
        const cv::Mat1b joined = rasterise(mask.size(), {joinPolygons(parts)});
        QCOMPARE(cv::countNonZero(mask & ~joined), 0); // every part is there…
        QVERIFY(cv::countNonZero(joined & ~mask) < 40); // …plus the two cuts, a pixel wide each
        QVERIFY(joinPolygons({}).empty());
    }

    void cocoRleMatchesPycocotoolsStrings() {
        // Worked out by hand from maskApi.c (rleEncode, rleToString). 3x3 mask, rows:
        // 010 / 110 / 001 → column-major 010 110 001 → runs 1,1,1,2,3,1 → deltas from the fourth
        // run on: 2-1=1, 3-1=2, 1-2=-1 → "1","1","1","1","2","O" (−1 = 0x1F: sign bit set, ends).
        cv::Mat1b small = (cv::Mat1b(3, 3) << 0, 1, 0, 1, 1, 0, 0, 0, 1) * 255;
        QCOMPARE(cocoRleCounts(small, {0, 0, 3, 3}, {3, 3}), std::string("11112O"));
        // 10x10, one pixel at row 0, column 5: runs 50,1,49. 50 = 0b1'10010: low group 18 has bit
        // 0x10 set, so a continuation follows: (18|0x20)+48 = 'b', then 1 → '1'. 49 → 'a','1'.
        QCOMPARE(cocoRleCounts(cv::Mat1b(1, 1, uchar(255)), {5, 0, 1, 1}, {10, 10}), std::string("b11a1"));
        // A run that goes on from one column's bottom into the next column's top stays one run:
        // pixels (row 2, col 0) and (row 0, col 1) of 3x3 → runs 2,2,5.
        QCOMPARE(cocoRleCounts((cv::Mat1b(3, 2) << 0, 255, 0, 0, 255, 0), {0, 0, 2, 3}, {3, 3}), std::string("225"));
        QCOMPARE(cocoRleCounts(cv::Mat1b(2, 2, uchar(255)), {0, 0, 2, 2}, {2, 2}), std::string("04"));
        QCOMPARE(cocoRleCounts(cv::Mat1b(1, 1, uchar(0)), {0, 0, 1, 1}, {2, 2}), std::string("4"));
    }

    void cocoRleDecodesToTheMasksBitForBit() {
        QTemporaryDir dir;
        const Annotation annotation = syntheticAnnotation(toPath(dir) / "photo.png");
        const std::vector<ExportInstance> instances = exportInstances(annotation);
        CocoWriter writer(CocoSegmentation::Rle);
        QCOMPARE(writer.addImage("photo.png", annotation, instances), 1);
        writer.write(toPath(dir) / "rle.json");
        const json coco = readJson(toPath(dir) / "rle.json");
        QCOMPARE(coco["annotations"].size(), instances.size());
        for (std::size_t i = 0; i < instances.size(); ++i) {
            const json &object = coco["annotations"][i];
            QCOMPARE(object["segmentation"]["size"].dump(), json({kImageSize.height, kImageSize.width}).dump());
            QCOMPARE(object["iscrowd"].get<int>(), 0);
            const cv::Mat1b decoded = rleMask(decodeRleCounts(object["segmentation"]["counts"]), kImageSize);
            QCOMPARE(cv::countNonZero(decoded != segmentMask(annotation, instances[i].segment)), 0);
            long long total = 0;
            for (long long count : decodeRleCounts(object["segmentation"]["counts"]))
                total += count;
            QCOMPARE(total, (long long)kImageSize.area());
        }
    }

    void exportWritesEveryFormatAtTheLayoutsPaths() {
        QTemporaryDir dir;
        const auto imagePath = writeSyntheticImage(toPath(dir) / "images");
        const Annotation annotation = syntheticAnnotation(imagePath);
        const auto out = toPath(dir) / "out";
        CocoWriter coco;
        ExportFormats formats = kPerImageFormats;
        formats.insert(ExportFormat::Coco);
        exportImage(out, "photo", loadImageRgb(imagePath), annotation, formats, &coco);
        coco.write(cocoAnnotationsPath(out));

        for (const char *file : {"labelme/photo.json", "voc/SegmentationClass/photo.png", "voc/SegmentationObject/photo.png",
                                 "voc/class_names.txt", "masks/photo/index.json", "masks/photo/1_segment.png",
                                 "masks/photo/2_person.png", "masks/photo/6_tree.png", "yolo/labels/photo.txt",
                                 "yolo/images/photo.png", "yolo/data.yaml", "overlays/photo.png", "coco/annotations.json"})
            QVERIFY2(std::filesystem::is_regular_file(out / file), file);
        for (const auto &file : imageOutputPaths(out, "photo", formats, imagePath))
            QVERIFY(std::filesystem::is_regular_file(file));
        QCOMPARE(cv::imread((out / "overlays/photo.png").string()).size(), kImageSize);
    }

    void labelmeJsonHasTheFormatsKeysAndPolygonsThatRasteriseToTheMasks() {
        QTemporaryDir dir;
        const auto imagePath = writeSyntheticImage(toPath(dir) / "images");
        const Annotation annotation = syntheticAnnotation(imagePath);
        exportImage(toPath(dir) / "out", "photo", {}, annotation, {ExportFormat::Labelme});
        const json labelme = readJson(toPath(dir) / "out/labelme/photo.json");

        QCOMPARE(labelme["version"].dump(), json("5.1.1").dump());
        QCOMPARE(labelme["flags"].dump(), json::object().dump());
        QCOMPARE(labelme["imagePath"].dump(), json("../../images/photo.png").dump());
        QVERIFY(labelme["imageData"].is_null());
        QCOMPARE(labelme["imageHeight"].get<int>(), kImageSize.height);
        QCOMPARE(labelme["imageWidth"].get<int>(), kImageSize.width);
        QCOMPARE(labelme["diffcut"]["tau"].get<double>(), 0.5);
        QCOMPARE(labelme["diffcut"]["alpha"].get<double>(), 10.0);
        QCOMPARE(labelme["diffcut"]["segments"].size(), std::size_t(6));
        QCOMPARE(labelme["diffcut"]["segments"][4].dump(),
                 json({{"group_id", 5}, {"segment", 4}, {"tree_node", 14}}).dump());

        std::map<int, std::vector<Polygon>> polygonsOf;
        std::map<int, std::string> labelOf;
        for (const json &shape : labelme["shapes"]) {
            QCOMPARE(shape["shape_type"].dump(), json("polygon").dump());
            QCOMPARE(shape["flags"].dump(), json::object().dump());
            Polygon polygon;
            for (const json &point : shape["points"])
                polygon.emplace_back(point[0].get<int>(), point[1].get<int>());
            QVERIFY(polygon.size() >= 3);
            polygonsOf[shape["group_id"].get<int>()].push_back(polygon);
            labelOf[shape["group_id"].get<int>()] = shape["label"];
        }
        QCOMPARE(polygonsOf.size(), std::size_t(6));
        QCOMPARE(labelme["shapes"].size(), std::size_t(7)); // the tree's two parts share group 5
        const std::vector<int> segments{0, 1, 2, 3, 4, 6};
        const std::vector<std::string> labels{"segment", "person", "car", "segment", "tree", "tree"};
        for (int objectId = 1; objectId <= 6; ++objectId) {
            QCOMPARE(labelOf[objectId], labels[objectId - 1]);
            const double overlap = iou(rasterise(kImageSize, polygonsOf[objectId]),
                                       segmentMask(annotation, segments[objectId - 1]));
            qInfo("labelme object %d (%s): IoU %.4f", objectId, labels[objectId - 1].c_str(), overlap);
            QVERIFY(overlap >= 0.98);
        }
    }

    void labelmeCanEmbedTheImageAndWriteMaskShapes() {
        QTemporaryDir dir;
        const auto imagePath = writeSyntheticImage(toPath(dir));
        const Annotation annotation = syntheticAnnotation(imagePath);
        const std::vector<ExportInstance> instances = exportInstances(annotation);
        writeLabelmeJson(toPath(dir) / "embedded.json", annotation, instances, {.embedImage = true, .maskShapes = true});
        const json labelme = readJson(toPath(dir) / "embedded.json");

        QCOMPARE(labelme["imagePath"].dump(), json("photo.png").dump());
        const QByteArray imageData = QByteArray::fromBase64(QByteArray::fromStdString(labelme["imageData"]));
        QCOMPARE(imageData.toStdString(), readText(imagePath));

        QCOMPARE(labelme["shapes"].size(), instances.size());
        for (std::size_t i = 0; i < instances.size(); ++i) {
            const json &shape = labelme["shapes"][i];
            const ExportInstance &instance = instances[i];
            QCOMPARE(shape["shape_type"].dump(), json("mask").dump());
            QCOMPARE(shape["group_id"].get<int>(), instance.objectId);
            const cv::Rect box = instance.box;
            QCOMPARE(shape["points"].dump(), json({{box.x, box.y}, {box.x + box.width - 1, box.y + box.height - 1}}).dump());
            const QByteArray png = QByteArray::fromBase64(QByteArray::fromStdString(shape["mask"]));
            const cv::Mat1b mask = cv::imdecode(std::vector<uchar>(png.begin(), png.end()), cv::IMREAD_GRAYSCALE);
            QCOMPARE(mask.size(), box.size());
            QCOMPARE(cv::countNonZero((mask != 0) != instance.mask), 0);
        }

        std::filesystem::remove(imagePath);
        expectError([&] { writeLabelmeJson(toPath(dir) / "again.json", annotation, instances, {.embedImage = true}); },
                    "again.json: cannot read the image");
    }

    // The real labelme (Debian's 5.1.1) loads our JSON and its shapes_to_label — what its
    // labelme2voc.py uses — reproduces our VOC class and object maps. Debian packages labelme for
    // Debian 12 only: there, and only there, CI requires it.
    void realLabelmeReproducesOurMasks() {
        QProcess probe;
        probe.start("/usr/bin/python3", {"-c", "import labelme"});
        if (!probe.waitForFinished(60000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0) {
            if (QSysInfo::productType() != "debian" || QSysInfo::productVersion() != "12")
                QSKIP(qPrintable("/usr/bin/python3 cannot import labelme, and " + QSysInfo::prettyProductName() +
                                 " has no labelme package (Debian 12 has 5.1.1); pip install labelme==5.1.1 to run this check"));
            if (std::getenv("CI"))
                QFAIL("/usr/bin/python3 cannot import labelme (packaging/install-deps.sh installs it)");
            QSKIP("/usr/bin/python3 cannot import labelme; apt-get install labelme");
        }

        QTemporaryDir dir;
        const auto imagePath = writeSyntheticImage(toPath(dir) / "images");
        const Annotation annotation = syntheticAnnotation(imagePath);
        const auto out = toPath(dir) / "out";
        ExportOptions options; // labelme draws unlabelled segments as their class "segment" too
        options.vocUnlabelled = UnlabelledPixels::Segment;
        exportImage(out, "photo", {}, annotation, {ExportFormat::Labelme, ExportFormat::Voc}, nullptr, options);

        QProcess labelme;
        labelme.start("/usr/bin/python3",
                      {QString::fromStdString((diffcut::testing::sourceDir() / "tests/labelme_roundtrip.py").string()),
                       QString::fromStdString((out / "labelme/photo.json").string()),
                       QString::fromStdString((out / "voc/SegmentationClass/photo.png").string()),
                       QString::fromStdString((out / "voc/SegmentationObject/photo.png").string()),
                       QString::fromStdString((out / "voc/class_names.txt").string())});
        QVERIFY(labelme.waitForFinished(120000));
        const QByteArray errors = labelme.readAllStandardError();
        QVERIFY2(labelme.exitCode() == 0, errors.constData());
        const json result = json::parse(labelme.readAllStandardOutput().toStdString());

        QCOMPARE(result["labelme"].dump(), json("5.1.1").dump());
        QCOMPARE(result["image_size"].dump(), json({kImageSize.height, kImageSize.width}).dump());
        QCOMPARE(result["other_keys"].dump(), json({"diffcut"}).dump()); // kept for labelme to write back
        QCOMPARE(result["classes"].size(), std::size_t(4));
        for (const auto &[name, overlap] : result["classes"].items()) {
            qInfo("real labelme, class %s: IoU %.4f", name.c_str(), overlap.get<double>());
            QVERIFY2(overlap.get<double>() >= 0.98, name.c_str());
        }
        QCOMPARE(result["objects"].size(), std::size_t(6));
        for (const auto &[group, overlap] : result["objects"].items()) {
            qInfo("real labelme, object %s: IoU %.4f", group.c_str(), overlap.get<double>());
            QVERIFY2(overlap.get<double>() >= 0.95, group.c_str());
        }
    }

    void vocPngsHoldClassAndObjectIds_data() {
        QTest::addColumn<int>("unlabelled");
        QTest::addColumn<int>("unlabelledValue"); // −1: their own ids
        QTest::addColumn<QString>("classNames");
        QTest::newRow("background (default)") << int(UnlabelledPixels::Background) << 0
                                              << "_background_\nperson\ncar\ntree\n";
        QTest::newRow("void") << int(UnlabelledPixels::Void) << 255 << "_background_\nperson\ncar\ntree\n";
        QTest::newRow("segment") << int(UnlabelledPixels::Segment) << -1
                                 << "_background_\nperson\ncar\ntree\nsegment\n";
    }

    void vocPngsHoldClassAndObjectIds() {
        QFETCH(int, unlabelled);
        QFETCH(int, unlabelledValue);
        QFETCH(QString, classNames);
        QTemporaryDir dir;
        const Annotation annotation = syntheticAnnotation(writeSyntheticImage(toPath(dir)));
        ExportOptions options;
        if (unlabelled != int(UnlabelledPixels::Background)) // the default is left to the exporter
            options.vocUnlabelled = UnlabelledPixels(unlabelled);
        exportImage(toPath(dir) / "out", "photo", {}, annotation, {ExportFormat::Voc}, nullptr, options);
        const auto voc = toPath(dir) / "out/voc";
        int classIds[7], objectIds[7];
        for (int segment = 0; segment < 7; ++segment) {
            const bool isUnlabelled = annotation.segmentClass[std::size_t(segment)] == Annotation::kUnlabelled;
            classIds[segment] = isUnlabelled && unlabelledValue >= 0 ? unlabelledValue : kClassIdOfSegment[segment];
            objectIds[segment] = isUnlabelled && unlabelledValue >= 0 ? unlabelledValue : kObjectIdOfSegment[segment];
        }
        QCOMPARE(cv::norm(readLabelPng(voc / "SegmentationClass/photo.png"), mapped(annotation.segments, classIds),
                          cv::NORM_INF),
                 0.0);
        QCOMPARE(cv::norm(readLabelPng(voc / "SegmentationObject/photo.png"), mapped(annotation.segments, objectIds),
                          cv::NORM_INF),
                 0.0);
        QCOMPARE(QString::fromStdString(readText(voc / "class_names.txt")), classNames);
    }

    void segmentMasksMatchAndStaleOnesGo() {
        QTemporaryDir dir;
        Annotation annotation = syntheticAnnotation(writeSyntheticImage(toPath(dir)));
        const auto folder = toPath(dir) / "out/masks/photo";
        exportImage(toPath(dir) / "out", "photo", {}, annotation, {ExportFormat::Masks});
        const json index = readJson(folder / "index.json");
        QCOMPARE(index["image"].dump(), json("../../../photo.png").dump());
        QCOMPARE(index["width"].get<int>(), kImageSize.width);
        QCOMPARE(index["masks"].size(), std::size_t(6));
        for (const json &entry : index["masks"]) {
            const int segment = entry["segment"];
            const cv::Mat1b expected = segmentMask(annotation, segment);
            const cv::Mat mask = cv::imread((folder / entry["file"].get<std::string>()).string(), cv::IMREAD_UNCHANGED);
            QCOMPARE(mask.type(), CV_8UC1);
            QCOMPARE(cv::countNonZero(mask != expected), 0); // 0 and 255 exactly
            QCOMPARE(entry["area"].get<int>(), cv::countNonZero(expected));
            const cv::Rect box = cv::boundingRect(expected);
            QCOMPARE(entry["bbox"].dump(), json({box.x, box.y, box.width, box.height}).dump());
            QCOMPARE(entry["class"].get<std::string>(), kExportedClasses[kClassIdOfSegment[segment] - 1]);
            QCOMPARE(entry["object_id"].get<int>(), kObjectIdOfSegment[segment]);
            QCOMPARE(entry["tree_node"].get<int>(), annotation.segmentNode[segment]);
        }
        QVERIFY(std::filesystem::exists(folder / "6_tree.png"));

        // Re-exported after the ellipse merged into the background: its mask file goes.
        annotation.segments.setTo(0, annotation.segments == 6);
        exportImage(toPath(dir) / "out", "photo", {}, annotation, {ExportFormat::Masks});
        QVERIFY(!std::filesystem::exists(folder / "6_tree.png"));
        QCOMPARE(readJson(folder / "index.json")["masks"].size(), std::size_t(5));
    }

    void yoloLinesAreNormalisedPolygonsOfTheRightClass() {
        QTemporaryDir dir;
        const Annotation annotation = syntheticAnnotation(writeSyntheticImage(toPath(dir)));
        exportImage(toPath(dir) / "out", "photo", {}, annotation, {ExportFormat::Yolo});
        // Ultralytics finds labels by replacing images/ with labels/: the image goes beside them.
        QCOMPARE(readText(toPath(dir) / "out/yolo/images/photo.png"), readText(annotation.imagePath));
        std::istringstream lines(readText(toPath(dir) / "out/yolo/labels/photo.txt"));
        const std::vector<int> segments{0, 1, 2, 3, 4, 6};
        std::size_t count = 0;
        for (std::string line; std::getline(lines, line); ++count) {
            QVERIFY(count < segments.size());
            const int segment = segments[count];
            std::istringstream fields(line);
            int classIndex = -1;
            fields >> classIndex;
            QCOMPARE(classIndex, kClassIdOfSegment[segment] - 1);
            Polygon polygon;
            for (double x, y; fields >> x >> y;) {
                QVERIFY(x >= 0.0 && x <= 1.0 && y >= 0.0 && y <= 1.0);
                polygon.emplace_back(int(std::lround(x * kImageSize.width - 0.5)),
                                     int(std::lround(y * kImageSize.height - 0.5)));
            }
            QVERIFY(fields.eof());
            const double overlap = iou(rasterise(kImageSize, {polygon}), segmentMask(annotation, segment));
            qInfo("yolo object %zu: IoU %.4f", count + 1, overlap);
            QVERIFY(overlap >= 0.98);
        }
        QCOMPARE(count, segments.size());
        // Ultralytics resolves a relative `path` against its own datasets folder: it is absolute.
        QCOMPARE(readText(toPath(dir) / "out/yolo/data.yaml"),
                 "# YOLO segmentation dataset written by DiffCut Studio: images/ beside labels/, same names.\n"
                 "path: \"" + std::filesystem::absolute(toPath(dir) / "out/yolo").lexically_normal().generic_string() +
                     "\"\ntrain: images\nval: images\nnc: 4\nnames:\n"
                     "  - \"person\"\n  - \"car\"\n  - \"tree\"\n  - \"segment\"\n");
    }

    void cocoPolygonsRasteriseToTheMasks() {
        QTemporaryDir dir;
        const auto imagePath = writeSyntheticImage(toPath(dir) / "images");
        const Annotation annotation = syntheticAnnotation(imagePath);
        const auto out = toPath(dir) / "out";
        CocoWriter coco;
        ExportOptions options;
        options.imageRoot = toPath(dir); // file_name relative to the dataset's image folder, never "../"
        exportImage(out, "photo", {}, annotation, {ExportFormat::Coco}, &coco, options);
        QCOMPARE(coco.imageCount(), 1);
        coco.write(cocoAnnotationsPath(out));
        const json document = readJson(cocoAnnotationsPath(out));

        QCOMPARE(document["images"].dump(),
                 json::parse(R"([{"id": 1, "file_name": "images/photo.png", "width": 240, "height": 200}])").dump());
        QCOMPARE(cocoFileName("/data/set/street/1.jpg", "/data/set"), std::string("street/1.jpg"));
        QCOMPARE(cocoFileName("/elsewhere/1.jpg", "/data/set"), std::string("1.jpg"));
        QCOMPARE(cocoFileName("/data/set/1.jpg", ""), std::string("1.jpg"));
        QCOMPARE(document["categories"].size(), std::size_t(4));
        for (std::size_t i = 0; i < kExportedClasses.size(); ++i) {
            QCOMPARE(document["categories"][i]["id"].get<std::size_t>(), i + 1);
            QCOMPARE(document["categories"][i]["name"].get<std::string>(), kExportedClasses[i]);
        }
        const std::vector<int> segments{0, 1, 2, 3, 4, 6};
        QCOMPARE(document["annotations"].size(), segments.size());
        for (std::size_t i = 0; i < segments.size(); ++i) {
            const json &object = document["annotations"][i];
            const cv::Mat1b expected = segmentMask(annotation, segments[i]);
            QCOMPARE(object["id"].get<std::size_t>(), i + 1);
            QCOMPARE(object["image_id"].get<int>(), 1);
            QCOMPARE(object["category_id"].get<int>(), kClassIdOfSegment[segments[i]]);
            QCOMPARE(object["iscrowd"].get<int>(), 0);
            QCOMPARE(object["area"].get<int>(), cv::countNonZero(expected));
            const cv::Rect box = cv::boundingRect(expected);
            QCOMPARE(object["bbox"].dump(), json({box.x, box.y, box.width, box.height}).dump());
            std::vector<Polygon> polygons;
            for (const json &flat : object["segmentation"]) {
                QVERIFY(flat.size() >= 6 && flat.size() % 2 == 0);
                Polygon &polygon = polygons.emplace_back();
                for (std::size_t k = 0; k < flat.size(); k += 2) // pixel centres at +0.5
                    polygon.emplace_back(int(flat[k].get<double>() - 0.5), int(flat[k + 1].get<double>() - 0.5));
            }
            const double overlap = iou(rasterise(kImageSize, polygons), expected);
            qInfo("coco object %zu: IoU %.4f", i + 1, overlap);
            QVERIFY(overlap >= 0.98);
        }
    }

    void mergedCocoFilesAreRenumberedAndShareCategories() {
        QTemporaryDir dir;
        const auto imagePath = writeSyntheticImage(toPath(dir) / "images");
        Annotation first = syntheticAnnotation(imagePath);
        Annotation second = syntheticAnnotation(imagePath);
        second.classes = {{"tree", {}}, {"car", {}}, {"dog", {}}}; // another order, one more class
        std::filesystem::create_directories(toPath(dir) / "shard1");
        std::filesystem::create_directories(toPath(dir) / "shard2/deeper");
        CocoWriter shard1, shard2(CocoSegmentation::Rle);
        shard1.addImage("a/photo.png", first, exportInstances(first));
        shard1.addImage("b/photo.png", first, exportInstances(first));
        shard2.addImage("c/photo.png", second, exportInstances(second));
        shard1.write(toPath(dir) / "shard1/annotations.json");
        shard2.write(toPath(dir) / "shard2/deeper/annotations.json");

        std::filesystem::create_directories(toPath(dir) / "merged");
        mergeCocoFiles({toPath(dir) / "shard1/annotations.json", toPath(dir) / "shard2/deeper/annotations.json"},
                       toPath(dir) / "merged/all.json");
        const json merged = readJson(toPath(dir) / "merged/all.json");

        QCOMPARE(merged["images"].size(), std::size_t(3));
        for (std::size_t i = 0; i < 3; ++i) { // relative to the image folder, not to the file: kept as they are
            QCOMPARE(merged["images"][i]["id"].get<std::size_t>(), i + 1);
            QCOMPARE(merged["images"][i]["file_name"].get<std::string>(), std::string(1, char('a' + i)) + "/photo.png");
        }
        std::vector<std::string> names;
        for (std::size_t i = 0; i < merged["categories"].size(); ++i) {
            QCOMPARE(merged["categories"][i]["id"].get<std::size_t>(), i + 1);
            names.push_back(merged["categories"][i]["name"].get<std::string>());
        }
        QCOMPARE(names, (std::vector<std::string>{"person", "car", "tree", "segment", "dog"}));
        // Per object, its category's name: the second shard numbered its classes differently.
        const std::vector<std::string> firstClasses{"segment", "person", "car", "segment", "tree", "tree"};
        const std::vector<std::string> secondClasses{"segment", "tree", "car", "segment", "dog", "dog"};
        QCOMPARE(merged["annotations"].size(), std::size_t(18));
        for (std::size_t i = 0; i < 18; ++i) {
            const json &object = merged["annotations"][i];
            QCOMPARE(object["id"].get<std::size_t>(), i + 1);
            QCOMPARE(object["image_id"].get<std::size_t>(), i / 6 + 1);
            QCOMPARE(names[object["category_id"].get<int>() - 1], (i < 12 ? firstClasses : secondClasses)[i % 6]);
        }
        QVERIFY(merged["annotations"][14]["segmentation"].contains("counts")); // RLE kept as it was

        expectError([&] { mergeCocoFiles({toPath(dir) / "missing.json"}, toPath(dir) / "merged/x.json"); }, "missing.json");
        std::ofstream(toPath(dir) / "text.json") << "not json";
        expectError([&] { mergeCocoFiles({toPath(dir) / "text.json"}, toPath(dir) / "merged/x.json"); },
                    "text.json: not a valid JSON file");
        std::ofstream(toPath(dir) / "other.json") << R"({"images": []})";
        expectError([&] { mergeCocoFiles({toPath(dir) / "other.json"}, toPath(dir) / "merged/x.json"); },
                    "other.json: not a COCO file");
    }

    void formatListsParse() {
        QCOMPARE(parseFormats("voc,labelme,coco,masks"),
                 (ExportFormats{ExportFormat::Voc, ExportFormat::Labelme, ExportFormat::Coco, ExportFormat::Masks}));
        QCOMPARE(parseFormats(" yolo , overlay,yolo"), (ExportFormats{ExportFormat::Yolo, ExportFormat::Overlay}));
        for (ExportFormat format : {ExportFormat::Labelme, ExportFormat::Coco, ExportFormat::Voc, ExportFormat::Masks,
                                    ExportFormat::Yolo, ExportFormat::Overlay})
            QCOMPARE(parseFormats(exportFormatName(format)), ExportFormats{format});
        expectError([] { parseFormats("voc,pdf"); },
                    "unknown format 'pdf' (known: labelme, coco, voc, masks, yolo, overlay)");
        expectError([] { parseFormats("voc,,coco"); }, "empty entry");
        expectError([] { parseFormats(""); }, "empty entry");
    }

    // Issue 11, data loss 3: images whose names differ only by extension get distinct outputs.
    void exportNamesAreDistinctAndRelativeToTheFolder() {
        const std::filesystem::path root = "/data/set";
        QCOMPARE(exportNames({root / "a.jpg", root / "street/b.png", root / "photo.jpg", root / "photo.png", root / "c.JPG"}, root),
                 (std::vector<std::string>{"a", "street/b", "photo.jpg", "photo.png", "c"}));
        QCOMPARE(exportNames({"/x/a.jpg", "/y/a.png"}, {}), (std::vector<std::string>{"a.jpg", "a.png"}));
        QCOMPARE(exportNames({"/elsewhere/z.png"}, root), (std::vector<std::string>{"z"}));
    }

    void overlayUsesTheCanvasStyle() {
        QTemporaryDir dir;
        const auto imagePath = writeSyntheticImage(toPath(dir));
        const Annotation annotation = syntheticAnnotation(imagePath);
        const cv::Mat3b rgb = loadImageRgb(imagePath);
        exportImage(toPath(dir) / "out", "photo", rgb, annotation, {ExportFormat::Overlay});
        const cv::Mat3b written = [&] {
            cv::Mat3b bgr = cv::imread((toPath(dir) / "out/overlays/photo.png").string());
            cv::cvtColor(bgr, bgr, cv::COLOR_BGR2RGB);
            return bgr;
        }();
        const std::vector<SegmentPaint> paints = segmentPaints(annotation);
        QCOMPARE(cv::norm(written, renderOverlay(rgb, annotation.segments, paints, 0.5), cv::NORM_INF), 0.0);
        // Labelled segments in their class's colour, unlabelled ones in a grey, half as opaque.
        QVERIFY(paints[1].fill == cv::Vec4b(192, 128, 128, 255));
        QVERIFY(paints[0].fill[0] == paints[0].fill[1] && paints[0].fill[1] == paints[0].fill[2]);
        QCOMPARE(int(paints[0].fill[3]), 128);
        // What the canvas hides is not drawn.
        PaintOptions hidden;
        hidden.showUnlabelled = false;
        hidden.hiddenClasses = {0};
        const std::vector<SegmentPaint> shown = segmentPaints(annotation, hidden);
        QCOMPARE(int(shown[0].fill[3]), 0);
        QCOMPARE(int(shown[1].fill[3]), 0);
        QCOMPARE(int(shown[2].fill[3]), 255);
    }

    void exportErrorsNameTheFile() {
        QTemporaryDir dir;
        const auto imagePath = writeSyntheticImage(toPath(dir));
        const Annotation annotation = syntheticAnnotation(imagePath);
        std::ofstream(toPath(dir) / "file") << "x";
        expectError([&] { exportImage(toPath(dir) / "file", "photo", {}, annotation, {ExportFormat::Labelme}); },
                    (toPath(dir) / "file/labelme").string());
        expectError([&] { exportImage(toPath(dir) / "out", "../photo", {}, annotation, {ExportFormat::Voc}); },
                    "'../photo' is not a usable image name");
        expectError(
            [&] { exportImage(toPath(dir) / "out", "photo", cv::Mat3b(10, 10), annotation, {ExportFormat::Overlay}); },
            "overlays/photo.png: the image is 10 x 10 but its annotation 240 x 200");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 exportImage(toPath(dir) / "out", "photo", {}, annotation, {ExportFormat::Coco}));
    }
};

QTEST_GUILESS_MAIN(TestExporters)
#include "test_exporters.moc"
