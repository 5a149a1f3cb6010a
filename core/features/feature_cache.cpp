#include "features/feature_cache.h"

#include "common/checked_file.h"
#include "common/error.h"
#include "features/npy.h"

#include <xxhash.h>

#include <cstdio>
#include <cstdlib>

namespace fs = std::filesystem;

namespace diffcut {

FeatureCache::FeatureCache(fs::path folder, NoteFn note) : folder_(std::move(folder)), note_(std::move(note)) {}

fs::path FeatureCache::defaultFolder() {
    if (const char *xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
        return fs::path(xdg) / "diffcut-studio/features";
    if (const char *home = std::getenv("HOME"); home && *home)
        return fs::path(home) / ".cache/diffcut-studio/features";
    return fs::temp_directory_path() / "diffcut-studio/features";
}

fs::path FeatureCache::pathFor(const cv::Mat3b &rgb, const std::string &encoderId) const {
    XXH3_state_t *state = XXH3_createState();
    XXH3_128bits_reset(state);
    const int size[2] = {rgb.rows, rgb.cols};
    XXH3_128bits_update(state, size, sizeof size);
    for (int y = 0; y < rgb.rows; ++y)
        XXH3_128bits_update(state, rgb.ptr(y), std::size_t(rgb.cols) * 3);
    XXH3_128bits_update(state, encoderId.data(), encoderId.size());
    const XXH128_hash_t hash = XXH3_128bits_digest(state);
    XXH3_freeState(state);
    char name[40];
    std::snprintf(name, sizeof name, "%016llx%016llx", static_cast<unsigned long long>(hash.high64),
                  static_cast<unsigned long long>(hash.low64));
    return folder_ / (std::string(name) + ".npy");
}

std::optional<FeatureMap> FeatureCache::load(const cv::Mat3b &rgb, const std::string &encoderId) const {
    const fs::path path = pathFor(rgb, encoderId);
    std::error_code error;
    if (!fs::exists(path, error))
        return std::nullopt;
    try {
        const std::string bytes = readCheckedFile(path);
        return featuresFromNpy(parseNpy(reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size(), path.string()),
                               path.string());
    } catch (const Error &e) {
        fs::remove(path, error);
        if (note_)
            note_(std::string("discarded a bad feature cache entry: ") + e.what());
        return std::nullopt;
    }
}

void FeatureCache::store(const cv::Mat3b &rgb, const std::string &encoderId, const FeatureMap &features) const {
    std::error_code error;
    fs::create_directories(folder_, error);
    try {
        writeCheckedFile(pathFor(rgb, encoderId), featuresNpyBytes(features));
    } catch (const Error &e) {
        if (note_) // a read-only or full cache only costs speed next time
            note_(std::string("the features were not cached: ") + e.what());
    }
}

CachingEncoder::CachingEncoder(std::unique_ptr<FeatureEncoder> inner, FeatureCache cache)
    : inner_(std::move(inner)), cache_(std::move(cache)) {}

FeatureMap CachingEncoder::encode(const cv::Mat3b &rgb, const WorkControl &control) const {
    if (std::optional<FeatureMap> cached = cache_.load(rgb, id())) {
        control.report(1.0, "feature cache");
        return std::move(*cached);
    }
    FeatureMap features = inner_->encode(rgb, control);
    cache_.store(rgb, id(), features);
    return features;
}

} // namespace diffcut
