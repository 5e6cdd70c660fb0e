#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Install every package uiokit needs to build and test, from Debian 12's registry.
# Run as root on a fresh machine. Idempotent: packages already present are skipped by apt.
#   --fuzz   also install clang's libFuzzer runtime (for the documented fuzz runs)
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: must run as root (it calls apt-get install)" >&2
  exit 1
fi

# Each package is here because something in the tree uses it (named in the comment).
build=(
  g++ cmake ninja-build pkg-config make             # the build (ninja: scripts/test.sh, demo.sh)
  libpci-dev libfdt-dev libboost-dev doctest-dev libcli11-dev nlohmann-json3-dev
  libpugixml-dev libpng-dev libfuse3-dev liburing-dev  # cmake/UiokitDeps.cmake
  libxxhash-dev                                     # tools/svd (the model cache's hash, header-only)
  device-tree-compiler                              # dts/ (dtc, fdtoverlay)
  help2man                                          # man pages (cmake/UiokitPrograms.cmake)
  valgrind                                          # scripts/bench.sh
  memtool                                           # bench/cli_vs_memtool.py
  pybind11-dev python3-dev python3-pybind11 python3-periphery  # python/ (module, tests, bench)
)
packaging=(
  dpkg-dev file                                     # CPack's DEB generator (dpkg-shlibdeps, file)
  lintian                                           # tests/install/packages.sh
  dkms                                              # the x86 guest's uio_stub.ko (dist/dkms/build-module.sh)
  # the armhf and arm64 packages (cmake/UiokitPackageCross.cmake): their libraries as multiarch
  # packages, which dpkg-shlibdeps reads (libfdt1, not libfdt-dev: that one is for one
  # architecture only), and qemu-user, which runs their programs for the man pages (qemu-arm,
  # qemu-aarch64)
  qemu-user
)
for arch in armhf arm64; do
  packaging+=(libpci-dev:$arch libfdt1:$arch libpugixml-dev:$arch libpng-dev:$arch libfuse3-dev:$arch libstdc++6:$arch)
done
rig=(
  qemu-system-x86 qemu-system-arm busybox-static    # tests/qemu/riglib/hosttools.py (qemu-system-arm: also aarch64, virt64)
  g++-arm-linux-gnueabihf gcc-arm-linux-gnueabihf binutils-arm-linux-gnueabihf
  g++-arm-linux-gnueabi gcc-arm-linux-gnueabi binutils-arm-linux-gnueabi  # armel: versatilepb
  g++-aarch64-linux-gnu gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu  # arm64: virt64's programs and uio_stub.ko; tests/barriers
  linux-source-6.1 bc bison flex                    # versatilepb's kernel (tests/qemu/build_kernel.py)
  libssl-dev                                        # its host tools when a fragment signs modules
  xz-utils zstd python3                             # kernel modules (riglib/modules.py), the rig
  lava-dispatcher python3-yaml cpio                 # tests/lava (lava-run, lava_job.py; cpio: the overlay into the ramdisk)
  telnet                                            # tests/lava: the physical-board device's console command
  python3-labgrid python3-pytest                    # tests/labgrid
  gdb-multiarch                                     # bench/bench_gdb (the GDB transport beside gdb)
)
extra=()
if [ "${1:-}" = "--fuzz" ]; then extra=(clang libclang-rt-14-dev); fi

export DEBIAN_FRONTEND=noninteractive
# The rig fetches armhf, armel and arm64 packages (kernels, busybox, libraries) with apt-get
# download, and the armhf and arm64 packages build against libraries of those architectures
# installed here: the architectures must be known to apt.
for arch in armhf armel arm64; do
  if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    dpkg --add-architecture "$arch"
  fi
done
# A partial index failure (a mirror mid-sync) must not stop us: versions are resolved from
# whatever the index offers.
apt-get update || echo "install-deps: apt-get update reported errors; continuing with the index we have" >&2
apt-get install -y --no-install-recommends "${build[@]}" "${packaging[@]}" "${rig[@]}" "${extra[@]}"
