#include "cli_common.h"

#include "common/error.h"
#include "features/feature_cache.h"

#include <iostream>

namespace diffcut {

void addEncoderOptions(CLI::App &command, EncoderOptions &options) {
    EncoderSettings &settings = options.settings;
    command.add_option("--model", settings.model,
                       "Diffusion model: a diffusers folder or a Hugging Face repo id in the local cache "
                       "(e.g. segmind/SSD-1B). Without it the built-in fallback encoder is used.");
    command.add_option("--timestep", settings.timestep, "Diffusion timestep of the features")->capture_default_str();
    command.add_option("--device", settings.device, "auto, cpu or cuda")
        ->check(CLI::IsMember({"auto", "cpu", "cuda"}))
        ->capture_default_str();
    command.add_option("--noise", settings.noiseFile,
                       "Noise tensor (.npy, float32, shape of the latent) instead of the seeded noise, "
                       "to compare with other implementations");
    command.add_flag("--no-cache", options.noCache, "Neither read nor write the feature cache");
    command.add_option("--grid", settings.builtinGrid, "Feature grid of the built-in encoder (32 or 64)")
        ->check(CLI::IsMember({32, 64}));
}

void addGranularityOptions(CLI::App &command, GranularityOptions &options) {
    CLI::Option *tau =
        command.add_option("--tau", options.tau, "NCut threshold: a region is split while its best NCut is below it")
            ->check(CLI::Range(kMinTau, kMaxTau))
            ->capture_default_str();
    command.add_option("--alpha", options.alpha, "Affinity exponent: W = (min-max normalised cosine)^alpha")
        ->check(CLI::Range(kMinAlpha, kMaxAlpha))
        ->capture_default_str();
    command
        .add_option("--segments", options.segments,
                    "About this many segments: chooses the tau whose cut gives the nearest count (instead of --tau)")
        ->check(CLI::Range(1, 100000))
        ->excludes(tau);
}

std::unique_ptr<FeatureEncoder> createEncoderNoting(const EncoderOptions &options) {
    EncoderSettings settings = options.settings;
    settings.useCache = !options.noCache;
    std::unique_ptr<FeatureEncoder> encoder = createEncoder(settings);
    std::cerr << "diffcut: note: using the " << encoder->description() << "\n";
    return encoder;
}

std::filesystem::path cacheRoot(const EncoderOptions &options) {
    const std::filesystem::path features =
        options.settings.cacheFolder.empty() ? FeatureCache::defaultFolder() : options.settings.cacheFolder;
    return features.parent_path();
}

void prepareOutputDirectory(const std::filesystem::path &dir) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error || !std::filesystem::is_directory(dir))
        throw Error(dir.string() + ": cannot create the output directory" + (error ? " (" + error.message() + ")" : ""));
}

} // namespace diffcut
