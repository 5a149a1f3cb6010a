#include "common/huge_pages.h"

#include <malloc.h>
#include <opencv2/core/mat.hpp>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <condition_variable>
#include <mutex>
#include <new>
#include <stop_token>
#include <thread>
#include <string>
#include <utility>
#include <vector>

namespace diffcut {
namespace {

constexpr std::uintptr_t kHugePage = std::uintptr_t(2) << 20;
// Buffers this large or larger are mapped on their own (reuseFreedMemory); glibc's own default
// until then. Written before any thread starts.
std::size_t mmapThreshold = std::size_t(128) << 10;

} // namespace

void adviseHugePages(const void *data, std::size_t bytes) {
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + kHugePage - 1) & ~(kHugePage - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHugePage - 1);
    if (end > begin)
        madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
}

namespace {

std::size_t wholeHugePages(std::size_t bytes) { return (std::max<std::size_t>(bytes, 1) + kHugePage - 1) & ~(kHugePage - 1); }

} // namespace

void *mapHugePages(std::size_t bytes) {
    if (bytes > SIZE_MAX - 2 * kHugePage)
        return nullptr;
    const std::size_t size = wholeHugePages(bytes);
    void *mapped = mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED)
        return nullptr;
    // The slack before the first huge page boundary and after the last goes back at once.
    const auto first = reinterpret_cast<std::uintptr_t>(mapped);
    const std::uintptr_t aligned = (first + kHugePage - 1) & ~(kHugePage - 1);
    if (aligned > first)
        munmap(mapped, aligned - first);
    if (const std::uintptr_t tail = first + kHugePage - aligned; tail > 0)
        munmap(reinterpret_cast<void *>(aligned + size), tail);
    madvise(reinterpret_cast<void *>(aligned), size, MADV_HUGEPAGE);
    return reinterpret_cast<void *>(aligned);
}

void unmapHugePages(void *data, std::size_t bytes) {
    if (data)
        munmap(data, wholeHugePages(bytes));
}

namespace {

// OpenCV's standard allocator (fastMalloc: the heap, or glibc's own 4 KiB mapping when large) for
// all but large dense images, which are mapped in huge pages of their own.
class HugePageMatAllocator final : public cv::MatAllocator {
public:
    cv::UMatData *allocate(int dims, const int *sizes, int type, void *data, std::size_t *step, cv::AccessFlag flags,
                           cv::UMatUsageFlags usage) const override {
        std::size_t total = CV_ELEM_SIZE(type);
        for (int i = 0; i < dims; ++i)
            total *= std::size_t(sizes[i]);
        if (data || total < kOwnMappingBytes)
            return standard()->allocate(dims, sizes, type, data, step, flags, usage);
        auto *bytes = static_cast<uchar *>(mapHugePages(total));
        if (!bytes)
            CV_Error(cv::Error::StsNoMem, "out of memory for an image of " + std::to_string(total) + " bytes");
        if (step) // dense, as OpenCV's own
            for (int i = dims - 1; i >= 0; --i)
                step[i] = i == dims - 1 ? CV_ELEM_SIZE(type) : step[i + 1] * std::size_t(sizes[i + 1]);
        auto *owned = new cv::UMatData(this);
        owned->data = owned->origdata = bytes;
        owned->size = total;
        return owned;
    }

    bool allocate(cv::UMatData *data, cv::AccessFlag, cv::UMatUsageFlags) const override { return data != nullptr; }

    void deallocate(cv::UMatData *data) const override { // only ours: the standard's go to it
        if (!data)
            return;
        CV_Assert(data->urefcount == 0 && data->refcount == 0);
        unmapHugePages(data->origdata, data->size);
        delete data;
    }

private:
    static cv::MatAllocator *standard() { return cv::Mat::getStdAllocator(); }
};

} // namespace

void mapLargeImagesInHugePages() {
    // Never destroyed: images may be freed while other statics are torn down at exit.
    cv::Mat::setDefaultAllocator(new HugePageMatAllocator);
}

namespace {

// Grows the heap by `bytes` (untouched: no memory is used until written), with huge pages advised.
void reserveHeap(std::size_t bytes) {
    mallopt(M_MMAP_MAX, 0); // the reserve itself would be mapped on its own otherwise
    if (void *block = std::malloc(bytes)) {
        adviseHugePages(block, bytes);
        std::free(block);
    }
}

} // namespace

void reserveHugePageHeap(std::size_t bytes) {
    mallopt(M_ARENA_MAX, 1); // worker threads allocate here too
    mallopt(M_TRIM_THRESHOLD, int(std::min<std::size_t>(bytes * 2, INT_MAX))); // freed memory stays
    reserveHeap(bytes); // and M_MMAP_MAX stays 0: every buffer from the heap, none mapped and faulted in anew
}

void reuseFreedMemory(std::size_t largest, std::size_t kept) {
    mallopt(M_ARENA_MAX, 1); // every thread's buffers in one heap, reused by all
    mmapThreshold = std::min<std::size_t>(largest, std::size_t(32) << 20);
    mallopt(M_MMAP_THRESHOLD, int(mmapThreshold));
    mallopt(M_TRIM_THRESHOLD, int(std::min<std::size_t>(kept + (std::size_t(2) << 20), INT_MAX)));
    reserveHeap(kept);
    mallopt(M_MMAP_MAX, 65536); // glibc's default again: larger buffers are mapped on their own
}

namespace {

// Brings [begin, end) into memory the way a write would, without writing (MADV_POPULATE_WRITE):
// a thread that has taken part of it meanwhile is never disturbed. A huge page at a time, so the
// address space stays locked only that long for a thread that maps or unmaps a large buffer
// meanwhile (a huge image's maps). Fails harmlessly before Linux 5.14.
void populate(std::uintptr_t begin, std::uintptr_t end) {
    constexpr std::uintptr_t kPage = 4096;
    begin = (begin + kPage - 1) & ~(kPage - 1);
    end &= ~(kPage - 1);
    if (end <= begin)
        return;
    adviseHugePages(reinterpret_cast<void *>(begin), end - begin);
    for (std::uintptr_t at = begin; at < end; at += std::min<std::uintptr_t>(kHugePage, end - at))
        madvise(reinterpret_cast<void *>(at), std::min<std::uintptr_t>(kHugePage, end - at), MADV_POPULATE_WRITE);
}

// Makes the free memory at the top of the heap at least `bytes` large and brings its first
// `bytes` into memory, holding no memory while the pages come in. (Buffers freed earlier are in
// memory already; new ones come from the top.)
void populateHeapTop(std::size_t bytes, std::size_t block) {
    std::vector<std::pair<std::uintptr_t, std::uintptr_t>> grown;
    std::size_t top = mallinfo2().keepcost; // walks the heap's free lists under its lock: once or twice
    if (top < bytes) { // grows the heap: blocks held for a moment, untouched
        std::vector<void *> blocks;
        for (std::size_t held = 0; held < bytes; held += block)
            if (void *data = std::malloc(block))
                blocks.push_back(data);
        for (void *data : blocks) {
            // Where another thread took memory above a block meanwhile, the block stays behind as
            // a free chunk of its own: it is brought in too.
            const auto first = reinterpret_cast<std::uintptr_t>(data);
            grown.emplace_back(first, first + block);
            std::free(data);
        }
        top = mallinfo2().keepcost;
    }
    const auto end = reinterpret_cast<std::uintptr_t>(sbrk(0));
    if (top > 0 && end >= top)
        populate(end - top, std::min<std::uintptr_t>(end, end - top + bytes));
    for (const auto &[first, last] : grown)
        if (first < end - top) // the top's own part is in already
            populate(first, std::min(last, end - top));
}

class HeapWarmer {
public:
    explicit HeapWarmer(std::size_t bytes) : bytes_(bytes), thread_([this](std::stop_token stop) { run(stop); }) {}
    void request() {
        {
            const std::lock_guard lock(mutex_);
            wanted_ = true;
        }
        wake_.notify_one();
    }

private:
    void run(std::stop_token stop) {
        // Behind the cuts (nice 4) but not the lowest: a thread preempted while it holds the heap's
        // lock (mallinfo2, malloc) would hold up every thread that allocates.
        setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), 10);
        for (;;) {
            {
                std::unique_lock lock(mutex_);
                if (!wake_.wait(lock, stop, [this] { return wanted_; }))
                    return;
                wanted_ = false;
            }
            populateHeapTop(bytes_, std::min(kBlock, mmapThreshold / 2));
        }
    }
    static constexpr std::size_t kBlock = std::size_t(16) << 20;

    const std::size_t bytes_;
    std::mutex mutex_;
    std::condition_variable_any wake_;
    bool wanted_ = true; // once at the start
    std::jthread thread_;
};

std::mutex warmerMutex;
std::unique_ptr<HeapWarmer> warmer;

} // namespace

void keepHeapTopPopulated(std::size_t bytes) {
    const std::lock_guard lock(warmerMutex);
    if (!warmer)
        warmer = std::make_unique<HeapWarmer>(bytes);
}

void repopulateHeapTop() {
    const std::lock_guard lock(warmerMutex);
    if (warmer)
        warmer->request();
}

namespace {

std::mutex keptMutex;
std::unique_ptr<ScratchBlock> kept; // the latest block given back

} // namespace

ScratchBlock::ScratchBlock(std::size_t bytes) : data_(mapHugePages(bytes)), size_(wholeHugePages(bytes)) {
    if (!data_)
        throw std::bad_alloc();
}

ScratchBlock::~ScratchBlock() { unmapHugePages(data_, size_); }

std::shared_ptr<ScratchBlock> ScratchBlock::borrow(std::size_t bytes) {
    const auto giveBack = [](ScratchBlock *block) {
        std::unique_ptr<ScratchBlock> owned(block);
        if (owned->size() > kKeptBytes)
            return; // unmapped here
        const std::lock_guard lock(keptMutex);
        kept = std::move(owned); // a block kept before is unmapped: the latest fits the next call best
    };
    std::unique_ptr<ScratchBlock> taken;
    {
        const std::lock_guard lock(keptMutex);
        if (kept && kept->size() >= bytes)
            taken = std::move(kept);
        else
            kept.reset(); // too small for what comes now: make room for the one this needs
    }
    if (!taken)
        taken.reset(new ScratchBlock(bytes));
    return {taken.release(), giveBack};
}

} // namespace diffcut
