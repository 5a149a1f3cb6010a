#include "segmentation/pamr.h"

#include "common/huge_pages.h"
#include "common/parallel.h"
#include "segmentation/upsampled_argmax.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace diffcut {

namespace {

struct Offset {
    int dy;
    int dx;
};

// A mask that is zero outside `box` (image coordinates): its values inside, with `margin` zero
// columns on either side so that a neighbour read at most `margin` away never leaves the buffer.
struct BoxedMask {
    cv::Rect box;
    int margin = 0;
    cv::Mat1f values; // box.height x (box.width + 2 margin)

    // Row y (inside the box); image column x is at [x - firstColumn()].
    float *row(int y) { return values[y - box.y]; }
    const float *row(int y) const { return values[y - box.y]; }
    int firstColumn() const { return box.x - margin; }
    std::size_t floats() const { return std::size_t(box.height) * std::size_t(box.width + 2 * margin); }
};

// The 8 neighbours of every dilation in the reference's order: dilation-major, then row-major
// around the centre.
std::vector<Offset> neighbourOffsets(const std::vector<int> &dilations) {
    std::vector<Offset> offsets;
    for (int d : dilations)
        for (int dy : {-d, 0, d})
            for (int dx : {-d, 0, d})
                if (dy != 0 || dx != 0)
                    offsets.push_back({dy, dx});
    return offsets;
}

// Softmax weights w(p, n) into `weights` (height x neighbours x width floats), laid out
// [row][neighbour][column] so that one output row reads one contiguous block of weights for every
// mask. Computed a row at a time with the column innermost, so every loop runs over contiguous
// memory and vectorises.
void neighbourWeights(const cv::Mat3f &image, const std::vector<Offset> &offsets, int margin, float *weights,
                      const WorkControl &control = {}) {
    const int height = image.rows, width = image.cols;
    const int neighbours = int(offsets.size());
    const int dilationCount = neighbours / 8;
    const int samplesPerPixel = neighbours + dilationCount; // each dilation's centre counted once
    std::vector<cv::Mat1f> planes;
    cv::split(image, planes);
    for (auto &plane : planes)
        cv::copyMakeBorder(plane, plane, margin, margin, margin, margin, cv::BORDER_REPLICATE);

    parallelFor(height, 8, [&](int firstRow, int endRow) {
        std::vector<double> mean(width), squares(width);
        std::vector<float> scale(width), largest(width), total(width);
        control.checkpoint();
        for (int y = firstRow; y < endRow; ++y) {
            float *rowWeights = weights + std::size_t(y) * neighbours * width;
            std::fill(rowWeights, rowWeights + std::size_t(neighbours) * width, 0.0f);
            auto affinity = [&](int n) { return rowWeights + std::size_t(n) * width; };
            for (const cv::Mat1f &plane : planes) {
                const float *centre = plane[y + margin] + margin;
                auto neighbour = [&](int n) { return plane[y + margin + offsets[n].dy] + margin + offsets[n].dx; };
                // Two-pass mean and unbiased variance in double, as torch.std accumulates: a flat
                // neighbourhood then gives exactly sigma = 0.
                for (int x = 0; x < width; ++x)
                    mean[x] = dilationCount * double(centre[x]);
                for (int n = 0; n < neighbours; ++n)
                    for (int x = 0; x < width; ++x)
                        mean[x] += neighbour(n)[x];
                for (int x = 0; x < width; ++x) {
                    mean[x] /= samplesPerPixel;
                    squares[x] = dilationCount * (centre[x] - mean[x]) * (centre[x] - mean[x]);
                }
                for (int n = 0; n < neighbours; ++n)
                    for (int x = 0; x < width; ++x)
                        squares[x] += (neighbour(n)[x] - mean[x]) * (neighbour(n)[x] - mean[x]);
                for (int x = 0; x < width; ++x)
                    scale[x] = 1e-8f + 0.1f * float(std::sqrt(squares[x] / (samplesPerPixel - 1)));
                for (int n = 0; n < neighbours; ++n)
                    for (int x = 0; x < width; ++x)
                        affinity(n)[x] += -std::abs(centre[x] - neighbour(n)[x]) / scale[x];
            }
            // Mean over the three channels, then softmax over the neighbours.
            std::fill(largest.begin(), largest.end(), -INFINITY);
            for (int n = 0; n < neighbours; ++n)
                for (int x = 0; x < width; ++x) {
                    affinity(n)[x] /= 3.0f;
                    largest[x] = std::max(largest[x], affinity(n)[x]);
                }
            std::fill(total.begin(), total.end(), 0.0f);
            for (int n = 0; n < neighbours; ++n)
                for (int x = 0; x < width; ++x) {
                    affinity(n)[x] = std::exp(affinity(n)[x] - largest[x]);
                    total[x] += affinity(n)[x];
                }
            for (int n = 0; n < neighbours; ++n)
                for (int x = 0; x < width; ++x)
                    affinity(n)[x] /= total[x];
        }
    });
}

// 1-D area averaging from `from` samples down to `to` cells (to <= from): sample i covers
// [i·to, (i+1)·to) and cell c covers [c·from, (c+1)·from) in units of 1/(from·to), so a sample
// overlaps at most two cells; its weight in a cell is the overlap over the cell's length. This is
// the box filter cv::INTER_AREA applies, in exact integer geometry.
struct AreaTaps {
    int from, to;
    std::vector<int> cell;           // first cell sample i overlaps
    std::vector<double> weight;      // its weight there
    std::vector<double> spillWeight; // its weight in cell + 1 (0 when it lies in one cell)

    AreaTaps(int sourceCount, int cellCount)
        : from(sourceCount), to(cellCount), cell(from), weight(from), spillWeight(from) {
        for (int i = 0; i < from; ++i) {
            const std::int64_t begin = std::int64_t(i) * to, end = begin + to;
            const std::int64_t first = begin / from, boundary = (first + 1) * from;
            cell[i] = int(first);
            weight[i] = double(std::min(end, boundary) - begin) / from;
            spillWeight[i] = end > boundary ? double(end - boundary) / from : 0.0;
        }
    }
    double weightIn(int i, int c) const { return cell[i] == c ? weight[i] : cell[i] + 1 == c ? spillWeight[i] : 0.0; }
    // Source samples that can touch cell c.
    int firstSource(int c) const { return int(std::int64_t(c) * from / to); }
    int endSource(int c) const {
        return int(std::min<std::int64_t>(from, (std::int64_t(c + 1) * from + to - 1) / to));
    }
};

// Area-averages the image (to [0, 1]) and the one-hot mask of every label (into `masks`, zeroed,
// each over a box that holds every cell its label covers) in one pass over the full-resolution
// pixels, so the cost does not grow with the number of labels and no full-size float copy is
// made. A row of cells accumulates only the labels that occur in it (a few of the K) and writes
// their cells.
// Either part may be left out: `image` null (then `rgb` may be empty), or `labels` empty.
void areaAverage(const cv::Mat3b &rgb, const LabelMap &labels, const AreaTaps &rowTaps, const AreaTaps &columnTaps,
                 cv::Mat3f *image, std::vector<BoxedMask> &masks) {
    const int segments = int(masks.size());
    const cv::Size workingSize(columnTaps.to, rowTaps.to);
    const int cells = workingSize.width;
    const bool withMasks = !labels.empty();
    if (image)
        image->create(workingSize);

    parallelFor(workingSize.height, 1, [&](int firstCellRow, int endCellRow) {
        std::vector<int> slotOf(static_cast<std::size_t>(segments), -1); // label → its slot in this row, or -1
        std::vector<int> present;                           // slot → label
        std::vector<double> colour, coverage;               // coverage: [slot][cell]
        for (int cellRow = firstCellRow; cellRow < endCellRow; ++cellRow) {
            if (image)
                colour.assign(std::size_t(cells) * 3, 0.0);
            coverage.clear();
            present.clear();
            const int first = rowTaps.firstSource(cellRow), end = rowTaps.endSource(cellRow);
            for (int y = first; y < end; ++y) {
                const double rowWeight = rowTaps.weightIn(y, cellRow);
                if (rowWeight == 0.0)
                    continue;
                const cv::Vec3b *pixels = image ? rgb[y] : nullptr;
                const int *labelRow = withMasks ? labels[y] : nullptr;
                for (int x = 0; x < columnTaps.from; ++x) {
                    double *labelCoverage = nullptr;
                    if (withMasks) {
                        int &slot = slotOf[std::size_t(labelRow[x])];
                        if (slot < 0) {
                            slot = int(present.size());
                            present.push_back(labelRow[x]);
                            coverage.resize(coverage.size() + std::size_t(cells), 0.0);
                        }
                        labelCoverage = coverage.data() + std::size_t(slot) * cells;
                    }
                    const int c = columnTaps.cell[x];
                    auto deposit = [&](int cell, double w) {
                        if (image)
                            for (int channel = 0; channel < 3; ++channel)
                                colour[std::size_t(cell) * 3 + channel] += w * pixels[x][channel];
                        if (labelCoverage)
                            labelCoverage[cell] += w;
                    };
                    deposit(c, rowWeight * columnTaps.weight[x]);
                    if (columnTaps.spillWeight[x] > 0.0)
                        deposit(c + 1, rowWeight * columnTaps.spillWeight[x]);
                }
            }
            if (image)
                for (int c = 0; c < cells; ++c)
                    for (int channel = 0; channel < 3; ++channel)
                        (*image)(cellRow, c)[channel] = float(colour[std::size_t(c) * 3 + channel] / 255.0);
            for (std::size_t slot = 0; slot < present.size(); ++slot) {
                BoxedMask &mask = masks[std::size_t(present[slot])];
                float *out = mask.row(cellRow);
                const double *in = coverage.data() + slot * std::size_t(cells);
                for (int c = mask.box.x; c < mask.box.x + mask.box.width; ++c) // it covers no cell outside
                    out[c - mask.firstColumn()] = float(in[c]);
                slotOf[std::size_t(present[slot])] = -1;
            }
        }
    });
}

// The support of each label at the working size (the cells its pixels cover, as areaAverage
// deposits them) grown by `reach`, within the grid: all its mask can ever cover.
std::vector<cv::Rect> maskBoxes(const LabelMap &labels, int segments, const AreaTaps &rowTaps,
                                const AreaTaps &columnTaps, int reach) {
    std::vector<std::array<int, 4>> extent(static_cast<std::size_t>(segments), {INT_MAX, INT_MAX, -1, -1});
    std::mutex merging;
    parallelFor(labels.rows, 16, [&](int firstRow, int endRow) {
        std::vector<std::array<int, 4>> local(extent.size(), {INT_MAX, INT_MAX, -1, -1}); // x0, y0, x1, y1
        for (int y = firstRow; y < endRow; ++y) {
            const int *row = labels[y];
            for (int x = 0; x < labels.cols; ++x) {
                std::array<int, 4> &e = local[std::size_t(row[x])];
                e = {std::min(e[0], x), std::min(e[1], y), std::max(e[2], x), std::max(e[3], y)};
            }
        }
        const std::lock_guard lock(merging);
        for (std::size_t k = 0; k < extent.size(); ++k)
            extent[k] = {std::min(extent[k][0], local[k][0]), std::min(extent[k][1], local[k][1]),
                         std::max(extent[k][2], local[k][2]), std::max(extent[k][3], local[k][3])};
    });
    const auto lastCell = [](const AreaTaps &taps, int i) { return taps.cell[i] + (taps.spillWeight[i] > 0.0 ? 1 : 0); };
    const cv::Rect grid(0, 0, columnTaps.to, rowTaps.to);
    std::vector<cv::Rect> boxes(extent.size());
    for (std::size_t k = 0; k < extent.size(); ++k) {
        const auto [x0, y0, x1, y1] = extent[k];
        if (x1 < 0)
            continue; // no pixel: an empty mask
        const cv::Point first(columnTaps.cell[x0] - reach, rowTaps.cell[y0] - reach);
        const cv::Point last(lastCell(columnTaps, x1) + reach, lastCell(rowTaps, y1) + reach);
        boxes[k] = cv::Rect(first, last + cv::Point(1, 1)) & grid;
    }
    return boxes;
}

// Two zeroed buffers of each box (with `margin` columns either side), carved from `memory`.
void carveMasks(const std::vector<cv::Rect> &boxes, int margin, float *memory, std::vector<BoxedMask> &masks,
                std::vector<BoxedMask> &spare) {
    masks.resize(boxes.size());
    spare.resize(boxes.size());
    for (std::size_t k = 0; k < boxes.size(); ++k)
        for (BoxedMask *mask : {&masks[k], &spare[k]}) {
            mask->box = boxes[k];
            mask->margin = margin;
            mask->values = cv::Mat1f(boxes[k].height, boxes[k].width + 2 * margin, memory);
            memory += mask->floats();
        }
    parallelFor(int(boxes.size()), 1, [&](int first, int end) {
        for (int k = first; k < end; ++k) {
            masks[std::size_t(k)].values.setTo(0.0f);
            spare[std::size_t(k)].values.setTo(0.0f);
        }
    });
}

// out[i] += w[i] * source[i], the innermost loop of PAMR. Built for wider vectors too, picked at
// run time; this file is compiled with -ffp-contract=off, so a product and its sum are never
// fused into one rounding (FMA) and every build gives the same bits.
__attribute__((target_clones("avx512f", "avx2", "default"))) void addProducts(float *__restrict out,
                                                                              const float *__restrict w,
                                                                              const float *__restrict source,
                                                                              int count) {
    for (int i = 0; i < count; ++i)
        out[i] += w[i] * source[i];
}

// The iterations, on buffers the caller provides: `current` holds the input masks (each zero
// outside its support, which lies inside its box; every box holds the support grown by
// iterations · the largest dilation) and ends holding the result; `spare` holds a zeroed buffer
// of the same box per mask; `weights` neighbourWeights' for the image. Checks nothing.
void iterate(cv::Size size, std::vector<BoxedMask> &current, std::vector<BoxedMask> &spare, int iterations,
             const std::vector<int> &dilations, const float *weights, const WorkControl &control) {
    const int height = size.height, width = size.width;
    const int margin = *std::max_element(dilations.begin(), dilations.end());
    const std::vector<Offset> offsets = neighbourOffsets(dilations);
    const int neighbours = int(offsets.size());

    // A mask is zero outside its support, and one iteration spreads the support by at most the
    // largest dilation: iteration i computes only the support's box grown by (i + 1) · margin.
    // Outside it every term is 0 · w, so the result is the full computation's, bit for bit, at a
    // cost that follows the segments' sizes instead of their number times the image.
    const cv::Rect imageRect(0, 0, width, height);
    std::vector<cv::Rect> support(current.size());
    for (std::size_t k = 0; k < current.size(); ++k) {
        const BoxedMask &mask = current[k];
        if (mask.box.empty())
            continue;
        const cv::Rect found = cv::boundingRect(cv::Mat1b(mask.values != 0.0f));
        if (!found.empty())
            support[k] = found + cv::Point(mask.box.x - mask.margin, mask.box.y);
    }
    // Each buffer written is zero outside the box it gets: the spare is zero, and a buffer read
    // before (the input, then each iteration's) is nonzero only inside a smaller box.
    std::vector<BoxedMask> &next = spare;
    for (int iteration = 0; iteration < iterations; ++iteration) {
        control.checkpoint();
        std::vector<cv::Rect> region(support.size());
        for (std::size_t k = 0; k < support.size(); ++k)
            if (!support[k].empty())
                region[k] = cv::Rect(support[k].x - margin, support[k].y - margin, support[k].width + 2 * margin,
                                     support[k].height + 2 * margin) & imageRect & current[k].box; // the box holds it
        parallelFor(height, 8, [&](int firstRow, int endRow) {
            for (int y = firstRow; y < endRow; ++y) {
                const float *rowWeights = weights + std::size_t(y) * neighbours * width;
                for (std::size_t k = 0; k < current.size(); ++k) {
                    const cv::Rect &box = region[k];
                    if (y < box.y || y >= box.y + box.height)
                        continue;
                    const int left = box.x, right = box.x + box.width;
                    const cv::Rect &stored = current[k].box; // rows outside it are zero: they add nothing
                    const int first = current[k].firstColumn(); // the same for both buffers of a mask
                    float *__restrict out = next[k].row(y);
                    std::fill(out + (left - first), out + (right - first), 0.0f);
                    for (int n = 0; n < neighbours; ++n) {
                        // Replicate padding: a neighbour beyond the border reads the border pixel.
                        const int sourceRow = std::clamp(y + offsets[n].dy, 0, height - 1);
                        if (sourceRow < stored.y || sourceRow >= stored.y + stored.height)
                            continue;
                        const float *__restrict w = rowWeights + std::size_t(n) * width;
                        const float *__restrict source = current[k].row(sourceRow);
                        const int dx = offsets[n].dx;
                        const int innerLeft = std::clamp(-dx, left, right);
                        const int innerRight = std::clamp(width - dx, innerLeft, right);
                        // Columns 0 and width - 1 lie in the buffer whenever they are read: the
                        // box then reaches within `margin` of that border.
                        for (int x = left; x < innerLeft; ++x)
                            out[x - first] += w[x] * source[0 - first];
                        addProducts(out + (innerLeft - first), w + innerLeft, source + (innerLeft + dx - first),
                                    innerRight - innerLeft);
                        for (int x = innerRight; x < right; ++x)
                            out[x - first] += w[x] * source[width - 1 - first];
                    }
                }
            }
        });
        support = region;
        std::swap(current, next);
        control.report(double(iteration + 1) / iterations, "refining boundaries");
    }
}

} // namespace

std::vector<cv::Mat1f> pamrRefineMasks(const cv::Mat3f &image, std::vector<cv::Mat1f> masks, int iterations,
                                       const std::vector<int> &dilations, const WorkControl &control) {
    if (image.empty())
        throw Error("PAMR: the image is empty");
    if (iterations < 0)
        throw Error("PAMR: the number of iterations must not be negative");
    if (dilations.empty() || *std::min_element(dilations.begin(), dilations.end()) < 1)
        throw Error("PAMR: dilations must be a non-empty list of values >= 1");
    for (const auto &mask : masks)
        if (mask.size() != image.size())
            throw Error("PAMR: a mask is " + std::to_string(mask.cols) + "x" + std::to_string(mask.rows) +
                        " but the image is " + std::to_string(image.cols) + "x" + std::to_string(image.rows));
    control.checkpoint();
    if (iterations == 0 || masks.empty())
        return masks;
    const int margin = *std::max_element(dilations.begin(), dilations.end());
    const std::vector<cv::Rect> boxes(masks.size(), cv::Rect(0, 0, image.cols, image.rows));
    std::vector<float> memory(2 * masks.size() * std::size_t(image.rows) * std::size_t(image.cols + 2 * margin) +
                              std::size_t(image.total()) * 8 * dilations.size());
    std::vector<BoxedMask> current, spare;
    carveMasks(boxes, margin, memory.data(), current, spare);
    for (std::size_t k = 0; k < masks.size(); ++k)
        masks[k].copyTo(current[k].values(cv::Rect(margin, 0, image.cols, image.rows)));
    float *weights = memory.data() + 2 * masks.size() * current[0].floats();
    neighbourWeights(image, neighbourOffsets(dilations), margin, weights);
    iterate(image.size(), current, spare, iterations, dilations, weights, control);
    for (std::size_t k = 0; k < masks.size(); ++k)
        masks[k] = current[k].values(cv::Rect(margin, 0, image.cols, image.rows)).clone();
    return masks;
}

namespace {

void checkLabelSize(const LabelMap &labels, cv::Size image) {
    if (labels.size() != image)
        throw Error("refinement: the label map is " + std::to_string(labels.cols) + "x" + std::to_string(labels.rows) +
                    " but the image is " + std::to_string(image.width) + "x" + std::to_string(image.height));
}

} // namespace

PamrGuide::PamrGuide(const cv::Mat3b &rgb, const PamrParams &params, const WorkControl &control)
    : imageSize_(rgb.size()), params_(params) {
    if (rgb.empty())
        throw Error("refinement: the image is empty");
    if (params.workingMaxSide < 1)
        throw Error("refinement: the working size must be at least 1 pixel");
    if (params.iterations < 0 || params.dilations.empty() ||
        *std::min_element(params.dilations.begin(), params.dilations.end()) < 1)
        throw Error("refinement: the iterations must not be negative and the dilations must be >= 1");
    control.checkpoint();
    // PAMR costs O(pixels · 8·|dilations| · K · iterations) and its dilations are in working
    // pixels, so running it on a 12-megapixel photo would be slow and would shrink its reach to a
    // few original pixels. The reference runs it at 128x128; a working grid of at most
    // workingMaxSide keeps it well under a second while resolving boundaries 4x finer, and the
    // refined soft masks are then upsampled to full size before the argmax.
    const int longestSide = std::max(rgb.cols, rgb.rows);
    cv::Size workingSize = rgb.size();
    if (longestSide > params.workingMaxSide) {
        const double scale = double(params.workingMaxSide) / longestSide;
        workingSize = {std::max(1, int(std::lround(rgb.cols * scale))), std::max(1, int(std::lround(rgb.rows * scale)))};
    }
    std::vector<BoxedMask> noMasks;
    areaAverage(rgb, LabelMap(), AreaTaps(rgb.rows, workingSize.height), AreaTaps(rgb.cols, workingSize.width),
                &image_, noMasks);
    const int margin = *std::max_element(params.dilations.begin(), params.dilations.end());
    weights_.resize(std::size_t(workingSize.area()) * 8 * params.dilations.size());
    neighbourWeights(image_, neighbourOffsets(params.dilations), margin, weights_.data(), control);
}

LabelMap refineLabels(const cv::Mat3b &rgb, const LabelMap &labels, const PamrParams &params,
                      const WorkControl &control) {
    if (!rgb.empty()) // before the guide's work
        checkLabelSize(labels, rgb.size());
    return refineLabels(PamrGuide(rgb, params, control), labels, control);
}

LabelMap refineLabels(const PamrGuide &guide, const LabelMap &labels, const WorkControl &control) {
    checkLabelSize(labels, guide.imageSize());
    double lowestLabel = 0;
    cv::minMaxLoc(labels, &lowestLabel);
    if (lowestLabel < 0)
        throw Error("refinement: labels must not be negative");
    control.checkpoint();

    const int count = labelCount(labels);
    if (count <= 1)
        return labels.clone(); // nothing to move
    const PamrParams &params = guide.params();
    const cv::Size workingSize = guide.workingSize();
    // Each mask lives in the box it can reach (its segment grown by every iteration's largest
    // dilation), two buffers each, from one block kept between refinements (fresh, this memory
    // costs more in page faults than PAMR computes).
    const AreaTaps rowTaps(labels.rows, workingSize.height), columnTaps(labels.cols, workingSize.width);
    const int margin = *std::max_element(params.dilations.begin(), params.dilations.end());
    const std::vector<cv::Rect> boxes = maskBoxes(labels, count, rowTaps, columnTaps, params.iterations * margin);
    std::size_t maskFloats = 0;
    for (const cv::Rect &box : boxes)
        maskFloats += 2 * std::size_t(box.height) * std::size_t(box.width + 2 * margin);
    const std::shared_ptr<ScratchBlock> block = ScratchBlock::borrow(sizeof(float) * maskFloats);
    std::vector<BoxedMask> masks, spare;
    carveMasks(boxes, margin, static_cast<float *>(block->data()), masks, spare);
    areaAverage(cv::Mat3b(), labels, rowTaps, columnTaps, nullptr, masks);
    if (params.iterations > 0)
        iterate(workingSize, masks, spare, params.iterations, params.dilations, guide.weights(), control);
    control.checkpoint();
    std::vector<ScoreSource> sources;
    for (const BoxedMask &mask : masks)
        sources.push_back({mask.box.empty() ? nullptr : mask.values.ptr<float>() + mask.margin, mask.box,
                           mask.values.step1()});
    LabelMap refined = argmaxOfSources(std::move(sources), workingSize.height, workingSize.width, labels.size());

    if (params.medianFilter) {
        // medianBlur has no int32 path; the narrowest type that holds every label is the fastest
        // (float is exact below 2^24). Its replicate border equals scipy's 'reflect' for a window
        // of radius 1.
        const int depth = count <= 256 ? CV_8U : count <= 65536 ? CV_16U : CV_32F;
        cv::Mat narrow;
        refined.convertTo(narrow, depth);
        cv::medianBlur(narrow, narrow, 3);
        narrow.convertTo(refined, CV_32S);
    }
    return refined;
}

} // namespace diffcut
