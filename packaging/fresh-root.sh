# shellcheck shell=bash disable=SC2154  # cache_dir, mirror, security_mirror: set by the sourcing script
# Sourced by test-deb.sh and test-release.sh: fresh Debian roots for chroot checks.
# Uses cache_dir, mirror and security_mirror from the script that sources it.

# fresh_root ROOT RELEASE: a minbase Debian RELEASE in ROOT (debootstrap's result is cached in
# $cache_dir/RELEASE-minbase.tar, so later roots cost an unpacking), with the release's main,
# updates and security suites, this machine's resolver, /dev and /proc mounted, and downloaded
# packages kept in $cache_dir/apt-archives.
fresh_root() {
  local root=$1 release=$2
  local base=$cache_dir/$release-minbase.tar
  if [ ! -f "$base" ]; then
    echo "debootstrap $release (once; cached in $base)"
    mkdir -p "$cache_dir" "$root.base"
    debootstrap --variant=minbase "$release" "$root.base" "$mirror"
    tar -C "$root.base" -cf "$base.part" . && mv "$base.part" "$base"
    rm -rf "$root.base"
  fi
  mkdir -p "$root" "$cache_dir/apt-archives/partial"
  tar -C "$root" -xf "$base"
  printf 'deb %s %s main\n' "$mirror" "$release" "$mirror" "$release-updates" "$security_mirror" "$release-security" \
    >"$root/etc/apt/sources.list"
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev"
  mount -t proc proc "$root/proc"
  mount --bind "$cache_dir/apt-archives" "$root/var/cache/apt/archives"
}

# unmount_under DIR: everything mounted below DIR, deepest first; fails when something stays.
unmount_under() {
  findmnt -rn -o TARGET | grep "^$1/" | sort -r | while read -r target; do umount -l "$target"; done
  ! findmnt -rn -o TARGET | grep -q "^$1/"
}
