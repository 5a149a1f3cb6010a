// The cache folder's layout (one owner: CacheLayout), and the feature cache's validation on read
// (a renamed, foreign, truncated or oversized entry is discarded with a note, never used), its
// source records and its bound (least recently used first, the kept folder's entries last).
#include "common/cache_layout.h"
#include "features/builtin_encoder.h"
#include "features/encoder_factory.h"
#include "features/feature_cache.h"
#include "test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

#include <chrono>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;
using namespace diffcut;

namespace {

cv::Mat3b flat(int value) { return cv::Mat3b(6, 8, cv::Vec3b(uchar(value), 20, 30)); }

FeatureMap features(int channels = 4) {
    FeatureMap map(channels, 2, 2);
    for (std::size_t i = 0; i < map.values.size(); ++i)
        map.values[i] = float(i);
    return map;
}

struct Notes {
    std::vector<std::string> lines;
    NoteFn fn() {
        return [this](const std::string &note) { lines.push_back(note); };
    }
};

void setAge(const fs::path &file, int secondsAgo) {
    fs::last_write_time(file, fs::file_time_type::clock::now() - std::chrono::seconds(secondsAgo));
}

// An image file with these pixels, so that a source record can name it.
fs::path writeImage(const fs::path &path, const cv::Mat3b &rgb) {
    fs::create_directories(path.parent_path());
    cv::imwrite(path.string(), rgb);
    return path;
}

} // namespace

class TestFeatureCache : public QObject {
    Q_OBJECT
private slots:
    void layoutNamesEveryAreaUnderOneRoot() {
        const CacheLayout layout("/cache");
        QCOMPARE(layout.features(), fs::path("/cache/features"));
        QCOMPARE(layout.conditioning(), fs::path("/cache/conditioning"));
        QCOMPARE(layout.annotations(), fs::path("/cache/annotations"));
        QCOMPARE(layout.projects(), fs::path("/cache/projects"));
        QVERIFY(CacheLayout::recomputable(CacheArea::Features) && CacheLayout::recomputable(CacheArea::Conditioning));
        QVERIFY(!CacheLayout::recomputable(CacheArea::Annotations) && !CacheLayout::recomputable(CacheArea::Projects));
        QCOMPARE(CacheLayout::nameForPath("/data/x/../a.jpg"), CacheLayout::nameForPath("/data/a.jpg"));
        QCOMPARE(CacheLayout::nameFor("key").size(), std::size_t(32));

        QTemporaryDir xdg;
        qputenv("XDG_CACHE_HOME", xdg.path().toUtf8());
        QCOMPARE(CacheLayout().root(), testing::toPath(xdg) / "diffcut-studio");
        QCOMPARE(CacheLayout::defaultRoot(), testing::toPath(xdg) / "diffcut-studio");
        qunsetenv("XDG_CACHE_HOME");
    }

    void layoutMeasuresAndClearsOnlyWhatIsRecomputable() {
        QTemporaryDir dir;
        const CacheLayout layout(testing::toPath(dir));
        for (const CacheArea area : CacheLayout::areas())
            fs::create_directories(layout.folder(area));
        std::ofstream(layout.features() / "a.npy") << std::string(100, 'x');
        std::ofstream(layout.features() / "a.json") << "{}";
        std::ofstream(layout.features() / ".b.npy.tmp-1234.npy") << std::string(50, 'x'); // a write in progress
        std::ofstream(layout.features() / "readme.txt") << "not ours";
        std::ofstream(layout.annotations() / "c.diffcut.json") << "{}";

        CacheUsage features = layout.usage(CacheArea::Features);
        QCOMPARE(features.entries, 1);
        QCOMPARE(features.bytes, std::uintmax_t(152));
        QCOMPARE(layout.usage(CacheArea::Annotations).entries, 1);

        features = layout.clear(CacheArea::Features);
        QCOMPARE(features.entries, 0);
        QVERIFY(fs::exists(layout.features() / "readme.txt"));
        QVERIFY(!fs::exists(layout.features() / "a.json"));
        QCOMPARE(layout.clear(CacheArea::Annotations).entries, 1); // the user's work: never cleared
        QVERIFY(fs::exists(layout.annotations() / "c.diffcut.json"));
        QCOMPARE(CacheLayout(testing::toPath(dir) / "missing").usage(CacheArea::Features).entries, 0);
    }

    void anEntryWrittenForAnotherImageIsDiscarded() {
        QTemporaryDir dir;
        Notes notes;
        const FeatureCache cache(testing::toPath(dir), notes.fn());
        cache.store(flat(1), "enc/1", features());
        // A valid entry, copied under another entry's name (a foreign file): it must not be used.
        fs::copy_file(cache.pathFor(flat(1), "enc/1"), cache.pathFor(flat(2), "enc/1"));
        QVERIFY(!cache.load(flat(2), "enc/1"));
        QVERIFY(!fs::exists(cache.pathFor(flat(2), "enc/1")));
        QCOMPARE(notes.lines.size(), std::size_t(1));
        QVERIFY2(notes.lines[0].find("written for another entry") != std::string::npos, notes.lines[0].c_str());
        QVERIFY(cache.load(flat(1), "enc/1")); // the original stays valid
    }

    void aFileLargerThanAnyFeatureMapIsNotRead() {
        QTemporaryDir dir;
        Notes notes;
        const FeatureCache cache(testing::toPath(dir), notes.fn());
        const fs::path entry = cache.pathFor(flat(1), "enc/1");
        std::ofstream(entry) << "x";
        fs::resize_file(entry, std::uintmax_t(3) << 30); // sparse: no disk used, and it must not be read into memory
        QVERIFY(!cache.load(flat(1), "enc/1"));
        QVERIFY(!fs::exists(entry));
        QCOMPARE(notes.lines.size(), std::size_t(1));
        QVERIFY2(notes.lines[0].find("more than any feature map") != std::string::npos, notes.lines[0].c_str());
    }

    void aValidCheckedFileThatIsNoFeatureMapIsDiscarded() {
        QTemporaryDir dir;
        Notes notes;
        const FeatureCache cache(testing::toPath(dir), notes.fn());
        FeatureMap bad = features();
        bad.values[1] = std::numeric_limits<float>::quiet_NaN();
        cache.store(flat(1), "enc/1", bad); // written with a valid checksum, but not usable features
        QVERIFY(!cache.load(flat(1), "enc/1"));
        QCOMPARE(notes.lines.size(), std::size_t(1));
        QVERIFY2(notes.lines[0].find("discarded a bad feature cache entry") != std::string::npos, notes.lines[0].c_str());
    }

    void sourceRecordsNameTheImagesOfAFolder() {
        QTemporaryDir dir;
        const fs::path root = testing::toPath(dir);
        const FeatureCache cache(root / "cache");
        const fs::path a = writeImage(root / "folder/a.png", flat(1)), b = writeImage(root / "folder/sub/b.png", flat(2)),
                       other = writeImage(root / "elsewhere/c.png", flat(3));
        for (const auto &[image, value] : {std::pair{a, 1}, std::pair{b, 2}, std::pair{other, 3}}) {
            cache.store(flat(value), "enc/1", features());
            cache.recordSource(flat(value), "enc/1", image);
        }
        cache.recordSource(flat(4), "enc/1", root / "folder/none.png"); // no entry: nothing recorded
        std::map<fs::path, std::uintmax_t> under = cache.entriesUnder(root / "folder", "enc/1");
        QCOMPARE(under.size(), std::size_t(2));
        QVERIFY(under.contains(a) && under.contains(b));
        QCOMPARE(under[a], fs::file_size(cache.pathFor(flat(1), "enc/1")));
        QVERIFY(cache.entriesUnder(root / "folder", "enc/2").empty());

        // An image changed since its features were computed is no longer listed; a removed entry neither.
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        writeImage(a, flat(9));
        fs::remove(cache.pathFor(flat(2), "enc/1"));
        QVERIFY(cache.entriesUnder(root / "folder", "enc/1").empty());
    }

    void trimEvictsTheLeastRecentlyUsedFirst() {
        QTemporaryDir dir;
        const FeatureCache cache(testing::toPath(dir));
        for (int i = 0; i < 4; ++i) {
            cache.store(flat(i), "enc/1", features());
            setAge(cache.pathFor(flat(i), "enc/1"), 100 - 10 * i); // 0 the oldest
        }
        const std::uintmax_t entry = fs::file_size(cache.pathFor(flat(0), "enc/1"));
        QVERIFY(cache.load(flat(0), "enc/1")); // a read is a use: 0 is now the most recent

        const FeatureCache::Trimmed trimmed = cache.trim(2 * entry);
        QCOMPARE(trimmed.removed, 2);
        QCOMPARE(trimmed.bytesLeft, 2 * entry);
        QVERIFY(fs::exists(cache.pathFor(flat(0), "enc/1")));
        QVERIFY(!fs::exists(cache.pathFor(flat(1), "enc/1")));
        QVERIFY(!fs::exists(cache.pathFor(flat(2), "enc/1")));
        QVERIFY(fs::exists(cache.pathFor(flat(3), "enc/1")));
        QCOMPARE(cache.trim(2 * entry).removed, 0); // within the bound: nothing more
    }

    void trimEvictsTheKeptFoldersEntriesLast() {
        QTemporaryDir dir;
        const fs::path root = testing::toPath(dir);
        const FeatureCache cache(root / "cache");
        // Entries 0 and 1 belong to the folder being worked on, and are the oldest.
        for (int i = 0; i < 4; ++i) {
            const fs::path image = writeImage(root / (i < 2 ? "work" : "other") / (std::to_string(i) + ".png"), flat(i));
            cache.store(flat(i), "enc/1", features());
            cache.recordSource(flat(i), "enc/1", image);
            setAge(cache.pathFor(flat(i), "enc/1"), 100 - 10 * i);
        }
        const std::uintmax_t entry = fs::file_size(cache.pathFor(flat(0), "enc/1"));
        QCOMPARE(cache.trim(3 * entry, root / "work").removed, 1);
        QVERIFY(!fs::exists(cache.pathFor(flat(2), "enc/1"))); // the oldest of the others
        QVERIFY(!fs::exists(fs::path(cache.pathFor(flat(2), "enc/1")).replace_extension(".json")));
        QCOMPARE(cache.trim(entry, root / "work").removed, 2); // the others first, then the folder's oldest
        QVERIFY(fs::exists(cache.pathFor(flat(1), "enc/1")));
        QVERIFY(!fs::exists(cache.pathFor(flat(0), "enc/1")));
    }

    void theBuiltinEncodersFeaturesAreCachedToo() {
        QTemporaryDir dir;
        EncoderSettings settings;
        settings.cacheRoot = testing::toPath(dir);
        const std::unique_ptr<FeatureEncoder> encoder = createEncoder(settings);
        const cv::Mat3b image = flat(7);
        const FeatureMap computed = encoder->encode(image);
        const FeatureCache cache(CacheLayout(settings.cacheRoot).features());
        QVERIFY(fs::exists(cache.pathFor(image, featureCacheKey(*encoder))));
        QCOMPARE(cache.load(image, featureCacheKey(*encoder))->values, computed.values);
        QCOMPARE(computed.values, BuiltinEncoder().encode(image).values);
        settings.useCache = false;
        QVERIFY(!dynamic_cast<CachingEncoder *>(createEncoder(settings).get()));
    }

    // The built-in encoder's id does not name its grid: the cache must, or the 64 × 64 encoder would
    // be answered with the 32 × 32 features (found by the main window's test of set-aside decisions).
    void eachBuiltinGridHasItsOwnEntries() {
        QTemporaryDir dir;
        EncoderSettings settings;
        settings.cacheRoot = testing::toPath(dir);
        const cv::Mat3b image = flat(7);
        QCOMPARE(createEncoder(settings)->encode(image).width, 32);
        settings.builtinGrid = 64;
        QCOMPARE(createEncoder(settings)->encode(image).width, 64);
        QVERIFY(featureCacheKey(BuiltinEncoder(32)) != featureCacheKey(BuiltinEncoder(64)));
    }
};

QTEST_APPLESS_MAIN(TestFeatureCache)
#include "test_feature_cache.moc"
