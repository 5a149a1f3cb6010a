#include "export/coco.h"

#include "common/error.h"
#include "common/json_file.h"
#include "export/atomic_file.h"
#include "export/export_layout.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>

namespace diffcut {
namespace {

// COCO's own convention ties RLE to iscrowd 1 ("a collection of objects"), but training code
// (Detectron2, MMDetection) drops crowd annotations and COCOeval ignores them, so an exact mask of
// one object would vanish there. Every object we write is a single object, whatever its encoding.
constexpr int kIsCrowd = 0;

nlohmann::json cocoDocument(nlohmann::json images, nlohmann::json categories, nlohmann::json annotations) {
    return {{"info", {{"description", "DiffCut Studio export"}, {"version", DIFFCUT_VERSION}}},
            {"licenses", nlohmann::json::array()},
            {"images", std::move(images)},
            {"categories", std::move(categories)},
            {"annotations", std::move(annotations)}};
}

void writeJson(const std::filesystem::path &path, const nlohmann::json &document) {
    writeTextFileAtomically(path, document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

nlohmann::json readCocoFile(const std::filesystem::path &path) {
    const nlohmann::json document = readJsonFile(path);
    for (const char *key : {"images", "annotations", "categories"})
        if (!document.is_object() || !document.contains(key) || !document[key].is_array())
            throw Error(path.string() + ": not a COCO file (no \"" + key + "\" list)");
    return document;
}

} // namespace

std::string cocoRleCounts(const cv::Mat1b &boxMask, cv::Rect box, cv::Size imageSize) {
    const long long height = imageSize.height, pixelCount = height * imageSize.width;
    // Where runs of ones start and end, in column-major pixel order; a run that goes on into the
    // next column continues rather than ending and starting again.
    std::vector<long long> edges;
    for (int column = 0; column < box.width; ++column) {
        const long long columnStart = (box.x + column) * height + box.y;
        bool inside = false;
        for (int row = 0; row <= box.height; ++row) {
            const bool pixel = row < box.height && boxMask(row, column) != 0;
            if (pixel == inside)
                continue;
            const long long position = columnStart + row;
            if (pixel && !edges.empty() && edges.back() == position)
                edges.pop_back();
            else
                edges.push_back(position);
            inside = pixel;
        }
    }
    std::vector<long long> counts; // alternately zeros and ones, starting with zeros
    long long previous = 0;
    for (const long long edge : edges) {
        counts.push_back(edge - previous);
        previous = edge;
    }
    if (previous < pixelCount || counts.empty())
        counts.push_back(pixelCount - previous);

    std::string text;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        long long value = i > 2 ? counts[i] - counts[i - 2] : counts[i];
        for (bool more = true; more;) {
            char group = char(value & 0x1F);
            value >>= 5; // arithmetic: negative values end in all ones
            more = (group & 0x10) ? value != -1 : value != 0;
            if (more)
                group |= 0x20;
            text += char(group + 48);
        }
    }
    return text;
}

CocoWriter::CocoWriter(CocoSegmentation segmentation) : segmentation_(segmentation) {}

int CocoWriter::categoryId(const std::string &name) {
    const auto found = std::find(categories_.begin(), categories_.end(), name);
    if (found != categories_.end())
        return int(found - categories_.begin()) + 1;
    categories_.push_back(name);
    return int(categories_.size());
}

int CocoWriter::addImage(const std::string &fileName, const Annotation &annotation,
                         const std::vector<ExportInstance> &instances) {
    for (const std::string &name : exportClassNames(annotation))
        categoryId(name);
    images_.push_back({fileName, annotation.segments.size()});
    const int imageId = int(images_.size());
    for (const ExportInstance &instance : instances) {
        Object object{imageId, categoryId(instance.className), {}, {}, instance.area, instance.box};
        if (segmentation_ == CocoSegmentation::Rle) {
            object.rleCounts = cocoRleCounts(instance.mask, instance.box, annotation.segments.size());
        } else {
            if (instance.polygons.empty())
                continue;
            for (const Polygon &polygon : instance.polygons) {
                std::vector<double> &flat = object.polygons.emplace_back();
                for (const cv::Point &point : polygon) // COCO's pixel (0, 0) spans [0, 1]: centres at +0.5
                    flat.insert(flat.end(), {point.x + 0.5, point.y + 0.5});
            }
        }
        objects_.push_back(std::move(object));
    }
    return imageId;
}

void CocoWriter::write(const std::filesystem::path &path) const {
    nlohmann::json images = nlohmann::json::array(), categories = nlohmann::json::array(),
                   annotations = nlohmann::json::array();
    for (std::size_t index = 0; index < images_.size(); ++index)
        images.push_back({{"id", index + 1},
                          {"file_name", images_[index].fileName},
                          {"width", images_[index].size.width},
                          {"height", images_[index].size.height}});
    for (std::size_t index = 0; index < categories_.size(); ++index)
        categories.push_back({{"id", index + 1}, {"name", categories_[index]}, {"supercategory", ""}});
    for (std::size_t index = 0; index < objects_.size(); ++index) {
        const Object &object = objects_[index];
        const cv::Size size = images_[object.imageId - 1].size;
        annotations.push_back(
            {{"id", index + 1},
             {"image_id", object.imageId},
             {"category_id", object.categoryId},
             {"segmentation", segmentation_ == CocoSegmentation::Rle
                                  ? nlohmann::json{{"size", {size.height, size.width}}, {"counts", object.rleCounts}}
                                  : nlohmann::json(object.polygons)},
             {"area", object.area},
             {"bbox", {object.box.x, object.box.y, object.box.width, object.box.height}},
             {"iscrowd", kIsCrowd}});
    }
    writeJson(path, cocoDocument(std::move(images), std::move(categories), std::move(annotations)));
}

void mergeCocoFiles(const std::vector<std::filesystem::path> &inputs, const std::filesystem::path &output) {
    std::vector<std::string> categoryNames;
    nlohmann::json images = nlohmann::json::array(), annotations = nlohmann::json::array();
    // A file given twice (a glob and an explicit name) would annotate each of its images twice.
    std::map<std::filesystem::path, std::filesystem::path> given;
    for (const std::filesystem::path &input : inputs) {
        std::error_code error;
        const auto [earlier, added] = given.emplace(std::filesystem::weakly_canonical(input, error), input);
        if (!added)
            throw Error(input.string() + ": given twice (also as " + earlier->second.string() + ")");
    }
    for (const std::filesystem::path &input : inputs) {
        const nlohmann::json document = readCocoFile(input);
        try {
            std::map<long long, int> newCategory, newImage;
            for (const nlohmann::json &category : document["categories"]) {
                const std::string name = category.at("name");
                auto found = std::find(categoryNames.begin(), categoryNames.end(), name);
                if (found == categoryNames.end())
                    found = categoryNames.insert(categoryNames.end(), name);
                newCategory[category.at("id").get<long long>()] = int(found - categoryNames.begin()) + 1;
            }
            for (nlohmann::json image : document["images"]) {
                newImage[image.at("id").get<long long>()] = int(images.size()) + 1;
                image["id"] = images.size() + 1;
                image.at("file_name").get<std::string>(); // must be text; relative to the image folder, as is
                images.push_back(std::move(image));
            }
            for (nlohmann::json annotation : document["annotations"]) {
                const auto image = newImage.find(annotation.at("image_id").get<long long>());
                const auto category = newCategory.find(annotation.at("category_id").get<long long>());
                if (image == newImage.end() || category == newCategory.end())
                    throw Error("annotation " + jsonExcerpt(annotation.at("id")) + " refers to an unknown image or category");
                annotation["id"] = annotations.size() + 1;
                annotation["image_id"] = image->second;
                annotation["category_id"] = category->second;
                annotations.push_back(std::move(annotation));
            }
        } catch (const nlohmann::json::exception &error) {
            throw Error(input.string() + ": not a COCO file (" + error.what() + ")");
        } catch (const Error &error) {
            throw Error(input.string() + ": " + error.what());
        }
    }
    nlohmann::json categories = nlohmann::json::array();
    for (std::size_t index = 0; index < categoryNames.size(); ++index)
        categories.push_back({{"id", index + 1}, {"name", categoryNames[index]}, {"supercategory", ""}});
    writeJson(output, cocoDocument(std::move(images), std::move(categories), std::move(annotations)));
}

} // namespace diffcut
