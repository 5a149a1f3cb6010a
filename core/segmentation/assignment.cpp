#include "segmentation/assignment.h"

#include "common/error.h"
#include "segmentation/partition_tree.h"

#include <algorithm>
#include <limits>
#include <string>

namespace diffcut {

BilinearTaps bilinearTaps(int in, int out) {
    BilinearTaps taps{std::vector<int>(out), std::vector<int>(out), std::vector<float>(out)};
    const float scale = float(in) / float(out);
    for (int i = 0; i < out; ++i) {
        const float source = std::max(scale * (float(i) + 0.5f) - 0.5f, 0.0f);
        const int low = std::min(int(source), in - 1);
        taps.low[i] = low;
        taps.high[i] = low < in - 1 ? low + 1 : low;
        taps.weightHigh[i] = source - float(low);
    }
    return taps;
}

namespace {

// Argmax of the bilinearly upsampled maps of K labels whose samples are interleaved (h, w, K).
// Exact, with work bounded by the boundaries rather than by K: within the cell between four
// samples, a pixel's value for label k is a convex combination of k's four corner values, so it is
// at least their minimum and at most their maximum. A cell whose four corners have one winner is
// filled with it; otherwise only the labels whose maximum over the corners reaches the best
// guaranteed value (the largest corner minimum of a corner winner) can win a pixel there, and only
// those are evaluated.
LabelMap argmaxOfInterleaved(const std::vector<float> &scores, int k, int h, int w, cv::Size outSize) {
    LabelMap best(h, w);
    for (int cell = 0; cell < h * w; ++cell) {
        const float *s = &scores[std::size_t(cell) * k];
        best.ptr<int>()[cell] = int(std::max_element(s, s + k) - s); // ties to the first maximum
    }

    const BilinearTaps rows = bilinearTaps(h, outSize.height), cols = bilinearTaps(w, outSize.width);
    // Output columns sharing one pair of source columns form a span.
    std::vector<int> spanStart{0};
    for (int x = 1; x < outSize.width; ++x)
        if (cols.low[x] != cols.low[x - 1])
            spanStart.push_back(x);
    spanStart.push_back(outSize.width);

    LabelMap labels(outSize);
#pragma omp parallel if (outSize.area() >= 65536)
    {
        std::vector<int> candidates;
        int candidatesFor = -1; // the cell (y0 * w + x0, y1 ≠ y0 kept apart below) they were found for
        int candidatesRow = -1;
#pragma omp for schedule(static)
        for (int y = 0; y < outSize.height; ++y) {
            const int y0 = rows.low[y], y1 = rows.high[y];
            const float wy1 = rows.weightHigh[y], wy0 = 1.0f - wy1;
            int *out = labels.ptr<int>(y);
            for (std::size_t span = 0; span + 1 < spanStart.size(); ++span) {
                const int first = spanStart[span], end = spanStart[span + 1];
                const int x0 = cols.low[first], x1 = cols.high[first];
                const int corners[4] = {best(y0, x0), best(y0, x1), best(y1, x0), best(y1, x1)};
                if (corners[1] == corners[0] && corners[2] == corners[0] && corners[3] == corners[0]) {
                    std::fill(out + first, out + end, corners[0]);
                    continue;
                }
                const float *s00 = &scores[(std::size_t(y0) * w + x0) * k], *s01 = &scores[(std::size_t(y0) * w + x1) * k];
                const float *s10 = &scores[(std::size_t(y1) * w + x0) * k], *s11 = &scores[(std::size_t(y1) * w + x1) * k];
                if (candidatesFor != y0 * w + x0 || candidatesRow != y1) {
                    float guaranteed = -std::numeric_limits<float>::infinity();
                    for (const int winner : corners)
                        guaranteed = std::max(guaranteed, std::min({s00[winner], s01[winner], s10[winner], s11[winner]}));
                    candidates.clear();
                    for (int c = 0; c < k; ++c)
                        if (std::max({s00[c], s01[c], s10[c], s11[c]}) >= guaranteed)
                            candidates.push_back(c); // ascending: ties still go to the first maximum
                    candidatesFor = y0 * w + x0;
                    candidatesRow = y1;
                }
                for (int x = first; x < end; ++x) {
                    const float wx1 = cols.weightHigh[x], wx0 = 1.0f - wx1;
                    int arg = 0;
                    float top = 0.0f;
                    bool any = false;
                    for (const int c : candidates) {
                        const float value = wy0 * (wx0 * s00[c] + wx1 * s01[c]) + wy1 * (wx0 * s10[c] + wx1 * s11[c]);
                        if (!any || value > top) {
                            top = value;
                            arg = c;
                            any = true;
                        }
                    }
                    out[x] = arg;
                }
            }
        }
    }
    return labels;
}

} // namespace

LabelMap argmaxOfUpsampled(const std::vector<cv::Mat1f> &scoreMaps, cv::Size outSize) {
    if (scoreMaps.empty())
        throw Error("no score maps to assign from");
    const int k = int(scoreMaps.size());
    const int h = scoreMaps[0].rows, w = scoreMaps[0].cols;
    for (const cv::Mat1f &map : scoreMaps)
        if (map.rows != h || map.cols != w)
            throw Error("score maps differ in size");
    // Interleave to (h, w, K) so one source sample's K scores are contiguous.
    std::vector<float> scores(std::size_t(h) * w * k);
    for (int c = 0; c < k; ++c)
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                scores[(std::size_t(y) * w + x) * k + c] = scoreMaps[c](y, x);
    return argmaxOfInterleaved(scores, k, h, w, outSize);
}

ConceptAssigner::ConceptAssigner(const FeatureMap &features)
    : unitFeatures_(features.unitPixelMatrix().transpose()), height_(features.height), width_(features.width) {}

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

    // K x N scores, stored column-major: column p holds pixel p's K scores, already interleaved.
    const Eigen::MatrixXf scores = embeddings.transpose() * unitFeatures_;
    return argmaxOfInterleaved(std::vector<float>(scores.data(), scores.data() + scores.size()), k, height_, width_,
                               outSize);
}

LabelMap ConceptAssigner::assignLeaves(const PartitionTree &tree, const std::vector<int> &leaves, cv::Size outSize,
                                       LeafScoreCache &cache) const {
    if (tree.height() != height_ || tree.width() != width_)
        throw Error("the tree's grid does not match the feature grid");
    if (leaves.empty())
        throw Error("no leaves to assign");
    if (outSize.width <= 0 || outSize.height <= 0)
        throw Error("output size must be positive");
    const int k = int(leaves.size());
    const std::size_t n = std::size_t(height_) * std::size_t(width_);
    std::vector<float> scores(n * std::size_t(k));
    for (int c = 0; c < k; ++c) {
        const std::shared_ptr<const std::vector<float>> row = cache.row(leaves[std::size_t(c)], [&] {
            const Eigen::VectorXf e = embedding(tree.pixelsOf(leaves[std::size_t(c)]));
            const Eigen::RowVectorXf values = e.transpose() * unitFeatures_;
            return std::vector<float>(values.data(), values.data() + values.size());
        });
        for (std::size_t p = 0; p < n; ++p)
            scores[p * std::size_t(k) + std::size_t(c)] = (*row)[p];
    }
    return argmaxOfInterleaved(scores, k, height_, width_, outSize);
}

std::shared_ptr<const std::vector<float>> LeafScoreCache::row(int node, const std::function<std::vector<float>()> &compute) {
    {
        const std::lock_guard lock(mutex_);
        if (const auto found = rows_.find(node); found != rows_.end())
            return found->second;
    }
    auto computed = std::make_shared<const std::vector<float>>(compute());
    const std::lock_guard lock(mutex_);
    const auto [entry, inserted] = rows_.try_emplace(node, computed);
    if (inserted) {
        order_.push_back(node);
        bytes_ += computed->size() * sizeof(float);
        while (bytes_ > kBudgetBytes && order_.size() > 1) { // the oldest rows go first
            const auto oldest = rows_.find(order_.front());
            bytes_ -= oldest->second->size() * sizeof(float);
            rows_.erase(oldest);
            order_.pop_front();
        }
    }
    return entry->second;
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
