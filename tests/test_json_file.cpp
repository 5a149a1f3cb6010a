// The one reader of JSON files (common/json_file.h): every way a file can be bad ends in one short
// line naming it, and nesting is bounded before anything is built (nlohmann::json copies, compares
// and dumps recursively: a million levels overflow the stack wherever such a value is touched).
#include "common/json_file.h"
#include "test_support.h"

#include <QTest>

#include <sys/stat.h>

#include <fstream>

namespace fs = std::filesystem;
using namespace diffcut;
using testing::expectError;

namespace {

std::string nested(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

fs::path writeFile(const QTemporaryDir &dir, const std::string &name, const std::string &text) {
    const fs::path path = testing::toPath(dir) / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

} // namespace

class TestJsonFile : public QObject {
    Q_OBJECT
private slots:
    void depthIsBoundedAtTheDocumentedLimit() {
        QCOMPARE(parseJsonBounded(nested(kMaxJsonDepth), "ok.json").dump().size(), 2 * kMaxJsonDepth);
        expectError([] { parseJsonBounded(nested(kMaxJsonDepth + 1), "deep.json"); },
                    "deep.json: nested more than 64 levels deep");
        expectError([] { parseJsonBounded(R"({"a": {"b": )" + nested(kMaxJsonDepth - 1) + "}}", "object.json"); },
                    "object.json: nested more than");
    }

    void aMillionLevelsEndInAnErrorNamingTheFile() {
        QTemporaryDir dir;
        // 2 MB, as in the issue; the value sits where a reader looks at it.
        const fs::path file = writeFile(dir, "config.json", R"({"addition_embed_type": )" + nested(1'000'000) + "}");
        const QString message = testing::errorOf([&] { readJsonFile(file); });
        QVERIFY2(message == QString::fromStdString(file.string()) +
                                ": nested more than 64 levels deep; not a file this program reads",
                 qPrintable(message));
    }

    void malformedFilesAreOneShortLine() {
        QTemporaryDir dir;
        const fs::path file = writeFile(dir, "bad.json", R"({"a": )" + std::string(100'000, 'x') + "}");
        const QString message = testing::errorOf([&] { readJsonFile(file); });
        QVERIFY2(message.startsWith(QString::fromStdString(file.string()) + ": not a valid JSON file ("), qPrintable(message));
        QVERIFY2(message.size() < 300 && !message.contains('\n'), qPrintable(message.left(400)));
        expectError([&] { readJsonFile(testing::toPath(dir) / "missing.json"); }, "missing.json: cannot be read (not found)");
    }

    void onlyRegularFilesAreRead() {
        QTemporaryDir dir;
        const fs::path fifo = testing::toPath(dir) / "config.json";
        QCOMPARE(mkfifo(fifo.c_str(), 0600), 0);
        expectError([&] { readJsonFile(fifo); }, "config.json: not a regular file"); // opening it would wait for a writer
        expectError([&] { readJsonFile(testing::toPath(dir)); }, "not a regular file");
    }

    void excerptsAreShortOneLineAndAscii() {
        QCOMPARE(jsonExcerpt(nlohmann::json::parse(R"([1, 2, "x"])")), std::string(R"([1,2,"x"])"));
        const std::string longArray = jsonExcerpt(nlohmann::json(std::vector<int>(100'000, 7)));
        QVERIFY2(longArray.size() <= 63 && longArray.starts_with("[7,7,") && longArray.ends_with("..."), longArray.c_str());
        const std::string text = jsonExcerpt(std::string(1'000'000, 'a') + "\n\xff");
        QVERIFY(text.size() <= 63 && text.find('\n') == std::string::npos);
        QCOMPARE(jsonExcerpt("caf\xc3\xa9\n"), std::string(R"("caf\u00e9\n")"));
    }
};

QTEST_GUILESS_MAIN(TestJsonFile)
#include "test_json_file.moc"
