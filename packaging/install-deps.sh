#!/usr/bin/env bash
# Installs the Debian 12 packages that building and testing DiffCut Studio need.
# Used by the README's commands and by .ci/run; safe to run again (apt skips what is there).
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config
  qt6-base-dev                      # Qt Core/Gui/Test for the tests, Widgets for the GUI
  qt6-tools-dev qt6-l10n-tools      # Qt Linguist: the GUI's translations are compiled at build time
  libqt6svg6                        # the SVG image plugin that draws the window icon
  libeigen3-dev libspectra-dev      # dense linear algebra, Lanczos eigensolver
  libopenblas-dev                   # fast BLAS behind libblas.so.3 (~30x the reference BLAS)
  libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev
  libpng-dev nlohmann-json3-dev libcli11-dev libxxhash-dev
  libtorch-dev                      # the diffusion encoder (CPU build; see README for CUDA)
  libcurl4-openssl-dev libssl-dev   # diffcut model pull: downloads, SHA-256 checks
  libicu-dev libxml2-dev            # the CLIP tokenizer: Unicode regex/case/normalisation, HTML entities
  clang libclang-rt-14-dev          # libFuzzer targets for the untrusted-file parsers
  labelme                           # the exporter test checks that the real labelme (5.1.1) opens our JSON
)

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
