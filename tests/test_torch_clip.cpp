// The native CLIP text encoders against transformers 4.36 (../shared/fixtures/clip): every hidden
// state, the pooled output and text_embeds of the tiny CLIP-L and bigG stand-ins, the empty-prompt
// conditioning of the SDXL and SD 1.x pipeline fixtures, fp16 weights, and the errors for a
// config missing a key, a config bigger than its weights and a weight file missing a tensor; the
// model on the meta device (what `model check` builds).
#include "diffusion/torch/clip_text.h"
#include "diffusion/torch/weights.h"
#include "test_support.h"
#include "torch_test_support.h"

#include <QTest>
#include <nlohmann/json.hpp>


using namespace diffcut;
using diffcut::testing::allTensors;
using diffcut::testing::errorOf;
using diffcut::testing::expectClose;
using diffcut::testing::writeSafetensors;

namespace {

std::filesystem::path clipFixture(const std::string &name) { return testing::fixturesDir() / "clip" / name; }
std::filesystem::path pipelineFixture(const std::string &name) { return testing::fixturesDir() / "pipeline" / name; }

torch::Tensor golden(const std::filesystem::path &file, const std::string &name) {
    return readTensor(SafetensorsFile::open(file), name);
}

} // namespace

class TestTorchClip : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void encoderMatchesTransformers_data() {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<qint64>("padId");
        QTest::newRow("clip-l-tiny (SDXL text_encoder)") << "clip-l-tiny" << qint64(49407);
        QTest::newRow("clip-g-tiny (SDXL text_encoder_2)") << "clip-g-tiny" << qint64(0);
    }

    void encoderMatchesTransformers() {
        DIFFCUT_REQUIRE_FIXTURES();
        QFETCH(QString, fixture);
        QFETCH(qint64, padId);
        const auto folder = clipFixture(fixture.toStdString());
        const torch::Tensor ids = golden(folder / "golden/inputs.safetensors", "input_ids");
        QVERIFY(torch::equal(emptyPromptIds(padId), ids));

        const auto model = loadClipTextModel(folder);
        const ClipTextOutput out = model->forward(ids);
        const auto expected = folder / "golden/expected.safetensors";
        QCOMPARE(out.hiddenStates.size(), std::size_t(model->config().numHiddenLayers + 1));
        for (std::size_t i = 0; i < out.hiddenStates.size(); ++i)
            expectClose(out.hiddenStates[i], golden(expected, "hidden_states." + std::to_string(i)), "hidden_states." + std::to_string(i));
        expectClose(out.penultimateHiddenState, golden(expected, "penultimate_hidden_state"), "penultimate_hidden_state");
        expectClose(out.lastHiddenState, golden(expected, "last_hidden_state"), "last_hidden_state");
        QVERIFY(torch::equal(out.eosPosition, golden(expected, "eos_position")));
        expectClose(out.pooled, golden(expected, "pooler_output"), "pooler_output");
        QCOMPARE(out.textEmbeds.defined(), model->config().withProjection);
        if (model->config().withProjection)
            expectClose(out.textEmbeds, golden(expected, "text_embeds"), "text_embeds");
    }

    void tokenizerFoldersGiveThePadIds() {
        DIFFCUT_REQUIRE_FIXTURES();
        const auto sdxl = pipelineFixture("sdxl-tiny-full");
        QCOMPARE(tokenizerPadId(sdxl / "tokenizer", -1), std::int64_t(49407));
        QCOMPARE(tokenizerPadId(sdxl / "tokenizer_2", -1), std::int64_t(0));
        QCOMPARE(tokenizerPadId(pipelineFixture("sd14-tiny-full") / "tokenizer", -1), std::int64_t(49407));
        const auto inputs = clipFixture("sdxl-null-prompt-tiny") / "golden/inputs.safetensors";
        QVERIFY(torch::equal(emptyPromptIds(tokenizerPadId(sdxl / "tokenizer", -1)), golden(inputs, "input_ids")));
        QVERIFY(torch::equal(emptyPromptIds(tokenizerPadId(sdxl / "tokenizer_2", -1)), golden(inputs, "input_ids_2")));
    }

    void sdxlEmptyPromptConditioning() {
        DIFFCUT_REQUIRE_FIXTURES();
        std::vector<std::string> stages;
        WorkControl control;
        control.progress = [&](double, std::string_view stage) { stages.emplace_back(stage); };
        const PromptConditioning conditioning = emptyPromptConditioning(pipelineFixture("sdxl-tiny-full"), /*sdxl=*/true, control);
        QVERIFY(!stages.empty());
        const auto expected = clipFixture("sdxl-null-prompt-tiny") / "golden/expected.safetensors";
        expectClose(conditioning.encoderHiddenStates, golden(expected, "prompt_embeds"), "SDXL prompt_embeds");
        expectClose(conditioning.pooledTextEmbeds, golden(expected, "pooled_prompt_embeds"), "SDXL pooled_prompt_embeds");
    }

    void sd1EmptyPromptConditioning() {
        DIFFCUT_REQUIRE_FIXTURES();
        const PromptConditioning conditioning = emptyPromptConditioning(pipelineFixture("sd14-tiny-full"), /*sdxl=*/false);
        expectClose(conditioning.encoderHiddenStates, golden(pipelineFixture("sd14-tiny-full") / "golden/expected.safetensors", "prompt_embeds"),
                    "SD1.x prompt_embeds");
        QVERIFY(!conditioning.pooledTextEmbeds.defined());
    }

    void stopRequestCancels() {
        DIFFCUT_REQUIRE_FIXTURES();
        std::stop_source stop;
        stop.request_stop();
        QVERIFY_THROWS_EXCEPTION(Cancelled, emptyPromptConditioning(pipelineFixture("sdxl-tiny-full"), true, {stop.get_token(), {}}));
    }

    // The fixtures have no fp16 text-encoder file (diffusers casts the F32 weights), so write one:
    // a folder with only "model.fp16.safetensors" loads it and computes in float32.
    void halfPrecisionWeightsLoad() {
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        const auto folder = testing::toPath(dir), source = clipFixture("clip-g-tiny");
        std::filesystem::copy_file(source / "config.json", folder / "config.json");
        auto tensors = allTensors(source / "model.safetensors");
        for (auto &[name, tensor] : tensors)
            tensor = tensor.to(torch::kFloat16);
        writeSafetensors(folder / "model.fp16.safetensors", tensors);

        const auto model = loadClipTextModel(folder);
        const torch::Tensor fc1 = model->named_parameters()["text_model.encoder.layers.0.mlp.fc1.weight"];
        QCOMPARE(fc1.scalar_type(), torch::kFloat32);
        QVERIFY(torch::equal(fc1, fc1.to(torch::kFloat16).to(torch::kFloat32))); // the half-rounded values
        const ClipTextOutput out = model->forward(emptyPromptIds(0));
        const auto expected = source / "golden/expected.safetensors";
        expectClose(out.penultimateHiddenState, golden(expected, "penultimate_hidden_state"), "fp16 weights: penultimate", 1e-2);
        expectClose(out.textEmbeds, golden(expected, "text_embeds"), "fp16 weights: text_embeds", 1e-2);
    }

    void configMissingAKeyIsNamed() {
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        const auto folder = testing::toPath(dir);
        nlohmann::json config = nlohmann::json::parse(std::ifstream(clipFixture("clip-l-tiny") / "config.json"));
        config.erase("num_attention_heads");
        std::ofstream(folder / "config.json") << config.dump(2);
        const QString message = errorOf([&] { ClipTextConfig::fromFile(folder / "config.json"); });
        qInfo() << message;
        QVERIFY(message.contains("num_attention_heads"));
        QVERIFY(message.contains("config.json"));

        config = nlohmann::json::parse(std::ifstream(clipFixture("clip-l-tiny") / "config.json"));
        config["hidden_act"] = "relu";
        std::ofstream(folder / "config.json") << config.dump(2);
        QVERIFY(errorOf([&] { ClipTextConfig::fromFile(folder / "config.json"); }).contains("hidden_act"));
    }

    void configValuesBeyondAnyTextEncoderAreRefused() {
        // Even on the meta device a hostile config must not build millions of layers.
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        const auto folder = testing::toPath(dir);
        const std::vector<std::pair<const char *, std::int64_t>> values = {
            {"vocab_size", 1'000'000'000}, {"num_hidden_layers", 100'000}, {"max_position_embeddings", 1'000'000}};
        for (const auto &[key, value] : values) {
            nlohmann::json config = nlohmann::json::parse(std::ifstream(clipFixture("clip-l-tiny") / "config.json"));
            config[key] = value;
            std::ofstream(folder / "config.json") << config.dump(2);
            const QString message = errorOf([&] { ClipTextConfig::fromFile(folder / "config.json"); });
            QVERIFY2(message.contains("config.json: " + QString(key) + " must be an integer from 1 to"), qPrintable(message));
        }
    }

    // Each value within its bound, together 206 G parameters (64 layers 16384 wide) for the tiny
    // weights: loading compares them with the model on the meta device before allocating it.
    void configBiggerThanItsWeightsIsRefusedBeforeAllocating() {
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        const auto folder = testing::toPath(dir), source = clipFixture("clip-l-tiny");
        std::filesystem::create_symlink(source / "model.safetensors", folder / "model.safetensors");
        nlohmann::json config = nlohmann::json::parse(std::ifstream(source / "config.json"));
        config["hidden_size"] = 16384;
        config["intermediate_size"] = 65536;
        config["num_hidden_layers"] = 64;
        config["num_attention_heads"] = 128;
        std::ofstream(folder / "config.json") << config.dump(2);
        const QString message = errorOf([&] { loadClipTextModel(folder); });
        QVERIFY2(message.contains("model.safetensors: tensor 'text_model.embeddings.token_embedding.weight' has shape") &&
                     message.contains("more problems"),
                 qPrintable(message));
    }

    // `model check` builds the encoders on the meta device: the same parameters, no storage.
    void theMetaDeviceBuildsTheSameModelWithoutMemory() {
        DIFFCUT_REQUIRE_FIXTURES();
        const ClipTextConfig config = ClipTextConfig::fromFile(clipFixture("clip-g-tiny") / "config.json");
        const ClipTextModelImpl meta(config, torch::TensorOptions().device(torch::kMeta));
        const ClipTextModelImpl cpu(config, torch::TensorOptions());
        const auto metaParameters = meta.named_parameters(), cpuParameters = cpu.named_parameters();
        QCOMPARE(metaParameters.size(), cpuParameters.size());
        for (const auto &parameter : metaParameters) {
            QVERIFY2(parameter.value().is_meta(), parameter.key().c_str());
            QCOMPARE(parameter.value().sizes().vec(), cpuParameters[parameter.key()].sizes().vec());
        }
        QVERIFY(metaParameters.contains("text_projection.weight"));
        QVERIFY(metaParameters.contains("text_model.encoder.layers.3.self_attn.q_proj.bias"));
    }

    void weightFileMissingATensorIsNamed() {
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        const auto folder = testing::toPath(dir), source = clipFixture("clip-l-tiny");
        std::filesystem::copy_file(source / "config.json", folder / "config.json");
        const std::string dropped = "text_model.encoder.layers.1.mlp.fc2.bias";
        auto tensors = allTensors(source / "model.safetensors");
        std::erase_if(tensors, [&](const auto &entry) { return entry.first == dropped; });
        writeSafetensors(folder / "model.safetensors", tensors);
        const QString message = errorOf([&] { loadClipTextModel(folder); });
        qInfo() << message;
        QVERIFY(message.contains(QString::fromStdString(dropped)));
    }

    // Checkpoints saved before transformers 4.31 carry the position_ids buffer: it is not used.
    void legacyPositionIdsAreSkipped() {
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        const auto folder = testing::toPath(dir), source = clipFixture("clip-l-tiny");
        auto tensors = allTensors(source / "model.safetensors");
        tensors.emplace_back("text_model.embeddings.position_ids", torch::arange(77, torch::kInt64).unsqueeze(0));
        writeSafetensors(folder / "model.safetensors", tensors);
        ClipTextModelImpl model(ClipTextConfig::fromFile(source / "config.json"), torch::TensorOptions());
        const LoadReport report = loadModule(model, WeightFiles::fromFolder(folder, false));
        QCOMPARE(report.skipped, std::vector<std::string>{"text_model.embeddings.position_ids"});
        QCOMPARE(report.loaded.size(), std::size_t(52));
    }
};

QTEST_GUILESS_MAIN(TestTorchClip)
#include "test_torch_clip.moc"
