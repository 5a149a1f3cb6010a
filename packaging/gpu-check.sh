#!/usr/bin/env bash
# The GPU check, for a machine with an NVIDIA GPU and a CUDA-enabled LibTorch or PyTorch (nothing
# in CI needs a GPU; this is run by hand):
#
#   bash packaging/gpu-check.sh [TORCH_PREFIX]
#
# TORCH_PREFIX is what CMAKE_PREFIX_PATH gets: an unpacked official LibTorch (cxx11 ABI), or by
# default the PyTorch of python3 (torch.utils.cmake_prefix_path), else Debian 13's libtorch-cuda-dev.
# 1. Configures and builds (build-gpu/, without the GUI) against it; CUDA LibTorch configs need the
#    CUDA toolkit (nvcc) too.
# 2. Runs the torch test suites on the GPU (DIFFCUT_TEST_DEVICE=cuda; test_torch_clip stays on the
#    CPU, as the encoder computes the text conditioning there): in float32 against the fixtures'
#    tolerance, then with the UNet in float16 against the README's looser bound.
# 3. Benchmarks the real SSD-1B encoder path (random weights, ../shared/fixtures/configs/ssd-1b) at
#    1024 px in float16: ms per image (median of 20 after warm-up), VAE and UNet apart, peak GPU
#    memory, for one image and for a batch of 8; and compares with the targets for an H100-class GPU
#    (<= 40 ms per image, <= 6 GiB), which it reports but does not enforce (other GPUs differ).
#
# Environment: BUILD_DIR (default build-gpu), JOBS (default: all cores), CONFIGS (the model configs
# to benchmark), SKIP_INSTALL_DEPS=1 to leave the system's packages alone.
# Exits 1 with a one-line reason when there is no usable GPU or LibTorch, or a step fails.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build-gpu}
configs=${CONFIGS:-$(realpath -m ../shared/fixtures/configs/ssd-1b)}
fixtures=$(realpath -m ../shared/fixtures)
target_ms=40
target_gib=6

fail() { echo "gpu-check: $*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }

step "GPU"
command -v nvidia-smi >/dev/null || fail "no NVIDIA driver here (nvidia-smi not found): this check needs an NVIDIA GPU"
gpus=$(nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader 2>&1) ||
  fail "nvidia-smi finds no usable GPU: $gpus"
[ -n "$gpus" ] || fail "nvidia-smi lists no GPU"
echo "$gpus"

step "LibTorch"
prefix=${1:-}
if [ -z "$prefix" ] && python3 -c 'import torch' 2>/dev/null; then
  read -r prefix cuda_ok abi version < <(python3 -c 'import torch
print(torch.utils.cmake_prefix_path, torch.cuda.is_available(), torch.compiled_with_cxx11_abi(), torch.__version__)')
  echo "PyTorch $version: $prefix"
  [ "$cuda_ok" = True ] || fail "PyTorch $version sees no GPU (a CPU-only build, or a CUDA it cannot use with this driver)"
  # Our libraries pass std::string across: the old C++ ABI (PyTorch wheels before 2.7) cannot link with them.
  [ "$abi" = True ] || fail "PyTorch $version uses the pre-cxx11 C++ ABI: use PyTorch >= 2.7 or the cxx11-ABI LibTorch from pytorch.org"
elif [ -z "$prefix" ]; then
  dpkg-query -W -f='${Status}' libtorch-cuda-dev 2>/dev/null | grep -q "install ok installed" ||
    fail "no LibTorch given, no PyTorch for python3 and no libtorch-cuda-dev: give an unpacked CUDA LibTorch (see the README)"
  echo "Debian's libtorch-cuda-dev $(dpkg-query -W -f='${Version}' libtorch-cuda-dev)"
else
  prefix=$(realpath "$prefix")
  [ -e "$prefix/lib/libtorch_cuda.so" ] || fail "$prefix is not a CUDA LibTorch (no lib/libtorch_cuda.so)"
  echo "LibTorch: $prefix"
fi
command -v nvcc >/dev/null || [ -x /usr/local/cuda/bin/nvcc ] ||
  fail "the CUDA toolkit's nvcc is not found, and a CUDA LibTorch's CMake config needs it (Debian: apt install nvidia-cuda-toolkit)"
[ -d "$fixtures/diffusers" ] || fail "no golden fixtures at $fixtures"
[ -f "$configs/unet/config.json" ] || fail "no model configs at $configs"

if [ "${SKIP_INSTALL_DEPS:-0}" != 1 ] && grep -q '^ID=debian' /etc/os-release; then
  step "build dependencies (packaging/install-deps.sh)"
  bash packaging/install-deps.sh
fi

step "configure and build in $build_dir"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DDIFFCUT_BUILD_GUI=OFF -DDIFFCUT_WITH_TORCH=ON \
  ${prefix:+"-DCMAKE_PREFIX_PATH=$prefix"}
grep -q '^DIFFCUT_NVCC:FILEPATH=/' "$build_dir/CMakeCache.txt" ||
  fail "$build_dir was configured with a LibTorch without CUDA (see the LibTorch line of the configure output)"
cmake --build "$build_dir" --parallel "${JOBS:-$(nproc)}" \
  --target diffcut diffcut-bench-encoder test_torch_unet test_torch_pipeline test_torch_clip
"$build_dir/app/diffcut" --version
"$build_dir/app/diffcut" --version | grep -q "^diffusion encoder: CUDA" || fail "the build does not compute on the GPU"

for dtype in float32 float16; do
  step "torch test suites on CUDA, UNet $dtype"
  log=$build_dir/gpu-check-tests-$dtype.log
  if ! CI=true DIFFCUT_TEST_DEVICE=cuda DIFFCUT_TEST_DTYPE=$dtype \
      ctest --test-dir "$build_dir" -R '^torch_' --output-on-failure --verbose >"$log" 2>&1; then
    tail -n 60 "$log"
    fail "torch test suites failed on CUDA with the UNet in $dtype (the whole output: $log)"
  fi
  grep -E "golden runs on|feature|tests passed" "$log" || true
done

verdicts=()
for batch in 1 8; do
  step "SSD-1B encoder path, 1024 px, float16, batch $batch"
  output=$("$build_dir/app/diffcut-bench-encoder" "$configs" --resolution 1024 --device cuda --dtype float16 \
    --batch "$batch" --warmup 3 --runs 20) || fail "diffcut-bench-encoder failed at batch $batch"
  echo "$output"
  ms=$(sed -n 's/.* ms per batch of [0-9]*, \([0-9.]*\) ms per image.*/\1/p' <<<"$output")
  gib=$(sed -n 's/^peak GPU memory: \([0-9.]*\) GiB reserved.*/\1/p' <<<"$output")
  { [ -n "$ms" ] && [ -n "$gib" ]; } || fail "could not read the figures of diffcut-bench-encoder"
  verdicts+=("batch $batch: $ms ms per image ($(awk -v v="$ms" -v t="$target_ms" 'BEGIN { print (v <= t ? "meets" : "misses") }') <= $target_ms ms), peak $gib GiB ($(awk -v v="$gib" -v t="$target_gib" 'BEGIN { print (v <= t ? "meets" : "misses") }') <= $target_gib GiB)")
done

step "summary"
echo "$gpus"
printf '%s\n' "${verdicts[@]}"
echo "(targets for an H100-class GPU; the test suites passed in float32 and float16)"
