// The annotation sidecar: round trips, the cache fallback, hostile files, progress, class merging.
#include "annotation/sidecar.h"
#include "common/error.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <fstream>
#include <iterator>

using namespace diffcut;
using diffcut::testing::errorOf;
using diffcut::testing::expectError;
using diffcut::testing::toPath;
namespace fs = std::filesystem;

namespace {

const cv::Size kImageSize(6, 4);

void writeText(const fs::path &path, const std::string &text) {
    std::ofstream stream(path, std::ios::binary | std::ios::trunc);
    stream << text;
}

std::string readText(const fs::path &path) {
    std::ifstream stream(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

std::vector<LabelClass> twoClasses() { return {{"cat", {200, 10, 20}}, {"dog", {0, 128, 255}}}; }

AnnotationState decidedState() {
    AnnotationState state;
    state.tau = 0.37;
    state.alpha = 12.5;
    state.refine = true;
    state.done = true;
    state.overrides = {{"", true}, {"0110", true}, {"10", false}};
    state.nodeClass = {{"01", 0}, {"011", Annotation::kUnlabelled}, {"1", 1}};
    state.merges = {{"01", "10"}, {"111", "000", "001"}};
    paintStroke(state, kImageSize, {{1, 1}, {4, 1}}, 0, BrushValue::forClass(1));
    paintStroke(state, kImageSize, {{5, 3}}, 0, BrushValue::kErased);
    return state;
}

bool sameBrush(const cv::Mat1w &a, const cv::Mat1w &b) {
    return a.size() == b.size() && (a.empty() || cv::countNonZero(a != b) == 0);
}

void compareClasses(const std::vector<LabelClass> &actual, const std::vector<LabelClass> &expected) {
    QCOMPARE(actual.size(), expected.size());
    for (std::size_t index = 0; index < actual.size(); ++index) {
        QCOMPARE(actual[index].name, expected[index].name);
        QVERIFY(actual[index].colour == expected[index].colour);
    }
}

// Whether files can be created in `folder` by this process (root ignores permission bits).
bool canCreateFileIn(const fs::path &folder) {
    const fs::path probe = folder / ".probe";
    const bool created = std::ofstream(probe).good();
    fs::remove(probe);
    return created;
}

} // namespace

class TestSidecar : public QObject {
    Q_OBJECT

private slots:
    void roundTripsNextToTheImage() {
        QTemporaryDir dir;
        const fs::path image = toPath(dir) / "photo.jpg";
        writeText(image, "not really a JPEG");
        const fs::path cache = toPath(dir) / "cache";
        const AnnotationState state = decidedState();

        const fs::path saved = saveSidecar(image, cache, state, twoClasses());
        QCOMPARE(saved, toPath(dir) / "photo.jpg.diffcut.json");
        QCOMPARE(saved, sidecarPathNextTo(image));
        QCOMPARE(findSidecar(image, cache), saved);
        QVERIFY(fs::exists(toPath(dir) / "photo.jpg.diffcut-brush.png"));
        QVERIFY(!fs::exists(cache));

        const nlohmann::json json = nlohmann::json::parse(readText(saved));
        QVERIFY(json.at("format") == "diffcut-annotation");
        QVERIFY(json.at("version") == 1);
        QVERIFY(json.at("image") == "photo.jpg");
        QVERIFY(json.at("imageSize") == nlohmann::json::array({6, 4}));
        QVERIFY(json.at("brush") == "photo.jpg.diffcut-brush.png");
        QVERIFY(json.at("overrides").at("0110") == true);

        const LoadedSidecar loaded = loadSidecar(saved, kImageSize);
        QVERIFY(sameDecisions(loaded.state, state));
        QVERIFY(sameBrush(loaded.state.brush, state.brush));
        compareClasses(loaded.classes, twoClasses());
        QCOMPARE(annotationProgress(image, cache), AnnotationProgress::Done);

        // Without a painted pixel the brush file goes away and the JSON says so.
        AnnotationState unpainted = state;
        unpainted.brush = cv::Mat1w(kImageSize, BrushValue::kUntouched);
        unpainted.done = false;
        saveSidecar(image, cache, unpainted, twoClasses());
        QVERIFY(!fs::exists(toPath(dir) / "photo.jpg.diffcut-brush.png"));
        QVERIFY(nlohmann::json::parse(readText(saved)).at("brush").is_null());
        const LoadedSidecar reloaded = loadSidecar(saved, kImageSize);
        QVERIFY(reloaded.state.brush.empty());
        QVERIFY(sameDecisions(reloaded.state, unpainted));
        QCOMPARE(annotationProgress(image, cache), AnnotationProgress::Started);
    }

    void cachePathsAreStableNamesOfTheAbsolutePath() {
        const fs::path cache = "/somewhere/cache";
        const fs::path inCache = sidecarPathInCache("/data/set/a.jpg", cache);
        QCOMPARE(inCache.parent_path(), cache / "annotations");
        const std::string name = inCache.filename().string();
        QCOMPARE(name.size(), std::size_t(32) + std::string(".diffcut.json").size());
        QVERIFY(name.find_first_not_of("0123456789abcdef") == 32);
        QCOMPARE(sidecarPathInCache("/data/set/./b/../a.jpg", cache), inCache);
        QVERIFY(sidecarPathInCache("/data/set/b.jpg", cache) != inCache);
        QCOMPARE(sidecarPathInCache("a.jpg", cache), sidecarPathInCache(fs::current_path() / "a.jpg", cache));
    }

    void fallsBackToTheCacheWhenTheImageFolderCannotBeWritten() {
        QTemporaryDir dir;
        const fs::path cache = toPath(dir) / "cache";
        // An image in a folder that does not exist (works for root too)...
        const fs::path lost = toPath(dir) / "gone/photo.jpg";
        const fs::path saved = saveSidecar(lost, cache, decidedState(), twoClasses());
        QCOMPARE(saved, sidecarPathInCache(lost, cache));
        QVERIFY(fs::exists(saved));
        QVERIFY(fs::exists(saved.parent_path() / (saved.stem().stem().string() + ".diffcut-brush.png")));
        QCOMPARE(findSidecar(lost, cache), saved);
        const LoadedSidecar loaded = loadSidecar(saved, kImageSize);
        QVERIFY(sameBrush(loaded.state.brush, decidedState().brush));
        QCOMPARE(annotationProgress(lost, cache), AnnotationProgress::Done);
        QCOMPARE(annotationProgress(lost, {}), AnnotationProgress::None); // no cache folder, nothing next to it

        // ...and neither place writable: the cache "folder" is a file.
        writeText(toPath(dir) / "file", "");
        expectError([&] { saveSidecar(lost, toPath(dir) / "file", decidedState(), twoClasses()); },
                    "can be saved neither next to the image");
        expectError([&] { saveSidecar(lost, {}, decidedState(), twoClasses()); }, "cannot be saved");
    }

    void fallsBackToTheCacheForAReadOnlyFolder() {
        QTemporaryDir dir;
        const fs::path folder = toPath(dir) / "readonly";
        fs::create_directory(folder);
        const fs::path image = folder / "photo.jpg";
        writeText(image, "");
        const fs::path cache = toPath(dir) / "cache";
        // An earlier save next to the image, then the folder becomes read-only.
        AnnotationState state = decidedState();
        state.done = false;
        QCOMPARE(saveSidecar(image, cache, state, twoClasses()), sidecarPathNextTo(image));
        fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                    fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
        const bool writable = canCreateFileIn(folder);
        if (!writable) {
            state.done = true;
            const fs::path saved = saveSidecar(image, cache, state, twoClasses());
            QCOMPARE(saved, sidecarPathInCache(image, cache));
            QVERIFY(fs::exists(sidecarPathNextTo(image))); // the old one could not be touched
            // The later save wins over the stale file next to the image.
            fs::last_write_time(saved, fs::last_write_time(sidecarPathNextTo(image)) + std::chrono::seconds(5));
            QCOMPARE(findSidecar(image, cache), saved);
            QCOMPARE(annotationProgress(image, cache), AnnotationProgress::Done);
        }
        fs::permissions(folder, fs::perms::owner_all, fs::perm_options::add);
        if (writable)
            QSKIP("permissions do not restrict this user (root?)");
        // Writable again: the save goes next to the image and the cache copy is removed.
        QCOMPARE(saveSidecar(image, cache, state, twoClasses()), sidecarPathNextTo(image));
        QVERIFY(!fs::exists(sidecarPathInCache(image, cache)));
        QCOMPARE(findSidecar(image, cache), sidecarPathNextTo(image));
    }

    void progressOfImagesWithoutOrWithBrokenSidecars() {
        QTemporaryDir dir;
        const fs::path image = toPath(dir) / "a.png";
        QCOMPARE(annotationProgress(image, toPath(dir) / "cache"), AnnotationProgress::None);
        QVERIFY(findSidecar(image, toPath(dir) / "cache").empty());
        writeText(sidecarPathNextTo(image), "{\"done\": tru");
        QCOMPARE(annotationProgress(image, toPath(dir) / "cache"), AnnotationProgress::Started);
        writeText(sidecarPathNextTo(image), "{\"done\": \"yes\"}");
        QCOMPARE(annotationProgress(image, toPath(dir) / "cache"), AnnotationProgress::Started);
        writeText(sidecarPathNextTo(image), "{\"done\": true}");
        QCOMPARE(annotationProgress(image, toPath(dir) / "cache"), AnnotationProgress::Done);
    }

    void refusesCorruptAndHostileFiles_data() {
        QTest::addColumn<QString>("edit"); // JSON merged into a valid sidecar (null removes a key)
        QTest::addColumn<QString>("expected");
        QTest::newRow("format") << R"({"format": "labelme"})" << "not a DiffCut annotation file";
        QTest::newRow("version") << R"({"version": 2})" << "version 2 is not supported";
        QTest::newRow("version type") << R"({"version": "1"})" << "\"version\" must be an integer";
        QTest::newRow("tau type") << R"({"tau": "0.5"})" << "\"tau\" must be a number from 0.0 to 2.0";
        QTest::newRow("tau range") << R"({"tau": 7})" << "\"tau\" must be a number";
        QTest::newRow("alpha range") << R"({"alpha": 0.5})" << "\"alpha\" must be a number from 1.0 to 50.0";
        QTest::newRow("refine type") << R"({"refine": 1})" << "\"refine\" must be true or false";
        QTest::newRow("image size") << R"({"imageSize": [7, 4]})" << "made for a 7x4 image, but the image is 6x4";
        QTest::newRow("image size type") << R"({"imageSize": "6x4"})" << "\"imageSize\" must be [width, height]";
        QTest::newRow("path characters") << R"({"overrides": {"0120": true}})" << "\"0120\" is not a node path";
        QTest::newRow("path length") << QString(R"({"overrides": {"%1": true}})").arg(QString(65, '1'))
                                     << "is not a node path (up to 64";
        QTest::newRow("override value") << R"({"overrides": {"01": "yes"}})" << "override \"01\" must be true or false";
        QTest::newRow("overrides type") << R"({"overrides": [1]})" << "\"overrides\" must be an object";
        QTest::newRow("class index") << R"({"nodeClass": {"01": 2}})"
                                     << "node \"01\" has class 2, outside the 2 classes";
        QTest::newRow("class index negative") << R"({"nodeClass": {"01": -2}})" << "has class -2";
        QTest::newRow("class index type") << R"({"nodeClass": {"01": 0.5}})" << "has class 0.5";
        QTest::newRow("class name") << R"({"classes": [{"name": 3, "colour": [1, 2, 3]}]})" << "each class must be";
        QTest::newRow("class colour") << R"({"classes": [{"name": "a", "colour": [1, 256, 3]}]})"
                                      << "colour components must be integers 0..255";
        QTest::newRow("merge member") << R"({"merges": [["01", 5]]})" << "a node path must be a string";
        QTest::newRow("merge group") << R"({"merges": ["01"]})" << "each merge must be an array";
        QTest::newRow("brush outside") << R"({"brush": "../photo.png"})" << "must name a file in the same folder";
        QTest::newRow("brush missing") << R"({"brush": "gone.png"})" << "gone.png is missing";
        QTest::newRow("brush type") << R"({"brush": 5})" << "\"brush\" must be a file name or null";
        QTest::newRow("brush size") << R"({"brush": "small.png"})" << "brush layer is 3x3 but the image is 6x4";
        QTest::newRow("brush depth") << R"({"brush": "eight-bit.png"})" << "not a readable 16-bit grey PNG";
        QTest::newRow("brush not png") << R"({"brush": "text.png"})" << "is not a PNG file";
        QTest::newRow("brush values") << R"({"brush": "class-five.png"})" << "class values outside the class list";
    }

    void refusesCorruptAndHostileFiles() {
        QFETCH(QString, edit);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const fs::path image = toPath(dir) / "photo.jpg";
        const fs::path sidecar = saveSidecar(image, toPath(dir) / "cache", decidedState(), twoClasses());
        cv::imwrite((toPath(dir) / "small.png").string(), cv::Mat1w(3, 3, BrushValue::kErased));
        cv::imwrite((toPath(dir) / "eight-bit.png").string(), cv::Mat1b(kImageSize, 1));
        cv::imwrite((toPath(dir) / "class-five.png").string(), cv::Mat1w(kImageSize, BrushValue::forClass(5)));
        writeText(toPath(dir) / "text.png", "this is not an image, but it is long enough");

        nlohmann::json json = nlohmann::json::parse(readText(sidecar));
        json.merge_patch(nlohmann::json::parse(edit.toStdString()));
        writeText(sidecar, json.dump());
        const QString message = errorOf([&] { loadSidecar(sidecar, kImageSize); });
        QVERIFY2(message.startsWith(QString::fromStdString(sidecar.string() + ": ")), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
    }

    void refusesFilesThatAreNotSidecars() {
        QTemporaryDir dir;
        const fs::path sidecar = toPath(dir) / "x.diffcut.json";
        writeText(sidecar, "{\"format\": ");
        expectError([&] { loadSidecar(sidecar, kImageSize); }, "x.diffcut.json: not a valid JSON file");
        writeText(sidecar, "[1, 2]");
        expectError([&] { loadSidecar(sidecar, kImageSize); }, "not a DiffCut annotation file");
        expectError([&] { loadSidecar(toPath(dir) / "none.diffcut.json", kImageSize); }, "cannot be read");
        // Too large for a double (the JSON library may read it as infinity).
        writeText(sidecar, R"({"format": "diffcut-annotation", "version": 1, "tau": 1e999})");
        expectError([&] { loadSidecar(sidecar, kImageSize); }, "x.diffcut.json: ");
    }

    void minimalFileTakesTheDefaults() {
        QTemporaryDir dir;
        const fs::path sidecar = toPath(dir) / "x.diffcut.json";
        writeText(sidecar, R"({"format": "diffcut-annotation", "version": 1})");
        const LoadedSidecar loaded = loadSidecar(sidecar, kImageSize);
        QVERIFY(sameDecisions(loaded.state, AnnotationState{}));
        QVERIFY(loaded.state.brush.empty());
        QVERIFY(loaded.classes.empty());
    }

    // Every single-byte corruption of a valid file loads or gives an Error, nothing else.
    void byteMutationsNeverEscapeAsOtherExceptions() {
        QTemporaryDir dir;
        const fs::path image = toPath(dir) / "photo.jpg";
        const fs::path sidecar = saveSidecar(image, {}, decidedState(), twoClasses());
        const std::string original = readText(sidecar);
        constexpr char kReplacements[] = {'\0', '"', '}', '9', '-', 'x', '['};
        int refused = 0;
        for (std::size_t at = 0; at < original.size(); ++at) {
            std::string mutated = original;
            mutated[at] = kReplacements[at % sizeof kReplacements];
            writeText(sidecar, mutated);
            try {
                loadSidecar(sidecar, kImageSize);
            } catch (const Error &) {
                ++refused;
            } catch (const std::exception &error) {
                QFAIL(qPrintable(QString("byte %1 -> %2: %3").arg(at).arg(int(mutated[at])).arg(error.what())));
            }
        }
        QVERIFY(refused > int(original.size()) / 2);
    }

    void mergeClassesIntoMatchesByNameAndAppends() {
        std::vector<LabelClass> project{{"cat", {1, 1, 1}}, {"dog", {2, 2, 2}}};
        LoadedSidecar loaded;
        loaded.classes = {{"sky", {0, 0, 255}}, {"cat", {9, 9, 9}}};
        loaded.state.nodeClass = {{"0", 0}, {"1", 1}, {"01", Annotation::kUnlabelled}};
        loaded.state.brush = (cv::Mat1w(1, 4) << BrushValue::forClass(0), BrushValue::forClass(1),
                              BrushValue::kErased, BrushValue::kUntouched);
        mergeClassesInto(project, loaded);
        compareClasses(project, {{"cat", {1, 1, 1}}, {"dog", {2, 2, 2}}, {"sky", {0, 0, 255}}});
        compareClasses(loaded.classes, project);
        QCOMPARE(loaded.state.nodeClass,
                 (std::map<NodePath, int>{{"0", 2}, {"1", 0}, {"01", Annotation::kUnlabelled}}));
        QVERIFY(sameBrush(loaded.state.brush, (cv::Mat1w(1, 4) << BrushValue::forClass(2), BrushValue::forClass(0),
                                               BrushValue::kErased, BrushValue::kUntouched)));

        // Already the project's classes, in order: nothing moves.
        LoadedSidecar same;
        same.classes = {{"cat", {1, 1, 1}}};
        same.state.nodeClass = {{"0", 0}};
        mergeClassesInto(project, same);
        QCOMPARE(project.size(), std::size_t(3));
        QCOMPARE(same.state.nodeClass, (std::map<NodePath, int>{{"0", 0}}));
    }
};

QTEST_APPLESS_MAIN(TestSidecar)
#include "test_sidecar.moc"
