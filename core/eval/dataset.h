#pragma once
// Evaluating a folder of predicted label maps against a folder of ground-truth label maps with the
// paper's protocol (eval/miou.h).
#include "eval/miou.h"
#include "eval/open_vocabulary.h"
#include "segmentation/label_map.h"

#include <filesystem>
#include <string>
#include <vector>

namespace diffcut {

struct LabelFilePair {
    std::string name; // the name both files share
    std::filesystem::path prediction, groundTruth;
};

struct LabelFilePairing {
    std::vector<LabelFilePair> pairs; // by name
    std::vector<std::filesystem::path> unpairedPredictions, unpairedGroundTruth;
};

// Finds the .png and .npy files under both folders, at any depth, and pairs them by name without
// extension ("val/2007_000033.png" pairs with "2007_000033.npy" anywhere in the other folder).
// A folder holding labels.png or labels.npy is a `diffcut segment --out` folder: that file takes
// the folder's name and the folder's other files (overlay.png) are not label maps. Throws Error
// when a folder cannot be read or one folder holds two files of the same name (which would make
// the pairing a guess).
LabelFilePairing pairLabelFiles(const std::filesystem::path &predictionFolder,
                                const std::filesystem::path &groundTruthFolder);

// A .png (palette or greyscale, pixel value = label) or .npy (int32 or int64, shape (h, w)).
LabelMap readLabelFile(const std::filesystem::path &path);

// Nearest-neighbour resize with the rule of torch's F.interpolate(mode="nearest"), which the
// official evaluation uses to bring the ground truth to the prediction's size: source index =
// min(floor(i * (in / out) in float), in - 1).
LabelMap resizeLabelsNearest(const LabelMap &labels, cv::Size size);

struct DatasetEvaluationSettings {
    int numClasses = 0; // 0: the largest ground-truth label other than the ignore label, plus one
    int ignoreLabel = 255;
    BackgroundMatching background = BackgroundMatching::OneToOne;
    // Predictions are class maps, compared without matching (eval/open_vocabulary.h).
    bool openVocabulary = false;
};

struct DatasetEvaluation {
    int numClasses = 0;
    std::vector<double> perClassIou; // by ground-truth label; NaN: never in the ground truth nor matched
    double meanIou = 0, pixelAccuracy = 0;
    double meanImageIou = 0;         // open vocabulary only: the official per-image mean
    int images = 0;
};

// Scores every pair and accumulates over the dataset. A ground truth of another size than its
// prediction is resized to the prediction's size (resizeLabelsNearest), as the official code
// does, when the two have the same aspect ratio up to rounding; a different shape is an Error (the
// prediction was made on a crop, or belongs to another image). Throws Error naming the file when
// one is unreadable or holds a negative or too large predicted label, and when no ground-truth
// pixel is scored at all.
DatasetEvaluation evaluateLabelFiles(const std::vector<LabelFilePair> &pairs,
                                     const DatasetEvaluationSettings &settings);

} // namespace diffcut
