// `diffcut model pull` against a stand-in for the Hugging Face hub (tests/hub_server.py, on
// 127.0.0.1 only) serving the tiny SDXL fixture pipeline as tiny/sdxl: the cache layout, only the
// files DiffCut needs, no second download, resume, verification, and the HTTP error messages.
#include "common/error.h"
#include "diffusion/model_folder.h"
#include "diffusion/openclip_folder.h"
#include "download/model_download.h"
#include "test_support.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <optional>
#include <stop_token>

namespace fs = std::filesystem;
using namespace diffcut;
using diffcut::testing::errorOf;

namespace {

const std::string unetWeights = "unet/diffusion_pytorch_model.fp16.safetensors";
const std::string vaeWeights = "vae/diffusion_pytorch_model.fp16.safetensors";

fs::path servedFolder() { return testing::fixturesDir() / "pipeline/sdxl-tiny-full"; }

// What DiffCut needs of the fixture: the fp16 unet and vae, no tokenizers, no full-precision twins.
const QStringList neededFiles{"model_index.json",
                              "scheduler/scheduler_config.json",
                              "text_encoder/config.json",
                              "text_encoder/model.safetensors",
                              "text_encoder_2/config.json",
                              "text_encoder_2/model.safetensors",
                              "unet/config.json",
                              QString::fromStdString(unetWeights),
                              "vae/config.json",
                              QString::fromStdString(vaeWeights)};

std::uint64_t neededBytes() {
    std::uint64_t bytes = 0;
    for (const QString &name : neededFiles)
        bytes += fs::file_size(servedFolder() / name.toStdString());
    return bytes;
}

QString python3() { return QStandardPaths::findExecutable("python3"); }

#define REQUIRE_HUB_SERVER()                                                                                    \
    do {                                                                                                        \
        DIFFCUT_REQUIRE_FIXTURES();                                                                             \
        if (python3().isEmpty())                                                                                \
            QSKIP("python3 not found: these tests serve a stand-in Hugging Face hub with tests/hub_server.py"); \
    } while (false)

QByteArray readBytes(const fs::path &path) {
    QFile file(QString::fromStdString(path.string()));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

std::string sha256Of(const fs::path &path) {
    return QCryptographicHash::hash(readBytes(path), QCryptographicHash::Sha256).toHex().toStdString();
}

// Every file and link under `folder`, as sorted relative paths.
QStringList filesUnder(const fs::path &folder) {
    QStringList files;
    for (const auto &entry : fs::recursive_directory_iterator(folder))
        if (!entry.is_directory())
            files << QString::fromStdString(entry.path().lexically_relative(folder).generic_string());
    files.sort();
    return files;
}

struct LoggedRequest {
    std::string method, path, range;
};

// tests/hub_server.py serving the fixture as tiny/sdxl for one test; killed when it goes out of
// scope (and it exits by itself should this process die first).
class HubServer {
public:
    explicit HubServer(const QStringList &options = {}, const fs::path &folder = servedFolder(), const QString &repo = "tiny/sdxl") {
        log_ = logDir_.filePath("requests.jsonl");
        const QString script = QString::fromStdString((testing::sourceDir() / "tests/hub_server.py").string());
        process_.start(python3(), QStringList{script, "--folder", QString::fromStdString(folder.string()),
                                              "--repo", repo, "--log", log_, "--timeout", "120"} +
                                      options);
        while (process_.waitForStarted(10'000) && !process_.canReadLine() && process_.waitForReadyRead(10'000)) {
        }
        port_ = process_.readLine().trimmed().toInt();
    }
    ~HubServer() { stop(); }

    bool started() const { return port_ > 0; }
    QByteArray errors() { return process_.readAllStandardError(); }
    std::string endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }
    void stop() {
        process_.kill();
        process_.waitForFinished(5'000);
    }

    std::vector<LoggedRequest> requests() const {
        std::vector<LoggedRequest> requests;
        std::ifstream log(log_.toStdString());
        for (std::string line; std::getline(log, line);) {
            const nlohmann::json request = nlohmann::json::parse(line);
            const nlohmann::json &range = request["range"];
            requests.push_back({request["method"].get<std::string>(), request["path"].get<std::string>(),
                                range.is_string() ? range.get<std::string>() : std::string()});
        }
        return requests;
    }

private:
    QTemporaryDir logDir_;
    QString log_;
    QProcess process_;
    int port_ = 0;
};

PullOptions optionsFor(const HubServer &hub, const fs::path &cache, std::string repoId = "tiny/sdxl") {
    PullOptions options;
    options.repoId = std::move(repoId);
    options.endpoint = hub.endpoint();
    options.hubCache = cache;
    return options;
}


const fs::path repoFolder = "models--tiny--sdxl";

// Sets (or, with nullopt, removes) an environment variable for one scope.
class EnvOverride {
public:
    EnvOverride(const char *name, std::optional<std::string> value) : name_(name), saved_(qgetenv(name)), had_(qEnvironmentVariableIsSet(name)) {
        value ? qputenv(name, QByteArray::fromStdString(*value)) : qunsetenv(name);
    }
    ~EnvOverride() { had_ ? qputenv(name_, saved_) : qunsetenv(name_); }

private:
    const char *name_;
    QByteArray saved_;
    bool had_;
};

} // namespace

class TestModelPull : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        // A proxy from the environment must not take the requests to 127.0.0.1 elsewhere.
        qputenv("no_proxy", "127.0.0.1,localhost");
    }

    void pullsOnlyTheNeededFilesIntoTheCacheLayout() {
        REQUIRE_HUB_SERVER();
        HubServer hub;
        QVERIFY2(hub.started(), hub.errors().constData());
        QTemporaryDir dir;
        const fs::path cache = testing::toPath(dir) / "hub";
        std::vector<PullProgress> reports;
        const fs::path snapshot = pullModel(optionsFor(hub, cache), [&](const PullProgress &p) { reports.push_back(p); });

        const fs::path repo = cache / repoFolder;
        QCOMPARE(snapshot.parent_path(), repo / "snapshots");
        QCOMPARE(QString::fromStdString(readBytes(repo / "refs/main").toStdString()),
                 QString::fromStdString(snapshot.filename().string()));
        QCOMPARE(cachedSnapshot(cache, "tiny/sdxl"), snapshot);
        QVERIFY(inspectModel(snapshot).complete());
        QCOMPARE(filesUnder(snapshot), neededFiles);
        for (const QString &name : neededFiles) {
            const fs::path link = snapshot / name.toStdString();
            QVERIFY2(fs::is_symlink(link), qPrintable(name));
            const fs::path target = fs::read_symlink(link);
            QVERIFY2(target.is_relative(), qPrintable(name));
            const fs::path blob = (link.parent_path() / target).lexically_normal();
            QCOMPARE(blob.parent_path(), repo / "blobs");
            QVERIFY2(readBytes(blob) == readBytes(servedFolder() / name.toStdString()), qPrintable(name));
            if (name.endsWith(".safetensors")) // LFS files are stored under their sha256
                QCOMPARE(blob.filename().string(), sha256Of(blob));
        }
        for (const auto &entry : fs::directory_iterator(repo / "blobs"))
            QVERIFY2(entry.path().extension() != ".incomplete", entry.path().c_str());

        for (const LoggedRequest &request : hub.requests()) {
            const QString path = QString::fromStdString(request.path);
            QVERIFY2(!path.contains("tokenizer") && !path.contains("golden") &&
                         !path.contains("diffusion_pytorch_model.safetensors"),
                     qPrintable(path));
        }

        QVERIFY(!reports.empty());
        std::uint64_t previous = 0;
        for (const PullProgress &report : reports) {
            QVERIFY(report.bytes >= previous);
            QVERIFY(report.fileBytes <= report.fileSize);
            QCOMPARE(report.fileCount, std::size_t(neededFiles.size()));
            previous = report.bytes;
        }
        QCOMPARE(reports.back().bytes, neededBytes());
        QCOMPARE(reports.back().totalBytes, neededBytes());
        QCOMPARE(reports.back().fileIndex, reports.back().fileCount);
        QVERIFY(reports.back().bytesPerSecond > 0);
        QCOMPARE(reports.back().secondsLeft, 0.0);
    }

    void aSecondPullDownloadsNothing() {
        REQUIRE_HUB_SERVER();
        HubServer hub;
        QVERIFY2(hub.started(), hub.errors().constData());
        QTemporaryDir dir;
        const fs::path cache = testing::toPath(dir) / "hub";
        const fs::path snapshot = pullModel(optionsFor(hub, cache));
        const std::size_t firstRequests = hub.requests().size();
        std::uint64_t finalBytes = 0;
        QCOMPARE(pullModel(optionsFor(hub, cache), [&](const PullProgress &p) { finalBytes = p.bytes; }), snapshot);
        const std::vector<LoggedRequest> requests = hub.requests();
        QCOMPARE(requests.size(), firstRequests + 1); // only the API's description of the revision
        QVERIFY(requests.back().path.starts_with("/api/models/tiny/sdxl/revision/main"));
        QCOMPARE(finalBytes, neededBytes());
    }

    void resumesAfterTheConnectionDrops() {
        REQUIRE_HUB_SERVER();
        HubServer hub({"--drop-once", QString::fromStdString(unetWeights)});
        QVERIFY2(hub.started(), hub.errors().constData());
        QTemporaryDir dir;
        const fs::path snapshot = pullModel(optionsFor(hub, testing::toPath(dir)));
        QVERIFY(readBytes(snapshot / unetWeights) == readBytes(servedFolder() / unetWeights));

        const std::string blob = "/blobs/" + sha256Of(servedFolder() / unetWeights);
        std::vector<std::string> ranges;
        for (const LoggedRequest &request : hub.requests())
            if (request.method == "GET" && request.path == blob)
                ranges.push_back(request.range);
        const std::uint64_t half = fs::file_size(servedFolder() / unetWeights) / 2;
        QCOMPARE(ranges, (std::vector<std::string>{"", "bytes=" + std::to_string(half) + "-"}));
    }

    void resumesAPartialFileLeftByAnEarlierPull() {
        REQUIRE_HUB_SERVER();
        HubServer hub;
        QVERIFY2(hub.started(), hub.errors().constData());
        QTemporaryDir dir;
        const fs::path cache = testing::toPath(dir);
        // What an interrupted `huggingface-cli download` or `diffcut model pull` leaves behind.
        const std::string sha256 = sha256Of(servedFolder() / vaeWeights);
        const QByteArray content = readBytes(servedFolder() / vaeWeights);
        fs::create_directories(cache / repoFolder / "blobs");
        std::ofstream(cache / repoFolder / "blobs" / (sha256 + ".incomplete"), std::ios::binary)
            .write(content.constData(), 1000);

        const fs::path snapshot = pullModel(optionsFor(hub, cache));
        QVERIFY(readBytes(snapshot / vaeWeights) == content);
        QVERIFY(!fs::exists(cache / repoFolder / "blobs" / (sha256 + ".incomplete")));
        std::vector<std::string> ranges;
        for (const LoggedRequest &request : hub.requests())
            if (request.method == "GET" && request.path == "/blobs/" + sha256)
                ranges.push_back(request.range);
        QCOMPARE(ranges, std::vector<std::string>{"bytes=1000-"});
    }

    void rejectsACorruptedFileAndKeepsNoBlob() {
        REQUIRE_HUB_SERVER();
        HubServer hub({"--corrupt", QString::fromStdString(vaeWeights)});
        QVERIFY2(hub.started(), hub.errors().constData());
        QTemporaryDir dir;
        const fs::path cache = testing::toPath(dir);
        const QString error = errorOf([&] { pullModel(optionsFor(hub, cache)); });
        QVERIFY2(error.contains(QString::fromStdString("tiny/sdxl/" + vaeWeights)) && error.contains("sha256"),
                 qPrintable(error));
        const std::string sha256 = sha256Of(servedFolder() / vaeWeights);
        QVERIFY(!fs::exists(cache / repoFolder / "blobs" / sha256));
        QVERIFY(!fs::exists(cache / repoFolder / "blobs" / (sha256 + ".incomplete")));
        QVERIFY(!fs::exists(cache / repoFolder / "refs/main")); // the cache does not point at a broken snapshot
    }

    void privateReposNeedAToken() {
        REQUIRE_HUB_SERVER();
        HubServer hub({"--token", "s3cret"});
        QVERIFY2(hub.started(), hub.errors().constData());
        QTemporaryDir dir;
        PullOptions options = optionsFor(hub, testing::toPath(dir));
        QCOMPARE(errorOf([&] { pullModel(options); }), QString("tiny/sdxl: needs a Hugging Face token (set HF_TOKEN)"));
        options.token = "wrong";
        QCOMPARE(errorOf([&] { pullModel(options); }), QString("tiny/sdxl: the Hugging Face token was refused (check HF_TOKEN)"));
        options.token = "s3cret";
        QVERIFY(inspectModel(pullModel(options)).complete());
    }

    void unknownReposAndRevisionsAreNotFound() {
        REQUIRE_HUB_SERVER();
        HubServer hub;
        QVERIFY2(hub.started(), hub.errors().constData());
        QTemporaryDir dir;
        const fs::path cache = testing::toPath(dir);
        QCOMPARE(errorOf([&] { pullModel(optionsFor(hub, cache, "tiny/nothing")); }),
                 QString::fromStdString("tiny/nothing: repository or file not found on " + hub.endpoint()));
        PullOptions options = optionsFor(hub, cache);
        options.revision = "v9";
        QCOMPARE(errorOf([&] { pullModel(options); }), QString("tiny/sdxl: revision 'v9' not found"));
        QVERIFY(fs::is_empty(cache));
        QVERIFY(errorOf([&] { pullModel(optionsFor(hub, cache, "../etc")); }).contains("not a Hugging Face repo id"));
    }

    void anUnreachableHubIsAnError() {
        REQUIRE_HUB_SERVER();
        HubServer hub;
        QVERIFY2(hub.started(), hub.errors().constData());
        hub.stop(); // nothing listens on its port any more
        QTemporaryDir dir;
        const QString error = errorOf([&] { pullModel(optionsFor(hub, testing::toPath(dir))); });
        QVERIFY2(error.startsWith(QString::fromStdString("tiny/sdxl: cannot download from " + hub.endpoint() + ": ")),
                 qPrintable(error));
    }

    void cancelsAndALaterPullFinishes() {
        REQUIRE_HUB_SERVER();
        HubServer hub;
        QVERIFY2(hub.started(), hub.errors().constData());
        QTemporaryDir dir;
        const fs::path cache = testing::toPath(dir);
        std::stop_source stop;
        WorkControl control;
        control.stop = stop.get_token();
        const auto stopAtTheUnet = [&](const PullProgress &p) {
            if (p.file == unetWeights)
                stop.request_stop();
        };
        QVERIFY_THROWS_EXCEPTION(Cancelled, pullModel(optionsFor(hub, cache), stopAtTheUnet, control));
        QVERIFY(!fs::exists(cache / repoFolder / "refs/main"));
        QVERIFY(inspectModel(pullModel(optionsFor(hub, cache))).complete());
    }

    void choosesSafetensorsWeightsPreferringFp16() {
        const std::vector<std::string> repoFiles{
            "model_index.json", "README.md", "scheduler/scheduler_config.json",
            "unet/config.json", "unet/diffusion_pytorch_model.safetensors",
            "unet/diffusion_pytorch_model.fp16.safetensors", "unet/diffusion_pytorch_model.bin",
            "unet/diffusion_pytorch_model.fp16.bin", "unet/diffusion_pytorch_model.bf16.safetensors",
            "unet/diffusion_pytorch_model.non_ema.safetensors", "unet/diffusion_flax_model.msgpack",
            "unet/model.onnx", "unet/ema/diffusion_pytorch_model.safetensors",
            "vae/config.json", "vae/diffusion_pytorch_model.safetensors", "vae/diffusion_pytorch_model.bin",
            "text_encoder/config.json", "text_encoder/model-00001-of-00002.safetensors",
            "text_encoder/model-00002-of-00002.safetensors", "text_encoder/model.safetensors.index.json",
            "text_encoder/pytorch_model.bin",
            "text_encoder_2/config.json", "text_encoder_2/model.safetensors",
            "text_encoder_2/model.fp16-00001-of-00002.safetensors",
            "text_encoder_2/model.fp16-00002-of-00002.safetensors",
            "text_encoder_2/model.safetensors.index.fp16.json",
            "tokenizer/vocab.json", "safety_checker/config.json", "safety_checker/model.safetensors",
            "sd_xl_base_1.0.safetensors", "sd_xl_base_1.0.ckpt"};
        const std::vector<std::string> components{"unet", "vae", "text_encoder", "text_encoder_2",
                                                  "tokenizer", "safety_checker", "scheduler"};
        const std::vector<std::string> expected{
            "model_index.json", "scheduler/scheduler_config.json",
            "unet/config.json", "unet/diffusion_pytorch_model.fp16.safetensors",
            "vae/config.json", "vae/diffusion_pytorch_model.safetensors",
            "text_encoder/config.json", "text_encoder/model-00001-of-00002.safetensors",
            "text_encoder/model-00002-of-00002.safetensors", "text_encoder/model.safetensors.index.json",
            "text_encoder_2/config.json", "text_encoder_2/model.fp16-00001-of-00002.safetensors",
            "text_encoder_2/model.fp16-00002-of-00002.safetensors",
            "text_encoder_2/model.safetensors.index.fp16.json"};
        QCOMPARE(pipelineFilesToPull(repoFiles, components), expected);

        // Components model_index.json does not name are left alone (an SD 1.x pipeline).
        const std::vector<std::string> sd1 = pipelineFilesToPull(repoFiles, {"unet", "vae", "text_encoder"});
        QVERIFY(std::none_of(sd1.begin(), sd1.end(), [](const std::string &f) { return f.starts_with("text_encoder_2/"); }));

        const QString error = errorOf([] { pipelineFilesToPull({"unet/config.json", "unet/diffusion_pytorch_model.bin"}, {"unet"}); });
        QCOMPARE(error, QString("unet has no .safetensors weights (DiffCut reads only safetensors)"));
    }

    void pullsAnOpenClipModel() {
        REQUIRE_HUB_SERVER();
        const fs::path served = testing::fixturesDir() / "openclip/convnext-tiny-a";
        HubServer hub({}, served, "laion/tiny-convnext");
        QVERIFY2(hub.started(), hub.errors().constData());
        QTemporaryDir dir;
        const fs::path snapshot = pullModel(optionsFor(hub, testing::toPath(dir) / "hub", "laion/tiny-convnext"));
        QCOMPARE(filesUnder(snapshot),
                 (QStringList{"merges.txt", "open_clip_config.json", "open_clip_model.safetensors", "vocab.json"}));
        const OpenClipModelInfo info = inspectOpenClipModel(snapshot);
        QVERIFY(info.complete());
        QCOMPARE(info.id, std::string("laion/tiny-convnext"));
        for (const LoggedRequest &request : hub.requests())
            QVERIFY2(request.path.find("golden") == std::string::npos, request.path.c_str());
    }

    void choosesOpenClipFiles() {
        const std::vector<std::string> hubRepo{".gitattributes", "README.md", "open_clip_config.json",
                                               "open_clip_pytorch_model.bin", "open_clip_model.safetensors",
                                               "vocab.json", "merges.txt", "tokenizer.json", "tokenizer_config.json",
                                               "special_tokens_map.json"};
        QCOMPARE(openClipFilesToPull(hubRepo), (std::vector<std::string>{"open_clip_config.json", "open_clip_model.safetensors",
                                                                          "vocab.json", "merges.txt"}));
        // Without tokenizer files the weights still come; `model check` says what is missing.
        QCOMPARE(openClipFilesToPull({"open_clip_config.json", "open_clip_model.safetensors"}),
                 (std::vector<std::string>{"open_clip_config.json", "open_clip_model.safetensors"}));
        QCOMPARE(errorOf([] { openClipFilesToPull({"open_clip_config.json", "open_clip_pytorch_model.bin", "vocab.json"}); }),
                 QString("no open_clip_model.safetensors: the repo has only open_clip_pytorch_model.bin, a pickle, which "
                         "DiffCut does not load"));
    }

    void readsTheEnvironmentAsTheHuggingFaceToolsDo() {
        QTemporaryDir dir;
        const fs::path home = testing::toPath(dir);
        const EnvOverride hfHome("HF_HOME", home.string());
        const EnvOverride hubCache("HF_HUB_CACHE", std::nullopt);
        const EnvOverride legacyHubCache("HUGGINGFACE_HUB_CACHE", std::nullopt);
        {
            const EnvOverride endpoint("HF_ENDPOINT", "http://mirror.example/");
            const EnvOverride token("HF_TOKEN", "from-env");
            const PullOptions options = pullOptionsFromEnvironment("org/model");
            QCOMPARE(options.repoId, std::string("org/model"));
            QCOMPARE(options.revision, std::string("main"));
            QCOMPARE(options.endpoint, std::string("http://mirror.example"));
            QCOMPARE(options.token, std::string("from-env"));
            QCOMPARE(options.hubCache, home / "hub");
        }
        const EnvOverride endpoint("HF_ENDPOINT", std::nullopt);
        const EnvOverride token("HF_TOKEN", std::nullopt);
        {
            const EnvOverride legacy("HUGGING_FACE_HUB_TOKEN", "legacy");
            QCOMPARE(pullOptionsFromEnvironment("org/model").token, std::string("legacy"));
        }
        const EnvOverride legacy("HUGGING_FACE_HUB_TOKEN", std::nullopt);
        QCOMPARE(pullOptionsFromEnvironment("org/model").token, std::string());
        std::ofstream(home / "token") << "from-file\n"; // as `huggingface-cli login` saves it
        const PullOptions options = pullOptionsFromEnvironment("org/model");
        QCOMPARE(options.token, std::string("from-file"));
        QCOMPARE(options.endpoint, std::string("https://huggingface.co"));
    }
};

QTEST_APPLESS_MAIN(TestModelPull)
#include "test_model_pull.moc"
