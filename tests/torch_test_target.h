#pragma once
// Where the torch tests compute: the CPU in float32 unless the environment says otherwise, as
// packaging/gpu-check.sh does on a machine with an NVIDIA GPU:
//   DIFFCUT_TEST_DEVICE=cpu|cuda       (default cpu)
//   DIFFCUT_TEST_DTYPE=float32|float16 (default float32; float16: the UNet in float16, and the VAE
//                                       too unless its config says force_upcast, as the encoder runs on CUDA)
// float32 results are held to the fixtures' tolerance, float16 ones to the README's looser bound.
#include "common/error.h"
#include "diffusion/torch/compute_device.h"

#include <ATen/Context.h>

#include <cstdlib>
#include <string>

namespace diffcut::testing {

// Bounds on max|a − b| / max|ref| and on ‖a − b‖ / ‖ref‖.
struct Tolerance {
    double maxAbsolute;
    double relativeL2;
};
// The fixtures' suggested float32 check (~10× the float32-vs-float64 noise).
inline constexpr Tolerance kFloat32Tolerance{1e-4, 1e-4};
// The UNet in float16 (README, "Agreement with diffusers"): float16's 2^-11 rounding through the
// encoder's layers; measured on the fixtures up to 2.6e-2 and 7.1e-3 (LibTorch 2.6, CPU).
inline constexpr Tolerance kFloat16Tolerance{5e-2, 2e-2};

struct TorchTestTarget {
    torch::Device device{torch::kCPU};
    std::string precision = "float32"; // EncoderSettings::precision
    bool half = false;
    Tolerance tolerance = kFloat32Tolerance;
};

// Throws Error for a value it does not know and for cuda without a usable GPU.
inline TorchTestTarget readTorchTestTarget() {
    auto variable = [](const char *name, const char *fallback) {
        const char *value = std::getenv(name);
        return std::string(value && *value ? value : fallback);
    };
    TorchTestTarget target;
    const std::string device = variable("DIFFCUT_TEST_DEVICE", "cpu");
    if (device != "cpu" && device != "cuda")
        throw Error("DIFFCUT_TEST_DEVICE must be cpu or cuda, not '" + device + "'");
    target.device = chooseDevice(device);
    target.precision = variable("DIFFCUT_TEST_DTYPE", "float32");
    target.half = unetInHalf(target.precision, target.device);
    target.tolerance = target.half ? kFloat16Tolerance : kFloat32Tolerance;
    // float32 means float32: no TensorFloat-32 in cuDNN's convolutions (on by default) or cuBLAS.
    at::globalContext().setAllowTF32CuDNN(false);
    at::globalContext().setAllowTF32CuBLAS(false);
    return target;
}

// Read once; call it first from initTestCase, where an error fails the test case.
inline const TorchTestTarget &torchTestTarget() {
    static const TorchTestTarget target = readTorchTestTarget();
    return target;
}

} // namespace diffcut::testing
