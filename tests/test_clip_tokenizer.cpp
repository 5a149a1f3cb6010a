// The CLIP tokenizer and its text cleaning against open_clip 2.26.1's SimpleTokenizer on the 224
// strings of the OpenCLIP fixture's tokenizer golden (../shared/fixtures/openclip): every stage —
// ftfy + html.unescape + strip, whitespace collapse + lower(), the regex pieces, the BPE tokens,
// the ids — and the 77 ids with padding and truncation, and the ids of every templated prompt.
#include "diffusion/safetensors.h"
#include "naming/clip_text_cleaning.h"
#include "naming/clip_tokenizer.h"
#include "test_support.h"

#include <QTest>
#include <nlohmann/json.hpp>

#include <cstring>
#include <fstream>

using namespace diffcut;

namespace {

std::filesystem::path fixture() { return testing::fixturesDir() / "openclip/convnext-tiny-a"; }

nlohmann::json readJson(const std::filesystem::path &path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

// Row `row` of an I64 [N, 77] tensor of a safetensors file.
std::vector<std::int64_t> int64Row(const SafetensorsFile &file, const std::string &name, std::int64_t row) {
    const TensorInfo *info = file.find(name);
    if (!info || info->dtype != TensorDType::I64 || info->shape.size() != 2)
        throw std::runtime_error("no I64 matrix " + name);
    std::vector<std::int64_t> values(std::size_t(info->shape[1]));
    std::memcpy(values.data(), file.bytes(*info).data() + row * info->shape[1] * 8, values.size() * 8);
    return values;
}

} // namespace

class TestClipTokenizer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        if (!std::filesystem::exists(fixture() / "golden/tokenizer_golden.json")) {
            if (std::getenv("CI"))
                QFAIL("OpenCLIP fixture not found under " DIFFCUT_FIXTURES_DIR);
            QSKIP("OpenCLIP fixture not found under " DIFFCUT_FIXTURES_DIR);
        }
    }

    void everyGoldenStringEveryStage() {
        const ClipTokenizer tokenizer = ClipTokenizer::fromFolder(fixture());
        const nlohmann::json golden = readJson(fixture() / "golden/tokenizer_golden.json");
        const SafetensorsFile ids = SafetensorsFile::open(fixture() / "golden/tokenizer_golden.safetensors");
        const nlohmann::json &rows = golden["rows"];
        QCOMPARE(int(rows.size()), 224);
        int checked = 0;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const nlohmann::json &row = rows[r];
            const std::string text = row["text"];
            const QByteArray what = QByteArray("row ") + QByteArray::number(int(r)) + ": " + QByteArray::fromStdString(text).toPercentEncoding(" ");
            QVERIFY2(basicClean(text) == row["after_basic_clean"].get<std::string>(), what.constData());
            const std::string cleaned = cleanForClip(text);
            QVERIFY2(cleaned == row["cleaned"].get<std::string>(), what.constData());
            QVERIFY2(tokenizer.pieces(cleaned) == row["pieces"].get<std::vector<std::string>>(), what.constData());
            std::vector<std::string> bpeTokens;
            for (const std::string &piece : tokenizer.pieces(cleaned))
                for (const std::string &token : (piece == "<start_of_text>" || piece == "<end_of_text>")
                                                    ? std::vector<std::string>{piece}
                                                    : tokenizer.bpe(piece))
                    bpeTokens.push_back(token);
            QVERIFY2(bpeTokens == row["bpe_tokens"].get<std::vector<std::string>>(), what.constData());
            QVERIFY2(tokenizer.encode(text) == row["ids"].get<std::vector<std::int64_t>>(), what.constData());
            QVERIFY2(tokenizer.tokenize(text) == int64Row(ids, "ids", std::int64_t(r)), what.constData());
            ++checked;
        }
        QCOMPARE(checked, 224);
    }

    void promptsOfTheFixture() {
        const ClipTokenizer tokenizer = ClipTokenizer::fromFolder(fixture());
        const nlohmann::json text = readJson(fixture() / "golden/text.json");
        const SafetensorsFile expected = SafetensorsFile::open(fixture() / "golden/expected.safetensors");
        const nlohmann::json &prompts = text["prompts"];
        QCOMPARE(int(prompts.size()), 98);
        for (std::size_t p = 0; p < prompts.size(); ++p)
            QCOMPARE(tokenizer.tokenize(prompts[p].get<std::string>()), int64Row(expected, "text.tokens", std::int64_t(p)));
    }

    void truncationKeepsTheEndToken() {
        const ClipTokenizer tokenizer = ClipTokenizer::fromFolder(fixture());
        std::string longText;
        for (int i = 0; i < 100; ++i)
            longText += "cat ";
        const std::vector<std::int64_t> ids = tokenizer.tokenize(longText);
        QCOMPARE(ids.size(), std::size_t(77));
        QCOMPARE(ids.front(), tokenizer.startId());
        QCOMPARE(ids.back(), tokenizer.endId());
    }

    void badFilesAreNamed() {
        QTemporaryDir dir;
        const std::filesystem::path folder = testing::toPath(dir);
        testing::expectError([&] { ClipTokenizer::fromFolder(folder); }, "vocab.json: missing CLIP tokenizer file");
        std::filesystem::copy_file(fixture() / "vocab.json", folder / "vocab.json");
        testing::expectError([&] { ClipTokenizer::fromFolder(folder); }, "merges.txt: missing CLIP tokenizer file");
        std::ofstream(folder / "merges.txt") << "#version: 0.2\nnot-a-merge\n";
        testing::expectError([&] { ClipTokenizer::fromFolder(folder); }, "merges.txt:2: not a merge");
        testing::expectError([&] { cleanForClip("caf\xc3"); }, "not valid UTF-8");
    }
};

QTEST_APPLESS_MAIN(TestClipTokenizer)
#include "test_clip_tokenizer.moc"
