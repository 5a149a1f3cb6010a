#include "common/huge_pages.h"

#include <malloc.h>
#include <sys/mman.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <mutex>
#include <new>
#include <vector>

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

void reserveHugePageHeap(std::size_t bytes) {
    mallopt(M_ARENA_MAX, 1); // worker threads allocate here too
    mallopt(M_MMAP_MAX, 0);  // every buffer from the heap: none is mapped, and faulted in, anew
    mallopt(M_TRIM_THRESHOLD, int(std::min<std::size_t>(bytes * 2, INT_MAX))); // freed memory stays
    void *block = std::malloc(bytes);
    if (!block)
        return;
    adviseHugePages(block, bytes);
    std::free(block);
}

void reuseFreedMemory(std::size_t largest, std::size_t kept) {
    mallopt(M_ARENA_MAX, 1); // every thread's buffers in one heap, reused by all
    mallopt(M_MMAP_THRESHOLD, int(std::min<std::size_t>(largest, std::size_t(32) << 20)));
    mallopt(M_TRIM_THRESHOLD, int(std::min<std::size_t>(kept + (std::size_t(2) << 20), INT_MAX)));
    mallopt(M_MMAP_MAX, 0); // the reserve itself is above the threshold: grow the heap by it
    if (void *block = std::malloc(kept)) { // untouched, it costs no memory yet
        adviseHugePages(block, kept);
        std::free(block);
    }
    mallopt(M_MMAP_MAX, 65536); // glibc's default again
}

namespace {

std::mutex keptMutex;
std::vector<std::unique_ptr<ScratchBlock>> kept; // given back, smallest first

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
        const std::lock_guard lock(keptMutex);
        std::size_t total = owned->size();
        for (const auto &other : kept)
            total += other->size();
        if (total > kKeptBytes)
            return; // unmapped here
        const auto at = std::lower_bound(kept.begin(), kept.end(), owned->size(),
                                         [](const auto &other, std::size_t size) { return other->size() < size; });
        kept.insert(at, std::move(owned));
    };
    std::unique_ptr<ScratchBlock> taken;
    {
        const std::lock_guard lock(keptMutex);
        const auto fits = std::find_if(kept.begin(), kept.end(), [&](const auto &block) { return block->size() >= bytes; });
        if (fits != kept.end()) {
            taken = std::move(*fits);
            kept.erase(fits);
        } else if (!kept.empty()) {
            kept.pop_back(); // the largest is too small: make room for the one this needs
        }
    }
    if (!taken)
        taken.reset(new ScratchBlock(bytes));
    return {taken.release(), giveBack};
}

} // namespace diffcut
