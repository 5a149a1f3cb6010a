// The window's memory policy (common/huge_pages.h): freed buffers are reused, the top of the
// heap, where new ones come from, is brought into memory ahead of use by a background thread, so
// that a new τ's label map is not faulted in while the user waits, and large images are mappings
// of their own in huge pages.
#include "common/huge_pages.h"
#include "test_support.h"

#include <QTest>
#include <malloc.h>
#include <opencv2/core/mat.hpp>

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <vector>

using namespace diffcut;

namespace {

constexpr std::size_t kBuffer = std::size_t(4) << 20; // a 1024² label map

// The share of kBuffer bytes of free memory at the top of the heap, where the next new buffer
// comes from, that are in memory: those past the huge page of the top's header, which malloc
// writes.
double residentShareOfHeapTop() {
    const auto page = std::uintptr_t(sysconf(_SC_PAGESIZE)), hugePage = std::uintptr_t(2) << 20;
    const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
    const auto begin = (end - mallinfo2().keepcost + hugePage) & ~(hugePage - 1);
    if (end < begin + kBuffer)
        return -1.0;
    std::vector<unsigned char> resident(kBuffer / page);
    if (mincore(reinterpret_cast<void *>(begin), kBuffer, resident.data()) != 0)
        return -1.0;
    std::size_t count = 0;
    for (const unsigned char flags : resident)
        count += flags & 1;
    return double(count) / double(resident.size());
}

} // namespace

class TestMemory : public QObject {
    Q_OBJECT
private slots:
    // Not in memory at first (the reserve is only advised); in memory once the thread has run; and
    // again after buffers that took that memory are kept (a cache) and the thread is asked again.
    void theTopOfTheHeapIsInMemoryAheadOfUse() {
        void *probe = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        QVERIFY(probe != MAP_FAILED);
        const bool supported = madvise(probe, 4096, MADV_POPULATE_WRITE) == 0;
        munmap(probe, 4096);
        if (!supported)
            QSKIP("this kernel cannot bring memory in ahead of use (MADV_POPULATE_WRITE needs Linux 5.14)");
        QCOMPARE(residentShareOfHeapTop(), 0.0);
        keepHeapTopPopulated(std::size_t(16) << 20);
        QTRY_VERIFY_WITH_TIMEOUT(residentShareOfHeapTop() == 1.0, 30000);

        std::vector<void *> kept; // as a cache keeps label maps: the memory brought in is used up
        for (int i = 0; i < 8; ++i)
            kept.push_back(std::malloc(kBuffer));
        QCOMPARE(residentShareOfHeapTop(), 0.0);
        repopulateHeapTop();
        QTRY_VERIFY_WITH_TIMEOUT(residentShareOfHeapTop() == 1.0, 30000);
        for (void *buffer : kept)
            std::free(buffer);
    }

    // A huge image's label map: faulted in 4 KiB at a time it cost more than computing it.
    // Smaller images stay on the heap, where freed memory is reused.
    void largeImagesLiveInHugePagesAndAreGivenBack() {
        if (!testing::hugePagesCanBeAdvised())
            QSKIP("this kernel has no transparent huge pages");
        cv::Mat1i large(9000, 12000); // 432 MB, untouched
        const void *address = large.data;
        const std::optional<std::string> flags = testing::mappingFlagsAt(address);
        QVERIFY(flags);
        QVERIFY2(flags->find(" hg") != std::string::npos, flags->c_str());
        large.release();
        QVERIFY(!testing::mappingFlagsAt(address));

        cv::Mat1i small(1024, 1024);
        const void *smallAddress = small.data;
        small.release();
        QVERIFY(testing::mappingFlagsAt(smallAddress)); // still the heap's
    }
};

int main(int argc, char *argv[]) {
    reuseFreedMemory(std::size_t(32) << 20, std::size_t(64) << 20); // first, as the window does: one heap for all threads
    mapLargeImagesInHugePages();
    TestMemory test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_memory.moc"
