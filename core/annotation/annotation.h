#pragma once
// What an image's annotation is, as the exporters (and later the GUI) see it: the segment map at
// the image's size, each segment's class (or none yet), the class list, and how it was made.
#include "segmentation/label_map.h"

#include <filesystem>
#include <string>
#include <vector>

namespace diffcut {

struct LabelClass {
    std::string name;
    cv::Vec3b colour; // RGB
};

struct Annotation {
    std::filesystem::path imagePath;
    LabelMap segments;               // image size; segment index per pixel, 0..segmentCount−1
    std::vector<int> segmentClass;   // per segment: index into `classes`, or kUnlabelled
    std::vector<LabelClass> classes; // the project's classes (all images share the list)
    // Provenance, carried into formats that keep extra keys (labelme): the granularity used and,
    // per segment, the partition-tree node it came from (−1 when unknown or edited).
    double tau = 0.0;
    double alpha = 0.0;
    std::vector<int> segmentNode;

    static constexpr int kUnlabelled = -1;
    int segmentCount() const { return int(segmentClass.size()); }
};

// The generic class that unlabelled segments are exported as, so an automatic segmentation is
// already a usable pre-annotation (one instance per segment).
inline constexpr const char *kGenericSegmentClass = "segment";

// How far the annotation of an image has come, as the file list shows it.
enum class AnnotationProgress { None, Started, Done };

} // namespace diffcut
