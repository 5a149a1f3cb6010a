#pragma once
// What the views show of a segmentation result, computed apart from the widgets so that tests can
// call it directly: the canvas paints (the same style as exported overlays), the Segments table's
// rows, the Hierarchy panel's leaf colours, and the regions and selections that follow edits.
#include "annotation/class_list.h"
#include "controllers/naming_controller.h"
#include "panels/segments_panel.h"
#include "pipeline/segmentation_request.h"
#include "presenter/overlay_raster.h"

#include <QList>
#include <QRgb>
#include <QSet>
#include <QVector>

#include <opencv2/core.hpp>

#include <cstdint>
#include <vector>

namespace diffcut::ui {

struct ViewOptions {
    bool showUnlabelled = true;
    QSet<ClassId> hiddenClasses;
};

struct SegmentView {
    QVector<QRgb> fills;       // per segment, straight alpha before the overlay opacity
    QVector<QRgb> outlines;    // per segment
    QVector<SegmentRow> rows;  // the Segments table
    QVector<QRgb> leafColours; // per leaf of the result (the Hierarchy panel's marks)
    QVector<QRgb> hatches;     // per segment: the suggested class's colour, hatched over it; 0 = none
};

SegmentView presentSegments(const SegmentationResult &result, const ClassList &classes, const ViewOptions &options);

// Suggested names of unlabelled segments (per segment, as NamingController gives them): in the
// rows, and as hatches in the suggested class's colour (none where that class is hidden).
void addSuggestions(SegmentView &view, const QVector<NameSuggestion> &suggestions, const ClassList &classes,
                    const ViewOptions &options);

// A segment's area in image pixels (a preview's map is smaller than the image).
std::int64_t imageArea(const SegmentationResult &result, int segment);

// After a new result for another τ or α: for each segment selected in `previous`, the segment of
// `current` that overlaps it most, when that covers at least half of it; others are dropped, never
// moved to an unrelated region. Counted on a regular sample of at most 65,536 pixels (it runs on
// the UI thread; ~0.2 ms whatever the image size). Either map may be a smaller preview.
QList<int> followSelection(const Annotation &previous, const QList<int> &selected, const Annotation &current);

// The segments whose leaves all lie at or below one of `paths` (the result of a split or merge).
QList<int> segmentsUnder(const ComposedAnnotation &composed, const std::vector<NodePath> &paths);

// A node's region: the segments below it (the canvas draws them at full resolution), or — for a
// node below the cut — its cells on the feature grid. Empty for a path the tree does not have.
CanvasRegion nodeRegion(const SegmentationResult &result, const NodePath &path);

// What Coarsen would make of the selection: the regions of the parents of the selected segments'
// nodes (empty when nothing selected can be coarsened).
CanvasRegion coarsenPreview(const SegmentationResult &result, const QList<int> &selection);

// The node Coarsen would make of a segment: the parent of its node (empty for none).
NodePath coarsenTarget(const SegmentationResult &result, int segment);

} // namespace diffcut::ui
