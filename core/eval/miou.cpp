#include "eval/miou.h"

#include "common/error.h"
#include "eval/hungarian.h"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace diffcut {

namespace {

// One image's confusion matrix as the official histogram has it: rows from the ground-truth
// values through rowOf (-1 = not scored), columns from the predicted labels through columnOf, as
// many as max(rows, largest column + 1) over all pixels, scored or not. Columns nobody predicted
// are kept: a class absent from the image may be matched to one.
template <typename RowOf>
Eigen::MatrixXd confusion(const LabelMap &gt, const LabelMap &pred, int rows, RowOf &&rowOf,
                          const std::vector<int> &columnOf) {
    Eigen::MatrixXd overlap =
        Eigen::MatrixXd::Zero(rows, std::max(rows, *std::max_element(columnOf.begin(), columnOf.end()) + 1));
    int columns = rows;
    for (int y = 0; y < gt.rows; ++y)
        for (int x = 0; x < gt.cols; ++x) {
            const int column = columnOf[pred(y, x)];
            columns = std::max(columns, column + 1);
            if (const int row = rowOf(gt(y, x)); row >= 0)
                overlap(row, column) += 1.0;
        }
    return overlap.leftCols(columns);
}

// Step (2) of BackgroundMatching::ManyToOne, from the confusion matrix of the object classes
// alone: the segments matched to object classes present in the image keep their label, every
// other one becomes the new segment max label + 1. Returns the new label of each label.
std::vector<int> mergeBackgroundSegments(const Eigen::MatrixXd &objectOverlap, int segments) {
    const std::vector<int> segmentOfClass = maximumWeightAssignment(objectOverlap);
    std::vector<char> kept(segments, 0);
    for (int c = 0; c < int(objectOverlap.rows()); ++c) {
        // As the official code tests it: a class is present when it overlaps any matched segment
        // (which, the matching being optimal, is exactly when it has a pixel in the image).
        const bool present = std::any_of(segmentOfClass.begin(), segmentOfClass.end(),
                                         [&](int segment) { return objectOverlap(c, segment) > 0; });
        // The match may be an empty column past the predicted labels; nothing to keep then.
        if (present && segmentOfClass[c] < segments)
            kept[segmentOfClass[c]] = 1;
    }
    std::vector<int> merged(segments);
    for (int label = 0; label < segments; ++label)
        merged[label] = kept[label] ? label : segments;
    return merged;
}

} // namespace

MatchedIouAccumulator::MatchedIouAccumulator(int numClasses, int ignoreLabel, BackgroundMatching background)
    : numClasses_(numClasses), ignoreLabel_(ignoreLabel), background_(background),
      rowOfValue_(std::max(numClasses, 0), -1), truePositives_(std::max(numClasses, 0)),
      falsePositives_(std::max(numClasses, 0)), falseNegatives_(std::max(numClasses, 0)) {
    if (numClasses < 1 || numClasses > kMaxClasses)
        throw Error("evaluation: the number of classes must be between 1 and " + std::to_string(kMaxClasses) +
                    ", not " + std::to_string(numClasses));
    // Many-to-one: the official code numbers the object classes 1..N-1 as rows 0..N-2 and puts
    // background last; the order decides the matching on ties, so it is kept.
    const bool backgroundLast = background == BackgroundMatching::ManyToOne;
    for (int value = backgroundLast ? 1 : 0; value < numClasses; ++value)
        if (value != ignoreLabel)
            valueOfRow_.push_back(value);
    if (backgroundLast)
        valueOfRow_.push_back(0);
    for (int row = 0; row < int(valueOfRow_.size()); ++row)
        rowOfValue_[valueOfRow_[row]] = row;
    if (valueOfRow_.size() < (backgroundLast ? 2u : 1u))
        throw Error(backgroundLast
                        ? "evaluation: many-to-one background matching needs a background and an object class"
                        : "evaluation: the ignore label leaves no class to score");
}

void MatchedIouAccumulator::addImage(const LabelMap &gt, const LabelMap &pred) {
    if (gt.size() != pred.size())
        throw Error("evaluation: the prediction is " + std::to_string(pred.cols) + "x" + std::to_string(pred.rows) +
                    " but the ground truth is " + std::to_string(gt.cols) + "x" + std::to_string(gt.rows));
    if (gt.empty())
        return;
    double lowestPrediction = 0, highestPrediction = 0;
    cv::minMaxLoc(pred, &lowestPrediction, &highestPrediction);
    if (lowestPrediction < 0)
        throw Error("evaluation: predicted labels must not be negative");
    if (highestPrediction > kMaxPredictedLabel)
        throw Error("evaluation: predicted label " + std::to_string(int(highestPrediction)) + " is above " +
                    std::to_string(kMaxPredictedLabel));

    const int segments = int(highestPrediction) + 1;
    std::vector<int> sameLabel(segments);
    std::iota(sameLabel.begin(), sameLabel.end(), 0);
    const int rowCount = int(valueOfRow_.size());
    const auto rowOf = [&](int value) { return value >= 0 && value < numClasses_ ? rowOfValue_[value] : -1; };
    if (background_ == BackgroundMatching::OneToOne) {
        accumulate(confusion(gt, pred, rowCount, rowOf, sameLabel));
        return;
    }
    const int backgroundRow = rowCount - 1;
    const auto objectRowOf = [&](int value) { return value == 0 ? -1 : rowOf(value); };
    const std::vector<int> mergedLabel =
        mergeBackgroundSegments(confusion(gt, pred, backgroundRow, objectRowOf, sameLabel), segments);
    const auto scoredRowOf = [&](int value) {
        return value < 0 || value == ignoreLabel_ ? backgroundRow : rowOf(value);
    };
    accumulate(confusion(gt, pred, rowCount, scoredRowOf, mergedLabel));
}

void MatchedIouAccumulator::accumulate(const Eigen::MatrixXd &overlap) {
    const std::vector<int> segmentOfRow = maximumWeightAssignment(overlap);
    const Eigen::VectorXd rowPixels = overlap.rowwise().sum();
    const Eigen::RowVectorXd segmentPixels = overlap.colwise().sum();
    for (int row = 0; row < int(overlap.rows()); ++row) {
        const int segment = segmentOfRow[row];
        const auto matched = std::int64_t(overlap(row, segment));
        const int c = valueOfRow_[row];
        truePositives_[c] += matched;
        falsePositives_[c] += std::int64_t(segmentPixels(segment)) - matched;
        falseNegatives_[c] += std::int64_t(rowPixels(row)) - matched;
    }
    scoredPixels_ += std::int64_t(rowPixels.sum());
}

std::vector<double> iouPerClass(const std::vector<std::int64_t> &truePositives, const std::vector<std::int64_t> &falsePositives,
                                const std::vector<std::int64_t> &falseNegatives) {
    std::vector<double> iou(truePositives.size());
    for (std::size_t c = 0; c < iou.size(); ++c) {
        const std::int64_t denominator = truePositives[c] + falsePositives[c] + falseNegatives[c];
        iou[c] = denominator == 0 ? std::numeric_limits<double>::quiet_NaN()
                                  : double(truePositives[c]) / double(denominator);
    }
    return iou;
}

double meanOfDefined(const std::vector<double> &values) {
    double sum = 0.0;
    int defined = 0;
    for (double value : values)
        if (!std::isnan(value)) {
            sum += value;
            ++defined;
        }
    return defined == 0 ? std::numeric_limits<double>::quiet_NaN() : sum / defined;
}

std::vector<double> MatchedIouAccumulator::perClassIou() const {
    return iouPerClass(truePositives_, falsePositives_, falseNegatives_);
}

double MatchedIouAccumulator::meanIou() const { return meanOfDefined(perClassIou()); }

double MatchedIouAccumulator::pixelAccuracy() const {
    if (scoredPixels_ == 0)
        return std::numeric_limits<double>::quiet_NaN();
    std::int64_t matched = 0;
    for (std::int64_t tp : truePositives_)
        matched += tp;
    return double(matched) / double(scoredPixels_);
}

double matchedMeanIou(const LabelMap &reference, const LabelMap &candidate) {
    MatchedIouAccumulator accumulator(labelCount(reference));
    accumulator.addImage(reference, candidate);
    return accumulator.meanIou();
}

} // namespace diffcut
