#include "annotation/project_classes.h"

#include "common/cache_layout.h"
#include "common/error.h"
#include "common/json_file.h"
#include "common/json_reader.h"
#include "annotation/annotation_state.h"
#include "export/atomic_file.h"

#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using nlohmann::json;

namespace diffcut {
namespace {

constexpr const char *kFormat = "diffcut-classes";
constexpr int kVersion = 1;
constexpr std::uintmax_t kMaxBytes = 16u << 20; // thousands of classes are a few hundred kilobytes

bool isFile(const fs::path &path) {
    std::error_code error;
    return fs::is_regular_file(path, error);
}

fs::path absoluteFolder(const fs::path &folder) {
    std::error_code error;
    const fs::path absolute = fs::absolute(folder, error);
    return (error ? folder : absolute).lexically_normal();
}

// The copy kept in the cache for a read-only project folder.
fs::path cachePathFor(const fs::path &folder, const fs::path &cacheFolder) {
    if (cacheFolder.empty())
        return {};
    return CacheLayout(cacheFolder).projects() / (CacheLayout::nameForPath(folder) + "." + kClassListFileName);
}

// The class list of `folder` itself (beside it, then in the cache), or an empty path.
fs::path listOf(const fs::path &folder, const fs::path &cacheFolder) {
    if (const fs::path beside = folder / kClassListFileName; isFile(beside))
        return beside;
    if (const fs::path cached = cachePathFor(folder, cacheFolder); !cached.empty() && isFile(cached))
        return cached;
    return {};
}

// A class list that cannot be read is renamed, never overwritten: "diffcut-classes.unreadable-N.json".
fs::path setAside(const fs::path &file) {
    std::error_code error;
    std::string stem = file.filename().string();
    stem.resize(stem.size() - 5); // ".json"
    for (int number = 1; number < 100'000; ++number) {
        const fs::path aside = file.parent_path() / (stem + ".unreadable-" + std::to_string(number) + ".json");
        if (fs::exists(aside, error))
            continue;
        fs::rename(file, aside, error);
        return error ? fs::path() : aside;
    }
    return {};
}

class ListReader {
public:
    explicit ListReader(fs::path file) : file_(std::move(file)) {}
    [[noreturn]] void fail(const std::string &why) const { throw Error(file_.string() + ": " + why); }

    ClassList read() const {
        std::error_code error;
        if (const std::uintmax_t bytes = fs::file_size(file_, error); !error && bytes > kMaxBytes)
            fail("too large for a class list (" + std::to_string(bytes) + " bytes)");
        json raw = readJsonFile(file_);
        if (!raw.is_object() || raw.value("format", json()) != kFormat)
            fail(std::string("not a DiffCut class list (no \"format\": \"") + kFormat + "\")");
        const JsonObject document(file_.string(), std::move(raw));
        if (const long long version = document.integer("version", std::nullopt, 0, 1'000'000);
            version != kVersion)
            document.fail("version", std::to_string(version) + " is not supported (this program reads class list version " +
                                         std::to_string(kVersion) + ")");
        ClassList list;
        list.projectId = document.string("project", std::nullopt);
        if (list.projectId.empty() || list.projectId.size() > 64)
            document.fail("project", "must be a non-empty string of up to 64 characters");
        list.nextId = ClassId(document.integer("nextId", std::nullopt, 0, BrushValue::kLargestClassId + 1));
        list.classes = classes(document, "classes");
        list.deleted = classes(document, "deleted");
        for (const auto *group : {&list.classes, &list.deleted})
            for (const ProjectClass &labelClass : *group) {
                if (labelClass.id >= list.nextId)
                    fail("class id " + std::to_string(labelClass.id) + " is not below nextId");
                if (list.indexOf(labelClass.id) >= 0 && list.isDeleted(labelClass.id))
                    fail("class id " + std::to_string(labelClass.id) + " is both current and deleted");
            }
        return list;
    }

private:
    static std::string name(const JsonObject &where, std::string_view key, const json &value) {
        if (!value.is_string() || value.get<std::string>().empty() || value.get<std::string>().size() > 1000)
            where.fail(key, "must be a non-empty string of up to 1000 bytes, not " + jsonExcerpt(value));
        return value.get<std::string>();
    }

    std::vector<ProjectClass> classes(const JsonObject &document, std::string_view key) const {
        std::vector<ProjectClass> result;
        for (const JsonObject &entry : document.objects(key)) {
            const json *givenName = entry.find("name");
            ProjectClass labelClass{ClassId(entry.integer("id", std::nullopt, 0, BrushValue::kLargestClassId)),
                                    name(entry, "name", givenName ? *givenName : json()), readColour(entry), {}};
            if (const json *former = entry.array("formerNames"))
                for (const json &old : *former)
                    labelClass.formerNames.push_back(name(entry, "formerNames", old));
            for (const ProjectClass &other : result)
                if (other.id == labelClass.id)
                    fail("class id " + std::to_string(labelClass.id) + " is listed twice");
            result.push_back(std::move(labelClass));
        }
        return result;
    }

    fs::path file_;
};

nlohmann::ordered_json classesJson(const std::vector<ProjectClass> &classes) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const ProjectClass &labelClass : classes)
        list.push_back({{"id", labelClass.id},
                        {"name", labelClass.name},
                        {"colour", {labelClass.colour[0], labelClass.colour[1], labelClass.colour[2]}},
                        {"formerNames", labelClass.formerNames}});
    return list;
}

} // namespace

ClassList readClassList(const fs::path &file) {
    try {
        return ListReader(file).read();
    } catch (const json::exception &error) {
        throw Error(file.string() + ": " + error.what());
    }
}

void writeClassList(const fs::path &file, const ClassList &list) {
    nlohmann::ordered_json document;
    document["format"] = kFormat;
    document["version"] = kVersion;
    document["project"] = list.projectId;
    document["nextId"] = list.nextId;
    document["classes"] = classesJson(list.classes);
    document["deleted"] = classesJson(list.deleted);
    writeTextFileAtomically(file, document.dump(1, ' ', false, json::error_handler_t::replace) + "\n");
}

ProjectClasses openProject(const fs::path &folder, const fs::path &cacheFolder, const std::vector<LabelClass> &defaults,
                           std::string *note) {
    ProjectClasses project;
    project.folder = absoluteFolder(folder);
    for (fs::path candidate = project.folder;; candidate = candidate.parent_path()) {
        if (const fs::path file = listOf(candidate, cacheFolder); !file.empty()) {
            project.folder = candidate;
            try {
                project.list = readClassList(file);
                project.file = file;
                return project;
            } catch (const Error &error) {
                const fs::path aside = setAside(file);
                if (note)
                    *note = std::string(error.what()) + (aside.empty() ? "" : "; it was kept as " + aside.string());
                break; // a new list for that folder
            }
        }
        if (candidate == candidate.parent_path() || candidate.empty())
            break;
    }
    project.list = makeClassList(defaults);
    return project;
}

void saveProject(ProjectClasses &project, const fs::path &cacheFolder) {
    const fs::path beside = project.folder / kClassListFileName;
    const bool inCache = !project.file.empty() && project.file != beside;
    if (!inCache) {
        try {
            writeClassList(beside, project.list);
            project.file = beside;
            return;
        } catch (const Error &) {
            if (cacheFolder.empty())
                throw;
        }
    }
    const fs::path cached = cachePathFor(project.folder, cacheFolder);
    std::error_code ignored;
    fs::create_directories(cached.parent_path(), ignored);
    writeClassList(cached, project.list);
    project.file = cached;
}

} // namespace diffcut
