#include "segmentation/assignment.h"

#include "common/error.h"
#include "common/parallel.h"
#include "segmentation/partition_tree.h"

#include <algorithm>
#include <cmath>
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
// guaranteed value (the largest corner minimum of any label) can win a pixel there, and only
// those are evaluated. Candidates are found once per cell (not per output row), and each is then
// evaluated across a whole run of pixels at once.
// Bounds are compared with this slack relative to the scores' size: far above the few ulps by
// which a bilinear value evaluated in float can miss its exact value, so no label that can win
// a pixel is ever pruned.
constexpr float kSlack = 1e-5f;

class UpsampledArgmax {
public:
    UpsampledArgmax(const std::vector<float> &scores, int k, int h, int w, cv::Size outSize)
        : scores_(scores), k_(k), h_(h), w_(w), rows_(bilinearTaps(h, outSize.height)),
          cols_(bilinearTaps(w, outSize.width)), best_(h, w), firstCandidate_(std::size_t(h) * w + 1, 0) {
        for (int cell = 0; cell < h * w; ++cell) {
            const float *s = sample(cell);
            best_.ptr<int>()[cell] = int(std::max_element(s, s + k) - s); // ties to the first maximum
        }
        // Output columns sharing one pair of source columns form a span.
        spanStart_.push_back(0);
        for (int x = 1; x < outSize.width; ++x)
            if (cols_.low[x] != cols_.low[x - 1])
                spanStart_.push_back(x);
        spanStart_.push_back(outSize.width);
        rowStart_.push_back(0);
        for (int y = 1; y < outSize.height; ++y)
            if (rows_.low[y] != rows_.low[y - 1])
                rowStart_.push_back(y);
        rowStart_.push_back(outSize.height);
        findCandidates();
    }

    // Runs of output rows that share their pair of source rows (one row of cells each).
    int rowRuns() const { return int(rowStart_.size()) - 1; }

    // The output rows of row runs [first, end) in `labels`, cell by cell; returns early once `stop`
    // is requested (a cell of a 100-megapixel output is a few milliseconds).
    void fill(LabelMap &labels, int first, int end, const std::stop_token &stop) const {
        CellWork work;
        for (int run = first; run < end; ++run)
            for (std::size_t span = 0; span + 1 < spanStart_.size(); ++span) {
                if (stop.stop_requested())
                    return;
                fillCell(labels, rowStart_[std::size_t(run)], rowStart_[std::size_t(run) + 1], spanStart_[span],
                         spanStart_[span + 1], work);
            }
    }

private:
    // Buffers of one thread, reused from cell to cell.
    struct CellWork {
        std::vector<float> wx0, wx1, value, top;
        std::vector<int> arg;
        // Per candidate: its values on the run's left and right ends at the upper (p) and lower
        // (q) source row, so that a row's ends cost two products and a sum each.
        std::vector<float> leftP, leftQ, rightP, rightQ, highest;
        std::vector<int> kept;
    };

    // The pixels [top, bottom) x [begin, stop) between one cell's four samples.
    void fillCell(LabelMap &labels, int top, int bottom, int begin, int stop, CellWork &work) const {
        const int y0 = rows_.low[std::size_t(top)], y1 = rows_.high[std::size_t(top)];
        const int x0 = cols_.low[std::size_t(begin)], x1 = cols_.high[std::size_t(begin)];
        const std::size_t cell = std::size_t(y0) * w_ + x0;
        const int *const candidates = candidates_.data() + firstCandidate_[cell];
        const std::size_t count = firstCandidate_[cell + 1] - firstCandidate_[cell];
        if (count == 0) { // one winner at all four corners
            for (int y = top; y < bottom; ++y)
                std::fill(labels.ptr<int>(y) + begin, labels.ptr<int>(y) + stop, best_(y0, x0));
            return;
        }
        const float *s00 = sample(y0 * w_ + x0), *s01 = sample(y0 * w_ + x1);
        const float *s10 = sample(y1 * w_ + x0), *s11 = sample(y1 * w_ + x1);
        const std::size_t width = std::size_t(stop - begin), last = width - 1;
        for (auto *buffer : {&work.wx0, &work.wx1, &work.value, &work.top})
            buffer->resize(width);
        work.arg.resize(width);
        for (std::size_t i = 0; i < width; ++i) {
            work.wx1[i] = cols_.weightHigh[std::size_t(begin) + i];
            work.wx0[i] = 1.0f - work.wx1[i];
        }
        const float *wx0 = work.wx0.data(), *wx1 = work.wx1.data();
        for (auto *buffer : {&work.leftP, &work.leftQ, &work.rightP, &work.rightQ, &work.highest})
            buffer->resize(count);
        for (std::size_t j = 0; j < count; ++j) {
            const int c = candidates[j];
            work.leftP[j] = wx0[0] * s00[c] + wx1[0] * s01[c];
            work.leftQ[j] = wx0[0] * s10[c] + wx1[0] * s11[c];
            work.rightP[j] = wx0[last] * s00[c] + wx1[last] * s01[c];
            work.rightQ[j] = wx0[last] * s10[c] + wx1[last] * s11[c];
        }
        for (int y = top; y < bottom; ++y) {
            const float wy1 = rows_.weightHigh[std::size_t(y)], wy0 = 1.0f - wy1;
            // Along the row a label's value is linear (its weight on the right samples grows with
            // x), so its values at the two ends bound it: only labels whose larger end reaches the
            // best smaller end can win, give or take rounding (kSlack).
            float guaranteed = -std::numeric_limits<float>::infinity(), size = 0.0f;
            float *highest = work.highest.data();
            const float *leftP = work.leftP.data(), *leftQ = work.leftQ.data();
            const float *rightP = work.rightP.data(), *rightQ = work.rightQ.data();
#pragma omp simd reduction(max : guaranteed, size)
            for (std::size_t j = 0; j < count; ++j) {
                const float left = wy0 * leftP[j] + wy1 * leftQ[j];
                const float right = wy0 * rightP[j] + wy1 * rightQ[j];
                const float low = left < right ? left : right, high = left < right ? right : left;
                guaranteed = guaranteed > low ? guaranteed : low;
                const float magnitude = std::max(std::abs(left), std::abs(right));
                size = size > magnitude ? size : magnitude;
                highest[j] = high;
            }
            const float reach = guaranteed - kSlack * size;
            work.kept.clear();
            for (std::size_t j = 0; j < count; ++j)
                if (work.highest[j] >= reach)
                    work.kept.push_back(candidates[j]);
            // Candidate by candidate over the whole run (vectorised); a later candidate takes a
            // pixel only when strictly larger, so ties go to the first (lowest) label.
            float *value = work.value.data(), *best = work.top.data();
            int *arg = work.arg.data();
            for (std::size_t j = 0; j < work.kept.size(); ++j) {
                const int c = work.kept[j];
                const float a00 = s00[c], a01 = s01[c], a10 = s10[c], a11 = s11[c];
                for (std::size_t i = 0; i < width; ++i)
                    value[i] = wy0 * (wx0[i] * a00 + wx1[i] * a01) + wy1 * (wx0[i] * a10 + wx1[i] * a11);
                if (j == 0) {
                    std::copy(value, value + width, best);
                    std::fill(arg, arg + width, c);
                    continue;
                }
#pragma omp simd
                for (std::size_t i = 0; i < width; ++i) {
                    const bool larger = value[i] > best[i];
                    best[i] = larger ? value[i] : best[i];
                    arg[i] = larger ? c : arg[i];
                }
            }
            std::copy(arg, arg + width, labels.ptr<int>(y) + begin);
        }
    }

    const float *sample(int cell) const { return &scores_[std::size_t(cell) * std::size_t(k_)]; }

    // Per cell (y0, x0) — its other corners are (rows_.high, cols_.high) of it — the ascending
    // labels that can win somewhere inside; none when the four corners agree.
    void findCandidates() {
        std::vector<int> highRow(static_cast<std::size_t>(h_)), highCol(static_cast<std::size_t>(w_));
        for (std::size_t i = 0; i < rows_.low.size(); ++i)
            highRow[std::size_t(rows_.low[i])] = rows_.high[i];
        for (std::size_t i = 0; i < cols_.low.size(); ++i)
            highCol[std::size_t(cols_.low[i])] = cols_.high[i];
        std::vector<std::vector<int>> perRow(static_cast<std::size_t>(h_));
        std::vector<std::vector<std::size_t>> countsPerRow(static_cast<std::size_t>(h_));
        parallelFor(h_, 1, [&](int first, int end) {
            for (int y0 = first; y0 < end; ++y0) {
                const int y1 = highRow[std::size_t(y0)];
                std::vector<int> &list = perRow[std::size_t(y0)];
                std::vector<std::size_t> &counts = countsPerRow[std::size_t(y0)];
                counts.assign(std::size_t(w_), 0);
                for (int x0 = 0; x0 < w_; ++x0) {
                    const int x1 = highCol[std::size_t(x0)];
                    const int corners[4] = {best_(y0, x0), best_(y0, x1), best_(y1, x0), best_(y1, x1)};
                    if (corners[1] == corners[0] && corners[2] == corners[0] && corners[3] == corners[0])
                        continue;
                    const float *s00 = sample(y0 * w_ + x0), *s01 = sample(y0 * w_ + x1);
                    const float *s10 = sample(y1 * w_ + x0), *s11 = sample(y1 * w_ + x1);
                    // Every label's smallest corner is a value some pixel's winner reaches; the
                    // largest of them (less the rounding slack of fillCell) bounds who can win.
                    float guaranteed = -std::numeric_limits<float>::infinity(), size = 0.0f;
                    for (int c = 0; c < k_; ++c) {
                        guaranteed = std::max(guaranteed, std::min({s00[c], s01[c], s10[c], s11[c]}));
                        size = std::max({size, std::abs(s00[c]), std::abs(s01[c]), std::abs(s10[c]), std::abs(s11[c])});
                    }
                    const float reach = guaranteed - kSlack * size;
                    const std::size_t before = list.size();
                    for (int c = 0; c < k_; ++c)
                        if (std::max({s00[c], s01[c], s10[c], s11[c]}) >= reach)
                            list.push_back(c);
                    counts[std::size_t(x0)] = list.size() - before;
                }
            }
        });
        for (int y0 = 0; y0 < h_; ++y0) {
            for (int x0 = 0; x0 < w_; ++x0) {
                const std::size_t cell = std::size_t(y0) * w_ + x0;
                firstCandidate_[cell + 1] = firstCandidate_[cell] + countsPerRow[std::size_t(y0)][std::size_t(x0)];
            }
            candidates_.insert(candidates_.end(), perRow[std::size_t(y0)].begin(), perRow[std::size_t(y0)].end());
        }
    }

    const std::vector<float> &scores_;
    int k_, h_, w_;
    BilinearTaps rows_, cols_;
    LabelMap best_;
    std::vector<int> spanStart_, rowStart_;
    std::vector<int> candidates_;            // every cell's candidates, cell after cell
    std::vector<std::size_t> firstCandidate_; // cell c's are [firstCandidate_[c], firstCandidate_[c + 1])
};

LabelMap argmaxOfInterleaved(const std::vector<float> &scores, int k, int h, int w, cv::Size outSize,
                             const WorkControl &control = {}) {
    const UpsampledArgmax argmax(scores, k, h, w, outSize);
    LabelMap labels(outSize);
    parallelFor(argmax.rowRuns(), 1, [&](int first, int end) { argmax.fill(labels, first, end, control.stop); });
    control.checkpoint(); // a map stopped halfway is never returned
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

    // K x N scores, stored column-major: column p holds pixel p's K scores, already interleaved.
    const Eigen::MatrixXf scores = embeddings.transpose() * unitFeatures_;
    return argmaxOfInterleaved(std::vector<float>(scores.data(), scores.data() + scores.size()), k, height_, width_,
                               outSize);
}

LabelMap ConceptAssigner::assignLeaves(const PartitionTree &tree, const std::vector<int> &leaves, cv::Size outSize,
                                       LeafScoreCache &cache, const WorkControl &control) const {
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
    return argmaxOfInterleaved(scores, k, height_, width_, outSize, control);
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
