#pragma once
// The paper's evaluation protocol (method doc §6): per-image Hungarian matching of predicted
// segments to ground-truth classes, TP / FP / FN accumulated over the dataset.
#include "segmentation/label_map.h"

#include <Eigen/Core>

#include <cstdint>
#include <vector>

namespace diffcut {

// How the background of the ground truth is matched.
enum class BackgroundMatching {
    // Every class, background included, is matched to one predicted segment like any other. The
    // ignore label, negative values and values >= the class count are not scored.
    OneToOne,
    // The official protocol for PASCAL VOC, Pascal Context and COCO-Object, on VOC-style labels:
    // 0 = background, 1..numClasses-1 = object classes, the ignore label and negative values =
    // void, values >= numClasses are not scored. Per image: (1) the object classes alone are
    // matched (background and void not scored); (2) every predicted segment that is not the match
    // of an object class present in the image becomes one new segment (label = max label + 1);
    // (3) background AND void pixels are scored as background, the official code's quirk (it
    // cannot tell them apart: both are -1 there); (4) the usual matching with all classes.
    ManyToOne,
};

// TP / (TP + FP + FN) per class; NaN where the denominator is 0.
std::vector<double> iouPerClass(const std::vector<std::int64_t> &truePositives, const std::vector<std::int64_t> &falsePositives,
                                const std::vector<std::int64_t> &falseNegatives);
// The mean of the values that are not NaN (NaN when there is none).
double meanOfDefined(const std::vector<double> &values);

class MatchedIouAccumulator {
public:
    // Classes are the ground-truth label values 0..numClasses-1 (at most kMaxClasses) except the
    // ignore label, which is never a class (its IoU stays NaN). ManyToOne needs a background and
    // an object class.
    explicit MatchedIouAccumulator(int numClasses, int ignoreLabel = -1,
                                   BackgroundMatching background = BackgroundMatching::OneToOne);

    // Matches the image's predicted segments (labels 0..kMaxPredictedLabel, any count) one-to-one
    // to classes by maximum total overlap on the classes x max(classes, max label + 1) confusion
    // matrix (ties broken as scipy does), then adds TP / FP / FN per class. Segments left
    // unmatched count only as FN of the classes they cover. Throws diffcut::Error on different
    // sizes or a predicted label out of range.
    void addImage(const LabelMap &gt, const LabelMap &pred);

    // Per class, indexed by ground-truth label value: IoU_c = TP / (TP + FP + FN); NaN for a class
    // that never occurred and was never matched to a predicted pixel.
    std::vector<double> perClassIou() const;
    // Mean over the classes with a defined IoU (NaN when there is none).
    double meanIou() const;
    // Matched pixels over scored pixels (NaN before any scored pixel).
    double pixelAccuracy() const;

    std::int64_t scoredPixels() const { return scoredPixels_; }

    // Classes and predicted labels index the dense confusion matrix (ADE20K-full has 847 classes;
    // a 16-bit label PNG holds labels up to 65535).
    static constexpr int kMaxClasses = 1024;
    static constexpr int kMaxPredictedLabel = 65535;

private:
    // Matches the rows of an image's confusion matrix to its columns and adds each row's counts to
    // its class.
    void accumulate(const Eigen::MatrixXd &overlap);

    int numClasses_;
    int ignoreLabel_;
    BackgroundMatching background_;
    // Rows of the confusion matrix: the label value of each row, and the row of each label value
    // 0..numClasses-1 (-1 for the ignore label).
    std::vector<int> valueOfRow_, rowOfValue_;
    std::vector<std::int64_t> truePositives_, falsePositives_, falseNegatives_;
    std::int64_t scoredPixels_ = 0;
};

// Agreement of two partitions of one image: the matched mIoU with `reference` as ground truth
// (its label count as the number of classes). 1 exactly when they are equal up to renumbering.
double matchedMeanIou(const LabelMap &reference, const LabelMap &candidate);

} // namespace diffcut
