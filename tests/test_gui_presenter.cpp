// What the views show, called directly (no widgets): the canvas's overlay and region masks, the
// Segments rows, the regions of hierarchy nodes and the coarsen preview, and how a selection
// follows a new result.
#include "features/builtin_encoder.h"
#include "pipeline/image_workspace.h"
#include "presenter/overlay_raster.h"
#include "presenter/segmentation_view.h"
#include "segmentation/partition_tree.h"
#include "synthetic_features.h"
#include "test_support.h"

#include <QTest>

#include <opencv2/core.hpp>

using namespace diffcut;
using namespace diffcut::ui;

namespace {

// Four segments: 0 top left, 1 top right, 2 bottom left, 3 bottom right (8×6 pixels).
cv::Mat1i quadrants() {
    cv::Mat1i labels(6, 8);
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x)
            labels(y, x) = (y < 3 ? 0 : 2) + (x < 4 ? 0 : 1);
    return labels;
}

Annotation annotationOf(const cv::Mat1i &labels, int count) {
    Annotation annotation;
    annotation.segments = labels;
    annotation.segmentClass.assign(std::size_t(count), Annotation::kUnlabelled);
    annotation.segmentNode.assign(std::size_t(count), -1);
    return annotation;
}

// Six regions on a 24×24 grid under a 120×96 image, segmented by the real pipeline.
std::unique_ptr<ImageWorkspace> sixRegions() {
    auto features = std::make_shared<const FeatureMap>(diffcut::testing::regionFeatures(
        32, 24, 24, 6, [](int y, int x) { return (y / 8) * 2 + (x / 12); }, 0.9f, 7));
    cv::Mat3b rgb(96, 120);
    cv::randu(rgb, 0, 256);
    return std::make_unique<ImageWorkspace>("image.png", rgb, features, BuiltinEncoder(32).identity());
}

SegmentationRequest request(double tau) {
    SegmentationRequest request;
    request.state.tau = tau;
    request.classes = makeClassList();
    return request;
}

} // namespace

class TestGuiPresenter : public QObject {
    Q_OBJECT

private slots:
    void overlayHasFillsOutlinesAndHoles() {
        cv::Mat1i labels = quadrants();
        labels(5, 0) = -1; // no colour: not drawn
        labels(5, 1) = 9;
        OverlayStyle style;
        style.fills = {qRgba(255, 0, 0, 255), qRgba(0, 255, 0, 255), qRgba(0, 0, 255, 255), qRgba(0, 0, 0, 0)};
        style.outlines = {qRgb(255, 255, 255), qRgb(255, 255, 255), qRgb(255, 255, 255), qRgb(10, 20, 30)};
        style.opacity = 0.5;
        const QImage overlay = overlayImage(labels, style);
        QCOMPARE(overlay.size(), QSize(8, 6));
        QCOMPARE(overlay.format(), QImage::Format_ARGB32_Premultiplied);
        QCOMPARE(overlay.pixel(0, 0), qPremultiply(qRgba(255, 0, 0, 128))); // the opacity folded in
        QCOMPARE(overlay.pixel(3, 0), qRgb(255, 255, 255));                  // right neighbour differs
        QCOMPARE(overlay.pixel(0, 2), qRgb(255, 255, 255));                  // lower neighbour differs
        QCOMPARE(overlay.pixel(5, 4), 0u);                                   // no fill in segment 3
        QCOMPARE(overlay.pixel(7, 5), 0u);
        QCOMPARE(overlay.pixel(0, 5), 0u); // -1 and 9: no colour
        QCOMPARE(overlay.pixel(1, 5), 0u);

        style.outlinesVisible = false;
        QCOMPARE(overlayImage(labels, style).pixel(3, 0), qPremultiply(qRgba(255, 0, 0, 128)));
        // A hatched segment: opaque stripes and outline in the suggested colour.
        style.hatches = {0, qRgb(1, 2, 3)};
        style.outlinesVisible = true;
        const QImage hatched = overlayImage(labels, style);
        QCOMPARE(hatched.pixel(4, 2), qRgb(1, 2, 3)); // its lower edge
        QVERIFY(overlayImage(cv::Mat1i(), style).isNull());
    }

    // Pixel by pixel as the contract reads, on a map large enough to be drawn in parallel, with
    // labels that have no colour, hatches, and outlines on and off.
    void overlayFollowsItsContractOnEveryPixel() {
        cv::Mat1i labels(520, 600);
        cv::RNG random(5);
        for (int y = 0; y < labels.rows; ++y)
            for (int x = 0; x < labels.cols; ++x) // blobs of 20×20 pixels, with single odd pixels
                labels(y, x) = random.uniform(0, 50) == 0 ? random.uniform(-3, 12) : (y / 20 * 7 + x / 20) % 11;
        OverlayStyle style;
        for (int i = 0; i < 9; ++i) { // 9 and 10 have no colour
            style.fills << qRgba(20 * i, 255 - 20 * i, 7 * i, 200);
            style.outlines << qRgba(255, 10 * i, 0, 255 - i);
        }
        style.hatches = {0, 0, qRgb(1, 2, 3), 0, qRgb(4, 5, 6)};
        style.opacity = 0.7;
        const int period = std::max(12, 600 / 60), stripe = std::max(2, period / 6);
        for (const bool outlines : {true, false}) {
            style.outlinesVisible = outlines;
            const QImage overlay = overlayImage(labels, style);
            for (int y = 0; y < labels.rows; ++y)
                for (int x = 0; x < labels.cols; ++x) {
                    const int label = labels(y, x);
                    QRgb expected = 0;
                    if (label >= 0 && label < 9) {
                        const QRgb hatch = label < style.hatches.size() ? style.hatches[label] : 0;
                        const bool edge = outlines && ((x + 1 < labels.cols && labels(y, x + 1) != label) ||
                                                       (y + 1 < labels.rows && labels(y + 1, x) != label));
                        const QRgb fill = style.fills[label];
                        if (edge)
                            expected = hatch ? (hatch | 0xff000000u) : qPremultiply(style.outlines[label]);
                        else if (hatch && (x + y) % period < stripe)
                            expected = hatch | 0xff000000u;
                        else
                            expected = qPremultiply(qRgba(qRed(fill), qGreen(fill), qBlue(fill), qRound(qAlpha(fill) * 0.7)));
                    }
                    if (overlay.pixel(x, y) != expected)
                        QFAIL(qPrintable(QStringLiteral("pixel (%1, %2), label %3, outlines %4: %5 instead of %6")
                                             .arg(x).arg(y).arg(label).arg(outlines)
                                             .arg(overlay.pixel(x, y), 8, 16).arg(expected, 8, 16)));
                }
        }
    }

    // The next overlay is written into the previous buffer when nobody else holds it — and never
    // into one that is still shown.
    void overlayReusesOnlyAFreeBuffer() {
        OverlayStyle style;
        style.fills = {qRgb(255, 0, 0), qRgb(0, 255, 0), qRgb(0, 0, 255), qRgb(9, 9, 9)};
        style.outlines = style.fills;
        QImage first = overlayImage(quadrants(), style);
        const uchar *buffer = first.constBits();
        QImage second = overlayImage(quadrants(), style, std::move(first));
        QCOMPARE(second.constBits(), buffer);

        const QImage shown = second;
        const QRgb before = shown.pixel(0, 0);
        style.fills[0] = qRgb(0, 0, 0);
        const QImage third = overlayImage(quadrants(), style, second);
        QCOMPARE(shown.pixel(0, 0), before);
        QVERIFY(third.constBits() != shown.constBits());
        QCOMPARE(third.pixel(0, 0), qPremultiply(qRgba(0, 0, 0, 128)));
    }

    // A 12000×9000 overlay is 432 MB: it lives in huge pages of its own (faulted in 4 KiB at a
    // time it cost more than drawing it), as long as any copy of it is shown, and no longer.
    void aLargeOverlayLivesInHugePagesWhileAnyCopyIsShown() {
        if (!testing::hugePagesCanBeAdvised())
            QSKIP("this kernel has no transparent huge pages");
        OverlayStyle style;
        style.fills = {qRgb(255, 0, 0), qRgb(0, 0, 255)};
        style.outlines = style.fills;
        cv::Mat1i labels(3000, 3000, 0); // a 36 MB overlay
        labels(cv::Rect(0, 0, 1500, 3000)) = 1;
        QImage overlay = overlayImage(labels, style);
        QCOMPARE(overlay.pixel(10, 10), qPremultiply(qRgba(0, 0, 255, 128)));
        QCOMPARE(overlay.pixel(2990, 10), qPremultiply(qRgba(255, 0, 0, 128)));
        const uchar *bits = overlay.constBits();
        const std::optional<std::string> flags = testing::mappingFlagsAt(bits);
        QVERIFY(flags);
        QVERIFY2(flags->find(" hg") != std::string::npos, flags->c_str());

        QImage shown = overlay;
        overlay = QImage();
        QCOMPARE(shown.pixel(10, 10), qPremultiply(qRgba(0, 0, 255, 128)));
        shown = QImage();
        QVERIFY(!testing::mappingFlagsAt(bits));
    }

    void selectionFollowsTheSegmentThatCoversItMost() {
        const cv::Mat1i before = quadrants();
        cv::Mat1i after = quadrants();
        after.setTo(4, before == 1);                     // segment 1 renumbered
        after(cv::Rect(0, 0, 2, 3)).setTo(3);            // half of segment 0 now belongs to 3
        after(cv::Rect(0, 3, 3, 3)).setTo(1);            // three quarters of segment 2 belong to 1
        const Annotation previous = annotationOf(before, 4), current = annotationOf(after, 5);
        QCOMPARE(followSelection(previous, {1}, current), QList<int>{4});
        QCOMPARE(followSelection(previous, {0}, current), QList<int>{0}); // a tie keeps one of the halves
        QCOMPARE(followSelection(previous, {2, 1, 99, -1}, current), (QList<int>{1, 4}));
        QCOMPARE(followSelection(previous, {}, current), QList<int>{});
        QCOMPARE(followSelection(previous, {0}, annotationOf(cv::Mat1i(), 1)), QList<int>{}); // no map

        // A large map: still followed from a bounded sample.
        cv::Mat1i large(3000, 4000, 0);
        large(cv::Rect(0, 0, 1000, 3000)).setTo(1);
        cv::Mat1i moved(3000, 4000, 0);
        moved(cv::Rect(0, 0, 1100, 3000)).setTo(5);
        QCOMPARE(followSelection(annotationOf(large, 2), {1}, annotationOf(moved, 6)), QList<int>{5});
    }

    // Everything selected among many segments: each follows itself (the counting follows the
    // samples; a table of old × new segments would be 10,000² here).
    void aSelectionOfManySegmentsFollows() {
        cv::Mat1i labels(100, 100);
        for (int i = 0; i < int(labels.total()); ++i)
            labels(i / 100, i % 100) = i;
        QList<int> all;
        for (int i = 0; i < 10'000; ++i)
            all << i;
        QCOMPARE(followSelection(annotationOf(labels, 10'000), all, annotationOf(labels.clone(), 10'000)), all);
    }

    // A preview's map is smaller than the image: the selection still follows to the full map.
    void selectionFollowsBetweenAPreviewAndTheFullMap() {
        cv::Mat1i full(600, 800, 0);
        full(cv::Rect(400, 0, 400, 600)).setTo(1);
        cv::Mat1i preview(60, 80, 1);
        preview(cv::Rect(0, 0, 40, 60)).setTo(0);
        QCOMPARE(followSelection(annotationOf(preview, 2), {0}, annotationOf(full, 2)), QList<int>{0});
        QCOMPARE(followSelection(annotationOf(full, 2), {1}, annotationOf(preview, 2)), QList<int>{1});
    }

    // Areas are in image pixels, whatever the size of the map shown.
    void aPreviewsAreasAreInImagePixels() {
        const auto workspace = sixRegions();
        SegmentationRequest small = request(0.4);
        small.outputSize = {60, 48};
        const SegmentationResult preview = workspace->segment(small);
        const SegmentationResult full = workspace->segment(request(0.4));
        std::int64_t total = 0;
        for (int segment = 0; segment < preview.composed.annotation.segmentCount(); ++segment) {
            QCOMPARE(imageArea(preview, segment), preview.composed.segmentAreas[std::size_t(segment)] * 4);
            total += imageArea(preview, segment);
        }
        QCOMPARE(total, std::int64_t(120 * 96));
        QCOMPARE(imageArea(full, 0), full.composed.segmentAreas[0]);
        QCOMPARE(presentSegments(preview, makeClassList(), {}).rows[0].area, imageArea(preview, 0));
    }

    void rowsHoldAreasAndColoursOfEverySegment() {
        const auto workspace = sixRegions();
        const SegmentationResult result = workspace->segment(request(0.4));
        const int count = result.composed.annotation.segmentCount();
        QVERIFY(count > 1);
        const SegmentView view = presentSegments(result, makeClassList(), {});
        QCOMPARE(view.rows.size(), count);
        QCOMPARE(view.fills.size(), count);
        QCOMPARE(view.leafColours.size(), qsizetype(result.leaves.size()));
        for (int segment = 0; segment < count; ++segment) {
            QCOMPARE(view.rows[segment].area, result.composed.segmentAreas[std::size_t(segment)]);
            QVERIFY(qAlpha(view.fills[segment]) > 0);
        }
        // Hiding the unlabelled segments hides their fill on the canvas, never their row's colour.
        ViewOptions hidden;
        hidden.showUnlabelled = false;
        const SegmentView withoutUnlabelled = presentSegments(result, makeClassList(), hidden);
        QCOMPARE(qAlpha(withoutUnlabelled.fills[0]), 0);
        QCOMPARE(withoutUnlabelled.rows[0].colour, view.rows[0].colour);
    }

    // A node at or above the cut is the segments below it; one below the cut, its grid cells.
    void nodeRegionsAreSegmentsOrGridCells() {
        const auto workspace = sixRegions();
        const AnnotationState state = request(0.5).state;
        const SegmentationResult fine = workspace->segment(request(workspace->tauForSegmentCount(state, 12)));
        const SegmentationResult coarse = workspace->segment(request(workspace->tauForSegmentCount(state, 3)));
        QVERIFY2(fine.leaves.size() > coarse.leaves.size(), qPrintable(QString("%1 %2").arg(fine.leaves.size()).arg(coarse.leaves.size())));
        QCOMPARE(nodeRegion(coarse, "").segments.size(), coarse.composed.annotation.segmentCount()); // the root

        // A leaf of the fine cut lies below the coarse one: only its cells are known.
        NodePath deep;
        for (const NodePath &path : fine.leafPaths)
            if (std::find(coarse.leafPaths.begin(), coarse.leafPaths.end(), path) == coarse.leafPaths.end())
                deep = path;
        QVERIFY(!deep.empty());
        const CanvasRegion below = nodeRegion(coarse, deep);
        QVERIFY(below.segments.isEmpty());
        QCOMPARE(below.cells.size(), cv::Size(24, 24));
        QCOMPARE(std::size_t(cv::countNonZero(below.cells)), coarse.tree->pixelsOf(*coarse.tree->nodeAtPath(deep)).size());
        QVERIFY(nodeRegion(coarse, "0000000000000000000000").empty()); // no such node

        // Coarsen previews the parent: the segment itself and its sibling's segments.
        int segment = -1;
        for (int index = 0; index < fine.composed.annotation.segmentCount() && segment < 0; ++index)
            if (fine.composed.segmentPaths[std::size_t(index)].front().size() > 1)
                segment = index;
        QVERIFY(segment >= 0);
        const CanvasRegion preview = coarsenPreview(fine, {segment});
        QVERIFY(preview.segments.contains(segment));
        QVERIFY(preview.segments.size() >= 2);
        QCOMPARE(preview.segments, nodeRegion(fine, coarsenTarget(fine, segment)).segments);
        QVERIFY(coarsenPreview(fine, {}).empty());
    }
};

QTEST_GUILESS_MAIN(TestGuiPresenter)
#include "test_gui_presenter.moc"
