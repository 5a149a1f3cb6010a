#include "presenter/segmentation_view.h"

#include "export/overlay.h"
#include "segmentation/partition_tree.h"

#include <QColor>

#include <algorithm>
#include <cmath>
#include <map>

namespace diffcut::ui {

namespace {

// At most this many pixels are compared when a selection follows a new result: the work on the UI
// thread stays the same whatever the image size.
constexpr double kFollowSamples = 65'536;

QRgb toQRgb(const cv::Vec4b &rgba) { return qRgba(rgba[0], rgba[1], rgba[2], rgba[3]); }

bool under(const NodePath &leaf, const std::vector<NodePath> &paths) {
    return std::any_of(paths.begin(), paths.end(), [&](const NodePath &path) { return leaf.starts_with(path); });
}

} // namespace

SegmentView presentSegments(const SegmentationResult &result, const ClassList &classes, const ViewOptions &options) {
    const Annotation &annotation = result.composed.annotation;
    PaintOptions paintOptions;
    paintOptions.showUnlabelled = options.showUnlabelled;
    for (const ClassId id : options.hiddenClasses)
        if (const int index = classes.indexOf(id); index >= 0)
            paintOptions.hiddenClasses.insert(index);
    const std::vector<SegmentPaint> paints = segmentPaints(annotation, paintOptions);
    // The table and the hierarchy always show a segment's colour, even when it is hidden on the canvas.
    const std::vector<SegmentPaint> swatches = segmentPaints(annotation);

    SegmentView view;
    const int count = annotation.segmentCount();
    view.fills.resize(count);
    view.outlines.resize(count);
    view.rows.resize(count);
    for (int segment = 0; segment < count; ++segment) {
        view.fills[segment] = toQRgb(paints[std::size_t(segment)].fill);
        view.outlines[segment] = toQRgb(paints[std::size_t(segment)].outline);
        SegmentRow &row = view.rows[segment];
        const cv::Vec4b swatch = swatches[std::size_t(segment)].fill;
        row.colour = QColor(swatch[0], swatch[1], swatch[2]);
        const int classIndex = annotation.segmentClass[std::size_t(segment)];
        if (classIndex >= 0 && classIndex < int(annotation.classes.size()))
            row.className = QString::fromStdString(annotation.classes[std::size_t(classIndex)].name);
        row.area = imageArea(result, segment);
        row.nodeCount = int(result.composed.segmentPaths[std::size_t(segment)].size());
    }
    std::map<int, int> segmentOfNode;
    for (int segment = 0; segment < count; ++segment)
        segmentOfNode[annotation.segmentNode[std::size_t(segment)]] = segment;
    for (const int leaf : result.leaves) {
        const auto segment = segmentOfNode.find(leaf);
        view.leafColours << (segment != segmentOfNode.end() ? view.rows[segment->second].colour.rgb() : qRgb(160, 160, 160));
    }
    return view;
}

void addSuggestions(SegmentView &view, const QVector<NameSuggestion> &suggestions, const ClassList &classes,
                    const ViewOptions &options) {
    view.hatches.fill(0, view.rows.size());
    for (int segment = 0; segment < std::min(view.rows.size(), suggestions.size()); ++segment) {
        const ProjectClass *suggested = classes.find(suggestions[segment].classId);
        if (!suggested)
            continue;
        const QColor colour(suggested->colour[0], suggested->colour[1], suggested->colour[2]);
        SegmentRow &row = view.rows[segment];
        row.suggestedName = QString::fromStdString(suggested->name);
        row.suggestedColour = colour;
        row.suggestedScore = suggestions[segment].score;
        if (!options.hiddenClasses.contains(suggested->id))
            view.hatches[segment] = colour.rgb();
    }
}

QList<int> followSelection(const Annotation &previous, const QList<int> &selected, const Annotation &current) {
    const LabelMap &before = previous.segments, &after = current.segments;
    if (selected.isEmpty() || before.empty() || after.empty())
        return {};
    std::vector<char> wanted(std::size_t(std::max(previous.segmentCount(), 0)), 0);
    for (const int segment : selected)
        if (segment >= 0 && segment < int(wanted.size()))
            wanted[std::size_t(segment)] = 1;
    // One (old segment, new segment) pair per sample in a selected segment, counted after sorting:
    // the work follows the samples, not the number of segments (everything may be selected).
    std::vector<std::uint64_t> pairs;
    const int step = std::max(1, int(std::ceil(std::sqrt(double(before.total()) / double(kFollowSamples)))));
    // The maps cover the same image; either may be a smaller preview of it.
    std::vector<int> afterColumn;
    for (int x = step / 2; x < before.cols; x += step)
        afterColumn.push_back(int(std::int64_t(x) * after.cols / before.cols));
    for (int y = step / 2; y < before.rows; y += step) {
        const int *old = before[y], *now = after[int(std::int64_t(y) * after.rows / before.rows)];
        for (int x = step / 2, i = 0; x < before.cols; x += step, ++i) {
            const int label = now[afterColumn[std::size_t(i)]];
            if (unsigned(old[x]) < wanted.size() && wanted[std::size_t(old[x])] && unsigned(label) < unsigned(current.segmentCount()))
                pairs.push_back(std::uint64_t(std::uint32_t(old[x])) << 32 | std::uint32_t(label));
        }
    }
    std::sort(pairs.begin(), pairs.end());
    QList<int> followed;
    for (std::size_t first = 0; first < pairs.size();) {
        const std::uint32_t segment = std::uint32_t(pairs[first] >> 32);
        std::size_t end = first, size = 0, bestCount = 0;
        int best = -1;
        while (end < pairs.size() && std::uint32_t(pairs[end] >> 32) == segment) {
            std::size_t run = end;
            while (run < pairs.size() && pairs[run] == pairs[end])
                ++run;
            const auto label = int(std::uint32_t(pairs[end]));
            if (run - end > bestCount) {
                bestCount = run - end;
                best = label;
            }
            size += run - end;
            end = run;
        }
        if (best >= 0 && 2 * bestCount >= size && !followed.contains(best))
            followed << best;
        first = end;
    }
    std::sort(followed.begin(), followed.end());
    return followed;
}

QList<int> segmentsUnder(const ComposedAnnotation &composed, const std::vector<NodePath> &paths) {
    QList<int> segments;
    for (int segment = 0; segment < int(composed.segmentPaths.size()); ++segment) {
        const auto &leaves = composed.segmentPaths[std::size_t(segment)];
        if (!leaves.empty() && std::all_of(leaves.begin(), leaves.end(), [&](const NodePath &leaf) { return under(leaf, paths); }))
            segments << segment;
    }
    return segments;
}

CanvasRegion nodeRegion(const SegmentationResult &result, const NodePath &path) {
    CanvasRegion region;
    for (int segment = 0; segment < int(result.composed.segmentPaths.size()); ++segment) {
        const auto &leaves = result.composed.segmentPaths[std::size_t(segment)];
        if (!leaves.empty() && std::all_of(leaves.begin(), leaves.end(), [&](const NodePath &leaf) { return leaf.starts_with(path); }))
            region.segments << segment;
    }
    if (!region.segments.isEmpty())
        return region;
    // Below the cut: only the feature grid knows it. Found by walking down from the root, never
    // expanding (the tree may be busy in a worker).
    const PartitionTree &tree = *result.tree;
    int id = 0;
    for (const char side : path) {
        const auto [on, off] = tree.childrenOf(id);
        if (on < 0)
            return {};
        id = side == '1' ? on : off;
    }
    region.cells = cv::Mat1b(tree.height(), tree.width(), uchar(0));
    for (const int pixel : tree.pixelsOf(id))
        region.cells(pixel / region.cells.cols, pixel % region.cells.cols) = 255;
    return region;
}

std::int64_t imageArea(const SegmentationResult &result, int segment) {
    const std::int64_t area = result.composed.segmentAreas[std::size_t(segment)];
    if (!result.isPreview())
        return area;
    const double scale = double(result.imageSize.area()) / double(result.composed.annotation.segments.total());
    return std::llround(double(area) * scale);
}

NodePath coarsenTarget(const SegmentationResult &result, int segment) {
    if (segment < 0 || segment >= int(result.composed.segmentPaths.size()))
        return {};
    const auto &leaves = result.composed.segmentPaths[std::size_t(segment)];
    if (leaves.empty() || leaves.front().empty())
        return {};
    return leaves.front().substr(0, leaves.front().size() - 1);
}

CanvasRegion coarsenPreview(const SegmentationResult &result, const QList<int> &selection) {
    CanvasRegion preview;
    for (const int segment : selection) {
        const auto &leaves = segment >= 0 && segment < int(result.composed.segmentPaths.size())
                                 ? result.composed.segmentPaths[std::size_t(segment)]
                                 : std::vector<NodePath>{};
        if (leaves.size() != 1 || leaves.front().empty())
            continue; // merged or brush segments, or the root: Coarsen does not apply
        const CanvasRegion region = nodeRegion(result, coarsenTarget(result, segment));
        for (const int inside : region.segments)
            if (!preview.segments.contains(inside))
                preview.segments << inside;
        if (region.cells.empty())
            continue;
        if (preview.cells.empty())
            preview.cells = region.cells;
        else
            preview.cells |= region.cells;
    }
    std::sort(preview.segments.begin(), preview.segments.end());
    return preview;
}

} // namespace diffcut::ui
