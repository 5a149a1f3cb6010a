// Affinity, spectral bipartition, partition tree and assignment on inputs with known answers.
#include "common/error.h"
#include "segmentation/affinity.h"
#include "segmentation/assignment.h"
#include "segmentation/bipartition.h"
#include "segmentation/partition_tree.h"
#include "pipeline/image_workspace.h"
#include "synthetic_features.h"

#include <Eigen/Eigenvalues>
#include <QTest>

#include <cmath>
#include <opencv2/imgproc.hpp>

#include <atomic>
#include <limits>
#include <numeric>
#include <thread>
#include <set>

using namespace diffcut;
using diffcut::testing::regionFeatures;

namespace {

// Four quadrants with distinct prototypes.
FeatureMap quadrants(int size, float noise, int channels = 32) {
    return regionFeatures(channels, size, size, 4, [size](int y, int x) { return 2 * (y >= size / 2) + (x >= size / 2); },
                          noise);
}

std::shared_ptr<const CosineAffinity> affinityOf(const FeatureMap &features) {
    return std::make_shared<CosineAffinity>(features);
}

// NCut(S, S̄) straight from the definition.
double ncutOf(const Eigen::MatrixXf &w, const std::vector<int> &region, const std::vector<int> &onSet) {
    const std::set<int> on(onSet.begin(), onSet.end());
    double cut = 0, volOn = 0, volOff = 0;
    for (int i : region)
        for (int j : region) {
            const double value = w(i, j);
            (on.count(i) ? volOn : volOff) += value;
            if (on.count(i) && !on.count(j))
                cut += value;
        }
    return cut / volOn + cut / volOff;
}

// Whether every leaf of `fine` lies inside some leaf of `coarse`.
bool refines(const PartitionTree &tree, const std::vector<int> &fine, const std::vector<int> &coarse) {
    const std::set<int> coarseSet(coarse.begin(), coarse.end());
    for (int leaf : fine) {
        int id = leaf;
        while (id >= 0 && !coarseSet.count(id))
            id = tree.node(id).parent;
        if (id < 0)
            return false;
    }
    return true;
}

} // namespace

class TestSegmentation : public QObject {
    Q_OBJECT
private slots:
    void affinityIsMinMaxNormalisedCosine() {
        FeatureMap features(2, 1, 3); // pixels: (1,0), (0,1), (1,1)
        features.at(0, 0, 0) = 1;
        features.at(1, 0, 1) = 1;
        features.at(0, 0, 2) = features.at(1, 0, 2) = 2;
        const CosineAffinity affinity(features);
        QVERIFY(!affinity.isConstant());
        const float c = float(std::sqrt(0.5)); // cosine of 45°
        // S = [[1,0,c],[0,1,c],[c,c,1]]: min 0, max 1, so A0 = S.
        QCOMPARE(affinity.normalized()(0, 1), 0.0f);
        QVERIFY(qAbs(affinity.normalized()(0, 2) - c) < 1e-6f);
        QVERIFY(qAbs(affinity.normalized()(2, 2) - 1.0f) < 1e-6f);
    }

    void integerAlphaMatchesPow() {
        const CosineAffinity affinity(quadrants(8, 0.5f));
        const Eigen::MatrixXf raised = raiseAffinity(affinity.normalized(), 10.0);
        const Eigen::MatrixXf expected = affinity.normalized().array().pow(10.0f);
        QVERIFY((raised - expected).cwiseAbs().maxCoeff() <= 1e-6f);
        const Eigen::MatrixXf real = raiseAffinity(affinity.normalized(), 2.5);
        QVERIFY((real - affinity.normalized().array().pow(2.5f).matrix()).cwiseAbs().maxCoeff() <= 1e-6f);
    }

    void outOfRangeParametersAreErrors() {
        const CosineAffinity affinity(quadrants(4, 0.1f));
        QVERIFY_THROWS_EXCEPTION(Error, raiseAffinity(affinity.normalized(), 0.5));
        QVERIFY_THROWS_EXCEPTION(Error, raiseAffinity(affinity.normalized(), std::nan("")));
        PartitionTree tree(affinityOf(quadrants(4, 0.1f)), 10);
        QVERIFY_THROWS_EXCEPTION(Error, tree.cut(-0.1));
        QVERIFY_THROWS_EXCEPTION(Error, tree.cut(2.5));
    }

    void constantFeaturesGiveOneSegment() {
        FeatureMap features(16, 8, 8);
        std::fill(features.values.begin(), features.values.end(), 0.25f);
        auto affinity = affinityOf(features);
        QVERIFY(affinity->isConstant());
        PartitionTree tree(affinity, 10);
        QCOMPARE(tree.cut(2.0).size(), std::size_t(1));
        QVERIFY(tree.node(0).ncut > 2.0);
    }

    void nonFiniteFeaturesAreRejected() {
        FeatureMap features = quadrants(4, 0.1f);
        features.at(3, 1, 2) = std::numeric_limits<float>::quiet_NaN();
        try {
            CosineAffinity affinity(features);
            QFAIL("NaN accepted");
        } catch (const Error &e) {
            QVERIFY(QString(e.what()).contains("channel 3, row 1, column 2"));
        }
        QVERIFY_THROWS_EXCEPTION(Error, CosineAffinity(FeatureMap(0, 4, 4)));
    }

    void tinyMapsDoNotBreak() {
        PartitionTree single(affinityOf(quadrants(1, 0.1f)), 10);
        QCOMPARE(single.cut(2.0).size(), std::size_t(1));
        PartitionTree four(affinityOf(regionFeatures(8, 2, 2, 4, [](int y, int x) { return 2 * y + x; }, 0.0f)), 1);
        const std::vector<int> leaves = four.cut(2.0);
        QVERIFY(leaves.size() >= 2 && leaves.size() <= 4);
        const LabelMap labels = four.labelsFor(leaves);
        QCOMPARE(labelCount(labels), int(leaves.size()));
    }

    void featureMagnitudesDoNotMatterEvenBeyondFloatSquares() {
        // Cosine similarity ignores scale; squares of 1e20 overflow float and those of 1e-20 vanish,
        // which once made every row zero: one segment.
        const FeatureMap features = quadrants(16, 0.3f);
        const Eigen::MatrixXf unit = features.unitPixelMatrix();
        for (const float scale : {1e20f, 1e-20f, 1e30f, 1e-30f}) {
            FeatureMap scaled = features;
            for (float &value : scaled.values)
                value *= scale;
            QVERIFY2((scaled.unitPixelMatrix() - unit).cwiseAbs().maxCoeff() < 1e-5f, qPrintable(QString::number(scale)));
            PartitionTree tree(affinityOf(scaled), 10);
            QCOMPARE(tree.cut(0.5).size(), std::size_t(4));
        }
        FeatureMap withZeroRow = features;
        for (int c = 0; c < features.channels; ++c)
            withZeroRow.at(c, 0, 0) = 0.0f;
        QCOMPARE(withZeroRow.unitPixelMatrix().row(0).norm(), 0.0f); // a zero vector stays zero
    }

    void everySegmentOfAnImageHasPixels() {
        // A 1 x 1 image gets one segment, not the grid's regions with no pixel in them.
        const auto segment = [](cv::Size size) {
            ImageWorkspace workspace("image.png", cv::Mat3b(size, cv::Vec3b(9, 9, 9)),
                                     std::make_shared<const FeatureMap>(quadrants(16, 0.3f)), {});
            return workspace.segment({AnnotationState{}, makeClassList()});
        };
        const SegmentationResult tiny = segment({1, 1});
        QCOMPARE(labelCount(tiny.composed.annotation.segments), 1);
        QCOMPARE(tiny.composed.segmentAreas, std::vector<std::int64_t>{1});
        const SegmentationResult full = segment({64, 64});
        QCOMPARE(labelCount(full.composed.annotation.segments), 4);
        QCOMPARE(full.composed.segmentAreas.size(), std::size_t(4));
    }

    void quadrantsAreFound() {
        PartitionTree tree(affinityOf(quadrants(16, 0.3f)), 10);
        const std::vector<int> leaves = tree.cut(0.5);
        QCOMPARE(leaves.size(), std::size_t(4));
        const LabelMap labels = tree.labelsFor(leaves);
        for (int y = 0; y < 16; ++y)
            for (int x = 0; x < 16; ++x)
                QCOMPARE(labels(y, x), labels(y < 8 ? 0 : 15, x < 8 ? 0 : 15));
    }

    void bipartitionIsTheNcutOfItsSplitAndBeatsTheDenseFiedlerSweep() {
        // 400 pixels: the Lanczos path. The reported value must be the NCut of the returned
        // split, and no worse than sweeping a Fiedler vector from a dense eigensolver.
        const FeatureMap features = regionFeatures(16, 20, 20, 3, [](int y, int x) { return (x + y / 2) / 10 % 3; }, 0.8f);
        const CosineAffinity affinity(features);
        const Eigen::MatrixXf w = raiseAffinity(affinity.normalized(), 5);
        std::vector<int> region(400);
        std::iota(region.begin(), region.end(), 0);
        const Bipartition best = bestBipartition(w, region);
        QVERIFY(!best.onSet.empty() && best.onSet.size() < region.size());
        const double direct = ncutOf(w, region, best.onSet);
        QVERIFY2(qAbs(best.ncut - direct) < 1e-9 + 1e-6 * direct, qPrintable(QString("%1 vs %2").arg(best.ncut).arg(direct)));

        const Eigen::VectorXd d = w.cast<double>().rowwise().sum();
        const Eigen::VectorXd s = d.cwiseSqrt().cwiseInverse();
        const Eigen::MatrixXd m = s.asDiagonal() * w.cast<double>() * s.asDiagonal();
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(m);
        const Eigen::VectorXd v = s.cwiseProduct(solver.eigenvectors().col(398));
        double denseBest = 1e9;
        for (int k = 1; k < 99; ++k) {
            const double t = v.minCoeff() + k * (v.maxCoeff() - v.minCoeff()) / 99;
            std::vector<int> on;
            for (int i = 0; i < 400; ++i)
                if (v[i] > t)
                    on.push_back(i);
            denseBest = std::min(denseBest, ncutOf(w, region, on));
        }
        qInfo("Lanczos sweep NCut %.6f, dense Fiedler sweep NCut %.6f", best.ncut, denseBest);
        QVERIFY(best.ncut <= denseBest * (1 + 1e-3));
    }

    void oneTreeServesEveryTauAndExpandsLazily() {
        PartitionTree tree(affinityOf(regionFeatures(64, 24, 24, 6, [](int y, int x) { return (y / 8) * 2 + (x / 12); }, 1.0f)), 10);
        QCOMPARE(tree.nodeCount(), 1);
        const std::vector<int> coarse = tree.cut(0.05);
        const int afterCoarse = tree.nodeCount();
        const std::vector<int> fine = tree.cut(0.6);
        const int afterFine = tree.nodeCount();
        QVERIFY(fine.size() > coarse.size());
        QVERIFY(afterFine > afterCoarse);
        QVERIFY(refines(tree, fine, coarse));
        // Going back to a coarser τ reuses the tree: no new node, same leaves as before.
        QCOMPARE(tree.cut(0.05), coarse);
        QCOMPARE(tree.nodeCount(), afterFine);
        // Every split node of the fine cut has NCut below τ, every leaf at or above it.
        for (int leaf : fine) {
            QVERIFY(tree.node(leaf).ncut >= 0.6);
            for (int id = tree.node(leaf).parent; id >= 0; id = tree.node(id).parent)
                QVERIFY(tree.node(id).ncut < 0.6);
        }
    }

    // The GUI reads nodes while a worker cuts the same tree: reads must never see a half-added
    // node (and, with the expansion outside the readers' lock, never wait for the eigen-solves).
    void nodesCanBeReadWhileAnotherThreadCuts() {
        PartitionTree tree(affinityOf(quadrants(24, 0.3f)), 10);
        std::atomic<bool> cutting = true;
        std::vector<int> leaves;
        std::thread worker([&] {
            leaves = tree.cut(kMaxTau);
            cutting = false;
        });
        int reads = 0;
        while (cutting) {
            const int count = tree.nodeCount();
            QVERIFY(count % 2 == 1); // the root, then children in pairs
            const int id = count - 1;
            const PartitionNode node = tree.node(id);
            QCOMPARE(node.id, id);
            QCOMPARE(int(tree.pathOf(id).size()), node.depth);
            ++reads;
        }
        worker.join();
        QVERIFY(reads > 0);
        QCOMPARE(tree.nodeCount() % 2, 1);
        QVERIFY(leaves.size() > 4);
    }

    void overridesSplitAndCoarsenLocally() {
        PartitionTree tree(affinityOf(quadrants(16, 0.3f)), 10);
        const std::vector<int> four = tree.cut(0.5);
        // Coarsen a node whose two children are both leaves: they become one segment.
        const std::set<int> leaves(four.begin(), four.end());
        int merged = -1;
        for (int leaf : four) {
            const PartitionNode parent = tree.node(tree.node(leaf).parent);
            if (leaves.count(parent.onChild) && leaves.count(parent.offChild))
                merged = parent.id;
        }
        QVERIFY(merged >= 0);
        const std::vector<int> three = tree.cut(0.5, {}, {{merged, false}});
        QCOMPARE(three.size(), std::size_t(3));
        QVERIFY(std::find(three.begin(), three.end(), merged) != three.end());
        const std::vector<int> five = tree.cut(0.5, {}, {{four[0], true}});
        QCOMPARE(five.size(), std::size_t(5));
    }

    void cancellationLeavesTheTreeUsable() {
        PartitionTree tree(affinityOf(quadrants(16, 0.3f)), 10);
        std::stop_source stop;
        stop.request_stop();
        QVERIFY_THROWS_EXCEPTION(Cancelled, tree.cut(0.5, WorkControl{stop.get_token(), {}}));
        QCOMPARE(tree.cut(0.5).size(), std::size_t(4));
    }

    // Expanding under the tree's lock never waits at a checkpoint: work prepared ahead that waited
    // there (WorkControl::yield) while a cut ran would hold the lock that cut needs (a deadlock).
    void expansionUnderTheLockNeverYields() {
        PartitionTree tree(affinityOf(quadrants(16, 0.3f)), 10);
        int yields = 0;
        WorkControl counting;
        counting.yield = [&] { ++yields; };
        QCOMPARE(tree.cut(0.5, counting).size(), std::size_t(4));
        QVERIFY(tree.nodeAtPath("11", counting).has_value());
        tree.tauForLeafCount(4, {}, counting);
        QCOMPARE(yields, 0);
        PartitionTree another(affinityOf(quadrants(16, 0.3f)), 10, counting); // building: no lock held
        QVERIFY(yields > 0);
    }

    void upsampledArgmaxMatchesBruteForce() {
        cv::RNG rng(3);
        std::vector<cv::Mat1f> maps(5, cv::Mat1f(7, 9));
        for (cv::Mat1f &map : maps) {
            map = cv::Mat1f(7, 9);
            rng.fill(map, cv::RNG::UNIFORM, 0.0, 1.0);
        }
        for (const cv::Size size : {cv::Size(9, 7), cv::Size(100, 37), cv::Size(1000, 750), cv::Size(5, 3)}) {
            const LabelMap fast = argmaxOfUpsampled(maps, size);
            std::vector<cv::Mat1f> up(maps.size());
            for (std::size_t k = 0; k < maps.size(); ++k)
                cv::resize(maps[k], up[k], size, 0, 0, cv::INTER_LINEAR);
            int differences = 0;
            for (int y = 0; y < size.height; ++y)
                for (int x = 0; x < size.width; ++x) {
                    int arg = 0;
                    for (int k = 1; k < int(up.size()); ++k)
                        if (up[k](y, x) > up[arg](y, x))
                            arg = k;
                    differences += fast(y, x) != arg;
                }
            // Only exact float near-ties may differ between the two evaluation orders.
            QVERIFY2(differences <= size.area() / 10000, qPrintable(QString::number(differences)));
        }
    }

    // A leaf that wins a corner sample but no pixel still decides a fresh map: without it the
    // corners agree and their winner takes every pixel unevaluated, where evaluating each pixel
    // gave some to a leaf that ties the winner by rounding. Removing it must redo the cell.
    void removingACornerWinnerRedoesItsCell() {
        const float a = 0.585558534f, b = 0.249507427f;
        const std::vector<float> winner{a, b}, below{std::nextafter(a, 0.0f), std::nextafter(b, 0.0f)},
            corner{0.0f, std::nextafter(b, 1.0f)};
        const cv::Size size(16, 1);
        const LeafAssignment withCorner =
            assignScoreRows({below.data(), winner.data(), corner.data()}, {10, 11, 12}, 13, 1, 2, size);
        const std::vector<const float *> rows{below.data(), winner.data()};
        const LeafAssignment fresh = assignScoreRows(rows, {10, 11}, 13, 1, 2, size);
        const LeafAssignment next = assignScoreRows(rows, {10, 11}, 13, 1, 2, size, &withCorner);
        QCOMPARE(cv::countNonZero(next.labels != fresh.labels), 0);
        QCOMPARE(next.cellLeaves, fresh.cellLeaves);
    }

    // A leaf that wins a corner sample but no pixel, where every pixel of the cell went to one
    // other leaf: once it is gone the corners agree on a third leaf, which a fresh map gives the
    // whole cell unevaluated. The cell must be redone although its one winner stays.
    void removingACornerOnlyWinnerRedoesACellOfOneWinner() {
        const float a = 0.717409372f, b = 0.240754142f, up = 1.0f;
        float below = b;
        for (int i = 0; i < 22; ++i)
            below = std::nextafter(below, 0.0f);
        const std::vector<float> winner{0.99f, a, b, 0.99f},
            second{0.0f, std::nextafter(a, up), std::nextafter(b, up), 0.0f},
            corner{0.0f, std::nextafter(std::nextafter(a, up), up), below, 0.0f};
        const cv::Size size(16, 1);
        const LeafAssignment withCorner =
            assignScoreRows({winner.data(), second.data(), corner.data()}, {10, 11, 12}, 13, 1, 4, size);
        QCOMPARE(cv::countNonZero(withCorner.labels), 0); // the winner's everywhere
        const std::vector<const float *> rows{winner.data(), second.data()};
        const LeafAssignment fresh = assignScoreRows(rows, {10, 11}, 13, 1, 4, size);
        QVERIFY(cv::countNonZero(fresh.labels) > 0); // the corners' new winner, unevaluated
        const LeafAssignment next = assignScoreRows(rows, {10, 11}, 13, 1, 4, size, &withCorner);
        QCOMPARE(cv::countNonZero(next.labels != fresh.labels), 0);
        QCOMPARE(next.cellLeaves, fresh.cellLeaves);
    }

    // A new leaf that scores high where an old one wins, but below it throughout a cell, leaves that
    // cell as it was: only cells where it rises above the winner are redone. (Comparing its largest
    // corner with the winner's smallest redid every cell here.)
    void aNewLeafBelowTheWinnerLeavesItsCellsAlone() {
        const std::vector<float> old{0.2f, 0.6f, 1.0f}, below{0.1f, 0.5f, 0.9f}, overtakes{0.1f, 0.5f, 1.1f};
        const cv::Size size(48, 2);
        const LeafAssignment previous = assignScoreRows({old.data()}, {10}, 13, 1, 3, size);
        QCOMPARE(previous.cellsRedone, 3);
        for (const auto &[added, redone] : {std::pair{&below, 0}, std::pair{&overtakes, 2}}) {
            const std::vector<const float *> rows{old.data(), added->data()};
            const LeafAssignment next = assignScoreRows(rows, {10, 11}, 13, 1, 3, size, &previous);
            QCOMPARE(next.cellsRedone, redone);
            QCOMPARE(cv::countNonZero(next.labels != assignScoreRows(rows, {10, 11}, 13, 1, 3, size).labels), 0);
        }
    }

    // τ steps split leaves and merge them back, on scores with many exact ties: each map made
    // from the previous one (its sample winners contested only by the new leaves, re-evaluated
    // where the winner is gone) equals the map made afresh, winners and ties included.
    void mapsFromTheLastOneEqualFreshMaps() {
        cv::RNG rng(11);
        const int h = 6, w = 8, nodes = 400;
        std::vector<std::vector<float>> rows(nodes, std::vector<float>(std::size_t(h * w)));
        for (auto &row : rows)
            for (float &value : row)
                value = float(rng.uniform(0, 5)) * 0.25f; // five levels: ties everywhere
        std::vector<int> leaves{0, 1, 2};
        int next = 3;
        LeafAssignment last = assignScoreRows({rows[0].data(), rows[1].data(), rows[2].data()}, leaves, nodes, h, w, {37, 29});
        int reEvaluated = 0;
        for (int step = 0; step < 60 && next + 2 < nodes; ++step) {
            const int at = rng.uniform(0, int(leaves.size()));
            if (leaves.size() > 2 && rng.uniform(0, 3) == 0 && at + 1 < int(leaves.size())) { // two neighbours merged
                leaves.erase(leaves.begin() + at, leaves.begin() + at + 2);
                leaves.insert(leaves.begin() + at, next++);
            } else { // one split in two
                leaves[std::size_t(at)] = next++;
                leaves.insert(leaves.begin() + at + 1, next++);
            }
            std::vector<const float *> pointers;
            for (const int leaf : leaves)
                pointers.push_back(rows[std::size_t(leaf)].data());
            const LeafAssignment fresh = assignScoreRows(pointers, leaves, nodes, h, w, {37, 29});
            const LeafAssignment incremental = assignScoreRows(pointers, leaves, nodes, h, w, {37, 29}, &last);
            QCOMPARE(incremental.sampleWinners, fresh.sampleWinners);
            QCOMPARE(cv::countNonZero(incremental.labels != fresh.labels), 0);
            QCOMPARE(incremental.cellLeaves, fresh.cellLeaves);
            reEvaluated += incremental.cellsRedone < fresh.cellsRedone;
            last = incremental;
        }
        QVERIFY(reEvaluated > 10); // most steps did start from the previous map
    }

    // Hundreds of labels that score high in the same places (the leaves of a fine cut): pruning
    // them by their corners, and against each other, must leave each pixel to the label that
    // evaluating every label gives it (the corners' winner, where all four corners agree).
    void manySimilarLabelsGoWhereEvaluatingEveryLabelPutsThem() {
        cv::RNG rng(7);
        const int h = 12, w = 15, dims = 6, labels = 300;
        cv::Mat1f features(h * w, dims);
        rng.fill(features, cv::RNG::NORMAL, 0.0, 1.0);
        cv::blur(features.reshape(dims, h), features.reshape(dims, h), {3, 3}); // neighbours alike
        std::vector<std::vector<float>> rows(labels);
        std::vector<const float *> pointers;
        for (auto &row : rows) {
            cv::Mat1f direction = features.row(rng.uniform(0, h * w)).clone();
            direction += cv::Mat1f(1, dims, 0.05f).mul(cv::Mat1f(1, dims, float(rng.gaussian(1.0))));
            cv::Mat1f scores = features * direction.t();
            row.assign(scores.begin(), scores.end());
            pointers.push_back(row.data());
        }
        const cv::Size size(97, 61);
        const LabelMap fast = argmaxOfRows(pointers, h, w, size);
        const BilinearTaps ys = bilinearTaps(h, size.height), xs = bilinearTaps(w, size.width);
        const auto sampleWinner = [&](int y, int x) {
            int best = 0;
            for (int k = 1; k < labels; ++k)
                best = rows[k][y * w + x] > rows[best][y * w + x] ? k : best;
            return best;
        };
        int evaluated = 0;
        for (int y = 0; y < size.height; ++y)
            for (int x = 0; x < size.width; ++x) {
                const int y0 = ys.low[y], y1 = ys.high[y], x0 = xs.low[x], x1 = xs.high[x];
                const int corner = sampleWinner(y0, x0);
                int expected = corner;
                if (sampleWinner(y0, x1) != corner || sampleWinner(y1, x0) != corner || sampleWinner(y1, x1) != corner) {
                    ++evaluated;
                    float best = -std::numeric_limits<float>::infinity();
                    const float wy1 = ys.weightHigh[y], wy0 = 1.0f - wy1, wx1 = xs.weightHigh[x], wx0 = 1.0f - wx1;
                    for (int k = 0; k < labels; ++k) {
                        const float *r = rows[k].data();
                        const float left = wy0 * r[y0 * w + x0] + wy1 * r[y1 * w + x0];
                        const float right = wy0 * r[y0 * w + x1] + wy1 * r[y1 * w + x1];
                        const float value = wx0 * left + wx1 * right;
                        if (value > best)
                            best = value, expected = k;
                    }
                }
                QCOMPARE(fast(y, x), expected);
            }
        QVERIFY(evaluated > size.area() / 4); // most pixels lie where several labels meet
    }

    void assignmentFollowsTheRegions() {
        const FeatureMap features = quadrants(16, 0.3f);
        PartitionTree tree(affinityOf(features), 10);
        const LabelMap low = tree.labelsFor(tree.cut(0.5));
        const LabelMap high = ConceptAssigner(features).assign(low, cv::Size(640, 480));
        QCOMPARE(high.size(), cv::Size(640, 480));
        QCOMPARE(labelCount(high), 4);
        // Far from the quadrant borders the label is that of the low-resolution cell.
        QCOMPARE(high(60, 80), low(2, 2));
        QCOMPARE(high(420, 560), low(14, 14));
        QVERIFY_THROWS_EXCEPTION(Error, ConceptAssigner(features).assign(LabelMap(8, 8, 0), cv::Size(10, 10)));
    }
};

QTEST_APPLESS_MAIN(TestSegmentation)
#include "test_segmentation.moc"
