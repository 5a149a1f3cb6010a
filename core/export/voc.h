#pragma once
// PASCAL VOC segmentation PNGs, as labelme's labelme2voc.py writes them: 8-bit palette PNGs with
// the VOC colour map whose pixel values are ids (0 = background).
#include "export/segment_masks.h"

#include <filesystem>
#include <string>
#include <vector>

namespace diffcut {

// What the pixels of unlabelled segments become: background (0, the default), void (255, ignored
// by VOC's evaluation), or the generic class `segment` (an object of its own, as in the other formats).
enum class UnlabelledPixels { Background, Void, Segment };

// SegmentationClass: class id per pixel, classes numbered from 1 in exportClassNames order;
// unlabelled segments as `unlabelled` says.
void writeVocClassPng(const std::filesystem::path &path, cv::Size imageSize, const std::vector<ExportInstance> &instances,
                      UnlabelledPixels unlabelled = UnlabelledPixels::Background);

// SegmentationObject: object id (ExportInstance::objectId, 1..n) per pixel; unlabelled segments
// 0 or 255 unless they are exported as `segment` objects.
void writeVocObjectPng(const std::filesystem::path &path, cv::Size imageSize, const std::vector<ExportInstance> &instances,
                       UnlabelledPixels unlabelled = UnlabelledPixels::Background);

// class_names.txt: "_background_" then the class names, one per line, index = id (the generic
// class `segment`, last in classNames, only when unlabelled segments are exported as it).
void writeVocClassNames(const std::filesystem::path &path, std::vector<std::string> classNames,
                        UnlabelledPixels unlabelled = UnlabelledPixels::Background);

// "background", "void", "segment" and back; throws Error listing the choices for anything else.
std::string_view unlabelledPixelsName(UnlabelledPixels unlabelled);
UnlabelledPixels parseUnlabelledPixels(std::string_view name);

} // namespace diffcut
