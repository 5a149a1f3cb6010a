#pragma once
// The one owner of the cache folder's layout. Everything DiffCut keeps outside the user's folders
// lives under one root (default $XDG_CACHE_HOME/diffcut-studio, else ~/.cache/diffcut-studio; the
// command line's --cache and the GUI's settings choose another):
//
//   ROOT/features/      feature maps, one per (image pixels, encoder)      recomputable
//   ROOT/conditioning/  each model's empty-prompt text conditioning       recomputable
//   ROOT/clip-features/ dense OpenCLIP features, one per (image, model)   recomputable
//   ROOT/annotations/   annotations of images in read-only folders       the user's work
//   ROOT/projects/      class lists of read-only folders                 the user's work
//
// Clearing the cache only ever removes recomputable areas.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace diffcut {

enum class CacheArea { Features, Conditioning, ClipFeatures, Annotations, Projects };

struct CacheUsage {
    std::uintmax_t bytes = 0; // of every file the area's owner writes there (writes in progress included)
    int entries = 0;          // cached images, models, annotations or class lists
    std::string error;        // the first file or folder that could not be measured or removed; empty if none
};

class CacheLayout {
public:
    // root: the cache folder itself; empty = defaultRoot().
    explicit CacheLayout(std::filesystem::path root = {});
    static std::filesystem::path defaultRoot();

    const std::filesystem::path &root() const { return root_; }
    std::filesystem::path folder(CacheArea area) const;
    std::filesystem::path features() const { return folder(CacheArea::Features); }
    std::filesystem::path conditioning() const { return folder(CacheArea::Conditioning); }
    std::filesystem::path clipFeatures() const { return folder(CacheArea::ClipFeatures); }
    std::filesystem::path annotations() const { return folder(CacheArea::Annotations); }
    std::filesystem::path projects() const { return folder(CacheArea::Projects); }

    static const std::vector<CacheArea> &areas();
    // Features, conditioning and CLIP features: clearing them costs only recomputation.
    static bool recomputable(CacheArea area);

    // What one area's files take (its folder, not recursing; files of other kinds are not ours and
    // are neither counted nor removed).
    CacheUsage usage(CacheArea area) const;
    // Removes the files of a recomputable area (any other area is left alone: it holds the user's
    // work) and returns what is left.
    CacheUsage clear(CacheArea area) const;

    // The file name stem under which something named by `key` is kept: xxHash3-128, 32 hex digits.
    static std::string nameFor(std::string_view key);
    // nameFor the absolute, normalised path: one entry per file or folder wherever it is opened from.
    static std::string nameForPath(const std::filesystem::path &path);

private:
    std::filesystem::path root_;
};

} // namespace diffcut
