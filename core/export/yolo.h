#pragma once
// YOLO segmentation labels, as Ultralytics trains on and X-AnyLabeling imports: per image a text
// file with one line per object, "class_index x1 y1 x2 y2 ...", coordinates of pixel centres
// divided by the image's width and height (so within 0..1); per dataset a data.yaml naming the
// classes.
#include "export/segment_masks.h"

#include <filesystem>
#include <string>
#include <vector>

namespace diffcut {

// One polygon per object: a multi-part object's parts are joined by thin cuts (joinPolygons, as
// Ultralytics' converter does), so no part is lost but the cuts add a line of pixels between
// them. Objects that are only specks get no line; an image with no object gets an empty file,
// which Ultralytics reads as a background image.
void writeYoloLabels(const std::filesystem::path &path, cv::Size imageSize, const std::vector<ExportInstance> &instances);

// data.yaml: `path:` (the absolute folder of the file), `train:`/`val:` pointing at images/ beside
// labels/ (where exportImage places the images), `nc:` and `names:` (index = class index).
void writeYoloDataYaml(const std::filesystem::path &path, const std::vector<std::string> &classNames);

} // namespace diffcut
