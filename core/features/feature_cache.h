#pragma once
// Features on disk, keyed by the image's pixels and the encoder's id (which names model,
// timestep, resolution and precision), so reopening an image costs a file read instead of seconds
// of diffusion model.
#include "features/feature_encoder.h"

#include <filesystem>
#include <memory>
#include <optional>

namespace diffcut {

class FeatureCache {
public:
    explicit FeatureCache(std::filesystem::path folder);
    // $XDG_CACHE_HOME/diffcut-studio/features, else ~/.cache/diffcut-studio/features.
    static std::filesystem::path defaultFolder();

    std::filesystem::path pathFor(const cv::Mat3b &rgb, const std::string &encoderId) const;
    // A cached map, or nothing when absent; an unreadable entry is removed and treated as absent.
    std::optional<FeatureMap> load(const cv::Mat3b &rgb, const std::string &encoderId) const;
    // Best effort: a cache that cannot be written is not an error for the user's work.
    void store(const cv::Mat3b &rgb, const std::string &encoderId, const FeatureMap &features) const;

private:
    std::filesystem::path folder_;
};

// Wraps an encoder: answers from the cache when it can, stores what it computes.
class CachingEncoder final : public FeatureEncoder {
public:
    CachingEncoder(std::unique_ptr<FeatureEncoder> inner, FeatureCache cache);
    std::string id() const override { return inner_->id(); }
    std::string description() const override { return inner_->description(); }
    FeatureIdentity identity() const override { return inner_->identity(); }
    FeatureMap encode(const cv::Mat3b &rgb, const WorkControl &control = {}) const override;

private:
    std::unique_ptr<FeatureEncoder> inner_;
    FeatureCache cache_;
};

} // namespace diffcut
