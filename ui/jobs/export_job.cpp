#include "jobs/export_job.h"

#include "features/feature_encoder.h"
#include "pipeline/annotate_file.h"
#include "pipeline/image_workspace.h"

namespace diffcut::ui {

ExportOutcome runExport(const ExportJob &job, const WorkControl &control) {
    ExportOutcome outcome;
    std::unique_ptr<CocoWriter> coco;
    if (job.formats.contains(ExportFormat::Coco))
        coco = std::make_unique<CocoWriter>();
    std::shared_ptr<const FeatureEncoder> encoder = job.encoder;
    // One running list for the whole export: a class has one index in every image, and the
    // per-dataset files (class names, data.yaml) list every class seen.
    ClassList classes = job.classes;
    const auto writeCoco = [&] {
        if (coco && coco->imageCount() > 0)
            coco->write(cocoAnnotationsPath(job.outputFolder));
    };
    const std::vector<std::string> names = exportNames(job.images, job.options.imageRoot);
    const int total = int(job.images.size());
    for (int i = 0; i < total; ++i) {
        if (control.stop.stop_requested()) {
            writeCoco();
            throw Cancelled();
        }
        const std::filesystem::path &image = job.images[std::size_t(i)];
        const std::string &name = names[std::size_t(i)];
        control.report(double(i) / total, std::to_string(i + 1) + "/" + std::to_string(total) + " " + name);
        const QString label = QString::fromStdString(name);
        try {
            if (image == job.currentImage) {
                Annotation current = job.currentWorkspace
                                         ? job.currentWorkspace->segment(job.currentRequest, control).composed.annotation
                                         : job.currentAnnotation;
                current.classes = classes.labelClasses();
                exportImage(job.outputFolder, name, job.currentRgb, current, job.formats, coco.get(), job.options);
            } else {
                if (!encoder)
                    encoder = createEncoder(job.encoderSettings);
                const FileAnnotation file = annotateFile(image, *encoder, job.defaults, classes, job.cacheRoot, true, control);
                for (const std::string &note : file.notes)
                    outcome.notes << QStringLiteral("%1: %2").arg(label, QString::fromStdString(note));
                for (const SetAsideDecisions &aside : file.result.setAside)
                    outcome.notes << QStringLiteral("%1: %2").arg(label, QString::fromStdString(describeSetAside(aside)));
                exportImage(job.outputFolder, name, file.workspace->image(), file.result.composed.annotation, job.formats,
                            coco.get(), job.options);
            }
            ++outcome.exported;
        } catch (const Cancelled &) {
            writeCoco();
            throw;
        } catch (const std::exception &error) {
            outcome.failures << QStringLiteral("%1: %2").arg(label, QString::fromUtf8(error.what()));
        }
    }
    writeCoco();
    control.report(1.0, std::to_string(total) + "/" + std::to_string(total));
    return outcome;
}

} // namespace diffcut::ui
