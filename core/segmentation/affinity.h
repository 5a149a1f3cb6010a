#pragma once
// The affinity of the DiffCut graph (method doc §1): cosine similarity of L2-normalised pixel
// features, min–max normalised over all N² entries (diagonal included) to [0, 1], raised to α.
// The expensive part — the N x N x C product and the min–max — does not depend on α, so it is
// computed once per feature map (CosineAffinity) and every α derives its matrix from it.
#include "common/progress.h"
#include "features/feature_map.h"
#include "segmentation/granularity.h"

#include <Eigen/Core>

namespace diffcut {

class CosineAffinity {
public:
    // Throws Error for an invalid feature map (validateFeatures).
    explicit CosineAffinity(const FeatureMap &features, const WorkControl &control = {});
    // From the unit feature vectors already at hand (C x N, column n = pixel n, as
    // ConceptAssigner::unitFeatures() keeps them) of an h x w grid, so they are computed once.
    CosineAffinity(const Eigen::MatrixXf &unitColumns, int height, int width, const WorkControl &control = {});

    int size() const { return int(normalized_.rows()); }
    int height() const { return height_; }
    int width() const { return width_; }
    // All pairwise similarities are equal (max = min): the graph has no structure, and the
    // method gives one segment. normalized() is then all ones.
    bool isConstant() const { return constant_; }
    // (S − min S) / (max S − min S), N x N.
    const Eigen::MatrixXf &normalized() const { return normalized_; }

private:
    void normalize(const WorkControl &control);

    Eigen::MatrixXf normalized_;
    int height_ = 0;
    int width_ = 0;
    bool constant_ = false;
};

// W = normalized^α elementwise. An integer α is evaluated by repeated multiplication (exact
// squaring chain, no pow); subnormal results are kept. Throws Error for α outside the range.
Eigen::MatrixXf raiseAffinity(const Eigen::MatrixXf &normalized, double alpha);

} // namespace diffcut
