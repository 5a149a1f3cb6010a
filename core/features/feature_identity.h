#pragma once
// What a feature map was computed from: the encoder (and its version), the model and its weights,
// the timestep, the working resolution and feature grid, and the image's pixels. Partition-tree
// node paths, and so every decision the user makes on them, only mean something for features of
// one identity: decisions made on other features are set aside, never applied to another tree.
#include <opencv2/core.hpp>

#include <string>

namespace diffcut {

struct FeatureIdentity {
    std::string encoder;   // encoder and version, e.g. "builtin-lab-texture/1", "diffusion/1"
    std::string model;     // repo id or folder; empty for the built-in encoder (informative only)
    std::string weights;   // fingerprint of the weight files; empty for the built-in encoder
    int timestep = 0;      // diffusion timestep; 0 for the built-in encoder
    int resolution = 0;    // side of the square the encoder sees, in pixels
    int gridWidth = 0;     // the feature grid
    int gridHeight = 0;
    std::string imageHash; // imagePixelHash of the image; empty = unknown (files of format version 1)

    // Whether a tree built from features of `other` is the tree these were made on: every field but
    // the model's name (the same weights may live in another folder), and the image hash only
    // when both are known.
    bool sameFeatures(const FeatureIdentity &other) const;
    // For the user: "the 32×32 built-in encoder", "segmind/SSD-1B at t = 50 (32×32)".
    std::string describe() const;
};

// xxHash3-128 of the decoded RGB pixels and their size, as 32 hex digits.
std::string imagePixelHash(const cv::Mat3b &rgb);

} // namespace diffcut
