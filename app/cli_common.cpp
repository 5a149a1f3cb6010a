#include "cli_common.h"

#include "common/cache_layout.h"
#include "common/error.h"
#include "common/json_file.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <charconv>
#include <iostream>
#include <sstream>
#include <system_error>

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
    command.add_option("--cache", options.settings.cacheRoot,
                       "Cache folder: features, text conditioning, annotations and class lists of read-only folders "
                       "(default $XDG_CACHE_HOME/diffcut-studio, else ~/.cache/diffcut-studio)");
    command.add_flag("--no-cache", options.noCache, "Neither read nor write the feature cache");
    command.add_option("--grid", settings.builtinGrid, "Feature grid of the built-in encoder (32 or 64)")
        ->check(CLI::IsMember({32, 64}));
}

namespace {

std::string shortNumber(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
}

// A number typed on the command line, checked as typed (an empty or partly numeric text is no
// number) and quoted short in the message: "--tau 1e308" must not echo 309 digits.
CLI::Validator numberBetween(double min, double max) {
    const std::string range = shortNumber(min) + "-" + shortNumber(max);
    return CLI::Validator(
        [min, max, range](std::string &input) -> std::string {
            double value = 0;
            const char *end = input.data() + input.size();
            const auto [stop, error] = std::from_chars(input.data(), end, value);
            if (input.empty() || error != std::errc() || stop != end || !(value >= min && value <= max)) {
                const std::string typed = input.size() > 24 ? input.substr(0, 24) + "..." : input;
                return "must be a number from " + range + ", not '" + typed + "'";
            }
            return {};
        },
        "NUMBER " + range);
}

} // namespace

void addGranularityOptions(CLI::App &command, GranularityOptions &options) {
    CLI::Option *tau =
        command.add_option("--tau", options.tau, "NCut threshold: a region is split while its best NCut is below it (0-2)")
            ->check(numberBetween(kMinTau, kMaxTau))
            ->capture_default_str();
    command.add_option("--alpha", options.alpha, "Affinity exponent: W = (min-max normalised cosine)^alpha (1-50)")
        ->check(numberBetween(kMinAlpha, kMaxAlpha))
        ->capture_default_str();
    command
        .add_option("--segments", options.segments,
                    "About this many segments: chooses the tau whose cut gives the nearest count (instead of --tau)")
        ->check(CLI::Range(1, 100000))
        ->excludes(tau);
}

namespace {

// Loading a model takes tens of seconds: each stage on stderr, as one rewritten line with its
// percentage on a terminal, a line per stage otherwise. `lineOpen`: whether a rewritten line
// waits to be cleared.
WorkControl loadingProgress(const std::shared_ptr<bool> &lineOpen) {
    WorkControl control;
    const bool terminal = isatty(STDERR_FILENO);
    auto last = std::make_shared<std::pair<std::string, int>>();
    control.progress = [terminal, last, lineOpen](double fraction, std::string_view stage) {
        const int percent = int(fraction * 100);
        if (stage == last->first && (!terminal || percent == last->second))
            return;
        *last = {std::string(stage), percent};
        if (terminal)
            std::cerr << "\r\033[Kdiffcut: loading the model: " << stage << " " << percent << "%" << std::flush;
        else
            std::cerr << "diffcut: loading the model: " << stage << "\n";
        *lineOpen = terminal;
    };
    return control;
}

} // namespace

std::unique_ptr<FeatureEncoder> createEncoderNoting(const EncoderOptions &options) {
    EncoderSettings settings = options.settings;
    settings.useCache = !options.noCache;
    settings.note = [](const std::string &note) { std::cerr << "diffcut: note: " << note << "\n"; };
    const auto lineOpen = std::make_shared<bool>(false);
    std::unique_ptr<FeatureEncoder> encoder = createEncoder(settings, loadingProgress(lineOpen));
    if (*lineOpen)
        std::cerr << "\r\033[K";
    std::cerr << "diffcut: note: using the " << encoder->description() << "\n";
    if (settings.model.empty() && !settings.noiseFile.empty())
        std::cerr << "diffcut: note: --noise is ignored: the built-in encoder adds no diffusion noise (give --model)\n";
    return encoder;
}

std::filesystem::path cacheRoot(const EncoderOptions &options) { return CacheLayout(options.settings.cacheRoot).root(); }

void requireUtf8Path(const std::string &path) {
    try {
        (void)nlohmann::json(path).dump();
    } catch (const nlohmann::json::type_error &) {
        throw Error(jsonExcerpt(path) + ": the file name is not valid UTF-8, which the JSON outputs cannot record; "
                                        "rename the file");
    }
}

void prepareOutputDirectory(const std::filesystem::path &dir) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error || !std::filesystem::is_directory(dir))
        throw Error(dir.string() + ": cannot create the output directory" + (error ? " (" + error.message() + ")" : ""));
}

} // namespace diffcut
