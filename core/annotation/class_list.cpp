#include "annotation/class_list.h"

#include "common/error.h"
#include "common/json_reader.h"
#include "export/label_png.h"

#include <algorithm>
#include <cctype>
#include <random>
#include <sstream>

namespace diffcut {
namespace {

std::string lowered(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

bool sameName(const std::string &a, const std::string &b) { return lowered(a) == lowered(b); }

bool hasName(const ProjectClass &labelClass, const std::string &name) {
    return sameName(labelClass.name, name) ||
           std::any_of(labelClass.formerNames.begin(), labelClass.formerNames.end(),
                       [&](const std::string &former) { return sameName(former, name); });
}

std::string trimmed(const std::string &text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// Why `name` cannot name class `id` (−1: a new class), or throws nothing when it can.
std::string checkedName(const ClassList &list, const std::string &name, ClassId id) {
    const std::string clean = trimmed(name);
    if (clean.empty())
        throw Error("a class needs a name");
    for (const ProjectClass &other : list.classes)
        if (other.id != id && sameName(other.name, clean))
            throw Error("there is already a class named \"" + other.name + "\"");
    return clean;
}

std::string randomProjectId() {
    std::random_device device;
    std::ostringstream text;
    text << std::hex;
    for (int part = 0; part < 4; ++part)
        text << (std::uint32_t(device()) | 0x10000000u); // eight digits each
    return text.str();
}

ProjectClass *findCurrent(ClassList &list, ClassId id) {
    const int index = list.indexOf(id);
    return index >= 0 ? &list.classes[std::size_t(index)] : nullptr;
}

} // namespace

int ClassList::indexOf(ClassId id) const {
    for (std::size_t index = 0; index < classes.size(); ++index)
        if (classes[index].id == id)
            return int(index);
    return -1;
}

const ProjectClass *ClassList::find(ClassId id) const {
    const int index = indexOf(id);
    return index >= 0 ? &classes[std::size_t(index)] : nullptr;
}

bool ClassList::isDeleted(ClassId id) const {
    return std::any_of(deleted.begin(), deleted.end(), [id](const ProjectClass &gone) { return gone.id == id; });
}

std::optional<ClassId> ClassList::idOfName(const std::string &name) const {
    for (const ProjectClass &labelClass : classes) // current names first: a former name may be reused
        if (sameName(labelClass.name, name))
            return labelClass.id;
    for (const ProjectClass &labelClass : classes)
        if (hasName(labelClass, name))
            return labelClass.id;
    return std::nullopt;
}

bool ClassList::nameDeleted(const std::string &name) const {
    return std::any_of(deleted.begin(), deleted.end(), [&](const ProjectClass &gone) { return hasName(gone, name); });
}

std::vector<LabelClass> ClassList::labelClasses() const {
    std::vector<LabelClass> result;
    result.reserve(classes.size());
    for (const ProjectClass &labelClass : classes)
        result.push_back({labelClass.name, labelClass.colour});
    return result;
}

ClassList makeClassList(const std::vector<LabelClass> &classes) {
    ClassList list;
    list.projectId = randomProjectId();
    for (const LabelClass &labelClass : classes)
        if (!trimmed(labelClass.name).empty() && !list.idOfName(trimmed(labelClass.name)))
            addClass(list, labelClass.name, labelClass.colour);
    return list;
}

ClassId addClass(ClassList &list, const std::string &name, cv::Vec3b colour) {
    const std::string clean = checkedName(list, name, -1);
    const ClassId id = list.nextId++;
    list.classes.push_back({id, clean, colour, {}});
    return id;
}

bool renameClass(ClassList &list, ClassId id, const std::string &name) {
    ProjectClass *labelClass = findCurrent(list, id);
    if (!labelClass)
        return false;
    const std::string clean = checkedName(list, name, id);
    if (labelClass->name == clean)
        return false;
    auto &former = labelClass->formerNames;
    former.erase(std::remove_if(former.begin(), former.end(), [&](const std::string &old) { return sameName(old, clean); }),
                 former.end());
    former.push_back(labelClass->name);
    labelClass->name = clean;
    return true;
}

bool recolourClass(ClassList &list, ClassId id, cv::Vec3b colour) {
    ProjectClass *labelClass = findCurrent(list, id);
    if (!labelClass || labelClass->colour == colour)
        return false;
    labelClass->colour = colour;
    return true;
}

bool deleteClass(ClassList &list, ClassId id) {
    const int index = list.indexOf(id);
    if (index < 0)
        return false;
    list.deleted.push_back(std::move(list.classes[std::size_t(index)]));
    list.classes.erase(list.classes.begin() + index);
    return true;
}

bool moveClass(ClassList &list, ClassId id, int index) {
    const int from = list.indexOf(id);
    const int to = std::clamp(index, 0, int(list.classes.size()) - 1);
    if (from < 0 || from == to)
        return false;
    ProjectClass moving = std::move(list.classes[std::size_t(from)]);
    list.classes.erase(list.classes.begin() + from);
    list.classes.insert(list.classes.begin() + to, std::move(moving));
    return true;
}

ResolvedClass resolveClass(ClassList &list, const ClassReference &reference, bool sameProject) {
    if (sameProject && reference.id) {
        if (list.find(*reference.id))
            return {reference.id, false};
        if (list.isDeleted(*reference.id))
            return {reference.id, false, true};
    }
    if (const std::optional<ClassId> byName = list.idOfName(reference.name))
        return {byName, false};
    if (list.nameDeleted(reference.name) || trimmed(reference.name).empty())
        return {std::nullopt, false, true};
    return {addClass(list, reference.name, reference.colour), true, false};
}

std::vector<std::string> importLabelmeLabels(ClassList &list, const std::string &text,
                                             cv::Vec3b (*colourFor)(int index)) {
    std::vector<std::string> added;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        const std::string name = trimmed(line);
        if (name.empty() || name == "__ignore__" || name == "_background_" || list.idOfName(name))
            continue;
        addClass(list, name, colourFor(int(list.classes.size())));
        added.push_back(name);
    }
    return added;
}

std::string labelmeLabelsText(const ClassList &list) {
    std::string text = "__ignore__\n_background_\n";
    for (const ProjectClass &labelClass : list.classes)
        text += labelClass.name + "\n";
    return text;
}

cv::Vec3b defaultClassColour(int index) {
    // VOC entries saturated and bright enough to read as a class, never as the grey of unlabelled
    // segments (the map's greys, near-greys and very dark entries are left out).
    static const std::vector<cv::Vec3b> usable = [] {
        std::vector<cv::Vec3b> colours;
        const auto colormap = vocColormap();
        for (std::size_t entry = 1; entry < 255; ++entry) {
            const cv::Vec3b &rgb = colormap[entry];
            const int high = std::max({rgb[0], rgb[1], rgb[2]}), low = std::min({rgb[0], rgb[1], rgb[2]});
            if (high >= 96 && high - low >= high / 2)
                colours.push_back(rgb);
        }
        return colours;
    }();
    const int count = int(usable.size());
    return usable[std::size_t((index % count + count) % count)];
}

cv::Vec3b readColour(const JsonObject &entry) {
    const std::vector<long long> rgb = entry.integers("colour", 3, 0, 255);
    return {std::uint8_t(rgb[0]), std::uint8_t(rgb[1]), std::uint8_t(rgb[2])};
}

} // namespace diffcut
