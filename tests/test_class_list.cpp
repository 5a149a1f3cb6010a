// A project's class list: stable ids, edits, matching the classes other files name, labelme
// label files, and where the list is stored (found upwards, the cache for read-only folders,
// unreadable files kept aside).
#include "annotation/class_list.h"
#include "annotation/project_classes.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace diffcut;
using diffcut::testing::expectError;
using diffcut::testing::toPath;
namespace fs = std::filesystem;

namespace {

void writeText(const fs::path &path, const std::string &text) { std::ofstream(path, std::ios::binary) << text; }

std::vector<std::string> names(const ClassList &list) {
    std::vector<std::string> result;
    for (const ProjectClass &labelClass : list.classes)
        result.push_back(labelClass.name);
    return result;
}

} // namespace

class TestClassList : public QObject {
    Q_OBJECT

private slots:
    void editsKeepIdsStable() {
        ClassList list = makeClassList({{"cat", {1, 1, 1}}, {"dog", {2, 2, 2}}});
        QVERIFY(!list.projectId.empty());
        QVERIFY(makeClassList().projectId != list.projectId);
        QCOMPARE(addClass(list, "  bird ", {3, 3, 3}), 2);
        QCOMPARE(names(list), (std::vector<std::string>{"cat", "dog", "bird"}));
        expectError([&] { addClass(list, "CAT", {}); }, "already a class named \"cat\"");
        expectError([&] { addClass(list, "  ", {}); }, "needs a name");

        QVERIFY(renameClass(list, 0, "kitty"));
        QVERIFY(!renameClass(list, 0, "kitty"));
        QCOMPARE(list.find(0)->formerNames, std::vector<std::string>{"cat"});
        QCOMPARE(list.idOfName("CAT"), std::optional<ClassId>(0)); // a former name still means it
        expectError([&] { renameClass(list, 1, "Kitty"); }, "already a class named");
        QVERIFY(recolourClass(list, 1, {9, 9, 9}));
        QVERIFY(!recolourClass(list, 1, {9, 9, 9}));

        QVERIFY(moveClass(list, 2, 0));
        QCOMPARE(names(list), (std::vector<std::string>{"bird", "kitty", "dog"}));
        QVERIFY(!moveClass(list, 2, -5)); // clamped to the first place, where it is
        QVERIFY(deleteClass(list, 0));
        QVERIFY(!deleteClass(list, 0));
        QVERIFY(list.isDeleted(0));
        QVERIFY(list.nameDeleted("cat"));
        QCOMPARE(addClass(list, "cat", {}), 3); // a new class: ids are never reused
        QCOMPARE(list.labelClasses().size(), std::size_t(3));
    }

    void referencesResolveByIdInTheProjectAndByNameElsewhere() {
        ClassList list = makeClassList({{"tree", {0, 128, 0}}, {"road", {1, 1, 1}}});
        renameClass(list, 0, "vegetation");
        deleteClass(list, 1);
        // The same project: ids decide; a deleted id stays deleted but is kept.
        QCOMPARE(resolveClass(list, {0, "tree", {}}, true).id, std::optional<ClassId>(0));
        const ResolvedClass road = resolveClass(list, {1, "road", {}}, true);
        QVERIFY(road.deleted);
        QCOMPARE(road.id, std::optional<ClassId>(1));
        // Another project: by name, former names too; a deleted name resolves to nothing.
        QCOMPARE(resolveClass(list, {7, "Tree", {}}, false).id, std::optional<ClassId>(0));
        QVERIFY(!resolveClass(list, {0, "road", {}}, false).id);
        // An unknown class is added with the file's colour; the list's colour wins for known ones.
        const ResolvedClass sky = resolveClass(list, {std::nullopt, "sky", {5, 6, 7}}, false);
        QVERIFY(sky.added);
        QVERIFY(list.find(*sky.id)->colour == cv::Vec3b(5, 6, 7));
        resolveClass(list, {std::nullopt, "sky", {9, 9, 9}}, false);
        QVERIFY(list.find(*sky.id)->colour == cv::Vec3b(5, 6, 7));
    }

    void labelmeLabelFilesGoBothWays() {
        ClassList list = makeClassList({{"person", {}}});
        const auto added =
            importLabelmeLabels(list, "__ignore__\n_background_\nperson\n\n  car \nbus\r\ncar\n", &defaultClassColour);
        QCOMPARE(added, (std::vector<std::string>{"car", "bus"}));
        QCOMPARE(names(list), (std::vector<std::string>{"person", "car", "bus"}));
        QCOMPARE(labelmeLabelsText(list), std::string("__ignore__\n_background_\nperson\ncar\nbus\n"));
    }

    void defaultColoursNeverLookLikeTheNeutralGreys() {
        for (int index = 0; index < 300; ++index) {
            const cv::Vec3b colour = defaultClassColour(index);
            const int high = std::max({colour[0], colour[1], colour[2]});
            const int low = std::min({colour[0], colour[1], colour[2]});
            QVERIFY2(high >= 96 && high - low >= high / 2, qPrintable(QString::number(index)));
        }
        QVERIFY(defaultClassColour(0) == cv::Vec3b(128, 0, 0)); // VOC's first class colour
    }

    void theNearestListAtOrAboveTheFolderIsTheProjects() {
        QTemporaryDir dir;
        const fs::path root = toPath(dir) / "set", nested = root / "street/day";
        fs::create_directories(nested);
        const fs::path cache = toPath(dir) / "cache";

        ProjectClasses fresh = openProject(nested, cache, {{"cat", {1, 2, 3}}});
        QCOMPARE(fresh.folder, nested);
        QVERIFY(fresh.file.empty()); // not written until saved
        QCOMPARE(names(fresh.list), std::vector<std::string>{"cat"});

        ProjectClasses project = openProject(root, cache, {{"dog", {4, 5, 6}}});
        saveProject(project, cache);
        QCOMPARE(project.file, root / kClassListFileName);
        const ProjectClasses found = openProject(nested, cache, {{"cat", {1, 2, 3}}});
        QCOMPARE(found.folder, root);
        QCOMPARE(found.list.projectId, project.list.projectId);
        QCOMPARE(names(found.list), std::vector<std::string>{"dog"});
    }

    void unreadableListsAreKeptAsideAndHostileOnesRefused() {
        QTemporaryDir dir;
        const fs::path folder = toPath(dir);
        writeText(folder / kClassListFileName, "{ not json");
        std::string note;
        const ProjectClasses project = openProject(folder, {}, {{"cat", {}}}, &note);
        QVERIFY2(QString::fromStdString(note).contains("kept as"), note.c_str());
        QVERIFY(fs::exists(folder / "diffcut-classes.unreadable-1.json"));
        QCOMPARE(names(project.list), std::vector<std::string>{"cat"});

        const auto refused = [&](const std::string &text, const std::string &expected) {
            writeText(folder / "list.json", text);
            expectError([&] { readClassList(folder / "list.json"); }, expected);
        };
        refused(R"({"format": "labelme"})", "not a DiffCut class list");
        refused(R"({"format": "diffcut-classes", "version": 9})", "version 9 is not supported");
        refused(R"({"format": "diffcut-classes", "version": 1, "project": "p", "nextId": 1,
                    "classes": [{"id": 3, "name": "a", "colour": [1, 2, 3]}]})", "is not below nextId");
        refused(R"({"format": "diffcut-classes", "version": 1, "project": "p", "nextId": 99999,
                    "classes": []})", "nextId must be an integer from 0 to 65534, not 99999");
        refused(R"({"format": "diffcut-classes", "version": 1, "project": "p", "nextId": 2,
                    "classes": [{"id": 1, "name": "a", "colour": [1, 2, 3]}],
                    "deleted": [{"id": 1, "name": "b", "colour": [1, 2, 3]}]})", "both current and deleted");
        refused(R"({"format": "diffcut-classes", "version": 1, "project": "p", "nextId": 2,
                    "classes": [{"id": 1, "name": "", "colour": [1, 2, 3]}]})", "non-empty string");
    }

    void writtenListsReadBackTheSame() {
        QTemporaryDir dir;
        ClassList list = makeClassList({{"cat", {1, 2, 3}}, {"dog", {4, 5, 6}}});
        renameClass(list, 0, "kitty");
        deleteClass(list, 1);
        writeClassList(toPath(dir) / "list.json", list);
        const ClassList read = readClassList(toPath(dir) / "list.json");
        QCOMPARE(read.projectId, list.projectId);
        QCOMPARE(read.nextId, list.nextId);
        QCOMPARE(names(read), names(list));
        QCOMPARE(read.classes[0].formerNames, std::vector<std::string>{"cat"});
        QCOMPARE(read.deleted.size(), std::size_t(1));
        QVERIFY(read.classes[0].colour == cv::Vec3b(1, 2, 3));
    }

    void aReadOnlyFolderKeepsItsListInTheCache() {
        QTemporaryDir dir;
        const fs::path cache = toPath(dir) / "cache";
        ProjectClasses project = openProject(toPath(dir) / "gone", cache, {{"cat", {}}}); // a folder that cannot be written
        saveProject(project, cache);
        QCOMPARE(project.file.parent_path(), cache / "projects");
        const ProjectClasses again = openProject(toPath(dir) / "gone", cache, {});
        QCOMPARE(again.list.projectId, project.list.projectId);
    }
};

QTEST_APPLESS_MAIN(TestClassList)
#include "test_class_list.moc"
