#pragma once
// Helpers shared by the Qt Test executables.
#include "common/error.h"

#include <QString>
#include <QTest>
#include <QTemporaryDir>

#include <sys/mman.h>
#include <sys/resource.h>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace diffcut::testing {

// The golden fixtures live beside the checkout (../shared/fixtures). A developer without them
// gets a skip that says so; under CI (CI=true) their absence is a failure, never a silent skip.
inline std::filesystem::path fixturesDir() { return DIFFCUT_FIXTURES_DIR; }

#define DIFFCUT_REQUIRE_FIXTURES()                                                                   \
    do {                                                                                             \
        if (!std::filesystem::exists(diffcut::testing::fixturesDir() / "ncut-ref/manifest.json")) { \
            if (std::getenv("CI"))                                                                   \
                QFAIL("golden fixtures not found at " DIFFCUT_FIXTURES_DIR);                         \
            QSKIP("golden fixtures not found at " DIFFCUT_FIXTURES_DIR);                             \
        }                                                                                            \
    } while (false)

// A full disk, simulated without root: while it lives, files of this process cannot grow past
// `bytes` (RLIMIT_FSIZE; writes beyond fail with EFBIG, SIGXFSZ being ignored).
class ScopedFileSizeLimit {
public:
    explicit ScopedFileSizeLimit(rlim_t bytes) : signal_(std::signal(SIGXFSZ, SIG_IGN)) {
        getrlimit(RLIMIT_FSIZE, &previous_);
        const rlimit limited{bytes, previous_.rlim_max};
        setrlimit(RLIMIT_FSIZE, &limited);
    }
    ~ScopedFileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &previous_);
        std::signal(SIGXFSZ, signal_);
    }
    ScopedFileSizeLimit(const ScopedFileSizeLimit &) = delete;
    ScopedFileSizeLimit &operator=(const ScopedFileSizeLimit &) = delete;

private:
    void (*signal_)(int);
    rlimit previous_{};
};

inline std::filesystem::path sourceDir() { return DIFFCUT_SOURCE_DIR; }
inline std::filesystem::path sampleImage() { return sourceDir() / "resources/sample/2011_000025.jpg"; }

inline std::filesystem::path toPath(const QTemporaryDir &dir) { return dir.path().toStdString(); }

// The message of the diffcut::Error that `work` throws, or "" when it throws none.
template <typename Work>
QString errorOf(Work &&work) {
    try {
        work();
    } catch (const diffcut::Error &error) {
        return QString::fromUtf8(error.what());
    }
    return {};
}

// Passes when `work` throws a diffcut::Error whose message contains `expected`.
template <typename Work>
void expectError(Work &&work, const std::string &expected) {
    const QString message = errorOf(work);
    QVERIFY2(!message.isEmpty(), qPrintable("no error; expected one mentioning " + QString::fromStdString(expected)));
    QVERIFY2(message.contains(QString::fromStdString(expected)), qPrintable(message));
}

// The kernel's flags for the mapping that holds `address` ("rd wr mr mw me ac sd hg": hg is
// huge pages advised; "" where the kernel lists none), or nothing when no mapping holds it.
inline std::optional<std::string> mappingFlagsAt(const void *address) {
    const auto wanted = reinterpret_cast<std::uintptr_t>(address);
    std::ifstream smaps("/proc/self/smaps");
    bool inside = false;
    for (std::string line; std::getline(smaps, line);) {
        unsigned long long first = 0, last = 0;
        if (std::sscanf(line.c_str(), "%llx-%llx ", &first, &last) == 2) { // a mapping's first line; no field's name parses so
            if (inside)
                return std::string();
            inside = wanted >= first && wanted < last;
        } else if (inside && line.rfind("VmFlags:", 0) == 0) {
            return line.substr(8);
        }
    }
    return inside ? std::optional<std::string>(std::string()) : std::nullopt;
}

// Whether this kernel takes huge page advice at all (it refuses without transparent huge pages).
inline bool hugePagesCanBeAdvised() {
    void *probe = mmap(nullptr, std::size_t(4) << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (probe == MAP_FAILED)
        return false;
    const bool advised = madvise(probe, std::size_t(4) << 20, MADV_HUGEPAGE) == 0;
    munmap(probe, std::size_t(4) << 20);
    return advised;
}

} // namespace diffcut::testing
