#pragma once
// Where the diffusion encoder computes on this machine and in which precision: the rule the
// encoder follows, and the one line that --version and the GUI's status bar show.
#include "common/progress.h"

#include <torch/types.h>

#include <string>

namespace diffcut {

// --device: "auto" is CUDA when this LibTorch has it and a GPU is visible (`note` is told when a
// CUDA LibTorch finds no GPU). Throws Error for "cuda" without a usable GPU and for an unknown name.
torch::Device chooseDevice(const std::string &device, const NoteFn &note = {});

// The UNet's precision: EncoderSettings::precision "auto" is float16 on CUDA (as DiffCut runs the
// model), float32 on the CPU. Throws Error for an unknown precision.
bool unetInHalf(const std::string &precision, const torch::Device &device);

// "CPU", or "CUDA (NVIDIA H100 80GB HBM3, 79 GiB)" (the name needs a CUDA LibTorch's headers).
std::string deviceName(const torch::Device &device);

// Where "auto" computes: "CUDA (<GPU>, <memory>), UNet float16 (LibTorch <version>)" or
// "CPU, float32 (LibTorch <version>, ...)", saying so when a CUDA LibTorch finds no GPU.
std::string computeDeviceDescription();

} // namespace diffcut
