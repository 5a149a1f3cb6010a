#pragma once
// Where an export puts each format's files, and the one call that exports an image in any set of
// formats — used alike by the batch CLI (image by image, then the COCO file once) and the GUI
// (one image or a folder):
//
//   OUT/labelme/NAME.json
//   OUT/coco/annotations.json                 (the whole dataset; see exportImage)
//   OUT/voc/SegmentationClass/NAME.png, OUT/voc/SegmentationObject/NAME.png, OUT/voc/class_names.txt
//   OUT/masks/NAME/<object>_<class>.png, OUT/masks/NAME/index.json
//   OUT/yolo/images/NAME.<ext> (a link to or copy of the image), OUT/yolo/labels/NAME.txt, OUT/yolo/data.yaml
//   OUT/overlays/NAME.png
//
// NAME is the image's path relative to the image folder without extension (exportNames); it may
// contain folders ("street/0001"), which are then created under each format's folder.
#include "annotation/annotation.h"
#include "export/coco.h"
#include "export/labelme.h"
#include "export/overlay.h"
#include "export/voc.h"

#include <opencv2/core.hpp>

#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace diffcut {

enum class ExportFormat { Labelme, Coco, Voc, Masks, Yolo, Overlay };
using ExportFormats = std::set<ExportFormat>;

// "labelme", "coco", "voc", "masks", "yolo", "overlay".
std::string_view exportFormatName(ExportFormat format);

// A comma-separated list of format names ("voc,labelme,coco,masks"; spaces allowed, repeats
// ignored). Throws Error naming an unknown or empty entry and listing the known ones.
ExportFormats parseFormats(std::string_view list);

struct ExportOptions {
    LabelmeOptions labelme;
    double overlayOpacity = 0.5;
    PaintOptions overlayPaint;                                  // what the overlay shows, as on the canvas
    UnlabelledPixels vocUnlabelled = UnlabelledPixels::Background; // VOC PNGs' unlabelled pixels
    // The dataset's image folder: COCO file_name is the image's path relative to it (the file name
    // alone when empty or when the image is elsewhere).
    std::filesystem::path imageRoot;
};

// The export NAME of each image of `images` (all under `root`, or anywhere when root is empty):
// its path relative to root without extension, with '/' separators — or with its extension when
// another image has the same name without it ("photo.jpg", "photo.png"), so that no two images
// share an output name. Same order as `images`.
std::vector<std::string> exportNames(const std::vector<std::filesystem::path> &images, const std::filesystem::path &root);

// Where the COCO writer's file goes.
std::filesystem::path cocoAnnotationsPath(const std::filesystem::path &outDir);

// Writes the per-image files of `formats` for one image, creating folders as needed; shared
// per-dataset files (voc/class_names.txt, yolo/data.yaml) are rewritten each time. For Coco the
// image is added to `coco` (required then, else std::invalid_argument), with its path relative to
// options.imageRoot as file_name; the caller keeps the writer across the images and finishes with
// coco->write(cocoAnnotationsPath(outDir)). `rgb` is needed only for Overlay (it must then have
// the annotation's size). Throws Error naming the file that could not be written.
void exportImage(const std::filesystem::path &outDir, const std::string &name, const cv::Mat3b &rgb,
                 const Annotation &annotation, const ExportFormats &formats, CocoWriter *coco = nullptr,
                 const ExportOptions &options = {});

// The files exportImage writes for one image in `formats` (Coco's dataset-wide file excluded).
std::vector<std::filesystem::path> imageOutputPaths(const std::filesystem::path &outDir, const std::string &name,
                                                    const ExportFormats &formats, const std::filesystem::path &image);

// COCO's file_name for an image: its path relative to the dataset's image folder, never "../".
std::string cocoFileName(const std::filesystem::path &image, const std::filesystem::path &imageRoot);

// Helpers of the exporters: `target` relative to `base` with '/' separators (how imagePath and
// file_name are written), or absolute when it is on another root; and create_directories with
// an Error naming the folder.
std::string pathRelativeTo(const std::filesystem::path &target, const std::filesystem::path &base);
void createExportDirectory(const std::filesystem::path &directory);

} // namespace diffcut
