#include "annotation/annotation_state.h"

#include "common/error.h"
#include "common/parallel.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <optional>
#include <string>

namespace diffcut {
namespace {

bool isAncestorOrSelf(const NodePath &ancestor, const NodePath &node) { return node.starts_with(ancestor); }

// On one root-to-leaf line: the same node, an ancestor or a descendant.
bool related(const NodePath &a, const NodePath &b) { return isAncestorOrSelf(a, b) || isAncestorOrSelf(b, a); }

bool relatedToAny(const std::vector<NodePath> &group, const NodePath &node) {
    return std::any_of(group.begin(), group.end(), [&](const NodePath &member) { return related(member, node); });
}

// The first merge group that `node` belongs to, or −1.
int mergeGroupOf(const std::vector<std::vector<NodePath>> &merges, const NodePath &node) {
    for (std::size_t group = 0; group < merges.size(); ++group)
        if (relatedToAny(merges[group], node))
            return int(group);
    return -1;
}

// Erases the entries strictly below `node`; whether there were any.
template <typename Value>
bool eraseBelow(std::map<NodePath, Value> &entries, const NodePath &node) {
    auto first = entries.upper_bound(node); // descendants sort right after their ancestor
    auto last = first;
    while (last != entries.end() && last->first.starts_with(node))
        ++last;
    entries.erase(first, last);
    return first != last;
}

// The class a node gets from its nearest strict ancestor with an entry, or kUnlabelled.
int inheritedClass(const std::map<NodePath, int> &nodeClass, const NodePath &node) {
    for (std::size_t length = node.size(); length-- > 0;)
        if (const auto entry = nodeClass.find(node.substr(0, length)); entry != nodeClass.end())
            return entry->second;
    return Annotation::kUnlabelled;
}

// Makes `node`'s class `classIndex`, storing an entry only when it differs from the inherited one.
bool setClassEntry(std::map<NodePath, int> &nodeClass, const NodePath &node, int classIndex) {
    if (inheritedClass(nodeClass, node) == classIndex)
        return nodeClass.erase(node) > 0;
    const auto [entry, inserted] = nodeClass.try_emplace(node, classIndex);
    if (inserted || entry->second == classIndex)
        return inserted;
    entry->second = classIndex;
    return true;
}

// The rules of composeAnnotation for one leaf's class, as an index into the current classes.
int leafClass(const std::map<NodePath, ClassId> &nodeClass, const NodePath &leaf, const ClassList &classes) {
    const auto valid = [&classes](ClassId id) {
        const int index = id >= 0 ? classes.indexOf(id) : -1;
        return index >= 0 ? index : Annotation::kUnlabelled;
    };
    for (std::size_t length = leaf.size() + 1; length-- > 0;)
        if (const auto entry = nodeClass.find(leaf.substr(0, length)); entry != nodeClass.end())
            return valid(entry->second);
    std::optional<int> agreed;
    for (auto entry = nodeClass.upper_bound(leaf); entry != nodeClass.end() && entry->first.starts_with(leaf);
         ++entry) {
        if (agreed && *agreed != valid(entry->second))
            return Annotation::kUnlabelled;
        agreed = valid(entry->second);
    }
    return agreed.value_or(Annotation::kUnlabelled);
}

std::string sizeText(cv::Size size) { return std::to_string(size.width) + "x" + std::to_string(size.height); }

} // namespace

const NodeDecisions *decisionsFor(const AnnotationState &state, const TreeKey &tree) {
    for (const DecisionSet &set : state.decisionSets)
        if (set.tree.sameTree(tree))
            return &set.decisions;
    return nullptr;
}

NodeDecisions &editDecisionsFor(AnnotationState &state, const TreeKey &tree) {
    for (DecisionSet &set : state.decisionSets)
        if (set.tree.sameTree(tree)) {
            if (set.tree.features.imageHash.empty())
                set.tree.features.imageHash = tree.features.imageHash;
            return set.decisions;
        }
    return state.decisionSets.emplace_back(DecisionSet{tree, {}}).decisions;
}

std::vector<const DecisionSet *> setAsideDecisions(const AnnotationState &state, const TreeKey &tree) {
    std::vector<const DecisionSet *> aside;
    for (const DecisionSet &set : state.decisionSets)
        if (!set.decisions.empty() && !set.tree.sameTree(tree))
            aside.push_back(&set);
    return aside;
}

bool sameDecisions(const AnnotationState &a, const AnnotationState &b) {
    if (a.tau != b.tau || a.alpha != b.alpha || a.refine != b.refine || a.done != b.done ||
        a.decisionSets.size() != b.decisionSets.size())
        return false;
    for (std::size_t index = 0; index < a.decisionSets.size(); ++index) {
        const DecisionSet &x = a.decisionSets[index], &y = b.decisionSets[index];
        if (!(x.decisions == y.decisions) || x.tree.alpha != y.tree.alpha || !x.tree.features.sameFeatures(y.tree.features) ||
            x.tree.features.imageHash != y.tree.features.imageHash)
            return false;
    }
    return true;
}

CutOverrides cutOverridesFor(PartitionTree &tree, const NodeDecisions &decisions, const WorkControl &control) {
    CutOverrides overrides;
    for (const auto &[path, split] : decisions.overrides)
        if (const std::optional<int> id = tree.nodeAtPath(path, control))
            overrides[*id] = split;
    return overrides;
}

bool splitNode(NodeDecisions &decisions, const NodePath &leaf) {
    bool changed = false;
    for (const auto &[path, split] : {std::pair{leaf, true}, std::pair{leaf + '1', false}, std::pair{leaf + '0', false}}) {
        const auto [entry, inserted] = decisions.overrides.try_emplace(path, split);
        changed = changed || inserted || entry->second != split;
        entry->second = split;
    }
    return changed;
}

bool coarsenNode(NodeDecisions &decisions, const NodePath &leaf) {
    if (leaf.empty())
        return false;
    const NodePath parent = leaf.substr(0, leaf.size() - 1);
    bool changed = eraseBelow(decisions.overrides, parent);
    const auto [entry, inserted] = decisions.overrides.try_emplace(parent, false);
    changed = changed || inserted || entry->second;
    entry->second = false;
    return changed;
}

bool makeSegment(NodeDecisions &decisions, const NodePath &node, const std::vector<NodePath> &currentLeaves) {
    const std::map<NodePath, bool> before = decisions.overrides;
    const auto holder = std::find_if(currentLeaves.begin(), currentLeaves.end(),
                                     [&](const NodePath &leaf) { return isAncestorOrSelf(leaf, node); });
    if (holder != currentLeaves.end()) {
        // Below (or at) the leaf that holds it: split the way down from that leaf, keeping each
        // sibling on the way whole, so only the leaf's pixels change.
        eraseBelow(decisions.overrides, *holder);
        for (std::size_t length = holder->size(); length < node.size(); ++length) {
            decisions.overrides[node.substr(0, length)] = true;
            const char other = node[length] == '1' ? '0' : '1';
            decisions.overrides[node.substr(0, length) + other] = false;
        }
    }
    eraseBelow(decisions.overrides, node);
    decisions.overrides[node] = false;
    return decisions.overrides != before;
}

bool mergeNodes(NodeDecisions &decisions, const std::vector<NodePath> &nodes) {
    std::vector<NodePath> distinct;
    for (const NodePath &node : nodes)
        if (std::find(distinct.begin(), distinct.end(), node) == distinct.end())
            distinct.push_back(node);
    if (distinct.size() < 2)
        return false;

    // Absorb every group related to the growing one, until none is left (an absorbed group can
    // relate the new one to a further group).
    std::vector<std::vector<NodePath>> merges = decisions.merges;
    std::vector<NodePath> united;
    std::optional<std::size_t> place;
    for (bool absorbed = true; absorbed;) {
        absorbed = false;
        for (std::size_t group = 0; group < merges.size(); ++group) {
            const bool touches = std::any_of(merges[group].begin(), merges[group].end(), [&](const NodePath &member) {
                return relatedToAny(distinct, member) || relatedToAny(united, member);
            });
            if (!touches)
                continue;
            united.insert(united.end(), merges[group].begin(), merges[group].end());
            merges.erase(merges.begin() + std::ptrdiff_t(group));
            place = std::min(place.value_or(group), group);
            absorbed = true;
            break;
        }
    }
    for (const NodePath &node : distinct)
        if (std::find(united.begin(), united.end(), node) == united.end())
            united.push_back(node);

    // A member below another member adds nothing: every leaf related to it is related to the other.
    std::vector<NodePath> group;
    for (const NodePath &member : united) {
        const bool redundant = std::any_of(united.begin(), united.end(), [&](const NodePath &other) {
            return other != member && isAncestorOrSelf(other, member);
        });
        if (!redundant && std::find(group.begin(), group.end(), member) == group.end())
            group.push_back(member);
    }
    if (group.size() < 2)
        return false;
    merges.insert(merges.begin() + std::ptrdiff_t(place.value_or(merges.size())), std::move(group));
    if (merges == decisions.merges)
        return false;
    decisions.merges = std::move(merges);
    return true;
}

bool dissolveMerge(NodeDecisions &decisions, const NodePath &member) {
    const int group = mergeGroupOf(decisions.merges, member);
    if (group < 0)
        return false;
    decisions.merges.erase(decisions.merges.begin() + group);
    return true;
}

bool assignClass(NodeDecisions &decisions, const std::vector<NodePath> &nodes, ClassId classId) {
    if (classId < Annotation::kUnlabelled)
        throw Error("class id " + std::to_string(classId) + " does not name a class");
    bool changed = false;
    for (const NodePath &node : nodes) {
        changed = eraseBelow(decisions.nodeClass, node) || changed;
        changed = setClassEntry(decisions.nodeClass, node, classId) || changed;
    }
    return changed;
}

bool usesClass(const AnnotationState &state, ClassId classId) {
    for (const DecisionSet &set : state.decisionSets)
        for (const auto &[path, entry] : set.decisions.nodeClass)
            if (entry == classId)
                return true;
    if (state.brush.empty() || classId < 0 || classId > BrushValue::kLargestClassId)
        return false;
    return cv::countNonZero(state.brush == BrushValue::forClass(classId)) > 0;
}

cv::Rect paintStroke(AnnotationState &state, cv::Size imageSize, const std::vector<cv::Point> &points, int radius,
                     std::uint16_t value) {
    if (radius < 0)
        throw Error("the brush radius must not be negative (got " + std::to_string(radius) + ")");
    if (state.brush.empty())
        state.brush = cv::Mat1w(imageSize, BrushValue::kUntouched);
    else if (state.brush.size() != imageSize)
        throw Error("the brush layer is " + sizeText(state.brush.size()) + " but the image is " + sizeText(imageSize));
    if (points.empty())
        return {};

    // Draw the stroke's footprint into a mask covering only its bounding box, then copy it in.
    const cv::Rect bounds = cv::boundingRect(points);
    const cv::Rect reach = cv::Rect(bounds.x - radius, bounds.y - radius, bounds.width + 2 * radius,
                                    bounds.height + 2 * radius) &
                           cv::Rect(cv::Point(), imageSize);
    if (reach.empty())
        return {};
    cv::Mat1b footprint(reach.size(), 0);
    if (points.size() == 1)
        cv::circle(footprint, points.front() - reach.tl(), radius, 255, cv::FILLED);
    for (std::size_t index = 1; index < points.size(); ++index)
        cv::line(footprint, points[index - 1] - reach.tl(), points[index] - reach.tl(), 255, 2 * radius + 1);

    int left = reach.width, top = reach.height, right = -1, bottom = -1;
    for (int y = 0; y < reach.height; ++y) {
        const std::uint8_t *inside = footprint[y];
        std::uint16_t *pixel = state.brush[reach.y + y] + reach.x;
        for (int x = 0; x < reach.width; ++x) {
            if (!inside[x] || pixel[x] == value)
                continue;
            pixel[x] = value;
            left = std::min(left, x);
            right = std::max(right, x);
            top = std::min(top, y);
            bottom = y;
        }
    }
    if (right < 0)
        return {};
    return cv::Rect(reach.x + left, reach.y + top, right - left + 1, bottom - top + 1);
}

ComposedAnnotation composeAnnotation(const AnnotationState &state, const NodeDecisions *decisions,
                                     const LabelMap &segments, const std::vector<NodePath> &leafPaths,
                                     const std::vector<int> &leafIds, const ClassList &classes,
                                     const std::filesystem::path &imagePath) {
    if (leafPaths.size() != leafIds.size())
        throw Error("composing the annotation: " + std::to_string(leafPaths.size()) + " leaf paths but " +
                    std::to_string(leafIds.size()) + " leaf ids");
    static const NodeDecisions kNone;
    const NodeDecisions &applied = decisions ? *decisions : kNone;
    const bool brushed = !state.brush.empty();
    if (brushed && state.brush.size() != segments.size())
        throw Error("the brush layer is " + sizeText(state.brush.size()) + " but the segmentation is " +
                    sizeText(segments.size()));
    const int leafCount = int(leafPaths.size());
    const int classCount = int(classes.classes.size());

    // Candidate segments: the leaves (merge groups as one) in order of first leaf, then one brush
    // segment per class and one for erased pixels; those that end up without pixels are dropped.
    struct Candidate {
        std::vector<NodePath> paths;
        int classIndex = Annotation::kUnlabelled;
        int node = -1;
    };
    std::vector<Candidate> candidates;
    std::vector<int> segmentOfLeaf(leafCount);
    std::vector<int> segmentOfGroup(applied.merges.size(), -1);
    for (int leaf = 0; leaf < leafCount; ++leaf) {
        const int group = mergeGroupOf(applied.merges, leafPaths[leaf]);
        int segment = group >= 0 ? segmentOfGroup[group] : -1;
        if (segment < 0) {
            segment = int(candidates.size());
            candidates.emplace_back();
            if (group >= 0)
                segmentOfGroup[group] = segment;
        }
        Candidate &candidate = candidates[segment];
        candidate.paths.push_back(leafPaths[leaf]);
        candidate.node = candidate.paths.size() == 1 ? leafIds[leaf] : -1;
        if (candidate.classIndex == Annotation::kUnlabelled)
            candidate.classIndex = leafClass(applied.nodeClass, leafPaths[leaf], classes);
        segmentOfLeaf[leaf] = segment;
    }
    // Segment per brush value: 1 erased, 2 + id the class's brush segment; −1 (untouched, deleted or
    // unknown classes) leaves the pixel to the automatic segmentation.
    std::vector<int> segmentOfBrush;
    if (brushed) {
        const int firstBrushSegment = int(candidates.size());
        ClassId largestId = -1;
        for (const ProjectClass &labelClass : classes.classes)
            largestId = std::max(largestId, std::min(labelClass.id, BrushValue::kLargestClassId));
        segmentOfBrush.assign(std::size_t(BrushValue::forClass(largestId + 1)), -1);
        segmentOfBrush[BrushValue::kErased] = firstBrushSegment + classCount;
        for (int classIndex = 0; classIndex < classCount; ++classIndex) {
            const ClassId id = classes.classes[std::size_t(classIndex)].id;
            if (id <= BrushValue::kLargestClassId)
                segmentOfBrush[BrushValue::forClass(id)] = firstBrushSegment + classIndex;
            candidates.push_back({{}, classIndex, -1});
        }
        candidates.push_back({{}, Annotation::kUnlabelled, -1});
    }

    // The one pass over the pixels. Without brush strokes and merges every leaf is its own segment
    // and the automatic map is already the answer: it is shared, not copied (writing a fresh
    // image-sized map costs more than everything else here, mostly in page faults).
    bool identity = !brushed;
    for (int leaf = 0; identity && leaf < leafCount; ++leaf)
        identity = segmentOfLeaf[leaf] == leaf;
    LabelMap composed = identity ? segments : LabelMap(segments.size());
    const std::size_t brushValues = segmentOfBrush.size();
    // Bands of rows in parallel, each tallying the candidates' pixels and boxes on its own, a run
    // of equal values at a time: one pass composes, checks and measures a million pixels.
    struct Tally {
        std::vector<std::int64_t> area;
        std::vector<int> left, top, right, bottom;
        Tally(std::size_t count, cv::Size size)
            : area(count, 0), left(count, size.width), top(count, size.height), right(count, -1), bottom(count, -1) {}
        void add(std::size_t candidate, int y, int first, int end) {
            area[candidate] += end - first;
            left[candidate] = std::min(left[candidate], first);
            right[candidate] = std::max(right[candidate], end - 1);
            top[candidate] = std::min(top[candidate], y);
            bottom[candidate] = y;
        }
        void merge(const Tally &band) {
            for (std::size_t candidate = 0; candidate < area.size(); ++candidate) {
                area[candidate] += band.area[candidate];
                left[candidate] = std::min(left[candidate], band.left[candidate]);
                top[candidate] = std::min(top[candidate], band.top[candidate]);
                right[candidate] = std::max(right[candidate], band.right[candidate]);
                bottom[candidate] = std::max(bottom[candidate], band.bottom[candidate]);
            }
        }
    };
    const std::size_t count = candidates.size();
    std::vector<Tally> tallies(kMaxRowBands, Tally(0, segments.size())); // sized by the bands used
    const int bands = forRowBands(segments.rows, segments.cols, [&](int band, int first, int end) {
        Tally &tally = tallies[std::size_t(band)] = Tally(count, segments.size());
        for (int y = first; y < end; ++y) {
            const int *label = segments[y];
            for (int x = 0; x < segments.cols; ++x)
                if (unsigned(label[x]) >= unsigned(leafCount))
                    throw Error("composing the annotation: label " + std::to_string(label[x]) + " at (" +
                                std::to_string(x) + ", " + std::to_string(y) + ") is not one of the " +
                                std::to_string(leafCount) + " leaves");
            const int *segment = label;
            if (!identity) {
                int *composedRow = composed[y];
                for (int x = 0; x < segments.cols; ++x)
                    composedRow[x] = segmentOfLeaf[label[x]];
                if (brushed) {
                    const std::uint16_t *paint = state.brush[y];
                    for (int x = 0; x < segments.cols; ++x)
                        if (paint[x] < brushValues && segmentOfBrush[paint[x]] >= 0)
                            composedRow[x] = segmentOfBrush[paint[x]];
                }
                segment = composedRow;
            }
            for (int x = 0; x < segments.cols;) {
                const int start = x;
                while (x < segments.cols && segment[x] == segment[start])
                    ++x;
                tally.add(std::size_t(segment[start]), y, start, x);
            }
        }
    });
    Tally whole(count, segments.size());
    for (int band = 0; band < bands; ++band)
        whole.merge(tallies[std::size_t(band)]);

    // Drop the empty segments; renumber the pixels only when a kept segment moves.
    std::vector<int> finalIndex(candidates.size(), -1);
    ComposedAnnotation result;
    Annotation &annotation = result.annotation;
    bool moved = false;
    for (std::size_t candidate = 0; candidate < candidates.size(); ++candidate) {
        if (whole.area[candidate] == 0)
            continue;
        finalIndex[candidate] = annotation.segmentCount();
        moved = moved || finalIndex[candidate] != int(candidate);
        annotation.segmentClass.push_back(candidates[candidate].classIndex);
        annotation.segmentNode.push_back(candidates[candidate].node);
        result.segmentPaths.push_back(std::move(candidates[candidate].paths));
        result.segmentAreas.push_back(whole.area[candidate]);
        result.segmentBounds.emplace_back(whole.left[candidate], whole.top[candidate],
                                          whole.right[candidate] - whole.left[candidate] + 1,
                                          whole.bottom[candidate] - whole.top[candidate] + 1);
    }
    if (moved) {
        if (identity) // the shared map is the caller's: renumber a copy
            composed = LabelMap(segments.size());
        for (int y = 0; y < composed.rows; ++y) {
            const int *source = identity ? segments[y] : composed[y];
            int *row = composed.ptr<int>(y);
            for (int x = 0; x < composed.cols; ++x)
                row[x] = finalIndex[std::size_t(source[x])];
        }
    }
    annotation.imagePath = imagePath;
    annotation.segments = std::move(composed);
    annotation.classes = classes.labelClasses();
    annotation.tau = state.tau;
    annotation.alpha = state.alpha;
    return result;
}

} // namespace diffcut
