#include "segmentation/pamr.h"

#include "common/parallel.h"
#include "segmentation/upsampled_argmax.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace diffcut {

namespace {

struct Offset {
    int dy;
    int dx;
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

// Softmax weights w(p, n), laid out [row][neighbour][column] so that one output row reads one
// contiguous block of weights for every mask. Computed a row at a time with the column innermost,
// so every loop runs over contiguous memory and vectorises.
std::vector<float> neighbourWeights(const cv::Mat3f &image, const std::vector<Offset> &offsets, int margin) {
    const int height = image.rows, width = image.cols;
    const int neighbours = int(offsets.size());
    const int dilationCount = neighbours / 8;
    const int samplesPerPixel = neighbours + dilationCount; // each dilation's centre counted once
    std::vector<cv::Mat1f> planes;
    cv::split(image, planes);
    for (auto &plane : planes)
        cv::copyMakeBorder(plane, plane, margin, margin, margin, margin, cv::BORDER_REPLICATE);

    std::vector<float> weights(std::size_t(height) * neighbours * width, 0.0f);
    parallelFor(height, 8, [&](int firstRow, int endRow) {
        std::vector<double> mean(width), squares(width);
        std::vector<float> scale(width), largest(width), total(width);
        for (int y = firstRow; y < endRow; ++y) {
            float *rowWeights = weights.data() + std::size_t(y) * neighbours * width;
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
    return weights;
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

// Area-averages the image (to [0, 1]) and the one-hot mask of every label to `workingSize` in one
// pass over the full-resolution pixels, so the cost does not grow with the number of labels and no
// full-size float copy is made. A row of cells accumulates only the labels that occur in it (a
// few of the K): the masks start at zero and each row writes its labels' cells.
void areaAverage(const cv::Mat3b &rgb, const LabelMap &labels, int segments, cv::Size workingSize,
                 cv::Mat3f &image, std::vector<cv::Mat1f> &masks) {
    const AreaTaps rowTaps(rgb.rows, workingSize.height), columnTaps(rgb.cols, workingSize.width);
    const int cells = workingSize.width;
    image.create(workingSize);
    masks.assign(segments, cv::Mat1f());
    for (auto &mask : masks)
        mask = cv::Mat1f(workingSize, 0.0f);

    parallelFor(workingSize.height, 1, [&](int firstCellRow, int endCellRow) {
        std::vector<int> slotOf(std::size_t(segments), -1); // label → its slot in this row, or -1
        std::vector<int> present;                           // slot → label
        std::vector<double> colour, coverage;               // coverage: [slot][cell]
        for (int cellRow = firstCellRow; cellRow < endCellRow; ++cellRow) {
            colour.assign(std::size_t(cells) * 3, 0.0);
            coverage.clear();
            present.clear();
            const int first = rowTaps.firstSource(cellRow), end = rowTaps.endSource(cellRow);
            for (int y = first; y < end; ++y) {
                const double rowWeight = rowTaps.weightIn(y, cellRow);
                if (rowWeight == 0.0)
                    continue;
                const cv::Vec3b *pixels = rgb[y];
                const int *labelRow = labels[y];
                for (int x = 0; x < rgb.cols; ++x) {
                    int &slot = slotOf[std::size_t(labelRow[x])];
                    if (slot < 0) {
                        slot = int(present.size());
                        present.push_back(labelRow[x]);
                        coverage.resize(coverage.size() + std::size_t(cells), 0.0);
                    }
                    double *labelCoverage = coverage.data() + std::size_t(slot) * cells;
                    const int c = columnTaps.cell[x];
                    auto deposit = [&](int cell, double w) {
                        for (int channel = 0; channel < 3; ++channel)
                            colour[std::size_t(cell) * 3 + channel] += w * pixels[x][channel];
                        labelCoverage[cell] += w;
                    };
                    deposit(c, rowWeight * columnTaps.weight[x]);
                    if (columnTaps.spillWeight[x] > 0.0)
                        deposit(c + 1, rowWeight * columnTaps.spillWeight[x]);
                }
            }
            for (int c = 0; c < cells; ++c)
                for (int channel = 0; channel < 3; ++channel)
                    image(cellRow, c)[channel] = float(colour[std::size_t(c) * 3 + channel] / 255.0);
            for (std::size_t slot = 0; slot < present.size(); ++slot) {
                float *out = masks[std::size_t(present[slot])][cellRow];
                const double *in = coverage.data() + slot * std::size_t(cells);
                for (int c = 0; c < cells; ++c)
                    out[c] = float(in[c]);
                slotOf[std::size_t(present[slot])] = -1;
            }
        }
    });
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
    if (iterations == 0)
        return masks;

    const int height = image.rows, width = image.cols;
    const int margin = *std::max_element(dilations.begin(), dilations.end());
    const std::vector<Offset> offsets = neighbourOffsets(dilations);
    const int neighbours = int(offsets.size());
    const std::vector<float> weights = neighbourWeights(image, offsets, margin);

    // A mask is zero outside its support, and one iteration spreads the support by at most the
    // largest dilation: iteration i computes only the support's box grown by (i + 1) · margin.
    // Outside it every term is 0 · w, so the result is the full computation's, bit for bit, at a
    // cost that follows the segments' sizes instead of their number times the image.
    const cv::Rect imageRect(0, 0, width, height);
    std::vector<cv::Rect> support(masks.size());
    for (std::size_t k = 0; k < masks.size(); ++k)
        support[k] = cv::boundingRect(cv::Mat1b(masks[k] != 0.0f));
    // Two buffers per mask, zero outside the support: the previous iteration's and the next.
    std::vector<cv::Mat1f> current = std::move(masks), next(current.size());
    for (auto &mask : next)
        mask = cv::Mat1f(height, width, 0.0f);
    bool firstIteration = true;
    for (int iteration = 0; iteration < iterations; ++iteration) {
        control.checkpoint();
        std::vector<cv::Rect> region(support.size());
        for (std::size_t k = 0; k < support.size(); ++k)
            if (!support[k].empty())
                region[k] = cv::Rect(support[k].x - margin, support[k].y - margin, support[k].width + 2 * margin,
                                     support[k].height + 2 * margin) & imageRect;
        parallelFor(height, 8, [&](int firstRow, int endRow) {
            for (int y = firstRow; y < endRow; ++y) {
                const float *rowWeights = weights.data() + std::size_t(y) * neighbours * width;
                for (std::size_t k = 0; k < current.size(); ++k) {
                    const cv::Rect &box = region[k];
                    if (y < box.y || y >= box.y + box.height)
                        continue;
                    const int left = box.x, right = box.x + box.width;
                    float *__restrict out = next[k][y];
                    std::fill(out + left, out + right, 0.0f);
                    for (int n = 0; n < neighbours; ++n) {
                        const float *__restrict w = rowWeights + std::size_t(n) * width;
                        // Replicate padding: a neighbour beyond the border reads the border pixel.
                        const float *__restrict source = current[k][std::clamp(y + offsets[n].dy, 0, height - 1)];
                        const int dx = offsets[n].dx;
                        const int innerLeft = std::clamp(-dx, left, right);
                        const int innerRight = std::clamp(width - dx, innerLeft, right);
                        for (int x = left; x < innerLeft; ++x)
                            out[x] += w[x] * source[0];
                        for (int x = innerLeft; x < innerRight; ++x)
                            out[x] += w[x] * source[x + dx];
                        for (int x = innerRight; x < right; ++x)
                            out[x] += w[x] * source[width - 1];
                    }
                }
            }
        });
        support = region;
        if (firstIteration) {
            // The input becomes the next iteration's output buffer: it is zero outside the support
            // that iteration overwrites. Unless the caller still holds it: then a buffer of its own.
            for (auto &mask : current)
                if (!mask.u || mask.u->refcount > 1)
                    mask = cv::Mat1f(height, width, 0.0f); // a new buffer (assigning zeros() would write into the old one)
            firstIteration = false;
        }
        std::swap(current, next);
        control.report(double(iteration + 1) / iterations, "refining boundaries");
    }
    return current;
}

LabelMap refineLabels(const cv::Mat3b &rgb, const LabelMap &labels, const PamrParams &params,
                      const WorkControl &control) {
    if (rgb.empty())
        throw Error("refinement: the image is empty");
    if (labels.size() != rgb.size())
        throw Error("refinement: the label map is " + std::to_string(labels.cols) + "x" +
                    std::to_string(labels.rows) + " but the image is " + std::to_string(rgb.cols) + "x" +
                    std::to_string(rgb.rows));
    if (params.workingMaxSide < 1)
        throw Error("refinement: the working size must be at least 1 pixel");
    double lowestLabel = 0;
    cv::minMaxLoc(labels, &lowestLabel);
    if (lowestLabel < 0)
        throw Error("refinement: labels must not be negative");
    control.checkpoint();

    const int count = labelCount(labels);
    if (count <= 1)
        return labels.clone(); // nothing to move

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
    cv::Mat3f image;
    std::vector<cv::Mat1f> masks;
    areaAverage(rgb, labels, count, workingSize, image, masks);
    masks = pamrRefineMasks(image, std::move(masks), params.iterations, params.dilations, control);
    control.checkpoint();
    LabelMap refined = argmaxOfUpsampled(masks, labels.size());

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
