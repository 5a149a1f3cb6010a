#include "classify_command.h"

#include "common/cache_layout.h"
#include "common/error.h"
#include "eval/dataset.h"
#include "export/atomic_file.h"
#include "export/label_png.h"
#include "features/npy.h"
#include "image/image.h"
#include "naming/class_names.h"
#include "naming/segment_namer.h"
#include "naming_options.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

namespace diffcut {
namespace {

std::string sizeText(int width, int height) { return std::to_string(width) + "x" + std::to_string(height); }

// --clip-input: the exact (3, H, W) float32 RGB tensor the image tower's resize starts from.
FeatureMap readClipInput(const std::string &path) {
    const NpyArray array = readNpy(path);
    if (array.dtype != "<f4" || array.shape.size() != 3 || array.shape[0] != 3)
        throw Error(path + ": expected a float32 (3, H, W) RGB tensor in [0, 1], found dtype '" + array.dtype + "' with " +
                    std::to_string(array.shape.size()) + " dimensions");
    return featuresFromNpy(array, path, kMaxImagePixels);
}

// The label map must cover the picture: the image's size exactly; for a preprocessed --clip-input
// (often resized) the same shape up to rounding.
void checkLabelSize(const LabelMap &labels, const ClassifyOptions &options, int width, int height) {
    const bool same = labels.cols == width && labels.rows == height;
    const bool sameShape = std::abs(std::int64_t(labels.cols) * height - std::int64_t(labels.rows) * width) <=
                           std::max<std::int64_t>(width, height);
    if (options.clipInput.empty() ? !same : !sameShape)
        throw Error(options.segments + ": the label map is " + sizeText(labels.cols, labels.rows) + ", the " +
                    (options.clipInput.empty() ? "image " + options.image : "CLIP input " + options.clipInput) + " is " +
                    sizeText(width, height));
}

nlohmann::ordered_json resultJson(const TextClassifier &classifier, const std::vector<SegmentScores> &scores) {
    nlohmann::ordered_json segments = nlohmann::ordered_json::array();
    for (const SegmentScores &score : scores)
        segments.push_back({{"label", score.label},
                            {"class", score.classIndex},
                            {"name", classifier.classNames[std::size_t(score.classIndex)]},
                            {"logits", score.logits},
                            {"probabilities", score.probabilities}});
    return {{"classes", classifier.classNames}, {"segments", segments}};
}

} // namespace

CLI::App *addClassifyCommand(CLI::App &app, ClassifyOptions &options) {
    CLI::App *command = app.add_subcommand(
        "classify", "Name the segments of a label map with an OpenCLIP ConvNeXt model, as DiffCut's open-vocabulary "
                    "evaluation does: dense CLIP features of the image (cached), pooled inside each segment, against "
                    "each class's synonyms in 14 prompt templates; writes the class, logits and probabilities of every "
                    "segment as JSON");
    CLI::Option *image = command->add_option("IMAGE", options.image, "Image whose segments to name");
    CLI::Option *clipInput = command->add_option(
        "--clip-input", options.clipInput,
        "Instead of IMAGE: the exact float32 (3, H, W) RGB tensor in [0, 1] (.npy) the image tower's resize starts "
        "from, to compare with the reference implementation (not cached)");
    clipInput->excludes(image);
    command->add_option("--segments", options.segments,
                        "Label map: .png (palette or greyscale) or .npy (int32/int64, (h, w)); pixel value = segment. "
                        "The image's size (any size with --clip-input)")
        ->required();
    command->add_option("--clip", options.clip,
                        "OpenCLIP model: a folder with open_clip_config.json, open_clip_model.safetensors, vocab.json "
                        "and merges.txt, or a Hugging Face repo id in the local cache "
                        "(laion/CLIP-convnext_large_d_320.laion2B-s29B-b131K-ft-soup)")
        ->required();
    CLI::Option *classesFile = command->add_option(
        "--classes-file", options.classesFile,
        "Classes, one per line, synonyms separated by commas (\"dog, puppy\"); empty lines and labelme's __ignore__ and "
        "_background_ are skipped, so a labelme --labels file works as it is");
    CLI::Option *classOption = command->add_option("--class", options.classes,
                                                   "A class (synonyms separated by commas); repeat for each class")
                                   ->allow_extra_args(false);
    classesFile->excludes(classOption);
    addClipSizeOption(*command, options.clipSize);
    command->add_flag("--normalize", options.normalize,
                      "Standardise the image with the model's preprocess_cfg mean and std; by default it reaches the "
                      "image tower in [0, 1], as in the official DiffCut code");
    command->add_option("--device", options.device, "auto, cpu or cuda")
        ->check(CLI::IsMember({"auto", "cpu", "cuda"}))
        ->capture_default_str();
    command->add_option("--cache", options.cache,
                        "Cache folder, as for the other commands; the CLIP features go to its clip-features/ (default "
                        "$XDG_CACHE_HOME/diffcut-studio, else ~/.cache/diffcut-studio)");
    command->add_flag("--no-cache", options.noCache, "Neither read nor write the CLIP feature cache");
    command->add_option("--out", options.out,
                        "JSON to write: {\"classes\": [first synonym of each class], \"segments\": [{\"label\", "
                        "\"class\", \"name\", \"logits\", \"probabilities\"}]}, segments by ascending label")
        ->required();
    command->add_option("--class-map", options.classMap,
                        "Also write the class of every pixel (the class index of its segment) as an 8-bit palette PNG "
                        "at the label map's size, for `diffcut eval --open-vocabulary`");
    command->final_callback([&options] {
        if (options.image.empty() == options.clipInput.empty())
            throw CLI::ValidationError("classify", "give either IMAGE or --clip-input");
        if (options.classesFile.empty() && options.classes.empty())
            throw CLI::ValidationError("classify", "give --classes-file or at least one --class");
    });
    return command;
}

void runClassify(const ClassifyOptions &options) {
    // Everything the user gave is read and checked before the model is loaded.
    const LabelMap labels = readLabelFile(options.segments);
    std::vector<std::string> classes = options.classes;
    if (options.classesFile.empty())
        checkClassNames(classes, "--class");
    else
        classes = readClassFile(options.classesFile);
    const cv::Mat3b rgb = options.image.empty() ? cv::Mat3b() : loadImageRgb(options.image);
    const FeatureMap clipInput = options.clipInput.empty() ? FeatureMap() : readClipInput(options.clipInput);
    checkLabelSize(labels, options, rgb.empty() ? clipInput.width : rgb.cols, rgb.empty() ? clipInput.height : rgb.rows);

    NamerSettings settings;
    settings.model = {options.clip, options.device};
    settings.clipSize = options.clipSize;
    settings.normalize = options.normalize;
    settings.useCache = !options.noCache;
    settings.cacheFolder = CacheLayout(options.cache).clipFeatures();
    const SegmentNamer namer(settings);
    std::cerr << "diffcut: note: using the " << namer.description() << "\n";
    const FeatureMap dense = rgb.empty() ? namer.denseFeatures(clipInput) : namer.denseFeatures(rgb);
    const TextClassifier classifier = namer.buildClassifier(classes);
    const std::vector<SegmentScores> scores = namer.classify(dense, labels, classifier);
    if (!options.classMap.empty()) {
        LabelMap classMap(labels.size());
        const auto byLabel = [](const SegmentScores &score, int label) { return score.label < label; };
        for (int y = 0; y < labels.rows; ++y)
            for (int x = 0; x < labels.cols; ++x) // scores are in ascending label order and cover every label
                classMap(y, x) = std::lower_bound(scores.begin(), scores.end(), labels(y, x), byLabel)->classIndex;
        writeLabelPng(options.classMap, classMap);
    }
    writeTextFileAtomically(options.out, resultJson(classifier, scores).dump(2) + "\n");
    std::cout << scores.size() << " segments named with " << classes.size() << " classes: " << options.out << "\n";
}

} // namespace diffcut
