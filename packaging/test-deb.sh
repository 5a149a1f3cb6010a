#!/usr/bin/env bash
# Builds the Debian package and checks it where it was not built:
#
#   sudo packaging/test-deb.sh [BUILD_DIR]      (default: build-deb, configured for Release if new)
#
# 1. The build dependencies (install-deps.sh), cmake --build, then cpack -G DEB in BUILD_DIR.
# 2. The package as shipped: lintian (no errors), desktop-file-validate, appstreamcli validate --no-net.
# 3. A clean system of the Debian release this runs on (12 bookworm or 13 trixie, from
#    /etc/os-release): a debootstrap chroot (its base cached in ~/.cache/diffcut-studio/test-deb)
#    in which apt installs the package and the dependencies it declares, then the checks of
#    check_installed below, then removal. Without a reachable mirror, a throw-away overlay of this
#    machine's root with the source and build trees hidden instead.
#
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian), DEBIAN_SECURITY_MIRROR,
# JOBS (build parallelism, default: all cores), TEST_DEB_SKIP_BUILD=1 to package BUILD_DIR as it is,
# TEST_DEB_ROOT=overlay to use the overlay even when a mirror is reachable.
# Needs root (chroot, mounts); installs the build dependencies (install-deps.sh) and the checking tools.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=packaging/fresh-root.sh
source packaging/fresh-root.sh
source_dir=$PWD
build_dir=$(realpath -m "${1:-build-deb}")
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
cache_dir=${XDG_CACHE_HOME:-$HOME/.cache}/diffcut-studio/test-deb
# The package depends on this release's libraries, so it is installed in a fresh copy of it.
# shellcheck source=/dev/null
release=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
# shellcheck source=/dev/null
release_name=$(. /etc/os-release && echo "Debian ${VERSION_ID:-} ($release)")

step() { printf '\n== %s\n' "$*"; }
fail() { echo "test-deb: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "needs root for the chroot and its mounts (run it with sudo)"

# dpkg-dev and file: what cpack's DEB generator runs (dpkg-shlibdeps, file).
tools=(dpkg-dev file lintian appstream desktop-file-utils debootstrap xvfb xauth curl)
missing=()
for package in "${tools[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing the checking tools: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

step "building the package in $build_dir"
bash packaging/install-deps.sh
[ -f "$build_dir/CMakeCache.txt" ] || cmake -S "$source_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release
[ "${TEST_DEB_SKIP_BUILD:-0}" = 1 ] || cmake --build "$build_dir" --parallel "${JOBS:-$(nproc)}"
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build_dir/CMakeCache.txt")
rm -f "$build_dir"/diffcut-studio_*.deb
(cd "$build_dir" && cpack -G DEB)
deb=$(ls "$build_dir"/diffcut-studio_"$version"_*.deb)
dpkg-deb --info "$deb"
dpkg-deb --contents "$deb"

work=$(mktemp -d /var/tmp/diffcut-test-deb.XXXXXX)
root=$work/root
unmount_all() {
  # Nothing under $work is deleted while anything is still mounted there.
  if unmount_under "$work"; then
    rm -rf "$work"
  else
    echo "test-deb: still mounted under $work; left in place" >&2
  fi
}
trap unmount_all EXIT

step "lintian"
lintian --fail-on error --tag-display-limit 0 "$deb"

step "desktop entry and AppStream metadata as packaged"
dpkg-deb -x "$deb" "$work/contents"
desktop-file-validate "$work"/contents/usr/share/applications/*.desktop
appstreamcli validate --no-net "$work"/contents/usr/share/metainfo/*.metainfo.xml
appstreamcli validate-tree --no-net "$work/contents" # the metainfo with the desktop entry and icon it names

# Runs inside the clean root, as root, with the package installed.
check_installed() {
  set -euo pipefail
  local version=$1
  local version_text
  version_text=$(diffcut --version)
  printf 'diffcut --version:\n%s\n' "$version_text"
  [ "$(head -n 1 <<<"$version_text")" = "diffcut $version" ]
  for file in /usr/bin/diffcut* /usr/lib/diffcut-studio/*.so; do
    if ldd "$file" | grep "not found"; then echo "$file: unresolved libraries" >&2; exit 1; fi
  done
  if [ -f /usr/lib/diffcut-studio/libdiffcut_diffusion.so ]; then
    # The encoder library is loaded before the model is looked up: "not found" means it loaded.
    if diffcut segment /usr/share/diffcut-studio/sample/2011_000025.jpg --model /no/such/model --out /tmp/unused \
        2>/tmp/model.err; then exit 1; fi
    grep -q "model '/no/such/model' not found" /tmp/model.err || { cat /tmp/model.err >&2; exit 1; }
    echo "the diffusion encoder library loads"
  else
    echo "note: built without LibTorch (no diffusion encoder)"
  fi
  diffcut segment /usr/share/diffcut-studio/sample/2011_000025.jpg --out /tmp/segmented
  for output in labels.png overlay.png summary.json; do [ -s "/tmp/segmented/$output" ]; done
  grep -Eq '"segments": ([2-9]|[1-9][0-9]+)' /tmp/segmented/summary.json
  for page in diffcut diffcut-studio; do zcat "/usr/share/man/man1/$page.1.gz" | grep -q "^\.TH "; done
  command -v diffcut-studio >/dev/null || { echo "diffcut-studio is not in the package" >&2; exit 1; }
  studio_version=$(xvfb-run -a diffcut-studio --version)
  echo "diffcut-studio --version: $studio_version"
  grep -qF "$version" <<<"$studio_version"
}

if [ "${TEST_DEB_ROOT:-}" != overlay ] && curl -fsI --max-time 15 "$mirror/dists/$release/Release" >/dev/null; then
  clean_root="a fresh $release_name (debootstrap chroot)"
  step "installing the package in $clean_root"
  fresh_root "$root" "$release"
  cp "$deb" "$root/tmp/diffcut-studio.deb"
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive bash -euo pipefail -c '
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends /tmp/diffcut-studio.deb xvfb xauth >/dev/null
      echo "installed: $(dpkg-query -W diffcut-studio)"'
else
  clean_root="an overlay of this machine's root without the source and build trees"
  step "installing the package in $clean_root"
  mkdir -p "$work/upper" "$work/overlay-work" "$root"
  mount -t overlay overlay -o "lowerdir=/,upperdir=$work/upper,workdir=$work/overlay-work" "$root"
  for hidden in "$source_dir" "$build_dir"; do
    [ -d "$root$hidden" ] && mount -t tmpfs -o size=1m,mode=0755 tmpfs "$root$hidden"
  done
  mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev"
  mount -t proc proc "$root/proc"
  cp "$deb" "$root/tmp/diffcut-studio.deb"
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    bash -euo pipefail -c 'dpkg -i /tmp/diffcut-studio.deb'
fi

step "checking the installed package"
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
  bash -c "$(declare -f check_installed); check_installed '$version'"

step "removing the package"
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 bash -euo pipefail -c '
  dpkg --purge diffcut-studio
  for path in /usr/bin/diffcut /usr/bin/diffcut-studio /usr/lib/diffcut-studio /usr/share/diffcut-studio; do
    if [ -e "$path" ]; then echo "$path is left after removal" >&2; exit 1; fi
  done'

echo
echo "test-deb: $(basename "$deb") installs, runs and is removed cleanly in $clean_root"
