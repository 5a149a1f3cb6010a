// Hungarian assignment, the matched-mIoU evaluation protocol (with and without the many-to-one
// background step) on cases with known answers, and pairing / reading / resizing of dataset files.
#include "common/error.h"
#include "eval/dataset.h"
#include "eval/hungarian.h"
#include "eval/miou.h"
#include "export/label_png.h"
#include "test_support.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <numeric>
#include <random>
#include <set>

using namespace diffcut;

namespace {

// A 1 x n label map.
LabelMap row(std::initializer_list<int> values) {
    LabelMap labels(1, int(values.size()));
    std::copy(values.begin(), values.end(), labels.begin());
    return labels;
}

// An int32 .npy label file, C order.
void writeLabelsNpy(const std::filesystem::path &path, const LabelMap &labels) {
    std::string header = "{'descr': '<i4', 'fortran_order': False, 'shape': (" + std::to_string(labels.rows) + ", " +
                         std::to_string(labels.cols) + "), }";
    header.append((64 - (10 + header.size() + 1) % 64) % 64, ' ').push_back('\n');
    std::ofstream file(path, std::ios::binary);
    file.write("\x93NUMPY\x01\x00", 8);
    file.put(char(header.size() & 0xff)).put(char(header.size() >> 8));
    file << header;
    file.write(reinterpret_cast<const char *>(labels.ptr<int>()), std::streamsize(labels.total() * 4));
}

void touch(const std::filesystem::path &path) {
    std::filesystem::create_directories(path.parent_path());
    writeLabelPng(path, row({0}));
}

std::vector<std::string> fileNames(const std::vector<std::filesystem::path> &paths) {
    std::vector<std::string> names;
    for (const auto &path : paths)
        names.push_back(path.filename().string());
    return names;
}

double totalWeight(const Eigen::MatrixXd &weights, const std::vector<int> &columnOfRow) {
    double total = 0;
    for (int r = 0; r < int(columnOfRow.size()); ++r)
        if (columnOfRow[r] >= 0)
            total += weights(r, columnOfRow[r]);
    return total;
}

// Best total over every injective row -> column map (rows <= cols) or column -> row map.
double bruteForceMaximum(const Eigen::MatrixXd &weights) {
    if (weights.rows() > weights.cols())
        return bruteForceMaximum(weights.transpose());
    std::vector<int> columns(weights.cols());
    std::iota(columns.begin(), columns.end(), 0);
    double best = -INFINITY;
    do {
        double total = 0;
        for (int r = 0; r < weights.rows(); ++r)
            total += weights(r, columns[r]);
        best = std::max(best, total);
    } while (std::next_permutation(columns.begin(), columns.end()));
    return best;
}

// One-to-one, in range, and min(rows, cols) rows assigned.
bool isValidAssignment(const Eigen::MatrixXd &weights, const std::vector<int> &columnOfRow) {
    if (int(columnOfRow.size()) != weights.rows())
        return false;
    std::set<int> used;
    for (int column : columnOfRow) {
        if (column < -1 || column >= weights.cols() || (column >= 0 && !used.insert(column).second))
            return false;
    }
    return int(used.size()) == std::min(weights.rows(), weights.cols());
}

} // namespace

class TestEval : public QObject {
    Q_OBJECT

private slots:
    void hungarianSquare() {
        Eigen::MatrixXd weights(3, 3);
        weights << 4, 1, 3, 2, 0, 5, 3, 2, 2;
        QCOMPARE(maximumWeightAssignment(weights), (std::vector<int>{0, 2, 1}));
    }

    void hungarianWide() {
        Eigen::MatrixXd weights(2, 3);
        weights << 1, 5, 3, 4, 7, 2;
        QCOMPARE(maximumWeightAssignment(weights), (std::vector<int>{2, 1}));
    }

    void hungarianTall() {
        Eigen::MatrixXd weights(3, 2);
        weights << 1, 4, 5, 7, 3, 2;
        QCOMPARE(maximumWeightAssignment(weights), (std::vector<int>{-1, 1, 0}));
    }

    void hungarianTiesFollowScipy() {
        // scipy returns the identity for a constant matrix, and a zero row (an absent class)
        // takes the lowest-indexed column left.
        QCOMPARE(maximumWeightAssignment(Eigen::MatrixXd::Zero(4, 4)), (std::vector<int>{0, 1, 2, 3}));
        QCOMPARE(maximumWeightAssignment(Eigen::MatrixXd::Constant(3, 5, 2.0)), (std::vector<int>{0, 1, 2}));
        Eigen::MatrixXd weights(2, 2);
        weights << 2, 2, 0, 0;
        QCOMPARE(maximumWeightAssignment(weights), (std::vector<int>{0, 1}));
    }

    void hungarianEmptyAndInvalid() {
        QCOMPARE(maximumWeightAssignment(Eigen::MatrixXd(2, 0)), (std::vector<int>{-1, -1}));
        QVERIFY(maximumWeightAssignment(Eigen::MatrixXd(0, 3)).empty());
        Eigen::MatrixXd weights = Eigen::MatrixXd::Ones(2, 2);
        weights(1, 0) = NAN;
        QVERIFY_THROWS_EXCEPTION(Error, maximumWeightAssignment(weights));
    }

    void hungarianMatchesBruteForce_data() {
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("cols");
        QTest::addColumn<bool>("integerWeights");
        const std::pair<int, int> shapes[] = {{5, 5}, {4, 6}, {6, 4}, {1, 5}, {5, 1}};
        for (auto [rows, cols] : shapes) {
            QTest::addRow("%dx%d real", rows, cols) << rows << cols << false;
            QTest::addRow("%dx%d integer (ties)", rows, cols) << rows << cols << true;
        }
    }
    void hungarianMatchesBruteForce() {
        QFETCH(int, rows);
        QFETCH(int, cols);
        QFETCH(bool, integerWeights);
        std::mt19937 random(rows * 100 + cols);
        std::uniform_real_distribution<double> real(-10.0, 10.0);
        std::uniform_int_distribution<int> small(0, 3);
        for (int trial = 0; trial < 200; ++trial) {
            Eigen::MatrixXd weights(rows, cols);
            for (int r = 0; r < rows; ++r)
                for (int c = 0; c < cols; ++c)
                    weights(r, c) = integerWeights ? small(random) : real(random);
            const std::vector<int> assignment = maximumWeightAssignment(weights);
            QVERIFY(isValidAssignment(weights, assignment));
            QVERIFY(std::abs(totalWeight(weights, assignment) - bruteForceMaximum(weights)) < 1e-9);
        }
    }

    void relabelledCopyScoresOne() {
        std::mt19937 random(7);
        std::uniform_int_distribution<int> label(0, 5);
        LabelMap reference(20, 30);
        for (int &value : reference)
            value = label(random);
        const int renumbering[] = {3, 0, 5, 1, 4, 2};
        LabelMap relabelled(reference.size());
        std::transform(reference.begin(), reference.end(), relabelled.begin(), [&](int v) { return renumbering[v]; });
        QCOMPARE(matchedMeanIou(reference, relabelled), 1.0);
        QCOMPARE(matchedMeanIou(reference, reference), 1.0);
    }

    void handComputedCase() {
        // Class 0 = pixels 0-4, class 1 = pixels 5-9; segments {0-3}, {4-7}, {8-9}.
        // Overlap [[4, 1, 0], [0, 3, 2]]: best matching 0 -> 0, 1 -> 1 (7 pixels).
        // Class 0: TP 4, FP 0, FN 1 -> 0.8. Class 1: TP 3, FP 1, FN 2 -> 0.5.
        MatchedIouAccumulator accumulator(2);
        accumulator.addImage(row({0, 0, 0, 0, 0, 1, 1, 1, 1, 1}), row({0, 0, 0, 0, 1, 1, 1, 1, 2, 2}));
        std::vector<double> iou = accumulator.perClassIou();
        QCOMPARE(iou.size(), std::size_t(2));
        QCOMPARE(iou[0], 0.8);
        QCOMPARE(iou[1], 0.5);
        QCOMPARE(accumulator.meanIou(), 0.65);
        QCOMPARE(accumulator.pixelAccuracy(), 0.7);

        // A second, perfectly segmented image is matched on its own (segment 1 = class 0) and its
        // counts add up: class 0 TP 6 FP 0 FN 1, class 1 TP 5 FP 1 FN 2.
        accumulator.addImage(row({0, 0, 1, 1}), row({1, 1, 0, 0}));
        iou = accumulator.perClassIou();
        QCOMPARE(iou[0], 6.0 / 7.0);
        QCOMPARE(iou[1], 5.0 / 8.0);
        QCOMPARE(accumulator.meanIou(), (6.0 / 7.0 + 5.0 / 8.0) / 2);
        QCOMPARE(accumulator.pixelAccuracy(), 11.0 / 14.0);
    }

    void absentClassAbsorbsAnUnmatchedSegment() {
        // Class 1 does not occur; it is matched (on a tie) to segment 1, whose pixels become its
        // false positives, as the official evaluation counts them.
        MatchedIouAccumulator accumulator(2);
        accumulator.addImage(row({0, 0, 0, 0}), row({0, 0, 1, 1}));
        const std::vector<double> iou = accumulator.perClassIou();
        QCOMPARE(iou[0], 0.5);
        QCOMPARE(iou[1], 0.0);
        QCOMPARE(accumulator.meanIou(), 0.25);
    }

    void ignoreLabelHonoured() {
        // Class 2 is the ignore label; -1 and out-of-range labels are never scored either.
        MatchedIouAccumulator accumulator(3, 2);
        accumulator.addImage(row({0, 0, 2, -1, 7, 1, 1}), row({0, 0, 0, 1, 0, 1, 1}));
        const std::vector<double> iou = accumulator.perClassIou();
        QCOMPARE(iou[0], 1.0);
        QCOMPARE(iou[1], 1.0);
        QVERIFY(std::isnan(iou[2]));
        QCOMPARE(accumulator.meanIou(), 1.0);
        QCOMPARE(accumulator.pixelAccuracy(), 1.0);
    }

    void moreSegmentsThanClasses() {
        // Three classes, five segments: unmatched segments count only as false negatives.
        MatchedIouAccumulator accumulator(3);
        accumulator.addImage(row({0, 0, 1, 1, 2, 2}), row({0, 1, 2, 2, 3, 4}));
        const std::vector<double> iou = accumulator.perClassIou();
        QCOMPARE(iou[0], 0.5);
        QCOMPARE(iou[1], 1.0);
        QCOMPARE(iou[2], 0.5);
        QCOMPARE(accumulator.pixelAccuracy(), 4.0 / 6.0);
    }

    void ignoreLabelInsideTheClassRangeIsNoClass() {
        // With the ignore label 0 among 3 classes, class 0 gets no row: it cannot be matched to
        // the segment left over (2) and count its class-1 pixel as a false positive.
        MatchedIouAccumulator accumulator(3, 0);
        accumulator.addImage(row({0, 0, 1, 1, 1, 2}), row({2, 2, 0, 0, 2, 1}));
        const std::vector<double> iou = accumulator.perClassIou();
        QVERIFY(std::isnan(iou[0]));
        QCOMPARE(iou[1], 2.0 / 3.0);
        QCOMPARE(iou[2], 1.0);
        QCOMPARE(accumulator.scoredPixels(), std::int64_t(4));
    }

    void invalidInput() {
        QVERIFY_THROWS_EXCEPTION(Error, MatchedIouAccumulator(0));
        QVERIFY_THROWS_EXCEPTION(Error, MatchedIouAccumulator(MatchedIouAccumulator::kMaxClasses + 1));
        QVERIFY_THROWS_EXCEPTION(Error, MatchedIouAccumulator(1, 0)); // the ignore label is the only class
        QVERIFY_THROWS_EXCEPTION(Error, MatchedIouAccumulator(1, 255, BackgroundMatching::ManyToOne));
        MatchedIouAccumulator accumulator(2);
        QVERIFY_THROWS_EXCEPTION(Error, accumulator.addImage(row({0, 1}), row({0, 1, 1})));
        QVERIFY_THROWS_EXCEPTION(Error, accumulator.addImage(row({0, 1}), row({0, -1})));
        const int tooLarge = MatchedIouAccumulator::kMaxPredictedLabel + 1;
        QVERIFY_THROWS_EXCEPTION(Error, accumulator.addImage(row({0, 1}), row({0, tooLarge})));
        QVERIFY(std::isnan(accumulator.meanIou()));
        QVERIFY(std::isnan(accumulator.pixelAccuracy()));
    }

    // Many-to-one background matching (method doc §6), VOC-style labels: 0 background, 1..N-1
    // objects, 255 void.

    void manyToOneMergesOverSegmentedBackground() {
        // Background split over segments 0 and 1, class 1 mostly in segment 2, class 2 mostly in
        // segment 3, void pixels in segments 1 and 5.
        //   gt   0 0 0 0 | 1 1 1 | 2 2 2 | 255 255
        //   pred 0 0 1 1 | 2 2 0 | 3 3 4 |  1   5
        // First match (objects only): 1 -> segment 2, 2 -> segment 3. Segments 0, 1, 4, 5 become
        // one segment, 6. Void joins background: background = 6 pixels, all in segment 6.
        // Final: 1 -> 2 (TP 2, FP 0, FN 1), 2 -> 3 (TP 2, FP 0, FN 1), background -> 6 (TP 6, FP 2
        // from the object pixels in segments 0 and 4, FN 0).
        MatchedIouAccumulator accumulator(3, 255, BackgroundMatching::ManyToOne);
        accumulator.addImage(row({0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 255, 255}), row({0, 0, 1, 1, 2, 2, 0, 3, 3, 4, 1, 5}));
        std::vector<double> iou = accumulator.perClassIou();
        QCOMPARE(iou[0], 0.75);
        QCOMPARE(iou[1], 2.0 / 3.0);
        QCOMPARE(iou[2], 2.0 / 3.0);
        QCOMPARE(accumulator.meanIou(), 25.0 / 36.0);
        QCOMPARE(accumulator.pixelAccuracy(), 10.0 / 12.0);

        // Second image, class 2 absent, background in two segments:
        //   gt 0 0 1 1, pred 0 1 2 2. Class 1 -> segment 2; absent class 2 is matched (on a tie) to
        // segment 0 but is not present, so segments 0 and 1 merge: everything is exact.
        // Sums: background TP 8 FP 2 FN 0, class 1 TP 4 FP 0 FN 1, class 2 TP 2 FP 0 FN 1.
        accumulator.addImage(row({0, 0, 1, 1}), row({0, 1, 2, 2}));
        iou = accumulator.perClassIou();
        QCOMPARE(iou[0], 0.8);
        QCOMPARE(iou[1], 0.8);
        QCOMPARE(iou[2], 2.0 / 3.0);
        QCOMPARE(accumulator.meanIou(), 34.0 / 45.0);
        QCOMPARE(accumulator.pixelAccuracy(), 14.0 / 16.0);
    }

    void oneToOnePenalisesTheSameOverSegmentation() {
        // The second image above without the background step: background takes one of its two
        // segments (IoU 1/2) and absent class 2 the other (IoU 0).
        MatchedIouAccumulator accumulator(3, 255);
        accumulator.addImage(row({0, 0, 1, 1}), row({0, 1, 2, 2}));
        const std::vector<double> iou = accumulator.perClassIou();
        QCOMPARE(iou[0], 0.5);
        QCOMPARE(iou[1], 1.0);
        QCOMPARE(iou[2], 0.0);
        QCOMPARE(accumulator.meanIou(), 0.5);
    }

    void manyToOneScoresVoidAsBackground() {
        // The official quirk: void pixels are background in the final matching. Here the void
        // pixel in segment 0 becomes a false positive of class 1 and a missed background pixel.
        //   gt 1 1 255 255, pred 0 0 0 1: class 1 -> 0 (TP 2, FP 1), background -> merged segment
        // 2 (TP 1, FN 1).
        MatchedIouAccumulator manyToOne(2, 255, BackgroundMatching::ManyToOne);
        manyToOne.addImage(row({1, 1, 255, 255}), row({0, 0, 0, 1}));
        QCOMPARE(manyToOne.perClassIou()[0], 0.5);
        QCOMPARE(manyToOne.perClassIou()[1], 2.0 / 3.0);
        QCOMPARE(manyToOne.meanIou(), 7.0 / 12.0);
        QCOMPARE(manyToOne.pixelAccuracy(), 0.75);
        // Negative labels (void in .npy ground truth) are void as well.
        MatchedIouAccumulator negativeVoid(2, 255, BackgroundMatching::ManyToOne);
        negativeVoid.addImage(row({1, 1, -1, -1}), row({0, 0, 0, 1}));
        QCOMPARE(negativeVoid.perClassIou(), manyToOne.perClassIou());

        // One-to-one never scores void: class 1 is exact and background never occurs.
        MatchedIouAccumulator oneToOne(2, 255);
        oneToOne.addImage(row({1, 1, 255, 255}), row({0, 0, 0, 1}));
        QVERIFY(std::isnan(oneToOne.perClassIou()[0]));
        QCOMPARE(oneToOne.perClassIou()[1], 1.0);
        QCOMPARE(oneToOne.pixelAccuracy(), 1.0);
    }

    void manyToOneKeepsTheMatchOfAPresentClassEvenWithoutOverlap() {
        // As the official code decides it: classes 1 and 2 both lie in segment 0, so class 2 is
        // matched (on a tie, lowest column) to background segment 1. Class 2 is present, so
        // segment 1 is kept apart; only segment 2 becomes the merged segment 3.
        //   gt 1 1 2 0 0 0, pred 0 0 0 1 1 2 -> merged 0 0 0 1 1 3.
        // Final: 1 -> 0 (TP 2, FP 1), background -> 1 (TP 2, FN 1), 2 -> the empty segment 2 (FN 1).
        MatchedIouAccumulator accumulator(3, 255, BackgroundMatching::ManyToOne);
        accumulator.addImage(row({1, 1, 2, 0, 0, 0}), row({0, 0, 0, 1, 1, 2}));
        const std::vector<double> iou = accumulator.perClassIou();
        QCOMPARE(iou[0], 2.0 / 3.0);
        QCOMPARE(iou[1], 2.0 / 3.0);
        QCOMPARE(iou[2], 0.0);
        QCOMPARE(accumulator.meanIou(), 4.0 / 9.0);
        QCOMPARE(accumulator.pixelAccuracy(), 4.0 / 6.0);
    }

    void manyToOneWithoutObjects() {
        // Only background and void: every segment merges into one, which background takes.
        MatchedIouAccumulator accumulator(21, 255, BackgroundMatching::ManyToOne);
        accumulator.addImage(row({0, 0, 255, 0}), row({0, 1, 2, 3}));
        const std::vector<double> iou = accumulator.perClassIou();
        QCOMPARE(iou[0], 1.0);
        QCOMPARE(std::count_if(iou.begin(), iou.end(), [](double v) { return std::isnan(v); }), 20);
        QCOMPARE(accumulator.pixelAccuracy(), 1.0);
    }

    void manyToOneLeavesLabelsAboveTheClassesUnscored() {
        MatchedIouAccumulator accumulator(3, 255, BackgroundMatching::ManyToOne);
        accumulator.addImage(row({1, 1, 7, 7}), row({0, 0, 1, 1}));
        QCOMPARE(accumulator.scoredPixels(), std::int64_t(2));
        QCOMPARE(accumulator.perClassIou()[1], 1.0);
    }

    // Dataset files.

    void resizeFollowsTorchNearest() {
        LabelMap grid(4, 4);
        std::iota(grid.begin(), grid.end(), 0);
        const LabelMap down = resizeLabelsNearest(grid, {2, 2});
        QCOMPARE(std::vector<int>(down.begin(), down.end()), (std::vector<int>{0, 2, 8, 10}));
        const LabelMap up = resizeLabelsNearest(row({3, 4}), {5, 1});
        QCOMPARE(std::vector<int>(up.begin(), up.end()), (std::vector<int>{3, 3, 3, 4, 4}));
        // torch computes 2/82 and 41 * (2/82) in float: 0.99999994, so index 41 takes source 0
        // where exact arithmetic would give 1.
        const LabelMap wide = resizeLabelsNearest(row({5, 7}), {82, 1});
        QCOMPARE(wide(0, 40), 5);
        QCOMPARE(wide(0, 41), 5);
        QCOMPARE(wide(0, 42), 7);
        QCOMPARE(wide(0, 81), 7);
    }

    void pairingByNameAtAnyDepth() {
        QTemporaryDir dir;
        const std::filesystem::path root = testing::toPath(dir), pred = root / "pred", gt = root / "gt";
        touch(pred / "a.png");
        std::filesystem::create_directories(pred / "sub");
        writeLabelsNpy(pred / "sub/b.npy", row({0}));
        touch(pred / "c.png");
        touch(pred / "seg/labels.png"); // a `diffcut segment --out seg` folder
        touch(pred / "seg/overlay.png");
        touch(gt / "val/a.png");
        touch(gt / "b.png");
        touch(gt / "seg.PNG");
        touch(gt / "d.png");
        std::ofstream(gt / "readme.txt") << "not a label map";

        const LabelFilePairing pairing = pairLabelFiles(pred, gt);
        QCOMPARE(pairing.pairs.size(), std::size_t(3));
        QCOMPARE(pairing.pairs[0].name, std::string("a"));
        QCOMPARE(pairing.pairs[0].prediction, pred / "a.png");
        QCOMPARE(pairing.pairs[0].groundTruth, gt / "val/a.png");
        QCOMPARE(pairing.pairs[1].prediction, pred / "sub/b.npy");
        QCOMPARE(pairing.pairs[2].name, std::string("seg"));
        QCOMPARE(pairing.pairs[2].prediction, pred / "seg/labels.png");
        QCOMPARE(fileNames(pairing.unpairedPredictions), std::vector<std::string>{"c.png"});
        QCOMPARE(fileNames(pairing.unpairedGroundTruth), std::vector<std::string>{"d.png"});

        // A `diffcut segment --out` folder given itself goes by its own name.
        const LabelFilePairing single = pairLabelFiles(pred / "seg" / ".", gt);
        QCOMPARE(single.pairs.size(), std::size_t(1));
        QCOMPARE(single.pairs[0].name, std::string("seg"));
    }

    void pairingRefusesAmbiguousNamesAndMissingFolders() {
        QTemporaryDir dir;
        const std::filesystem::path root = testing::toPath(dir);
        touch(root / "pred/x/a.png");
        touch(root / "pred/y/a.png");
        touch(root / "gt/a.png");
        QVERIFY_THROWS_EXCEPTION(Error, pairLabelFiles(root / "pred", root / "gt"));
        QVERIFY_THROWS_EXCEPTION(Error, pairLabelFiles(root / "gt", root / "missing"));
        QVERIFY_THROWS_EXCEPTION(Error, pairLabelFiles(root / "gt/a.png", root / "gt"));
    }

    void datasetEvaluationReadsResizesAndAccumulates() {
        QTemporaryDir dir;
        const std::filesystem::path root = testing::toPath(dir);
        // Image 1 as in handComputedCase; image 2: a 4x4 ground truth for a 2x2 prediction, read
        // at the prediction's size (rows and columns 0 and 2): classes 0 1 / 1 1.
        writeLabelPng(root / "gt1.png", row({0, 0, 0, 0, 0, 1, 1, 1, 1, 1}));
        writeLabelsNpy(root / "pred1.npy", row({0, 0, 0, 0, 1, 1, 1, 1, 2, 2}));
        LabelMap truth(4, 4, 1);
        truth(0, 0) = 0;
        truth(0, 1) = 255;
        writeLabelPng(root / "gt2.png", truth);
        writeLabelPng(root / "pred2.png", LabelMap(2, 2, 4));
        const std::vector<LabelFilePair> pairs = {{"1", root / "pred1.npy", root / "gt1.png"},
                                                  {"2", root / "pred2.png", root / "gt2.png"}};

        // Classes inferred: 2. Image 2: all in segment 4; class 1 (3 pixels) takes it, class 0
        // misses its pixel. Class 0: TP 4 FP 0 FN 2; class 1: TP 6 FP 2 FN 2.
        const DatasetEvaluation result = evaluateLabelFiles(pairs, {});
        QCOMPARE(result.numClasses, 2);
        QCOMPARE(result.images, 2);
        QCOMPARE(result.perClassIou, (std::vector<double>{4.0 / 6.0, 0.6}));
        QCOMPARE(result.meanIou, (4.0 / 6.0 + 0.6) / 2);
        QCOMPARE(result.pixelAccuracy, 10.0 / 14.0);

        DatasetEvaluationSettings threeClasses;
        threeClasses.numClasses = 3;
        QCOMPARE(evaluateLabelFiles(pairs, threeClasses).perClassIou.size(), std::size_t(3));
    }

    void groundTruthOfTheSameShapeUpToRounding() {
        // 50x33 scaled to width 12 is 7.92 high: a 12x8 prediction is that shape, 12x12 is not.
        QTemporaryDir dir;
        const std::filesystem::path root = testing::toPath(dir);
        writeLabelPng(root / "truth.png", LabelMap(33, 50, 1));
        writeLabelPng(root / "rounded.png", LabelMap(8, 12, 0));
        writeLabelPng(root / "square.png", LabelMap(12, 12, 0));
        const DatasetEvaluation result = evaluateLabelFiles({{"x", root / "rounded.png", root / "truth.png"}}, {});
        QCOMPARE(result.pixelAccuracy, 1.0);
        QVERIFY_THROWS_EXCEPTION(Error, evaluateLabelFiles({{"x", root / "square.png", root / "truth.png"}}, {}));
    }

    // Two images, classes 0..2, hand-computed (per image: the mean IoU over the classes present in
    // its prediction or ground truth, as torchmetrics' multiclass JaccardIndex).
    void openVocabularyPerImageAndDatasetLevel() {
        ClassMapIouAccumulator accumulator(3, 255);
        // gt 0 0 1 1 2 2 (void); IoU 1/3, 2/3, 1/2 → 0.5
        accumulator.addImage(row({0, 0, 1, 1, 2, 2, 255}), row({0, 1, 1, 1, 2, 0, 2}));
        // gt all 0: IoU of 0 is 2/4, of 2 (only predicted) 0, class 1 absent from both → 0.25
        accumulator.addImage(row({0, 0, 0, 0}), row({0, 0, 2, 2}));
        QCOMPARE(accumulator.scoredImages(), 2);
        QVERIFY(std::abs(accumulator.meanImageIou() - 0.375) < 1e-12);
        const std::vector<double> iou = accumulator.perClassIou();
        QVERIFY(std::abs(iou[0] - 3.0 / 7) < 1e-12 && std::abs(iou[1] - 2.0 / 3) < 1e-12 && std::abs(iou[2] - 0.25) < 1e-12);
        QVERIFY(std::abs(accumulator.meanIou() - (3.0 / 7 + 2.0 / 3 + 0.25) / 3) < 1e-12);
        QVERIFY(std::abs(accumulator.pixelAccuracy() - 0.6) < 1e-12);
        // An image with nothing scored does not count; a class outside the range is an error.
        accumulator.addImage(row({255, 255}), row({1, 1}));
        QCOMPARE(accumulator.scoredImages(), 2);
        testing::expectError([&] { accumulator.addImage(row({0, 1}), row({0, 3})); }, "predicted class 3 at (1, 0) is outside 0..2");
        testing::expectError([&] { accumulator.addImage(row({0, 1}), row({0})); }, "differ in size");
    }

    void datasetEvaluationErrors() {
        QTemporaryDir dir;
        const std::filesystem::path root = testing::toPath(dir);
        writeLabelPng(root / "square.png", LabelMap(4, 4, 1));
        writeLabelPng(root / "wide.png", LabelMap(2, 4, 1));
        writeLabelPng(root / "void.png", LabelMap(2, 4, 255));
        writeLabelsNpy(root / "negative.npy", LabelMap(2, 4, -1));
        std::ofstream(root / "corrupt.png") << "not a PNG";
        const auto evaluate = [&](const char *prediction, const char *truth) {
            return evaluateLabelFiles({{"x", root / prediction, root / truth}}, {});
        };
        QVERIFY_THROWS_EXCEPTION(Error, evaluateLabelFiles({}, {}));
        QVERIFY_THROWS_EXCEPTION(Error, evaluate("square.png", "wide.png"));   // another shape
        QVERIFY_THROWS_EXCEPTION(Error, evaluate("wide.png", "void.png"));     // nothing to score
        QVERIFY_THROWS_EXCEPTION(Error, evaluate("negative.npy", "wide.png")); // negative prediction
        QVERIFY_THROWS_EXCEPTION(Error, evaluate("corrupt.png", "wide.png"));
        QVERIFY_THROWS_EXCEPTION(Error, evaluate("wide.png", "missing.png"));
        try {
            evaluate("negative.npy", "wide.png");
        } catch (const Error &error) {
            QVERIFY2(std::strstr(error.what(), "negative.npy"), error.what()); // names the file
        }
    }
};

QTEST_APPLESS_MAIN(TestEval)
#include "test_eval.moc"
