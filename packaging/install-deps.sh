#!/usr/bin/env bash
# Installs the Debian packages that building and testing DiffCut Studio need, on Debian 12
# (bookworm) or 13 (trixie). Used by the README's commands and by .ci/run; safe to run again
# (apt skips what is there).
set -euo pipefail

# shellcheck source=/dev/null
release=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")

packages=(
  g++ cmake ninja-build pkg-config
  qt6-base-dev                      # Qt Core/Gui/Test for the tests, Widgets for the GUI
  qt6-tools-dev qt6-l10n-tools      # Qt Linguist: the GUI's translations are compiled at build time
  libqt6svg6                        # the SVG image plugin that draws the window icon
  libeigen3-dev libspectra-dev      # dense linear algebra, Lanczos eigensolver
  libopenblas-dev                   # fast BLAS behind libblas.so.3 (~30x the reference BLAS)
  libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev
  libpng-dev nlohmann-json3-dev libcli11-dev libxxhash-dev
  libjpeg-dev libtiff-dev libwebp-dev # image headers read (size-checked) before OpenCV decodes
  libcurl4-openssl-dev libssl-dev   # diffcut model pull: downloads, SHA-256 checks
  python3                           # the model-pull tests serve a stand-in hub (tests/hub_server.py)
  clang libclang-rt-dev libomp-dev  # libFuzzer targets for the untrusted-file parsers (tests/fuzz)
  libicu-dev libxml2-dev            # the CLIP tokenizer: Unicode regex/case/normalisation, HTML entities
)

# The diffusion encoder. Debian 13's CUDA build (libtorch-cuda-dev, contrib) conflicts with the
# CPU one: asking for libtorch-dev would make apt remove it, so an installed CUDA build is kept.
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
if installed libtorch-cuda-dev; then
  echo "install-deps: keeping the installed CUDA LibTorch (libtorch-cuda-dev)"
else
  packages+=(libtorch-dev)          # the CPU build; see the README for CUDA
fi

# The exporter test checks that the real labelme (5.1.1) opens our JSON; Debian 13 has no labelme
# package, and the test says that it is skipped there.
if [ "$release" = bookworm ]; then
  packages+=(labelme)
fi

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
missing=()
for package in "${packages[@]}"; do
  installed "$package" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
