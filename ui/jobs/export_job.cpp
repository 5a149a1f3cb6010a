#include "jobs/export_job.h"

#include "annotation/annotate_image.h"
#include "annotation/sidecar.h"
#include "features/feature_encoder.h"
#include "image/image.h"

#include <QCoreApplication>

namespace diffcut::ui {

namespace {

std::string exportName(const std::filesystem::path &image, const std::filesystem::path &folder) {
    std::filesystem::path name = folder.empty() ? image.filename() : image.lexically_relative(folder);
    if (name.empty() || *name.begin() == "..")
        name = image.filename();
    return name.replace_extension().generic_string();
}

// Another image's annotation, made as opening it in the window would. Classes its sidecar knows
// and `classes` does not are appended, so that a class has one index across the whole export.
Annotation annotationOf(const ExportJob &job, const FeatureEncoder &encoder, const std::filesystem::path &image,
                        const cv::Mat3b &rgb, std::vector<LabelClass> &classes, const WorkControl &control) {
    AnnotationState state = job.defaults;
    if (const auto sidecar = findSidecar(image, job.cacheRoot); !sidecar.empty()) {
        LoadedSidecar loaded = loadSidecar(sidecar, rgb.size());
        mergeClassesInto(classes, loaded);
        state = std::move(loaded.state);
    }
    const FeatureMap features = encoder.encode(rgb, control);
    return annotateImage(features, rgb, state, classes, image, control).annotation;
}

} // namespace

ExportOutcome runExport(const ExportJob &job, const WorkControl &control) {
    ExportOutcome outcome;
    std::unique_ptr<CocoWriter> coco;
    if (job.formats.contains(ExportFormat::Coco))
        coco = std::make_unique<CocoWriter>();
    std::shared_ptr<const FeatureEncoder> encoder = job.encoder;
    std::vector<LabelClass> classes = job.classes;
    const auto writeCoco = [&] {
        if (coco && coco->imageCount() > 0)
            coco->write(cocoAnnotationsPath(job.outputFolder));
    };
    const int total = int(job.images.size());
    for (int i = 0; i < total; ++i) {
        if (control.stop.stop_requested()) {
            writeCoco();
            throw Cancelled();
        }
        const std::filesystem::path &image = job.images[std::size_t(i)];
        const std::string name = exportName(image, job.imageFolder);
        control.report(double(i) / total, name);
        try {
            if (image == job.currentImage) {
                // The running list starts with the window's classes: the same indices, and the
                // per-dataset files (class names, data.yaml) keep every class seen so far.
                Annotation current = job.currentAnnotation;
                current.classes = classes;
                exportImage(job.outputFolder, name, job.currentRgb, current, job.formats, coco.get(), job.options);
            } else {
                const cv::Mat3b rgb = loadImageRgb(image);
                if (!encoder)
                    encoder = createEncoder(job.encoderSettings);
                exportImage(job.outputFolder, name, rgb, annotationOf(job, *encoder, image, rgb, classes, control),
                            job.formats, coco.get(), job.options);
            }
            ++outcome.exported;
        } catch (const Cancelled &) {
            writeCoco();
            throw;
        } catch (const std::exception &error) {
            outcome.failures << QStringLiteral("%1: %2").arg(QString::fromStdString(name), QString::fromUtf8(error.what()));
        }
    }
    writeCoco();
    control.report(1.0, "done");
    return outcome;
}

} // namespace diffcut::ui
