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

// cat (id 0), dog (id 1).
ClassList twoClasses() { return makeClassList({{"cat", {200, 10, 20}}, {"dog", {0, 128, 255}}}); }

FeatureIdentity features(int grid, std::string imageHash = "0123456789abcdef0123456789abcdef") {
    return {"builtin-lab-texture/1", "", "", 0, grid * 8, grid, grid, std::move(imageHash)};
}

const TreeKey kShown{features(32), 12.5};
const TreeKey kOther{features(64), 10.0};

AnnotationState decidedState() {
    AnnotationState state;
    state.tau = 0.37;
    state.alpha = 12.5;
    state.refine = true;
    state.done = true;
    NodeDecisions &shown = editDecisionsFor(state, kShown);
    shown.overrides = {{"", true}, {"0110", true}, {"10", false}};
    shown.nodeClass = {{"01", 0}, {"011", Annotation::kUnlabelled}, {"1", 1}};
    shown.merges = {{"01", "10"}, {"111", "000", "001"}};
    editDecisionsFor(state, kOther).nodeClass = {{"0", 1}}; // made with another grid: kept, set aside
    paintStroke(state, kImageSize, {{1, 1}, {4, 1}}, 0, BrushValue::forClass(1));
    paintStroke(state, kImageSize, {{5, 3}}, 0, BrushValue::kErased);
    return state;
}

bool sameBrush(const cv::Mat1w &a, const cv::Mat1w &b) {
    return a.size() == b.size() && (a.empty() || cv::countNonZero(a != b) == 0);
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
        ClassList project = twoClasses();

        const fs::path saved = saveSidecar(image, cache, state, project, kImageSize);
        QCOMPARE(saved, toPath(dir) / "photo.jpg.diffcut.json");
        QCOMPARE(saved, sidecarPathNextTo(image));
        QCOMPARE(findSidecar(image, cache), saved);
        QVERIFY(fs::exists(toPath(dir) / "photo.jpg.diffcut-brush.png"));
        QVERIFY(!fs::exists(cache));

        const nlohmann::json json = nlohmann::json::parse(readText(saved));
        QVERIFY(json.at("format") == "diffcut-annotation");
        QVERIFY(json.at("version") == 2);
        QVERIFY(json.at("image") == "photo.jpg");
        QVERIFY(json.at("imageSize") == nlohmann::json::array({6, 4}));
        QVERIFY(json.at("project") == project.projectId);
        QVERIFY(json.at("brush") == "photo.jpg.diffcut-brush.png");
        QCOMPARE(json.at("trees").size(), std::size_t(2));
        const nlohmann::json &tree = json.at("trees").at(0);
        QVERIFY(tree.at("overrides").at("0110") == true);
        QVERIFY(tree.at("alpha") == 12.5);
        QVERIFY(tree.at("features").at("grid") == nlohmann::json::array({32, 32}));
        QVERIFY(tree.at("features").at("imageHash") == kShown.features.imageHash);
        // Classes by id, with their names for readers of another project.
        QVERIFY(json.at("classes") == nlohmann::json::parse(R"([{"id": 0, "name": "cat", "colour": [200, 10, 20]},
                                                                  {"id": 1, "name": "dog", "colour": [0, 128, 255]}])"));

        const LoadedSidecar loaded = loadSidecar(saved, kImageSize, project);
        QVERIFY(sameDecisions(loaded.state, state));
        QVERIFY(sameBrush(loaded.state.brush, state.brush));
        QVERIFY(loaded.notes.empty());
        QCOMPARE(project.classes.size(), std::size_t(2));
        QCOMPARE(annotationProgress(image, cache), AnnotationProgress::Done);

        // Without a painted pixel the brush file goes away and the JSON says so.
        AnnotationState unpainted = state;
        unpainted.brush = cv::Mat1w(kImageSize, BrushValue::kUntouched);
        unpainted.done = false;
        saveSidecar(image, cache, unpainted, project, kImageSize);
        QVERIFY(!fs::exists(toPath(dir) / "photo.jpg.diffcut-brush.png"));
        QVERIFY(nlohmann::json::parse(readText(saved)).at("brush").is_null());
        const LoadedSidecar reloaded = loadSidecar(saved, kImageSize, project);
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
        ClassList project = twoClasses();
        const fs::path saved = saveSidecar(lost, cache, decidedState(), project, kImageSize);
        QCOMPARE(saved, sidecarPathInCache(lost, cache));
        QVERIFY(fs::exists(saved));
        QVERIFY(fs::exists(saved.parent_path() / (saved.stem().stem().string() + ".diffcut-brush.png")));
        QCOMPARE(findSidecar(lost, cache), saved);
        const LoadedSidecar loaded = loadSidecar(saved, kImageSize, project);
        QVERIFY(sameBrush(loaded.state.brush, decidedState().brush));
        QCOMPARE(annotationProgress(lost, cache), AnnotationProgress::Done);
        QCOMPARE(annotationProgress(lost, {}), AnnotationProgress::None); // no cache folder, nothing next to it

        // ...and neither place writable: the cache "folder" is a file.
        writeText(toPath(dir) / "file", "");
        expectError([&] { saveSidecar(lost, toPath(dir) / "file", decidedState(), project, kImageSize); },
                    "can be saved neither next to the image");
        expectError([&] { saveSidecar(lost, {}, decidedState(), project, kImageSize); }, "cannot be saved");
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
        QCOMPARE(saveSidecar(image, cache, state, twoClasses(), kImageSize), sidecarPathNextTo(image));
        fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                    fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
        const bool writable = canCreateFileIn(folder);
        if (!writable) {
            state.done = true;
            const fs::path saved = saveSidecar(image, cache, state, twoClasses(), kImageSize);
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
        QCOMPARE(saveSidecar(image, cache, state, twoClasses(), kImageSize), sidecarPathNextTo(image));
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
        QTest::newRow("version") << R"({"version": 3})" << "version 3 is not supported";
        QTest::newRow("version type") << R"({"version": "1"})" << "version must be an integer from 0 to 1000000, not \"1\"";
        QTest::newRow("tau type") << R"({"tau": "0.5"})" << "tau must be a number from 0 to 2, not \"0.5\"";
        QTest::newRow("tau range") << R"({"tau": 7})" << "tau must be a number from 0 to 2, not 7";
        QTest::newRow("alpha range") << R"({"alpha": 0.5})" << "alpha must be a number from 1 to 50, not 0.5";
        QTest::newRow("refine type") << R"({"refine": 1})" << "refine must be true or false, not 1";
        QTest::newRow("image size") << R"({"imageSize": [7, 4]})" << "made for a 7x4 image, but the image is 6x4";
        QTest::newRow("image size type") << R"({"imageSize": "6x4"})" << "imageSize must be a list of 2 integers";
        const auto tree = [](const QString &member) {
            return QString(R"({"trees": [{"features": {"encoder": "e", "timestep": 0, "resolution": 256, "grid": [32, 32]},
                                         "alpha": 10, %1}]})").arg(member);
        };
        QTest::newRow("path characters") << tree(R"("overrides": {"0120": true})") << "\"0120\" is not a node path";
        QTest::newRow("path length") << tree(QString(R"("overrides": {"%1": true})").arg(QString(65, '1')))
                                     << "is not a node path (up to 64";
        QTest::newRow("override value") << tree(R"("overrides": {"01": "yes"})") << "trees[0].overrides entry \"01\" must be true or false, not \"yes\"";
        QTest::newRow("overrides type") << tree(R"("overrides": [1])") << "trees[0].overrides must be an object, not [1]";
        QTest::newRow("class id") << tree(R"("nodeClass": {"01": 7})")
                                  << "node \"01\" has class 7, which the file's class list does not have";
        QTest::newRow("class id negative") << tree(R"("nodeClass": {"01": -2})") << "has class -2";
        QTest::newRow("class id type") << tree(R"("nodeClass": {"01": 0.5})") << "trees[0].nodeClass entry \"01\" must be an integer class id, not 0.5";
        QTest::newRow("class name") << R"({"classes": [{"id": 0, "name": 3, "colour": [1, 2, 3]}]})" << "classes[0].name must be a string, not 3";
        QTest::newRow("class colour") << R"({"classes": [{"id": 0, "name": "a", "colour": [1, 256, 3]}]})"
                                      << "classes[0].colour must be a list of 3 integers from 0 to 255, not [1,256,3]";
        QTest::newRow("class id twice") << R"({"classes": [{"id": 0, "name": "a", "colour": [1, 2, 3]},
                                                          {"id": 0, "name": "b", "colour": [1, 2, 3]}]})"
                                        << "class id 0 is listed twice";
        QTest::newRow("class without id") << R"({"classes": [{"name": "a", "colour": [1, 2, 3]}]})"
                                          << "classes[0].id is required";
        QTest::newRow("merge member") << tree(R"("merges": [["01", 5]])") << "a node path must be a string";
        QTest::newRow("merge group") << tree(R"("merges": ["01"])") << "trees[0].merges must hold arrays of node paths, not \"01\"";
        QTest::newRow("tree features") << R"({"trees": [{"alpha": 10}]})" << "trees[0].features is required";
        QTest::newRow("tree grid") << R"({"trees": [{"features": {"encoder": "e", "timestep": 0, "resolution": 1, "grid": 3}}]})"
                                   << "trees[0].features.grid must be a list of 2 integers from 0 to 1000000, not 3";
        QTest::newRow("tree alpha") << tree(R"("alpha": 99)") << "trees[0].alpha must be a number from 1 to 50, not 99";
        QTest::newRow("trees type") << R"({"trees": {}})" << "trees must be an array, not {}";
        QTest::newRow("brush outside") << R"({"brush": "../photo.png"})" << "must name a file in the same folder";
        QTest::newRow("brush missing") << R"({"brush": "gone.png"})" << "gone.png is missing";
        QTest::newRow("brush type") << R"({"brush": 5})" << "brush must be a string, not 5";
        QTest::newRow("brush size") << R"({"brush": "small.png"})" << "brush layer is 3x3 but the image is 6x4";
        QTest::newRow("brush colour") << R"({"brush": "colour.png"})" << "not a readable 16-bit grey PNG";
        QTest::newRow("brush not png") << R"({"brush": "text.png"})" << "is not a PNG file";
        QTest::newRow("brush values") << R"({"brush": "class-five.png"})" << "class values outside the file's class list";
    }

    void refusesCorruptAndHostileFiles() {
        QFETCH(QString, edit);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const fs::path image = toPath(dir) / "photo.jpg";
        const fs::path sidecar = saveSidecar(image, toPath(dir) / "cache", decidedState(), twoClasses(), kImageSize);
        cv::imwrite((toPath(dir) / "small.png").string(), cv::Mat1w(3, 3, BrushValue::kErased));
        cv::imwrite((toPath(dir) / "colour.png").string(), cv::Mat3b(kImageSize, cv::Vec3b(1, 2, 3)));
        cv::imwrite((toPath(dir) / "class-five.png").string(), cv::Mat1w(kImageSize, BrushValue::forClass(5)));
        writeText(toPath(dir) / "text.png", "this is not an image, but it is long enough");

        nlohmann::json json = nlohmann::json::parse(readText(sidecar));
        json.merge_patch(nlohmann::json::parse(edit.toStdString()));
        writeText(sidecar, json.dump());
        ClassList project = twoClasses();
        const ClassList before = project;
        const QString message = errorOf([&] { loadSidecar(sidecar, kImageSize, project); });
        QVERIFY2(message.startsWith(QString::fromStdString(sidecar.string() + ": ")), qPrintable(message));
        QVERIFY2(message.contains(expected), qPrintable(message));
        QCOMPARE(project.classes.size(), before.classes.size()); // unchanged by a file it could not read
    }

    void refusesFilesThatAreNotSidecars() {
        QTemporaryDir dir;
        ClassList project = twoClasses();
        const fs::path sidecar = toPath(dir) / "x.diffcut.json";
        writeText(sidecar, "{\"format\": ");
        expectError([&] { loadSidecar(sidecar, kImageSize, project); }, "x.diffcut.json: not a valid JSON file");
        writeText(sidecar, "[1, 2]");
        expectError([&] { loadSidecar(sidecar, kImageSize, project); }, "not a DiffCut annotation file");
        expectError([&] { loadSidecar(toPath(dir) / "none.diffcut.json", kImageSize, project); }, "cannot be read");
        // Too large for a double (the JSON library may read it as infinity).
        writeText(sidecar, R"({"format": "diffcut-annotation", "version": 1, "tau": 1e999})");
        expectError([&] { loadSidecar(sidecar, kImageSize, project); }, "x.diffcut.json: ");
    }

    void minimalFileTakesTheDefaults() {
        QTemporaryDir dir;
        const fs::path sidecar = toPath(dir) / "x.diffcut.json";
        ClassList project = twoClasses();
        for (const char *version : {"1", "2"}) {
            writeText(sidecar, std::string(R"({"format": "diffcut-annotation", "version": )") + version + "}");
            const LoadedSidecar loaded = loadSidecar(sidecar, kImageSize, project);
            QVERIFY(sameDecisions(loaded.state, AnnotationState{}));
            QVERIFY(loaded.state.brush.empty());
            QCOMPARE(project.classes.size(), std::size_t(2));
        }
    }

    // Every single-byte corruption of a valid file loads or gives an Error, nothing else.
    void byteMutationsNeverEscapeAsOtherExceptions() {
        QTemporaryDir dir;
        const fs::path image = toPath(dir) / "photo.jpg";
        const fs::path sidecar = saveSidecar(image, {}, decidedState(), twoClasses(), kImageSize);
        const std::string original = readText(sidecar);
        constexpr char kReplacements[] = {'\0', '"', '}', '9', '-', 'x', '['};
        int refused = 0;
        for (std::size_t at = 0; at < original.size(); ++at) {
            std::string mutated = original;
            mutated[at] = kReplacements[at % sizeof kReplacements];
            writeText(sidecar, mutated);
            try {
                ClassList project = twoClasses();
                loadSidecar(sidecar, kImageSize, project);
            } catch (const Error &) {
                ++refused;
            } catch (const std::exception &error) {
                QFAIL(qPrintable(QString("byte %1 -> %2: %3").arg(at).arg(int(mutated[at])).arg(error.what())));
            }
        }
        QVERIFY(refused > int(original.size()) / 2);
    }

    // Version 1 (0.1.0) had no feature identity and named classes by index: its decisions are the
    // built-in encoder's at 32×32 on this image, at its nodeAlpha; its classes are matched by name.
    void readsVersionOneAsTheBuiltinEncoderAt32() {
        QTemporaryDir dir;
        const fs::path sidecar = toPath(dir) / "photo.jpg.diffcut.json";
        cv::imwrite((toPath(dir) / "photo.jpg.diffcut-brush.png").string(),
                    (cv::Mat1w(kImageSize, BrushValue::kUntouched) = BrushValue::forClass(1)));
        writeText(sidecar, R"({"format": "diffcut-annotation", "version": 1, "image": "photo.jpg", "imageSize": [6, 4],
                              "tau": 0.4, "alpha": 11, "nodeAlpha": 9, "refine": false, "done": true,
                              "overrides": {"01": true}, "classes": [{"name": "sky", "colour": [0, 0, 255]},
                              {"name": "Dog", "colour": [9, 9, 9]}], "nodeClass": {"0": 0, "1": 1, "11": -1},
                              "merges": [["00", "10"]], "brush": "photo.jpg.diffcut-brush.png"})");
        ClassList project = twoClasses();
        const LoadedSidecar loaded = loadSidecar(sidecar, kImageSize, project);
        QCOMPARE(loaded.state.tau, 0.4);
        QCOMPARE(loaded.state.alpha, 11.0);
        QCOMPARE(loaded.state.decisionSets.size(), std::size_t(1));
        const DecisionSet &set = loaded.state.decisionSets.front();
        QCOMPARE(set.tree.alpha, 9.0);
        QCOMPARE(set.tree.features.encoder, std::string("builtin-lab-texture/1"));
        QCOMPARE(set.tree.features.gridWidth, 32);
        QVERIFY(set.tree.features.imageHash.empty()); // unknown: taken as this image
        QVERIFY(set.tree.sameTree(TreeKey{features(32), 9.0}));
        QVERIFY(!set.tree.sameTree(TreeKey{features(64), 9.0}));
        // "sky" is new (id 2, the file's colour); "Dog" is the project's dog (id 1, its colour stays).
        QCOMPARE(project.classes.size(), std::size_t(3));
        QCOMPARE(project.classes[2].name, std::string("sky"));
        QVERIFY(project.classes[1].colour == cv::Vec3b(0, 128, 255));
        QCOMPARE(set.decisions.nodeClass, (std::map<NodePath, ClassId>{{"0", 2}, {"1", 1}, {"11", Annotation::kUnlabelled}}));
        QCOMPARE(set.decisions.merges, (std::vector<std::vector<NodePath>>{{"00", "10"}}));
        QCOMPARE(loaded.state.brush(0, 0), BrushValue::forClass(1)); // index 1 (Dog) → id 1
        QCOMPARE(loaded.notes.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(loaded.notes.front()).contains("\"sky\" was added"));
    }

    // The reproductions of the class-list bugs: a rename or a deletion in one image is not undone by
    // another image's file.
    void classesResolveByIdInTheProjectAndNeverResurrect() {
        QTemporaryDir dir;
        const fs::path image = toPath(dir) / "photo.jpg";
        ClassList project = makeClassList({{"tree", {0, 128, 0}}, {"road", {128, 64, 128}}, {"bus", {255, 0, 0}}});
        AnnotationState state;
        editDecisionsFor(state, kShown).nodeClass = {{"0", 0}, {"1", 1}, {"10", 2}};
        const fs::path saved = saveSidecar(image, {}, state, project, kImageSize);

        renameClass(project, 0, "vegetation");
        deleteClass(project, 1);
        const ClassList before = project;
        LoadedSidecar loaded = loadSidecar(saved, kImageSize, project);
        QCOMPARE(project.classes.size(), before.classes.size()); // neither "tree" nor "road" comes back
        QCOMPARE(project.classes[0].name, std::string("vegetation"));
        // The references stay (an undo of the deletion brings them back); the deleted one shows unlabelled.
        QCOMPARE(decisionsFor(loaded.state, kShown)->nodeClass, (std::map<NodePath, ClassId>{{"0", 0}, {"1", 1}, {"10", 2}}));
        QCOMPARE(loaded.notes.size(), std::size_t(1));
        QVERIFY(QString::fromStdString(loaded.notes.front()).contains("\"road\" was deleted"));

        // A file of another project is matched by name, former names included; a deleted name stays
        // deleted; an unknown class is added.
        ClassList other = makeClassList({{"tree", {1, 1, 1}}, {"road", {2, 2, 2}}, {"sky", {3, 3, 3}}});
        AnnotationState foreign;
        editDecisionsFor(foreign, kShown).nodeClass = {{"0", 0}, {"1", 1}, {"11", 2}};
        saveSidecar(image, {}, foreign, other, kImageSize);
        loaded = loadSidecar(saved, kImageSize, project);
        QCOMPARE(project.classes.size(), before.classes.size() + 1);
        QCOMPARE(project.classes.back().name, std::string("sky"));
        QCOMPARE(decisionsFor(loaded.state, kShown)->nodeClass,
                 (std::map<NodePath, ClassId>{{"0", 0}, {"1", Annotation::kUnlabelled}, {"11", project.classes.back().id}}));
    }

    // Issue 11, data loss 1: a sidecar that cannot be read is moved aside with its brush layer, under
    // names that never overwrite an earlier set, and nothing of it is deleted by later saves.
    void settingAsideKeepsEveryFileAndNeverOverwrites() {
        QTemporaryDir dir;
        const fs::path image = toPath(dir) / "photo.jpg";
        ClassList project = twoClasses();
        const fs::path sidecar = saveSidecar(image, {}, decidedState(), project, kImageSize);
        const fs::path brush = brushPathFor(sidecar);
        const std::string firstBrush = readText(brush);
        writeText(sidecar, "{ broken");
        const fs::path aside = setSidecarAside(sidecar);
        QCOMPARE(aside, toPath(dir) / "photo.jpg.diffcut.unreadable-1.json");
        QVERIFY(!fs::exists(sidecar) && !fs::exists(brush));
        QCOMPARE(readText(aside), std::string("{ broken"));
        QCOMPARE(readText(toPath(dir) / "photo.jpg.diffcut-brush.unreadable-1.png"), firstBrush);

        // The next save of an unpainted state deletes nothing of the set aside files.
        saveSidecar(image, {}, AnnotationState{}, project, kImageSize);
        QVERIFY(fs::exists(toPath(dir) / "photo.jpg.diffcut-brush.unreadable-1.png"));
        // A second failure goes to the next free name.
        saveSidecar(image, {}, decidedState(), project, kImageSize);
        writeText(sidecar, "[]");
        QCOMPARE(setSidecarAside(sidecar), toPath(dir) / "photo.jpg.diffcut.unreadable-2.json");
        QCOMPARE(readText(aside), std::string("{ broken"));
        QVERIFY(fs::exists(toPath(dir) / "photo.jpg.diffcut-brush.unreadable-2.png"));
    }

    void tellsWhetherAFileUsesAClass() {
        QTemporaryDir dir;
        ClassList project = makeClassList({{"cat", {1, 1, 1}}, {"dog", {2, 2, 2}}});
        AnnotationState state;
        editDecisionsFor(state, kShown).nodeClass = {{"0", 1}};
        const fs::path saved = saveSidecar(toPath(dir) / "a.jpg", {}, state, project, kImageSize);
        QVERIFY(sidecarUsesClass(saved, project, 1));
        QVERIFY(!sidecarUsesClass(saved, project, 0));
        ClassList other = makeClassList({{"dog", {9, 9, 9}}}); // another project: by name
        QVERIFY(sidecarUsesClass(saved, other, 0));
        writeText(saved, "[[[");
        QVERIFY(!sidecarUsesClass(saved, project, 1));
    }
};

QTEST_APPLESS_MAIN(TestSidecar)
#include "test_sidecar.moc"
