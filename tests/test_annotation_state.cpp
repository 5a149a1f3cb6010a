// The editable annotation state: each edit, the composition rules on hand-made label maps, and
// node paths on real partition trees.
#include "annotation/annotation_state.h"
#include "common/error.h"
#include "segmentation/affinity.h"
#include "segmentation/partition_tree.h"
#include "synthetic_features.h"
#include "test_support.h"

#include <QTest>
#include <opencv2/imgproc.hpp>

#include <limits>

using namespace diffcut;
using diffcut::testing::expectError;

namespace {

constexpr int kUnlabelled = Annotation::kUnlabelled;

const std::vector<LabelClass> kClasses{{"cat", {255, 0, 0}}, {"dog", {0, 255, 0}}, {"sky", {0, 0, 255}}};

// A 4x4 image cut into four 2x2 quadrants, leaves in pre-order: 11 (top left), 10 (top right),
// 01 (bottom left), 00 (bottom right), with tree ids 3..6.
struct Quadrants {
    LabelMap segments = (LabelMap(4, 4) << 0, 0, 1, 1, //
                         0, 0, 1, 1,                    //
                         2, 2, 3, 3,                    //
                         2, 2, 3, 3);
    std::vector<NodePath> paths{"11", "10", "01", "00"};
    std::vector<int> ids{3, 4, 5, 6};

    ComposedAnnotation compose(const AnnotationState &state) const {
        return composeAnnotation(state, segments, paths, ids, kClasses, "image.png");
    }
};

bool sameMap(const LabelMap &a, const LabelMap &b) { return a.size() == b.size() && cv::countNonZero(a != b) == 0; }

std::shared_ptr<const CosineAffinity> sixRegions() {
    return std::make_shared<CosineAffinity>(diffcut::testing::regionFeatures(
        32, 24, 24, 6, [](int y, int x) { return (y / 8) * 2 + (x / 12); }, 0.6f));
}

} // namespace

class TestAnnotationState : public QObject {
    Q_OBJECT

private slots:
    void splitSetsAnOverride() {
        AnnotationState state;
        QVERIFY(splitNode(state, "01"));
        QCOMPARE(state.overrides, (std::map<NodePath, bool>{{"01", true}}));
        QVERIFY(!splitNode(state, "01"));
        state.overrides["10"] = false;
        QVERIFY(splitNode(state, "10"));
        QCOMPARE(state.overrides.at("10"), true);
    }

    void coarsenKeepsTheParentWholeAndDropsWhatIsBelowIt() {
        AnnotationState state;
        QVERIFY(!coarsenNode(state, ""));
        state.overrides = {{"0", true}, {"01", true}, {"011", true}, {"0110", false}, {"010", true}, {"00", true}};
        QVERIFY(coarsenNode(state, "0110"));
        QCOMPARE(state.overrides,
                 (std::map<NodePath, bool>{{"0", true}, {"01", true}, {"011", false}, {"010", true}, {"00", true}}));
        QVERIFY(!coarsenNode(state, "0111")); // the sibling: the same parent, already kept whole
        QVERIFY(coarsenNode(state, "01"));
        QCOMPARE(state.overrides, (std::map<NodePath, bool>{{"0", false}}));
        QVERIFY(coarsenNode(state, "1"));
        QCOMPARE(state.overrides, (std::map<NodePath, bool>{{"", false}}));
        QVERIFY(!coarsenNode(state, "0"));
    }

    void mergeMakesAndUnitesGroups() {
        AnnotationState state;
        QVERIFY(!mergeNodes(state, {}));
        QVERIFY(!mergeNodes(state, {"01"}));
        QVERIFY(!mergeNodes(state, {"01", "01"}));
        QVERIFY(!mergeNodes(state, {"01", "011"})); // one inside the other: nothing to merge
        QVERIFY(state.merges.empty());

        QVERIFY(mergeNodes(state, {"01", "10", "01"}));
        QVERIFY(!mergeNodes(state, {"10", "01"}));
        QVERIFY(mergeNodes(state, {"110", "111"}));
        using Merges = std::vector<std::vector<NodePath>>;
        QCOMPARE(state.merges, (Merges{{"01", "10"}, {"110", "111"}}));

        // Sharing a member: united with that group, in its place.
        QVERIFY(mergeNodes(state, {"111", "000"}));
        QCOMPARE(state.merges, (Merges{{"01", "10"}, {"110", "111", "000"}}));
        // A descendant of a member relates too; the descendant itself adds nothing.
        QVERIFY(mergeNodes(state, {"0110", "001"}));
        QCOMPARE(state.merges, (Merges{{"01", "10", "001"}, {"110", "111", "000"}}));
        // Bridging both groups unites all three into the first one's place; 110 and 111 lie below 11.
        QVERIFY(mergeNodes(state, {"11", "001"}));
        QCOMPARE(state.merges, (Merges{{"01", "10", "001", "000", "11"}}));
    }

    void dissolveRemovesTheGroupOfAMember() {
        AnnotationState state;
        state.merges = {{"01", "10"}, {"110", "111"}};
        QVERIFY(!dissolveMerge(state, "00"));
        QVERIFY(dissolveMerge(state, "1101")); // a leaf below a member
        QCOMPARE(state.merges, (std::vector<std::vector<NodePath>>{{"01", "10"}}));
        QVERIFY(dissolveMerge(state, "10"));
        QVERIFY(state.merges.empty());
        QVERIFY(!dissolveMerge(state, "10"));
    }

    void assignClassSetsReplacesAndErases() {
        AnnotationState state;
        QVERIFY(assignClass(state, {"01", "10"}, 1));
        QCOMPARE(state.nodeClass, (std::map<NodePath, int>{{"01", 1}, {"10", 1}}));
        QVERIFY(!assignClass(state, {"01"}, 1));
        state.nodeClass["0110"] = 2;
        state.nodeClass["000"] = 2;
        QVERIFY(assignClass(state, {"0"}, 0)); // drops everything below 0
        QCOMPARE(state.nodeClass, (std::map<NodePath, int>{{"0", 0}, {"10", 1}}));
        QVERIFY(!assignClass(state, {"01"}, 0)); // already inherited from 0: nothing to store
        QVERIFY(assignClass(state, {"10"}, kUnlabelled));
        QCOMPARE(state.nodeClass, (std::map<NodePath, int>{{"0", 0}}));
        QVERIFY(!assignClass(state, {"10"}, kUnlabelled));
        // Unlabelling inside a classed region needs an entry, or the node would keep the class.
        QVERIFY(assignClass(state, {"011"}, kUnlabelled));
        QCOMPARE(state.nodeClass, (std::map<NodePath, int>{{"0", 0}, {"011", kUnlabelled}}));
        QVERIFY(assignClass(state, {"011"}, 0));
        QCOMPARE(state.nodeClass, (std::map<NodePath, int>{{"0", 0}}));
        QVERIFY(!assignClass(state, {}, 2));
        expectError([&] { assignClass(state, {"1"}, -2); }, "class index -2");
    }

    void removeClassShiftsIndicesInEntriesAndBrush() {
        AnnotationState state;
        state.nodeClass = {{"0", 0}, {"01", 1}, {"1", 1}, {"10", 2}, {"11", 2}};
        state.brush = (cv::Mat1w(1, 5) << 0, 1, 2, 3, 4);
        removeClass(state, 1);
        // "1" had no classed ancestor: its entry goes; "01" lay inside class 0 and stays unlabelled.
        QCOMPARE(state.nodeClass, (std::map<NodePath, int>{{"0", 0}, {"01", kUnlabelled}, {"10", 1}, {"11", 1}}));
        QVERIFY(sameMap(LabelMap(state.brush), (LabelMap(1, 5) << 0, 1, 2, 0, 3)));
        removeClass(state, 0);
        QCOMPARE(state.nodeClass, (std::map<NodePath, int>{{"01", kUnlabelled}, {"10", 0}, {"11", 0}}));
        QVERIFY(sameMap(LabelMap(state.brush), (LabelMap(1, 5) << 0, 1, 0, 0, 2)));
    }

    void paintStrokeWritesARoundBrushAndReportsTheChange() {
        AnnotationState state;
        const cv::Size size(20, 10);
        const cv::Rect dot = paintStroke(state, size, {{5, 5}}, 2, BrushValue::forClass(0));
        QCOMPARE(state.brush.size(), size);
        QCOMPARE(dot, cv::Rect(3, 3, 5, 5));
        QCOMPARE(cv::countNonZero(state.brush), 13); // a disc of radius 2
        QCOMPARE(cv::countNonZero(state.brush(dot)), 13);
        QVERIFY(paintStroke(state, size, {{5, 5}}, 2, BrushValue::forClass(0)).empty()); // nothing new
        QVERIFY(paintStroke(state, size, {}, 2, BrushValue::kErased).empty());

        // A line clipped at the right border; its changed rectangle covers exactly the new pixels.
        const cv::Mat1w before = state.brush.clone();
        const cv::Rect line = paintStroke(state, size, {{10, 2}, {30, 2}}, 1, BrushValue::kErased);
        QCOMPARE(line.x + line.width, size.width);
        QVERIFY(line.y >= 0 && line.y <= 1 && line.y + line.height >= 4 && line.y + line.height <= 5);
        for (int x = 10; x < size.width; ++x)
            QCOMPARE(state.brush(2, x), BrushValue::kErased);
        const cv::Mat1b changed = state.brush != before;
        QCOMPARE(cv::boundingRect(changed), line);
        QCOMPARE(state.brush(5, 5), BrushValue::forClass(0));
        QCOMPARE(state.brush(6, 10), BrushValue::kUntouched);

        QVERIFY(paintStroke(state, size, {{-50, -50}}, 3, BrushValue::kErased).empty()); // off the image
        expectError([&] { paintStroke(state, {8, 8}, {{1, 1}}, 1, BrushValue::kErased); }, "brush layer is 20x10");
        expectError([&] { paintStroke(state, size, {{1, 1}}, -1, BrushValue::kErased); }, "radius");
    }

    void sameDecisionsIgnoresOnlyTheBrush() {
        AnnotationState a, b;
        b.brush = cv::Mat1w(3, 3, BrushValue::kErased);
        QVERIFY(sameDecisions(a, b));
        b.done = true;
        QVERIFY(!sameDecisions(a, b));
        b = a;
        b.nodeClass["0"] = 1;
        QVERIFY(!sameDecisions(a, b));
        b = a;
        b.merges = {{"0", "1"}};
        QVERIFY(!sameDecisions(a, b));
        b = a;
        b.tau = 0.4;
        QVERIFY(!sameDecisions(a, b));
    }

    void composeWithoutDecisionsIsTheAutomaticSegmentation() {
        const Quadrants quadrants;
        AnnotationState state;
        state.tau = 0.3;
        state.alpha = 7.0;
        const ComposedAnnotation composed = quadrants.compose(state);
        const Annotation &annotation = composed.annotation;
        QVERIFY(sameMap(annotation.segments, quadrants.segments));
        QCOMPARE(annotation.segmentClass, std::vector<int>(4, kUnlabelled));
        QCOMPARE(annotation.segmentNode, quadrants.ids);
        QCOMPARE(composed.segmentPaths, (std::vector<std::vector<NodePath>>{{"11"}, {"10"}, {"01"}, {"00"}}));
        QCOMPARE(annotation.tau, 0.3);
        QCOMPARE(annotation.alpha, 7.0);
        QCOMPARE(annotation.classes.size(), kClasses.size());
        QCOMPARE(annotation.imagePath, std::filesystem::path("image.png"));
    }

    void composeMergesGroupsIntoOneSegment() {
        const Quadrants quadrants;
        AnnotationState state;
        state.merges = {{"10", "00"}};
        ComposedAnnotation composed = quadrants.compose(state);
        QVERIFY(sameMap(composed.annotation.segments, (LabelMap(4, 4) << 0, 0, 1, 1, //
                                                       0, 0, 1, 1,                    //
                                                       2, 2, 1, 1,                    //
                                                       2, 2, 1, 1)));
        QCOMPARE(composed.annotation.segmentNode, (std::vector<int>{3, -1, 5}));
        QCOMPARE(composed.segmentPaths, (std::vector<std::vector<NodePath>>{{"11"}, {"10", "00"}, {"01"}}));

        // Members related to the leaves: an ancestor of 11 and 10, a descendant of 00. The first
        // matching group wins for 00.
        state.merges = {{"1", "0001"}, {"00", "01"}};
        composed = quadrants.compose(state);
        QVERIFY(sameMap(composed.annotation.segments, (LabelMap(4, 4) << 0, 0, 0, 0, //
                                                       0, 0, 0, 0,                    //
                                                       1, 1, 0, 0,                    //
                                                       1, 1, 0, 0)));
        QCOMPARE(composed.segmentPaths, (std::vector<std::vector<NodePath>>{{"11", "10", "00"}, {"01"}}));
        QCOMPARE(composed.annotation.segmentNode, (std::vector<int>{-1, 5})); // a group of one leaf is that leaf
    }

    void nodeDecisionsApplyOnlyAtTheirAlpha() {
        const Quadrants quadrants;
        AnnotationState state;
        state.alpha = 10.0;
        state.nodeClass = {{"1", 0}};
        state.nodeAlpha = 10.0;
        QCOMPARE(quadrants.compose(state).annotation.segmentClass, (std::vector<int>{0, 0, kUnlabelled, kUnlabelled}));
        // At another α the paths name other regions: nothing is applied, and nothing is lost.
        state.alpha = 11.0;
        QVERIFY(!nodeDecisionsApply(state));
        QCOMPARE(quadrants.compose(state).annotation.segmentClass,
                 (std::vector<int>{kUnlabelled, kUnlabelled, kUnlabelled, kUnlabelled}));
        state.alpha = 10.0;
        QCOMPARE(quadrants.compose(state).annotation.segmentClass, (std::vector<int>{0, 0, kUnlabelled, kUnlabelled}));
        // An edit at another α starts over there.
        state.alpha = 11.0;
        adoptCurrentAlpha(state);
        QVERIFY(state.nodeClass.empty());
        QCOMPARE(state.nodeAlpha, 11.0);
    }

    void composeGivesClassesByAncestorsDescendantsAndGroups() {
        const Quadrants quadrants;
        AnnotationState state;
        state.nodeClass = {{"1", 0}, {"11", 2}, {"010", 1}, {"0111", 1}, {"000", 1}, {"001", 2}};
        QCOMPARE(quadrants.compose(state).annotation.segmentClass,
                 // 11: own entry; 10: ancestor 1; 01: descendants agree; 00: they disagree.
                 (std::vector<int>{2, 0, 1, kUnlabelled}));

        state.nodeClass = {{"10", 5}, {"01", -1}, {"00", 1}};
        QCOMPARE(quadrants.compose(state).annotation.segmentClass,
                 (std::vector<int>{kUnlabelled, kUnlabelled, kUnlabelled, 1})); // 5 is no class of the list

        state.merges = {{"11", "01", "00"}};
        state.nodeClass = {{"00", 1}, {"01", 2}};
        QCOMPARE(quadrants.compose(state).annotation.segmentClass, (std::vector<int>{2, kUnlabelled}));
    }

    void composePutsBrushSegmentsLastAndDropsEmptySegments() {
        const Quadrants quadrants;
        AnnotationState state;
        state.nodeClass = {{"00", 0}};
        state.brush = (cv::Mat1w(4, 4) << 0, 0, 4, 4, //
                       0, 0, 4, 4,                     //
                       0, 1, 0, 0,                     //
                       0, 0, 0, 9); // 9: a class beyond the list, taken as erased
        const ComposedAnnotation composed = quadrants.compose(state);
        // Leaf 10 is painted over entirely and disappears; class 2 (value 4) and erased follow.
        QVERIFY(sameMap(composed.annotation.segments, (LabelMap(4, 4) << 0, 0, 3, 3, //
                                                       0, 0, 3, 3,                    //
                                                       1, 4, 2, 2,                    //
                                                       1, 1, 2, 4)));
        QCOMPARE(composed.annotation.segmentClass, (std::vector<int>{kUnlabelled, kUnlabelled, 0, 2, kUnlabelled}));
        QCOMPARE(composed.annotation.segmentNode, (std::vector<int>{3, 5, 6, -1, -1}));
        QCOMPARE(composed.segmentPaths,
                 (std::vector<std::vector<NodePath>>{{"11"}, {"01"}, {"00"}, {}, {}}));
    }

    void composeRefusesInconsistentInput() {
        const Quadrants quadrants;
        AnnotationState state;
        state.brush = cv::Mat1w(3, 4, BrushValue::kUntouched);
        expectError([&] { quadrants.compose(state); }, "brush layer is 4x3");
        state.brush.release();
        expectError([&] { composeAnnotation(state, quadrants.segments, quadrants.paths, {1, 2}, kClasses, "a.png"); },
                    "4 leaf paths but 2 leaf ids");
        LabelMap bad = quadrants.segments.clone();
        bad(3, 1) = 4;
        expectError([&] { composeAnnotation(state, bad, quadrants.paths, quadrants.ids, kClasses, "a.png"); },
                    "label 4 at (1, 3)");
    }

    void pathsNameTheSameNodesInEveryTree() {
        const auto affinity = sixRegions();
        PartitionTree first(affinity, 10);
        const std::vector<int> leaves = first.cut(1.2); // down to single pixels
        QCOMPARE(leaves.size(), std::size_t(24 * 24));
        for (int id = 0; id < first.nodeCount(); ++id) // ids are dense, paths invert nodeAtPath
            QCOMPARE(first.nodeAtPath(first.pathOf(id)), std::optional<int>(id));
        QCOMPARE(first.pathOf(0), NodePath());
        QCOMPARE(first.pathOf(first.node(0).onChild), NodePath("1"));
        QCOMPARE(first.pathOf(first.node(0).offChild), NodePath("0"));
        QVERIFY_THROWS_EXCEPTION(Error, first.pathOf(first.nodeCount()));

        // A second tree, cut at a lower τ first (the six regions), numbers its nodes differently.
        PartitionTree second(affinity, 10);
        second.cut(0.3);
        bool idsDiffer = false;
        for (int leaf : leaves) {
            const NodePath path = first.pathOf(leaf);
            const std::optional<int> id = second.nodeAtPath(path);
            QVERIFY(id.has_value());
            QCOMPARE(second.node(*id).pixels, first.node(leaf).pixels);
            QCOMPARE(second.pathOf(*id), path);
            idsDiffer = idsDiffer || *id != leaf;
        }
        QVERIFY(idsDiffer);
    }

    void nodeAtPathRefusesBadPaths() {
        PartitionTree tree(sixRegions(), 10);
        const int before = tree.nodeCount();
        QVERIFY(!tree.nodeAtPath("01x").has_value());
        QCOMPARE(tree.nodeCount(), before); // nothing expanded for a malformed path
        // Follow the on side to a node that cannot be split, then one step further.
        NodePath path;
        std::optional<int> id = tree.nodeAtPath(path);
        while (id && tree.node(*id).ncut < std::numeric_limits<double>::infinity()) {
            path += '1';
            id = tree.nodeAtPath(path);
        }
        QVERIFY(id.has_value());
        QVERIFY(!tree.nodeAtPath(path + "1").has_value());
        QVERIFY(!tree.nodeAtPath(path + "0").has_value());
    }

    void cutOverridesForResolvesPaths() {
        PartitionTree tree(sixRegions(), 10);
        const std::vector<int> automatic = tree.cut(0.6); // the six regions
        QCOMPARE(automatic.size(), std::size_t(6));
        // Keep the parent of the last region whole, split the first region; a malformed path is skipped.
        const int kept = tree.node(automatic.back()).parent;
        const int split = automatic.front();
        const NodePath keptPath = tree.pathOf(kept), splitPath = tree.pathOf(split);
        QVERIFY(!splitPath.starts_with(keptPath));
        AnnotationState state;
        state.overrides = {{keptPath, false}, {splitPath, true}, {"2", true}};
        const CutOverrides overrides = cutOverridesFor(tree, state);
        QCOMPARE(overrides, (CutOverrides{{kept, false}, {split, true}}));

        const std::vector<int> edited = tree.cut(0.6, {}, overrides);
        const auto underPath = [&](const NodePath &path) {
            return std::count_if(edited.begin(), edited.end(),
                                 [&](int leaf) { return tree.pathOf(leaf).starts_with(path); });
        };
        QVERIFY(std::find(edited.begin(), edited.end(), kept) != edited.end());
        QCOMPARE(underPath(keptPath), 1);
        QVERIFY(std::find(edited.begin(), edited.end(), split) == edited.end());
        QVERIFY(underPath(splitPath) >= 2);
        const auto untouched = std::count_if(automatic.begin(), automatic.end(), [&](int leaf) {
            const NodePath path = tree.pathOf(leaf);
            return !path.starts_with(keptPath) && leaf != split;
        });
        QCOMPARE(edited.size(), std::size_t(untouched + 1 + underPath(splitPath)));
    }
};

QTEST_APPLESS_MAIN(TestAnnotationState)
#include "test_annotation_state.moc"
