#pragma once
// The objects every exporter writes, and the per-object mask files.
//
// Every segment with at least one pixel is one object (instance) of its class; a segment with no
// class is an object of the generic class `segment`, so an unlabelled automatic segmentation is
// already a usable pre-annotation. Segments without pixels are skipped.
#include "annotation/annotation.h"
#include "export/polygons.h"

#include <filesystem>
#include <string>
#include <vector>

namespace diffcut {

struct ExportInstance {
    int objectId = 0;   // 1..n in segment order: labelme group_id, VOC object value, mask file number
    int segment = 0;    // the segment's index in the annotation
    int classIndex = 0; // index into exportClassNames(annotation)
    std::string className;
    bool labelled = true; // false: an unlabelled segment, exported as the generic class
    int treeNode = -1; // the partition-tree node it came from, −1 when unknown
    cv::Rect box;      // tight bounding box, image pixels
    cv::Mat1b mask;    // box-sized, 255 on the segment's pixels
    int area = 0;      // pixels
    std::vector<Polygon> polygons; // outline in image coordinates (polygons.h); empty when only specks
};

// The classes as exported: the annotation's classes in order, then the generic class `segment`
// (unless a class of that name exists). It is listed even when no segment is unlabelled, so that
// class indices and ids are the same for every image of a dataset.
std::vector<std::string> exportClassNames(const Annotation &annotation);

// Throws Error naming the image when the annotation is inconsistent (labels outside the segment
// count, class indices outside the class list, a segmentNode list of the wrong length).
std::vector<ExportInstance> exportInstances(const Annotation &annotation);

// Writes, into `directory` (created if missing), one image-sized binary PNG (0/255) per object,
// "<objectId>_<class>.png", and index.json listing them (file, object id, class, segment index,
// area, bbox [x, y, w, h], tree node). Mask files of an earlier export of this image that are not
// listed now are removed, so the folder always matches its index.
void writeSegmentMasks(const std::filesystem::path &directory, const Annotation &annotation,
                       const std::vector<ExportInstance> &instances);

} // namespace diffcut
