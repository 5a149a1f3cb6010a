#include "annotation/sidecar.h"

#include "common/cache_layout.h"
#include "common/error.h"
#include "common/json_file.h"
#include "common/json_reader.h"
#include "export/atomic_file.h"
#include "export/label_png.h"
#include "features/builtin_encoder.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <array>
#include <cmath>
#include <fstream>
#include <functional>
#include <limits>
#include <optional>
#include <string>

namespace fs = std::filesystem;
using nlohmann::json;

namespace diffcut {
namespace {

constexpr const char *kFormat = "diffcut-annotation";
constexpr int kVersion = 2;
constexpr const char *kJsonSuffix = ".diffcut.json";
constexpr const char *kBrushSuffix = ".diffcut-brush.png";
// Real sidecars are kilobytes; a bigger file is not one of ours and is not worth parsing.
constexpr std::uintmax_t kMaxSidecarBytes = 64u << 20;

using ordered = nlohmann::ordered_json;

// Text from the file, quoted and escaped so that an error message stays one printable line.
std::string jsonQuoted(const std::string &text) {
    return json(text).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string sizeText(cv::Size size) { return std::to_string(size.width) + "x" + std::to_string(size.height); }

bool isFile(const fs::path &path) {
    std::error_code error;
    return fs::is_regular_file(path, error);
}

void removeQuietly(const fs::path &path) {
    std::error_code error;
    fs::remove(path, error);
}

ordered colourJson(cv::Vec3b colour) { return ordered::array({colour[0], colour[1], colour[2]}); }

ordered featuresJson(const FeatureIdentity &features) {
    return {{"encoder", features.encoder},     {"model", features.model},
            {"weights", features.weights},     {"timestep", features.timestep},
            {"resolution", features.resolution}, {"grid", {features.gridWidth, features.gridHeight}},
            {"imageHash", features.imageHash}};
}

// Every class id the state refers to (node classes of every tree, brush values).
std::set<ClassId> classesUsed(const AnnotationState &state, bool painted) {
    std::set<ClassId> used;
    for (const DecisionSet &set : state.decisionSets)
        for (const auto &[path, id] : set.decisions.nodeClass)
            if (id >= 0)
                used.insert(id);
    if (painted) {
        std::vector<std::uint8_t> seen(65536, 0);
        state.brush.forEach([&seen](const std::uint16_t &value, const int *) { seen[value] = 1; });
        for (std::size_t value = BrushValue::forClass(0); value < seen.size(); ++value)
            if (seen[value])
                used.insert(ClassId(value - BrushValue::forClass(0)));
    }
    return used;
}

void writeSidecarAt(const fs::path &sidecar, const fs::path &image, const AnnotationState &state,
                    const ClassList &classes, cv::Size imageSize) {
    const bool painted = !state.brush.empty() && cv::countNonZero(state.brush) > 0;
    const fs::path brush = brushPathFor(sidecar);
    if (painted)
        writeFileAtomically(brush, [&state](const fs::path &temporary) {
            if (!cv::imwrite(temporary.string(), state.brush))
                throw Error("the PNG encoder failed");
        });

    ordered document;
    document["format"] = kFormat;
    document["version"] = kVersion;
    document["image"] = image.filename().string();
    document["imageSize"] = imageSize.area() > 0 ? ordered::array({imageSize.width, imageSize.height}) : ordered();
    document["project"] = classes.projectId;
    document["tau"] = state.tau;
    document["alpha"] = state.alpha;
    document["refine"] = state.refine;
    document["done"] = state.done;
    document["classes"] = ordered::array();
    for (const ClassId id : classesUsed(state, painted)) {
        const ProjectClass *known = classes.find(id);
        for (const ProjectClass &gone : classes.deleted)
            if (!known && gone.id == id)
                known = &gone;
        if (known)
            document["classes"].push_back({{"id", id}, {"name", known->name}, {"colour", colourJson(known->colour)}});
    }
    document["trees"] = ordered::array();
    for (const DecisionSet &set : state.decisionSets) {
        if (set.decisions.empty())
            continue;
        ordered tree;
        tree["features"] = featuresJson(set.tree.features);
        tree["alpha"] = set.tree.alpha;
        tree["overrides"] = set.decisions.overrides;
        tree["nodeClass"] = set.decisions.nodeClass;
        tree["merges"] = set.decisions.merges;
        document["trees"].push_back(std::move(tree));
    }
    document["brush"] = painted ? ordered(brush.filename().string()) : ordered();
    writeTextFileAtomically(sidecar, document.dump(1, ' ', false, json::error_handler_t::replace) + "\n");
    if (!painted)
        removeQuietly(brush);
}

// Reading: every check names the file and the key, and the JSON library never throws past us.
class SidecarReader {
public:
    explicit SidecarReader(fs::path file) : file_(std::move(file)) {}

    [[noreturn]] void fail(const std::string &why) const { throw Error(file_.string() + ": " + why); }

    LoadedSidecar read(cv::Size imageSize, ClassList &project) const {
        std::error_code error;
        if (const std::uintmax_t bytes = fs::file_size(file_, error); !error && bytes > kMaxSidecarBytes)
            fail("too large for an annotation file (" + std::to_string(bytes) + " bytes)");
        json raw = readJsonFile(file_);
        if (!raw.is_object() || raw.value("format", json()) != kFormat)
            fail(std::string("not a DiffCut annotation file (no \"format\": \"") + kFormat + "\")");
        const JsonObject document(file_.string(), std::move(raw));
        const long long versionNumber = document.integer("version", std::nullopt, 0, 1'000'000);
        if (versionNumber != 1 && versionNumber != kVersion)
            document.fail("version", std::to_string(versionNumber) +
                                         " is not supported (this program reads annotation format versions 1 and " +
                                         std::to_string(kVersion) + ")");
        const bool firstVersion = versionNumber == 1;
        document.string("image", ""); // informational, but typed
        checkImageSize(document, imageSize);

        LoadedSidecar loaded;
        AnnotationState &state = loaded.state;
        state.tau = document.number("tau", state.tau, kMinTau, kMaxTau);
        state.alpha = document.number("alpha", state.alpha, kMinAlpha, kMaxAlpha);
        state.refine = document.boolean("refine", state.refine);
        state.done = document.boolean("done", state.done);

        // The file's classes, each with the value the file uses for it (its id, or in version 1 its index).
        const std::vector<FileClass> fileClasses = classes(document, firstVersion);
        std::map<long long, const FileClass *> byValue;
        for (const FileClass &fileClass : fileClasses)
            byValue[fileClass.value] = &fileClass;
        const auto checkClass = [&](long long value, const std::string &where) {
            if (value != Annotation::kUnlabelled && !byValue.contains(value))
                fail(where + " has class " + std::to_string(value) + ", which the file's class list does not have");
        };

        if (firstVersion) {
            // No identity: made with the built-in encoder at 32×32 on this image, at the α recorded.
            FeatureIdentity features = BuiltinEncoder(32).identity();
            features.gridWidth = features.gridHeight = 32;
            const double nodeAlpha = document.number("nodeAlpha", 0.0, 0.0, kMaxAlpha);
            DecisionSet set{{features, nodeAlpha > 0.0 ? nodeAlpha : state.alpha}, decisions(document, checkClass)};
            if (!set.decisions.empty())
                state.decisionSets.push_back(std::move(set));
        } else {
            for (const JsonObject &tree : document.objects("trees")) {
                DecisionSet set;
                set.tree.features = features(tree.object("features"));
                set.tree.alpha = tree.number("alpha", kDefaultAlpha, kMinAlpha, kMaxAlpha);
                set.decisions = decisions(tree, checkClass);
                state.decisionSets.push_back(std::move(set));
            }
        }
        state.brush = brush(document, imageSize, fileClasses);

        // Everything is valid: now the classes are matched to the project's list (on a copy, so
        // that the list is unchanged unless the whole file is read).
        ClassList resolved = project;
        const std::string fileProject = firstVersion ? std::string() : document.string("project", "");
        const bool sameProject = !fileProject.empty() && fileProject == project.projectId;
        std::map<long long, ClassId> idOf; // file value → project id (kUnlabelled: dropped)
        for (const FileClass &fileClass : fileClasses) {
            const ResolvedClass result =
                resolveClass(resolved, {firstVersion ? std::nullopt : std::optional<ClassId>(ClassId(fileClass.value)),
                                        fileClass.name, fileClass.colour},
                             sameProject);
            idOf[fileClass.value] = result.id.value_or(Annotation::kUnlabelled);
            if (result.added)
                loaded.notes.push_back("class " + jsonQuoted(fileClass.name) + " was added to the class list");
            else if (result.deleted)
                loaded.notes.push_back("class " + jsonQuoted(fileClass.name) +
                                       " was deleted from the class list: its labels here are not restored");
        }
        for (DecisionSet &set : state.decisionSets)
            for (auto &[node, value] : set.decisions.nodeClass)
                value = value == Annotation::kUnlabelled ? value : idOf.at(value);
        remapBrush(state.brush, idOf);
        project = std::move(resolved);
        return loaded;
    }

private:
    struct FileClass {
        long long value; // the id (version 2) or index (version 1) the file refers to it by
        std::string name;
        cv::Vec3b colour;
    };

    NodePath path(const std::string &candidate) const {
        if (candidate.size() > kMaxSidecarPathLength || candidate.find_first_not_of("01") != std::string::npos)
            fail(jsonQuoted(candidate.substr(0, kMaxSidecarPathLength)) + " is not a node path (up to " +
                 std::to_string(kMaxSidecarPathLength) + " characters 0 or 1)");
        return candidate;
    }

    NodePath path(const json &value) const {
        if (!value.is_string())
            fail("a node path must be a string, not " + jsonExcerpt(value));
        return path(value.get<std::string>());
    }

    void checkImageSize(const JsonObject &document, cv::Size imageSize) const {
        const auto size = document.optionalIntegers("imageSize", 2, 0, std::numeric_limits<int>::max());
        if (size && ((*size)[0] != imageSize.width || (*size)[1] != imageSize.height))
            fail("it was made for a " + std::to_string((*size)[0]) + "x" + std::to_string((*size)[1]) +
                 " image, but the image is " + sizeText(imageSize));
    }

    std::vector<FileClass> classes(const JsonObject &document, bool byIndex) const {
        std::vector<FileClass> classes;
        for (const JsonObject &entry : document.objects("classes")) {
            FileClass fileClass{byIndex ? (long long)classes.size() : entry.integer("id", std::nullopt, 0, BrushValue::kLargestClassId),
                                entry.string("name", std::nullopt), readColour(entry)};
            if (std::any_of(classes.begin(), classes.end(), [&](const FileClass &other) { return other.value == fileClass.value; }))
                fail("class id " + std::to_string(fileClass.value) + " is listed twice");
            classes.push_back(std::move(fileClass));
        }
        return classes;
    }

    static FeatureIdentity features(const JsonObject &object) {
        FeatureIdentity features;
        features.encoder = object.string("encoder", "");
        features.model = object.string("model", "");
        features.weights = object.string("weights", "");
        features.imageHash = object.string("imageHash", "");
        features.timestep = int(object.integer("timestep", std::nullopt, 0, 1'000'000));
        features.resolution = int(object.integer("resolution", std::nullopt, 0, 1'000'000));
        const std::vector<long long> grid = object.integers("grid", 2, 0, 1'000'000);
        features.gridWidth = int(grid[0]);
        features.gridHeight = int(grid[1]);
        return features;
    }

    NodeDecisions decisions(const JsonObject &object,
                            const std::function<void(long long, const std::string &)> &checkClass) const {
        NodeDecisions decisions;
        if (const json *overrides = object.objectValue("overrides"))
            for (const auto &[key, split] : overrides->items()) {
                if (!split.is_boolean())
                    object.fail("overrides", "entry " + jsonQuoted(path(key)) + " must be true or false, not " +
                                                 jsonExcerpt(split));
                decisions.overrides[path(key)] = split.get<bool>();
            }
        if (const json *nodeClass = object.objectValue("nodeClass"))
            for (const auto &[key, value] : nodeClass->items()) {
                const NodePath node = path(key);
                if (!value.is_number_integer())
                    object.fail("nodeClass", "entry " + jsonQuoted(node) + " must be an integer class id, not " +
                                                 jsonExcerpt(value));
                checkClass(value.get<long long>(), "node " + jsonQuoted(node));
                decisions.nodeClass[node] = ClassId(value.get<long long>());
            }
        if (const json *merges = object.array("merges"))
            for (const json &group : *merges) {
                if (!group.is_array())
                    object.fail("merges", "must hold arrays of node paths, not " + jsonExcerpt(group));
                std::vector<NodePath> &members = decisions.merges.emplace_back();
                for (const json &member : group)
                    members.push_back(path(member));
            }
        return decisions;
    }

    // 16-bit single-channel PNG of exactly imageSize; the size is read from the header first so
    // that a hostile file cannot make the decoder allocate a huge image. Values are 0, 1 or 2 + a
    // value of the file's classes.
    cv::Mat1w brush(const JsonObject &document, cv::Size imageSize, const std::vector<FileClass> &fileClasses) const {
        if (!document.find("brush"))
            return {};
        const std::string fileName = document.string("brush", std::nullopt);
        if (fileName.empty() || fileName == "." || fileName == ".." || fileName.find('/') != std::string::npos)
            document.fail("brush", "must name a file in the same folder, not " + jsonQuoted(fileName));
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

        // libpng through our reader: no decoder message on stderr, the size already checked above.
        LabelMap decoded;
        try {
            decoded = readLabelPng(brushFile);
        } catch (const Error &) {
        }
        if (decoded.empty() || decoded.size() != imageSize)
            fail("its brush layer " + brushFile.string() + " is not a readable 16-bit grey PNG of " +
                 sizeText(imageSize));
        std::vector<std::uint8_t> allowed(65536, 0);
        allowed[BrushValue::kUntouched] = allowed[BrushValue::kErased] = 1;
        for (const FileClass &fileClass : fileClasses)
            allowed[BrushValue::forClass(ClassId(fileClass.value))] = 1;
        for (int y = 0; y < decoded.rows; ++y)
            for (int x = 0; x < decoded.cols; ++x)
                if (unsigned(decoded(y, x)) >= allowed.size() || !allowed[std::size_t(decoded(y, x))])
                    fail("its brush layer has class values outside the file's class list");
        cv::Mat1w values;
        decoded.convertTo(values, CV_16U);
        return values;
    }

    // Brush values of the file's classes → the project's (classes dropped: untouched).
    static void remapBrush(cv::Mat1w &brush, const std::map<long long, ClassId> &idOf) {
        if (brush.empty())
            return;
        std::vector<std::uint16_t> table(65536);
        std::iota(table.begin(), table.end(), std::uint16_t(0));
        bool identity = true;
        for (const auto &[value, id] : idOf) {
            const std::uint16_t from = BrushValue::forClass(ClassId(value));
            table[from] = id >= 0 && id <= BrushValue::kLargestClassId ? BrushValue::forClass(id) : BrushValue::kUntouched;
            identity = identity && table[from] == from;
        }
        if (!identity)
            brush.forEach([&table](std::uint16_t &value, const int *) { value = table[value]; });
    }

    fs::path file_;
};

} // namespace

fs::path sidecarPathNextTo(const fs::path &image) {
    return image.parent_path() / (image.filename().string() + kJsonSuffix);
}

fs::path sidecarPathInCache(const fs::path &image, const fs::path &cacheFolder) {
    return CacheLayout(cacheFolder).annotations() / (CacheLayout::nameForPath(image) + kJsonSuffix);
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

fs::path brushPathFor(const fs::path &sidecar) {
    std::string name = sidecar.filename().string();
    const std::string suffix = kJsonSuffix;
    if (name.ends_with(suffix))
        name.resize(name.size() - suffix.size());
    return sidecar.parent_path() / (name + kBrushSuffix);
}

fs::path saveSidecar(const fs::path &image, const fs::path &cacheFolder, const AnnotationState &state,
                     const ClassList &classes, cv::Size imageSize) {
    const fs::path nextTo = sidecarPathNextTo(image);
    std::string nextToProblem;
    try {
        writeSidecarAt(nextTo, image, state, classes, imageSize);
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
        writeSidecarAt(inCache, image, state, classes, imageSize);
        return inCache;
    } catch (const Error &error) {
        throw Error(image.string() + ": the annotation can be saved neither next to the image (" + nextToProblem +
                    ") nor in the cache (" + error.what() + ")");
    }
}

LoadedSidecar loadSidecar(const fs::path &sidecar, cv::Size imageSize, ClassList &project) {
    try {
        return SidecarReader(sidecar).read(imageSize, project);
    } catch (const json::exception &error) {
        throw Error(sidecar.string() + ": " + error.what());
    }
}

fs::path setSidecarAside(const fs::path &sidecar) {
    const fs::path brush = brushPathFor(sidecar);
    std::string stem = sidecar.filename().string();
    if (stem.ends_with(".json"))
        stem.resize(stem.size() - 5);
    std::string brushStem = brush.filename().string();
    brushStem.resize(brushStem.size() - 4); // ".png"
    std::error_code error;
    for (int number = 1; number < 100'000; ++number) {
        const std::string suffix = ".unreadable-" + std::to_string(number);
        const fs::path jsonAside = sidecar.parent_path() / (stem + suffix + ".json");
        const fs::path brushAside = brush.parent_path() / (brushStem + suffix + ".png");
        if (fs::exists(jsonAside, error) || fs::exists(brushAside, error))
            continue;
        if (isFile(brush)) {
            fs::rename(brush, brushAside, error);
            if (error)
                throw Error(brush.string() + ": cannot be moved aside (" + error.message() + ")");
        }
        fs::rename(sidecar, jsonAside, error);
        if (error)
            throw Error(sidecar.string() + ": cannot be moved aside (" + error.message() + ")");
        return jsonAside;
    }
    throw Error(sidecar.string() + ": cannot be moved aside (too many earlier copies)");
}

bool sidecarUsesClass(const fs::path &sidecar, const ClassList &project, ClassId id) {
    const ProjectClass *wanted = project.find(id);
    std::error_code error;
    if (!wanted || fs::file_size(sidecar, error) > kMaxSidecarBytes || error)
        return false;
    try {
        const json document = readJsonFile(sidecar);
        const json classes = document.is_object() ? document.value("classes", json::array()) : json::array();
        if (!classes.is_array())
            return false;
        const bool sameProject = document.value("project", json()) == project.projectId;
        for (const json &entry : classes) {
            if (!entry.is_object())
                continue;
            const json name = entry.value("name", json());
            if (sameProject ? entry.value("id", json()) == id
                            : name.is_string() && project.idOfName(name.get<std::string>()) == id)
                return true;
        }
    } catch (const Error &) {
    }
    return false;
}

AnnotationProgress annotationProgress(const fs::path &image, const fs::path &cacheFolder) {
    const fs::path sidecar = findSidecar(image, cacheFolder);
    if (sidecar.empty())
        return AnnotationProgress::None;
    std::error_code error;
    if (const std::uintmax_t bytes = fs::file_size(sidecar, error); error || bytes > kMaxSidecarBytes)
        return AnnotationProgress::Started;
    try {
        const json document = readJsonFile(sidecar);
        const bool done = document.is_object() && document.value("done", json()) == true;
        return done ? AnnotationProgress::Done : AnnotationProgress::Started;
    } catch (const Error &) {
        return AnnotationProgress::Started;
    }
}

} // namespace diffcut
