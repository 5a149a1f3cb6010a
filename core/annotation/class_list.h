#pragma once
// A project's label classes. A project is a folder of images; it has one class list, and every
// annotation in it refers to classes by a stable id, so renaming, recolouring or deleting a class
// applies to every image at once and nothing an older file says can bring a deleted class back.
// Values with pure edits, like AnnotationState; storage is in project_classes.h.
#include "annotation/annotation.h"

#include <optional>
#include <string>
#include <vector>

namespace diffcut {

class JsonObject;

using ClassId = int;

struct ProjectClass {
    ClassId id = 0;
    std::string name;
    cv::Vec3b colour; // RGB
    // Names it had before renames, so that files written before (which may name classes) still
    // mean this class.
    std::vector<std::string> formerNames;
};

struct ClassList {
    std::string projectId; // random; annotations written in this project record it
    ClassId nextId = 0;    // ids are never reused, not even those of deleted classes
    std::vector<ProjectClass> classes; // in the user's order: keys 1–9 assign the first nine
    std::vector<ProjectClass> deleted; // kept so that no older file can resurrect them

    int indexOf(ClassId id) const; // −1 when not a current class
    const ProjectClass *find(ClassId id) const;
    bool isDeleted(ClassId id) const;
    // A current class named `name` now or formerly (case-insensitive), if any.
    std::optional<ClassId> idOfName(const std::string &name) const;
    // Whether a deleted class had this name (case-insensitive).
    bool nameDeleted(const std::string &name) const;
    // Name and colour in list order, as exports and Annotation::classes take them.
    std::vector<LabelClass> labelClasses() const;
};

// A new list with a fresh project id and these classes (ids 0, 1, …).
ClassList makeClassList(const std::vector<LabelClass> &classes = {});

// Edits; each returns false when it changes nothing. Names are trimmed; an empty name, or one
// that another current class has (case-insensitive), throws Error.
ClassId addClass(ClassList &list, const std::string &name, cv::Vec3b colour);
bool renameClass(ClassList &list, ClassId id, const std::string &name);
bool recolourClass(ClassList &list, ClassId id, cv::Vec3b colour);
bool deleteClass(ClassList &list, ClassId id);
// Moves the class to position `index` (clamped); the keys 1–9 follow.
bool moveClass(ClassList &list, ClassId id, int index);

// How a class named in an annotation file is found in the project's list.
struct ClassReference {
    std::optional<ClassId> id; // the id the file used, when it has one
    std::string name;
    cv::Vec3b colour;
};
struct ResolvedClass {
    std::optional<ClassId> id; // none: a class deleted from the list, named by a file of another project
    bool added = false;        // the list lacked the class and now has it
    bool deleted = false;      // the class was deleted from the list: shown unlabelled
};
// sameProject: the file was written in this project, so its ids are the list's. A current or
// deleted id is taken as it is (the list's name and colour win; a deleted class stays deleted and
// its references stay, so undoing the deletion brings them back); otherwise the name decides
// (current or former, case-insensitive): a deleted name resolves to nothing, an unknown class is
// added with the file's colour.
ResolvedClass resolveClass(ClassList &list, const ClassReference &reference, bool sameProject);

// labelme's --labels file: one class name per line; "__ignore__" and "_background_" are labelme's
// own entries. Reading skips them, blank lines and names already in the list (returns the names
// added, with colours from `colourFor(index)`); writing puts them first, as labelme's examples do.
std::vector<std::string> importLabelmeLabels(ClassList &list, const std::string &text,
                                             cv::Vec3b (*colourFor)(int index));
std::string labelmeLabelsText(const ClassList &list);

// The PASCAL VOC colour of class `index` (0-based; VOC entries 1, 2, …, skipping black, grey-like
// and "void" entries so that classes never look like the neutral unlabelled style).
cv::Vec3b defaultClassColour(int index);

// The "colour": [r, g, b] of a class entry in one of our files (the sidecar, the class list).
cv::Vec3b readColour(const JsonObject &entry);

} // namespace diffcut
