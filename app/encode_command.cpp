#include "encode_command.h"

#include "common/cache_layout.h"
#include "common/error.h"
#include "features/feature_cache.h"
#include "features/npy.h"
#include "image/image.h"
#include "image_folder.h"

#include <iostream>

namespace fs = std::filesystem;

namespace diffcut {
namespace {

void printNote(const std::string &note) { std::cerr << "diffcut: note: " << note << "\n"; }

std::string shape(const FeatureMap &features) {
    return "(" + std::to_string(features.channels) + ", " + std::to_string(features.height) + ", " +
           std::to_string(features.width) + ")";
}

int usageError(const std::string &message) {
    std::cerr << "diffcut: " << message << " (see diffcut encode --help)\n";
    return kExitUsage;
}

void encodeImage(const EncodeOptions &options) {
    const std::unique_ptr<FeatureEncoder> encoder = createEncoderNoting(options.encoder);
    const cv::Mat3b rgb = loadImageRgb(options.input);
    const FeatureMap features = encoder->encode(rgb);
    writeFeaturesNpy(options.out, features);
    if (!options.encoder.noCache)
        FeatureCache(CacheLayout(options.encoder.settings.cacheRoot).features())
            .recordSource(rgb, featureCacheKey(*encoder), options.input);
    std::cout << "features " << shape(features) << " written to " << options.out << "\n";
}

int encodeFolder(const EncodeOptions &options) {
    const fs::path input = options.input;
    const Shard shard = options.shard.empty() ? Shard{} : *parseShard(options.shard);
    const std::vector<fs::path> images = listImages(input);
    const std::vector<std::size_t> mine = shardPositions(images.size(), shard);
    if (mine.empty())
        throw Error(input.string() + ": no images" + (options.shard.empty() ? "" : " in shard " + options.shard));

    const std::unique_ptr<FeatureEncoder> encoder = createEncoderNoting(options.encoder);
    const std::string encoderKey = featureCacheKey(*encoder);
    const FeatureCache cache(CacheLayout(options.encoder.settings.cacheRoot).features(), printNote);
    std::cerr << "diffcut: note: features go to " << cache.folder().string() << "\n";

    ProgressLine progress(mine.size());
    int encoded = 0, cached = 0;
    std::vector<std::string> failures;
    for (std::size_t done = 0; done < mine.size(); ++done) {
        const fs::path image = input / images[mine[done]];
        std::string outcome;
        try {
            const cv::Mat3b rgb = loadImageRgb(image);
            // A checked read: an entry that fails its check is discarded here and computed again.
            if (cache.load(rgb, encoderKey)) {
                ++cached;
                outcome = "already cached";
            } else {
                const FeatureMap features = encoder->encode(rgb); // stores what it computes
                if (!fs::exists(cache.pathFor(rgb, encoderKey)))
                    throw Error("the features could not be written to the cache in " + cache.folder().string());
                ++encoded;
                outcome = "encoded " + shape(features);
            }
            cache.recordSource(rgb, encoderKey, image);
        } catch (const std::exception &e) {
            const std::string message = e.what(); // core errors about a file already name it
            failures.push_back(message.find(image.string()) == std::string::npos ? image.string() + ": " + message : message);
            outcome = "FAILED";
        }
        progress.print(done + 1, images[mine[done]].string(), outcome);
    }
    progress.finish();
    std::cerr << "diffcut: encode: " << mine.size() << " images: " << encoded << " encoded, " << cached
              << " already cached, " << failures.size() << " failed\n";
    for (const std::string &failure : failures)
        std::cerr << "diffcut: failed: " << failure << "\n";
    return failures.empty() ? 0 : kExitFailure;
}

} // namespace

CLI::App *addEncodeCommand(CLI::App &app, EncodeOptions &options) {
    CLI::App *command = app.add_subcommand(
        "encode", "Compute features. For an IMAGE: write them to --out as .npy, float32, shape (C, h, w), C order "
                  "(what --features reads). For a FOLDER: fill the feature cache for every image of the folder tree; "
                  "resumable (cached images are skipped), shardable like batch. Exit code 1 when any image failed.");
    command->add_option("INPUT", options.input, "An image, or a folder of images (searched recursively)")->required();
    command->add_option("--out", options.out, "The .npy file to write (an IMAGE only)");
    addEncoderOptions(*command, options.encoder);
    command
        ->add_option("--shard", options.shard,
                     "I/N: encode only the I-th of N deterministic parts of a folder's image list (0 <= I < N), the "
                     "same parts as batch --shard")
        ->check(shardValidator());
    return command;
}

int runEncode(const EncodeOptions &options) {
    std::error_code error;
    if (fs::is_directory(options.input, error)) {
        if (!options.out.empty())
            return usageError("--out is for one image; a folder's features go to the feature cache (choose it with --cache)");
        if (options.encoder.noCache)
            return usageError("--no-cache with a folder: a folder is encoded into the feature cache");
        return encodeFolder(options);
    }
    if (options.out.empty())
        return usageError("encode IMAGE needs --out FILE.npy (give a folder to fill the feature cache)");
    if (!options.shard.empty())
        return usageError("--shard is for a folder, not one image");
    encodeImage(options);
    return 0;
}

} // namespace diffcut
