#pragma once
// Label maps as 8-bit palette PNGs, the PASCAL VOC convention: pixel value = segment index,
// palette = the VOC colour map, so the file is both exact data and a viewable picture. A map
// with labels above 255 (a fine cut: τ near its top, a 64x64 grid) is written as a 16-bit
// greyscale PNG instead, which keeps every label exact (no palette holds more than 256 colours).
#include "segmentation/label_map.h"

#include <opencv2/core.hpp>

#include <array>
#include <filesystem>

namespace diffcut {

// The PASCAL VOC colour map (RGB): colour i spreads the bits of i over the three channels,
// most significant bits first; 0 is black, 1 dark red, 255 the VOC "void" colour.
std::array<cv::Vec3b, 256> vocColormap();

// Writes atomically: 8-bit palette for labels 0..255, else 16-bit greyscale. Throws Error when a
// label is outside 0..65535 or the file cannot be written; nothing is left behind then.
void writeLabelPng(const std::filesystem::path &path, const LabelMap &labels);

// Reads the pixel values of a palette PNG (any bit depth) or a 1- to 16-bit greyscale PNG as
// labels. Throws Error naming the file when it is missing, corrupt, or a colour PNG.
LabelMap readLabelPng(const std::filesystem::path &path);

} // namespace diffcut
