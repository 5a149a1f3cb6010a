#include "export/segment_masks.h"

#include "common/error.h"
#include "export/atomic_file.h"
#include "export/export_layout.h"

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cctype>
#include <set>
#include <system_error>

namespace diffcut {
namespace {

[[noreturn]] void failFor(const Annotation &annotation, const std::string &why) {
    throw Error(annotation.imagePath.string() + ": the annotation is inconsistent (" + why + ")");
}

void checkConsistent(const Annotation &annotation) {
    if (annotation.segments.empty())
        failFor(annotation, "no segment map");
    const int classCount = int(annotation.classes.size());
    for (int segment = 0; segment < annotation.segmentCount(); ++segment) {
        const int classIndex = annotation.segmentClass[segment];
        if (classIndex != Annotation::kUnlabelled && (classIndex < 0 || classIndex >= classCount))
            failFor(annotation, "segment " + std::to_string(segment) + " has class " + std::to_string(classIndex)
                                    + " but there are " + std::to_string(classCount) + " classes");
    }
    if (!annotation.segmentNode.empty() && int(annotation.segmentNode.size()) != annotation.segmentCount())
        failFor(annotation, std::to_string(annotation.segmentNode.size()) + " tree nodes for "
                                + std::to_string(annotation.segmentCount()) + " segments");
}

// The class name as part of a file name: characters that are unsafe on some file system become
// '_' (UTF-8 sequences are kept).
std::string fileNamePart(const std::string &name) {
    std::string part = name;
    for (char &c : part)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || static_cast<unsigned char>(c) >= 0x80))
            c = '_';
    return part;
}

// "<digits>_<anything>.png": a mask file that writeSegmentMasks wrote.
bool isMaskFileName(const std::string &name) {
    const std::size_t digits = name.find_first_not_of("0123456789");
    return digits > 0 && digits != std::string::npos && name[digits] == '_' && name.ends_with(".png");
}

} // namespace

std::vector<std::string> exportClassNames(const Annotation &annotation) {
    std::vector<std::string> names;
    for (const LabelClass &labelClass : annotation.classes)
        names.push_back(labelClass.name);
    if (std::find(names.begin(), names.end(), kGenericSegmentClass) == names.end())
        names.emplace_back(kGenericSegmentClass);
    return names;
}

std::vector<ExportInstance> exportInstances(const Annotation &annotation) {
    checkConsistent(annotation);
    const LabelMap &segments = annotation.segments;
    const int count = annotation.segmentCount();

    // Each segment's extent and pixel count in one pass over the map.
    std::vector<int> left(count, segments.cols), top(count, segments.rows), right(count, -1), bottom(count, -1);
    std::vector<int> area(count, 0);
    for (int y = 0; y < segments.rows; ++y)
        for (int x = 0; x < segments.cols; ++x) {
            const int segment = segments(y, x);
            if (segment < 0 || segment >= count)
                failFor(annotation, "the segment map has label " + std::to_string(segment) + " but there are "
                                        + std::to_string(count) + " segments");
            left[segment] = std::min(left[segment], x);
            right[segment] = std::max(right[segment], x);
            top[segment] = std::min(top[segment], y);
            bottom[segment] = std::max(bottom[segment], y);
            ++area[segment];
        }

    const std::vector<std::string> classNames = exportClassNames(annotation);
    const int genericClass = int(std::find(classNames.begin(), classNames.end(), kGenericSegmentClass) - classNames.begin());
    std::vector<ExportInstance> instances;
    for (int segment = 0; segment < count; ++segment) {
        if (area[segment] == 0)
            continue;
        ExportInstance instance;
        instance.objectId = int(instances.size()) + 1;
        instance.segment = segment;
        const int classIndex = annotation.segmentClass[segment];
        instance.labelled = classIndex != Annotation::kUnlabelled;
        instance.classIndex = instance.labelled ? classIndex : genericClass;
        instance.className = classNames[instance.classIndex];
        instance.treeNode = annotation.segmentNode.empty() ? -1 : annotation.segmentNode[segment];
        instance.box = cv::Rect(cv::Point(left[segment], top[segment]), cv::Point(right[segment] + 1, bottom[segment] + 1));
        instance.mask = segments(instance.box) == segment;
        instance.area = area[segment];
        instance.polygons = maskPolygons(instance.mask, instance.box.tl());
        instances.push_back(std::move(instance));
    }
    return instances;
}

void writeSegmentMasks(const std::filesystem::path &directory, const Annotation &annotation,
                       const std::vector<ExportInstance> &instances) {
    createExportDirectory(directory);
    const cv::Size size = annotation.segments.size();
    nlohmann::json masks = nlohmann::json::array();
    std::set<std::string> written;
    for (const ExportInstance &instance : instances) {
        const std::string file = std::to_string(instance.objectId) + "_" + fileNamePart(instance.className) + ".png";
        cv::Mat1b full(size, 0);
        instance.mask.copyTo(full(instance.box));
        std::vector<uchar> encoded;
        if (!cv::imencode(".png", full, encoded))
            throw Error((directory / file).string() + ": PNG encoding failed");
        writeBytesAtomically(directory / file, encoded);
        written.insert(file);
        masks.push_back({{"file", file},
                         {"object_id", instance.objectId},
                         {"class", instance.className},
                         {"segment", instance.segment},
                         {"area", instance.area},
                         {"bbox", {instance.box.x, instance.box.y, instance.box.width, instance.box.height}},
                         {"tree_node", instance.treeNode >= 0 ? nlohmann::json(instance.treeNode) : nlohmann::json()}});
    }

    std::error_code status;
    for (const auto &entry : std::filesystem::directory_iterator(directory, status)) {
        const std::string name = entry.path().filename().string();
        if (isMaskFileName(name) && !written.contains(name))
            std::filesystem::remove(entry.path(), status);
    }

    const nlohmann::json index = {{"image", pathRelativeTo(annotation.imagePath, directory)},
                                  {"width", size.width},
                                  {"height", size.height},
                                  {"masks", masks}};
    writeTextFileAtomically(directory / "index.json", index.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
}

} // namespace diffcut
