#include "annotation/sidecar.h"

#include "common/error.h"
#include "common/json_file.h"
#include "export/atomic_file.h"
#include "segmentation/affinity.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>

namespace fs = std::filesystem;
using nlohmann::json;

namespace diffcut {
namespace {

constexpr const char *kFormat = "diffcut-annotation";
constexpr int kVersion = 1;
constexpr const char *kJsonSuffix = ".diffcut.json";
constexpr const char *kBrushSuffix = ".diffcut-brush.png";
// Real sidecars are kilobytes; a bigger file is not one of ours and is not worth parsing.
constexpr std::uintmax_t kMaxSidecarBytes = 64u << 20;

// Text from the file, quoted and escaped so that an error message stays one printable line.
std::string jsonQuoted(const std::string &text) {
    return json(text).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string sizeText(cv::Size size) { return std::to_string(size.width) + "x" + std::to_string(size.height); }

// The brush PNG that belongs to a sidecar JSON: same folder, same stem.
fs::path brushPathFor(const fs::path &sidecar) {
    std::string name = sidecar.filename().string();
    const std::string suffix = kJsonSuffix;
    if (name.ends_with(suffix))
        name.resize(name.size() - suffix.size());
    return sidecar.parent_path() / (name + kBrushSuffix);
}

bool isFile(const fs::path &path) {
    std::error_code error;
    return fs::is_regular_file(path, error);
}

void removeQuietly(const fs::path &path) {
    std::error_code error;
    fs::remove(path, error);
}

void writeSidecarAt(const fs::path &sidecar, const fs::path &image, const AnnotationState &state,
                    const std::vector<LabelClass> &classes) {
    const bool painted = !state.brush.empty() && cv::countNonZero(state.brush) > 0;
    const fs::path brush = brushPathFor(sidecar);
    if (painted)
        writeFileAtomically(brush, [&state](const fs::path &temporary) {
            if (!cv::imwrite(temporary.string(), state.brush))
                throw Error("the PNG encoder failed");
        });

    nlohmann::ordered_json document;
    document["format"] = kFormat;
    document["version"] = kVersion;
    document["image"] = image.filename().string();
    document["imageSize"] = painted ? nlohmann::ordered_json::array({state.brush.cols, state.brush.rows}) : nullptr;
    document["tau"] = state.tau;
    document["alpha"] = state.alpha;
    document["nodeAlpha"] = state.nodeAlpha;
    document["refine"] = state.refine;
    document["done"] = state.done;
    document["overrides"] = state.overrides;
    document["classes"] = nlohmann::ordered_json::array();
    for (const LabelClass &labelClass : classes) {
        const cv::Vec3b &colour = labelClass.colour;
        document["classes"].push_back({{"name", labelClass.name}, {"colour", {colour[0], colour[1], colour[2]}}});
    }
    document["nodeClass"] = state.nodeClass;
    document["merges"] = state.merges;
    document["brush"] = painted ? nlohmann::ordered_json(brush.filename().string()) : nullptr;
    writeTextFileAtomically(sidecar, document.dump(1, ' ', false, json::error_handler_t::replace) + "\n");
    if (!painted)
        removeQuietly(brush);
}

// Reading: every check names the file, and the JSON library never throws past us.
class SidecarReader {
public:
    explicit SidecarReader(fs::path file) : file_(std::move(file)) {}

    [[noreturn]] void fail(const std::string &why) const { throw Error(file_.string() + ": " + why); }

    // The member, or nullptr when it is missing or null.
    const json *optional(const json &object, const char *key) const {
        const auto member = object.find(key);
        return member == object.end() || member->is_null() ? nullptr : &*member;
    }

    bool boolean(const json &object, const char *key, bool fallback) const {
        const json *value = optional(object, key);
        if (value && !value->is_boolean())
            fail(std::string("\"") + key + "\" must be true or false");
        return value ? value->get<bool>() : fallback;
    }

    double number(const json &object, const char *key, double fallback, double min, double max) const {
        const json *value = optional(object, key);
        if (!value)
            return fallback;
        const double given = value->is_number() ? value->get<double>() : std::nan("");
        if (!(given >= min && given <= max))
            fail(std::string("\"") + key + "\" must be a number from " + json(min).dump() + " to " + json(max).dump());
        return given;
    }

    const json *container(const json &object, const char *key, bool isArray) const {
        const json *value = optional(object, key);
        if (value && (isArray ? !value->is_array() : !value->is_object()))
            fail(std::string("\"") + key + "\" must be " + (isArray ? "an array" : "an object"));
        return value;
    }

    NodePath path(const std::string &text) const {
        if (text.size() > kMaxSidecarPathLength || text.find_first_not_of("01") != std::string::npos)
            fail(jsonQuoted(text.substr(0, kMaxSidecarPathLength)) + " is not a node path (up to " +
                 std::to_string(kMaxSidecarPathLength) + " characters 0 or 1)");
        return text;
    }

    NodePath path(const json &value) const {
        if (!value.is_string())
            fail("a node path must be a string");
        return path(value.get<std::string>());
    }

    std::vector<LabelClass> classes(const json &document) const {
        std::vector<LabelClass> classes;
        const json *list = container(document, "classes", true);
        if (!list)
            return classes;
        for (const json &entry : *list) {
            const json *name = entry.is_object() ? optional(entry, "name") : nullptr;
            const json *colour = entry.is_object() ? optional(entry, "colour") : nullptr;
            if (!name || !name->is_string() || !colour || !colour->is_array() || colour->size() != 3)
                fail("each class must be {\"name\": text, \"colour\": [r, g, b]}");
            LabelClass labelClass{name->get<std::string>(), {}};
            for (int channel = 0; channel < 3; ++channel) {
                const json &component = (*colour)[std::size_t(channel)];
                const bool valid = component.is_number_integer() && component.get<long long>() >= 0 &&
                                   component.get<long long>() <= 255;
                if (!valid)
                    fail("class " + jsonQuoted(labelClass.name) + ": colour components must be integers 0..255");
                labelClass.colour[channel] = std::uint8_t(component.get<int>());
            }
            classes.push_back(std::move(labelClass));
        }
        return classes;
    }

    // 16-bit single-channel PNG of exactly imageSize; the size is read from the header first so
    // that a hostile file cannot make the decoder allocate a huge image.
    cv::Mat1w brush(const json &document, cv::Size imageSize, int classCount) const {
        const json *name = optional(document, "brush");
        if (!name)
            return {};
        if (!name->is_string())
            fail("\"brush\" must be a file name or null");
        const std::string fileName = name->get<std::string>();
        if (fileName.empty() || fileName == "." || fileName == ".." || fileName.find('/') != std::string::npos)
            fail("\"brush\" must name a file in the same folder");
        const fs::path brushFile = file_.parent_path() / fileName;
        std::ifstream stream(brushFile, std::ios::binary);
        if (!stream)
            fail("its brush layer " + brushFile.string() + " is missing");
        std::array<unsigned char, 24> header{};
        stream.read(reinterpret_cast<char *>(header.data()), std::streamsize(header.size()));
        constexpr std::array<unsigned char, 16> kPngStart{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
                                                          0,    0,   0,   13,  'I',  'H',  'D',  'R'};
        if (stream.gcount() != std::streamsize(header.size()) ||
            !std::equal(kPngStart.begin(), kPngStart.end(), header.begin()))
            fail("its brush layer " + brushFile.string() + " is not a PNG file");
        const auto bigEndian = [&header](int at) {
            return (std::uint32_t(header[at]) << 24) | (std::uint32_t(header[at + 1]) << 16) |
                   (std::uint32_t(header[at + 2]) << 8) | std::uint32_t(header[at + 3]);
        };
        const cv::Size declared(int(std::min<std::uint32_t>(bigEndian(16), 1u << 30)),
                                int(std::min<std::uint32_t>(bigEndian(20), 1u << 30)));
        if (declared != imageSize)
            fail("its brush layer is " + sizeText(declared) + " but the image is " + sizeText(imageSize));

        cv::Mat decoded;
        try {
            decoded = cv::imread(brushFile.string(), cv::IMREAD_UNCHANGED);
        } catch (const cv::Exception &) {
            decoded.release();
        }
        if (decoded.empty() || decoded.type() != CV_16UC1 || decoded.size() != imageSize)
            fail("its brush layer " + brushFile.string() + " is not a readable 16-bit grey PNG of " +
                 sizeText(imageSize));
        double largest = 0.0;
        cv::minMaxLoc(decoded, nullptr, &largest);
        if (largest > double(BrushValue::forClass(classCount - 1)))
            fail("its brush layer has class values outside the class list");
        return decoded;
    }

    LoadedSidecar read(cv::Size imageSize) const {
        std::error_code error;
        if (const std::uintmax_t bytes = fs::file_size(file_, error); !error && bytes > kMaxSidecarBytes)
            fail("too large for an annotation file (" + std::to_string(bytes) + " bytes)");
        const json document = readJsonFile(file_);
        if (!document.is_object() || document.value("format", json()) != kFormat)
            fail(std::string("not a DiffCut annotation file (no \"format\": \"") + kFormat + "\")");
        const json *version = optional(document, "version");
        if (!version || !version->is_number_integer())
            fail("\"version\" must be an integer");
        if (version->get<long long>() != kVersion)
            fail("annotation format version " + version->dump() + " is not supported (this program reads version " +
                 std::to_string(kVersion) + ")");
        if (const json *image = optional(document, "image"); image && !image->is_string())
            fail("\"image\" must be a file name");
        if (const json *size = optional(document, "imageSize")) {
            if (!size->is_array() || size->size() != 2 || !(*size)[0].is_number_integer() ||
                !(*size)[1].is_number_integer())
                fail("\"imageSize\" must be [width, height] or null");
            if ((*size)[0].get<long long>() != imageSize.width || (*size)[1].get<long long>() != imageSize.height)
                fail("it was made for a " + (*size)[0].dump() + "x" + (*size)[1].dump() + " image, but the image is " +
                     sizeText(imageSize));
        }

        LoadedSidecar loaded;
        AnnotationState &state = loaded.state;
        state.tau = number(document, "tau", state.tau, kMinTau, kMaxTau);
        state.alpha = number(document, "alpha", state.alpha, kMinAlpha, kMaxAlpha);
        state.refine = boolean(document, "refine", state.refine);
        state.done = boolean(document, "done", state.done);
        state.nodeAlpha = number(document, "nodeAlpha", state.nodeAlpha, 0.0, kMaxAlpha);
        loaded.classes = classes(document);
        const int classCount = int(loaded.classes.size());

        if (const json *overrides = container(document, "overrides", false))
            for (const auto &[key, split] : overrides->items()) {
                if (!split.is_boolean())
                    fail("override " + jsonQuoted(path(key)) + " must be true or false");
                state.overrides[path(key)] = split.get<bool>();
            }
        if (const json *nodeClass = container(document, "nodeClass", false))
            for (const auto &[key, classIndex] : nodeClass->items()) {
                const NodePath node = path(key);
                if (!classIndex.is_number_integer() || classIndex.get<long long>() < Annotation::kUnlabelled ||
                    classIndex.get<long long>() >= classCount)
                    fail("node " + jsonQuoted(node) + " has class " + classIndex.dump() + ", outside the " +
                         std::to_string(classCount) + " classes");
                state.nodeClass[node] = classIndex.get<int>();
            }
        if (const json *merges = container(document, "merges", true))
            for (const json &group : *merges) {
                if (!group.is_array())
                    fail("each merge must be an array of node paths");
                std::vector<NodePath> &members = state.merges.emplace_back();
                for (const json &member : group)
                    members.push_back(path(member));
            }
        state.brush = brush(document, imageSize, classCount);
        return loaded;
    }

private:
    fs::path file_;
};

} // namespace

fs::path sidecarPathNextTo(const fs::path &image) {
    return image.parent_path() / (image.filename().string() + kJsonSuffix);
}

fs::path sidecarPathInCache(const fs::path &image, const fs::path &cacheFolder) {
    std::error_code error;
    fs::path absolute = fs::absolute(image, error);
    if (error)
        absolute = image;
    const std::string text = absolute.lexically_normal().string();
    const XXH128_hash_t hash = XXH3_128bits(text.data(), text.size());
    char name[40];
    std::snprintf(name, sizeof name, "%016llx%016llx", static_cast<unsigned long long>(hash.high64),
                  static_cast<unsigned long long>(hash.low64));
    return cacheFolder / "annotations" / (std::string(name) + kJsonSuffix);
}

fs::path findSidecar(const fs::path &image, const fs::path &cacheFolder) {
    const fs::path nextTo = sidecarPathNextTo(image);
    const fs::path inCache = cacheFolder.empty() ? fs::path() : sidecarPathInCache(image, cacheFolder);
    const bool besideImage = isFile(nextTo);
    const bool cached = !inCache.empty() && isFile(inCache);
    if (besideImage && cached) {
        // Both exist only when the image's folder became read-only after a save next to it: the
        // later save, in the cache, is the current one.
        std::error_code error;
        const auto nextToTime = fs::last_write_time(nextTo, error);
        const auto cacheTime = fs::last_write_time(inCache, error);
        return !error && cacheTime > nextToTime ? inCache : nextTo;
    }
    return besideImage ? nextTo : cached ? inCache : fs::path();
}

fs::path saveSidecar(const fs::path &image, const fs::path &cacheFolder, const AnnotationState &state,
                     const std::vector<LabelClass> &classes) {
    const fs::path nextTo = sidecarPathNextTo(image);
    std::string nextToProblem;
    try {
        writeSidecarAt(nextTo, image, state, classes);
        if (!cacheFolder.empty()) {
            const fs::path inCache = sidecarPathInCache(image, cacheFolder);
            removeQuietly(inCache);
            removeQuietly(brushPathFor(inCache));
        }
        return nextTo;
    } catch (const Error &error) {
        nextToProblem = error.what();
    }
    if (cacheFolder.empty())
        throw Error(image.string() + ": the annotation cannot be saved (" + nextToProblem + ")");
    const fs::path inCache = sidecarPathInCache(image, cacheFolder);
    try {
        std::error_code ignored; // a folder that cannot be created makes the write below fail
        fs::create_directories(inCache.parent_path(), ignored);
        writeSidecarAt(inCache, image, state, classes);
        return inCache;
    } catch (const Error &error) {
        throw Error(image.string() + ": the annotation can be saved neither next to the image (" + nextToProblem +
                    ") nor in the cache (" + error.what() + ")");
    }
}

LoadedSidecar loadSidecar(const fs::path &sidecar, cv::Size imageSize) {
    try {
        return SidecarReader(sidecar).read(imageSize);
    } catch (const json::exception &error) {
        throw Error(sidecar.string() + ": " + error.what());
    }
}

AnnotationProgress annotationProgress(const fs::path &image, const fs::path &cacheFolder) {
    const fs::path sidecar = findSidecar(image, cacheFolder);
    if (sidecar.empty())
        return AnnotationProgress::None;
    std::error_code error;
    if (const std::uintmax_t bytes = fs::file_size(sidecar, error); error || bytes > kMaxSidecarBytes)
        return AnnotationProgress::Started;
    std::ifstream stream(sidecar, std::ios::binary);
    const json document = json::parse(stream, nullptr, false);
    const bool done = document.is_object() && document.value("done", json()) == true;
    return done ? AnnotationProgress::Done : AnnotationProgress::Started;
}

void mergeClassesInto(std::vector<LabelClass> &project, LoadedSidecar &loaded) {
    std::vector<int> projectIndex;
    bool renumbered = false;
    for (const LabelClass &labelClass : loaded.classes) {
        auto match = std::find_if(project.begin(), project.end(),
                                  [&](const LabelClass &known) { return known.name == labelClass.name; });
        if (match == project.end())
            match = project.insert(project.end(), labelClass);
        projectIndex.push_back(int(match - project.begin()));
        renumbered = renumbered || projectIndex.back() != int(projectIndex.size()) - 1;
    }
    for (auto &[node, classIndex] : loaded.state.nodeClass)
        if (classIndex >= 0 && classIndex < int(projectIndex.size()))
            classIndex = projectIndex[classIndex];
    if (renumbered && !loaded.state.brush.empty()) {
        const std::uint16_t firstUnknown = BrushValue::forClass(int(projectIndex.size()));
        loaded.state.brush.forEach([&projectIndex, firstUnknown](std::uint16_t &value, const int *) {
            if (value >= BrushValue::forClass(0) && value < firstUnknown)
                value = BrushValue::forClass(projectIndex[value - BrushValue::forClass(0)]);
        });
    }
    loaded.classes = project;
}

} // namespace diffcut
