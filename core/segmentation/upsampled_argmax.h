#pragma once
// The argmax of K bilinearly upsampled score maps (align_corners=false, as PyTorch upsamples),
// which the assignment and PAMR share. Never materialises K x H x W.
#include "common/progress.h"
#include "segmentation/label_map.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <stop_token>
#include <vector>

namespace diffcut {

// Source sample positions of bilinear resizing from `in` to `out` samples with align_corners=false,
// as PyTorch computes them: output i reads low[i] and high[i] with weight weightHigh[i] on high.
struct BilinearTaps {
    std::vector<int> low, high;
    std::vector<float> weightHigh;
};
BilinearTaps bilinearTaps(int in, int out);

// Bounds are compared with this slack relative to the scores' size: far above the few ulps by
// which a bilinear value evaluated in float can miss its exact value, so no label that can win a
// pixel is ever pruned.
inline constexpr float kArgmaxSlack = 1e-5f;

// One label's scores on an h x w grid: `data` holds those inside `box`, row after row `stride`
// floats apart; outside the box the score is 0 (a PAMR mask is zero outside its support), and
// that 0 never wins a sample: where a box does not cover the whole grid, some label's score at
// each sample must be positive (PAMR's masks sum to 1 everywhere).
struct ScoreSource {
    const float *data;
    cv::Rect box;
    std::size_t stride;
};

// One label's scores at a cell's four corner samples: upper left, upper right, lower left, lower right.
using CornerScores = std::array<float, 4>;
inline float lowest(const CornerScores &v) { return std::min({v[0], v[1], v[2], v[3]}); }
inline float highest(const CornerScores &v) { return std::max({v[0], v[1], v[2], v[3]}); }
inline float magnitude(const CornerScores &v) {
    return std::max({std::abs(v[0]), std::abs(v[1]), std::abs(v[2]), std::abs(v[3])});
}
// Whether a label stays below another throughout the cell, by more than `slack`: their
// difference is bilinear too, so its largest value is at a corner. Such a label wins no pixel.
inline bool belowThroughout(const CornerScores &label, const CornerScores &other, float slack) {
    return std::max({label[0] - other[0], label[1] - other[1], label[2] - other[2], label[3] - other[3]}) < -slack;
}

// Per output pixel, the label whose upsampled score is largest, ties to the first (lowest) label.
// Exact, with work bounded by the boundaries rather than by K: within the cell between four
// samples a pixel's value for label k is a convex combination of k's four corner values, so it is
// at least their minimum and at most their maximum. A cell whose four corners have one winner is
// filled with it; otherwise only the labels whose maximum over the corners reaches the best
// guaranteed value (the largest corner minimum of any label) and that are not below another label
// at all four corners (a difference of two labels is bilinear too) can win a pixel there, and only
// those are evaluated, each across a whole run of pixels at once.
//
// Cells are numbered y0 * w + x0 by their upper-left sample. A caller that knows some cells cannot
// have changed since an earlier map (the assignment after a τ change) redoes only the others.
// Not thread-safe while findCandidates runs; fill may then run on several threads at once.
class UpsampledArgmax {
public:
    // sources[c]: label c's scores. Their data must outlive this object.
    UpsampledArgmax(std::vector<ScoreSource> sources, int h, int w, cv::Size outSize);

    int cellCount() const { return h_ * w_; }
    // The samples at a cell's corners: upper left, upper right, lower left, lower right.
    std::array<int, 4> corners(int cell) const;
    CornerScores cornerScores(int label, const std::array<int, 4> &samples) const {
        return {score(label, samples[0]), score(label, samples[1]), score(label, samples[2]), score(label, samples[3])};
    }
    float score(int label, int sample) const {
        // A source on the whole grid (the assignment's) is read without dividing for the sample's row.
        return fullGrid_[std::size_t(label)] ? sources_[std::size_t(label)].data[sample]
                                             : value(std::size_t(label), sample / w_, sample % w_);
    }

    // Each sample's winner (sampleWinner); findCandidates calls it unless it ran already.
    void findWinners();
    // The same winners, from those of an earlier argmax on full-grid sources whose labels that
    // stay here keep their scores and their order (a neighbouring cut of one tree):
    // `previousWinners` per sample, `kept` maps an earlier label to its label here (−1: gone),
    // `added` lists the labels new here. A sample whose winner stays is contested only by the new
    // labels; one whose winner is gone is evaluated against every label.
    void findWinners(const std::vector<int> &previousWinners, const std::vector<int> &kept, const std::vector<int> &added);
    const std::vector<int> &sampleWinners() const { return best_; }
    // Finds the labels that can win in each cell `redo` marks (every cell when empty); only those
    // cells are filled below.
    void findCandidates(std::vector<std::uint8_t> redo = {});

    // After findWinners: the label that wins a sample (ties to the first).
    int sampleWinner(int sample) const { return best_[std::size_t(sample)]; }

    // Runs of output rows that share their pair of source rows (one row of cells each).
    int rowRuns() const { return int(rowStart_.size()) - 1; }
    // The cells of row runs [first, end): those redone are filled into `labels` (then handed to
    // `filled`, when given, with their pixel rectangle), and every other cell's pixel rectangle is
    // handed to `keep`. Returns early once `stop` is requested (a cell of a 100-megapixel output
    // is a few milliseconds).
    using CellPixels = std::function<void(int cell, const cv::Rect &pixels)>;
    void fill(LabelMap &labels, int first, int end, const std::stop_token &stop, const CellPixels &keep = {},
              const CellPixels &filled = {}) const;

private:
    struct CellWork;
    float value(std::size_t label, int y, int x) const {
        const ScoreSource &source = sources_[label];
        const int row = y - source.box.y, column = x - source.box.x;
        return unsigned(row) < unsigned(source.box.height) && unsigned(column) < unsigned(source.box.width)
                   ? source.data[std::size_t(row) * source.stride + std::size_t(column)]
                   : 0.0f;
    }
    void keepUndominated(std::vector<int> &labels, int cell, std::vector<CornerScores> &values) const;
    void fillCell(LabelMap &labels, int top, int bottom, int begin, int stop, CellWork &work) const;

    std::vector<ScoreSource> sources_;
    std::vector<std::uint8_t> fullGrid_; // per label: its box is the whole grid, row after row
    int h_, w_;
    BilinearTaps rowTaps_, colTaps_;
    std::vector<int> best_; // per sample: its winning label
    std::vector<int> spanStart_, rowStart_;
    std::vector<std::uint8_t> redo_;          // empty: every cell
    std::vector<int> candidates_;             // the redone cells' candidates, cell after cell
    std::vector<std::size_t> firstCandidate_; // cell c's are [firstCandidate_[c], firstCandidate_[c + 1])
};

// The whole map at once. Throws Cancelled on a stop request (a map stopped halfway is never
// returned).
LabelMap argmaxOfSources(std::vector<ScoreSource> sources, int h, int w, cv::Size outSize,
                         const WorkControl &control = {});
// The same from K score rows of h x w samples each, row-major.
LabelMap argmaxOfRows(const std::vector<const float *> &rows, int h, int w, cv::Size outSize,
                      const WorkControl &control = {});

// The same from K score maps of one size. Throws Error when there are none or their sizes differ.
LabelMap argmaxOfUpsampled(const std::vector<cv::Mat1f> &scoreMaps, cv::Size outSize);

} // namespace diffcut
