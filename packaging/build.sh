#!/usr/bin/env bash
# The README's two commands:
#   packaging/build.sh run   install dependencies, build, segment the bundled sample photo into out/sample
#   packaging/build.sh test  install dependencies, build, run the whole test suite (ctest)
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-run}
case "$mode" in run|test) ;; *) echo "usage: packaging/build.sh run|test" >&2; exit 2 ;; esac

bash packaging/install-deps.sh
# With ccache installed, a rebuild (another clone, a clean build folder) reuses what was compiled:
# paths are taken relative to the checkout, so clones share the cache.
launcher=()
if command -v ccache >/dev/null; then
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}"
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "${launcher[@]}"
cmake --build build --parallel "$(nproc)"

if [ "$mode" = run ]; then
  ./build/app/diffcut segment resources/sample/2011_000025.jpg --out out/sample
  echo "results: out/sample/labels.png, out/sample/overlay.png, out/sample/summary.json"
else
  ctest --test-dir build --output-on-failure
fi
