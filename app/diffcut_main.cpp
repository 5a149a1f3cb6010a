// diffcut: the command line of DiffCut Studio.
//
// Exit codes: 0 success; 1 the work failed (bad or unreadable input, unwritable output, ...);
// 2 the command line itself is wrong. Errors are one line on stderr, prefixed "diffcut: ".
#include "common/blas_threads.h"
#include "common/error.h"
#include "common/huge_pages.h"
#include "common/json_file.h"
#include "export/atomic_file.h"
#include "export/label_png.h"
#include "export/overlay.h"
#include "diffusion/model_folder.h"
#include "diffusion/openclip_folder.h"
#include "diffusion/safetensors.h"
#include "download/model_download.h"
#include "batch_command.h"
#include "classify_command.h"
#include "encode_command.h"
#include "eval_command.h"
#include "openclip_model_command.h"
#include "cli_common.h"
#include "naming_options.h"
#include "features/encoder_factory.h"
#include "features/npy.h"
#include "image/image.h"
#include "segmentation/partition_tree.h"
#include "pipeline/image_workspace.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <set>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace diffcut;

namespace {

struct FeatureOptions {
    std::string features; // .npy path; empty = run the encoder on the image
    EncoderOptions encoder;
};

struct Features {
    std::shared_ptr<const FeatureMap> map;
    std::string source;       // the .npy path or the encoder's id
    FeatureIdentity identity; // what decisions on these features are bound to
};

Features obtainFeatures(const FeatureOptions &options, const cv::Mat3b &rgb, StageTimer &timer) {
    if (!options.features.empty()) {
        FeatureMap map = timer.run("read_features", [&] { return readFeaturesNpy(options.features); });
        FeatureIdentity identity;
        identity.encoder = "features-file/1";
        identity.model = options.features;
        return {std::make_shared<const FeatureMap>(std::move(map)), options.features, identity};
    }
    const std::unique_ptr<FeatureEncoder> encoder = createEncoderNoting(options.encoder);
    FeatureMap map = timer.run("encode", [&] { return encoder->encode(rgb); });
    return {std::make_shared<const FeatureMap>(std::move(map)), encoder->id(), encoder->identity()};
}

nlohmann::ordered_json describe(const Features &features) {
    return {{"source", features.source},
            {"channels", features.map->channels},
            {"height", features.map->height},
            {"width", features.map->width}};
}

// The granularity to segment at: --tau, or the τ that gives about --segments segments.
AnnotationState granularityState(const GranularityOptions &options, bool refine, ImageWorkspace &workspace,
                                 StageTimer &timer) {
    AnnotationState state;
    state.tau = options.tau;
    state.alpha = options.alpha;
    state.refine = refine;
    if (options.segments > 0)
        state.tau = timer.run("choose_tau", [&] { return workspace.tauForSegmentCount(state, options.segments); });
    return state;
}

struct SegmentOptions {
    std::string image, out;
    FeatureOptions features;
    GranularityOptions granularity;
    bool refine = false;
    NamingOptions naming;
};

// summary.json's "segment_names": each segment's class (null: unlabelled) and its CLIP scores.
nlohmann::ordered_json describeNames(const Annotation &annotation, const std::vector<SegmentScores> &scores) {
    nlohmann::ordered_json names = nlohmann::ordered_json::array();
    for (const SegmentScores &score : scores) {
        const int index = annotation.segmentClass[std::size_t(score.label)];
        names.push_back({{"segment", score.label},
                         {"class", index == Annotation::kUnlabelled ? nlohmann::ordered_json()
                                                                    : nlohmann::ordered_json(annotation.classes[std::size_t(index)].name)},
                         {"best", score.classIndex},
                         {"probabilities", score.probabilities}});
    }
    return names;
}

void runSegment(const SegmentOptions &options) {
    requireUtf8Path(options.image);
    requireUtf8Path(options.features.features);
    const fs::path out = options.out;
    prepareOutputDirectory(out);
    // A run that fails must not leave an earlier run's results looking like its own.
    for (const char *file : {"summary.json", "labels.png", "overlay.png"}) {
        std::error_code ignored;
        fs::remove(out / file, ignored);
    }
    StageTimer timer;
    const SegmentNaming naming =
        options.naming.clip.empty()
            ? SegmentNaming{}
            : timer.run("load_clip", [&] { return loadSegmentNaming(options.naming, options.features.encoder); });
    const cv::Mat3b rgb = timer.run("load_image", [&] { return loadImageRgb(options.image); });
    const Features features = obtainFeatures(options.features, rgb, timer);
    const auto workspace = timer.run(
        "affinity", [&] { return std::make_unique<ImageWorkspace>(options.image, rgb, features.map, features.identity); });
    const AnnotationState state = granularityState(options.granularity, options.refine, *workspace, timer);
    ClassList classes = makeClassList();
    const std::vector<ClassId> classIds = naming ? joinNamedClasses(classes, naming.classifier.classNames) : std::vector<ClassId>{};
    const SegmentationResult result = workspace->segment({state, classes});
    Annotation annotation = result.composed.annotation;
    std::vector<SegmentScores> scores;
    if (naming)
        scores = timer.run("name_segments", [&] { return nameAnnotation(naming, rgb, annotation, classes, classIds); });
    timer.run("write", [&] {
        writeLabelPng(out / "labels.png", annotation.segments);
        writeRgbPng(out / "overlay.png", renderOverlay(rgb, annotation.segments, segmentPaints(annotation)));
    });

    nlohmann::ordered_json summary;
    summary["image"] = options.image;
    summary["image_size"] = {rgb.cols, rgb.rows};
    summary["features"] = describe(features);
    summary["tau"] = state.tau;
    summary["alpha"] = state.alpha;
    if (options.granularity.segments > 0)
        summary["segments_requested"] = options.granularity.segments;
    summary["refine"] = state.refine;
    summary["tree_leaves"] = result.leaves.size();
    summary["segments"] = annotation.segmentCount();
    summary["segment_areas"] = result.composed.segmentAreas;
    if (naming)
        summary["segment_names"] = describeNames(annotation, scores);
    nlohmann::ordered_json timings = nlohmann::ordered_json::object();
    for (const auto &[stage, milliseconds] : timer.stages())
        timings[stage] = milliseconds;
    for (const auto &[stage, milliseconds] : result.timings)
        timings[stage] = milliseconds;
    summary["timings_ms"] = timings;
    writeTextFileAtomically(out / "summary.json", summary.dump(2) + "\n");
    std::cout << annotation.segmentCount() << " segments written to " << out.string() << "\n";
}

struct TreeOptions {
    std::string image, out;
    FeatureOptions features;
    GranularityOptions granularity;
};

void runTree(const TreeOptions &options) {
    requireUtf8Path(options.features.features);
    if (options.image.empty() && options.features.features.empty())
        throw Error("give an IMAGE or --features");
    StageTimer timer;
    const cv::Mat3b rgb = options.features.features.empty() ? loadImageRgb(options.image) : cv::Mat3b();
    const Features features = obtainFeatures(options.features, rgb, timer);
    // Without an image the workspace still needs one of some size: the feature grid's.
    ImageWorkspace workspace(options.image, rgb.empty() ? cv::Mat3b(features.map->height, features.map->width) : rgb,
                             features.map, features.identity);
    const AnnotationState state = granularityState(options.granularity, false, workspace, timer);
    const std::shared_ptr<PartitionTree> tree = workspace.tree(state.alpha);
    const std::vector<int> leaves = tree->cut(state.tau);
    const std::set<int> leafSet(leaves.begin(), leaves.end());

    nlohmann::ordered_json dump;
    dump["features"] = describe(features);
    dump["alpha"] = state.alpha;
    dump["tau"] = state.tau;
    dump["leaves"] = leaves;
    nlohmann::ordered_json nodes = nlohmann::ordered_json::array();
    for (int id = 0; id < tree->nodeCount(); ++id) {
        const PartitionNode node = tree->node(id);
        nlohmann::ordered_json entry;
        entry["id"] = node.id;
        entry["parent"] = node.parent >= 0 ? nlohmann::ordered_json(node.parent) : nlohmann::ordered_json();
        entry["depth"] = node.depth;
        entry["size"] = node.pixels.size();
        // null: the region cannot be split at all (one pixel, or no two-sided partition).
        entry["ncut"] = std::isfinite(node.ncut) ? nlohmann::ordered_json(node.ncut) : nlohmann::ordered_json();
        entry["on_child"] = node.expanded() ? nlohmann::ordered_json(node.onChild) : nlohmann::ordered_json();
        entry["off_child"] = node.expanded() ? nlohmann::ordered_json(node.offChild) : nlohmann::ordered_json();
        entry["leaf_at_tau"] = bool(leafSet.count(id));
        nodes.push_back(entry);
    }
    dump["nodes"] = nodes;
    const std::string text = dump.dump(2) + "\n";
    if (options.out.empty())
        std::cout << text;
    else
        writeTextFileAtomically(options.out, text);
}

std::string megabytes(std::uintmax_t bytes) { return std::to_string((bytes + 500'000) / 1'000'000) + " MB"; }

std::string familyName(ModelFamily family) {
    return family == ModelFamily::StableDiffusionXL ? "SDXL family" : "SD 1.x";
}

void runModelList(const std::vector<std::string> &folders) {
    const std::vector<fs::path> extra(folders.begin(), folders.end());
    std::vector<std::string> unusable;
    const std::vector<ModelInfo> models = discoverModels(extra, &unusable);
    for (const ModelInfo &model : models) {
        std::cout << model.id << "  " << familyName(model.family) << ", " << model.resolution << " px, "
                  << megabytes(model.bytes()) << (model.complete() ? "" : ", INCOMPLETE") << "\n    " << model.folder.string()
                  << "\n";
        for (const ModelComponent &component : model.components)
            for (const std::string &missing : component.missing)
                std::cout << "    missing: " << missing << "\n";
    }
    for (const std::string &reason : unusable)
        std::cout << "unusable: " << reason << "\n";
    if (listOpenClipModels(folders) == 0 && models.empty())
        std::cout << "no models found in the Hugging Face cache (" << huggingFaceHubCache().string() << ")"
                  << (folders.empty() ? "" : " or the given folders") << "\n";
}

std::string gigabytes(std::uint64_t bytes) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f GB", double(bytes) / 1e9);
    return text;
}

// Progress on stderr (stdout keeps the snapshot path): one rewritten line on a terminal, a line
// per finished file otherwise.
void printPullProgress(const PullProgress &progress) {
    const bool fileDone = progress.fileBytes == progress.fileSize;
    const bool terminal = isatty(STDERR_FILENO);
    if (!terminal && !fileDone)
        return;
    char eta[32] = "";
    if (progress.secondsLeft >= 0)
        std::snprintf(eta, sizeof eta, "  ETA %d:%02d", int(progress.secondsLeft) / 60, int(progress.secondsLeft) % 60);
    const int percent = progress.totalBytes ? int(100 * progress.bytes / progress.totalBytes) : 100;
    std::fprintf(stderr, "%s[%zu/%zu] %s  %s/%s  %d%%  %.1f MB/s%s%s", terminal ? "\r\033[K" : "", progress.fileIndex,
                 progress.fileCount, progress.file.c_str(), gigabytes(progress.bytes).c_str(),
                 gigabytes(progress.totalBytes).c_str(), percent, progress.bytesPerSecond / 1e6, eta,
                 fileDone ? "\n" : "");
}

struct PullCommand {
    std::string repoId, revision = "main";
};

void runModelPull(const PullCommand &command) {
    PullOptions options = pullOptionsFromEnvironment(command.repoId);
    options.revision = command.revision;
    const fs::path snapshot = pullModel(options, printPullProgress);
    if (isOpenClipFolder(snapshot)) {
        describeOpenClipModel(snapshot);
        std::cout << snapshot.string() << "\n";
        return;
    }
    const ModelInfo info = inspectModel(snapshot);
    std::cerr << info.id << ": " << familyName(info.family) << ", " << info.resolution << " px, "
              << megabytes(info.bytes()) << (info.complete() ? "" : ", INCOMPLETE") << "\n";
    std::cout << snapshot.string() << "\n";
}

// Structural check of every weight file (the full safetensors validation); returns problems found.
int runModelCheck(const std::string &model) {
    const fs::path folder = resolveModel(model);
    if (isOpenClipFolder(folder))
        return checkOpenClipFolder(folder);
    if (fs::is_directory(folder) && !fs::exists(folder / "model_index.json"))
        throw Error(folder.string() + ": neither a diffusers model folder (no model_index.json) nor an OpenCLIP model "
                                      "folder (no open_clip_config.json)");
    const ModelInfo info = inspectModel(folder);
    std::cout << info.id << ": " << info.pipelineClass << ", " << familyName(info.family) << ", " << info.resolution
              << " px\n";
    int problems = 0;
    for (const ModelComponent &component : info.components) {
        for (const std::string &missing : component.missing) {
            std::cout << "  missing: " << missing << "\n";
            ++problems;
        }
        std::error_code error;
        for (const auto &entry : fs::directory_iterator(info.folder / component.name, error)) {
            if (entry.path().extension() != ".safetensors")
                continue;
            try {
                const SafetensorsFile file = SafetensorsFile::open(entry.path());
                std::cout << "  ok: " << component.name << "/" << entry.path().filename().string() << " ("
                          << file.tensors().size() << " tensors)\n";
            } catch (const Error &e) {
                std::cout << "  BAD: " << e.what() << "\n";
                ++problems;
            }
        }
    }
    if (problems == 0) // structure is sound: now every tensor against the modules the configs describe
        problems += reportTensorProblems([&] { return checkModelWeights(info); },
                                         "every tensor the encoder needs has the name, shape and dtype its config implies");
    std::cout << (problems ? std::to_string(problems) + " problem(s)" : std::string("model is complete")) << "\n";
    return problems;
}

void addFeatureOptions(CLI::App &command, FeatureOptions &options) {
    command.add_option("--features", options.features,
                       "Feature map to segment: .npy, float32 or float16, shape (C, h, w), C order. "
                       "Without it the encoder runs on the image.");
    addEncoderOptions(command, options.encoder);
}


} // namespace

int main(int argc, char **argv) {
    useBlasOnCallingThreads(); // before anything calls BLAS (common/blas_threads.h)
    // One job per process: its buffers are first touched once, in huge pages (common/huge_pages.h).
    reserveHugePageHeap(std::size_t(256) << 20);
    mapLargeImagesInHugePages(); // a huge image's maps: beyond that heap
    CLI::App app{"DiffCut Studio command line: zero-shot image segmentation by recursive Normalized Cut on "
                 "diffusion features.\n\nExit codes: 0 success, 1 the work failed, 2 invalid command line."};
    // The second line loads the diffusion library (LibTorch), so only when asked for.
    app.set_version_flag("--version",
                         [] { return std::string("diffcut ") + DIFFCUT_VERSION + "\n" + encoderDeviceDescription(); });
    app.require_subcommand(1);

    SegmentOptions segment;
    CLI::App *segmentCommand = app.add_subcommand(
        "segment", "Segment an image; writes OUT/labels.png (palette PNG, value = segment index), "
                   "OUT/overlay.png and OUT/summary.json");
    segmentCommand->add_option("IMAGE", segment.image, "Image to segment")->required();
    segmentCommand->add_option("--out", segment.out, "Output directory (created if missing)")->required();
    addFeatureOptions(*segmentCommand, segment.features);
    addGranularityOptions(*segmentCommand, segment.granularity);
    segmentCommand->add_flag("--refine", segment.refine, "Refine boundaries with PAMR and a 3x3 median filter");
    addNamingOptions(*segmentCommand, segment.naming);

    TreeOptions tree;
    CLI::App *treeCommand = app.add_subcommand(
        "tree", "Dump the partition tree (regions' sizes, NCut values, depth) as JSON, expanded as far as --tau needs");
    treeCommand->add_option("IMAGE", tree.image, "Image to encode (not needed with --features)");
    treeCommand->add_option("--out", tree.out, "JSON file to write (default: standard output)");
    addFeatureOptions(*treeCommand, tree.features);
    addGranularityOptions(*treeCommand, tree.granularity);

    CLI::App *modelCommand = app.add_subcommand("model", "Models (diffusion pipelines, OpenCLIP for naming segments): list what is installed, check or download a model");
    modelCommand->require_subcommand(1);
    std::vector<std::string> modelFolders;
    CLI::App *modelList = modelCommand->add_subcommand(
        "list", "Models in the Hugging Face cache and in the given folders: family, resolution, size, missing files; "
                "OpenCLIP models with their timm architecture");
    modelList->add_option("FOLDER", modelFolders, "Extra folders holding model folders");
    std::string checkedModel;
    CLI::App *modelCheck =
        modelCommand->add_subcommand("check", "Validate a model folder (diffusers or OpenCLIP): components, configs, tokenizer and every weight file");
    modelCheck->add_option("MODEL", checkedModel, "Model folder or Hugging Face repo id")->required();

    EncodeOptions encode;
    CLI::App *encodeCommand = addEncodeCommand(app, encode);
    BatchOptions batch;
    CLI::App *batchCommand = addBatchCommand(app, batch);
    MergeCocoOptions mergeCoco;
    CLI::App *mergeCocoCommand = addMergeCocoCommand(app, mergeCoco);
    EvalOptions eval;
    CLI::App *evalCommand = addEvalCommand(app, eval);
    ClassifyOptions classify;
    CLI::App *classifyCommand = addClassifyCommand(app, classify);

    PullCommand pull;
    CLI::App *modelPull = modelCommand->add_subcommand(
        "pull", "Download the files DiffCut needs of a Hugging Face diffusers model or OpenCLIP model (open_clip_config.json, "
                "open_clip_model.safetensors, vocab.json, merges.txt) into the Hugging Face cache "
                "(resumable; honours HF_ENDPOINT and HF_TOKEN); prints the snapshot folder");
    modelPull->add_option("REPO_ID", pull.repoId, "e.g. segmind/SSD-1B")->required();
    modelPull->add_option("--revision", pull.revision, "Branch, tag or commit")->capture_default_str();

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp &e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp &e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion &e) {
        return app.exit(e);
    } catch (const CLI::ParseError &e) {
        std::cerr << "diffcut: " << e.what() << " (see diffcut --help)\n";
        return kExitUsage;
    }

    try {
        if (*segmentCommand)
            runSegment(segment);
        else if (*treeCommand)
            runTree(tree);
        else if (*encodeCommand)
            return runEncode(encode);
        else if (*batchCommand)
            return runBatch(batch);
        else if (*mergeCocoCommand)
            runMergeCoco(mergeCoco);
        else if (*evalCommand)
            runEval(eval);
        else if (*classifyCommand)
            runClassify(classify);
        else if (*modelList)
            runModelList(modelFolders);
        else if (*modelPull)
            runModelPull(pull);
        else if (*modelCheck)
            return runModelCheck(checkedModel) ? kExitFailure : 0;
        return 0;
    } catch (const std::bad_alloc &) {
        std::cerr << "diffcut: out of memory\n";
    } catch (const std::exception &e) {
        std::cerr << "diffcut: " << e.what() << "\n";
    }
    return kExitFailure;
}
