#include "diffusion/torch/openclip_model.h"

#include "common/error.h"

#include <ATen/ATen.h>
#include <torch/types.h>

#include <algorithm>
#include <cmath>
#include <set>

namespace diffcut {
namespace {

// Tensors of the files that the module has no parameter for: open_clip loads strictly, so they
// mean another architecture (a norm_pre, a head that is not an MLP, ...).
std::vector<std::string> unusedTensors(const torch::nn::Module &module, const WeightFiles &weights) {
    std::set<std::string> names;
    for (const auto &parameter : module.named_parameters(/*recurse=*/true))
        names.insert(parameter.key());
    std::vector<std::string> unused;
    for (const SafetensorsFile &file : weights.files())
        for (const TensorInfo &tensor : file.tensors())
            if (!names.count(tensor.name))
                unused.push_back(file.name() + ": tensor '" + tensor.name + "' is not part of a " +
                                 "timm ConvNeXt OpenCLIP model with an MLP head");
    return unused;
}

WeightFiles weightFilesOf(const OpenClipModelInfo &info) {
    std::vector<SafetensorsFile> files;
    files.push_back(SafetensorsFile::open(info.folder / kOpenClipWeightsFile));
    return WeightFiles(std::move(files));
}

} // namespace

OpenClipModelImpl::OpenClipModelImpl(const OpenClipArchitecture &architecture, const torch::TensorOptions &options)
    : architecture_(architecture),
      visual_(register_module("visual", std::make_shared<ConvNextVisualImpl>(architecture.vision, architecture.config.embedDim,
                                                                             architecture.config.projBias, options))),
      text_(*this, architecture.config, options),
      logitScale_(diffusers::registerParameter(*this, "logit_scale", {}, options)) {}

float OpenClipModelImpl::logitScale() const { return std::min(std::exp(logitScale_.item<float>()), 100.0f); }

TensorShapes tensorShapesOf(const WeightFiles &weights) {
    TensorShapes shapes;
    for (const SafetensorsFile &file : weights.files())
        for (const TensorInfo &tensor : file.tensors())
            shapes[tensor.name] = tensor.shape;
    return shapes;
}

std::shared_ptr<OpenClipModelImpl> loadOpenClipModel(const OpenClipModelInfo &info, const torch::Device &device) {
    const WeightFiles weights = weightFilesOf(info);
    const std::string where = (info.folder / kOpenClipWeightsFile).string();
    auto model = std::make_shared<OpenClipModelImpl>(openClipArchitecture(info.config, tensorShapesOf(weights), where),
                                                     torch::TensorOptions().dtype(torch::kFloat).device(device));
    if (const std::vector<std::string> unused = unusedTensors(*model, weights); !unused.empty())
        throw Error(unused.front());
    loadModule(*model, weights);
    model->eval();
    return model;
}

std::vector<std::string> checkOpenClipModel(const OpenClipModelInfo &info) {
    try {
        const WeightFiles weights = weightFilesOf(info);
        const std::string where = (info.folder / kOpenClipWeightsFile).string();
        const OpenClipModelImpl model(openClipArchitecture(info.config, tensorShapesOf(weights), where),
                                      torch::TensorOptions().dtype(torch::kFloat).device(torch::kMeta));
        std::vector<std::string> problems = checkModule(model, weights);
        const std::vector<std::string> unused = unusedTensors(model, weights);
        problems.insert(problems.end(), unused.begin(), unused.end());
        return problems;
    } catch (const Error &e) {
        return {e.what()};
    }
}

} // namespace diffcut
