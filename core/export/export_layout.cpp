#include "export/export_layout.h"

#include "common/error.h"
#include "export/atomic_file.h"
#include "export/overlay.h"
#include "export/segment_masks.h"
#include "export/voc.h"
#include "export/yolo.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace diffcut {
namespace {

constexpr std::array<std::pair<ExportFormat, std::string_view>, 6> kFormatNames{{
    {ExportFormat::Labelme, "labelme"},
    {ExportFormat::Coco, "coco"},
    {ExportFormat::Voc, "voc"},
    {ExportFormat::Masks, "masks"},
    {ExportFormat::Yolo, "yolo"},
    {ExportFormat::Overlay, "overlay"},
}};

std::string_view trimmed(std::string_view text) {
    const std::size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos)
        return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

void checkName(const std::string &name) {
    const std::filesystem::path path(name);
    bool climbs = false;
    for (const std::filesystem::path &part : path)
        climbs = climbs || part == "..";
    if (name.empty() || path.is_absolute() || path.has_root_name() || climbs)
        throw Error("export: '" + name + "' is not a usable image name (it must be a relative name without '..')");
}

// OUT/<folder>/NAME<suffix>.
std::filesystem::path under(const std::filesystem::path &outDir, const char *folder, const std::string &name,
                            const char *suffix) {
    std::filesystem::path path = outDir / folder / name;
    path += suffix;
    return path;
}

struct ImagePaths {
    std::filesystem::path labelme, vocClass, vocObject, masksFolder, masksIndex, yoloLabels, yoloImage, overlay;
};

// The image's extension in lower case (".jpg"), or ".png" when it has none.
std::string imageExtension(const std::filesystem::path &image) {
    std::string extension = image.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return extension.empty() ? ".png" : extension;
}

ImagePaths imagePaths(const std::filesystem::path &outDir, const std::string &name, const std::filesystem::path &image) {
    const std::filesystem::path masksFolder = outDir / "masks" / name;
    return {under(outDir, "labelme", name, ".json"),
            under(outDir, "voc/SegmentationClass", name, ".png"),
            under(outDir, "voc/SegmentationObject", name, ".png"),
            masksFolder,
            masksFolder / "index.json",
            under(outDir, "yolo/labels", name, ".txt"),
            under(outDir, "yolo/images", name, imageExtension(image).c_str()),
            under(outDir, "overlays", name, ".png")};
}

void writeOverlay(const std::filesystem::path &path, const cv::Mat3b &rgb, const Annotation &annotation,
                  const ExportOptions &options) {
    if (rgb.size() != annotation.segments.size())
        throw Error(path.string() + ": the image is " + std::to_string(rgb.cols) + " x " + std::to_string(rgb.rows)
                    + " but its annotation " + std::to_string(annotation.segments.cols) + " x "
                    + std::to_string(annotation.segments.rows));
    writeRgbPng(path, renderOverlay(rgb, annotation.segments, segmentPaints(annotation, options.overlayPaint),
                                    options.overlayOpacity));
}

// Ultralytics finds an image's labels by replacing "images" with "labels" in its path: the image
// goes beside the labels, as a hard link when the file system allows (no copy), else a copy.
void placeYoloImage(const std::filesystem::path &target, const std::filesystem::path &image) {
    std::error_code status;
    if (std::filesystem::equivalent(image, target, status))
        return;
    writeFileAtomically(target, [&image](const std::filesystem::path &temporary) {
        std::error_code linkStatus;
        std::filesystem::remove(temporary, linkStatus);
        std::filesystem::create_hard_link(image, temporary, linkStatus);
        if (linkStatus && !std::filesystem::copy_file(image, temporary, std::filesystem::copy_options::overwrite_existing,
                                                      linkStatus))
            throw Error("cannot copy " + image.string() + " (" + linkStatus.message() + ")");
    });
}

} // namespace

std::string_view exportFormatName(ExportFormat format) {
    for (const auto &[known, name] : kFormatNames)
        if (known == format)
            return name;
    throw std::invalid_argument("unknown ExportFormat");
}

ExportFormats parseFormats(std::string_view list) {
    ExportFormats formats;
    for (std::size_t start = 0; start <= list.size();) {
        const std::size_t comma = std::min(list.find(',', start), list.size());
        const std::string_view entry = trimmed(list.substr(start, comma - start));
        const auto known = std::find_if(kFormatNames.begin(), kFormatNames.end(),
                                        [&](const auto &format) { return format.second == entry; });
        if (known == kFormatNames.end()) {
            std::string names;
            for (const auto &format : kFormatNames)
                names += (names.empty() ? "" : ", ") + std::string(format.second);
            throw Error("export formats '" + std::string(list) + "': "
                        + (entry.empty() ? std::string("empty entry") : "unknown format '" + std::string(entry) + "'")
                        + " (known: " + names + ")");
        }
        formats.insert(known->first);
        start = comma + 1;
    }
    return formats;
}

std::filesystem::path cocoAnnotationsPath(const std::filesystem::path &outDir) {
    return outDir / "coco" / "annotations.json";
}

void exportImage(const std::filesystem::path &outDir, const std::string &name, const cv::Mat3b &rgb,
                 const Annotation &annotation, const ExportFormats &formats, CocoWriter *coco,
                 const ExportOptions &options) {
    checkName(name);
    if (formats.contains(ExportFormat::Coco) && coco == nullptr)
        throw std::invalid_argument("exportImage: the Coco format needs a CocoWriter");
    if ((formats.contains(ExportFormat::Coco) || formats.contains(ExportFormat::Yolo)) && annotation.imagePath.empty())
        throw Error(outDir.string() + ": the annotation of '" + name + "' names no image");
    const std::vector<ExportInstance> instances = exportInstances(annotation);
    const std::vector<std::string> classNames = exportClassNames(annotation);
    const cv::Size size = annotation.segments.size();
    const ImagePaths paths = imagePaths(outDir, name, annotation.imagePath);
    for (const std::filesystem::path &file : imageOutputPaths(outDir, name, formats, annotation.imagePath))
        createExportDirectory(file.parent_path());

    if (formats.contains(ExportFormat::Labelme))
        writeLabelmeJson(paths.labelme, annotation, instances, options.labelme);
    if (formats.contains(ExportFormat::Voc)) {
        writeVocClassPng(paths.vocClass, size, instances, options.vocUnlabelled);
        writeVocObjectPng(paths.vocObject, size, instances, options.vocUnlabelled);
        writeVocClassNames(outDir / "voc" / "class_names.txt", classNames, options.vocUnlabelled);
    }
    if (formats.contains(ExportFormat::Masks))
        writeSegmentMasks(paths.masksFolder, annotation, instances);
    if (formats.contains(ExportFormat::Yolo)) {
        placeYoloImage(paths.yoloImage, annotation.imagePath);
        writeYoloLabels(paths.yoloLabels, size, instances);
        writeYoloDataYaml(outDir / "yolo" / "data.yaml", classNames);
    }
    if (formats.contains(ExportFormat::Overlay))
        writeOverlay(paths.overlay, rgb, annotation, options);
    // Last, so that an image whose other files failed is not in the COCO file either.
    if (formats.contains(ExportFormat::Coco)) {
        createExportDirectory(cocoAnnotationsPath(outDir).parent_path()); // for the caller's write at the end
        coco->addImage(cocoFileName(annotation.imagePath, options.imageRoot), annotation, instances);
    }
}

std::string cocoFileName(const std::filesystem::path &image, const std::filesystem::path &imageRoot) {
    if (!imageRoot.empty()) {
        const std::filesystem::path relative = image.lexically_normal().lexically_relative(imageRoot.lexically_normal());
        if (!relative.empty() && *relative.begin() != "..")
            return relative.generic_string();
    }
    return image.filename().generic_string();
}

std::vector<std::string> exportNames(const std::vector<std::filesystem::path> &images, const std::filesystem::path &root) {
    const auto relativeName = [&root](const std::filesystem::path &image) {
        std::filesystem::path relative = root.empty() ? image.filename() : image.lexically_normal().lexically_relative(root.lexically_normal());
        if (relative.empty() || *relative.begin() == "..")
            relative = image.filename();
        return relative.generic_string();
    };
    std::map<std::string, int> stems;
    std::vector<std::string> names;
    for (const std::filesystem::path &image : images) {
        names.push_back(std::filesystem::path(relativeName(image)).replace_extension().generic_string());
        ++stems[names.back()];
    }
    for (std::size_t index = 0; index < images.size(); ++index)
        if (stems[names[index]] > 1)
            names[index] = relativeName(images[index]);
    return names;
}

std::vector<std::filesystem::path> imageOutputPaths(const std::filesystem::path &outDir, const std::string &name,
                                                    const ExportFormats &formats, const std::filesystem::path &image) {
    checkName(name);
    const ImagePaths paths = imagePaths(outDir, name, image);
    std::vector<std::filesystem::path> files;
    if (formats.contains(ExportFormat::Labelme))
        files.push_back(paths.labelme);
    if (formats.contains(ExportFormat::Voc))
        files.insert(files.end(), {paths.vocClass, paths.vocObject});
    if (formats.contains(ExportFormat::Masks))
        files.push_back(paths.masksIndex);
    if (formats.contains(ExportFormat::Yolo))
        files.insert(files.end(), {paths.yoloLabels, paths.yoloImage});
    if (formats.contains(ExportFormat::Overlay))
        files.push_back(paths.overlay);
    return files;
}

std::string pathRelativeTo(const std::filesystem::path &target, const std::filesystem::path &base) {
    // Canonical (symbolic links resolved) because readers resolve "../" on the real folders.
    const auto canonical = [](const std::filesystem::path &path) {
        std::error_code status;
        const std::filesystem::path absolute = std::filesystem::absolute(path, status);
        const std::filesystem::path resolved = std::filesystem::weakly_canonical(absolute, status);
        return status ? absolute.lexically_normal() : resolved;
    };
    const std::filesystem::path canonicalTarget = canonical(target);
    const std::filesystem::path relative = canonicalTarget.lexically_relative(canonical(base.empty() ? "." : base));
    return (relative.empty() ? canonicalTarget : relative).generic_string();
}

void createExportDirectory(const std::filesystem::path &directory) {
    std::error_code status;
    std::filesystem::create_directories(directory, status);
    if (status)
        throw Error(directory.string() + ": cannot create the folder (" + status.message() + ")");
}

} // namespace diffcut
