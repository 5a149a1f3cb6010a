#pragma once
// An image file to its annotation exactly as opening it in the GUI shows it: decoded, encoded, its
// sidecar's decisions (or the defaults) applied by the image's workspace. Used by `diffcut batch`
// and the GUI's folder export, so that both write what the user saw.
#include "annotation/class_list.h"
#include "features/feature_encoder.h"
#include "pipeline/image_workspace.h"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace diffcut {

struct FileAnnotation {
    std::unique_ptr<ImageWorkspace> workspace;
    SegmentationResult result;
    bool fromSidecar = false;       // the decisions came from the image's sidecar
    std::vector<std::string> notes; // what reading the sidecar changed in the class list
};

// useSidecar: read "<image>.diffcut.json" (next to the image or in cacheFolder), resolving its
// classes into `classes`; without one (or with useSidecar false) `defaults` decide τ, α and PAMR.
// Throws Error naming the image or its sidecar, Cancelled on a stop request.
FileAnnotation annotateFile(const std::filesystem::path &image, const FeatureEncoder &encoder,
                            const AnnotationState &defaults, ClassList &classes,
                            const std::filesystem::path &cacheFolder, bool useSidecar, const WorkControl &control = {});

} // namespace diffcut
