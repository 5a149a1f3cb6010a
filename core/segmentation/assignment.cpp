#include "segmentation/assignment.h"

#include "common/error.h"

#include <algorithm>
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
    LabelMap best(h, w);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            float *s = &scores[(std::size_t(y) * w + x) * k];
            int arg = 0;
            for (int c = 0; c < k; ++c) {
                s[c] = scoreMaps[c](y, x);
                if (s[c] > s[arg])
                    arg = c;
            }
            best(y, x) = arg;
        }

    const BilinearTaps rows = bilinearTaps(h, outSize.height), cols = bilinearTaps(w, outSize.width);
    // Output columns sharing one pair of source columns form a span; on a span whose four source
    // samples agree the label is constant and is filled without evaluating any score.
    std::vector<int> spanStart{0};
    for (int x = 1; x < outSize.width; ++x)
        if (cols.low[x] != cols.low[x - 1])
            spanStart.push_back(x);
    spanStart.push_back(outSize.width);

    LabelMap labels(outSize);
#pragma omp parallel for schedule(static) if (outSize.area() >= 65536)
    for (int y = 0; y < outSize.height; ++y) {
        const int y0 = rows.low[y], y1 = rows.high[y];
        const float wy1 = rows.weightHigh[y], wy0 = 1.0f - wy1;
        int *out = labels.ptr<int>(y);
        for (std::size_t span = 0; span + 1 < spanStart.size(); ++span) {
            const int first = spanStart[span], end = spanStart[span + 1];
            const int x0 = cols.low[first], x1 = cols.high[first];
            const int label = best(y0, x0);
            if (best(y0, x1) == label && best(y1, x0) == label && best(y1, x1) == label) {
                std::fill(out + first, out + end, label);
                continue;
            }
            const float *s00 = &scores[(std::size_t(y0) * w + x0) * k], *s01 = &scores[(std::size_t(y0) * w + x1) * k];
            const float *s10 = &scores[(std::size_t(y1) * w + x0) * k], *s11 = &scores[(std::size_t(y1) * w + x1) * k];
            for (int x = first; x < end; ++x) {
                const float wx1 = cols.weightHigh[x], wx0 = 1.0f - wx1;
                int arg = 0;
                float top = 0.0f;
                for (int c = 0; c < k; ++c) {
                    const float value = wy0 * (wx0 * s00[c] + wx1 * s01[c]) + wy1 * (wx0 * s10[c] + wx1 * s11[c]);
                    if (c == 0 || value > top) {
                        top = value;
                        arg = c;
                    }
                }
                out[x] = arg;
            }
        }
    }
    return labels;
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

    const Eigen::MatrixXf scores = embeddings.transpose() * unitFeatures_; // K x N: row k = score map k
    std::vector<cv::Mat1f> scoreMaps;
    scoreMaps.reserve(k);
    for (int c = 0; c < k; ++c) {
        cv::Mat1f map(height_, width_);
        for (int p = 0; p < n; ++p)
            map(p / width_, p % width_) = scores(c, p);
        scoreMaps.push_back(map);
    }
    return argmaxOfUpsampled(scoreMaps, outSize);
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
