#include "eval_command.h"

#include "common/error.h"
#include "eval/dataset.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace diffcut {

namespace fs = std::filesystem;

namespace {

// One line on stderr: how many files found no partner, and the first few of them.
void noteUnpaired(const std::vector<fs::path> &files, const std::string &singular, const std::string &plural) {
    if (files.empty())
        return;
    constexpr std::size_t kNamed = 3;
    std::cerr << "diffcut: note: " << files.size() << " " << (files.size() == 1 ? singular : plural) << ": ";
    for (std::size_t i = 0; i < std::min(files.size(), kNamed); ++i)
        std::cerr << (i ? ", " : "") << files[i].string();
    if (files.size() > kNamed)
        std::cerr << " and " << files.size() - kNamed << " more";
    std::cerr << "\n";
}

nlohmann::ordered_json numberOrNull(double value) {
    return std::isnan(value) ? nlohmann::ordered_json() : nlohmann::ordered_json(value);
}

void printJson(const DatasetEvaluation &result, bool openVocabulary) {
    nlohmann::ordered_json perClass = nlohmann::ordered_json::array();
    for (double iou : result.perClassIou)
        perClass.push_back(numberOrNull(iou));
    nlohmann::ordered_json json;
    json["miou"] = numberOrNull(result.meanIou);
    if (openVocabulary)
        json["miou_per_image"] = numberOrNull(result.meanImageIou);
    json["pixel_accuracy"] = numberOrNull(result.pixelAccuracy);
    json["per_class"] = perClass;
    json["images"] = result.images;
    std::cout << json.dump(2) << "\n";
}

void printTable(const DatasetEvaluation &result, bool backgroundIsZero, bool openVocabulary) {
    int scoredClasses = 0;
    std::printf("class  IoU\n");
    for (int c = 0; c < int(result.perClassIou.size()); ++c) {
        const double iou = result.perClassIou[c];
        const char *note = backgroundIsZero && c == 0 ? "  background" : "";
        if (std::isnan(iou)) {
            std::printf("%5d  -       never in the ground truth nor %s%s\n", c, openVocabulary ? "predicted" : "matched", note);
        } else {
            std::printf("%5d  %.4f%s\n", c, iou, note);
            ++scoredClasses;
        }
    }
    std::printf("mIoU            %.4f  (mean over %d classes)\n", result.meanIou, scoredClasses);
    if (openVocabulary)
        std::printf("mIoU per image  %.4f  (the official open-vocabulary figure: each image's mean IoU, averaged)\n",
                    result.meanImageIou);
    std::printf("pixel accuracy  %.4f\n", result.pixelAccuracy);
    std::printf("images          %d\n", result.images);
}

} // namespace

CLI::App *addEvalCommand(CLI::App &app, EvalOptions &options) {
    CLI::App *command = app.add_subcommand(
        "eval", "Score predicted label maps against ground truth as the DiffCut paper does: per image, segments are "
                "matched one-to-one to classes (Hungarian, maximum overlap); TP/FP/FN are summed over the images. "
                "Prints the IoU per class, mIoU and pixel accuracy (--open-vocabulary: class maps, no matching). Files are paired by name without extension, "
                "at any depth (.png: palette or greyscale, pixel value = label; .npy: int32/int64, shape (h, w)); "
                "OUT/labels.png of `diffcut segment --out OUT` goes by the name of OUT. A ground truth of another "
                "size is resized to its prediction's size (nearest), as the official evaluation does.");
    command->add_option("--pred", options.predictions, "Folder of predicted label maps")->required();
    command->add_option("--gt", options.groundTruth, "Folder of ground-truth label maps (e.g. VOC SegmentationClass)")
        ->required();
    command
        ->add_option("--classes", options.numClasses,
                     "Number of classes, background included: VOC 21, Pascal Context 60, COCO-Object 81, COCO-Stuff "
                     "27, Cityscapes 27, ADE20K 150 (default: the largest ground-truth label + 1)")
        ->check(CLI::Range(1, MatchedIouAccumulator::kMaxClasses));
    command
        ->add_option("--ignore", options.ignoreLabel,
                     "Ground-truth label that is not scored (void); negative labels are void too")
        ->capture_default_str();
    command->add_flag(
        "--background-many-to-one", options.backgroundManyToOne,
        "The official protocol for VOC, Pascal Context and COCO-Object: ground truth 0 is background, 1..N-1 "
        "the object classes. Per image the object classes are matched first (background and void not scored), "
        "then every other predicted segment is merged into one background segment, then all classes are "
        "matched. As in the official code, void pixels (--ignore, negative) are then scored as background.");
    command
        ->add_flag("--open-vocabulary", options.openVocabulary,
                   "The open-vocabulary protocol of eval_diffcut_openvoc.py: predictions are class maps (a class index "
                   "per pixel, e.g. `diffcut classify --class-map`), compared with the ground truth without matching. "
                   "Prints, beside the dataset-level IoU per class and mIoU, the official figure: per image the mean "
                   "IoU over the classes in its prediction or ground truth (torchmetrics' multiclass JaccardIndex), "
                   "averaged over the images. The official VOC labels are the VOC20 ones + 1 with void as background 0")
        ->excludes("--background-many-to-one");
    command->add_flag("--json", options.json,
                      "Print {\"miou\", \"pixel_accuracy\", \"per_class\" (IoU by label, null for a class never "
                      "seen), \"images\"} instead of the table (with --open-vocabulary also \"miou_per_image\")");
    return command;
}

void runEval(const EvalOptions &options) {
    const LabelFilePairing pairing = pairLabelFiles(options.predictions, options.groundTruth);
    if (pairing.pairs.empty())
        throw Error("no prediction in " + options.predictions + " has a ground truth of the same name in " +
                    options.groundTruth + " (" + std::to_string(pairing.unpairedPredictions.size()) +
                    " prediction files, " + std::to_string(pairing.unpairedGroundTruth.size()) +
                    " ground-truth files)");
    noteUnpaired(pairing.unpairedPredictions, "prediction has no ground truth", "predictions have no ground truth");
    noteUnpaired(pairing.unpairedGroundTruth, "ground-truth file has no prediction",
                 "ground-truth files have no prediction");

    const DatasetEvaluationSettings settings{
        options.numClasses, options.ignoreLabel,
        options.backgroundManyToOne ? BackgroundMatching::ManyToOne : BackgroundMatching::OneToOne, options.openVocabulary};
    const DatasetEvaluation result = evaluateLabelFiles(pairing.pairs, settings);
    if (options.numClasses == 0)
        std::cerr << "diffcut: note: --classes not given: " << result.numClasses
                  << " classes (the largest ground-truth label + 1)\n";
    if (options.json)
        printJson(result, options.openVocabulary);
    else
        printTable(result, options.backgroundManyToOne, options.openVocabulary);
}

} // namespace diffcut
