// .npy reading and writing, including every kind of malformed file a user can hand us.
#include "common/error.h"
#include "features/npy.h"
#include "test_support.h"

#include <QTest>

#include <fstream>
#include <random>

using namespace diffcut;
using diffcut::testing::errorOf;

namespace {

std::string npyFile(const std::string &header, const std::string &payload, int version = 1) {
    std::string dict = header;
    const std::size_t prefix = version == 1 ? 10 : 12;
    dict.append((64 - (prefix + dict.size() + 1) % 64) % 64, ' ');
    dict += '\n';
    std::string file = "\x93NUMPY";
    file += char(version);
    file += '\0';
    file += char(dict.size() & 0xff);
    file += char((dict.size() >> 8) & 0xff);
    if (version != 1)
        file += std::string(2, '\0');
    return file + dict + payload;
}

std::string floats(const std::vector<float> &values) {
    return std::string(reinterpret_cast<const char *>(values.data()), values.size() * sizeof(float));
}

NpyArray parse(const std::string &bytes) {
    return parseNpy(reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size(), "test.npy");
}

FeatureMap features(const std::string &bytes) { return featuresFromNpy(parse(bytes), "test.npy"); }

} // namespace

class TestNpy : public QObject {
    Q_OBJECT
private slots:
    void roundTrip() {
        QTemporaryDir dir;
        FeatureMap map(3, 2, 4);
        for (std::size_t i = 0; i < map.values.size(); ++i)
            map.values[i] = float(i) * 0.5f - 3.0f;
        const auto path = testing::toPath(dir) / "f.npy";
        writeFeaturesNpy(path, map);
        const FeatureMap back = readFeaturesNpy(path);
        QCOMPARE(back.channels, 3);
        QCOMPARE(back.height, 2);
        QCOMPARE(back.width, 4);
        QVERIFY(back.values == map.values);
        QCOMPARE(back.at(2, 1, 3), map.at(2, 1, 3));
    }

    void float16AndVersion2() {
        // 1.0, -2.0, 0.5, 65504 in IEEE half precision.
        const unsigned short halves[] = {0x3c00, 0xc000, 0x3800, 0x7bff};
        const std::string payload(reinterpret_cast<const char *>(halves), sizeof halves);
        const FeatureMap map = features(npyFile("{'descr': '<f2', 'fortran_order': False, 'shape': (1, 2, 2), }", payload, 2));
        QCOMPARE(map.values, (std::vector<float>{1.0f, -2.0f, 0.5f, 65504.0f}));
    }

    void labels() {
        QTemporaryDir dir;
        const std::vector<int> values{0, 1, 2, 7, 7, 3};
        const auto path = testing::toPath(dir) / "l.npy";
        std::ofstream(path, std::ios::binary)
            << npyFile("{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }",
                       std::string(reinterpret_cast<const char *>(values.data()), values.size() * 4));
        const LabelMap map = readLabelsNpy(path);
        QCOMPARE(map.size(), cv::Size(3, 2));
        QCOMPARE(map(1, 0), 7);
        QCOMPARE(map(1, 2), 3);
    }

    void rejectsWhatItCannotUse_data() {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("expected");
        const std::string good = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 2), }";
        const std::string four = floats({1, 2, 3, 4});
        auto row = [](const char *name, const std::string &file, const char *expected) {
            QTest::newRow(name) << QByteArray::fromStdString(file) << QString(expected);
        };
        row("not npy", "hello world, this is not numpy", "not a NumPy");
        row("empty", "", "not a NumPy");
        row("truncated header", npyFile(good, four).substr(0, 20), "truncated");
        row("truncated data", npyFile(good, four.substr(0, 10)), "truncated");
        row("fortran order", npyFile("{'descr': '<f4', 'fortran_order': True, 'shape': (1, 2, 2), }", four), "Fortran");
        row("float64", npyFile("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2, 1), }", four), "'<f8'");
        row("big endian", npyFile("{'descr': '>f4', 'fortran_order': False, 'shape': (1, 2, 2), }", four), "'>f4'");
        row("object", npyFile("{'descr': '|O', 'fortran_order': False, 'shape': (1, 2, 2), }", four), "dtype");
        row("rank 2", npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", four), "(C, h, w)");
        row("no channels", npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (0, 2, 2), }", ""), "no channels");
        row("no pixels", npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 0, 2), }", ""), "no pixels");
        row("nan", npyFile(good, floats({1, std::nanf(""), 3, 4})), "non-finite");
        row("inf", npyFile(good, floats({1, 2, 3, INFINITY})), "non-finite");
        row("huge shape", npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (999999999999, 999999999999, 9), }", four),
            "too large");
        row("garbage shape", npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (1, x, 2), }", four), "shape");
        row("missing key", npyFile("{'descr': '<f4', 'shape': (1, 2, 2), }", four), "fortran_order");
        row("version 9", npyFile(good, four, 9), "version");
        // Grids beyond the affinity's limit (kMaxFeatureGridCells): 128 x 128 would take 3.2 GB.
        row("grid 128x128", npyFile("{'descr': '<f2', 'fortran_order': False, 'shape': (1, 128, 128), }",
                                    std::string(128 * 128 * 2, '\0')),
            "feature grid 128x128 is larger than the 9216 cells");
        row("grid 97x96", npyFile("{'descr': '<f2', 'fortran_order': False, 'shape': (1, 97, 96), }",
                                  std::string(97 * 96 * 2, '\0')),
            "feature grid 97x96");
        // The header dict is flat but for the shape tuple; deeper nesting is refused unread.
        row("nested header", npyFile("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1, 2, 2), }", four),
            "nested values");
        row("deeply nested shape", npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': " + std::string(1000, '(') +
                                               "1" + std::string(1000, ')') + ", }",
                                           four),
            "nested values");
    }

    void theLargestAcceptedGridIs96x96() {
        const FeatureMap map = features(npyFile("{'descr': '<f2', 'fortran_order': False, 'shape': (2, 96, 96), }",
                                                std::string(2 * 96 * 96 * 2, '\x3c')));
        QCOMPARE(map.pixels(), kMaxFeatureGridCells);
    }

    void rejectsWhatItCannotUse() {
        QFETCH(QByteArray, file);
        QFETCH(QString, expected);
        const QString message = errorOf([&] { features(file.toStdString()); });
        QVERIFY2(message.contains(expected), qPrintable("message: '" + message + "'"));
        QVERIFY2(message.startsWith("test.npy: "), qPrintable(message));
        QVERIFY(!message.contains('\n'));
    }

    // Files are read header first, then exactly the declared payload in one read: a short file is
    // refused before anything is read, trailing bytes are ignored as in memory.
    void filesAreReadLikeMemory() {
        QTemporaryDir dir;
        const std::string good = "{'descr': '<f2', 'fortran_order': False, 'shape': (1, 2, 2), }";
        const std::string halves("\x00\x3c\x00\xc0\x00\x38\xff\x7b", 8); // 1, -2, 0.5, 65504
        const auto write = [&](const char *name, const std::string &bytes) {
            const auto path = testing::toPath(dir) / name;
            std::ofstream(path, std::ios::binary) << bytes;
            return path;
        };
        const FeatureMap read = readFeaturesNpy(write("trailing.npy", npyFile(good, halves + "junk")));
        QCOMPARE(read.values, (std::vector<float>{1.0f, -2.0f, 0.5f, 65504.0f}));
        const auto shortFile = write("short.npy", npyFile(good, halves.substr(0, 6)));
        const QString message = errorOf([&] { readFeaturesNpy(shortFile); });
        QVERIFY2(message.startsWith(QString::fromStdString(shortFile.string()) + ": truncated"), qPrintable(message));
        QVERIFY(errorOf([&] { readFeaturesNpy(write("nan.npy", npyFile(good, std::string("\x00\x7e", 2) + halves.substr(2)))); })
                    .contains("non-finite"));
        QVERIFY(errorOf([&] { readFeaturesNpy(testing::toPath(dir)); }).contains("not a regular file"));
    }

    void missingFileNamesIt() {
        QVERIFY(errorOf([] { readFeaturesNpy("/nonexistent/features.npy"); }).contains("/nonexistent/features.npy"));
    }

    void corruptedBytesNeverCrash() {
        // A small deterministic fuzz: every mutation either parses or is a clean Error.
        const std::string valid =
            npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2, 2), }", floats({1, 2, 3, 4, 5, 6, 7, 8}));
        std::mt19937 rng(42);
        int rejected = 0;
        for (int trial = 0; trial < 3000; ++trial) {
            std::string mutated = valid;
            const int edits = 1 + int(rng() % 4);
            for (int e = 0; e < edits; ++e)
                mutated[rng() % mutated.size()] = char(rng());
            if (rng() % 5 == 0)
                mutated.resize(rng() % mutated.size());
            rejected += !errorOf([&] { features(mutated); }).isEmpty();
        }
        qInfo("3000 mutated files: %d rejected with an error, the rest parsed", rejected);
        QVERIFY(rejected > 0);
    }
};

QTEST_APPLESS_MAIN(TestNpy)
#include "test_npy.moc"
