#include "naming_options.h"

#include "common/cache_layout.h"
#include "common/file_hash.h"
#include "naming/class_names.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace diffcut {

void addNamingOptions(CLI::App &command, NamingOptions &options) {
    CLI::Option *clip = command.add_option(
        "--clip", options.clip,
        "Name the segments with this OpenCLIP model (folder or Hugging Face repo id), as `diffcut classify` does: "
        "each unlabelled segment gets its most probable class of --classes-file");
    CLI::Option *classes = command.add_option(
        "--classes-file", options.classesFile,
        "Classes for --clip, one per line, synonyms separated by commas (a labelme --labels file works as it is)");
    clip->needs(classes);
    classes->needs(clip);
    command.add_option("--min-score", options.minScore,
                       "Segments whose best class has a lower probability stay unlabelled (0 to 1)")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    addClipSizeOption(command, options.clipSize);
}

void addClipSizeOption(CLI::App &command, int &clipSize) {
    command.add_option("--clip-size", clipSize,
                       "Square side the image tower sees (bilinear, no antialiasing): 1024 as the official VOC "
                       "evaluation, 2048 its COCO-Object setting; a multiple of 32")
        ->check(CLI::Range(32, 4096))
        ->check(CLI::Validator([](const std::string &value) {
            return std::stoi(value) % 32 == 0 ? std::string() : std::string("must be a multiple of 32");
        }, "MULTIPLE OF 32"))
        ->capture_default_str();
}

SegmentNaming loadSegmentNaming(const NamingOptions &options, const EncoderOptions &encoder) {
    SegmentNaming naming;
    if (options.clip.empty())
        return naming;
    const std::vector<std::string> classes = readClassFile(options.classesFile);
    NamerSettings settings;
    settings.model = {options.clip, encoder.settings.device};
    settings.clipSize = options.clipSize;
    settings.useCache = !encoder.noCache;
    settings.cacheFolder = CacheLayout(encoder.settings.cacheRoot).clipFeatures();
    naming.namer = std::make_unique<SegmentNamer>(settings);
    std::cerr << "diffcut: note: naming segments with the " << naming.namer->description() << "\n";
    naming.classifier = naming.namer->buildClassifier(classes);
    naming.minScore = options.minScore;
    return naming;
}

std::string describeNaming(const NamingOptions &options) {
    if (options.clip.empty())
        return {};
    return nlohmann::json{options.clip, fileContentHash(options.classesFile), options.minScore, options.clipSize}.dump();
}

std::vector<SegmentScores> nameAnnotation(const SegmentNaming &naming, const cv::Mat3b &rgb, Annotation &annotation,
                                          const ClassList &list, const std::vector<ClassId> &classIds) {
    const FeatureMap dense = naming.namer->denseFeatures(rgb);
    std::vector<SegmentScores> scores = naming.namer->classify(dense, annotation.segments, naming.classifier);
    applySegmentNames(annotation, list, classIds, scores, naming.minScore);
    return scores;
}

} // namespace diffcut
