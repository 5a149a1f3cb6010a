#include "openclip_model_command.h"

#include "common/error.h"
#include "diffusion/openclip_folder.h"
#include "diffusion/safetensors.h"
#include "naming/clip_model.h"
#include "naming/clip_tokenizer.h"

#include <iostream>

namespace fs = std::filesystem;

namespace diffcut {
namespace {

std::string summary(const OpenClipModelInfo &info) {
    return "OpenCLIP " + info.config.timmModelName + ", embed " + std::to_string(info.config.embedDim) + ", " +
           std::to_string((info.bytes + 500'000) / 1'000'000) + " MB" + (info.complete() ? "" : ", INCOMPLETE");
}

} // namespace

int reportTensorProblems(const std::function<std::vector<std::string>()> &check, const std::string &allGood) {
    try {
        const std::vector<std::string> problems = check();
        for (const std::string &problem : problems)
            std::cout << "  BAD: " << problem << "\n";
        if (problems.empty())
            std::cout << "  " << allGood << "\n";
        return int(problems.size());
    } catch (const Error &e) {
        std::cout << "  note: tensor shapes not checked: " << e.what() << "\n";
        return 0;
    }
}

std::size_t listOpenClipModels(const std::vector<std::string> &folders) {
    const std::vector<OpenClipModelInfo> models = discoverOpenClipModels(std::vector<fs::path>(folders.begin(), folders.end()));
    for (const OpenClipModelInfo &model : models) {
        std::cout << model.id << "  " << summary(model) << "\n    " << model.folder.string() << "\n";
        for (const std::string &missing : model.missing)
            std::cout << "    missing: " << missing << "\n";
    }
    return models.size();
}

int checkOpenClipFolder(const fs::path &folder) {
    const OpenClipModelInfo info = inspectOpenClipModel(folder);
    std::cout << info.id << ": " << summary(info) << "\n";
    int problems = 0;
    for (const std::string &missing : info.missing) {
        std::cout << "  missing: " << missing << "\n";
        ++problems;
    }
    const auto check = [&](const std::string &what, const auto &work) {
        try {
            work();
            std::cout << "  ok: " << what << "\n";
        } catch (const Error &e) {
            std::cout << "  BAD: " << e.what() << "\n";
            ++problems;
        }
    };
    if (fs::exists(folder / kClipVocabFile) && fs::exists(folder / kClipMergesFile))
        check("tokenizer (vocab.json, merges.txt)", [&] { ClipTokenizer::fromFolder(folder); });
    if (fs::exists(folder / kOpenClipWeightsFile)) {
        check(kOpenClipWeightsFile, [&] { SafetensorsFile::open(folder / kOpenClipWeightsFile); });
        if (problems == 0)
            problems += reportTensorProblems([&] { return checkOpenClipWeights(info); },
                                             "every tensor of the image and text towers has the name and shape its "
                                             "config implies");
    }
    std::cout << (problems ? std::to_string(problems) + " problem(s)" : std::string("model is complete")) << "\n";
    return problems;
}

void describeOpenClipModel(const fs::path &folder) {
    const OpenClipModelInfo info = inspectOpenClipModel(folder);
    std::cerr << info.id << ": " << summary(info) << "\n";
    for (const std::string &missing : info.missing)
        std::cerr << "  missing: " << missing << "\n";
}

} // namespace diffcut
