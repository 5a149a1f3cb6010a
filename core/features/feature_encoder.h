#pragma once
// What turns an image into a FeatureMap. Implementations: the built-in encoder (no weights) and,
// later, the diffusion encoder.
#include "common/progress.h"
#include "features/feature_identity.h"
#include "features/feature_map.h"

#include <opencv2/core.hpp>

#include <string>

namespace diffcut {

class FeatureEncoder {
public:
    virtual ~FeatureEncoder() = default;
    // Stable identifier used in caches and summaries, e.g. "builtin-lab-texture/1".
    virtual std::string id() const = 0;
    // One line for the user saying what this encoder is (and, for the fallback, that it is one).
    virtual std::string description() const = 0;
    // What its features are made from, without what depends on the image (grid, image hash).
    virtual FeatureIdentity identity() const = 0;
    // image: RGB, 8 bits per channel, already EXIF-oriented. Throws Error, or Cancelled.
    virtual FeatureMap encode(const cv::Mat3b &rgb, const WorkControl &control = {}) const = 0;
};

} // namespace diffcut
