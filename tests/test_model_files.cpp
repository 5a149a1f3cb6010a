// Torch-free parts of the diffusion encoder: the noise schedule, model folders, the Hugging Face
// cache layout, and the feature cache.
#include "common/error.h"
#include "diffusion/model_folder.h"
#include "diffusion/safetensors.h"
#include "diffusion/scheduler.h"
#include "features/feature_cache.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

#include <QTest>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

namespace fs = std::filesystem;
using namespace diffcut;

namespace {

fs::path pipeline(const char *name) { return testing::fixturesDir() / "pipeline" / name; }

float goldenScalar(const SafetensorsFile &file, const char *name, std::size_t index = 0) {
    const TensorInfo *info = file.find(name);
    if (!info)
        qFatal("golden tensor %s missing", name);
    float value;
    std::memcpy(&value, file.bytes(*info).data() + index * sizeof(float), sizeof value);
    return value;
}

// A copy of a model folder made of symlinks, as the Hugging Face cache lays out snapshots.
void linkTree(const fs::path &from, const fs::path &to) {
    fs::create_directories(to);
    for (const auto &entry : fs::directory_iterator(from)) {
        if (entry.is_directory())
            linkTree(entry.path(), to / entry.path().filename());
        else
            fs::create_symlink(entry.path(), to / entry.path().filename());
    }
}

// A link tree of a fixture pipeline in which `file` (relative) is replaced by `content`.
fs::path pipelineWith(const QTemporaryDir &dir, const char *name, const std::string &file, const std::string &content) {
    const fs::path copy = testing::toPath(dir) / "model";
    linkTree(pipeline(name), copy);
    fs::remove(copy / file);
    std::ofstream(copy / file) << content;
    return copy;
}

// The fixture's JSON file `file` with `key` set to `value`.
std::string editedJson(const char *name, const std::string &file, const std::string &key, const nlohmann::json &value) {
    std::ifstream in(pipeline(name) / file);
    nlohmann::json json = nlohmann::json::parse(in);
    json[key] = value;
    return json.dump();
}

class ScopedEnv {
public:
    ScopedEnv(const char *name, const std::string &value) : name_(name) { setenv(name, value.c_str(), 1); }
    ~ScopedEnv() { unsetenv(name_); }

private:
    const char *name_;
};

} // namespace

class TestModelFiles : public QObject {
    Q_OBJECT
private slots:
    void noiseScheduleMatchesDiffusers() {
        DIFFCUT_REQUIRE_FIXTURES();
        for (const char *name : {"sdxl-tiny-full", "sd14-tiny-full"}) {
            const NoiseSchedule schedule = NoiseSchedule::fromConfig(pipeline(name) / "scheduler/scheduler_config.json");
            const SafetensorsFile golden = SafetensorsFile::open(pipeline(name) / "golden/expected.safetensors");
            QCOMPARE(schedule.alphasCumprod.size(), std::size_t(1000));
            float worst = 0;
            for (std::size_t t = 0; t < 1000; ++t) {
                const float reference = goldenScalar(golden, "alphas_cumprod", t);
                worst = std::max(worst, std::abs(schedule.alphasCumprod[t] - reference) / reference);
            }
            qInfo("%s: alphas_cumprod max relative difference %.3g", name, worst);
            // torch's vectorised linspace rounds per SIMD block (≤ 1 ulp per beta); over 1000
            // products that stays ~1e-6, a hundredth of the feature tolerance.
            QVERIFY(worst <= 3e-6f);
            QCOMPARE(std::sqrt(schedule.alphaCumprod(50)), goldenScalar(golden, "sqrt_alpha_prod"));
            QVERIFY_THROWS_EXCEPTION(Error, schedule.alphaCumprod(1000));
            QVERIFY_THROWS_EXCEPTION(Error, schedule.alphaCumprod(-1));
        }
    }

    void unsupportedScheduleIsAnError() {
        QTemporaryDir dir;
        const fs::path config = testing::toPath(dir) / "scheduler_config.json";
        std::ofstream(config) << R"({"beta_schedule": "squaredcos_cap_v3", "beta_start": 0.1, "beta_end": 0.2, "num_train_timesteps": 10})";
        try {
            NoiseSchedule::fromConfig(config);
            QFAIL("accepted");
        } catch (const Error &e) {
            QVERIFY(QString(e.what()).contains("squaredcos_cap_v3"));
        }
    }

    void inspectsPipelineFolders() {
        DIFFCUT_REQUIRE_FIXTURES();
        const ModelInfo xl = inspectModel(pipeline("sdxl-tiny-full"));
        QCOMPARE(xl.family, ModelFamily::StableDiffusionXL);
        QCOMPARE(xl.resolution, 64);
        QCOMPARE(xl.components.size(), std::size_t(5));
        QVERIFY(xl.complete());
        QVERIFY(xl.bytes() > 10'000'000);
        const ModelInfo sd = inspectModel(pipeline("sd14-tiny-full"));
        QCOMPARE(sd.family, ModelFamily::StableDiffusion1);
        QCOMPARE(sd.components.size(), std::size_t(4));
        QVERIFY_THROWS_EXCEPTION(Error, inspectModel(testing::fixturesDir() / "ncut-ref"));
    }

    void reportsMissingWeights() {
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        const fs::path copy = testing::toPath(dir) / "model";
        linkTree(pipeline("sdxl-tiny-full"), copy);
        for (const auto &entry : fs::directory_iterator(copy / "vae"))
            if (entry.path().extension() == ".safetensors")
                fs::remove(entry.path());
        fs::remove(copy / "text_encoder_2/config.json");
        const ModelInfo info = inspectModel(copy);
        QVERIFY(!info.complete());
        QStringList missing;
        for (const ModelComponent &component : info.components)
            for (const std::string &file : component.missing)
                missing << QString::fromStdString(file);
        QCOMPARE(missing, (QStringList{"vae/*.safetensors", "text_encoder_2/config.json"}));
    }

    void findsModelsInTheHuggingFaceCache() {
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        const fs::path hub = testing::toPath(dir) / "hf/hub";
        const fs::path repo = hub / "models--tiny--sdxl";
        linkTree(pipeline("sdxl-tiny-full"), repo / "snapshots/0123abcd");
        fs::create_directories(repo / "snapshots/old");
        fs::create_directories(repo / "refs");
        std::ofstream(repo / "refs/main") << "0123abcd";
        const ScopedEnv home("HF_HOME", (testing::toPath(dir) / "hf").string());

        QCOMPARE(huggingFaceHubCache(), hub);
        QCOMPARE(resolveModel("tiny/sdxl"), repo / "snapshots/0123abcd");
        const std::vector<ModelInfo> models = discoverModels();
        QCOMPARE(models.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(models[0].id), QString("tiny/sdxl"));
        QVERIFY(models[0].complete());
        try {
            resolveModel("nobody/nothing");
            QFAIL("resolved a missing model");
        } catch (const Error &e) {
            QVERIFY(QString(e.what()).contains(QString::fromStdString(hub.string())));
        }
    }

    void featureCacheRoundTripsAndKeysOnPixelsAndEncoder() {
        QTemporaryDir dir;
        const FeatureCache cache(testing::toPath(dir));
        cv::Mat3b image(4, 5, cv::Vec3b(10, 20, 30));
        FeatureMap features(2, 2, 2);
        features.values = {1, 2, 3, 4, 5, 6, 7, 8};
        QVERIFY(!cache.load(image, "enc/1"));
        cache.store(image, "enc/1", features);
        QCOMPARE(cache.load(image, "enc/1")->values, features.values);
        QVERIFY(!cache.load(image, "enc/2"));
        image(1, 1) = cv::Vec3b(0, 0, 0);
        QVERIFY(!cache.load(image, "enc/1"));
        // A corrupt entry is dropped, not an error.
        std::ofstream(cache.pathFor(image, "enc/1")) << "garbage";
        QVERIFY(!cache.load(image, "enc/1"));
        QVERIFY(!fs::exists(cache.pathFor(image, "enc/1")));
    }

    void featureCacheEntriesThatFailTheirCheckAreNeverUsed_data() {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("reason");
        QTest::newRow("one flipped bit in the features") << "flip" << "checksum mismatch";
        QTest::newRow("empty file") << "empty" << "no checksum trailer";
        QTest::newRow("cut short") << "truncate" << "no checksum trailer";
        QTest::newRow("bytes appended") << "append" << "no checksum trailer";
    }

    void featureCacheEntriesThatFailTheirCheckAreNeverUsed() {
        QFETCH(QString, damage);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        std::vector<std::string> notes;
        const FeatureCache cache(testing::toPath(dir), [&](const std::string &note) { notes.push_back(note); });
        const cv::Mat3b image(4, 5, cv::Vec3b(10, 20, 30));
        FeatureMap features(2, 2, 2);
        features.values = {1, 2, 3, 4, 5, 6, 7, 8};
        cache.store(image, "enc/1", features);
        const fs::path entry = cache.pathFor(image, "enc/1");
        std::string bytes;
        {
            std::ifstream in(entry, std::ios::binary);
            bytes.assign(std::istreambuf_iterator<char>(in), {});
        }
        if (damage == "flip")
            bytes[bytes.size() - 24 - 5] ^= 0x10; // inside the last float: still a valid .npy, with another value
        else if (damage == "empty")
            bytes.clear();
        else if (damage == "truncate")
            bytes.resize(bytes.size() - 30);
        else
            bytes += "more";
        std::ofstream(entry, std::ios::binary | std::ios::trunc) << bytes;

        QVERIFY(!cache.load(image, "enc/1"));
        QVERIFY(!fs::exists(entry));
        QCOMPARE(notes.size(), std::size_t(1));
        QVERIFY2(notes[0].find(entry.string()) != std::string::npos && notes[0].find(reason.toStdString()) != std::string::npos,
                 notes[0].c_str());
    }

    void aFullDiskOnlyCostsTheFeatureCache() {
        QTemporaryDir dir;
        std::vector<std::string> notes;
        const FeatureCache cache(testing::toPath(dir), [&](const std::string &note) { notes.push_back(note); });
        const cv::Mat3b image(4, 5, cv::Vec3b(10, 20, 30));
        FeatureMap features(64, 8, 8);
        {
            const testing::ScopedFileSizeLimit fullDisk(1024);
            cache.store(image, "enc/1", features); // 16 KB: the write fails
        }
        QCOMPARE(notes.size(), std::size_t(1));
        QVERIFY2(notes[0].starts_with("the features were not cached: ") && notes[0].find("disk full") != std::string::npos,
                 notes[0].c_str());
        QVERIFY(fs::is_empty(testing::toPath(dir))); // no entry, no temporary file
        QVERIFY(!cache.load(image, "enc/1"));
        cache.store(image, "enc/1", features); // room again
        QCOMPARE(cache.load(image, "enc/1")->values, features.values);
    }

    void modelChecksBoundEveryValueTheEncoderUses_data() {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("expected");
        const auto unet = [](const nlohmann::json &sampleSize) {
            return QString::fromStdString(editedJson("sdxl-tiny-full", "unet/config.json", "sample_size", sampleSize));
        };
        const auto scheduler = [](const std::string &key, const nlohmann::json &value) {
            return QString::fromStdString(editedJson("sdxl-tiny-full", "scheduler/scheduler_config.json", key, value));
        };
        QTest::newRow("sample_size 4096") << "unet/config.json" << unet(4096) << "sample_size must be an integer from 1 to 2048, not 4096";
        QTest::newRow("resolution 4096") << "unet/config.json" << unet(2048)
                                         << "unet/config.json: sample_size 2048 makes the model's resolution 4096 px";
        QTest::newRow("sample_size 0") << "unet/config.json" << unet(0) << "unet/config.json: sample_size must be";
        QTest::newRow("sample_size -8") << "unet/config.json" << unet(-8) << "sample_size must be an integer from 1";
        QTest::newRow("sample_size 2^31") << "unet/config.json" << unet(2147483648LL) << "not 2147483648";
        QTest::newRow("sample_size text") << "unet/config.json" << unet("64") << "sample_size must be";
        QTest::newRow("unparseable scheduler") << "scheduler/scheduler_config.json" << "{\"beta_start\": "
                                               << "scheduler_config.json: not a valid JSON file";
        QTest::newRow("no timesteps") << "scheduler/scheduler_config.json" << scheduler("num_train_timesteps", 0)
                                      << "num_train_timesteps must be an integer from 1 to 100000, not 0";
        QTest::newRow("beta above 1") << "scheduler/scheduler_config.json" << scheduler("beta_end", 1.5)
                                      << "beta_end must be a number from 0 to below 1, not 1.5";
        QTest::newRow("trained betas") << "scheduler/scheduler_config.json" << scheduler("trained_betas", {0.1, "x"})
                                       << "trained_betas must be a list";
        QTest::newRow("class name") << "model_index.json"
                                    << QString::fromStdString(editedJson("sdxl-tiny-full", "model_index.json", "_class_name", 5))
                                    << "model_index.json: _class_name must be a string, not 5";
    }

    void modelChecksBoundEveryValueTheEncoderUses() {
        DIFFCUT_REQUIRE_FIXTURES();
        QFETCH(QString, file);
        QFETCH(QString, content);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const fs::path model = pipelineWith(dir, "sdxl-tiny-full", file.toStdString(), content.toStdString());
        testing::expectError([&] { inspectModel(model); }, expected.toStdString());
    }

    void discoveryListsTheGoodModelsAndNamesEachBadOne() {
        DIFFCUT_REQUIRE_FIXTURES();
        QTemporaryDir dir;
        const fs::path folder = testing::toPath(dir) / "models";
        linkTree(pipeline("sd14-tiny-full"), folder / "good");
        fs::create_directory_symlink(folder / "loop", folder / "loop"); // a symlink loop
        linkTree(pipeline("sdxl-tiny-full"), folder / "bad-class");
        fs::remove(folder / "bad-class/model_index.json");
        std::ofstream(folder / "bad-class/model_index.json")
            << editedJson("sdxl-tiny-full", "model_index.json", "_class_name", {"not", "a", "string"});
        fs::create_directories(folder / "not-a-model");
        std::ofstream(folder / "README") << "notes";
        std::vector<std::string> unusable;
        const std::vector<ModelInfo> models = discoverModels({folder}, &unusable);
        QCOMPARE(models.size(), std::size_t(1));
        QCOMPARE(models[0].id, std::string("good"));
        std::sort(unusable.begin(), unusable.end());
        QCOMPARE(unusable.size(), std::size_t(2));
        QVERIFY2(unusable[0].starts_with((folder / "bad-class/model_index.json").string() + ": _class_name must be a string"),
                 unusable[0].c_str());
        QCOMPARE(unusable[1], (folder / "loop").string() + ": cannot be read (Too many levels of symbolic links)");
    }
};

QTEST_APPLESS_MAIN(TestModelFiles)
#include "test_model_files.moc"
