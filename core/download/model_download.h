#pragma once
// `diffcut model pull`: fetches the files DiffCut needs of a diffusers model on the Hugging Face
// hub into the local Hugging Face cache, laid out as the Hugging Face tools lay it out
// (models--ORG--NAME/blobs/<etag>, snapshots/<commit>/<path> → ../../blobs/<etag>,
// refs/<revision>), so resolveModel() and discoverModels() find it with no configuration and the
// Hugging Face tools share the files. A partial file stays as blobs/<etag>.incomplete and the next
// pull resumes it; files already in the snapshot are not fetched again.
#include "common/progress.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace diffcut {

struct PullOptions {
    std::string repoId;                               // "ORG/NAME"
    std::string revision = "main";                    // branch, tag or commit
    std::string endpoint = "https://huggingface.co";  // no trailing slash
    std::string token;                                // sent as "Authorization: Bearer"; empty: none
    std::filesystem::path hubCache;                   // the Hugging Face hub cache folder
};

// The options the Hugging Face tools would use for `repoId`: endpoint $HF_ENDPOINT; token
// $HF_TOKEN, else $HUGGING_FACE_HUB_TOKEN, else the file $HF_HOME/token (HF_HOME defaults to
// ~/.cache/huggingface); cache huggingFaceHubCache().
PullOptions pullOptionsFromEnvironment(std::string repoId);

struct PullProgress {
    std::string file;            // repo path of the file in hand ("unet/diffusion_pytorch_model.fp16.safetensors")
    std::size_t fileIndex = 0;   // 1-based, of fileCount
    std::size_t fileCount = 0;
    std::uint64_t fileBytes = 0; // bytes of `file` in place (a resumed part included)
    std::uint64_t fileSize = 0;
    std::uint64_t bytes = 0;     // bytes in place of all the files, those already cached included
    std::uint64_t totalBytes = 0;
    double bytesPerSecond = 0;   // mean rate of what this pull has downloaded so far
    double secondsLeft = -1;     // estimate at that rate; negative while unknown
};
// Called when each file starts and ends (then fileBytes == fileSize), and at most 10 times a
// second in between.
using PullProgressFn = std::function<void(const PullProgress &)>;

// Downloads what DiffCut needs of `options.repoId` at `options.revision` (pipelineFilesToPull,
// or openClipFilesToPull for a repo with open_clip_config.json and no model_index.json)
// and returns the snapshot folder. refs/<revision> is written last, so the cache never points
// at a half-fetched snapshot. Throws Error (one line naming the repo or file) for HTTP and
// network failures, a file whose size or sha256 is not what the hub announced (its download is
// deleted), or a repo that is neither with safetensors weights; Cancelled when
// control.stop is requested (a partial file stays for the next pull to resume).
std::filesystem::path pullModel(const PullOptions &options, const PullProgressFn &progress = {},
                                const WorkControl &control = {});

// Of the repo's files (`repoFiles`, repo paths), the ones DiffCut reads: model_index.json,
// scheduler/scheduler_config.json, and for unet, vae, text_encoder, text_encoder_2 among
// `components` (those model_index.json names) their config.json and their safetensors weights,
// the fp16 variant when the repo has one (sharded weights with their index). Never .bin, .ckpt,
// .onnx, tokenizers or other components. Throws Error when a component has no safetensors.
std::vector<std::string> pipelineFilesToPull(const std::vector<std::string> &repoFiles,
                                             const std::vector<std::string> &components);

// Of an OpenCLIP repo's files, the ones DiffCut reads: open_clip_config.json,
// open_clip_model.safetensors and the tokenizer files vocab.json and merges.txt when the repo has
// them (`model check` then names those missing and where to get them). Throws Error when there
// are no safetensors weights (only open_clip_pytorch_model.bin, a pickle).
std::vector<std::string> openClipFilesToPull(const std::vector<std::string> &repoFiles);

} // namespace diffcut
