#pragma once
// Features on disk, keyed by the image's pixels and the encoder's id (which names model,
// timestep, resolution and precision), so reopening an image costs a file read instead of seconds
// of diffusion model.
#include "features/feature_encoder.h"

#include <filesystem>
#include <memory>
#include <optional>

namespace diffcut {

// Entries are checked files (common/checked_file.h) holding a .npy: one that fails its check or
// does not parse is removed, with a note, and treated as absent, so a bad entry costs one
// recomputation and never a wrong result.
class FeatureCache {
public:
    explicit FeatureCache(std::filesystem::path folder, NoteFn note = {});
    // $XDG_CACHE_HOME/diffcut-studio/features, else ~/.cache/diffcut-studio/features.
    static std::filesystem::path defaultFolder();

    std::filesystem::path pathFor(const cv::Mat3b &rgb, const std::string &encoderId) const;
    // A cached map, or nothing when absent; a bad entry is removed (with a note) and treated as absent.
    std::optional<FeatureMap> load(const cv::Mat3b &rgb, const std::string &encoderId) const;
    // Best effort: a cache that cannot be written (a full disk) is a note, not an error.
    void store(const cv::Mat3b &rgb, const std::string &encoderId, const FeatureMap &features) const;

private:
    std::filesystem::path folder_;
    NoteFn note_;
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
