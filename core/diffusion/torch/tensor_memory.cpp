// Where LibTorch's CPU tensors live. A model's activations and attention scores are tens to
// hundreds of MB each, made and dropped layer after layer; glibc maps each one of more than
// 32 MiB afresh in 4 KiB pages, and on these machines faulting them in cost more than the
// arithmetic (SSD-1B at 1024² on 2 cores: VAE 35 s, UNet 25 s; in huge pages 19 s and 9.5 s).
//
// So this library, when it loads, gives LibTorch a CPU allocator of its own: every CPU tensor of
// kOwnMappingBytes (32 MiB) or more (and oneDNN's scratch memory, which comes from the same
// allocator) is mapped on its own with transparent huge pages advised, and unmapped when freed,
// so the process holds no more than before. Smaller ones come from the heap, where glibc reuses
// freed memory of that size (a 4 MiB threshold measured the same on the encoder and slower on
// CLIP's text tower).
// Nothing to call; harmless where huge pages are off.

#include "common/huge_pages.h"

#include <c10/core/CPUAllocator.h>
#include <c10/util/Exception.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unordered_map>

namespace diffcut {
namespace {

constexpr std::size_t kAlignment = 64; // LibTorch's

// The sizes of the mappings handed out: ideep frees through raw_deleter(), which gets only the
// data's address. Anything not here came from the heap. Never destroyed, as the allocator:
// tensors may be freed while other libraries' statics are torn down at exit.
std::mutex &mappedMutex = *new std::mutex;
std::unordered_map<void *, std::size_t> &mapped = *new std::unordered_map<void *, std::size_t>;

void release(void *data) {
    if (!data)
        return;
    std::size_t bytes = 0;
    {
        const std::lock_guard lock(mappedMutex);
        if (const auto found = mapped.find(data); found != mapped.end()) {
            bytes = found->second;
            mapped.erase(found);
        }
    }
    if (bytes > 0)
        unmapHugePages(data, bytes);
    else
        std::free(data);
}

class HugePageTensorAllocator final : public c10::Allocator {
public:
    // LibTorch 1.x declares allocate const, 2.3 and later not: whichever the base has, one of these
    // two overrides it.
    c10::DataPtr allocate(std::size_t bytes) const { return make(bytes); }
    c10::DataPtr allocate(std::size_t bytes) { return make(bytes); }
    c10::DeleterFnPtr raw_deleter() const override { return &release; }
    // Pure virtual from LibTorch 2.3 on; unused before.
    void copy_data(void *destination, const void *source, std::size_t bytes) const {
        std::memcpy(destination, source, bytes);
    }

private:
    static c10::DataPtr make(std::size_t bytes) {
        const c10::Device cpu(c10::DeviceType::CPU);
        if (bytes == 0)
            return {nullptr, nullptr, &release, cpu};
        void *data = nullptr;
        if (bytes >= kOwnMappingBytes) { // whole huge pages from a boundary: no page is shared
            data = mapHugePages(bytes);
            if (data) {
                const std::lock_guard lock(mappedMutex);
                mapped.emplace(data, bytes);
            }
        } else if (bytes <= SIZE_MAX - kAlignment) {
            data = std::aligned_alloc(kAlignment, (bytes + kAlignment - 1) & ~(kAlignment - 1));
        }
        TORCH_CHECK(data, "out of memory: could not allocate ", bytes, " bytes for a tensor");
        return {data, data, &release, cpu};
    }
};

// When this library loads: LibTorch's own CPU allocator registered itself before (priority 0).
// Never destroyed: tensors may be made while other libraries' statics are torn down at exit.
[[maybe_unused]] const bool installed = (c10::SetCPUAllocator(new HugePageTensorAllocator, /*priority=*/1), true);

} // namespace
} // namespace diffcut
