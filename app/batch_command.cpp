#include "batch_command.h"

#include "annotation/project_classes.h"
#include "annotation/sidecar.h"
#include "common/error.h"
#include "common/file_hash.h"
#include "export/atomic_file.h"
#include "export/coco.h"
#include "export/export_layout.h"
#include "image_folder.h"
#include "pipeline/annotate_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <optional>

namespace fs = std::filesystem;

namespace diffcut {
namespace {

// The folders under `out` that the batch writes; none of their files is ever taken as input.
std::vector<fs::path> outputFolders(const fs::path &input, const fs::path &out) {
    const fs::path outFolder = fs::weakly_canonical(out);
    if (outFolder != fs::weakly_canonical(input))
        return {outFolder};
    std::vector<fs::path> folders; // writing into the input folder itself: only our own folders
    for (const char *name : {"labelme", "coco", "voc", "masks", "yolo", "overlays", ".diffcut-batch"})
        folders.push_back(outFolder / name);
    return folders;
}

// What an image's outputs depend on besides the batch's settings: its bytes, its sidecar and the
// project's class list. Recorded with the outputs; an output is current only when all of it matches.
struct Stamp {
    std::string settings, image, sidecar, classes;
    bool operator==(const Stamp &) const = default;
};

fs::path stampPath(const fs::path &out, const std::string &name) { return out / ".diffcut-batch" / (name + ".json"); }
fs::path cocoPartPath(const fs::path &out, const std::string &name) { return out / "coco/parts" / (name + ".json"); }

std::optional<Stamp> readStamp(const fs::path &file) {
    std::ifstream stream(file, std::ios::binary);
    const nlohmann::json document = nlohmann::json::parse(stream, nullptr, false);
    if (!document.is_object())
        return std::nullopt;
    Stamp stamp;
    for (auto [key, field] : {std::pair{"settings", &stamp.settings}, std::pair{"image", &stamp.image},
                              std::pair{"sidecar", &stamp.sidecar}, std::pair{"classes", &stamp.classes}}) {
        const auto value = document.find(key);
        if (value == document.end() || !value->is_string())
            return std::nullopt;
        *field = value->get<std::string>();
    }
    return stamp;
}

void writeStamp(const fs::path &file, const Stamp &stamp) {
    createExportDirectory(file.parent_path());
    const nlohmann::json document = {
        {"settings", stamp.settings}, {"image", stamp.image}, {"sidecar", stamp.sidecar}, {"classes", stamp.classes}};
    writeTextFileAtomically(file, document.dump(1) + "\n");
}

void removeQuietly(const fs::path &path) {
    std::error_code ignored;
    fs::remove_all(path, ignored);
}

struct BatchRun {
    BatchRun(const BatchOptions &batchOptions)
        : options(batchOptions), input(batchOptions.input), out(batchOptions.out), formats(parseFormats(batchOptions.formats)) {}
    const BatchOptions &options;
    fs::path input, out;
    ExportFormats formats; // without Coco: it goes to per-image parts, merged at the end
    bool coco = false;
    ExportOptions exportOptions;
    std::unique_ptr<FeatureEncoder> encoder;
    AnnotationState defaults;
    ProjectClasses project;
    SegmentNaming naming;
    std::vector<ClassId> namedClassIds; // the naming's classes in project.list
    fs::path cacheFolder;
    std::string settingsKey;
};

// The outputs of one image, made from scratch; the stamp is written last, so an interrupted or
// failed image never looks current. Returns the line the progress shows.
std::string exportOne(BatchRun &run, const fs::path &imagePath, const std::string &name, const Stamp &stamp,
                      std::vector<std::string> &setAsideLines) {
    const fs::path stampFile = stampPath(run.out, name), part = cocoPartPath(run.out, name);
    removeQuietly(stampFile);
    removeQuietly(part);
    try {
        FileAnnotation file = annotateFile(imagePath, *run.encoder, run.defaults, run.project.list, run.cacheFolder,
                                           !run.options.ignoreAnnotations);
        for (const std::string &note : file.notes)
            std::cerr << "diffcut: note: " << imagePath.string() << ": " << note << "\n";
        for (const SetAsideDecisions &aside : file.result.setAside)
            setAsideLines.push_back(imagePath.string() + ": " + describeSetAside(aside));
        if (run.naming)
            nameAnnotation(run.naming, file.workspace->image(), file.result.composed.annotation, run.project.list,
                           run.namedClassIds);
        CocoWriter cocoPart;
        ExportFormats imageFormats = run.formats;
        if (run.coco)
            imageFormats.insert(ExportFormat::Coco);
        const Annotation &annotation = file.result.composed.annotation;
        exportImage(run.out, name, file.workspace->image(), annotation, imageFormats, &cocoPart, run.exportOptions);
        if (run.coco) {
            createExportDirectory(part.parent_path());
            cocoPart.write(part);
        }
        writeStamp(stampFile, stamp);
        std::string outcome = std::to_string(annotation.segmentCount()) + " segments";
        if (file.fromSidecar)
            outcome += " (saved annotation: " + std::to_string(file.result.decisionsApplied) + " decisions applied" +
                       (file.result.setAside.empty() ? "" : ", some set aside") + ")";
        return outcome;
    } catch (...) {
        // Nothing of an earlier run may look current for an image that failed now.
        for (const fs::path &output : imageOutputPaths(run.out, name, run.formats, imagePath))
            removeQuietly(output);
        if (run.formats.contains(ExportFormat::Masks))
            removeQuietly(run.out / "masks" / name);
        throw;
    }
}

} // namespace

CLI::App *addBatchCommand(CLI::App &app, BatchOptions &options) {
    CLI::App *command = app.add_subcommand(
        "batch", "Segment every image of a folder tree and export the results: OUT/voc, OUT/labelme, OUT/coco, "
                 "OUT/masks, OUT/yolo, OUT/overlays. Each image's saved annotation (IMAGE.diffcut.json, as the GUI "
                 "writes it) is applied; the options below are the defaults for images without one. Resumable: an "
                 "image is skipped only when its outputs were made from the same image, annotation and settings. "
                 "Exit code 1 when any image failed.");
    command->add_option("INPUT_DIR", options.input, "Folder of images (searched recursively)")->required();
    command->add_option("--out", options.out, "Output folder")->required();
    addEncoderOptions(*command, options.encoder);
    addGranularityOptions(*command, options.granularity);
    command->add_flag("--refine", options.refine, "Refine boundaries with PAMR and a 3x3 median filter");
    command->add_flag("--ignore-annotations", options.ignoreAnnotations,
                      "Segment from scratch: do not apply the images' saved annotations");
    command
        ->add_option("--format", options.formats, "Comma-separated: voc, labelme, coco, masks, yolo, overlay")
        ->capture_default_str()
        ->check([](const std::string &list) {
            try {
                parseFormats(list);
                return std::string();
            } catch (const Error &e) {
                return std::string(e.what());
            }
        });
    command
        ->add_option("--unlabelled", options.unlabelled,
                     "VOC PNGs: unlabelled segments become background (0), void (255) or the class 'segment'")
        ->check(CLI::IsMember({"background", "void", "segment"}))
        ->capture_default_str();
    command
        ->add_option("--shard", options.shard,
                     "I/N: process only the I-th of N deterministic parts of the image list (0 <= I < N), e.g. "
                     "from a Slurm array or a Kubernetes indexed Job; then join the COCO files with merge-coco")
        ->check(shardValidator());
    addNamingOptions(*command, options.naming);
    return command;
}

int runBatch(const BatchOptions &options) {
    BatchRun run(options);
    run.coco = run.formats.erase(ExportFormat::Coco) > 0;
    run.exportOptions.vocUnlabelled = parseUnlabelledPixels(options.unlabelled);
    run.exportOptions.imageRoot = run.input;
    const Shard shard = options.shard.empty() ? Shard{} : *parseShard(options.shard);
    prepareOutputDirectory(run.out);

    const std::vector<fs::path> all = listImages(run.input, outputFolders(run.input, run.out));
    std::vector<fs::path> allPaths;
    for (const fs::path &relative : all)
        allPaths.push_back(run.input / relative);
    const std::vector<std::string> names = exportNames(allPaths, run.input); // over the whole list: same in every shard
    const std::vector<std::size_t> mine = shardPositions(all.size(), shard);
    if (mine.empty())
        throw Error(run.input.string() + ": no images" + (options.shard.empty() ? "" : " in shard " + options.shard));

    run.encoder = createEncoderNoting(options.encoder);
    run.cacheFolder = cacheRoot(options.encoder);
    run.defaults.refine = options.refine;
    run.defaults.alpha = options.granularity.alpha;
    run.defaults.tau = options.granularity.tau;
    if (!options.ignoreAnnotations) {
        std::string note;
        run.project = openProject(run.input, run.cacheFolder, {}, &note);
        if (!note.empty())
            std::cerr << "diffcut: note: " << note << "\n";
    }
    run.naming = loadSegmentNaming(options.naming, options.encoder);
    if (run.naming)
        run.namedClassIds = joinNamedClasses(run.project.list, run.naming.classifier.classNames);
    const FeatureIdentity encoderIdentity = run.encoder->identity();
    run.settingsKey = nlohmann::json{DIFFCUT_VERSION, encoderIdentity.encoder, encoderIdentity.weights,
                                     encoderIdentity.timestep, encoderIdentity.resolution, options.granularity.tau,
                                     options.granularity.alpha, options.granularity.segments, options.refine,
                                     options.ignoreAnnotations, options.formats, options.unlabelled, run.input.string(),
                                     describeNaming(options.naming)}
                          .dump();
    if (options.granularity.segments > 0)
        std::cerr << "diffcut: note: --segments applies to images without a saved annotation\n";

    ProgressLine progress(mine.size());
    int segmented = 0, upToDate = 0;
    std::vector<std::string> failures, setAsideLines;
    std::vector<fs::path> cocoParts;

    for (std::size_t done = 0; done < mine.size(); ++done) {
        const std::size_t i = mine[done];
        const fs::path imagePath = allPaths[i];
        const std::string &name = names[i];
        if (run.coco)
            cocoParts.push_back(cocoPartPath(run.out, name));
        std::string outcome;
        try {
            requireUtf8Path(imagePath.string());
            const fs::path sidecar = options.ignoreAnnotations ? fs::path() : findSidecar(imagePath, run.cacheFolder);
            const Stamp stamp{run.settingsKey, fileContentHash(imagePath), sidecar.empty() ? "" : fileContentHash(sidecar) + fileContentHash(brushPathFor(sidecar)),
                              run.project.file.empty() ? "" : fileContentHash(run.project.file)};
            std::vector<fs::path> outputs = imageOutputPaths(run.out, name, run.formats, imagePath);
            if (run.coco)
                outputs.push_back(cocoPartPath(run.out, name));
            const bool complete = std::all_of(outputs.begin(), outputs.end(), [](const fs::path &file) { return fs::exists(file); });
            if (complete && readStamp(stampPath(run.out, name)) == stamp) {
                ++upToDate;
                outcome = "up to date";
            } else {
                outcome = exportOne(run, imagePath, name, stamp, setAsideLines);
                ++segmented;
            }
        } catch (const std::exception &e) {
            const std::string message = e.what(); // core errors about a file already name it
            failures.push_back(message.find(imagePath.string()) == std::string::npos ? imagePath.string() + ": " + message
                                                                                     : message);
            outcome = "FAILED";
        }
        progress.print(done + 1, name, outcome);
    }
    progress.finish();

    // The summary first: a failure to write the joined COCO file must not hide it.
    std::cerr << "diffcut: batch: " << mine.size() << " images: " << segmented << " segmented, " << upToDate
              << " up to date, " << failures.size() << " failed\n";
    for (const std::string &failure : failures)
        std::cerr << "diffcut: failed: " << failure << "\n";
    if (!setAsideLines.empty())
        std::cerr << "diffcut: batch: saved decisions that do not apply to these encoder settings were set aside in "
                  << setAsideLines.size() << " case(s):\n";
    for (const std::string &line : setAsideLines)
        std::cerr << "diffcut: set aside: " << line << "\n";

    bool cocoFailed = false;
    if (run.coco) {
        std::vector<fs::path> existing;
        std::copy_if(cocoParts.begin(), cocoParts.end(), std::back_inserter(existing),
                     [](const fs::path &part) { return fs::exists(part); });
        const fs::path cocoFile = options.shard.empty()
                                      ? cocoAnnotationsPath(run.out)
                                      : run.out / "coco" / ("annotations.shard-" + std::to_string(shard.index) + "-of-" +
                                                            std::to_string(shard.count) + ".json");
        try {
            if (!existing.empty())
                mergeCocoFiles(existing, cocoFile);
            else
                removeQuietly(cocoFile);
        } catch (const Error &error) {
            std::cerr << "diffcut: " << error.what() << "\n";
            cocoFailed = true;
        }
    }
    return failures.empty() && !cocoFailed ? 0 : kExitFailure;
}

CLI::App *addMergeCocoCommand(CLI::App &app, MergeCocoOptions &options) {
    CLI::App *command = app.add_subcommand(
        "merge-coco", "Join COCO files (e.g. the per-shard files of a sharded batch): ids renumbered, categories "
                      "unified by name, file names (relative to the image folder) kept");
    command->add_option("INPUTS", options.inputs, "COCO files to join")->required();
    command->add_option("--out", options.output, "COCO file to write")->required();
    return command;
}

void runMergeCoco(const MergeCocoOptions &options) {
    mergeCocoFiles(std::vector<fs::path>(options.inputs.begin(), options.inputs.end()), options.output);
}

} // namespace diffcut
