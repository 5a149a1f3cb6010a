#include "segmentation/upsampled_argmax.h"

#include "common/error.h"
#include "common/parallel.h"

#include <algorithm>
#include <cmath>
#include <limits>

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

UpsampledArgmax::UpsampledArgmax(std::vector<ScoreSource> sources, int h, int w, cv::Size outSize)
    : sources_(std::move(sources)), h_(h), w_(w), rowTaps_(bilinearTaps(h, outSize.height)),
      colTaps_(bilinearTaps(w, outSize.width)) {
    if (sources_.empty())
        throw Error("no score maps to assign from");
    for (const ScoreSource &source : sources_)
        fullGrid_.push_back(source.box == cv::Rect(0, 0, w, h) && source.stride == std::size_t(w));
    // Output columns sharing one pair of source columns form a span.
    spanStart_.push_back(0);
    for (int x = 1; x < outSize.width; ++x)
        if (colTaps_.low[x] != colTaps_.low[x - 1])
            spanStart_.push_back(x);
    spanStart_.push_back(outSize.width);
    rowStart_.push_back(0);
    for (int y = 1; y < outSize.height; ++y)
        if (rowTaps_.low[y] != rowTaps_.low[y - 1])
            rowStart_.push_back(y);
    rowStart_.push_back(outSize.height);
}

std::array<int, 4> UpsampledArgmax::corners(int cell) const {
    const int y0 = cell / w_, x0 = cell % w_;
    const int y1 = std::min(y0 + 1, h_ - 1), x1 = std::min(x0 + 1, w_ - 1); // as bilinearTaps pairs them
    return {y0 * w_ + x0, y0 * w_ + x1, y1 * w_ + x0, y1 * w_ + x1};
}

void UpsampledArgmax::findWinners() {
    best_.assign(std::size_t(h_) * std::size_t(w_), 0);
    // Label after label over a band of sample rows: a full-grid label's band is one contiguous run
    // (vectorised whole), and the band's running maxima stay in L1 while every label passes.
    parallelFor(h_, 8, [&](int firstRow, int endRow) {
        const std::size_t bandStart = std::size_t(firstRow) * std::size_t(w_);
        std::vector<float> top(std::size_t(endRow - firstRow) * std::size_t(w_), 0.0f); // label 0's 0 outside its box
        int *const bandBest = best_.data() + bandStart;
        for (std::size_t label = 0; label < sources_.size(); ++label) {
            const ScoreSource &source = sources_[label];
            const int c = int(label);
            // Each piece of this label's scores inside the band: `width` samples from band offset `at`.
            const auto merge = [&](const float *values, std::size_t at, int width) {
                float *topHere = top.data() + at;
                int *bestHere = bandBest + at;
                if (c == 0) {
                    std::copy(values, values + width, topHere);
                    return;
                }
#pragma omp simd
                for (int i = 0; i < width; ++i) { // a later label wins only when strictly larger
                    const bool larger = values[i] > topHere[i];
                    topHere[i] = larger ? values[i] : topHere[i];
                    bestHere[i] = larger ? c : bestHere[i];
                }
            };
            if (fullGrid_[label]) {
                merge(source.data + bandStart, 0, (endRow - firstRow) * w_);
                continue;
            }
            // Outside the box, its 0 never wins (ScoreSource).
            for (int y = std::max(firstRow, source.box.y); y < std::min(endRow, source.box.y + source.box.height); ++y)
                merge(source.data + std::size_t(y - source.box.y) * source.stride,
                      std::size_t(y - firstRow) * std::size_t(w_) + std::size_t(source.box.x), source.box.width);
        }
    });
}

void UpsampledArgmax::findWinners(const std::vector<int> &previousWinners, const std::vector<int> &kept,
                                  const std::vector<int> &added) {
    const int samples = cellCount();
    if (previousWinners.size() != std::size_t(samples) ||
        !std::all_of(fullGrid_.begin(), fullGrid_.end(), [](std::uint8_t full) { return full != 0; }))
        throw Error("earlier winners need full-grid score maps on the same grid");
    best_.resize(std::size_t(samples));
    for (int sample = 0; sample < samples; ++sample) {
        const int before = previousWinners[std::size_t(sample)];
        int winner = unsigned(before) < kept.size() ? kept[std::size_t(before)] : -1;
        if (winner >= 0) {
            // It beat every label that stays (ties to the first, and their order is unchanged).
            float top = sources_[std::size_t(winner)].data[sample];
            for (const int label : added) {
                const float value = sources_[std::size_t(label)].data[sample];
                if (value > top || (value == top && label < winner))
                    top = value, winner = label;
            }
        } else {
            winner = 0;
            float top = sources_[0].data[sample];
            for (std::size_t label = 1; label < sources_.size(); ++label)
                if (const float value = sources_[label].data[sample]; value > top)
                    top = value, winner = int(label);
        }
        best_[std::size_t(sample)] = winner;
    }
}

void UpsampledArgmax::findCandidates(std::vector<std::uint8_t> redo) {
    redo_ = std::move(redo);
    if (best_.empty())
        findWinners();
    const int cells = cellCount();
    std::vector<int> open; // redone cells whose corners disagree
    for (int cell = 0; cell < cells; ++cell) {
        if (!redo_.empty() && !redo_[std::size_t(cell)])
            continue;
        const auto [a, b, c, d] = corners(cell);
        if (best_[std::size_t(b)] != best_[std::size_t(a)] || best_[std::size_t(c)] != best_[std::size_t(a)] ||
            best_[std::size_t(d)] != best_[std::size_t(a)])
            open.push_back(cell);
    }
    // A label can win a pixel of a cell only if its largest corner reaches the best guaranteed
    // value there (the largest smallest corner of any label), give or take rounding. The corners'
    // winners nearly always hold that value; a lower bound of it keeps every label that can win,
    // and keepUndominated drops the others. So one pass, label by label over a thread's cells,
    // reads each label's samples once while they are in cache.
    std::vector<std::vector<int>> lists(open.size());
    const int threads = std::max(1, std::min(freeCores(), int(open.size() / 16)));
    const int share = (int(open.size()) + threads - 1) / threads;
    parallelFor(int(open.size()), std::max(1, share), [&](int first, int end) {
        const auto count = std::size_t(end - first);
        std::vector<std::array<int, 4>> at(count);
        std::vector<float> reach(count, -std::numeric_limits<float>::infinity()), size(count, 0.0f);
        for (std::size_t i = 0; i < count; ++i) {
            at[i] = corners(open[std::size_t(first) + i]);
            for (const int sample : at[i]) {
                const CornerScores v = cornerScores(best_[std::size_t(sample)], at[i]);
                reach[i] = std::max(reach[i], lowest(v));
                size[i] = std::max(size[i], magnitude(v));
            }
        }
        for (std::size_t label = 0; label < sources_.size(); ++label)
            for (std::size_t i = 0; i < count; ++i) {
                const CornerScores v = cornerScores(int(label), at[i]);
                if (highest(v) >= reach[i] - kArgmaxSlack * std::max(size[i], magnitude(v)))
                    lists[std::size_t(first) + i].push_back(int(label));
            }
        std::vector<CornerScores> values; // keepUndominated's, reused from cell to cell
        for (std::size_t i = 0; i < count; ++i)
            keepUndominated(lists[std::size_t(first) + i], open[std::size_t(first) + i], values);
    }, threads);
    candidates_.clear();
    firstCandidate_.assign(std::size_t(cells) + 1, 0);
    std::size_t next = 0;
    for (int cell = 0; cell < cells; ++cell) {
        firstCandidate_[std::size_t(cell)] = candidates_.size();
        if (next < open.size() && open[next] == cell)
            candidates_.insert(candidates_.end(), lists[next].begin(), lists[next].end()), ++next;
    }
    firstCandidate_[std::size_t(cells)] = candidates_.size();
}

// A candidate below another one throughout the cell (belowThroughout) wins no pixel of it. Labels
// that score high in the same places (neighbouring leaves of a fine cut) pass the bound on corners alone by
// the dozen; against each other all but a few fall. Pruning a label below one that falls later is
// still right: that one is below a third, and so is the label.
void UpsampledArgmax::keepUndominated(std::vector<int> &labels, int cell, std::vector<CornerScores> &values) const {
    if (labels.size() < 2)
        return;
    const std::array<int, 4> at = corners(cell);
    values.resize(labels.size());
    float size = 0.0f;
    for (std::size_t j = 0; j < labels.size(); ++j) {
        values[j] = cornerScores(labels[j], at);
        size = std::max(size, magnitude(values[j]));
    }
    const float slack = kArgmaxSlack * size;
    // Against the strongest few first (the corners' winners, the best smallest corner), then the
    // survivors against each other; both in place, without allocating (a cell is a few µs).
    std::array<CornerScores, 5> strong;
    std::size_t strongCount = 0;
    for (const int sample : at)
        if (const auto it = std::find(labels.begin(), labels.end(), best_[std::size_t(sample)]); it != labels.end())
            strong[strongCount++] = values[std::size_t(it - labels.begin())];
    strong[strongCount++] = *std::max_element(values.begin(), values.end(), [](const CornerScores &x, const CornerScores &y) {
        return lowest(x) < lowest(y);
    });
    std::size_t kept = 0;
    for (std::size_t k = 0; k < labels.size(); ++k)
        if (std::none_of(strong.begin(), strong.begin() + std::ptrdiff_t(strongCount),
                         [&](const CornerScores &j) { return belowThroughout(values[k], j, slack); })) {
            labels[kept] = labels[k];
            values[kept++] = values[k];
        }
    labels.resize(kept);
    // Pairs grow with the square: many survivors (near-ties everywhere) go to fillCell as they are.
    constexpr std::size_t kMostPaired = 64;
    if (kept > kMostPaired)
        return;
    std::array<std::uint8_t, kMostPaired> fallen{};
    for (std::size_t k = 0; k < kept; ++k)
        for (std::size_t j = 0; j < kept && !fallen[k]; ++j)
            fallen[k] = j != k && !fallen[j] && belowThroughout(values[k], values[j], slack);
    std::size_t survivors = 0;
    for (std::size_t k = 0; k < kept; ++k)
        if (!fallen[k])
            labels[survivors++] = labels[k];
    labels.resize(survivors);
}

namespace {

// The horizontal weights of a run of output pixels between two source columns.
struct RowWeights {
    const float *low, *high; // on the left and the right column
    std::size_t width;
};

// Per pixel of the run, the label among candidates[kept[...]] with the largest value, where
// candidate j's value is linear along the row (left[j] at the left column, right[j] at the
// right). Candidate by candidate over the whole run; a later candidate takes a pixel only when
// strictly larger, so ties go to the first (lowest) label. Built for wide vectors too: a run is
// 32 pixels at 1024² (two AVX-512 steps, eight SSE ones), and products and sums round alike on
// every instruction set (this file is compiled with -ffp-contract=off).
__attribute__((target_clones("avx512f", "avx2", "default"))) void
argmaxAlongRow(const RowWeights &weights, const float *left, const float *right, const std::vector<int> &kept,
               const int *candidates, float *best, int *arg) {
    const float *wx0 = weights.low, *wx1 = weights.high;
    const std::size_t width = weights.width;
    for (std::size_t k = 0; k < kept.size(); ++k) {
        const std::size_t j = std::size_t(kept[k]);
        const int c = candidates[j];
        const float l = left[j], r = right[j];
        if (k == 0) {
            for (std::size_t i = 0; i < width; ++i) {
                best[i] = wx0[i] * l + wx1[i] * r;
                arg[i] = c;
            }
            continue;
        }
        for (std::size_t i = 0; i < width; ++i) {
            const float value = wx0[i] * l + wx1[i] * r;
            const bool larger = value > best[i];
            best[i] = larger ? value : best[i];
            arg[i] = larger ? c : arg[i];
        }
    }
}

} // namespace

// Buffers of one thread, reused from cell to cell.
struct UpsampledArgmax::CellWork {
    std::vector<float> wx0, wx1, top;
    std::vector<int> arg;
    // Per candidate: its four corner values, then on the current row its values at the left and
    // right source column (interpolated between the upper and lower sample) and its larger end.
    std::vector<float> a00, a01, a10, a11, left, right, highest;
    std::vector<int> kept;
};

void UpsampledArgmax::fill(LabelMap &labels, int first, int end, const std::stop_token &stop, const CellPixels &keep,
                           const CellPixels &filled) const {
    CellWork work;
    for (int run = first; run < end; ++run) {
        const int top = rowStart_[std::size_t(run)], bottom = rowStart_[std::size_t(run) + 1];
        for (std::size_t span = 0; span + 1 < spanStart_.size(); ++span) {
            if (stop.stop_requested())
                return;
            const int begin = spanStart_[span], last = spanStart_[span + 1];
            const int cell = rowTaps_.low[std::size_t(top)] * w_ + colTaps_.low[std::size_t(begin)];
            const cv::Rect pixels(begin, top, last - begin, bottom - top);
            if (!redo_.empty() && !redo_[std::size_t(cell)]) {
                keep(cell, pixels);
                continue;
            }
            fillCell(labels, top, bottom, begin, last, work);
            if (filled)
                filled(cell, pixels);
        }
    }
}

// The pixels [top, bottom) x [begin, stop) between one cell's four samples.
void UpsampledArgmax::fillCell(LabelMap &labels, int top, int bottom, int begin, int stop, CellWork &work) const {
    const int cell = rowTaps_.low[std::size_t(top)] * w_ + colTaps_.low[std::size_t(begin)];
    const auto [i00, i01, i10, i11] = corners(cell);
    const int y0 = i00 / w_, x0 = i00 % w_, y1 = i11 / w_, x1 = i11 % w_;
    const int *const candidates = candidates_.data() + firstCandidate_[std::size_t(cell)];
    const std::size_t count = firstCandidate_[std::size_t(cell) + 1] - firstCandidate_[std::size_t(cell)];
    if (count == 0) { // one winner at all four corners
        for (int y = top; y < bottom; ++y)
            std::fill(labels.ptr<int>(y) + begin, labels.ptr<int>(y) + stop, best_[std::size_t(i00)]);
        return;
    }
    const std::size_t width = std::size_t(stop - begin), last = width - 1;
    for (auto *buffer : {&work.wx0, &work.wx1, &work.top})
        buffer->resize(width);
    work.arg.resize(width);
    for (std::size_t i = 0; i < width; ++i) {
        work.wx1[i] = colTaps_.weightHigh[std::size_t(begin) + i];
        work.wx0[i] = 1.0f - work.wx1[i];
    }
    const float *wx0 = work.wx0.data(), *wx1 = work.wx1.data();
    for (auto *buffer : {&work.a00, &work.a01, &work.a10, &work.a11, &work.left, &work.right, &work.highest})
        buffer->resize(count);
    for (std::size_t j = 0; j < count; ++j) {
        const std::size_t label = std::size_t(candidates[j]);
        work.a00[j] = value(label, y0, x0);
        work.a01[j] = value(label, y0, x1);
        work.a10[j] = value(label, y1, x0);
        work.a11[j] = value(label, y1, x1);
    }
    for (int y = top; y < bottom; ++y) {
        const float wy1 = rowTaps_.weightHigh[std::size_t(y)], wy0 = 1.0f - wy1;
        // Along the row a label's value is linear in x, so its values at the run's two ends bound
        // it: only labels whose larger end reaches the best smaller end can win, give or take
        // rounding (kArgmaxSlack).
        float guaranteed = -std::numeric_limits<float>::infinity(), size = 0.0f;
        float *left = work.left.data(), *right = work.right.data(), *highest = work.highest.data();
        const float *a00 = work.a00.data(), *a01 = work.a01.data(), *a10 = work.a10.data(), *a11 = work.a11.data();
#pragma omp simd reduction(max : guaranteed, size)
        for (std::size_t j = 0; j < count; ++j) {
            left[j] = wy0 * a00[j] + wy1 * a10[j];
            right[j] = wy0 * a01[j] + wy1 * a11[j];
            const float first = wx0[0] * left[j] + wx1[0] * right[j];
            const float final = wx0[last] * left[j] + wx1[last] * right[j];
            const float low = first < final ? first : final, high = first < final ? final : first;
            guaranteed = guaranteed > low ? guaranteed : low;
            const float magnitude = std::max(std::abs(first), std::abs(final));
            size = size > magnitude ? size : magnitude;
            highest[j] = high;
        }
        const float reach = guaranteed - kArgmaxSlack * size;
        work.kept.clear();
        for (std::size_t j = 0; j < count; ++j)
            if (highest[j] >= reach)
                work.kept.push_back(int(j));
        argmaxAlongRow({wx0, wx1, width}, left, right, work.kept, candidates, work.top.data(), work.arg.data());
        std::copy(work.arg.data(), work.arg.data() + width, labels.ptr<int>(y) + begin);
    }
}

LabelMap argmaxOfRows(const std::vector<const float *> &rows, int h, int w, cv::Size outSize,
                      const WorkControl &control) {
    std::vector<ScoreSource> sources;
    for (const float *row : rows)
        sources.push_back({row, cv::Rect(0, 0, w, h), std::size_t(w)});
    return argmaxOfSources(std::move(sources), h, w, outSize, control);
}

LabelMap argmaxOfSources(std::vector<ScoreSource> sources, int h, int w, cv::Size outSize, const WorkControl &control) {
    UpsampledArgmax argmax(std::move(sources), h, w, outSize);
    argmax.findCandidates();
    LabelMap labels(outSize);
    parallelFor(argmax.rowRuns(), 1, [&](int first, int end) { argmax.fill(labels, first, end, control.stop); });
    control.checkpoint(); // a map stopped halfway is never returned
    return labels;
}

LabelMap argmaxOfUpsampled(const std::vector<cv::Mat1f> &scoreMaps, cv::Size outSize) {
    if (scoreMaps.empty())
        throw Error("no score maps to assign from");
    const int h = scoreMaps[0].rows, w = scoreMaps[0].cols;
    std::vector<cv::Mat1f> continuous;
    std::vector<const float *> rows;
    for (const cv::Mat1f &map : scoreMaps) {
        if (map.rows != h || map.cols != w)
            throw Error("score maps differ in size");
        continuous.push_back(map.isContinuous() ? map : cv::Mat1f(map.clone()));
        rows.push_back(continuous.back().ptr<float>());
    }
    return argmaxOfRows(rows, h, w, outSize);
}

} // namespace diffcut
