#include "segmentation/assignment.h"

#include "common/error.h"
#include "common/parallel.h"
#include "segmentation/partition_tree.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

namespace diffcut {

namespace {

// Per node of the tree, its label among `leaves` (-1 when it is not one).
std::vector<int> labelsOfNodes(const std::vector<int> &leaves, int nodes) {
    std::vector<int> labelOfNode(std::size_t(nodes), -1);
    for (std::size_t label = 0; label < leaves.size(); ++label)
        labelOfNode[std::size_t(leaves[label])] = int(label);
    return labelOfNode;
}

// The label of each leaf of `from` now (-1 when it is gone), or nothing when the leaves that stay
// changed their order (ties would then go another way).
std::optional<std::vector<int>> keptLabels(const std::vector<int> &from, const std::vector<int> &labelOfNode) {
    std::vector<int> kept(from.size());
    int last = -1;
    for (std::size_t label = 0; label < from.size(); ++label) {
        kept[label] = std::size_t(from[label]) < labelOfNode.size() ? labelOfNode[std::size_t(from[label])] : -1;
        if (kept[label] >= 0 && kept[label] < last)
            return std::nullopt;
        last = std::max(last, kept[label]);
    }
    return kept;
}

// The labels of `labelOfNode` that are not among `kept` (the earlier cut's leaves that stay).
std::vector<int> addedLabels(const std::vector<int> &labelOfNode, const std::vector<int> &kept) {
    std::vector<std::uint8_t> stays(labelOfNode.size(), 0);
    for (const int label : kept)
        if (label >= 0)
            stays[std::size_t(label)] = 1;
    std::vector<int> added;
    for (const int label : labelOfNode)
        if (label >= 0 && !stays[std::size_t(label)])
            added.push_back(label);
    return added;
}

// The cells whose pixels can differ from `previous`'s: a leaf that won one of its pixels is gone,
// a new leaf can win one, or its corners now agree while its pixels had several winners or
// another one (a fresh map fills such a cell with the corners' winner unevaluated, where
// evaluating each pixel may have given some to a leaf that ties it by rounding; the corners
// change when a leaf that won a corner sample but no pixel is gone). Elsewhere each pixel's leaf won against
// every leaf that is still there, and every new leaf stays below one of the cell's leaves across
// the whole cell, with the argmax's own rounding slack: their difference is bilinear too, so its
// largest value is at a corner. (Comparing a new leaf's largest corner with the winners' smallest
// one alone would redo half the cells of a 1000-segment map after a τ step that adds 20 leaves:
// neighbouring leaves score high in the same places.)
std::vector<std::uint8_t> cellsToRedo(const UpsampledArgmax &argmax, const LeafAssignment &previous,
                                      const std::vector<int> &labelOfNode, const std::vector<int> &added) {
    std::vector<std::uint8_t> redo(std::size_t(argmax.cellCount()), 0);
    std::vector<CornerScores> winners; // the corner values of the cell's leaves
    for (int cell = 0; cell < argmax.cellCount(); ++cell) {
        const std::array<int, 4> at = argmax.corners(cell);
        float reach = -std::numeric_limits<float>::infinity(), size = 0.0f;
        bool gone = false;
        int winner = -1; // the label of the cell's leaves, when it has one
        winners.clear();
        for (std::size_t i = previous.cellStart[std::size_t(cell)]; i < previous.cellStart[std::size_t(cell) + 1]; ++i) {
            const int leaf = previous.cellLeaves[i];
            const int label = std::size_t(leaf) < labelOfNode.size() ? labelOfNode[std::size_t(leaf)] : -1;
            if (label < 0) {
                gone = true;
                break;
            }
            winner = label;
            winners.push_back(argmax.cornerScores(label, at));
            reach = std::max(reach, lowest(winners.back()));
            size = std::max(size, magnitude(winners.back()));
        }
        const int corner = argmax.sampleWinner(at[0]);
        const bool agree = corner == argmax.sampleWinner(at[1]) && corner == argmax.sampleWinner(at[2]) &&
                           corner == argmax.sampleWinner(at[3]);
        bool changes = gone || (agree && (winners.size() > 1 || winner != corner));
        for (std::size_t i = 0; i < added.size() && !changes; ++i) {
            const CornerScores values = argmax.cornerScores(added[i], at);
            const float slack = kArgmaxSlack * std::max(size, magnitude(values));
            if (highest(values) < reach - slack)
                continue; // below a value every pixel's winner reaches
            changes = std::none_of(winners.begin(), winners.end(),
                                   [&](const CornerScores &other) { return belowThroughout(values, other, slack); });
        }
        redo[std::size_t(cell)] = changes;
    }
    return redo;
}

// <a, b> with sixteen partial sums in a fixed order whatever the instruction set chosen at run
// time (this file is compiled with -ffp-contract=off: never a fused multiply-add on one machine
// and not on another), so a score row is the same on every machine and in every batch.
__attribute__((target_clones("avx512f", "avx2", "default"))) float dot(const float *a, const float *b, int n) {
    constexpr int kLanes = 16;
    float partial[kLanes] = {};
    int i = 0;
    for (; i + kLanes <= n; i += kLanes)
        for (int lane = 0; lane < kLanes; ++lane)
            partial[lane] += a[i + lane] * b[i + lane];
    for (; i < n; ++i)
        partial[i % kLanes] += a[i] * b[i];
    for (int width = kLanes / 2; width >= 1; width /= 2)
        for (int lane = 0; lane < width; ++lane)
            partial[lane] += partial[lane + width];
    return partial[0];
}

} // namespace

ConceptAssigner::ConceptAssigner(const FeatureMap &features)
    : unitFeatures_((validateFeatures(features), features.unitPixelColumns())), height_(features.height),
      width_(features.width) {}

LabelMap ConceptAssigner::assign(const LabelMap &lowRes, cv::Size outSize) const {
    if (lowRes.rows != height_ || lowRes.cols != width_)
        throw Error("label map " + std::to_string(lowRes.cols) + "x" + std::to_string(lowRes.rows) +
                    " does not match the feature grid " + std::to_string(width_) + "x" + std::to_string(height_));
    if (outSize.width <= 0 || outSize.height <= 0)
        throw Error("output size must be positive");
    double lowest = 0;
    cv::minMaxLoc(lowRes, &lowest);
    if (lowest < 0)
        throw Error("label map has negative labels");
    const int k = labelCount(lowRes);
    const int n = int(unitFeatures_.cols());

    // e_k = masked mean of the unit features (not re-normalised, as in the official code).
    Eigen::MatrixXf embeddings = Eigen::MatrixXf::Zero(unitFeatures_.rows(), k);
    Eigen::VectorXf counts = Eigen::VectorXf::Zero(k);
    const int *label = lowRes.ptr<int>();
    for (int p = 0; p < n; ++p) {
        embeddings.col(label[p]) += unitFeatures_.col(p);
        counts[label[p]] += 1.0f;
    }
    embeddings = embeddings * (counts.array() + 1e-8f).inverse().matrix().asDiagonal();

    // K x N scores, row-major: row k is segment k's score map.
    const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> scores =
        embeddings.transpose() * unitFeatures_;
    std::vector<const float *> rows(static_cast<std::size_t>(k));
    for (int c = 0; c < k; ++c)
        rows[std::size_t(c)] = scores.row(c).data();
    return argmaxOfRows(rows, height_, width_, outSize);
}

LeafAssignment ConceptAssigner::assignLeaves(const PartitionTree &tree, const std::vector<int> &leaves, cv::Size outSize,
                                             LeafScoreCache &cache, const LeafAssignment *previous,
                                             const WorkControl &control) const {
    if (tree.height() != height_ || tree.width() != width_)
        throw Error("the tree's grid does not match the feature grid");
    if (leaves.empty())
        throw Error("no leaves to assign");
    if (outSize.width <= 0 || outSize.height <= 0)
        throw Error("output size must be positive");
    const std::vector<LeafScoreCache::Row> rows =
        cache.rows(leaves, [&](const std::vector<int> &missing) { return scoreRows(tree, missing); });
    std::vector<const float *> pointers;
    for (const LeafScoreCache::Row &row : rows)
        pointers.push_back(row->data());
    return assignScoreRows(pointers, leaves, tree.nodeCount(), height_, width_, outSize, previous, control);
}

LeafAssignment assignScoreRows(const std::vector<const float *> &rows, const std::vector<int> &leaves, int nodes, int h,
                               int w, cv::Size outSize, const LeafAssignment *previous, const WorkControl &control) {
    std::vector<ScoreSource> sources;
    for (const float *row : rows)
        sources.push_back({row, cv::Rect(0, 0, w, h), std::size_t(w)});
    UpsampledArgmax argmax(std::move(sources), h, w, outSize);

    std::vector<std::uint8_t> redo; // empty: every cell
    std::vector<int> kept;          // previous label -> label here, or -1
    if (previous && previous->labels.size() == outSize &&
        previous->cellStart.size() == std::size_t(argmax.cellCount()) + 1) {
        const std::vector<int> labelOfNode = labelsOfNodes(leaves, nodes);
        if (auto labels = keptLabels(previous->leaves, labelOfNode)) {
            kept = std::move(*labels);
            const std::vector<int> added = addedLabels(labelOfNode, kept);
            if (previous->sampleWinners.size() == std::size_t(argmax.cellCount()))
                argmax.findWinners(previous->sampleWinners, kept, added);
            else
                argmax.findWinners();
            redo = cellsToRedo(argmax, *previous, labelOfNode, added);
        }
    }
    argmax.findCandidates(redo);
    LeafAssignment result{leaves, LabelMap(outSize), {}, {}, argmax.sampleWinners(),
                          redo.empty() ? argmax.cellCount() : int(std::count(redo.begin(), redo.end(), 1))};
    std::vector<std::vector<int>> winners(static_cast<std::size_t>(argmax.cellCount())); // per cell redone
    parallelFor(argmax.rowRuns(), 1, [&](int first, int end) {
        const auto keep = [&](int, const cv::Rect &pixels) {
            for (int y = pixels.y; y < pixels.y + pixels.height; ++y) {
                const int *from = previous->labels.ptr<int>(y) + pixels.x;
                int *to = result.labels.ptr<int>(y) + pixels.x;
                for (int x = 0; x < pixels.width; ++x)
                    to[x] = kept[std::size_t(from[x])];
            }
        };
        const auto filled = [&](int cell, const cv::Rect &pixels) {
            std::vector<int> &labels = winners[std::size_t(cell)];
            const auto add = [&](int label) {
                if (std::find(labels.begin(), labels.end(), label) == labels.end())
                    labels.insert(std::upper_bound(labels.begin(), labels.end(), label), label);
            };
            for (int y = pixels.y; y < pixels.y + pixels.height; ++y) {
                const int *row = result.labels.ptr<int>(y) + pixels.x;
                for (int x = 0; x < pixels.width; ++x)
                    if (x == 0 || row[x] != row[x - 1])
                        add(row[x]);
            }
        };
        argmax.fill(result.labels, first, end, control.stop, keep, filled);
    });
    control.checkpoint(); // a map stopped halfway is never returned

    result.cellStart.reserve(std::size_t(argmax.cellCount()) + 1);
    for (int cell = 0; cell < argmax.cellCount(); ++cell) {
        result.cellStart.push_back(result.cellLeaves.size());
        if (redo.empty() || redo[std::size_t(cell)]) {
            for (const int label : winners[std::size_t(cell)])
                result.cellLeaves.push_back(leaves[std::size_t(label)]);
        } else {
            result.cellLeaves.insert(result.cellLeaves.end(),
                                     previous->cellLeaves.begin() + std::ptrdiff_t(previous->cellStart[std::size_t(cell)]),
                                     previous->cellLeaves.begin() + std::ptrdiff_t(previous->cellStart[std::size_t(cell) + 1]));
        }
    }
    result.cellStart.push_back(result.cellLeaves.size());
    return result;
}

std::vector<std::vector<float>> ConceptAssigner::scoreRows(const PartitionTree &tree, const std::vector<int> &nodes) const {
    Eigen::MatrixXf embeddings(unitFeatures_.rows(), Eigen::Index(nodes.size()));
    for (std::size_t j = 0; j < nodes.size(); ++j)
        embeddings.col(Eigen::Index(j)) = embedding(tree.pixelsOf(nodes[j]));
    const int n = int(unitFeatures_.cols()), channels = int(unitFeatures_.rows());
    std::vector<std::vector<float>> rows(nodes.size(), std::vector<float>(std::size_t(n)));
    // One pass over the features for all rows, where a product per row would read them all per
    // row. Each value is one dot product, so a node's row never depends on the others computed
    // with it (a blocked product's rounding would).
    parallelFor(n, 32, [&](int first, int end) {
        for (int p = first; p < end; ++p)
            for (std::size_t j = 0; j < nodes.size(); ++j)
                rows[j][std::size_t(p)] = dot(unitFeatures_.col(p).data(), embeddings.col(Eigen::Index(j)).data(), channels);
    });
    return rows;
}

std::vector<LeafScoreCache::Row>
LeafScoreCache::rows(const std::vector<int> &nodes,
                     const std::function<std::vector<std::vector<float>>(const std::vector<int> &missing)> &compute) {
    std::vector<Row> found(nodes.size());
    std::vector<int> missing;
    {
        const std::lock_guard lock(mutex_);
        for (std::size_t i = 0; i < nodes.size(); ++i)
            if (const auto it = rows_.find(nodes[i]); it != rows_.end())
                found[i] = it->second;
            else
                missing.push_back(nodes[i]);
    }
    if (missing.empty())
        return found;
    std::vector<std::vector<float>> computed = compute(missing);
    const std::lock_guard lock(mutex_);
    std::size_t next = 0;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        if (found[i])
            continue;
        auto row = std::make_shared<const std::vector<float>>(std::move(computed[next++]));
        const auto [entry, inserted] = rows_.try_emplace(nodes[i], row);
        found[i] = entry->second; // computed meanwhile by another thread: one row per node
        if (!inserted)
            continue;
        order_.push_back(nodes[i]);
        bytes_ += row->size() * sizeof(float);
        // The oldest rows go first (a caller that holds one keeps it).
        while (bytes_ > kBudgetBytes && order_.size() > 1) {
            const auto oldest = rows_.find(order_.front());
            bytes_ -= oldest->second->size() * sizeof(float);
            rows_.erase(oldest);
            order_.pop_front();
        }
    }
    return found;
}

Eigen::VectorXf ConceptAssigner::embedding(const std::vector<int> &gridPixels) const {
    Eigen::VectorXf sum = Eigen::VectorXf::Zero(unitFeatures_.rows());
    for (const int pixel : gridPixels)
        sum += unitFeatures_.col(pixel);
    return sum / (float(gridPixels.size()) + 1e-8f);
}

cv::Mat1f ConceptAssigner::scoreMap(const Eigen::VectorXf &direction) const {
    const Eigen::RowVectorXf scores = direction.transpose() * unitFeatures_;
    cv::Mat1f map(height_, width_);
    std::copy(scores.data(), scores.data() + scores.size(), map.ptr<float>());
    return map;
}

} // namespace diffcut
