#pragma once
// What the LibTorch benchmarks share: random weights that keep activations finite, and timing.
#include <torch/nn/module.h>
#include <torch/types.h>

#include <chrono>
#include <string>

namespace diffcut {

// Small random weights, unit norm scales: activations stay finite and free of denormals.
inline void randomise(torch::nn::Module &module) {
    torch::NoGradGuard noGrad;
    for (auto &parameter : module.named_parameters(true)) {
        const std::string &name = parameter.key();
        const bool normScale = name.find("norm") != std::string::npos && name.ends_with(".weight");
        if (normScale)
            parameter.value().fill_(1.0);
        else
            parameter.value().normal_(0.0, 0.02);
    }
}

inline double seconds(const std::chrono::steady_clock::time_point &start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace diffcut
