#include "eval/dataset.h"

#include "common/error.h"
#include "export/label_png.h"
#include "features/npy.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <optional>

namespace diffcut {

namespace fs = std::filesystem;

namespace {

std::string lowercaseExtension(const fs::path &path) {
    std::string extension = path.extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return extension;
}

bool isLabelFile(const fs::path &path) {
    const std::string extension = lowercaseExtension(path);
    return extension == ".png" || extension == ".npy";
}

// What `diffcut segment --out` writes its labels to.
bool isSegmentLabels(const fs::path &path) { return path.stem() == "labels"; }

// Every label file under `folder`, by the name it is paired by.
std::map<std::string, fs::path> labelFilesByName(const fs::path &folder) {
    std::error_code error;
    if (!fs::is_directory(folder, error))
        throw Error(folder.string() + ": not a folder");
    std::map<fs::path, std::vector<fs::path>> filesByFolder;
    for (fs::recursive_directory_iterator entry(folder, error), end; !error && entry != end; entry.increment(error)) {
        std::error_code ignored; // an entry that vanished or a dangling link is simply not a file
        if (entry->is_regular_file(ignored) && isLabelFile(entry->path()))
            filesByFolder[entry->path().parent_path()].push_back(entry->path());
    }
    if (error)
        throw Error(folder.string() + ": cannot read the folder (" + error.message() + ")");

    std::map<std::string, fs::path> byName;
    for (const auto &[parent, files] : filesByFolder) {
        const bool segmentOutput = std::any_of(files.begin(), files.end(), isSegmentLabels);
        for (const fs::path &file : files) {
            if (segmentOutput && !isSegmentLabels(file))
                continue;
            // weakly_canonical: "out/." or "." must still yield the folder's own name.
            std::error_code unresolved;
            const std::string name = segmentOutput ? fs::weakly_canonical(parent, unresolved).filename().string()
                                                   : file.stem().string();
            const auto [existing, inserted] = byName.emplace(name, file);
            if (!inserted)
                throw Error(folder.string() + ": two files are named '" + name + "' (" + existing->second.string() +
                            " and " + file.string() + "), so which one to pair is unclear");
        }
    }
    return byName;
}

std::string sizeText(cv::Size size) { return std::to_string(size.width) + "x" + std::to_string(size.height); }

// The official code scores at the prediction's size; a ground truth of another shape cannot be
// brought there without guessing how the prediction was cropped.
LabelMap groundTruthAtPredictionSize(const LabelMap &groundTruth, cv::Size predictionSize, const LabelFilePair &pair) {
    const cv::Size truthSize = groundTruth.size();
    // Same aspect ratio up to rounding: the smaller image is the larger one scaled, with one side
    // rounded to a whole pixel. |Ws·Hl − Hs·Wl| < max(Wl, Hl) says that side is off by less than 1.
    const cv::Size larger = truthSize.area() > predictionSize.area() ? truthSize : predictionSize;
    const std::int64_t shapeMismatch = std::abs(std::int64_t(predictionSize.width) * truthSize.height -
                                                std::int64_t(truthSize.width) * predictionSize.height);
    const bool sameShape = truthSize.area() > 0 && predictionSize.area() > 0 &&
                           shapeMismatch < std::max(larger.width, larger.height);
    if (!sameShape)
        throw Error(pair.prediction.string() + ": the prediction is " + sizeText(predictionSize) +
                    " but its ground truth " + pair.groundTruth.string() + " is " + sizeText(truthSize) +
                    ", another shape");
    return resizeLabelsNearest(groundTruth, predictionSize);
}

// Largest ground-truth label that can be a class (not the ignore label, not negative), -1 if
// none. Throws Error naming the file of a label beyond the classes the evaluation can score.
int largestClassLabel(const std::vector<LabelFilePair> &pairs, int ignoreLabel) {
    int largest = -1;
    for (const LabelFilePair &pair : pairs)
        for (int value : readLabelFile(pair.groundTruth))
            if (value != ignoreLabel && value > largest) {
                largest = value;
                if (largest >= MatchedIouAccumulator::kMaxClasses)
                    throw Error(pair.groundTruth.string() + ": ground-truth label " + std::to_string(largest) +
                                " is beyond the " + std::to_string(MatchedIouAccumulator::kMaxClasses) +
                                " classes the evaluation scores; give --classes (larger labels are then not "
                                "scored) or --ignore");
            }
    return largest;
}

} // namespace

LabelFilePairing pairLabelFiles(const fs::path &predictionFolder, const fs::path &groundTruthFolder) {
    const std::map<std::string, fs::path> predictions = labelFilesByName(predictionFolder);
    std::map<std::string, fs::path> groundTruth = labelFilesByName(groundTruthFolder);
    LabelFilePairing pairing;
    for (const auto &[name, prediction] : predictions) {
        const auto truth = groundTruth.find(name);
        if (truth == groundTruth.end()) {
            pairing.unpairedPredictions.push_back(prediction);
            continue;
        }
        pairing.pairs.push_back({name, prediction, truth->second});
        groundTruth.erase(truth);
    }
    for (const auto &[name, truth] : groundTruth)
        pairing.unpairedGroundTruth.push_back(truth);
    return pairing;
}

LabelMap readLabelFile(const fs::path &path) {
    return lowercaseExtension(path) == ".npy" ? readLabelsNpy(path) : readLabelPng(path);
}

LabelMap resizeLabelsNearest(const LabelMap &labels, cv::Size size) {
    if (labels.size() == size)
        return labels.clone();
    // torch computes the scale and the product in float; doing the same keeps the indices equal
    // where float rounding decides the floor.
    const auto sources = [](int input, int output) {
        const float scale = float(input) / float(output);
        std::vector<int> source(output);
        for (int i = 0; i < output; ++i)
            source[i] = std::min(int(std::floor(float(i) * scale)), input - 1);
        return source;
    };
    const std::vector<int> sourceRow = sources(labels.rows, size.height);
    const std::vector<int> sourceColumn = sources(labels.cols, size.width);
    LabelMap resized(size);
    for (int y = 0; y < size.height; ++y)
        for (int x = 0; x < size.width; ++x)
            resized(y, x) = labels(sourceRow[y], sourceColumn[x]);
    return resized;
}

DatasetEvaluation evaluateLabelFiles(const std::vector<LabelFilePair> &pairs,
                                     const DatasetEvaluationSettings &settings) {
    if (pairs.empty())
        throw Error("evaluation: no prediction has a ground truth to compare with");
    int numClasses = settings.numClasses;
    if (numClasses == 0) {
        const int largest = largestClassLabel(pairs, settings.ignoreLabel);
        if (largest < 0)
            throw Error("evaluation: the ground truth holds no label other than the ignore label " +
                        std::to_string(settings.ignoreLabel));
        numClasses = largest + 1;
    }
    std::optional<MatchedIouAccumulator> matched;
    std::optional<ClassMapIouAccumulator> direct;
    if (settings.openVocabulary)
        direct.emplace(numClasses, settings.ignoreLabel);
    else
        matched.emplace(numClasses, settings.ignoreLabel, settings.background);
    for (const LabelFilePair &pair : pairs) {
        const LabelMap prediction = readLabelFile(pair.prediction);
        LabelMap groundTruth = readLabelFile(pair.groundTruth);
        if (groundTruth.size() != prediction.size())
            groundTruth = groundTruthAtPredictionSize(groundTruth, prediction.size(), pair);
        try {
            direct ? direct->addImage(groundTruth, prediction) : matched->addImage(groundTruth, prediction);
        } catch (const Error &error) {
            throw Error(pair.prediction.string() + ": " + error.what());
        }
    }
    if ((direct ? direct->scoredPixels() : matched->scoredPixels()) == 0)
        throw Error("evaluation: no ground-truth pixel is scored: all are the ignore label or outside 0.." +
                    std::to_string(numClasses - 1));
    if (direct)
        return {numClasses, direct->perClassIou(), direct->meanIou(), direct->pixelAccuracy(), direct->meanImageIou(),
                int(pairs.size())};
    return {numClasses, matched->perClassIou(), matched->meanIou(), matched->pixelAccuracy(), 0, int(pairs.size())};
}

} // namespace diffcut
