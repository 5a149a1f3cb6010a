#pragma once
// First touches of fresh memory are the largest cost of a short run on these machines: a 4 KiB
// page fault costs ~25 µs in their virtual machines (64 MiB: ~0.4 s), a 2 MiB transparent huge
// page covers 512 of them (64 MiB: ~25 ms). The system enables huge pages only where advised
// (transparent_hugepage=madvise), so we advise where our large buffers live.
#include <cstddef>
#include <memory>

namespace diffcut {

// For a process that does one job (the CLI, the benchmark): every thread allocates from one heap,
// of which `bytes` are reserved up front with huge pages advised (untouched: no memory is used
// until written), and freed memory stays in it for reuse instead of being returned and faulted in
// again. Call first thing in main, before any thread starts.
void reserveHugePageHeap(std::size_t bytes);

// For a long-running window, which makes and drops the same buffers again and again (a label
// map, its overlay: 4 MB each per τ step at 1024², 12 ms of page faults fresh): buffers up to
// `largest` (at most 32 MiB) come from one heap that starts `kept` bytes large, with huge pages
// advised, and freed memory at its top stays there for the next buffer until more than `kept` is
// free (then glibc returns it). Larger buffers are mapped on their own and returned when freed,
// so a huge image's maps never stay behind. Call first thing in main, before any thread starts.
void reuseFreedMemory(std::size_t largest, std::size_t kept);

// For that window: the first `bytes` of free memory at the top of that heap, where new buffers
// come from once freed ones are used up, are kept in memory ahead of use by a thread of low
// priority, so that they are not faulted in while the user waits (a new τ's 4 MB label map,
// which a cache keeps: ~10 ms fresh on these machines, 0.2 ms in memory). Needs Linux 5.14
// (MADV_POPULATE_WRITE); does nothing before. Starts that thread; call once, after
// reuseFreedMemory.
void keepHeapTopPopulated(std::size_t bytes);
// After work that may have used that memory: the thread brings the top in again when it gets a core.
// Cheap, never blocks; does nothing unless keepHeapTopPopulated was called.
void repopulateHeapTop();

// Buffers of this size or more (images, tensors) get a mapping of their own in huge pages,
// returned when freed: glibc's largest threshold for mapping a buffer on its own, below which it
// reuses freed heap memory instead.
inline constexpr std::size_t kOwnMappingBytes = std::size_t(32) << 20;

// Large images (cv::Mat of kOwnMappingBytes or more, the program's own and OpenCV's results) are
// mapped on their own in huge pages and returned when freed, instead of being mapped afresh by
// glibc in 4 KiB pages: a 12000×9000 label map is 432 MB, 105,000 page faults fresh (the full
// resolution of a τ step there: 1.6–2.1 s, in huge pages 0.4 s). Call first thing in main.
void mapLargeImagesInHugePages();

// A mapping of at least `bytes` in whole huge pages, starting on one, with huge pages advised,
// untouched: null when the system refuses. Give it back with unmapHugePages and the same `bytes`.
void *mapHugePages(std::size_t bytes);
void unmapHugePages(void *data, std::size_t bytes);

// Advises huge pages for the whole 2 MiB-aligned part of [data, data + bytes), before its first
// touch (a buffer larger than the heap above is mapped on its own). Harmless if not supported.
void adviseHugePages(const void *data, std::size_t bytes);

// Large scratch memory that outlives its use, for a window that runs the same heavy step again
// and again (PAMR: tens to hundreds of MB per refinement). Fresh, that memory costs up to a
// second of page faults each time; a block borrowed here is mapped with huge pages advised and,
// once given back, the latest one (up to kKeptBytes) is kept, already touched, for the next
// caller. Thread-safe: callers at once get blocks of their own.
class ScratchBlock {
public:
    static constexpr std::size_t kKeptBytes = std::size_t(256) << 20;

    // At least `bytes`, 64-byte aligned, its contents unspecified. Throws std::bad_alloc.
    static std::shared_ptr<ScratchBlock> borrow(std::size_t bytes);
    ~ScratchBlock();
    ScratchBlock(const ScratchBlock &) = delete;
    ScratchBlock &operator=(const ScratchBlock &) = delete;

    void *data() const { return data_; }
    std::size_t size() const { return size_; }

private:
    explicit ScratchBlock(std::size_t bytes);
    void *data_;
    std::size_t size_;
};

} // namespace diffcut
