#pragma once
// Helpers of the LibTorch tests: the fixtures' float32 criterion, writing and reading safetensors
// files to build weight folders the fixtures lack.
#include "diffusion/safetensors.h"
#include "diffusion/torch/weights.h"

#include <QTest>
#include <nlohmann/json.hpp>
#include <torch/types.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace diffcut::testing {

// The fixtures' float32 criterion: max|a - ref| <= 1e-4 max|ref| and ||a - ref|| / ||ref|| <= 1e-4
// (or the looser `relativeBound` for reduced-precision weights).
inline void expectClose(const torch::Tensor &actual, const torch::Tensor &expected, const std::string &what,
                 double relativeBound = 1e-4) {
    QVERIFY2(actual.defined(), (what + " was not computed").c_str());
    QCOMPARE(actual.sizes().vec(), expected.sizes().vec());
    const torch::Tensor a = actual.to(torch::kFloat64), ref = expected.to(torch::kFloat64);
    const double maxRef = ref.abs().max().item<double>();
    const double maxDiff = (a - ref).abs().max().item<double>();
    const double relL2 = ((a - ref).norm() / ref.norm()).item<double>();
    qInfo("%-32s max|a-ref| %.3e (%.3e of max|ref| %.3g), rel L2 %.3e", what.c_str(), maxDiff, maxDiff / maxRef, maxRef, relL2);
    QVERIFY2(maxDiff <= relativeBound * maxRef, (what + ": max abs difference too large").c_str());
    QVERIFY2(relL2 <= relativeBound, (what + ": relative L2 difference too large").c_str());
}

inline std::string safetensorsDtype(torch::ScalarType type) {
    switch (type) {
    case torch::kFloat32: return "F32";
    case torch::kFloat16: return "F16";
    case torch::kInt64: return "I64";
    default: throw std::runtime_error("test writer: unsupported dtype");
    }
}

// A minimal safetensors writer, to build weight files the fixtures lack (fp16, a missing tensor).
inline void writeSafetensors(const std::filesystem::path &path, const std::vector<std::pair<std::string, torch::Tensor>> &tensors) {
    nlohmann::json header = nlohmann::json::object();
    std::size_t offset = 0;
    std::vector<torch::Tensor> contiguous;
    for (const auto &[name, tensor] : tensors) {
        contiguous.push_back(tensor.contiguous());
        const std::size_t bytes = contiguous.back().nbytes();
        header[name] = {{"dtype", safetensorsDtype(tensor.scalar_type())}, {"shape", tensor.sizes().vec()}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string headerText = header.dump();
    headerText.resize((headerText.size() + 7) / 8 * 8, ' ');
    std::ofstream out(path, std::ios::binary);
    const std::uint64_t headerSize = headerText.size(); // little-endian on every platform we build for
    out.write(reinterpret_cast<const char *>(&headerSize), sizeof headerSize);
    out.write(headerText.data(), std::streamsize(headerText.size()));
    for (const torch::Tensor &tensor : contiguous)
        out.write(static_cast<const char *>(tensor.data_ptr()), std::streamsize(tensor.nbytes()));
}

inline std::vector<std::pair<std::string, torch::Tensor>> allTensors(const std::filesystem::path &file) {
    const SafetensorsFile weights = SafetensorsFile::open(file);
    std::vector<std::pair<std::string, torch::Tensor>> tensors;
    for (const TensorInfo &info : weights.tensors())
        tensors.emplace_back(info.name, readTensor(weights, info.name));
    return tensors;
}

} // namespace diffcut::testing
