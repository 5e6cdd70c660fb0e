#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the uio-stub-dkms package of a build tree and has dkms build the module it holds for
# the kernel whose headers are in KDIR (the QEMU rig's x86 guest kernel in CI), in a scratch
# dkms tree: what `dkms install` does on a user's machine, minus installing.
# Usage: dkms.sh BUILD_DIR KDIR
set -euo pipefail
build=$1
kdir=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v dkms >/dev/null || { echo "dkms is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -G DEB -D CPACK_COMPONENTS_ALL=dkms -B "$work/debs" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; exit 1; }
dpkg -x "$work"/debs/uio-stub-dkms_*.deb "$work/root"
conf=$(find "$work/root/usr/src" -name dkms.conf)
name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"$/\1/p' "$conf")
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$conf")
# Debian's headers name their release in .kernelvariables; a plain kernel tree in kernel.release.
kver=$(sed -n 's/^override KERNELRELEASE = //p' "$kdir/.kernelvariables" 2>/dev/null)
[ -n "$kver" ] || kver=$(cat "$kdir/include/config/kernel.release")

mkdir -p "$work/tree"
if ! dkms build --dkmstree "$work/tree" --sourcetree "$work/root/usr/src" -m "$name" -v "$version" \
       -k "$kver" --kernelsourcedir "$kdir" >"$work/dkms.log" 2>&1; then
  cat "$work/dkms.log"
  find "$work/tree" -name make.log -exec cat {} \;
  exit 1
fi
ko=$(find "$work/tree" -name 'uio_stub.ko*' | head -1)
[ -n "$ko" ] || { cat "$work/dkms.log"; echo "dkms built no uio_stub.ko" >&2; exit 1; }
echo "dkms built $name/$version for $kver: $(basename "$ko")"
