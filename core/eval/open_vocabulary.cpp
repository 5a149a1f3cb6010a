#include "eval/open_vocabulary.h"

#include "common/error.h"
#include "eval/miou.h"

#include <cmath>
#include <limits>
#include <numeric>

namespace diffcut {

ClassMapIouAccumulator::ClassMapIouAccumulator(int numClasses, int ignoreLabel)
    : numClasses_(numClasses), ignoreLabel_(ignoreLabel), truePositives_(std::size_t(numClasses)),
      falsePositives_(std::size_t(numClasses)), falseNegatives_(std::size_t(numClasses)) {
    if (numClasses < 1)
        throw Error("evaluation: at least one class is needed");
}

void ClassMapIouAccumulator::addImage(const LabelMap &groundTruth, const LabelMap &prediction) {
    if (groundTruth.size() != prediction.size())
        throw Error("prediction and ground truth differ in size");
    const std::size_t classes = static_cast<std::size_t>(numClasses_);
    std::vector<std::int64_t> tp(classes), predicted(classes), actual(classes);
    std::int64_t scored = 0;
    for (int y = 0; y < groundTruth.rows; ++y)
        for (int x = 0; x < groundTruth.cols; ++x) {
            const int truth = groundTruth(y, x), guess = prediction(y, x);
            if (guess < 0 || guess >= numClasses_)
                throw Error("predicted class " + std::to_string(guess) + " at (" + std::to_string(x) + ", " + std::to_string(y) +
                            ") is outside 0.." + std::to_string(numClasses_ - 1));
            if (truth == ignoreLabel_ || truth < 0 || truth >= numClasses_)
                continue;
            ++scored;
            ++predicted[std::size_t(guess)];
            ++actual[std::size_t(truth)];
            tp[std::size_t(truth)] += truth == guess;
        }
    if (scored == 0)
        return; // torchmetrics would give NaN: the image does not count
    double sum = 0;
    int present = 0;
    for (int c = 0; c < numClasses_; ++c) {
        const std::size_t i = std::size_t(c);
        const std::int64_t unionPixels = predicted[i] + actual[i] - tp[i];
        if (unionPixels > 0) {
            sum += double(tp[i]) / double(unionPixels);
            ++present;
        }
        truePositives_[i] += tp[i];
        falsePositives_[i] += predicted[i] - tp[i];
        falseNegatives_[i] += actual[i] - tp[i];
        correctPixels_ += tp[i];
    }
    imageIous_.push_back(sum / present);
    scoredPixels_ += scored;
}

std::vector<double> ClassMapIouAccumulator::perClassIou() const {
    return iouPerClass(truePositives_, falsePositives_, falseNegatives_);
}

double ClassMapIouAccumulator::meanIou() const { return meanOfDefined(perClassIou()); }

double ClassMapIouAccumulator::meanImageIou() const {
    return imageIous_.empty() ? std::numeric_limits<double>::quiet_NaN()
                              : std::accumulate(imageIous_.begin(), imageIous_.end(), 0.0) / double(imageIous_.size());
}

double ClassMapIouAccumulator::pixelAccuracy() const {
    return scoredPixels_ ? double(correctPixels_) / double(scoredPixels_) : std::numeric_limits<double>::quiet_NaN();
}

} // namespace diffcut
