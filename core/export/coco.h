#pragma once
// COCO instance-segmentation JSON: one file for a whole dataset, accumulated image by image.
#include "annotation/annotation.h"
#include "export/segment_masks.h"

#include <filesystem>
#include <string>
#include <vector>

namespace diffcut {

enum class CocoSegmentation {
    // [[x1, y1, x2, y2, ...], ...], one polygon per part with its holes spliced in (polygons.h),
    // through the boundary pixels' centres at +0.5 (COCO's pixel (0, 0) spans [0, 1]), as
    // Detectron2's mask_to_polygons writes them. pycocotools' rasteriser counts centres that lie
    // on the outline's top and left sides as outside, so its masks of these polygons lack that
    // one-pixel rim (IoU 0.93–0.98 on objects 20–90 px across): use Rle for exact masks.
    Polygons,
    Rle, // compressed RLE {"size": [h, w], "counts": "..."}: pixel-exact
};

// The "counts" string of pycocotools' compressed RLE for an image-sized mask that is zero outside
// `box` and `boxMask` (non-zero = inside) within it: run lengths in column-major order starting
// with a run of zeros, each written as in maskApi.c's rleToString (from the fourth run on as the
// difference to the run two before, in 5-bit groups with a continuation bit, plus 48).
std::string cocoRleCounts(const cv::Mat1b &boxMask, cv::Rect box, cv::Size imageSize);

// Collects images, categories and annotations; write() produces the file. Image, category and
// annotation ids count from 1. Categories are the class names (exportClassNames) in order of
// first appearance. Objects that are only specks have no polygon and are left out in Polygons
// mode. Not thread-safe: add images from one thread.
class CocoWriter {
public:
    explicit CocoWriter(CocoSegmentation segmentation = CocoSegmentation::Polygons);

    // Adds one image; `fileName` is written as its file_name (the export writes the image's path
    // relative to the dataset's image folder: cocoFileName). Returns the image id.
    int addImage(const std::string &fileName, const Annotation &annotation,
                 const std::vector<ExportInstance> &instances);

    int imageCount() const { return int(images_.size()); }

    // Writes atomically; throws Error naming the file.
    void write(const std::filesystem::path &path) const;

private:
    struct Image {
        std::string fileName;
        cv::Size size;
    };
    struct Object {
        int imageId = 0;
        int categoryId = 0;
        std::vector<std::vector<double>> polygons; // Polygons mode
        std::string rleCounts;                     // Rle mode
        int area = 0;
        cv::Rect box;
    };

    int categoryId(const std::string &name);

    CocoSegmentation segmentation_;
    std::vector<std::string> categories_; // id = index + 1
    std::vector<Image> images_;           // id = index + 1
    std::vector<Object> objects_;         // id = index + 1
};

// Joins COCO files (per-shard exports of one dataset) into `output`: images and annotations are
// renumbered from 1, categories are unified by name (ids from 1 in order of first appearance),
// and file_names are kept (they are relative to the dataset's image folder, not to the file). Throws
// Error naming the file that is missing, not JSON, or not a COCO file, or given twice (its images
// would be annotated twice).
void mergeCocoFiles(const std::vector<std::filesystem::path> &inputs, const std::filesystem::path &output);

} // namespace diffcut
