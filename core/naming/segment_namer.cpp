#include "naming/segment_namer.h"

#include "common/cache_layout.h"
#include "common/error.h"
#include "features/encoder_factory.h"
#include "features/feature_cache.h"
#include "naming/class_names.h"

#include <algorithm>

namespace diffcut {

std::filesystem::path defaultClipCacheFolder() { return CacheLayout().clipFeatures(); }

FeatureMap clipImageOf(const cv::Mat3b &rgb) {
    FeatureMap image(3, rgb.rows, rgb.cols);
    for (int y = 0; y < rgb.rows; ++y)
        for (int x = 0; x < rgb.cols; ++x)
            for (int c = 0; c < 3; ++c)
                image.at(c, y, x) = float(rgb(y, x)[c]) / 255.0f; // a division, as torchvision's read_image / 255.
    return image;
}

std::unique_ptr<ClipModel> createClipModel(const ClipModelSettings &settings) {
    auto *create = reinterpret_cast<CreateClipModelFn *>(diffusionLibrarySymbol(kCreateClipModelSymbol));
    return std::unique_ptr<ClipModel>(create(settings));
}

std::vector<std::string> checkOpenClipWeights(const OpenClipModelInfo &model) {
    auto *check = reinterpret_cast<CheckOpenClipWeightsFn *>(diffusionLibrarySymbol(kCheckOpenClipWeightsSymbol));
    std::vector<std::string> problems;
    check(model, problems);
    return problems;
}

namespace {

void checkClipSize(int size) {
    if (size < 32 || size % 32 != 0 || size > 4096)
        throw Error("CLIP size " + std::to_string(size) + ": must be a multiple of 32 from 32 to 4096");
}

} // namespace

SegmentNamer::SegmentNamer(const NamerSettings &settings)
    : tokenizer_(ClipTokenizer::fromFolder(resolveOpenClipModel(settings.model.model).folder)), settings_(settings) {
    // The folder and tokenizer are checked first: no LibTorch is loaded for a wrong folder.
    checkClipSize(settings_.clipSize);
    model_ = createClipModel(settings.model);
}

SegmentNamer::SegmentNamer(std::unique_ptr<ClipModel> model, ClipTokenizer tokenizer, NamerSettings settings)
    : model_(std::move(model)), tokenizer_(std::move(tokenizer)), settings_(std::move(settings)) {
    checkClipSize(settings_.clipSize);
}

std::string SegmentNamer::cacheKey() const {
    return "openclip:" + model_->info().fingerprint() + "/s" + std::to_string(settings_.clipSize) +
           (settings_.normalize ? "/mean-std" : "/unit-range");
}

FeatureMap SegmentNamer::denseFeatures(const cv::Mat3b &rgb, const WorkControl &control) const {
    const FeatureCache cache(settings_.cacheFolder.empty() ? defaultClipCacheFolder() : settings_.cacheFolder);
    const int grid = settings_.clipSize / 32;
    if (settings_.useCache)
        if (std::optional<FeatureMap> cached = cache.load(rgb, cacheKey()); cached && cached->height == grid && cached->width == grid) {
            control.report(1.0, "CLIP feature cache");
            return std::move(*cached);
        }
    FeatureMap features = denseFeatures(clipImageOf(rgb), control);
    if (settings_.useCache)
        cache.store(rgb, cacheKey(), features);
    return features;
}

FeatureMap SegmentNamer::denseFeatures(const FeatureMap &image, const WorkControl &control) const {
    if (image.channels != 3 || image.height < 1 || image.width < 1)
        throw Error("the CLIP input must be a (3, H, W) RGB map");
    return model_->denseFeatures(image, settings_.clipSize, settings_.normalize, control);
}

TextClassifier SegmentNamer::buildClassifier(const std::vector<std::string> &classes, const WorkControl &control) const {
    checkClassNames(classes, "class names");
    std::vector<std::string> names, synonyms;
    std::vector<int> classOfRow;
    for (std::size_t c = 0; c < classes.size(); ++c) {
        const std::vector<std::string> split = splitSynonyms(classes[c]);
        names.push_back(split.front());
        for (const std::string &synonym : split) {
            synonyms.push_back(synonym);
            classOfRow.push_back(int(c));
        }
    }
    // Only synonyms not seen before go through the text tower.
    std::vector<std::string> missing;
    {
        std::lock_guard lock(mutex_);
        for (const std::string &synonym : synonyms)
            if (!synonymRows_.count(synonym) && std::find(missing.begin(), missing.end(), synonym) == missing.end())
                missing.push_back(synonym);
    }
    if (!missing.empty()) {
        const std::int64_t context = model_->contextLength();
        std::vector<std::int64_t> ids;
        for (const std::string &synonym : missing)
            for (const char *promptTemplate : kPromptTemplates) {
                const std::vector<std::int64_t> prompt = tokenizer_.tokenize(promptOf(promptTemplate, synonym), std::size_t(context));
                ids.insert(ids.end(), prompt.begin(), prompt.end());
            }
        const std::int64_t count = std::int64_t(ids.size()) / context;
        const TextClassifier fresh = assembleClassifier(model_->encodeText(ids, count, control), missing,
                                                        std::vector<int>(missing.size()), model_->logitScale());
        std::lock_guard lock(mutex_);
        for (std::size_t i = 0; i < missing.size(); ++i)
            synonymRows_[missing[i]].assign(fresh.rows.row(Eigen::Index(i)).data(),
                                            fresh.rows.row(Eigen::Index(i)).data() + fresh.rows.cols());
    }
    TextClassifier classifier;
    classifier.classNames = std::move(names);
    classifier.classOfRow = std::move(classOfRow);
    classifier.logitScale = model_->logitScale();
    std::lock_guard lock(mutex_);
    const Eigen::Index width = Eigen::Index(synonymRows_.at(synonyms.front()).size());
    classifier.rows.resize(Eigen::Index(synonyms.size()), width);
    for (std::size_t r = 0; r < synonyms.size(); ++r)
        classifier.rows.row(Eigen::Index(r)) = Eigen::Map<const Eigen::RowVectorXf>(synonymRows_.at(synonyms[r]).data(), width);
    return classifier;
}

std::vector<SegmentScores> SegmentNamer::classify(const FeatureMap &dense, const LabelMap &labels,
                                                  const TextClassifier &classifier) const {
    const PooledSegments pooled = poolSegments(dense, labels);
    const Eigen::Index segments = pooled.pooled.rows(), channels = pooled.pooled.cols();
    // The heads are a function of the pooled vector alone: segments a new cut keeps need no GEMM.
    const auto keyOf = [&](Eigen::Index s) {
        return std::string(reinterpret_cast<const char *>(pooled.pooled.row(s).data()), std::size_t(channels) * sizeof(float));
    };
    std::vector<Eigen::Index> fresh;
    {
        std::lock_guard lock(mutex_);
        for (Eigen::Index s = 0; s < segments; ++s)
            if (!embeddings_.count(keyOf(s)))
                fresh.push_back(s);
    }
    if (!fresh.empty()) {
        RowMatrixXf input(Eigen::Index(fresh.size()), channels);
        for (std::size_t i = 0; i < fresh.size(); ++i)
            input.row(Eigen::Index(i)) = pooled.pooled.row(fresh[i]);
        const RowMatrixXf output = model_->embedPooled(input);
        std::lock_guard lock(mutex_);
        if (embeddings_.size() + fresh.size() > kMaxCachedEmbeddings)
            embeddings_.clear();
        for (std::size_t i = 0; i < fresh.size(); ++i)
            embeddings_[keyOf(fresh[i])].assign(output.row(Eigen::Index(i)).data(),
                                                 output.row(Eigen::Index(i)).data() + output.cols());
    }
    RowMatrixXf embeddings;
    {
        std::lock_guard lock(mutex_);
        const Eigen::Index width = Eigen::Index(embeddings_.at(keyOf(0)).size());
        embeddings.resize(segments, width);
        for (Eigen::Index s = 0; s < segments; ++s)
            embeddings.row(s) = Eigen::Map<const Eigen::RowVectorXf>(embeddings_.at(keyOf(s)).data(), width);
    }
    return scoreSegments(pooled.labels, normalizedRows(embeddings, 1e-12f), classifier);
}

} // namespace diffcut
