// The VAE encoder and the UNet encoder path against diffusers v0.26.3 (golden fixtures sdxl-tiny
// and sd14-tiny): every intermediate the encoders expose, the feature with fp32 and fp16 weights,
// seeded noise, legacy VAE attention names; config and weight errors naming the key or tensor;
// the real SSD-1B / Segmind-Vega / SD 1.4 configs built on the meta device. The golden runs
// compute where torch_test_target.h says (the CPU in float32 by default).

#include "common/error.h"
#include "diffusion/safetensors.h"
#include "diffusion/diffusers_config.h"
#include "diffusion/torch/diffusers_layers.h"
#include "diffusion/torch/feature_extractor.h"
#include "diffusion/torch/weights.h"
#include "test_support.h"
#include "torch_test_target.h"

#include <ATen/ATen.h>
#include <QTest>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <map>
#include <stop_token>

using namespace diffcut;
using diffcut::testing::errorOf;
using diffcut::testing::torchTestTarget;

namespace {

std::filesystem::path fixture(const QString &name) {
    return diffcut::testing::fixturesDir() / "diffusers" / name.toStdString();
}

std::filesystem::path realConfigs(const char *model) { return diffcut::testing::fixturesDir() / "configs" / model; }

std::map<std::string, at::Tensor> readAll(const std::filesystem::path &file) {
    const SafetensorsFile tensors = SafetensorsFile::open(file);
    std::map<std::string, at::Tensor> result;
    for (const TensorInfo &info : tensors.tensors())
        result[info.name] = readTensor(tensors, info.name);
    return result;
}

struct Agreement {
    double maxAbsOverMaxRef = 0; // max|a − b| / max|ref|
    double relativeL2 = 0;       // ‖a − b‖ / ‖ref‖
    bool within(const testing::Tolerance &tolerance) const {
        return maxAbsOverMaxRef <= tolerance.maxAbsolute && relativeL2 <= tolerance.relativeL2;
    }
};

Agreement agreement(const at::Tensor &actual, const at::Tensor &reference) {
    const at::Tensor a = actual.to(at::kDouble), ref = reference.to(at::kDouble);
    return {(a - ref).abs().max().item<double>() / ref.abs().max().item<double>(),
            (a - ref).norm().item<double>() / ref.norm().item<double>()};
}

// Compares one tensor and logs the figures; a mismatch fails the current test.
void compareTensor(const QString &fixtureName, const std::string &name, const at::Tensor &actual,
                   const at::Tensor &reference) {
    const testing::Tolerance tolerance = torchTestTarget().tolerance;
    QVERIFY2(actual.sizes().equals(reference.sizes()),
             qPrintable(QString("%1 %2: shape %3, expected %4")
                            .arg(fixtureName, QString::fromStdString(name),
                                 QString::fromStdString(c10::str(actual.sizes())),
                                 QString::fromStdString(c10::str(reference.sizes())))));
    const Agreement measured = agreement(actual, reference);
    qInfo("%s %-58s max|a-b|/max|ref| %.2e  rel L2 %.2e", qPrintable(fixtureName), name.c_str(),
          measured.maxAbsOverMaxRef, measured.relativeL2);
    QVERIFY2(measured.within(tolerance), qPrintable(QString("%1 %2 differs from diffusers beyond %3 / %4")
                                                        .arg(fixtureName, QString::fromStdString(name))
                                                        .arg(tolerance.maxAbsolute)
                                                        .arg(tolerance.relativeL2)));
}

struct Models {
    std::shared_ptr<VaeEncoderImpl> vae;
    std::shared_ptr<UNetEncoderImpl> unet;
};

// On the test target, in its precision (as DiffusionEncoder::load chooses it).
Models loadModels(const std::filesystem::path &folder, bool halfUNetWeights = false) {
    const auto &target = torchTestTarget();
    const VaeConfig vaeConfig = parseVaeConfig(folder / "vae/config.json");
    const auto options = at::TensorOptions().device(target.device);
    return {loadVaeEncoder(vaeConfig, WeightFiles::fromFolder(folder / "vae", false),
                           options.dtype(target.half && !vaeConfig.forceUpcast ? at::kHalf : at::kFloat)),
            loadUNetEncoder(parseUNetConfig(folder / "unet/config.json"),
                            WeightFiles::fromFolder(folder / "unet", halfUNetWeights),
                            options.dtype(target.half ? at::kHalf : at::kFloat))};
}

DiffusionFeatureInputs goldenInputs(const std::filesystem::path &folder) {
    std::map<std::string, at::Tensor> inputs = readAll(folder / "golden/inputs.safetensors");
    const std::map<std::string, at::Tensor> expected = readAll(folder / "golden/expected.safetensors");
    DiffusionFeatureInputs result;
    const torch::Device device = torchTestTarget().device;
    result.image = inputs.at("image").to(device);
    result.timestep = inputs.at("timestep").item<std::int64_t>();
    result.alphaCumprod = expected.at("alphas_cumprod")[result.timestep].item<double>();
    result.noise = inputs.at("noise");
    result.encoderHiddenStates = inputs.at("encoder_hidden_states").to(device);
    if (inputs.count("text_embeds")) {
        result.textEmbeds = inputs.at("text_embeds").to(device);
        result.timeIds = inputs.at("time_ids").to(device);
    }
    return result;
}

struct Run {
    UNetFeature feature;
    std::map<std::string, at::Tensor> intermediates;
};

Run extract(const Models &models, const DiffusionFeatureInputs &inputs, const WorkControl &control = {}) {
    Run run;
    run.feature = extractDiffusionFeature(*models.vae, *models.unet, inputs, control,
                                          [&](const std::string &name, const at::Tensor &value) {
                                              run.intermediates[name] = value.clone();
                                          });
    return run;
}

// --- writing modified copies of the fixtures -------------------------------------------------

struct TensorRecord {
    std::string name;
    std::string dtype;
    std::vector<std::int64_t> shape;
    std::string bytes;
};

std::vector<TensorRecord> recordsOf(const std::filesystem::path &file) {
    const SafetensorsFile tensors = SafetensorsFile::open(file);
    std::vector<TensorRecord> records;
    for (const TensorInfo &info : tensors.tensors()) {
        const std::span<const std::byte> bytes = tensors.bytes(info);
        records.push_back({info.name, std::string(dtypeName(info.dtype)), info.shape,
                           std::string(reinterpret_cast<const char *>(bytes.data()), bytes.size())});
    }
    return records;
}

void writeSafetensors(const std::filesystem::path &file, const std::vector<TensorRecord> &records) {
    nlohmann::json header = nlohmann::json::object();
    std::string data;
    for (const TensorRecord &record : records) {
        header[record.name] = {{"dtype", record.dtype},
                               {"shape", record.shape},
                               {"data_offsets", {data.size(), data.size() + record.bytes.size()}}};
        data += record.bytes;
    }
    std::string headerText = header.dump();
    headerText.append((8 - headerText.size() % 8) % 8, ' ');
    const std::uint64_t headerSize = headerText.size(); // little-endian on every supported machine
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char *>(&headerSize), sizeof headerSize);
    out << headerText << data;
}

// A component folder (config.json + weights) holding `records`.
std::filesystem::path writeComponent(const QTemporaryDir &dir, const std::filesystem::path &config,
                                     const std::vector<TensorRecord> &records) {
    const std::filesystem::path folder = diffcut::testing::toPath(dir);
    std::filesystem::copy_file(config, folder / "config.json", std::filesystem::copy_options::overwrite_existing);
    writeSafetensors(folder / "diffusion_pytorch_model.safetensors", records);
    return folder;
}

std::filesystem::path writeConfig(const QTemporaryDir &dir, const std::filesystem::path &original,
                                  const std::string &key, const nlohmann::json &value) {
    nlohmann::json config = nlohmann::json::parse(std::ifstream(original));
    config[key] = value;
    const std::filesystem::path file = diffcut::testing::toPath(dir) / "config.json";
    std::ofstream(file) << config.dump(2);
    return file;
}


qlonglong parameterCount(torch::nn::Module &module) {
    qlonglong count = 0;
    for (const at::Tensor &parameter : module.parameters())
        count += parameter.numel();
    return count;
}

} // namespace

class TestTorchUNet : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        DIFFCUT_REQUIRE_FIXTURES();
        const QString problem = errorOf([] { torchTestTarget(); });
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        qInfo("golden runs on %s, UNet %s, tolerance %g (max) / %g (L2)", deviceName(torchTestTarget().device).c_str(),
              torchTestTarget().half ? "float16" : "float32", torchTestTarget().tolerance.maxAbsolute,
              torchTestTarget().tolerance.relativeL2);
    }

    void matchesDiffusers_data() {
        QTest::addColumn<QString>("name");
        // Tensors of expected.safetensors the encoders never compute (the resize checks, what runs
        // after the hook: the rest of the hooked block, later blocks, mid block, UNet output) or
        // that are compared separately (feature_bchw, feature_fp16_weights).
        QTest::addColumn<QStringList>("notComputed");
        const QStringList common{"image_resized", "interp_down", "interp_up", "alphas_cumprod", "sqrt_alpha_prod",
                                 "sqrt_one_minus_alpha_prod", "unet.mid_block", "unet_out", "feature_bchw",
                                 "feature_fp16_weights"};
        QTest::newRow("sdxl-tiny") << QString("sdxl-tiny")
                                   << common + QStringList{"unet.down_blocks.2", "unet.down_blocks.2.attentions.1",
                                                           "unet.down_blocks.2.attentions.1.transformer_blocks.1"};
        QTest::newRow("sd14-tiny") << QString("sd14-tiny")
                                   << common + QStringList{"unet.down_blocks.2", "unet.down_blocks.2.attentions.1",
                                                           "unet.down_blocks.2.attentions.1.transformer_blocks.0",
                                                           "unet.down_blocks.2.downsamplers.0", "unet.down_blocks.3",
                                                           "unet.down_blocks.3.resnets.0",
                                                           "unet.down_blocks.3.resnets.1"};
    }

    void matchesDiffusers() {
        QFETCH(QString, name);
        QFETCH(QStringList, notComputed);
        const std::filesystem::path folder = fixture(name);
        const std::map<std::string, at::Tensor> expected = readAll(folder / "golden/expected.safetensors");
        const Run run = extract(loadModels(folder), goldenInputs(folder));

        int compared = 0;
        for (const auto &[tensorName, reference] : expected) {
            const auto computed = run.intermediates.find(tensorName);
            if (computed == run.intermediates.end()) {
                QVERIFY2(notComputed.contains(QString::fromStdString(tensorName)),
                         qPrintable(name + ": the encoders do not expose " + QString::fromStdString(tensorName)));
                continue;
            }
            compareTensor(name, tensorName, computed->second, reference);
            if (QTest::currentTestFailed())
                return;
            ++compared;
        }
        qInfo("%s: %d tensors compared", qPrintable(name), compared);

        const UNetFeature &feature = run.feature;
        const at::Tensor bchw =
            feature.tokens.reshape({1, feature.height, feature.width, -1}).permute({0, 3, 1, 2});
        compareTensor(name, "feature_bchw", bchw, expected.at("feature_bchw"));
        // The grid follows from the configs: image / VAE stride = latent; latent / UNet stride = grid.
        const UNetConfig config = parseUNetConfig(folder / "unet/config.json");
        const at::Tensor &latent = run.intermediates.at("latent");
        QCOMPARE(feature.tokens.size(2), std::int64_t(config.hookedChannels()));
        QCOMPARE(feature.height * config.featureStride(), latent.size(2));
        QCOMPARE(latent.size(3) * parseVaeConfig(folder / "vae/config.json").latentStride(), std::int64_t(64));
    }

    void fp16WeightsMatchDiffusers_data() {
        QTest::addColumn<QString>("name");
        QTest::newRow("sdxl-tiny") << QString("sdxl-tiny");
        QTest::newRow("sd14-tiny") << QString("sd14-tiny");
    }

    // The ".fp16" variant, computed in float32 as the golden run did.
    void fp16WeightsMatchDiffusers() {
        QFETCH(QString, name);
        const std::filesystem::path folder = fixture(name);
        const std::map<std::string, at::Tensor> expected = readAll(folder / "golden/expected.safetensors");
        const Run run = extract(loadModels(folder, /*halfUNetWeights=*/true), goldenInputs(folder));
        compareTensor(name, "feature_fp16_weights", run.feature.tokens, expected.at("feature_fp16_weights"));
        const Agreement effect = agreement(run.feature.tokens, expected.at("feature"));
        qInfo("%s fp16 weights vs fp32 weights: max|a-b|/max|ref| %.2e  rel L2 %.2e", qPrintable(name),
              effect.maxAbsOverMaxRef, effect.relativeL2);
        QVERIFY(effect.relativeL2 > 1e-3); // the fp16 file was really used
    }

    // Noise drawn from a seed equals torch.randn(shape, generator=torch.Generator().manual_seed(42)).
    // Attention over more queries than one chunk of scores holds (LibTorch 1.x: 2^26 scores at a
    // time, reused chunk after chunk), with and without a mask, equals one softmax over each row;
    // the rows either side of a chunk's edge and the last, shorter chunk included. The models of
    // the fixtures are too small to need a second chunk.
    void attentionInChunksEqualsOneSoftmaxPerRow_data() {
        QTest::addColumn<bool>("masked");
        QTest::newRow("unmasked") << false;
        QTest::newRow("masked") << true;
    }
    void attentionInChunksEqualsOneSoftmaxPerRow() {
        QFETCH(bool, masked);
        constexpr std::int64_t heads = 8, headSize = 8, queries = 3000, keys = 4096; // chunks of 2048 and 952
        at::manual_seed(7);
        const at::Tensor query = at::randn({1, queries, heads * headSize}), key = at::randn({1, keys, heads * headSize});
        const at::Tensor value = at::randn({1, keys, heads * headSize});
        const at::Tensor mask = masked ? at::randn({queries, keys}) : at::Tensor();
        const at::Tensor output = diffusers::multiHeadAttention(query, key, value, heads, false, false, mask);
        QCOMPARE(output.sizes(), query.sizes());

        const at::Tensor rows = at::tensor({std::int64_t(0), std::int64_t(2047), std::int64_t(2048), std::int64_t(2999)});
        auto split = [&](const at::Tensor &tensor) { return tensor.reshape({tensor.size(1), heads, headSize}).transpose(0, 1); };
        at::Tensor scores = at::matmul(split(query).index_select(1, rows), split(key).transpose(1, 2)) / std::sqrt(double(headSize));
        if (masked)
            scores = scores + mask.index_select(0, rows);
        const at::Tensor expected = at::matmul(scores.softmax(-1), split(value)).transpose(0, 1).reshape({rows.size(0), heads * headSize});
        const at::Tensor actual = output[0].index_select(0, rows);
        const double error = (actual - expected).abs().max().item<double>();
        QVERIFY2(error < 1e-5, qPrintable(QString::number(error)));
    }

    void seededNoiseMatchesTorch() {
        const std::filesystem::path folder = fixture("sd14-tiny");
        DiffusionFeatureInputs inputs = goldenInputs(folder);
        inputs.noise = at::Tensor();
        inputs.noiseSeed = 42;
        const Run run = extract(loadModels(folder), inputs);
        const std::map<std::string, at::Tensor> expected = readAll(folder / "golden/expected.safetensors");
        compareTensor("sd14-tiny", "noisy_latent (seed 42)", run.intermediates.at("noisy_latent"),
                      expected.at("noisy_latent"));
        compareTensor("sd14-tiny", "feature (seed 42)", run.feature.tokens, expected.at("feature"));
    }

    void legacyVaeAttentionNames() {
        const std::filesystem::path folder = fixture("sdxl-tiny");
        std::vector<TensorRecord> records = recordsOf(folder / "vae/diffusion_pytorch_model.safetensors");
        const std::map<std::string, std::string> legacy{
            {"to_q", "query"}, {"to_k", "key"}, {"to_v", "value"}, {"to_out.0", "proj_attn"}};
        int renamed = 0;
        for (TensorRecord &record : records)
            for (const auto &[current, old] : legacy) {
                const std::string prefix = "encoder.mid_block.attentions.0." + current + ".";
                if (record.name.starts_with(prefix)) {
                    record.name = "encoder.mid_block.attentions.0." + old + "." + record.name.substr(prefix.size());
                    ++renamed;
                }
            }
        QCOMPARE(renamed, 8);
        QTemporaryDir dir;
        const std::filesystem::path vaeFolder = writeComponent(dir, folder / "vae/config.json", records);
        const auto vae = loadVaeEncoder(parseVaeConfig(vaeFolder / "config.json"), WeightFiles::fromFolder(vaeFolder, false),
                                        at::TensorOptions().dtype(at::kFloat));
        const at::Tensor mean = vae->forward(goldenInputs(folder).image * 2 - 1);
        compareTensor("sdxl-tiny", "latent_mean (legacy attention names)", mean,
                      readAll(folder / "golden/expected.safetensors").at("latent_mean"));
    }

    void missingOrMisshapedTensorsNameTheTensor() {
        const std::filesystem::path folder = fixture("sdxl-tiny");
        const auto options = at::TensorOptions().dtype(at::kFloat);

        const std::string missing = "encoder.mid_block.attentions.0.to_v.bias";
        std::vector<TensorRecord> vaeRecords = recordsOf(folder / "vae/diffusion_pytorch_model.safetensors");
        std::erase_if(vaeRecords, [&](const TensorRecord &record) { return record.name == missing; });
        QTemporaryDir vaeDir;
        const std::filesystem::path vaeFolder = writeComponent(vaeDir, folder / "vae/config.json", vaeRecords);
        const QString vaeMessage = errorOf([&] {
            loadVaeEncoder(parseVaeConfig(vaeFolder / "config.json"), WeightFiles::fromFolder(vaeFolder, false), options);
        });
        qInfo("missing tensor: %s", qPrintable(vaeMessage));
        QVERIFY(vaeMessage.contains(QString::fromStdString(missing)));

        // The last attn1 projection before the hook, one output row short.
        const std::string misshaped = "down_blocks.2.attentions.1.transformer_blocks.1.attn1.to_k.weight";
        std::vector<TensorRecord> unetRecords = recordsOf(folder / "unet/diffusion_pytorch_model.safetensors");
        bool found = false;
        for (TensorRecord &record : unetRecords)
            if (record.name == misshaped) {
                record.bytes.resize(record.bytes.size() / record.shape[0] * (record.shape[0] - 1));
                --record.shape[0];
                found = true;
            }
        QVERIFY(found);
        QTemporaryDir unetDir;
        const std::filesystem::path unetFolder = writeComponent(unetDir, folder / "unet/config.json", unetRecords);
        const QString unetMessage = errorOf([&] {
            loadUNetEncoder(parseUNetConfig(unetFolder / "config.json"), WeightFiles::fromFolder(unetFolder, false),
                            options);
        });
        qInfo("mis-shaped tensor: %s", qPrintable(unetMessage));
        QVERIFY(unetMessage.contains(QString::fromStdString(misshaped)));
    }

    void unsupportedConfigValuesNameTheKey_data() {
        QTest::addColumn<QString>("component");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value"); // JSON
        auto row = [](const char *name, const char *component, const char *key, const char *value) {
            QTest::newRow(name) << QString(component) << QString(key) << QString(value);
        };
        row("scale_shift", "unet", "resnet_time_scale_shift", R"("scale_shift")");
        row("only cross", "unet", "only_cross_attention", "[false, false, true]");
        row("addition text", "unet", "addition_embed_type", R"("text")");
        row("gelu", "unet", "act_fn", R"("gelu")");
        row("head list", "unet", "attention_head_dim", "[2, 2]");
        row("heads", "unet", "attention_head_dim", "[2, 3, 4]");
        row("num heads", "unet", "num_attention_heads", "[2, 2, 4]");
        row("depths", "unet", "transformer_layers_per_block", "[1, [2], [1, 2]]");
        row("block type", "unet", "down_block_types", R"(["DownBlock2D", "AttnDownBlock2D", "CrossAttnDownBlock2D"])");
        row("no attention", "unet", "down_block_types", R"(["DownBlock2D", "DownBlock2D", "DownBlock2D"])");
        row("class embed", "unet", "class_embed_type", R"("timestep")");
        row("fourier", "unet", "time_embedding_type", R"("fourier")");
        row("groups", "unet", "norm_num_groups", "12");
        row("channels type", "unet", "block_out_channels", R"([16, "32", 32])");
        row("vae block", "vae", "down_block_types", R"(["DownEncoderBlock2D", "AttnDownEncoderBlock2D"])");
        row("vae class", "vae", "_class_name", R"("AutoencoderTiny")");
        row("vae shift", "vae", "shift_factor", "0.0609");
        row("vae layers", "vae", "layers_per_block", "[1, 1]");
        // Values far beyond any real model (they would build for minutes and gigabytes).
        row("a million transformer layers", "unet", "transformer_layers_per_block", "[1, 1000000, 1000000]");
        row("a million resnets", "vae", "layers_per_block", "1000000");
        row("wide blocks", "unet", "block_out_channels", "[16, 32, 1000000]");
        row("many blocks", "unet", "down_block_types", R"(["DownBlock2D", "DownBlock2D", "DownBlock2D", "DownBlock2D",
                                                            "DownBlock2D", "DownBlock2D", "DownBlock2D", "DownBlock2D",
                                                            "CrossAttnDownBlock2D"])");
        row("wide vae", "vae", "block_out_channels", "[64, 1000000]");
        row("zero eps", "unet", "norm_eps", "0");
    }

    void unsupportedConfigValuesNameTheKey() {
        QFETCH(QString, component);
        QFETCH(QString, key);
        QFETCH(QString, value);
        QTemporaryDir dir;
        const std::filesystem::path file = writeConfig(dir, fixture("sdxl-tiny") / component.toStdString() / "config.json",
                                                       key.toStdString(), nlohmann::json::parse(value.toStdString()));
        const QString message = errorOf([&] {
            if (component == "unet")
                parseUNetConfig(file);
            else
                parseVaeConfig(file);
        });
        qInfo("%s", qPrintable(message));
        QVERIFY2(message.contains(key) && message.contains("config.json"), qPrintable(message));
    }

    void badInputsAreErrors() {
        const Models models = loadModels(fixture("sdxl-tiny"));
        DiffusionFeatureInputs inputs = goldenInputs(fixture("sdxl-tiny"));
        inputs.encoderHiddenStates = inputs.encoderHiddenStates.narrow(2, 0, 16);
        QVERIFY(errorOf([&] { extract(models, inputs); }).contains("text embeddings"));
        inputs = goldenInputs(fixture("sdxl-tiny"));
        inputs.timeIds = at::Tensor();
        QVERIFY(errorOf([&] { extract(models, inputs); }).contains("time_ids"));
    }

    void progressAndCancellation() {
        const std::filesystem::path folder = fixture("sd14-tiny");
        const Models models = loadModels(folder);
        std::map<std::string, std::vector<double>> fractions;
        WorkControl control;
        control.progress = [&](double fraction, std::string_view stage) { fractions[std::string(stage)].push_back(fraction); };
        extract(models, goldenInputs(folder), control);
        for (const char *stage : {"VAE", "UNet"}) {
            const std::vector<double> &reported = fractions[stage];
            QVERIFY2(!reported.empty() && std::is_sorted(reported.begin(), reported.end()) && reported.back() == 1.0,
                     stage);
        }

        std::stop_source stop;
        stop.request_stop();
        QVERIFY_THROWS_EXCEPTION(Cancelled, extract(models, goldenInputs(folder), WorkControl{stop.get_token(), {}}));
    }

    // The real models' configs: parsed, the encoder path built without memory on the meta device.
    void realConfigsBuildTheEncoderPath_data() {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("hookedModule");
        QTest::addColumn<int>("featureGridAtFullResolution");
        QTest::addColumn<int>("resolution");
        QTest::addColumn<qlonglong>("unetParameters");
        auto row = [](const char *model, const char *hookedModule, int grid, int resolution, qlonglong parameters) {
            QTest::newRow(model) << QString(model) << QString(hookedModule) << grid << resolution << parameters;
        };
        // Hooks and grids from fixtures/configs/README.md; parameter counts summed by hand from
        // diffusers' layer shapes (conv_in, time and added embeddings, down blocks to the hook).
        row("ssd-1b", "down_blocks.2.attentions.1.transformer_blocks.3.attn1", 32, 1024, 383'341'440);
        row("segmind-vega", "down_blocks.2.attentions.1.transformer_blocks.1.attn1", 32, 1024, 224'307'840);
        row("sd-1.4", "down_blocks.2.attentions.1.transformer_blocks.0.attn1", 16, 512, 148'089'600);
    }

    void realConfigsBuildTheEncoderPath() {
        QFETCH(QString, model);
        QFETCH(QString, hookedModule);
        QFETCH(int, featureGridAtFullResolution);
        QFETCH(int, resolution);
        QFETCH(qlonglong, unetParameters);
        const std::filesystem::path folder = realConfigs(model.toUtf8().constData());
        const UNetConfig unet = parseUNetConfig(folder / "unet/config.json");
        const VaeConfig vae = parseVaeConfig(folder / "vae/config.json");
        QCOMPARE(QString::fromStdString(unet.hookedModuleName()), hookedModule);
        QCOMPARE(unet.hookedChannels(), 1280);
        QCOMPARE(resolution / (vae.latentStride() * unet.featureStride()), featureGridAtFullResolution);

        const auto meta = at::TensorOptions().dtype(at::kFloat).device(at::kMeta);
        UNetEncoderImpl unetEncoder(unet, meta);
        VaeEncoderImpl vaeEncoder(vae, meta);
        const auto parameters = unetEncoder.named_parameters();
        const std::string hooked = hookedModule.toStdString();
        const std::string hookedBlock = hooked.substr(0, hooked.size() - std::string(".attn1").size());
        QVERIFY(parameters.contains(hooked + ".to_q.weight"));
        QVERIFY(parameters[hooked + ".to_q.weight"].sizes().equals({1280, 1280}));
        QVERIFY(!parameters.contains(hookedBlock + ".attn2.to_q.weight")); // after the hook: not built
        QVERIFY(!parameters.contains("down_blocks.2.attentions.1.proj_out.weight"));
        QCOMPARE(parameters.contains("add_embedding.linear_1.weight"), unet.hasTextTimeEmbedding());
        qInfo("%s: UNet encoder path %lld parameters (%zu tensors), VAE encoder %lld parameters", qPrintable(model),
              parameterCount(unetEncoder), parameters.size(), parameterCount(vaeEncoder));
        QCOMPARE(parameterCount(unetEncoder), unetParameters);
        QCOMPARE(parameterCount(vaeEncoder), qlonglong(34'163'664)); // the SDXL / SD 1.x VAE encoder + quant_conv
    }
};

QTEST_GUILESS_MAIN(TestTorchUNet)
#include "test_torch_unet.moc"
