#pragma once
// Where a project's class list lives: "diffcut-classes.json" in the project's folder — the nearest
// folder at or above the images that has one, else the folder the user opened (or the image's
// folder) — or, when that folder is read-only, in the cache. Written atomically.
//
// {"format":"diffcut-classes","version":1,"project":"<id>","nextId":3,
//  "classes":[{"id":0,"name":"cat","colour":[r,g,b],"formerNames":["kitty"]}, …],
//  "deleted":[{"id":2,"name":"road","colour":[r,g,b],"formerNames":[]}]}
#include "annotation/class_list.h"

#include <filesystem>

namespace diffcut {

inline constexpr const char *kClassListFileName = "diffcut-classes.json";

struct ProjectClasses {
    std::filesystem::path folder; // the project's folder
    std::filesystem::path file;   // where the list was read from (empty: not saved yet)
    ClassList list;
};

// The project of images in `folder`: the nearest class list at or above it (beside the folder, or
// its copy in the cache), else a new list of `defaults` for `folder` (not written until saved).
// A class list that cannot be read is kept aside (classListSetAside) and a new list started; the
// note says so (else it is empty).
ProjectClasses openProject(const std::filesystem::path &folder, const std::filesystem::path &cacheFolder,
                           const std::vector<LabelClass> &defaults, std::string *note = nullptr);

// Writes the list beside the project's folder, else in the cache; sets project.file. Throws Error
// when neither can be written.
void saveProject(ProjectClasses &project, const std::filesystem::path &cacheFolder);

// Throws Error naming the file for anything that is not a class list we wrote.
ClassList readClassList(const std::filesystem::path &file);
void writeClassList(const std::filesystem::path &file, const ClassList &list);

} // namespace diffcut
