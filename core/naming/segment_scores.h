#pragma once
// The fast half of naming segments, as DiffCut's eval_diffcut_openvoc.py computes it, on the CPU
// without LibTorch: MaskPooling of the dense CLIP features inside each segment (the mask resized
// to the feature grid with nearest-exact, binarised, divided by its cell count + 1e-8), and the
// classification of unit visual embeddings against a text classifier (logits = scale · cos, one
// column per synonym, max over each class's synonyms, softmax, first argmax).
#include "features/feature_map.h"
#include "segmentation/label_map.h"

#include <Eigen/Core>

#include <string>
#include <vector>

namespace diffcut {

using RowMatrixXf = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct PooledSegments {
    std::vector<int> labels;     // the label values present, ascending (torch.unique order)
    std::vector<int> cellCounts; // cells of the feature grid each segment covers after the resize
    RowMatrixXf pooled;          // segments × channels
};

// torch's nearest-exact source index for output index i: min(floor((i + 0.5) · in/out), in − 1).
int nearestExactSource(int i, int inSize, int outSize);
// Every label of the map, pooled over the cells whose nearest-exact sample pixel has it. A
// segment no cell samples pools to zeros (and is still classified, as in the official code).
PooledSegments poolSegments(const FeatureMap &dense, const LabelMap &labels);

struct TextClassifier {
    std::vector<std::string> classNames; // the first synonym of each class
    std::vector<int> classOfRow;         // the class of each synonym row
    RowMatrixXf rows;                    // synonyms × embedding, unit rows
    float logitScale = 100;              // min(exp(logit_scale), 100)
};

// x / ||x|| per row; `eps` bounds the norm from below (F.normalize uses 1e-12; the classifier 0).
RowMatrixXf normalizedRows(const RowMatrixXf &rows, float eps);
// The mean of each consecutive group of `groupSize` rows.
RowMatrixXf groupMeans(const RowMatrixXf &rows, int groupSize);
// The text classifier from raw text features, `kPromptTemplates.size()` consecutive prompts per
// synonym: per-prompt normalisation, mean over the templates, normalisation.
TextClassifier assembleClassifier(const RowMatrixXf &promptFeatures, std::vector<std::string> classNames,
                                  std::vector<int> classOfRow, float logitScale);

struct SegmentScores {
    int label = 0;
    int classIndex = 0;              // index into the classifier's classes
    std::vector<float> logits;       // per class: the largest logit of its synonyms
    std::vector<float> probabilities; // softmax of the logits
};

// scale · unit embeddings · classifier rowsᵀ: segments × synonym rows.
RowMatrixXf synonymLogits(const RowMatrixXf &unitEmbeddings, const TextClassifier &classifier);
std::vector<SegmentScores> scoreSegments(const std::vector<int> &labels, const RowMatrixXf &unitEmbeddings,
                                         const TextClassifier &classifier);

} // namespace diffcut
