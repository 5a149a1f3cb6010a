// .safetensors reading: the real checkpoints we ship fixtures for, a hand-built file, every kind
// of malformed header a hostile file can carry, and a byte-mutation sweep that must never crash.
#include "common/error.h"
#include "diffusion/safetensors.h"
#include "test_support.h"

#include <QTest>

#include <cstring>
#include <fstream>
#include <random>

using namespace diffcut;
using diffcut::testing::errorOf;

namespace {

// A .safetensors image: 8-byte little-endian header length, the header text, the data section.
std::string safetensorsBytes(const std::string &header, const std::string &data) {
    std::string file(8, '\0');
    for (std::size_t i = 0; i < 8; ++i)
        file[i] = char((std::uint64_t(header.size()) >> (8 * i)) & 0xff);
    return file + header + data;
}

std::string lengthPrefix(std::uint64_t length) {
    std::string prefix(8, '\0');
    for (std::size_t i = 0; i < 8; ++i)
        prefix[i] = char((length >> (8 * i)) & 0xff);
    return prefix;
}

SafetensorsFile parse(const std::string &bytes) {
    return SafetensorsFile::parse(std::as_bytes(std::span(bytes.data(), bytes.size())), "test.safetensors");
}

std::string text(std::span<const std::byte> bytes) { return {reinterpret_cast<const char *>(bytes.data()), bytes.size()}; }

// Every tensor of an accepted file must describe exactly the bytes it hands out.
void verifyConsistent(const SafetensorsFile &file) {
    for (const TensorInfo &tensor : file.tensors()) {
        QCOMPARE(file.bytes(tensor).size(), std::size_t(tensor.elementCount()) * dtypeSize(tensor.dtype));
        QCOMPARE(file.find(tensor.name), &tensor);
    }
}

std::filesystem::path unetFile(const char *variant) {
    return testing::fixturesDir() / "diffusers/sdxl-tiny/unet" / (std::string("diffusion_pytorch_model") + variant);
}

// A small file with a gap, an empty tensor and metadata: the seed of the mutation sweep.
const std::string kSmallHeader =
    R"({"__metadata__":{"format":"pt"},)"
    R"("w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},)"
    R"("b":{"dtype":"F16","shape":[3],"data_offsets":[20,26]},)"
    R"("e":{"dtype":"I8","shape":[0,5],"data_offsets":[26,26]}})";
const std::string kSmallData = "0123456789abcdef" + std::string("GAP!") + "cdef" + std::string(2, '\x7f');

} // namespace

class TestSafetensors : public QObject {
    Q_OBJECT
private slots:
    void realUnetCheckpoint() {
        DIFFCUT_REQUIRE_FIXTURES();
        const SafetensorsFile file = SafetensorsFile::open(unetFile(".safetensors"));
        QVERIFY(file.tensors().size() > 100);
        QCOMPARE(file.metadata().at("format"), std::string("pt"));
        const TensorInfo *weight = file.find("add_embedding.linear_1.weight");
        QVERIFY(weight);
        QCOMPARE(weight->dtype, TensorDType::F32);
        QCOMPARE(weight->shape, (std::vector<std::int64_t>{64, 80}));
        QCOMPARE(file.bytes(*weight).size(), std::size_t(64 * 80 * 4));
        QVERIFY(std::is_sorted(file.tensors().begin(), file.tensors().end(),
                               [](const TensorInfo &a, const TensorInfo &b) { return a.name < b.name; }));
        verifyConsistent(file);
        QVERIFY(!file.find("add_embedding.linear_1.weigh"));

        // The mapped bytes are the file's: compare one tensor with a plain read at its offset.
        std::ifstream in(unetFile(".safetensors"), std::ios::binary);
        std::uint64_t headerLength = 0;
        in.read(reinterpret_cast<char *>(&headerLength), 8);
        in.seekg(std::streamoff(8 + headerLength + weight->begin));
        std::string expected(file.bytes(*weight).size(), '\0');
        in.read(expected.data(), std::streamsize(expected.size()));
        QVERIFY(text(file.bytes(*weight)) == expected);
    }

    void realFloat16Checkpoint() {
        DIFFCUT_REQUIRE_FIXTURES();
        const SafetensorsFile full = SafetensorsFile::open(unetFile(".safetensors"));
        const SafetensorsFile half = SafetensorsFile::open(unetFile(".fp16.safetensors"));
        QCOMPARE(half.tensors().size(), full.tensors().size());
        for (std::size_t i = 0; i < half.tensors().size(); ++i) {
            QCOMPARE(half.tensors()[i].name, full.tensors()[i].name);
            QCOMPARE(half.tensors()[i].dtype, TensorDType::F16);
            QCOMPARE(half.tensors()[i].shape, full.tensors()[i].shape);
        }
        verifyConsistent(half);
    }

    void realClipCheckpoint() {
        DIFFCUT_REQUIRE_FIXTURES();
        const SafetensorsFile file = SafetensorsFile::open(testing::fixturesDir() / "clip/clip-l-tiny/model.safetensors");
        QVERIFY(!file.tensors().empty());
        const TensorInfo *embedding = file.find("text_model.embeddings.token_embedding.weight");
        QVERIFY(embedding);
        QCOMPARE(embedding->shape, (std::vector<std::int64_t>{49408, 32}));
        QCOMPARE(embedding->elementCount(), std::int64_t(49408) * 32);
        verifyConsistent(file);
    }

    void handBuiltFileRoundTrips() {
        // Writers pad the header with spaces so that the data section is 8-byte aligned.
        std::string header = kSmallHeader;
        header.append((8 - header.size() % 8) % 8, ' ');
        const std::string bytes = safetensorsBytes(header, kSmallData);
        QTemporaryDir dir;
        const auto path = testing::toPath(dir) / "small.safetensors";
        std::ofstream(path, std::ios::binary) << bytes;

        for (const SafetensorsFile &file : {SafetensorsFile::open(path), parse(bytes)}) {
            QCOMPARE(file.tensors().size(), std::size_t(3));
            QCOMPARE(file.tensors()[0].name, std::string("b"));
            QCOMPARE(file.tensors()[1].name, std::string("e"));
            QCOMPARE(file.tensors()[2].name, std::string("w"));
            QCOMPARE(file.metadata(), (std::map<std::string, std::string>{{"format", "pt"}}));
            QCOMPARE(text(file.bytes(*file.find("w"))), std::string("0123456789abcdef"));
            QCOMPARE(text(file.bytes(*file.find("b"))), std::string("cdef\x7f\x7f"));
            QCOMPARE(file.find("b")->dtype, TensorDType::F16);
            QCOMPARE(file.find("e")->elementCount(), std::int64_t(0));
            QVERIFY(file.bytes(*file.find("e")).empty());
            QVERIFY(!file.find("a"));
            QVERIFY(!file.find("z"));
        }
        QCOMPARE(SafetensorsFile::open(path).name(), path.string());
    }

    void unknownFieldsAreSkipped() {
        const SafetensorsFile file = parse(safetensorsBytes(
            R"({"w":{"layout":"strided","dtype":"U8","shape":[2],"data_offsets":[0,2],"extra":{"a":1},"more":[1,null]}})", "ab"));
        QCOMPARE(text(file.bytes(*file.find("w"))), std::string("ab"));
    }

    void emptyHeaderObjectIsAnEmptyFile() {
        const SafetensorsFile file = parse(safetensorsBytes("{}", ""));
        QVERIFY(file.tensors().empty());
        QVERIFY(file.metadata().empty());
    }

    void everyDTypeHasANameAndSize() {
        const std::pair<TensorDType, std::size_t> sizes[] = {
            {TensorDType::F64, 8}, {TensorDType::F32, 4}, {TensorDType::F16, 2}, {TensorDType::BF16, 2},
            {TensorDType::I64, 8}, {TensorDType::I32, 4}, {TensorDType::I16, 2}, {TensorDType::I8, 1},
            {TensorDType::U8, 1},  {TensorDType::Bool, 1}};
        for (const auto &[dtype, size] : sizes) {
            QCOMPARE(dtypeSize(dtype), size);
            const std::string header = "{\"t\":{\"dtype\":\"" + std::string(dtypeName(dtype)) +
                                       "\",\"shape\":[3],\"data_offsets\":[0," + std::to_string(3 * size) + "]}}";
            QCOMPARE(parse(safetensorsBytes(header, std::string(3 * size, 'x'))).find("t")->dtype, dtype);
        }
    }

    void rejectsMalformedFiles_data() {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("expected");
        // moc reads a raw string as an ordinary one: each R"(...)" here holds an even number of quotes.
        auto row = [](const char *name, const std::string &file, const QString &expected) {
            QTest::newRow(name) << QByteArray::fromStdString(file) << expected;
        };
        // One tensor entry "w" with the given fields over a 16-byte data section.
        auto tensor = [](const std::string &fields) {
            return safetensorsBytes(R"({"w":{)" + fields + "}}", std::string(16, 'd'));
        };
        const std::string dtype = R"("dtype":"F32",)";
        const std::string shape = R"("shape":[2,2],)";
        const std::string offsets = R"("data_offsets":[0,16])";

        row("empty", "", "file is too short for a safetensors header (0 bytes)");
        row("shorter than 8 bytes", std::string("\x02\0\0\0{}", 6), "file is too short for a safetensors header (6 bytes)");
        row("header over 100 MB", lengthPrefix(100000001) + "{}", "header length 100000001 exceeds the 100 MB limit");
        row("header length 2^64-1", lengthPrefix(~std::uint64_t(0)) + "{}", "exceeds the 100 MB limit");
        row("header past the end", lengthPrefix(40) + "{}", "header length 40 runs past the end of the file (10 bytes)");
        row("invalid JSON", safetensorsBytes(R"({"w": )", ""), "header is not valid JSON: ");
        row("trailing garbage", safetensorsBytes("{} x", ""), "not valid JSON");
        row("invalid UTF-8", safetensorsBytes("{\"\xff\": {}}", ""), "not valid JSON");
        row("invalid UTF-8 is escaped", safetensorsBytes("{\"\xff\": {}}", ""), "\\xff");
        row("header is a list", safetensorsBytes("[1, 2]", ""), "header is not a JSON object");
        row("header is a string", safetensorsBytes("\"w\"", ""), "not a JSON object");
        row("entry not an object", safetensorsBytes(R"({"w": 5})", ""), "tensor 'w': entry is not an object");
        row("missing dtype", tensor(shape + offsets), "tensor 'w': missing \"dtype\"");
        row("dtype not a string", tensor(R"("dtype":4,)" + shape + offsets), "tensor 'w': \"dtype\" is not a string");
        row("unknown dtype", tensor(R"("dtype":"F8",)" + shape + offsets), "tensor 'w': unknown dtype 'F8'");
        row("lower-case dtype", tensor(R"("dtype":"f32",)" + shape + offsets), "unknown dtype 'f32'");
        row("missing shape", tensor(dtype + offsets), "tensor 'w': missing \"shape\"");
        row("shape not a list", tensor(dtype + R"("shape":4,)" + offsets),
            "tensor 'w': shape must be a list of non-negative integers");
        row("negative dimension", tensor(dtype + R"("shape":[-2,-2],)" + offsets), "tensor 'w': shape must be a list");
        row("fractional dimension", tensor(dtype + R"("shape":[2.0,2],)" + offsets), "tensor 'w': shape must be a list");
        row("string dimension", tensor(dtype + R"("shape":["2",2],)" + offsets), "tensor 'w': shape must be a list");
        row("dimension over int64", tensor(dtype + R"("shape":[9223372036854775808],)" + offsets),
            "tensor 'w': shape must be a list");
        row("element count overflows", tensor(dtype + R"("shape":[4294967296,4294967296,4],)" + offsets),
            "tensor 'w': shape [4294967296, 4294967296, 4] of F32 is too large");
        row("size mismatch", tensor(dtype + R"("shape":[2,3],)" + offsets),
            "tensor 'w': shape [2, 3] of F32 needs 24 bytes but data_offsets [0, 16] hold 16");
        row("zero dimension, non-empty range", tensor(dtype + R"("shape":[4294967296,0],)" + offsets),
            "needs 0 bytes");
        row("missing data_offsets", tensor(dtype + R"("shape":[2,2])"), "tensor 'w': missing \"data_offsets\"");
        row("one offset", tensor(dtype + shape + R"("data_offsets":[16])"),
            "tensor 'w': data_offsets must be two non-negative integers [begin, end]");
        row("three offsets", tensor(dtype + shape + R"("data_offsets":[0,16,16])"), "tensor 'w': data_offsets must be");
        row("negative offset", tensor(dtype + shape + R"("data_offsets":[-16,0])"), "tensor 'w': data_offsets must be");
        row("fractional offset", tensor(dtype + shape + R"("data_offsets":[0,16.5])"), "tensor 'w': data_offsets must be");
        row("offsets not a list", tensor(dtype + shape + "\"data_offsets\":\"0-16\""), "tensor 'w': data_offsets must be");
        row("reversed offsets", tensor(dtype + shape + R"("data_offsets":[16,0])"),
            "tensor 'w': data_offsets [16, 0] end before they begin");
        row("offsets past the data", tensor(dtype + shape + R"("data_offsets":[8,24])"),
            "tensor 'w': data_offsets [8, 24] run past the end of the data section (16 bytes)");
        row("offset near 2^64", tensor(dtype + shape + R"("data_offsets":[18446744073709551600,18446744073709551615])"),
            "run past the end of the data section");
        row("overlapping tensors",
            safetensorsBytes(R"({"a":{"dtype":"U8","shape":[10],"data_offsets":[0,10]},)"
                             R"("b":{"dtype":"U8","shape":[6],"data_offsets":[10,16]},)"
                             R"("c":{"dtype":"U8","shape":[4],"data_offsets":[6,10]}})",
                             std::string(16, 'd')),
            "tensors 'a' [0, 10] and 'c' [6, 10] overlap");
        row("nested range overlaps",
            safetensorsBytes(R"({"outer":{"dtype":"U8","shape":[16],"data_offsets":[0,16]},)"
                             R"("inner":{"dtype":"U8","shape":[2],"data_offsets":[4,6]}})",
                             std::string(16, 'd')),
            "tensors 'outer' [0, 16] and 'inner' [4, 6] overlap");
        row("duplicate tensor", safetensorsBytes(R"({"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},)"
                                                 R"("w":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}})",
                                                 std::string(2, 'd')),
            "'w' appears twice in the header");
        row("metadata not an object", safetensorsBytes(R"({"__metadata__":["pt"]})", ""), "__metadata__ is not an object");
        row("metadata value not a string", safetensorsBytes(R"({"__metadata__":{"format":"pt","step":1}})", ""),
            "__metadata__ value of 'step' is not a string");
        row("nested shape", tensor(dtype + R"("shape":[[2],[2]],)" + offsets), "tensor 'w': shape must be a list");
        std::string sixtyFiveOnes = "1";
        for (int i = 1; i < 65; ++i)
            sixtyFiveOnes += ",1";
        row("65 dimensions", tensor(dtype + "\"shape\":[" + sixtyFiveOnes + "]," + offsets),
            "tensor 'w': shape has more than 64 dimensions");
        row("deep nesting", tensor(dtype + shape + offsets + R"(,"extra":[[[[[[[[2]]]]]]]])"),
            "header nests deeper than a safetensors header can");
        // A million levels (2 MB), where nlohmann::json's recursive copies and dumps would crash.
        row("a million levels", tensor(dtype + shape + offsets + ",\"extra\":" + std::string(1'000'000, '[') +
                                       std::string(1'000'000, ']')),
            "header nests deeper than a safetensors header can");
        row("a million levels at the top", safetensorsBytes(std::string(1'000'000, '[') + std::string(1'000'000, ']'), ""),
            "header is not a JSON object");
        row("dtype twice", tensor(dtype + R"("dtype":"F16",)" + shape + offsets), "tensor 'w': \"dtype\" appears twice");
        row("metadata key twice", safetensorsBytes(R"({"__metadata__":{"format":"pt","format":"np"}})", ""),
            "__metadata__ names 'format' twice");
        row("name with a newline", safetensorsBytes(R"({"bad\nname": 5})", ""), "tensor 'bad\\x0aname': entry is not");
        row("non-ASCII name", safetensorsBytes("{\"caf\xc3\xa9\": 5}", ""), "tensor 'caf\xc3\xa9': entry is not");
        row("very long name", safetensorsBytes("{\"" + std::string(5000, 'n') + "\": 5}", ""), "nnn...': entry");
    }

    void rejectsMalformedFiles() {
        QFETCH(QByteArray, file);
        QFETCH(QString, expected);
        const QString message = errorOf([&] { parse(file.toStdString()); });
        QVERIFY2(message.contains(expected), qPrintable("message: '" + message + "'"));
        QVERIFY2(message.startsWith("test.safetensors: "), qPrintable(message));
        QVERIFY2(!message.contains('\n'), qPrintable(message));
        QVERIFY2(message.size() < 600, qPrintable(message));
    }

    void openRejectsWhatIsNotAFile() {
        QTemporaryDir dir;
        const auto root = testing::toPath(dir);
        QCOMPARE(errorOf([&] { SafetensorsFile::open(root); }), QString::fromStdString(root.string() + ": is a directory, not a safetensors file"));
        std::ofstream(root / "empty.safetensors").close();
        QCOMPARE(errorOf([&] { SafetensorsFile::open(root / "empty.safetensors"); }),
                 QString::fromStdString((root / "empty.safetensors").string() + ": file is empty"));
        const QString missing = errorOf([&] { SafetensorsFile::open(root / "missing.safetensors"); });
        QVERIFY2(missing.startsWith(QString::fromStdString((root / "missing.safetensors").string() + ": cannot open")),
                 qPrintable(missing));
        std::ofstream(root / "short.safetensors") << "abc";
        QVERIFY(errorOf([&] { SafetensorsFile::open(root / "short.safetensors"); }).contains("too short"));
    }

    void corruptedBytesNeverCrash() {
        // A deterministic fuzz: every mutation either parses into a consistent file or is a clean
        // Error. Most edits land in the header, where the parsing happens.
        const std::string valid = safetensorsBytes(kSmallHeader, kSmallData);
        std::mt19937 rng(7);
        constexpr int kTrials = 4000;
        int rejected = 0;
        for (int trial = 0; trial < kTrials; ++trial) {
            std::string mutated = valid;
            const int edits = 1 + int(rng() % 4);
            for (int e = 0; e < edits; ++e) {
                const std::size_t at = rng() % mutated.size();
                switch (rng() % 4) {
                case 0: mutated[at] = char(rng()); break;                          // random byte
                case 1: mutated[at] = char(mutated[at] ^ (1 << (rng() % 8))); break; // bit flip
                case 2: mutated[at] = "{}[]\",:0-9e "[rng() % 12]; break;         // JSON syntax
                default: mutated[rng() % 8] = char(rng()); break;                  // length field
                }
            }
            if (rng() % 5 == 0)
                mutated.resize(rng() % mutated.size());
            try {
                verifyConsistent(parse(mutated));
            } catch (const Error &e) {
                ++rejected;
                QVERIFY2(!std::strchr(e.what(), '\n'), e.what());
            }
        }
        qInfo("%d mutated files: %d rejected with an error, the rest parsed consistently", kTrials, rejected);
        QVERIFY(rejected > 0);
        QVERIFY(rejected < kTrials);
    }
};

QTEST_APPLESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
