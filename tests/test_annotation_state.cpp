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

// Ids 0, 1, 2 in list order.
const ClassList kClasses = makeClassList({{"cat", {255, 0, 0}}, {"dog", {0, 255, 0}}, {"sky", {0, 0, 255}}});

FeatureIdentity builtinFeatures(int grid, std::string imageHash = "abc") {
    return {"builtin-lab-texture/1", "", "", 0, grid * 8, grid, grid, std::move(imageHash)};
}

// A 4x4 image cut into four 2x2 quadrants, leaves in pre-order: 11 (top left), 10 (top right),
// 01 (bottom left), 00 (bottom right), with tree ids 3..6.
struct Quadrants {
    LabelMap segments = (LabelMap(4, 4) << 0, 0, 1, 1, //
                         0, 0, 1, 1,                    //
                         2, 2, 3, 3,                    //
                         2, 2, 3, 3);
    std::vector<NodePath> paths{"11", "10", "01", "00"};
    std::vector<int> ids{3, 4, 5, 6};

    ComposedAnnotation compose(const AnnotationState &state, const NodeDecisions *decisions = nullptr,
                               const ClassList &classes = kClasses) const {
        return composeAnnotation(state, decisions, segments, paths, ids, classes, "image.png");
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
    void splitDividesALeafIntoExactlyItsTwoChildren() {
        NodeDecisions decisions;
        QVERIFY(splitNode(decisions, "01"));
        QCOMPARE(decisions.overrides, (std::map<NodePath, bool>{{"01", true}, {"010", false}, {"011", false}}));
        QVERIFY(!splitNode(decisions, "01"));
        QVERIFY(splitNode(decisions, "011")); // the next S on a child splits it in turn
        QCOMPARE(decisions.overrides.at("011"), true);
        QCOMPARE(decisions.overrides.at("0111"), false);
        decisions.overrides["10"] = false;
        QVERIFY(splitNode(decisions, "10"));
        QCOMPARE(decisions.overrides.at("10"), true);
    }

    void coarsenKeepsTheParentWholeAndDropsWhatIsBelowIt() {
        NodeDecisions decisions;
        QVERIFY(!coarsenNode(decisions, ""));
        decisions.overrides = {{"0", true}, {"01", true}, {"011", true}, {"0110", false}, {"010", true}, {"00", true}};
        QVERIFY(coarsenNode(decisions, "0110"));
        QCOMPARE(decisions.overrides,
                 (std::map<NodePath, bool>{{"0", true}, {"01", true}, {"011", false}, {"010", true}, {"00", true}}));
        QVERIFY(!coarsenNode(decisions, "0111")); // the sibling: the same parent, already kept whole
        QVERIFY(coarsenNode(decisions, "01"));
        QCOMPARE(decisions.overrides, (std::map<NodePath, bool>{{"0", false}}));
        QVERIFY(coarsenNode(decisions, "1"));
        QCOMPARE(decisions.overrides, (std::map<NodePath, bool>{{"", false}}));
        QVERIFY(!coarsenNode(decisions, "0"));
    }

    void makeSegmentSplitsDownFromTheLeafThatHoldsTheNode() {
        const std::vector<NodePath> leaves{"11", "10", "0"};
        NodeDecisions decisions;
        // Below leaf "0": split 0 and 01, keep their other children whole, keep 011 whole.
        QVERIFY(makeSegment(decisions, "011", leaves));
        QCOMPARE(decisions.overrides,
                 (std::map<NodePath, bool>{{"0", true}, {"00", false}, {"01", true}, {"010", false}, {"011", false}}));
        QVERIFY(!makeSegment(decisions, "011", leaves));
        // Above the cut: keep "1" whole, dropping what was decided below it.
        decisions.overrides["10"] = true;
        QVERIFY(makeSegment(decisions, "1", leaves));
        QCOMPARE(decisions.overrides.at("1"), false);
        QVERIFY(!decisions.overrides.contains("10"));
    }

    void mergeMakesAndUnitesGroups() {
        NodeDecisions state;
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
        NodeDecisions state;
        state.merges = {{"01", "10"}, {"110", "111"}};
        QVERIFY(!dissolveMerge(state, "00"));
        QVERIFY(dissolveMerge(state, "1101")); // a leaf below a member
        QCOMPARE(state.merges, (std::vector<std::vector<NodePath>>{{"01", "10"}}));
        QVERIFY(dissolveMerge(state, "10"));
        QVERIFY(state.merges.empty());
        QVERIFY(!dissolveMerge(state, "10"));
    }

    void assignClassSetsReplacesAndErases() {
        NodeDecisions state;
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
        expectError([&] { assignClass(state, {"1"}, -2); }, "class id -2");
    }

    void decisionsBelongToTheTreeTheyWereMadeOn() {
        AnnotationState state;
        const TreeKey shown{builtinFeatures(32), 10.0};
        QVERIFY(!decisionsFor(state, shown));
        assignClass(editDecisionsFor(state, shown), {"1"}, 0);
        QVERIFY(decisionsFor(state, shown));
        QVERIFY(setAsideDecisions(state, shown).empty());

        // Another grid, another α, other pixels: other trees, where paths name other regions.
        for (const TreeKey &other : {TreeKey{builtinFeatures(64), 10.0}, TreeKey{builtinFeatures(32), 11.0},
                                     TreeKey{builtinFeatures(32, "def"), 10.0}}) {
            QVERIFY(!decisionsFor(state, other));
            const auto aside = setAsideDecisions(state, other);
            QCOMPARE(aside.size(), std::size_t(1));
            QCOMPARE(aside.front()->decisions.count(), 1);
        }
        // The model's name is informative only: the same weights elsewhere are the same features.
        TreeKey moved = shown;
        moved.features.model = "elsewhere";
        QVERIFY(decisionsFor(state, moved));

        // An edit on another tree starts its own set; the first one is kept, and applies again.
        const TreeKey other{builtinFeatures(64), 10.0};
        splitNode(editDecisionsFor(state, other), "0");
        QCOMPARE(state.decisionSets.size(), std::size_t(2));
        QCOMPARE(decisionsFor(state, shown)->nodeClass.size(), std::size_t(1));
        QCOMPARE(setAsideDecisions(state, shown).size(), std::size_t(1));

        // A set whose image hash is unknown (a version-1 file) applies, and learns the hash on an edit.
        AnnotationState old;
        old.decisionSets.push_back({{builtinFeatures(32, ""), 10.0}, {}});
        QVERIFY(decisionsFor(old, shown));
        editDecisionsFor(old, shown);
        QCOMPARE(old.decisionSets.front().tree.features.imageHash, std::string("abc"));
        QVERIFY(!decisionsFor(old, TreeKey{builtinFeatures(32, "def"), 10.0}));
    }

    void usesClassLooksAtEveryTreeAndTheBrush() {
        AnnotationState state;
        assignClass(editDecisionsFor(state, {builtinFeatures(64), 12.0}), {"0"}, 2);
        QVERIFY(usesClass(state, 2));
        QVERIFY(!usesClass(state, 1));
        state.brush = (cv::Mat1w(1, 3) << 0, BrushValue::forClass(1), 0);
        QVERIFY(usesClass(state, 1));
        QVERIFY(!usesClass(state, 0));
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
        editDecisionsFor(b, {builtinFeatures(32), 10.0}).nodeClass["0"] = 1;
        QVERIFY(!sameDecisions(a, b));
        a = b;
        QVERIFY(sameDecisions(a, b));
        editDecisionsFor(b, {builtinFeatures(32), 10.0}).merges = {{"0", "1"}};
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
        QCOMPARE(annotation.classes.size(), kClasses.classes.size());
        QCOMPARE(annotation.imagePath, std::filesystem::path("image.png"));
    }

    void composeMergesGroupsIntoOneSegment() {
        const Quadrants quadrants;
        AnnotationState state;
        NodeDecisions decisions;
        decisions.merges = {{"10", "00"}};
        ComposedAnnotation composed = quadrants.compose(state, &decisions);
        QVERIFY(sameMap(composed.annotation.segments, (LabelMap(4, 4) << 0, 0, 1, 1, //
                                                       0, 0, 1, 1,                    //
                                                       2, 2, 1, 1,                    //
                                                       2, 2, 1, 1)));
        QCOMPARE(composed.annotation.segmentNode, (std::vector<int>{3, -1, 5}));
        QCOMPARE(composed.segmentPaths, (std::vector<std::vector<NodePath>>{{"11"}, {"10", "00"}, {"01"}}));

        // Members related to the leaves: an ancestor of 11 and 10, a descendant of 00. The first
        // matching group wins for 00.
        decisions.merges = {{"1", "0001"}, {"00", "01"}};
        composed = quadrants.compose(state, &decisions);
        QVERIFY(sameMap(composed.annotation.segments, (LabelMap(4, 4) << 0, 0, 0, 0, //
                                                       0, 0, 0, 0,                    //
                                                       1, 1, 0, 0,                    //
                                                       1, 1, 0, 0)));
        QCOMPARE(composed.segmentPaths, (std::vector<std::vector<NodePath>>{{"11", "10", "00"}, {"01"}}));
        QCOMPARE(composed.annotation.segmentNode, (std::vector<int>{-1, 5})); // a group of one leaf is that leaf
    }

    void composeGivesClassesByAncestorsDescendantsAndGroups() {
        const Quadrants quadrants;
        AnnotationState state;
        NodeDecisions decisions;
        decisions.nodeClass = {{"1", 0}, {"11", 2}, {"010", 1}, {"0111", 1}, {"000", 1}, {"001", 2}};
        QCOMPARE(quadrants.compose(state, &decisions).annotation.segmentClass,
                 // 11: own entry; 10: ancestor 1; 01: descendants agree; 00: they disagree.
                 (std::vector<int>{2, 0, 1, kUnlabelled}));

        decisions.nodeClass = {{"10", 5}, {"01", -1}, {"00", 1}};
        QCOMPARE(quadrants.compose(state, &decisions).annotation.segmentClass,
                 (std::vector<int>{kUnlabelled, kUnlabelled, kUnlabelled, 1})); // 5 is no class of the list

        decisions.merges = {{"11", "01", "00"}};
        decisions.nodeClass = {{"00", 1}, {"01", 2}};
        QCOMPARE(quadrants.compose(state, &decisions).annotation.segmentClass, (std::vector<int>{2, kUnlabelled}));
        // Without the decisions (set aside) nothing of them is applied.
        QCOMPARE(quadrants.compose(state).annotation.segmentClass, (std::vector<int>(4, kUnlabelled)));
    }

    void composeMapsClassIdsToTheListOrderAndIgnoresDeletedClasses() {
        const Quadrants quadrants;
        ClassList classes = kClasses;
        moveClass(classes, 2, 0); // sky, cat, dog: ids 2, 0, 1
        deleteClass(classes, 1);  // dog is gone: sky, cat
        AnnotationState state;
        NodeDecisions decisions;
        decisions.nodeClass = {{"11", 0}, {"10", 1}, {"01", 2}};
        state.brush = cv::Mat1w(4, 4, BrushValue::kUntouched);
        state.brush(3, 3) = BrushValue::forClass(1); // painted with the deleted class: the automatic segment shows
        const Annotation annotation = quadrants.compose(state, &decisions, classes).annotation;
        QCOMPARE(annotation.segmentClass, (std::vector<int>{1, kUnlabelled, 0, kUnlabelled}));
        QCOMPARE(annotation.classes.size(), std::size_t(2));
        QCOMPARE(annotation.classes[0].name, std::string("sky"));
        QVERIFY(sameMap(annotation.segments, quadrants.segments));
    }

    void composePutsBrushSegmentsLastAndDropsEmptySegments() {
        const Quadrants quadrants;
        AnnotationState state;
        NodeDecisions decisions;
        decisions.nodeClass = {{"00", 0}};
        state.brush = (cv::Mat1w(4, 4) << 0, 0, 4, 4, //
                       0, 0, 4, 4,                     //
                       0, 1, 0, 0,                     //
                       0, 0, 0, 9); // 9: a class the list does not have: the automatic segment shows
        const ComposedAnnotation composed = quadrants.compose(state, &decisions);
        // Leaf 10 is painted over entirely and disappears; class 2 (value 4) and erased follow.
        QVERIFY(sameMap(composed.annotation.segments, (LabelMap(4, 4) << 0, 0, 3, 3, //
                                                       0, 0, 3, 3,                    //
                                                       1, 4, 2, 2,                    //
                                                       1, 1, 2, 2)));
        QCOMPARE(composed.annotation.segmentClass, (std::vector<int>{kUnlabelled, kUnlabelled, 0, 2, kUnlabelled}));
        QCOMPARE(composed.annotation.segmentNode, (std::vector<int>{3, 5, 6, -1, -1}));
        QCOMPARE(composed.segmentPaths,
                 (std::vector<std::vector<NodePath>>{{"11"}, {"01"}, {"00"}, {}, {}}));
    }

    // An 800×600 map is composed and measured in bands of rows in parallel: pixel for pixel as the
    // 4×4 map it enlarges, with merges, classes and brush strokes, each segment's area and box as
    // counted; and a leaf of no pixel is still dropped.
    void composeALargeMapAsItsSmallOriginal() {
        const Quadrants quadrants;
        AnnotationState state;
        NodeDecisions decisions;
        decisions.merges = {{"11", "00"}};
        decisions.nodeClass = {{"01", 1}};
        state.brush = (cv::Mat1w(4, 4) << 0, 0, 4, 4, //
                       0, 0, 4, 4,                     //
                       0, 1, 0, 0,                     //
                       0, 0, 0, 0);
        const cv::Size large(800, 600);
        Quadrants enlarged = quadrants;
        cv::resize(quadrants.segments, enlarged.segments, large, 0, 0, cv::INTER_NEAREST);
        AnnotationState enlargedState = state;
        cv::resize(state.brush, enlargedState.brush, large, 0, 0, cv::INTER_NEAREST);
        for (const bool brushed : {true, false}) {
            const ComposedAnnotation small = quadrants.compose(brushed ? state : AnnotationState{}, &decisions);
            const ComposedAnnotation big = enlarged.compose(brushed ? enlargedState : AnnotationState{}, &decisions);
            LabelMap expected;
            cv::resize(small.annotation.segments, expected, large, 0, 0, cv::INTER_NEAREST);
            QVERIFY(sameMap(big.annotation.segments, expected));
            QCOMPARE(big.annotation.segmentClass, small.annotation.segmentClass);
            QCOMPARE(big.segmentPaths, small.segmentPaths);
            for (int segment = 0; segment < big.annotation.segmentCount(); ++segment) {
                const cv::Mat1b pixels = big.annotation.segments == segment;
                QCOMPARE(big.segmentAreas[std::size_t(segment)], std::int64_t(cv::countNonZero(pixels)));
                QCOMPARE(big.segmentBounds[std::size_t(segment)], cv::boundingRect(pixels));
                QCOMPARE(big.segmentAreas[std::size_t(segment)], small.segmentAreas[std::size_t(segment)] * 200 * 150);
            }
        }
        QCOMPARE(enlarged.compose(enlargedState, &decisions).annotation.segmentCount(), 4); // leaf 10 painted over
        LabelMap bad = enlarged.segments.clone();
        bad(599, 799) = 7;
        expectError([&] { composeAnnotation({}, nullptr, bad, quadrants.paths, quadrants.ids, kClasses, "a.png"); },
                    "label 7 at (799, 599)");
    }

    void composeRefusesInconsistentInput() {
        const Quadrants quadrants;
        AnnotationState state;
        state.brush = cv::Mat1w(3, 4, BrushValue::kUntouched);
        expectError([&] { quadrants.compose(state); }, "brush layer is 4x3");
        state.brush.release();
        expectError([&] { composeAnnotation(state, nullptr, quadrants.segments, quadrants.paths, {1, 2}, kClasses, "a.png"); },
                    "4 leaf paths but 2 leaf ids");
        LabelMap bad = quadrants.segments.clone();
        bad(3, 1) = 4;
        expectError([&] { composeAnnotation(state, nullptr, bad, quadrants.paths, quadrants.ids, kClasses, "a.png"); },
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
        NodeDecisions state;
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
