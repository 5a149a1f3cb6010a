// The OpenCLIP ConvNeXt model and DiffCut's open-vocabulary labelling against the official code
// (../shared/fixtures/openclip/convnext-tiny-a: open_clip 2.26.1 + timm 0.9.16 + DiffCut): every
// tensor of expected.safetensors within its README's tolerance (max|a − ref| ≤ 1e-4 max|ref|;
// integers exactly), the real convnext_large_d_320 built from its state_dict listing on the meta
// device, and model checks that name a missing, mis-shaped or foreign tensor.
#include "diffusion/torch/openclip_model.h"
#include "features/npy.h"
#include "naming/class_names.h"
#include "naming/segment_namer.h"
#include "test_support.h"
#include "torch_test_support.h"

#include <QTest>

#include <ATen/Parallel.h>

#include <cstring>
#include <fstream>
#include <map>

using namespace diffcut;
using diffcut::testing::expectClose;

namespace {

std::filesystem::path fixture() { return testing::fixturesDir() / "openclip/convnext-tiny-a"; }
std::filesystem::path goldenFile(const char *name) { return fixture() / "golden" / name; }

torch::Tensor expected(const std::string &name) {
    static const SafetensorsFile file = SafetensorsFile::open(goldenFile("expected.safetensors"));
    return readTensor(file, name);
}

torch::Tensor toTensor(const RowMatrixXf &matrix) {
    return torch::from_blob(const_cast<float *>(matrix.data()), {matrix.rows(), matrix.cols()}, torch::kFloat).clone();
}

std::vector<std::string> fixtureClasses() {
    std::ifstream in(goldenFile("text.json"));
    return nlohmann::json::parse(in)["classes"].get<std::vector<std::string>>();
}

// Every tap under its name (the same name twice is a mistake of the tower).
struct Taps {
    std::map<std::string, torch::Tensor> values;
    TensorTap tap() {
        return [this](const std::string &name, const torch::Tensor &value) {
            QVERIFY2(!values.count(name), name.c_str());
            values[name] = value.clone();
        };
    }
};

// The real model's config (shared/fixtures/openclip/README.md) and every tensor's shape.
std::pair<OpenClipConfig, TensorShapes> realModel(const std::filesystem::path &folder) {
    std::ofstream(folder / "open_clip_config.json") << R"({"model_cfg": {"embed_dim": 768,
        "vision_cfg": {"timm_model_name": "convnext_large", "timm_model_pretrained": false, "timm_pool": "",
                       "timm_proj": "mlp", "timm_drop": 0.0, "timm_drop_path": 0.1, "image_size": 320},
        "text_cfg": {"context_length": 77, "vocab_size": 49408, "width": 768, "heads": 12, "layers": 16}},
        "preprocess_cfg": {"mean": [0.48145466, 0.4578275, 0.40821073], "std": [0.26862954, 0.26130258, 0.27577711]}})";
    std::ifstream in(testing::fixturesDir() / "openclip/convnext_large_d_320.state_dict.json");
    TensorShapes shapes;
    const nlohmann::json listing = nlohmann::json::parse(in);
    for (const auto &[name, tensor] : listing["tensors"].items())
        shapes[name] = tensor["shape"].get<std::vector<std::int64_t>>();
    return {OpenClipConfig::fromFile(folder / "open_clip_config.json"), shapes};
}

void copyFixtureModel(const std::filesystem::path &to) {
    for (const char *file : {kOpenClipConfigFile, kOpenClipWeightsFile, kClipVocabFile, kClipMergesFile})
        std::filesystem::copy_file(fixture() / file, to / file);
}

} // namespace

class TestTorchOpenClip : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        if (!std::filesystem::exists(goldenFile("expected.safetensors"))) {
            if (std::getenv("CI"))
                QFAIL("OpenCLIP fixture not found under " DIFFCUT_FIXTURES_DIR);
            QSKIP("OpenCLIP fixture not found under " DIFFCUT_FIXTURES_DIR);
        }
        at::set_num_threads(1);
    }

    void architectureFromTheWeights() {
        const OpenClipModelInfo info = inspectOpenClipModel(fixture());
        QVERIFY(info.complete());
        const auto model = loadOpenClipModel(info, torch::kCPU);
        QCOMPARE(model->architecture().vision.depths, (std::vector<std::int64_t>{1, 1, 2, 1}));
        QCOMPARE(model->architecture().vision.dims, (std::vector<std::int64_t>{16, 32, 48, 64}));
        QCOMPARE(model->architecture().vision.headHidden, std::int64_t(64));
        QVERIFY(model->architecture().vision.layerScale);
        QCOMPARE(model->logitScale(), expected("logit_scale_clamped").item<float>());
        QCOMPARE(model->logitScale(), 100.0f);
    }

    void imageTowerEveryTensor() {
        const auto model = loadOpenClipModel(inspectOpenClipModel(fixture()), torch::kCPU);
        const torch::Tensor image = readTensor(SafetensorsFile::open(goldenFile("inputs.safetensors")), "image");
        Taps taps;
        torch::NoGradGuard noGrad;
        const torch::Tensor dense = model->visual().dense(image, taps.tap());
        expectClose(dense, expected("vision.clip_vis_dense"), "vision.clip_vis_dense");
        int compared = 0;
        const SafetensorsFile golden = SafetensorsFile::open(goldenFile("expected.safetensors"));
        for (const TensorInfo &tensor : golden.tensors()) {
            if (tensor.name.rfind("vision.", 0) != 0 || tensor.name == "vision.clip_vis_dense")
                continue;
            QVERIFY2(taps.values.count(tensor.name), ("not tapped: " + tensor.name).c_str());
            expectClose(taps.values[tensor.name], expected(tensor.name), tensor.name);
            ++compared;
        }
        QCOMPARE(compared, 14);
    }

    void textTowerEveryTensor() {
        const auto model = loadOpenClipModel(inspectOpenClipModel(fixture()), torch::kCPU);
        const torch::Tensor tokens = expected("text.tokens");
        Taps taps;
        torch::NoGradGuard noGrad;
        model->text().encode(tokens.index_select(0, expected("text.debug.prompt_index")), taps.tap());
        int compared = 0;
        const SafetensorsFile golden = SafetensorsFile::open(goldenFile("expected.safetensors"));
        for (const TensorInfo &tensor : golden.tensors()) {
            if (tensor.name.rfind("text.debug.", 0) != 0 || tensor.name == "text.debug.prompt_index")
                continue;
            expectClose(taps.values[tensor.name], expected(tensor.name), tensor.name);
            ++compared;
        }
        QCOMPARE(compared, 11);
        // The whole 77 positions and the prompts cut after their last end token give the same rows.
        expectClose(model->text().encode(tokens), expected("text.features"), "text.features (77 positions)");
        QCOMPARE(tokens.argmax(-1).equal(expected("text.eot_index")), true);
    }

    void textClassifierThroughTheLibrary() {
        const std::unique_ptr<ClipModel> model = createClipModel({fixture().string(), "cpu"});
        const ClipTokenizer tokenizer = ClipTokenizer::fromFolder(fixture());
        std::vector<std::int64_t> ids;
        std::vector<int> numTemplates;
        for (const std::string &line : fixtureClasses()) {
            numTemplates.push_back(int(splitSynonyms(line).size()));
            for (const std::string &synonym : splitSynonyms(line))
                for (const char *promptTemplate : kPromptTemplates) {
                    const auto prompt = tokenizer.tokenize(promptOf(promptTemplate, synonym));
                    ids.insert(ids.end(), prompt.begin(), prompt.end());
                }
        }
        QCOMPARE(torch::tensor(numTemplates, torch::kInt64).equal(expected("text.num_templates")), true);
        QCOMPARE(torch::from_blob(ids.data(), {98, 77}, torch::kInt64).equal(expected("text.tokens")), true);
        const RowMatrixXf features = model->encodeText(ids, 98);
        expectClose(toTensor(features), expected("text.features"), "text.features");
        const RowMatrixXf normalized = normalizedRows(features, 0);
        expectClose(toTensor(normalized), expected("text.features_normalized"), "text.features_normalized");
        expectClose(toTensor(groupMeans(normalized, 14)), expected("text.template_mean"), "text.template_mean");

        SegmentNamer namer(createClipModel({fixture().string(), "cpu"}), tokenizer, {});
        const TextClassifier classifier = namer.buildClassifier(fixtureClasses());
        expectClose(toTensor(classifier.rows), expected("text.classifier"), "text.classifier");
        QCOMPARE(classifier.classNames, (std::vector<std::string>{"cat", "dog", "bus", "sky", "traffic light", "person"}));
        QCOMPARE(classifier.classOfRow, (std::vector<int>{0, 1, 1, 2, 3, 4, 5}));
        QCOMPARE(classifier.logitScale, 100.0f);
        // Built again from rows kept in memory, and with a class added: the same rows.
        std::vector<std::string> more = fixtureClasses();
        more.insert(more.begin(), "tree");
        const TextClassifier extended = namer.buildClassifier(more);
        QCOMPARE(extended.rows.bottomRows(7), classifier.rows);
    }

    void segmentsEveryTensor() {
        std::unique_ptr<ClipModel> clip = createClipModel({fixture().string(), "cpu"});
        const torch::Tensor image = readTensor(SafetensorsFile::open(goldenFile("inputs.safetensors")), "image");
        FeatureMap input(3, 192, 192);
        std::memcpy(input.values.data(), image.contiguous().data_ptr<float>(), input.values.size() * sizeof(float));
        NamerSettings settings;
        settings.clipSize = 192;
        SegmentNamer namer(std::move(clip), ClipTokenizer::fromFolder(fixture()), settings);
        const FeatureMap dense = namer.denseFeatures(input);
        const torch::Tensor denseTensor = torch::from_blob(const_cast<float *>(dense.values.data()), {1, 64, 6, 6});
        expectClose(denseTensor, expected("vision.clip_vis_dense"), "dense features through the library");

        const LabelMap labels = readLabelsNpy(goldenFile("label_map.npy"));
        const PooledSegments pooled = poolSegments(dense, labels);
        QCOMPARE(torch::tensor(std::vector<std::int64_t>(pooled.labels.begin(), pooled.labels.end())).equal(expected("mask.label_values")), true);
        torch::Tensor resized = torch::zeros({5, 6, 6});
        for (int s = 0; s < 5; ++s)
            for (int y = 0; y < 6; ++y)
                for (int x = 0; x < 6; ++x)
                    resized[s][y][x] = float(labels(nearestExactSource(y, 100, 6), nearestExactSource(x, 100, 6)) == pooled.labels[s]);
        QCOMPARE(resized.equal(expected("mask.resized")), true);
        QCOMPARE(resized.sum({1, 2}).to(torch::kInt32).equal(torch::tensor(pooled.cellCounts, torch::kInt32)), true);
        expectClose(torch::tensor(pooled.cellCounts, torch::kFloat) + 1e-8, expected("mask.denorm"), "mask.denorm");
        expectClose(toTensor(pooled.pooled), expected("seg.pooled"), "seg.pooled");

        const auto model = loadOpenClipModel(inspectOpenClipModel(fixture()), torch::kCPU);
        Taps taps;
        torch::NoGradGuard noGrad;
        const torch::Tensor embedded = model->visual().embedPooled(toTensor(pooled.pooled), taps.tap());
        for (const char *name : {"seg.after_trunk_head", "seg.visual_head_fc1", "seg.visual_head_act", "seg.after_visual_head"})
            expectClose(taps.values[name], expected(name), name);

        const TextClassifier classifier = namer.buildClassifier(fixtureClasses());
        RowMatrixXf embeddings(5, 32);
        std::memcpy(embeddings.data(), embedded.contiguous().data_ptr<float>(), 5 * 32 * sizeof(float));
        const RowMatrixXf normalized = normalizedRows(embeddings, 1e-12f);
        expectClose(toTensor(normalized), expected("seg.normalized"), "seg.normalized");
        const RowMatrixXf all = synonymLogits(normalized, classifier);
        expectClose(toTensor(all), expected("seg.logits_all_prompts"), "seg.logits_all_prompts");

        const std::vector<SegmentScores> scores = namer.classify(dense, labels, classifier);
        QCOMPARE(int(scores.size()), 5);
        torch::Tensor logits = torch::zeros({5, 7});
        std::vector<std::int64_t> classes;
        cv::Mat1i classMap(labels.size(), 0);
        for (int s = 0; s < 5; ++s) {
            QCOMPARE(scores[s].label, pooled.labels[s]);
            for (int c = 0; c < 6; ++c)
                logits[s][c] = scores[s].logits[c];
            logits[s][6] = all(s, all.cols() - 1); // DiffCut's "void" column: the last synonym's logit
            classes.push_back(scores[s].classIndex);
            classMap.setTo(scores[s].classIndex, labels == scores[s].label);
            float sum = 0;
            for (float p : scores[s].probabilities)
                sum += p;
            QVERIFY(std::abs(sum - 1) < 1e-5);
        }
        expectClose(logits, expected("seg.logits"), "seg.logits");
        // Again, with the segments' embeddings known: the same scores.
        const std::vector<SegmentScores> again = namer.classify(dense, labels, classifier);
        for (int s = 0; s < 5; ++s)
            QCOMPARE(again[s].logits, scores[s].logits);
        QCOMPARE(torch::tensor(classes).equal(expected("seg.class_index")), true);
        const torch::Tensor expectedMap = expected("final_class_map");
        QCOMPARE(torch::from_blob(classMap.data, {100, 100}, torch::kInt32).equal(expectedMap), true);
    }

    void denseFeaturesReportProgressAndStop() {
        const cv::Mat3b rgb(40, 50, cv::Vec3b(10, 200, 30));
        std::vector<double> fractions;
        WorkControl control;
        control.progress = [&](double fraction, std::string_view) { fractions.push_back(fraction); };
        NamerSettings settings;
        settings.clipSize = 64;
        settings.useCache = false;
        SegmentNamer small(createClipModel({fixture().string(), "cpu"}), ClipTokenizer::fromFolder(fixture()), settings);
        const FeatureMap dense = small.denseFeatures(rgb, control);
        QCOMPARE(dense.height, 2);
        QCOMPARE(fractions.size(), std::size_t(5)); // one per ConvNeXt block
        QCOMPARE(fractions.back(), 1.0);
        std::stop_source stop;
        stop.request_stop();
        QVERIFY_THROWS_EXCEPTION(Cancelled, small.denseFeatures(rgb, {stop.get_token(), {}}));
        testing::expectError([&] { small.classify(dense, LabelMap(), TextClassifier()); }, "the label map is empty");
    }

    void realConvNextLargeOnTheMetaDevice() {
        QTemporaryDir dir;
        const auto [config, shapes] = realModel(testing::toPath(dir));
        const OpenClipArchitecture architecture = openClipArchitecture(config, shapes, "state_dict.json");
        QCOMPARE(architecture.vision.depths, (std::vector<std::int64_t>{3, 3, 27, 3}));
        QCOMPARE(architecture.vision.dims, (std::vector<std::int64_t>{192, 384, 768, 1536}));
        const OpenClipModelImpl model(architecture, torch::TensorOptions().device(torch::kMeta));
        TensorShapes built;
        std::int64_t parameters = 0;
        for (const auto &parameter : model.named_parameters()) {
            built[parameter.key()] = parameter.value().sizes().vec();
            parameters += parameter.value().numel();
        }
        QCOMPARE(int(built.size()), 543);
        QCOMPARE(parameters, std::int64_t(351772609));
        QVERIFY(built == shapes);
    }

    void checkNamesEveryProblem() {
        QVERIFY(checkOpenClipModel(inspectOpenClipModel(fixture())).empty());
        QTemporaryDir dir;
        const std::filesystem::path folder = testing::toPath(dir);
        copyFixtureModel(folder);
        auto tensors = testing::allTensors(fixture() / kOpenClipWeightsFile);
        std::erase_if(tensors, [](const auto &t) { return t.first == "ln_final.bias"; });
        for (auto &[name, tensor] : tensors)
            if (name == "text_projection")
                tensor = tensor.t().contiguous(); // [E, W] instead of [W, E]
        tensors.emplace_back("visual.trunk.norm_pre.weight", torch::ones({64}));
        std::filesystem::remove(folder / kOpenClipWeightsFile);
        testing::writeSafetensors(folder / kOpenClipWeightsFile, tensors);
        const std::vector<std::string> problems = checkOpenClipModel(inspectOpenClipModel(folder));
        QCOMPARE(int(problems.size()), 3);
        const std::string all = problems[0] + "\n" + problems[1] + "\n" + problems[2];
        QVERIFY2(all.find("missing tensor 'ln_final.bias'") != std::string::npos, all.c_str());
        QVERIFY2(all.find("'text_projection' has shape [32, 16], the model expects [16, 32]") != std::string::npos, all.c_str());
        QVERIFY2(all.find("'visual.trunk.norm_pre.weight' is not part of") != std::string::npos, all.c_str());
        testing::expectError([&] { loadOpenClipModel(inspectOpenClipModel(folder), torch::kCPU); }, "norm_pre");
    }
};

QTEST_APPLESS_MAIN(TestTorchOpenClip)
#include "test_torch_openclip.moc"
