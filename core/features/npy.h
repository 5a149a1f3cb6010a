#pragma once
// NumPy .npy files (format v1-v3, little-endian, C order): the exchange format for feature maps
// ((C, h, w) float32) and label maps ((h, w) int32). Readers treat the file as untrusted input.
#include "features/feature_map.h"
#include "segmentation/label_map.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace diffcut {

struct NpyArray {
    std::string dtype;                // numpy descr, e.g. "<f4"
    std::vector<std::int64_t> shape;  // empty for a scalar
    std::vector<unsigned char> bytes; // raw little-endian element data, C order
};

// Parses an .npy image held in memory; `name` is used in error messages.
NpyArray parseNpy(const unsigned char *data, std::size_t size, const std::string &name);
NpyArray readNpy(const std::filesystem::path &path);

// (C, h, w) float32 or float16 → FeatureMap, validated (validateFeatures). Anything else — other
// dtypes, Fortran order, another rank — is an Error that says what was found and what is expected.
// `maxCells` bounds h·w: a segmentation's grid by default, an image's pixels for an image tensor.
FeatureMap featuresFromNpy(const NpyArray &array, const std::string &name, long long maxCells = kMaxFeatureGridCells);
FeatureMap readFeaturesNpy(const std::filesystem::path &path);
// The .npy file of a map (float32, C order), in memory or written atomically.
std::string featuresNpyBytes(const FeatureMap &features);
void writeFeaturesNpy(const std::filesystem::path &path, const FeatureMap &features);

// (h, w) int32 or int64 (values within int32) → LabelMap.
LabelMap readLabelsNpy(const std::filesystem::path &path);

} // namespace diffcut
