#include "naming/segment_scores.h"

#include "common/error.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace diffcut {

int nearestExactSource(int i, int inSize, int outSize) {
    // As ATen: the scale in float, the product in double, floored as float.
    const float scale = float(inSize) / float(outSize);
    return std::min(int(std::floor(float((i + 0.5) * scale))), inSize - 1);
}

PooledSegments poolSegments(const FeatureMap &dense, const LabelMap &labels) {
    if (labels.empty())
        throw Error("the label map is empty");
    const int h = dense.height, w = dense.width, channels = dense.channels;
    PooledSegments result;
    {
        // One pass: labels are usually 0..K-1 and marked in a table; others go through a set.
        constexpr int kTableSize = 1 << 16;
        std::vector<char> present(kTableSize, 0);
        std::set<int> others;
        for (int y = 0; y < labels.rows; ++y)
            for (const int *row = labels[y], *end = row + labels.cols; row != end; ++row) {
                if (unsigned(*row) < unsigned(kTableSize))
                    present[std::size_t(*row)] = 1;
                else
                    others.insert(*row);
            }
        for (auto other = others.begin(); other != others.end() && *other < 0; ++other)
            result.labels.push_back(*other);
        for (int label = 0; label < kTableSize; ++label)
            if (present[std::size_t(label)])
                result.labels.push_back(label);
        for (int other : others)
            if (other >= 0)
                result.labels.push_back(other);
    }
    const int segments = int(result.labels.size());
    // The segment of each cell: the label at its nearest-exact sample pixel.
    std::vector<int> segmentOfCell(std::size_t(h) * w);
    result.cellCounts.assign(std::size_t(segments), 0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const int label = labels(nearestExactSource(y, labels.rows, h), nearestExactSource(x, labels.cols, w));
            const int segment = int(std::lower_bound(result.labels.begin(), result.labels.end(), label) - result.labels.begin());
            segmentOfCell[std::size_t(y) * w + x] = segment;
            ++result.cellCounts[std::size_t(segment)];
        }
    // Σ features · (mask / (count + 1e-8)): the division on the mask first, as MaskPooling.
    std::vector<float> weight(static_cast<std::size_t>(segments));
    for (int s = 0; s < segments; ++s)
        weight[std::size_t(s)] = 1.0f / float(double(result.cellCounts[std::size_t(s)]) + 1e-8);
    result.pooled = RowMatrixXf::Zero(segments, channels);
    for (int c = 0; c < channels; ++c) {
        const float *plane = dense.values.data() + std::size_t(c) * h * w;
        for (std::size_t cell = 0; cell < segmentOfCell.size(); ++cell) {
            const int segment = segmentOfCell[cell];
            result.pooled(segment, c) += plane[cell] * weight[std::size_t(segment)];
        }
    }
    return result;
}

RowMatrixXf normalizedRows(const RowMatrixXf &rows, float eps) {
    RowMatrixXf out(rows.rows(), rows.cols());
    for (Eigen::Index r = 0; r < rows.rows(); ++r)
        out.row(r) = rows.row(r) / std::max(rows.row(r).norm(), eps);
    return out;
}

RowMatrixXf groupMeans(const RowMatrixXf &rows, int groupSize) {
    if (groupSize < 1 || rows.rows() % groupSize != 0)
        throw Error("text features: " + std::to_string(rows.rows()) + " prompts are not groups of " + std::to_string(groupSize));
    RowMatrixXf means(rows.rows() / groupSize, rows.cols());
    for (Eigen::Index g = 0; g < means.rows(); ++g)
        means.row(g) = rows.middleRows(g * groupSize, groupSize).colwise().mean();
    return means;
}

TextClassifier assembleClassifier(const RowMatrixXf &promptFeatures, std::vector<std::string> classNames,
                                  std::vector<int> classOfRow, float logitScale) {
    TextClassifier classifier;
    const int templates = int(promptFeatures.rows() / std::max<std::size_t>(1, classOfRow.size()));
    classifier.rows = normalizedRows(groupMeans(normalizedRows(promptFeatures, 0), templates), 0);
    classifier.classNames = std::move(classNames);
    classifier.classOfRow = std::move(classOfRow);
    classifier.logitScale = logitScale;
    return classifier;
}

RowMatrixXf synonymLogits(const RowMatrixXf &unitEmbeddings, const TextClassifier &classifier) {
    // Matrix-vector products: Eigen runs matrix-matrix products on OpenMP threads, whose waits cost
    // 20-60 ms on a busy 2-core machine for a product this small (1 ms on one thread).
    RowMatrixXf logits(unitEmbeddings.rows(), classifier.rows.rows());
    for (Eigen::Index s = 0; s < unitEmbeddings.rows(); ++s)
        logits.row(s).noalias() = classifier.logitScale * (classifier.rows * unitEmbeddings.row(s).transpose()).transpose();
    return logits;
}

std::vector<SegmentScores> scoreSegments(const std::vector<int> &labels, const RowMatrixXf &unitEmbeddings,
                                         const TextClassifier &classifier) {
    const RowMatrixXf all = synonymLogits(unitEmbeddings, classifier);
    const std::size_t classes = classifier.classNames.size();
    std::vector<SegmentScores> scores(labels.size());
    for (std::size_t s = 0; s < labels.size(); ++s) {
        SegmentScores &score = scores[s];
        score.label = labels[s];
        score.logits.assign(classes, -INFINITY);
        for (Eigen::Index r = 0; r < all.cols(); ++r) {
            float &logit = score.logits[std::size_t(classifier.classOfRow[std::size_t(r)])];
            logit = std::max(logit, all(Eigen::Index(s), r));
        }
        const float top = *std::max_element(score.logits.begin(), score.logits.end());
        score.classIndex = int(std::max_element(score.logits.begin(), score.logits.end()) - score.logits.begin());
        double sum = 0;
        for (float logit : score.logits)
            sum += std::exp(double(logit - top));
        for (float logit : score.logits)
            score.probabilities.push_back(float(std::exp(double(logit - top)) / sum));
    }
    return scores;
}

} // namespace diffcut
