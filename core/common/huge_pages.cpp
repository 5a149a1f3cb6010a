#include "common/huge_pages.h"

#include <malloc.h>
#include <sys/mman.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <new>

namespace diffcut {
namespace {

constexpr std::uintptr_t kHugePage = std::uintptr_t(2) << 20;

} // namespace

void adviseHugePages(const void *data, std::size_t bytes) {
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + kHugePage - 1) & ~(kHugePage - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHugePage - 1);
    if (end > begin)
        madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
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
    mallopt(M_MMAP_THRESHOLD, int(std::min<std::size_t>(largest, std::size_t(32) << 20)));
    mallopt(M_TRIM_THRESHOLD, int(std::min<std::size_t>(kept + (std::size_t(2) << 20), INT_MAX)));
    reserveHeap(kept);
    mallopt(M_MMAP_MAX, 65536); // glibc's default again: larger buffers are mapped on their own
}

namespace {

std::mutex keptMutex;
std::unique_ptr<ScratchBlock> kept; // the latest block given back

} // namespace

ScratchBlock::ScratchBlock(std::size_t bytes) : size_((std::max<std::size_t>(bytes, 1) + kHugePage - 1) & ~(kHugePage - 1)) {
    data_ = mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (data_ == MAP_FAILED)
        throw std::bad_alloc();
    adviseHugePages(data_, size_);
}

ScratchBlock::~ScratchBlock() { munmap(data_, size_); }

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
