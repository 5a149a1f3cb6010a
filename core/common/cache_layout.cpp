#include "common/cache_layout.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace fs = std::filesystem;

namespace diffcut {

CacheLayout::CacheLayout(fs::path root) : root_(root.empty() ? defaultRoot() : std::move(root)) {}

fs::path CacheLayout::defaultRoot() {
    if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return fs::path(xdg) / "diffcut-studio";
    if (const char *home = std::getenv("HOME"); home && *home)
        return fs::path(home) / ".cache/diffcut-studio";
    return fs::temp_directory_path() / "diffcut-studio";
}

fs::path CacheLayout::folder(CacheArea area) const {
    switch (area) {
    case CacheArea::Features: return root_ / "features";
    case CacheArea::Conditioning: return root_ / "conditioning";
    case CacheArea::ClipFeatures: return root_ / "clip-features";
    case CacheArea::Annotations: return root_ / "annotations";
    case CacheArea::Projects: return root_ / "projects";
    }
    return root_;
}

const std::vector<CacheArea> &CacheLayout::areas() {
    static const std::vector<CacheArea> all{CacheArea::Features, CacheArea::Conditioning, CacheArea::ClipFeatures,
                                            CacheArea::Annotations, CacheArea::Projects};
    return all;
}

bool CacheLayout::recomputable(CacheArea area) {
    return area == CacheArea::Features || area == CacheArea::Conditioning || area == CacheArea::ClipFeatures;
}

namespace {

// The extensions of the files each area's owner writes there, the entries' first.
std::vector<std::string> extensionsOf(CacheArea area) {
    switch (area) {
    case CacheArea::Features:
    case CacheArea::ClipFeatures: return {".npy", ".json"}; // feature maps, their source records
    case CacheArea::Conditioning: return {".pt"};
    case CacheArea::Annotations: return {".json", ".png"}; // sidecars, brush layers
    case CacheArea::Projects: return {".json"};
    }
    return {};
}

// Walks the area's files in `folder`, removing each when `remove` is set; counts what stays.
CacheUsage walk(const fs::path &folder, CacheArea area, bool remove) {
    const std::vector<std::string> extensions = extensionsOf(area);
    CacheUsage usage;
    std::error_code error;
    if (!fs::exists(folder, error))
        return usage;
    const auto note = [&](const fs::path &where, const std::error_code &code) {
        if (usage.error.empty())
            usage.error = where.string() + ": " + code.message();
    };
    fs::directory_iterator entry(folder, error), end;
    if (error)
        note(folder, error);
    for (; !error && entry != end; entry.increment(error)) {
        std::error_code fileError;
        const std::string extension = entry->path().extension().string();
        if (std::find(extensions.begin(), extensions.end(), extension) == extensions.end() ||
            !entry->is_regular_file(fileError))
            continue;
        const std::uintmax_t bytes = entry->file_size(fileError);
        if (fileError) {
            note(entry->path(), fileError);
            continue;
        }
        if (remove && fs::remove(entry->path(), fileError))
            continue;
        if (fileError)
            note(entry->path(), fileError);
        usage.bytes += bytes;
        // A write in progress (export/atomic_file.h: ".NAME.tmp-XXXX.EXT") takes room but is no entry yet.
        if (extension == extensions.front() && !entry->path().filename().string().starts_with('.'))
            ++usage.entries;
    }
    if (error)
        note(folder, error);
    return usage;
}

} // namespace

CacheUsage CacheLayout::usage(CacheArea area) const { return walk(folder(area), area, false); }

CacheUsage CacheLayout::clear(CacheArea area) const { return walk(folder(area), area, recomputable(area)); }

std::string CacheLayout::nameFor(std::string_view key) {
    const XXH128_hash_t hash = XXH3_128bits(key.data(), key.size());
    char name[33];
    std::snprintf(name, sizeof name, "%016llx%016llx", static_cast<unsigned long long>(hash.high64),
                  static_cast<unsigned long long>(hash.low64));
    return name;
}

std::string CacheLayout::nameForPath(const fs::path &path) {
    std::error_code error;
    const fs::path absolute = fs::absolute(path, error);
    return nameFor((error ? path : absolute).lexically_normal().string());
}

} // namespace diffcut
