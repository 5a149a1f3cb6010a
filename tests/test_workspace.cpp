// The per-image pipeline (ImageWorkspace): decisions bound to their tree, local edits that change
// only their own pixels, the segment-count control, and the caches' bounds.
#include "pipeline/image_workspace.h"
#include "features/builtin_encoder.h"
#include "image/image.h"
#include "segmentation/assignment.h"
#include "segmentation/partition_tree.h"
#include "synthetic_features.h"
#include "test_support.h"

#include <QTest>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <stop_token>

using namespace diffcut;

namespace {

constexpr int kGrid = 24;
const cv::Size kImageSize(120, 96);

FeatureIdentity builtinIdentity() {
    FeatureIdentity identity = BuiltinEncoder(32).identity();
    return identity;
}

// Six noisy regions on a 24×24 grid and a random image of 120×96 pixels.
std::unique_ptr<ImageWorkspace> sixRegions(unsigned seed = 7) {
    auto features = std::make_shared<const FeatureMap>(diffcut::testing::regionFeatures(
        32, kGrid, kGrid, 6, [](int y, int x) { return (y / 8) * 2 + (x / 12); }, 0.9f, seed));
    cv::Mat3b rgb(kImageSize);
    cv::randu(rgb, 0, 256);
    return std::make_unique<ImageWorkspace>("image.png", rgb, features, builtinIdentity());
}

SegmentationRequest request(double tau, double alpha = 10.0) {
    SegmentationRequest request;
    request.state.tau = tau;
    request.state.alpha = alpha;
    request.classes = makeClassList();
    return request;
}

// The leaf paths of the segment under each pixel, for comparing maps of different cuts.
const std::vector<NodePath> &pathsAt(const SegmentationResult &result, int y, int x) {
    return result.composed.segmentPaths[std::size_t(result.composed.annotation.segments(y, x))];
}

// Pixels whose segment (by paths) differs between two results, outside the pixels of `ignored`
// (a segment of `before`); −1 ignores nothing.
int changedPixels(const SegmentationResult &before, const SegmentationResult &after, int ignored = -1) {
    int changed = 0;
    for (int y = 0; y < kImageSize.height; ++y)
        for (int x = 0; x < kImageSize.width; ++x)
            if (before.composed.annotation.segments(y, x) != ignored && pathsAt(before, y, x) != pathsAt(after, y, x))
                ++changed;
    return changed;
}

// The first segment of one leaf whose node can be split.
int splittableSegment(const SegmentationResult &result) {
    for (int segment = 0; segment < result.composed.annotation.segmentCount(); ++segment) {
        const int node = result.composed.annotation.segmentNode[std::size_t(segment)];
        if (node >= 0 && std::isfinite(result.tree->ncutOf(node)) && result.composed.segmentAreas[std::size_t(segment)] > 200)
            return segment;
    }
    return -1;
}

} // namespace

class TestWorkspace : public QObject {
    Q_OBJECT

private slots:
    // Issue 13: an interactive caller asks for about the screen's pixels first on a large image.
    void interactiveSizeIsTheScreensPixelsForLargeImages() {
        QCOMPARE(interactiveSize({1024, 1024}, {1920, 1080}), cv::Size(1024, 1024));
        QCOMPARE(interactiveSize({2880, 1440}, {1920, 1080}), cv::Size(2880, 1440)); // two screens: not worth it
        const cv::Size preview = interactiveSize({12000, 9000}, {1920, 1080});
        QVERIFY(std::abs(preview.area() - 1920 * 1080) < 5000);
        QVERIFY(std::abs(double(preview.width) / preview.height - 12000.0 / 9000.0) < 0.01);
        QCOMPARE(interactiveSize({12000, 9000}, {800, 600}), preview); // smaller screens count as full HD
        QVERIFY(std::abs(interactiveSize({12000, 9000}, {3840, 2160}).area() - 3840 * 2160) < 10000); // a 4K screen
        QCOMPARE(interactiveSize({12000, 9000}, {}), cv::Size(12000, 9000));
        QCOMPARE(interactiveSize({100000, 1}, {1920, 1080}), cv::Size(100000, 1)); // below the threshold
    }

    // A smaller output: the same segments, their map at that size; the result says it is a preview.
    void aSmallerOutputIsAPreviewOfTheSameSegments() {
        const auto workspace = sixRegions();
        SegmentationRequest small = request(0.35);
        small.outputSize = {60, 48};
        const SegmentationResult preview = workspace->segment(small);
        const SegmentationResult full = workspace->segment(request(0.35));
        QVERIFY(preview.isPreview());
        QVERIFY(!full.isPreview());
        QCOMPARE(preview.imageSize, kImageSize);
        QCOMPARE(preview.composed.annotation.segments.size(), cv::Size(60, 48));
        QCOMPARE(preview.leafPaths, full.leafPaths);
    }

    // After a τ change only the cells that can change are assigned again; the map, and what is
    // kept for the next change, must be exactly those of a fresh assignment, whichever cut came
    // before (finer, coarser, far away, or its leaves in another order) and at any output size.
    void anAssignmentFromThePreviousCutEqualsAFreshOne() {
        const auto workspace = sixRegions();
        const auto tree = workspace->tree(10.0);
        const ConceptAssigner assigner(workspace->features());
        for (const cv::Size size : {kImageSize, cv::Size(500, 333), cv::Size(17, 13)}) {
            LeafScoreCache cache;
            std::optional<LeafAssignment> previous;
            for (const int count : {3, 6, 40, 41, 45, 60, 59, 120, 8, 200, 199, -199, 150}) {
                std::vector<int> leaves = tree->cut(tree->tauForLeafCount(std::abs(count)));
                if (count < 0)
                    std::reverse(leaves.begin(), leaves.end());
                LeafAssignment next = assigner.assignLeaves(*tree, leaves, size, cache, previous ? &*previous : nullptr);
                LeafScoreCache freshCache;
                const LeafAssignment fresh = assigner.assignLeaves(*tree, leaves, size, freshCache);
                QCOMPARE(cv::countNonZero(next.labels != fresh.labels), 0);
                QCOMPARE(next.cellStart, fresh.cellStart);
                QCOMPARE(next.cellLeaves, fresh.cellLeaves);
                previous = std::move(next);
            }
        }
    }

    // Switching PAMR on keeps the assignment of the cut on screen: only the refinement runs, and
    // its map is the one computed from scratch.
    void switchingRefinementOnKeepsTheAssignment() {
        const auto workspace = sixRegions();
        workspace->segment(request(0.35));
        SegmentationRequest refined = request(0.35);
        refined.state.refine = true;
        const SegmentationResult result = workspace->segment(refined);
        const auto ran = [&](const std::string &stage) {
            return std::any_of(result.timings.begin(), result.timings.end(),
                               [&](const auto &timing) { return timing.first == stage; });
        };
        QVERIFY(ran("refinement"));
        QVERIFY(!ran("assignment"));
        ImageWorkspace alone("image.png", workspace->image(), std::make_shared<const FeatureMap>(workspace->features()),
                             builtinIdentity());
        const SegmentationResult fresh = alone.segment(refined);
        QCOMPARE(cv::countNonZero(result.composed.annotation.segments != fresh.composed.annotation.segments), 0);
    }

    // What PAMR needs of the image is made once per size and kept for the latest two (a huge
    // image's preview and its full resolution); refining uses the one kept.
    void theRefinementGuideIsKeptForTheLatestTwoSizes() {
        const auto workspace = sixRegions();
        QVERIFY(!workspace->cachedRefinementGuide(kImageSize));
        const auto full = workspace->refinementGuide(kImageSize);
        QCOMPARE(full->imageSize(), kImageSize);
        QCOMPARE(workspace->refinementGuide(kImageSize), full);
        const auto preview = workspace->refinementGuide({60, 48});
        QCOMPARE(workspace->cachedRefinementGuide(kImageSize), full);
        SegmentationRequest refined = request(0.35);
        refined.state.refine = true;
        workspace->segment(refined);
        QCOMPARE(workspace->cachedRefinementGuide(kImageSize), full);
        workspace->refinementGuide({30, 24});
        QVERIFY(!workspace->cachedRefinementGuide({60, 48})); // the least recently used went
        QCOMPARE(workspace->cachedRefinementGuide(kImageSize), full);
    }

    // A stop reaches the assignment itself: a full-resolution map of a huge image is abandoned
    // within milliseconds when a newer request comes.
    void aStoppedAssignmentThrowsCancelled() {
        const auto workspace = sixRegions();
        const auto tree = workspace->tree(10.0);
        const std::vector<int> leaves = tree->cut(0.35);
        ConceptAssigner assigner(workspace->features());
        LeafScoreCache cache;
        std::stop_source stop;
        stop.request_stop();
        WorkControl stopped;
        stopped.stop = stop.get_token();
        QVERIFY_THROWS_EXCEPTION(Cancelled, assigner.assignLeaves(*tree, leaves, {4000, 3000}, cache, nullptr, stopped));
        QCOMPARE(assigner.assignLeaves(*tree, leaves, {40, 30}, cache).labels.size(), cv::Size(40, 30));
    }

    // The canvas draws a selected segment only inside its box: each box must hold all its pixels.
    // At 700×560 the map is measured in bands of rows in parallel, each segment across several.
    void areasAndBoundsDescribeEachSegment() {
        const auto workspace = sixRegions();
        for (const cv::Size size : {cv::Size(), cv::Size(700, 560)}) {
            SegmentationRequest asked = request(0.35);
            asked.outputSize = size;
            const SegmentationResult result = workspace->segment(asked);
            const LabelMap &labels = result.composed.annotation.segments;
            QVERIFY(result.composed.annotation.segmentCount() > 1);
            QCOMPARE(result.composed.segmentBounds.size(), std::size_t(result.composed.annotation.segmentCount()));
            for (int segment = 0; segment < result.composed.annotation.segmentCount(); ++segment) {
                const cv::Mat1b pixels = labels == segment;
                QCOMPARE(result.composed.segmentAreas[std::size_t(segment)], std::int64_t(cv::countNonZero(pixels)));
                QCOMPARE(result.composed.segmentBounds[std::size_t(segment)], cv::boundingRect(pixels));
            }
        }
    }

    void identityNamesTheFeaturesAndTheImage() {
        const auto workspace = sixRegions();
        const FeatureIdentity &identity = workspace->identity();
        QCOMPARE(identity.gridWidth, kGrid);
        QCOMPARE(identity.gridHeight, kGrid);
        QCOMPARE(identity.imageHash, imagePixelHash(workspace->image()));
        QCOMPARE(identity.imageHash.size(), std::size_t(32));
        QCOMPARE(identity.describe(), std::string("the 24×24 built-in encoder"));
    }

    // Issue 10 §3: split divides only the selected segment; coarsen changes only its node.
    void splitAndCoarsenChangeOnlyTheirOwnPixels() {
        const auto workspace = sixRegions();
        SegmentationRequest edited = request(0.35);
        const SegmentationResult automatic = workspace->segment(edited);
        const int segment = splittableSegment(automatic);
        QVERIFY(segment >= 0);
        const NodePath leaf = automatic.composed.segmentPaths[std::size_t(segment)].front();
        QVERIFY(splitNode(editDecisionsFor(edited.state, automatic.treeKey), leaf));
        const SegmentationResult split = workspace->segment(edited);
        QCOMPARE(split.composed.annotation.segmentCount(), automatic.composed.annotation.segmentCount() + 1);
        QCOMPARE(changedPixels(automatic, split, segment), 0); // not one pixel outside the segment
        // The children share exactly the segment's pixels, and both got some.
        std::int64_t children = 0;
        for (int index = 0; index < split.composed.annotation.segmentCount(); ++index)
            if (split.composed.segmentPaths[std::size_t(index)].front().starts_with(leaf)) {
                QVERIFY(split.composed.segmentAreas[std::size_t(index)] > 0);
                children += split.composed.segmentAreas[std::size_t(index)];
            }
        QCOMPARE(children, automatic.composed.segmentAreas[std::size_t(segment)]);

        // Coarsening a child restores exactly the automatic map.
        QVERIFY(coarsenNode(editDecisionsFor(edited.state, automatic.treeKey), leaf + "1"));
        const SegmentationResult back = workspace->segment(edited);
        QCOMPARE(changedPixels(automatic, back), 0);

        // Splitting deeper, then coarsening the deeper split, changes only the child's pixels.
        NodeDecisions &decisions = editDecisionsFor(edited.state, automatic.treeKey);
        splitNode(decisions, leaf);
        const SegmentationResult once = workspace->segment(edited);
        if (std::isfinite(once.tree->ncutOf(*once.tree->nodeAtPath(leaf + "1")))) {
            splitNode(decisions, leaf + "1");
            const SegmentationResult twice = workspace->segment(edited);
            int child = -1;
            for (int index = 0; index < once.composed.annotation.segmentCount(); ++index)
                if (once.composed.segmentPaths[std::size_t(index)].front() == leaf + "1")
                    child = index;
            QCOMPARE(changedPixels(once, twice, child), 0);
        }
    }

    // Coarsening a segment of the automatic cut into its parent changes only the parent's pixels.
    void coarsenAboveTheCutJoinsExactlyTheParentsSegments() {
        const auto workspace = sixRegions();
        SegmentationRequest edited = request(0.6);
        const SegmentationResult automatic = workspace->segment(edited);
        QVERIFY(automatic.leafPaths.size() >= 3);
        const NodePath leaf = automatic.leafPaths.back();
        const NodePath parent = leaf.substr(0, leaf.size() - 1);
        QVERIFY(coarsenNode(editDecisionsFor(edited.state, automatic.treeKey), leaf));
        const SegmentationResult coarse = workspace->segment(edited);
        for (int y = 0; y < kImageSize.height; ++y)
            for (int x = 0; x < kImageSize.width; ++x) {
                const bool underParent = pathsAt(automatic, y, x).front().starts_with(parent);
                QCOMPARE(pathsAt(coarse, y, x).front() == parent, underParent);
                if (!underParent)
                    QVERIFY(pathsAt(coarse, y, x) == pathsAt(automatic, y, x));
            }
    }

    void makeSegmentBelowTheCutChangesOnlyItsHolder() {
        const auto workspace = sixRegions();
        SegmentationRequest edited = request(0.3);
        const SegmentationResult automatic = workspace->segment(edited);
        const int segment = splittableSegment(automatic);
        QVERIFY(segment >= 0);
        const NodePath holder = automatic.composed.segmentPaths[std::size_t(segment)].front();
        PartitionTree &tree = *automatic.tree;
        NodePath node = holder + "1";
        while (tree.nodeAtPath(node) && std::isfinite(tree.ncutOf(*tree.nodeAtPath(node))) && node.size() < holder.size() + 3)
            node += '0';
        QVERIFY(makeSegment(editDecisionsFor(edited.state, automatic.treeKey), node, automatic.leafPaths));
        const SegmentationResult made = workspace->segment(edited);
        QCOMPARE(changedPixels(automatic, made, segment), 0);
        QVERIFY(std::count(made.leafPaths.begin(), made.leafPaths.end(), node) == 1);
    }

    // Issue 10 §1: decisions made on other features (or α, or pixels) are not applied here; they
    // are reported, with the reason.
    void decisionsOfOtherTreesAreSetAsideAndReported() {
        const auto workspace = sixRegions();
        SegmentationRequest edited = request(0.6);
        const SegmentationResult automatic = workspace->segment(edited);
        edited.classes = makeClassList({{"sky", {0, 0, 255}}});

        TreeKey otherGrid = automatic.treeKey;
        otherGrid.features.gridWidth = otherGrid.features.gridHeight = 64;
        assignClass(editDecisionsFor(edited.state, otherGrid), {""}, 0);
        TreeKey otherImage = automatic.treeKey;
        otherImage.features.imageHash = std::string(32, '0');
        splitNode(editDecisionsFor(edited.state, otherImage), "");
        TreeKey otherAlpha = automatic.treeKey;
        otherAlpha.alpha = 12.0;
        mergeNodes(editDecisionsFor(edited.state, otherAlpha), {"0", "1"});

        const SegmentationResult result = workspace->segment(edited);
        QCOMPARE(changedPixels(automatic, result), 0);
        for (const int classIndex : result.composed.annotation.segmentClass)
            QCOMPARE(classIndex, int(Annotation::kUnlabelled));
        QCOMPARE(result.decisionsApplied, 0);
        QCOMPARE(result.setAside.size(), std::size_t(3));
        QVERIFY(result.setAside[0].why == SetAsideDecisions::Why::OtherFeatures);
        QVERIFY(result.setAside[1].why == SetAsideDecisions::Why::OtherImage);
        QVERIFY(result.setAside[2].why == SetAsideDecisions::Why::OtherAlpha);
        QCOMPARE(describeSetAside(result.setAside[0]), std::string("1 decision made with the 64×64 built-in encoder is set aside"));
        QCOMPARE(describeSetAside(result.setAside[2]), std::string("1 decision made at α = 12 is set aside"));

        // On its own tree the class applies to every segment.
        assignClass(editDecisionsFor(edited.state, automatic.treeKey), {""}, 0);
        const SegmentationResult own = workspace->segment(edited);
        QCOMPARE(own.decisionsApplied, 1);
        for (const int classIndex : own.composed.annotation.segmentClass)
            QCOMPARE(classIndex, 0);
    }

    // Issue 10 §4: "about K segments" gives the τ with the nearest count.
    void aSegmentCountChoosesTheNearestTau() {
        const auto workspace = sixRegions();
        const std::shared_ptr<PartitionTree> tree = workspace->tree(10.0);
        // Every count reachable, by scanning τ finely.
        std::map<int, double> reachable;
        for (int step = 0; step <= 2000; ++step)
            reachable.emplace(int(tree->cut(step * 0.001).size()), step * 0.001);
        AnnotationState state;
        for (int wanted : {1, 2, 3, 5, 6, 9, 14, 40}) {
            const double tau = workspace->tauForSegmentCount(state, wanted);
            const int count = int(tree->cut(tau).size());
            int best = reachable.begin()->first;
            for (const auto &[reached, unused] : reachable)
                if (std::abs(reached - wanted) < std::abs(best - wanted))
                    best = reached;
            // Never farther than any count a fine scan of τ reaches (the events can be closer than the scan's step).
            QVERIFY2(std::abs(count - wanted) <= std::abs(best - wanted),
                     qPrintable(QString("K=%1: τ %2 gives %3, %4 was reachable").arg(wanted).arg(tau).arg(count).arg(best)));
        }
    }

    void treesAreCachedPerAlphaAndTheOneInUseIsNeverEvicted() {
        const auto workspace = sixRegions();
        const auto ten = workspace->tree(10.0);
        QCOMPARE(workspace->tree(10.0), ten);
        QCOMPARE(workspace->treesBuilt(), 1);
        const std::size_t oneTree = std::size_t(kGrid * kGrid) * std::size_t(kGrid * kGrid) * sizeof(float);
        workspace->setTreeBudget(2 * oneTree);
        workspace->tree(11.0, {}, true); // prepared ahead: behind the one in use
        workspace->tree(12.0, {}, true); // over budget: the other tree ahead goes first
        QCOMPARE(workspace->cachedTree(10.0), ten);
        QVERIFY(workspace->cachedTree(12.0));
        QVERIFY(!workspace->cachedTree(11.0));
        workspace->setTreeBudget(oneTree / 2); // less than one tree: the most recent stays
        workspace->tree(13.0);
        QVERIFY(workspace->cachedTree(13.0));
        QVERIFY(!workspace->cachedTree(10.0));
        QCOMPARE(workspace->treesBuilt(), 4);
    }

    void aRepeatedRequestCostsNoAssignment() {
        const auto workspace = sixRegions();
        const SegmentationResult first = workspace->segment(request(0.4));
        const auto hasStage = [](const SegmentationResult &result, const std::string &stage) {
            return std::any_of(result.timings.begin(), result.timings.end(), [&](const auto &timing) { return timing.first == stage; });
        };
        QVERIFY(hasStage(first, "assignment"));
        const SegmentationResult again = workspace->segment(request(0.4));
        QVERIFY(!hasStage(again, "assignment"));
        QVERIFY(!hasStage(again, "partition_tree"));
        QCOMPARE(changedPixels(first, again), 0);
    }

    // A large image is shown at the screen's size first: that answer is at the size asked for, with
    // the brush layer scaled to it, and the full-size answer after it is exactly what a workspace
    // that never computed the small one gives (with and without PAMR).
    void aSmallerOutputFirstLeavesTheFullResultAsAlone() {
        for (const bool refine : {false, true}) {
            cv::setRNGSeed(5); // the same random image for both
            const auto workspace = sixRegions();
            cv::setRNGSeed(5);
            const auto alone = sixRegions();
            SegmentationRequest small = request(0.4);
            small.state.refine = refine;
            paintStroke(small.state, kImageSize, {{10, 10}, {60, 40}}, 6, 1);
            small.outputSize = cv::Size(60, 48);
            const SegmentationResult preview = workspace->segment(small);
            QCOMPARE(preview.composed.annotation.segments.size(), cv::Size(60, 48));
            SegmentationRequest full = small;
            full.outputSize = {};
            const LabelMap afterPreview = workspace->segment(full).composed.annotation.segments;
            const LabelMap once = alone->segment(full).composed.annotation.segments;
            QCOMPARE(afterPreview.size(), kImageSize);
            QCOMPARE(cv::countNonZero(afterPreview != once), 0);
        }
        QVERIFY_THROWS_EXCEPTION(Error, [] {
            SegmentationRequest negative = request(0.4);
            negative.outputSize = cv::Size(-4, 3);
            sixRegions()->segment(negative);
        }());
    }
};

QTEST_APPLESS_MAIN(TestWorkspace)
#include "test_workspace.moc"
