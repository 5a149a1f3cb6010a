#include "common/huge_pages.h"

#include <malloc.h>
#include <sys/mman.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstdlib>

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

} // namespace diffcut
