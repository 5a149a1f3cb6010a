#pragma once
// Names segments with an OpenCLIP ConvNeXt model, as DiffCut's open-vocabulary extension does:
// dense CLIP features once per image (slow: the image tower; cached on disk by the image's pixels,
// the model's fingerprint, the size and the normalisation), a text classifier once per class list
// (14 prompts per synonym through the text tower; each synonym's row kept in memory), then per
// segmentation the mask pooling and classification (milliseconds; the heads run only for segments
// whose pooled features were not seen before). Qt-free; thread-safe.
#include "common/progress.h"
#include "naming/clip_model.h"
#include "naming/clip_tokenizer.h"
#include "naming/segment_scores.h"

#include <opencv2/core.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace diffcut {

struct NamerSettings {
    ClipModelSettings model;
    int clipSize = 1024;                   // square side the image tower sees (official: 1024; COCO-Object 2048)
    bool normalize = false;                // preprocess_cfg mean/std (the official code feeds [0, 1])
    std::filesystem::path cacheFolder;     // dense features; empty = defaultClipCacheFolder()
    bool useCache = true;
};

// $XDG_CACHE_HOME/diffcut-studio/clip-features, beside the diffusion feature cache.
std::filesystem::path defaultClipCacheFolder();

// An 8-bit RGB image as the (3, H, W) float map in [0, 1] the image tower takes (value / 255).
FeatureMap clipImageOf(const cv::Mat3b &rgb);

class SegmentNamer {
public:
    // Loads the model (diffcut_diffusion library) and its tokenizer. Throws Error.
    explicit SegmentNamer(const NamerSettings &settings);
    SegmentNamer(std::unique_ptr<ClipModel> model, ClipTokenizer tokenizer, NamerSettings settings);

    std::string description() const { return model_->description(); }
    const NamerSettings &settings() const { return settings_; }

    // Dense features of an image (cached; progress and cancellation through `control`).
    FeatureMap denseFeatures(const cv::Mat3b &rgb, const WorkControl &control = {}) const;
    // Of an exact (3, H, W) float map in [0, 1], as --clip-input gives it (not cached).
    FeatureMap denseFeatures(const FeatureMap &image, const WorkControl &control = {}) const;

    // Class strings ("dog, puppy": synonyms) → classifier. Throws Error for unusable names.
    TextClassifier buildClassifier(const std::vector<std::string> &classes, const WorkControl &control = {}) const;

    // Every label of `labels` (any size: the mask is resized to the feature grid), ascending.
    std::vector<SegmentScores> classify(const FeatureMap &dense, const LabelMap &labels,
                                        const TextClassifier &classifier) const;

private:
    std::string cacheKey() const;

    std::unique_ptr<ClipModel> model_;
    ClipTokenizer tokenizer_;
    NamerSettings settings_;
    mutable std::mutex mutex_;
    mutable std::map<std::string, std::vector<float>> synonymRows_; // synonym → its classifier row
    // Pooled vector (its bytes) → its visual embedding, for the segments the next cut keeps.
    mutable std::unordered_map<std::string, std::vector<float>> embeddings_;
    static constexpr std::size_t kMaxCachedEmbeddings = 4096;
};

} // namespace diffcut
