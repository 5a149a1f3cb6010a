#include "features/encoder_factory.h"

#include "common/cache_layout.h"
#include "common/error.h"
#include "features/builtin_encoder.h"
#include "features/feature_cache.h"

#include <dlfcn.h>

#include <cstdlib>
#include <mutex>
#include <vector>

namespace fs = std::filesystem;

namespace diffcut {
namespace {

// Where the diffusion encoder library may be: an explicit override, beside the installed
// programs, or (running from the build tree) where the build put it.
std::vector<fs::path> diffusionLibraryCandidates() {
    std::vector<fs::path> candidates;
    if (const char *explicitPath = std::getenv("DIFFCUT_DIFFUSION_LIBRARY"); explicitPath && *explicitPath)
        candidates.emplace_back(explicitPath);
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    if (!error)
        candidates.push_back(executable.parent_path().parent_path() / "lib/diffcut-studio/libdiffcut_diffusion.so");
#ifdef DIFFCUT_BUILD_DIFFUSION_LIBRARY
    candidates.emplace_back(DIFFCUT_BUILD_DIFFUSION_LIBRARY);
#endif
    return candidates;
}

} // namespace

// The library is loaded once and never unloaded; each entry point is looked up in it. Workers
// of the GUI may ask for the encoder and the segment namer at once.
void *diffusionLibrarySymbol(const char *symbolName) {
    static std::mutex mutex;
    static void *library = nullptr;
    static std::string reasons;
    std::lock_guard lock(mutex);
    if (!library) {
        for (const fs::path &candidate : diffusionLibraryCandidates()) {
            if (!fs::exists(candidate))
                continue;
            library = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
            if (library)
                break;
            reasons += std::string(" ") + dlerror() + ";";
        }
    }
    if (!library)
        throw Error("the diffusion encoder is not available (this build has no LibTorch support, or "
                    "libdiffcut_diffusion.so is missing)" +
                    (reasons.empty() ? std::string() : ":" + reasons.substr(0, reasons.size() - 1)));
    void *symbol = dlsym(library, symbolName);
    if (!symbol)
        throw Error(std::string("the diffusion library has no entry point ") + symbolName);
    return symbol;
}

std::unique_ptr<FeatureEncoder> createEncoder(const EncoderSettings &settings, const WorkControl &control) {
    std::unique_ptr<FeatureEncoder> encoder;
    if (settings.model.empty()) {
        encoder = std::make_unique<BuiltinEncoder>(settings.builtinGrid);
    } else {
        auto *create = reinterpret_cast<CreateDiffusionEncoderFn *>(diffusionLibrarySymbol(kCreateDiffusionEncoderSymbol));
        encoder.reset(create(settings, control));
    }
    if (!settings.useCache)
        return encoder;
    // The built-in encoder's features are cached too: so that `diffcut encode` and the GUI's prefetch
    // can prepare a folder whatever the encoder, and reading them back is cheaper than computing them.
    return std::make_unique<CachingEncoder>(std::move(encoder),
                                            FeatureCache(CacheLayout(settings.cacheRoot).features(), settings.note));
}

std::vector<std::string> checkModelWeights(const ModelInfo &model) {
    auto *check = reinterpret_cast<CheckModelWeightsFn *>(diffusionLibrarySymbol(kCheckModelWeightsSymbol));
    std::vector<std::string> problems;
    check(model, problems);
    return problems;
}

std::string encoderDeviceDescription() {
    try {
        auto *describe =
            reinterpret_cast<DescribeComputeDeviceFn *>(diffusionLibrarySymbol(kDescribeComputeDeviceSymbol));
        std::string description;
        describe(description);
        return "diffusion encoder: " + description;
    } catch (const Error &error) {
        return std::string("built-in encoder only: ") + error.what();
    }
}

} // namespace diffcut
