#pragma once
// The open-vocabulary protocol of DiffCut's eval_diffcut_openvoc.py: predictions are class maps
// (a class index per pixel, as `diffcut classify --class-map` writes them), compared with the
// ground truth without any matching. Per image, torchmetrics' multiclass JaccardIndex (macro: the
// mean IoU over the classes present in the prediction or the ground truth of that image), averaged
// over the images; beside it the standard dataset-level IoU per class (TP, FP, FN summed over the
// images) and its mean.
#include "segmentation/label_map.h"

#include <cstdint>
#include <vector>

namespace diffcut {

class ClassMapIouAccumulator {
public:
    // Classes 0..numClasses-1; ground-truth pixels with the ignore label, negative or ≥ numClasses
    // are not scored (the official code shifts its labels so that every pixel is in range).
    ClassMapIouAccumulator(int numClasses, int ignoreLabel);

    // Throws Error for different sizes or a predicted class outside 0..numClasses-1.
    void addImage(const LabelMap &groundTruth, const LabelMap &prediction);

    std::vector<double> perClassIou() const; // dataset level; NaN for a class never predicted nor present
    double meanIou() const;                  // over the classes with an IoU
    double meanImageIou() const;             // the official figure: mean over images of each image's mean IoU
    double pixelAccuracy() const;
    std::int64_t scoredPixels() const { return scoredPixels_; }
    int scoredImages() const { return int(imageIous_.size()); }

private:
    int numClasses_, ignoreLabel_;
    std::vector<std::int64_t> truePositives_, falsePositives_, falseNegatives_;
    std::vector<double> imageIous_;
    std::int64_t scoredPixels_ = 0, correctPixels_ = 0;
};

} // namespace diffcut
