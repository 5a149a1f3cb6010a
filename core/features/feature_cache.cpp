#include "features/feature_cache.h"

#include "common/cache_layout.h"
#include "common/checked_file.h"
#include "common/error.h"
#include "common/json_file.h"
#include "export/atomic_file.h"
#include "features/feature_identity.h"
#include "features/npy.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <set>
#include <tuple>
#include <vector>

namespace fs = std::filesystem;

namespace diffcut {
namespace {

// Larger than any feature map the segmenter accepts (kMaxFeatureGridCells cells of thousands of
// channels take tens of MB): a bigger file is not read into memory, whatever it claims to be.
constexpr std::uintmax_t kMaxEntryBytes = std::uintmax_t(1) << 30;

fs::path sourcePathOf(const fs::path &entry) { return fs::path(entry).replace_extension(".json"); }

fs::path absoluteNormal(const fs::path &path) {
    std::error_code error;
    const fs::path absolute = fs::absolute(path, error);
    return (error ? path : absolute).lexically_normal();
}

bool isUnder(const fs::path &file, const fs::path &folder) {
    const fs::path relative = file.lexically_relative(folder);
    return !relative.empty() && *relative.begin() != ".." && *relative.begin() != ".";
}

std::int64_t modificationTicks(const fs::path &file, std::error_code &error) {
    return fs::last_write_time(file, error).time_since_epoch().count();
}

struct Source {
    fs::path image;
    std::string encoder;
    std::uintmax_t bytes = 0;
    std::int64_t modified = 0;
};

std::optional<Source> readSource(const fs::path &record) {
    try {
        const nlohmann::json json = readJsonFile(record);
        Source source;
        source.image = json.at("image").get<std::string>();
        source.encoder = json.at("encoder").get<std::string>();
        source.bytes = json.at("bytes").get<std::uintmax_t>();
        source.modified = json.at("modified").get<std::int64_t>();
        return source;
    } catch (const std::exception &) { // unreadable or not ours: as if there were none
        return std::nullopt;
    }
}

// Whether the image file is still the one the entry was made from (same size, same modification time).
bool unchanged(const Source &source) {
    std::error_code error;
    const std::uintmax_t bytes = fs::file_size(source.image, error);
    if (error || bytes != source.bytes)
        return false;
    const std::int64_t modified = modificationTicks(source.image, error);
    return !error && modified == source.modified;
}

} // namespace

FeatureCache::FeatureCache(fs::path folder, NoteFn note) : folder_(std::move(folder)), note_(std::move(note)) {}

fs::path FeatureCache::pathFor(const cv::Mat3b &rgb, const std::string &encoderKey) const {
    return folder_ / (CacheLayout::nameFor(imagePixelHash(rgb) + "|" + encoderKey) + ".npy");
}

std::optional<FeatureMap> FeatureCache::load(const cv::Mat3b &rgb, const std::string &encoderKey) const {
    const fs::path path = pathFor(rgb, encoderKey);
    std::error_code error;
    if (!fs::exists(path, error))
        return std::nullopt;
    try {
        if (const std::uintmax_t bytes = fs::file_size(path, error); !error && bytes > kMaxEntryBytes)
            throw Error(path.string() + ": " + std::to_string(bytes) + " bytes, more than any feature map takes");
        const std::string bytes = readCheckedFile(path, path.stem().string());
        FeatureMap features = featuresFromNpy(
            parseNpy(reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size(), path.string()), path.string());
        fs::last_write_time(path, fs::file_time_type::clock::now(), error); // a use, for trim(); best effort
        return features;
    } catch (const Error &e) {
        fs::remove(path, error);
        fs::remove(sourcePathOf(path), error);
        if (note_)
            note_(std::string("discarded a bad feature cache entry: ") + e.what());
        return std::nullopt;
    }
}

void FeatureCache::store(const cv::Mat3b &rgb, const std::string &encoderKey, const FeatureMap &features) const {
    std::error_code error;
    fs::create_directories(folder_, error);
    try {
        const fs::path path = pathFor(rgb, encoderKey);
        writeCheckedFile(path, featuresNpyBytes(features), path.stem().string());
    } catch (const Error &e) {
        if (note_) // a read-only or full cache only costs speed next time
            note_(std::string("the features were not cached: ") + e.what());
    }
}

void FeatureCache::recordSource(const cv::Mat3b &rgb, const std::string &encoderKey, const fs::path &image) const {
    const fs::path entry = pathFor(rgb, encoderKey);
    std::error_code error;
    const fs::path file = absoluteNormal(image);
    const std::uintmax_t bytes = fs::file_size(file, error);
    const std::int64_t modified = error ? 0 : modificationTicks(file, error);
    if (error || !fs::exists(entry, error))
        return;
    try {
        const nlohmann::json record{{"image", file.string()}, {"encoder", encoderKey}, {"bytes", bytes}, {"modified", modified}};
        writeTextFileAtomically(sourcePathOf(entry), record.dump() + "\n");
    } catch (const std::exception &) {
        // A name JSON cannot hold, a full disk: the entry stays usable, only its folder is unknown.
    }
}

std::map<fs::path, std::uintmax_t> FeatureCache::entriesUnder(const fs::path &folder, const std::string &encoderKey) const {
    std::map<fs::path, std::uintmax_t> entries;
    const fs::path root = absoluteNormal(folder);
    std::error_code error;
    for (fs::directory_iterator file(folder_, error), end; !error && file != end; file.increment(error)) {
        if (file->path().extension() != ".json")
            continue;
        const std::optional<Source> source = readSource(file->path());
        if (!source || source->encoder != encoderKey || !isUnder(source->image, root))
            continue;
        std::error_code entryError;
        const std::uintmax_t entryBytes = fs::file_size(fs::path(file->path()).replace_extension(".npy"), entryError);
        if (!entryError && unchanged(*source))
            entries[source->image] = entryBytes;
    }
    return entries;
}

FeatureCache::Trimmed FeatureCache::trim(std::uintmax_t limitBytes, const fs::path &keepFolder) const {
    struct Entry {
        fs::path path;
        std::uintmax_t bytes;
        fs::file_time_type used;
        bool kept = false;
    };
    std::vector<Entry> entries;
    std::set<std::string> stems, records;
    std::uintmax_t total = 0;
    std::error_code error;
    for (fs::directory_iterator file(folder_, error), end; !error && file != end; file.increment(error)) {
        const fs::path &path = file->path();
        if (path.filename().string().starts_with('.')) // a write in progress (atomic_file.h)
            continue;
        if (path.extension() == ".json") {
            records.insert(path.stem().string());
            continue;
        }
        std::error_code fileError;
        if (path.extension() != ".npy" || !file->is_regular_file(fileError))
            continue;
        Entry entry{path, file->file_size(fileError), file->last_write_time(fileError)};
        if (fileError)
            continue;
        total += entry.bytes;
        stems.insert(path.stem().string());
        entries.push_back(std::move(entry));
    }
    Trimmed trimmed;
    std::error_code ignored;
    for (const std::string &record : records)
        if (!stems.contains(record))
            fs::remove(folder_ / (record + ".json"), ignored);
    if (total > limitBytes && !keepFolder.empty()) {
        const fs::path root = absoluteNormal(keepFolder);
        for (Entry &entry : entries)
            if (records.contains(entry.path.stem().string()))
                if (const std::optional<Source> source = readSource(sourcePathOf(entry.path)))
                    entry.kept = isUnder(source->image, root);
    }
    std::sort(entries.begin(), entries.end(),
              [](const Entry &a, const Entry &b) { return std::tie(a.kept, a.used) < std::tie(b.kept, b.used); });
    for (const Entry &entry : entries) {
        if (total <= limitBytes)
            break;
        if (fs::remove(entry.path, ignored)) {
            fs::remove(sourcePathOf(entry.path), ignored);
            total -= entry.bytes;
            ++trimmed.removed;
        }
    }
    trimmed.bytesLeft = total;
    return trimmed;
}

std::string featureCacheKey(const FeatureEncoder &encoder) {
    return encoder.id() + " at " + std::to_string(encoder.identity().resolution) + " px";
}

CachingEncoder::CachingEncoder(std::unique_ptr<FeatureEncoder> inner, FeatureCache cache)
    : inner_(std::move(inner)), cache_(std::move(cache)) {}

FeatureMap CachingEncoder::encode(const cv::Mat3b &rgb, const WorkControl &control) const {
    const std::string key = featureCacheKey(*inner_);
    if (std::optional<FeatureMap> cached = cache_.load(rgb, key)) {
        control.report(1.0, "feature cache");
        return std::move(*cached);
    }
    FeatureMap features = inner_->encode(rgb, control);
    cache_.store(rgb, key, features);
    return features;
}

} // namespace diffcut
