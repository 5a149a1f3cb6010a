#include "diffusion/torch/weights.h"

#include "common/error.h"

#include <torch/nn/module.h>
#include <torch/types.h>

#include <algorithm>
#include <set>

namespace diffcut {
namespace {

torch::ScalarType scalarType(TensorDType dtype) {
    switch (dtype) {
    case TensorDType::F64: return torch::kFloat64;
    case TensorDType::F32: return torch::kFloat32;
    case TensorDType::F16: return torch::kFloat16;
    case TensorDType::BF16: return torch::kBFloat16;
    case TensorDType::I64: return torch::kInt64;
    case TensorDType::I32: return torch::kInt32;
    case TensorDType::I16: return torch::kInt16;
    case TensorDType::I8: return torch::kInt8;
    case TensorDType::U8: return torch::kUInt8;
    case TensorDType::Bool: return torch::kBool;
    }
    throw Error("unknown tensor dtype");
}

// A view of the file's bytes as a tensor (no copy: the caller copies before the file goes away).
torch::Tensor view(const SafetensorsFile &file, const TensorInfo &info) {
    const std::span<const std::byte> bytes = file.bytes(info);
    return torch::from_blob(const_cast<std::byte *>(bytes.data()), info.shape,
                            torch::TensorOptions().dtype(scalarType(info.dtype)));
}

std::string shapeText(c10::IntArrayRef shape) {
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + "]";
}

bool isHalfVariant(const std::filesystem::path &file) { return file.filename().string().find(".fp16.") != std::string::npos; }

} // namespace

WeightFiles::WeightFiles(std::vector<SafetensorsFile> files) : files_(std::move(files)) {
    std::set<std::string> seen;
    for (const SafetensorsFile &file : files_)
        for (const TensorInfo &tensor : file.tensors())
            if (!seen.insert(tensor.name).second)
                throw Error(file.name() + ": tensor '" + tensor.name + "' is also in another weight file of the folder");
}

WeightFiles WeightFiles::fromFolder(const std::filesystem::path &folder, bool preferHalf) {
    std::vector<std::filesystem::path> full, half;
    std::error_code error;
    for (const auto &entry : std::filesystem::directory_iterator(folder, error))
        if (entry.path().extension() == ".safetensors")
            (isHalfVariant(entry.path()) ? half : full).push_back(entry.path());
    if (error)
        throw Error(folder.string() + ": cannot read the folder (" + error.message() + ")");
    // A sharded checkpoint is several files of one variant: load them all.
    std::vector<std::filesystem::path> chosen = (preferHalf && !half.empty()) || full.empty() ? half : full;
    if (chosen.empty())
        throw Error(folder.string() + ": no .safetensors weights (only safetensors files are read)");
    std::sort(chosen.begin(), chosen.end());
    std::vector<SafetensorsFile> files;
    for (const auto &path : chosen)
        files.push_back(SafetensorsFile::open(path));
    return WeightFiles(std::move(files));
}

const TensorInfo *WeightFiles::find(const std::string &name, const SafetensorsFile **owner) const {
    for (const SafetensorsFile &file : files_)
        if (const TensorInfo *info = file.find(name)) {
            if (owner)
                *owner = &file;
            return info;
        }
    return nullptr;
}

std::pair<const SafetensorsFile *, const TensorInfo *> WeightFiles::locate(const std::string &name,
                                                                           const torch::Tensor &target) const {
    const SafetensorsFile *owner = nullptr;
    const TensorInfo *info = find(name, &owner);
    const std::string where = files_.empty() ? std::string("weights") : files_.front().name();
    if (!info)
        throw Error(where + ": missing tensor '" + name + "'");
    if (c10::IntArrayRef(info->shape) != target.sizes())
        throw Error(owner->name() + ": tensor '" + name + "' has shape " + shapeText(info->shape) + ", the model expects " +
                    shapeText(target.sizes()));
    if (info->dtype == TensorDType::Bool || (target.is_floating_point() && !torch::isFloatingType(scalarType(info->dtype))))
        throw Error(owner->name() + ": tensor '" + name + "' has dtype " + std::string(dtypeName(info->dtype)) +
                    ", expected a floating-point type");
    return {owner, info};
}

void WeightFiles::expectTensor(const std::string &name, const torch::Tensor &target) const { locate(name, target); }

void WeightFiles::copyInto(const std::string &name, torch::Tensor &target) const {
    const auto [owner, info] = locate(name, target);
    torch::NoGradGuard noGrad;
    target.copy_(view(*owner, *info));
}

torch::Tensor readTensor(const SafetensorsFile &file, const std::string &name) {
    const TensorInfo *info = file.find(name);
    if (!info)
        throw Error(file.name() + ": missing tensor '" + name + "'");
    return view(file, *info).clone();
}

LoadReport loadModule(torch::nn::Module &module, const WeightFiles &weights, const std::string &prefix,
                      const WorkControl &control) {
    LoadReport report;
    std::set<std::string> used;
    const double total = double(module.parameters().size() + module.buffers().size());
    auto load = [&](const std::string &name, torch::Tensor &tensor) {
        control.checkpoint();
        control.report(double(used.size()) / total, "weights");
        weights.copyInto(prefix + name, tensor);
        used.insert(prefix + name);
        report.loaded.push_back(prefix + name);
    };
    for (auto &parameter : module.named_parameters(/*recurse=*/true))
        load(parameter.key(), parameter.value());
    for (auto &buffer : module.named_buffers(/*recurse=*/true))
        load(buffer.key(), buffer.value());
    for (const SafetensorsFile &file : weights.files())
        for (const TensorInfo &tensor : file.tensors())
            if (!used.count(tensor.name))
                report.skipped.push_back(tensor.name);
    return report;
}

std::vector<std::string> checkModule(const torch::nn::Module &module, const WeightFiles &weights) {
    std::vector<std::string> problems;
    auto check = [&](const std::string &name, const torch::Tensor &tensor) {
        try {
            weights.expectTensor(name, tensor);
        } catch (const Error &e) {
            problems.emplace_back(e.what());
        }
    };
    for (const auto &parameter : module.named_parameters(/*recurse=*/true))
        check(parameter.key(), parameter.value());
    for (const auto &buffer : module.named_buffers(/*recurse=*/true))
        check(buffer.key(), buffer.value());
    return problems;
}

void requireWeightsFor(const torch::nn::Module &module, const WeightFiles &weights) {
    const std::vector<std::string> problems = checkModule(module, weights);
    if (problems.size() == 1)
        throw Error(problems.front());
    if (problems.size() > 1)
        throw Error(problems.front() + " (and " + std::to_string(problems.size() - 1) + " more problems)");
}

} // namespace diffcut
