#!/usr/bin/env bash
# Tries the README on a fresh Debian system, as a new user would, with this checkout:
#
#   sudo packaging/test-release.sh [RELEASE]      (default: trixie, i.e. Debian 13; bookworm works too)
#
# 1. A debootstrap root of RELEASE (its base cached in ~/.cache/diffcut-studio/test-deb, which
#    test-deb.sh shares), with the release's main, updates and security suites.
# 2. The checkout copied into it (tracked and untracked, not ignored files), ../shared beside it
#    (bind-mounted read-only: the golden fixtures).
# 3. In the root, the README's two commands (install-deps.sh alone first, timed apart):
#    bash packaging/build.sh run, then
#    bash packaging/build.sh test (under CI=true, so missing fixtures fail instead of skipping).
# 4. In the root, packaging/test-deb.sh on that build: the .deb, lintian, and the package installed,
#    run and removed in a second, clean root of the same release.
# Prints the time of each step. The root is deleted afterwards, unless a step failed or
# TEST_RELEASE_KEEP=1 (then its path is printed: chroot into it to investigate).
#
# Environment: DEBIAN_MIRROR (default http://deb.debian.org/debian), DEBIAN_SECURITY_MIRROR.
# Needs root (debootstrap, chroot, mounts) and a reachable Debian mirror.
set -euo pipefail
# All of it is read before it runs (main is called on the last line), so that editing this file
# during a run of an hour or more cannot change what the run does next.
main() {
cd "$(dirname "$0")/.."
# shellcheck source=packaging/fresh-root.sh
source packaging/fresh-root.sh
source_dir=$PWD
shared_dir=$(realpath -m "$source_dir/../shared")
release=${1:-trixie}
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
cache_dir=${XDG_CACHE_HOME:-$HOME/.cache}/diffcut-studio/test-deb

fail() { echo "test-release: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root for debootstrap, the chroot and its mounts (run it with sudo)"
[ -d "$shared_dir/fixtures" ] || fail "no golden fixtures at $shared_dir/fixtures"
curl -fsI --max-time 15 "$mirror/dists/$release/Release" >/dev/null || fail "$mirror has no release '$release' (or is unreachable)"
for tool in debootstrap git; do
  command -v "$tool" >/dev/null || fail "needs $tool (apt-get install $tool)"
done
[ -f "/usr/share/debootstrap/scripts/$release" ] || fail "this debootstrap does not know '$release'"

timings=()
started=$SECONDS
step_name=""
step_start=0
# Closes the running step (recording its time) and opens the next one.
step() {
  if [ -n "$step_name" ]; then timings+=("$(printf '%-66s %4d min %02d s' "$step_name" $(((SECONDS - step_start) / 60)) $(((SECONDS - step_start) % 60)))"); fi
  step_name=$1
  step_start=$SECONDS
  [ -z "$step_name" ] || printf '\n== %s (%s)\n' "$step_name" "$(date +%H:%M:%S)"
}
report() {
  echo
  echo "test-release: times on $(nproc) cores"
  printf '  %s\n' "${timings[@]}"
  printf '  %-66s %4d min %02d s\n' "total" $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60))
}

work=$(mktemp -d "/var/tmp/diffcut-test-$release.XXXXXX")
root=$work/root
keep=${TEST_RELEASE_KEEP:-0}
finish() {
  local status=$?
  [ -z "$step_name" ] || { [ "$status" -eq 0 ] || echo "test-release: step '$step_name' failed" >&2; step ""; }
  report
  # Nothing under $work is deleted while anything is still mounted there.
  if ! unmount_under "$work"; then
    echo "test-release: still mounted under $work; left in place" >&2
  elif [ "$status" -ne 0 ] || [ "$keep" = 1 ]; then
    echo "test-release: the root is kept in $root"
  else
    rm -rf "$work"
  fi
}
trap finish EXIT

step "fresh $release root (debootstrap when not cached), checkout copied in"
fresh_root "$root" "$release"
mkdir -p "$root/src/diffcut-studio" "$root/src/shared"
git -C "$source_dir" ls-files -z --cached --others --exclude-standard |
  tar -C "$source_dir" --null -T - -cf - | tar -C "$root/src/diffcut-studio" -xf -
mount --bind "$shared_dir" "$root/src/shared" && mount -o remount,bind,ro "$root/src/shared"
mount -t sysfs -o ro sysfs "$root/sys"
# test-deb.sh's cache (the base, downloaded packages) is this one.
mkdir -p "$root/root/.cache/diffcut-studio/test-deb"
mount --bind "$cache_dir" "$root/root/.cache/diffcut-studio/test-deb"

in_root() {
  chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 CI=true bash -euo pipefail -c "cd /src/diffcut-studio && $1"
}

# install-deps.sh on its own first, so that the download and the build are timed apart (build.sh
# runs it again: a no-op).
step "packaging/install-deps.sh (apt)"
in_root "bash packaging/install-deps.sh"
step "bash packaging/build.sh run"
in_root "bash packaging/build.sh run"
step "bash packaging/build.sh test"
in_root "bash packaging/build.sh test"
step "packaging/test-deb.sh build (.deb, clean root)"
in_root "bash packaging/test-deb.sh build"
step ""
echo
echo "test-release: on a fresh $release, both README commands pass and the package installs, runs and is removed"
}
main "$@"
