#include "features/feature_identity.h"

#include <xxhash.h>

#include <cstdio>

namespace diffcut {

bool FeatureIdentity::sameFeatures(const FeatureIdentity &other) const {
    const bool sameImage = imageHash.empty() || other.imageHash.empty() || imageHash == other.imageHash;
    return sameImage && encoder == other.encoder && weights == other.weights && timestep == other.timestep &&
           resolution == other.resolution && gridWidth == other.gridWidth && gridHeight == other.gridHeight;
}

std::string FeatureIdentity::describe() const {
    const std::string grid = std::to_string(gridWidth) + "×" + std::to_string(gridHeight);
    if (model.empty())
        return "the " + grid + " built-in encoder";
    return model + " at t = " + std::to_string(timestep) + " (" + grid + ")";
}

std::string imagePixelHash(const cv::Mat3b &rgb) {
    XXH3_state_t *state = XXH3_createState();
    XXH3_128bits_reset(state);
    const int size[2] = {rgb.rows, rgb.cols};
    XXH3_128bits_update(state, size, sizeof size);
    for (int y = 0; y < rgb.rows; ++y)
        XXH3_128bits_update(state, rgb.ptr(y), std::size_t(rgb.cols) * 3);
    const XXH128_hash_t hash = XXH3_128bits_digest(state);
    XXH3_freeState(state);
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(hash.high64),
                  static_cast<unsigned long long>(hash.low64));
    return text;
}

} // namespace diffcut
