#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds uio_stub.ko as a user's machine does from the uio-stub-dkms package: CPack makes the
# package from a build tree, dpkg -x unpacks it, and `dkms build` (in a scratch dkms tree:
# nothing is installed) compiles the module it holds against the kernel headers in KDIR. The
# module is written to OUT_KO, uncompressed. The x86 QEMU guest loads the module made this way
# (kernel/uio_stub/CMakeLists.txt), so the guest suite runs what the package builds.
# Usage: build-module.sh BUILD_DIR KDIR OUT_KO
set -euo pipefail
build=$1
kdir=$(cd "$2" && pwd)
out=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# dkms lives in /usr/sbin, which a user's PATH may not name.
PATH=$PATH:/usr/sbin:/sbin
command -v dkms >/dev/null || { echo "dkms is not installed (scripts/install-deps.sh installs it)" >&2; exit 1; }

cpack --config "$build/CPackConfig.cmake" -G DEB -D CPACK_COMPONENTS_ALL=dkms -B "$work/debs" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; exit 1; }
dpkg -x "$work"/debs/uio-stub-dkms_*.deb "$work/root"
# The sources sit in <prefix>/src/NAME-VERSION: /usr/src in the packages the docs build
# (CMAKE_INSTALL_PREFIX=/usr), /usr/local/src in a build tree left at CMake's default prefix.
conf=$(find "$work/root" -path '*/src/*/dkms.conf' | head -1)
[ -n "$conf" ] || { echo "the uio-stub-dkms package holds no dkms.conf" >&2; exit 1; }
srctree=$(dirname "$(dirname "$conf")")
name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"$/\1/p' "$conf")
version=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$conf")
# Debian's headers name their release in .kernelvariables; a plain kernel tree in kernel.release.
kver=$(sed -n 's/^override KERNELRELEASE = //p' "$kdir/.kernelvariables" 2>/dev/null)
[ -n "$kver" ] || kver=$(cat "$kdir/include/config/kernel.release")

mkdir -p "$work/tree"
if ! dkms build --dkmstree "$work/tree" --sourcetree "$srctree" -m "$name" -v "$version" \
       -k "$kver" --kernelsourcedir "$kdir" >"$work/dkms.log" 2>&1; then
  cat "$work/dkms.log"
  find "$work/tree" -name make.log -exec cat {} \;
  exit 1
fi
ko=$(find "$work/tree" -name 'uio_stub.ko*' | head -1)
[ -n "$ko" ] || { cat "$work/dkms.log"; echo "dkms built no uio_stub.ko" >&2; exit 1; }
# dkms compresses the module when the kernel's configuration asks for it.
mkdir -p "$(dirname "$out")"
case $ko in
  *.xz) xz -dc "$ko" >"$out.tmp" ;;
  *.zst) zstd -qdc "$ko" >"$out.tmp" ;;
  *) cp "$ko" "$out.tmp" ;;
esac
mv "$out.tmp" "$out"
echo "dkms built $name/$version for $kver: $out"
