# LibTorch for the diffusion encoder: Debian's (libtorch-dev: CPU; Debian 13's libtorch-cuda-dev:
# CUDA), the official archive, or a PyTorch installation, given by CMAKE_PREFIX_PATH or Torch_DIR.
#
# DIFFCUT_WITH_TORCH defaults to whether a LibTorch is *installed*, decided by locating its
# TorchConfig.cmake without loading it: loading runs LibTorch's own CMake code, which stops the
# whole configuration with FATAL_ERROR when something it needs is missing (a CUDA LibTorch without
# the CUDA toolkit), and that must never stop a build configured with -DDIFFCUT_WITH_TORCH=OFF.
# The places searched are find_package's usual ones for a config file.
string(REPLACE ":" ";" environment_prefixes "$ENV{CMAKE_PREFIX_PATH}")
find_file(DIFFCUT_TORCH_CONFIG TorchConfig.cmake
  PATHS ${Torch_DIR} $ENV{Torch_DIR} ${CMAKE_PREFIX_PATH} ${environment_prefixes} ${CMAKE_SYSTEM_PREFIX_PATH}
  PATH_SUFFIXES "" Torch cmake/Torch share/cmake/Torch lib/cmake/Torch lib/${CMAKE_LIBRARY_ARCHITECTURE}/cmake/Torch
  NO_DEFAULT_PATH)
if(DIFFCUT_TORCH_CONFIG)
  set(torch_installed ON)
else()
  set(torch_installed OFF)
endif()
option(DIFFCUT_WITH_TORCH "Build the diffusion feature encoder (needs LibTorch; default: ON when one is installed)"
       ${torch_installed})
if(NOT DIFFCUT_WITH_TORCH)
  return()
endif()

set(without_torch "or configure with -DDIFFCUT_WITH_TORCH=OFF to build without the diffusion encoder")
if(NOT DIFFCUT_TORCH_CONFIG)
  message(FATAL_ERROR "DIFFCUT_WITH_TORCH is ON but no LibTorch was found (no TorchConfig.cmake): install "
    "Debian's libtorch-dev, or give the official LibTorch or a PyTorch installation with -DCMAKE_PREFIX_PATH "
    "(see the README), ${without_torch}.")
endif()
get_filename_component(torch_config_dir "${DIFFCUT_TORCH_CONFIG}" DIRECTORY)
# Debian: <libdir>/cmake/Torch; the official archive and PyTorch: <prefix>/share/cmake/Torch, libraries in <prefix>/lib.
if(EXISTS "${torch_config_dir}/../../libtorch_cuda.so" OR EXISTS "${torch_config_dir}/../../../lib/libtorch_cuda.so")
  # A CUDA LibTorch's config looks for the CUDA toolkit, nvcc included, and stops without it.
  find_program(DIFFCUT_NVCC nvcc HINTS ENV CUDA_HOME ENV CUDA_PATH ${CUDAToolkit_ROOT} /usr/local/cuda PATH_SUFFIXES bin)
  if(NOT DIFFCUT_NVCC AND NOT CMAKE_CUDA_COMPILER)
    message(FATAL_ERROR "The LibTorch in ${torch_config_dir} is a CUDA build, and its CMake config needs the "
      "CUDA toolkit, whose compiler nvcc was not found: install it (Debian 13: apt install nvidia-cuda-toolkit; "
      "otherwise NVIDIA's toolkit, with nvcc on PATH or -DCMAKE_CUDA_COMPILER=/path/to/nvcc), ${without_torch}.")
  endif()
endif()
message(STATUS "LibTorch: ${torch_config_dir} (if its CMake config fails below, install what it names, ${without_torch})")
find_package(Torch REQUIRED CONFIG NO_DEFAULT_PATH PATHS "${torch_config_dir}")
