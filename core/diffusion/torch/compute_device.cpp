#include "diffusion/torch/compute_device.h"

#include "common/error.h"

#include <torch/cuda.h>
#include <torch/version.h>
#ifdef DIFFCUT_TORCH_CUDA
#include <ATen/cuda/CUDAContext.h>
#endif


namespace diffcut {
namespace {

#ifdef DIFFCUT_TORCH_CUDA
constexpr bool kCudaBuild = true;
#else
constexpr bool kCudaBuild = false;
#endif

const char *const kNoGpu = "this LibTorch has CUDA, but no GPU is visible (is the NVIDIA driver loaded? nvidia-smi tells)";

} // namespace

torch::Device chooseDevice(const std::string &device, const NoteFn &note) {
    if (device != "auto" && device != "cpu" && device != "cuda")
        throw Error("--device must be auto, cpu or cuda, not '" + device + "'");
    const bool cuda = torch::cuda::is_available();
    if (device == "cuda" && !cuda)
        throw Error(std::string("--device cuda: ") + (kCudaBuild ? kNoGpu : "this LibTorch has no CUDA support"));
    if (device == "auto" && kCudaBuild && !cuda && note)
        note(std::string(kNoGpu) + "; the diffusion encoder runs on the CPU");
    return device != "cpu" && cuda ? torch::Device(torch::kCUDA, 0) : torch::Device(torch::kCPU);
}

bool unetInHalf(const std::string &precision, const torch::Device &device) {
    if (precision != "auto" && precision != "float32" && precision != "float16")
        throw Error("the encoder's precision must be auto, float32 or float16, not '" + precision + "'");
    return precision == "float16" || (precision == "auto" && device.is_cuda());
}

std::string deviceName(const torch::Device &device) {
    if (!device.is_cuda())
        return "CPU";
    std::string name = "CUDA";
#ifdef DIFFCUT_TORCH_CUDA
    const cudaDeviceProp *properties = at::cuda::getDeviceProperties(device.index());
    name += std::string(" (") + properties->name + ", " + std::to_string(properties->totalGlobalMem >> 30) + " GiB)";
#endif
    return name;
}

std::string computeDeviceDescription() {
    const std::string libtorch = std::string("LibTorch ") + TORCH_VERSION;
    if (!torch::cuda::is_available())
        return "CPU, float32 (" + libtorch + (kCudaBuild ? std::string("; ") + kNoGpu : ", without CUDA") + ")";
    const std::size_t gpus = torch::cuda::device_count();
    return deviceName(torch::Device(torch::kCUDA, 0)) + (gpus > 1 ? " of " + std::to_string(gpus) + " GPUs" : "") +
           ", UNet float16 (" + libtorch + ")";
}

} // namespace diffcut

extern "C" __attribute__((visibility("default"))) void diffcut_describe_compute_device(std::string &description) {
    description = diffcut::computeDeviceDescription();
}
