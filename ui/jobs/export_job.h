#pragma once
// Exporting the current image or a whole folder; runs on a worker thread. The open image is
// exported as the window shows it; every other image as opening it would show it — its sidecar's
// decisions applied by the same core code as `diffcut batch` (pipeline/annotate_file.h).
#include "annotation/annotation_state.h"
#include "common/progress.h"
#include "export/export_layout.h"
#include "features/encoder_factory.h"
#include "pipeline/segmentation_request.h"

#include <QString>
#include <QStringList>

#include <filesystem>
#include <memory>

namespace diffcut {
class FeatureEncoder;
class ImageWorkspace;
} // namespace diffcut

namespace diffcut::ui {

struct ExportJob {
    std::filesystem::path outputFolder;
    ExportFormats formats;
    ExportOptions options;                   // options.imageRoot: the image folder (names are relative to it)
    std::vector<std::filesystem::path> images;
    // The open image, exported as shown, at full resolution: while the window shows a preview (a
    // smaller map, SegmentationResult::isPreview), currentWorkspace is set and the job computes the
    // full map of currentRequest from it instead of taking currentAnnotation.
    std::filesystem::path currentImage;
    cv::Mat3b currentRgb;
    Annotation currentAnnotation;
    std::shared_ptr<ImageWorkspace> currentWorkspace;
    SegmentationRequest currentRequest;
    // For the others: the window's encoder, or one made from these settings when it has none yet.
    std::shared_ptr<const FeatureEncoder> encoder;
    EncoderSettings encoderSettings;
    ClassList classes;
    AnnotationState defaults;
    std::filesystem::path cacheRoot;
};

struct ExportOutcome {
    int exported = 0;
    QStringList failures; // "image: why", one per image that could not be exported
    QStringList notes;    // decisions set aside, classes added: "image: what"
};

// Throws Cancelled on a stop request; the files written so far stay (each is complete), and the
// COCO file then lists the images exported before the stop. control.report gets the fraction done
// and "k/n name".
ExportOutcome runExport(const ExportJob &job, const WorkControl &control);

} // namespace diffcut::ui
