#include "pipeline/annotate_file.h"

#include "annotation/sidecar.h"
#include "image/image.h"

namespace diffcut {

FileAnnotation annotateFile(const std::filesystem::path &image, const FeatureEncoder &encoder,
                            const AnnotationState &defaults, ClassList &classes,
                            const std::filesystem::path &cacheFolder, bool useSidecar, const WorkControl &control) {
    FileAnnotation annotation;
    cv::Mat3b rgb = loadImageRgb(image);
    SegmentationRequest request{defaults, classes};
    if (useSidecar)
        if (const std::filesystem::path sidecar = findSidecar(image, cacheFolder); !sidecar.empty()) {
            LoadedSidecar loaded = loadSidecar(sidecar, rgb.size(), classes);
            request.state = std::move(loaded.state);
            request.classes = classes;
            annotation.notes = std::move(loaded.notes);
            annotation.fromSidecar = true;
        }
    auto features = std::make_shared<const FeatureMap>(encoder.encode(rgb, control));
    annotation.workspace =
        std::make_unique<ImageWorkspace>(image, std::move(rgb), std::move(features), encoder.identity(), control);
    annotation.result = annotation.workspace->segment(request, control);
    return annotation;
}

} // namespace diffcut
