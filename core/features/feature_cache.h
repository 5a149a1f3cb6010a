#pragma once
// Features on disk (the cache layout's features/ folder), keyed by the image's pixels and the
// encoder (featureCacheKey: for a model its files, timestep, resolution and precision), so reopening
// an image costs a file read instead of seconds of diffusion model. `encoderKey` below is
// featureCacheKey(encoder).
#include "features/feature_encoder.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

namespace diffcut {

// Entries are checked files (common/checked_file.h) holding a .npy, their checksum seeded with the
// entry's own name: one that fails its check (empty, truncated, a flipped bit, or a file written
// for another entry — renamed or copied in), is larger than any feature map could be, or does not
// parse as features is removed with a note and treated as absent, so a bad entry costs one
// recomputation and never a wrong result or a crash.
//
// The cache is bounded by trim(): least recently used entries first (reading an entry is a use),
// entries of images under a kept folder (the folder open in the GUI) last. An entry may have a
// source record "<entry>.json" naming the image file it was made from, so that the images of a
// folder can be known to have features without decoding them.
class FeatureCache {
public:
    explicit FeatureCache(std::filesystem::path folder, NoteFn note = {});

    const std::filesystem::path &folder() const { return folder_; }
    std::filesystem::path pathFor(const cv::Mat3b &rgb, const std::string &encoderKey) const;
    // A cached map, or nothing when absent; a bad entry is removed (with a note) and treated as absent.
    std::optional<FeatureMap> load(const cv::Mat3b &rgb, const std::string &encoderKey) const;
    // Best effort: a cache that cannot be written (a full disk) is a note, not an error.
    void store(const cv::Mat3b &rgb, const std::string &encoderKey, const FeatureMap &features) const;

    // Records that the entry for (rgb, encoderKey) was made from the file `image` (best effort;
    // nothing is recorded when there is no such entry).
    void recordSource(const cv::Mat3b &rgb, const std::string &encoderKey, const std::filesystem::path &image) const;
    // The images under `folder` with a recorded entry of `encoderKey` that still exists, whose file is
    // unchanged since (size and modification time): absolute image path → the entry's bytes.
    std::map<std::filesystem::path, std::uintmax_t> entriesUnder(const std::filesystem::path &folder,
                                                                 const std::string &encoderKey) const;

    struct Trimmed {
        int removed = 0;
        std::uintmax_t bytesLeft = 0; // of the entries that stay
    };
    // Removes entries until they take at most `limitBytes`: least recently used first, entries of
    // images under `keepFolder` (when given) after all others. Source records without an entry go too.
    Trimmed trim(std::uintmax_t limitBytes, const std::filesystem::path &keepFolder = {}) const;

private:
    std::filesystem::path folder_;
    NoteFn note_;
};

// What the cache keys an encoder's features by (with the image's pixels): its id and its working
// resolution — the built-in encoder's id does not name its grid, whose features differ.
std::string featureCacheKey(const FeatureEncoder &encoder);

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
