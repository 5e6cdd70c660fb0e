#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A cross build for another Debian architecture (cmake/UiokitPackageCross.cmake) makes the same
# Debian packages as the native build: cpack in it, then for each package: the architecture
# (ARCH; all for the dkms source), binaries of that architecture's ELF class and machine, a
# Depends computed by dpkg-shlibdeps from Debian's packages for ARCH, and the same files as the
# native build installs for that component (library folder renamed to ARCH's triplet). lintian
# reports no errors. python3-uiokit is native only. The packaged `uiokit`, run under QEMU's user
# mode with the packaged libraries, reads a register past 2 GiB into a (sparse) file of more than
# 2 GiB, which a 32-bit off_t could neither stat nor reach (QEMU 7.2's user mode itself cuts a
# 32-bit program's mmap offsets to 32 bits, so 4 GiB and beyond cannot be tried this way); a
# 32-bit one refuses a window of 4 GiB, which its size_t cannot hold, instead of cutting it.
# Usage: packages-cross.sh ARCH CROSS_BUILD_DIR NATIVE_BUILD_DIR     (ARCH: armhf, arm64)
set -euo pipefail
arch=$1
cross=$2
native=$3
# What file(1) says of every program and shared library for ARCH.
case $arch in
  armhf) elf_kind='ELF 32-bit LSB .* ARM, EABI5' qemu=qemu-arm ;;
  arm64) elf_kind='ELF 64-bit LSB .* ARM aarch64' qemu=qemu-aarch64 ;;
  *) echo "packages-cross.sh: no ELF kind known for the architecture '$arch'" >&2; exit 1 ;;
esac
triplet=$(dpkg-architecture -a "$arch" -qDEB_HOST_MULTIARCH 2>/dev/null) ||
  { echo "packages-cross.sh: dpkg-architecture knows no '$arch'" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -f "$cross/CPackConfig.cmake" ] ||
  { echo "$cross is not configured: build the target uiokit_${arch}_packages (-DUIOKIT_PACKAGE_ARCHES=$arch)" >&2; exit 1; }

cpack --config "$cross/CPackConfig.cmake" -G DEB -B "$work/debs" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; exit 1; }
echo "packages: $(cd "$work/debs" && echo *.deb)"

status=0
fail() { echo "FAIL: $*" >&2; status=1; }
# component, package name pattern, architecture, whether it holds binaries for ARCH
for spec in "lib libuiokit[0-9]* $arch elf" "dev libuiokit-dev $arch -" "tools uiokit-tools $arch elf" \
            "dkms uio-stub-dkms all -"; do
  read -r component pattern deb_arch elf <<<"$spec"
  deb=$(find "$work/debs" -name "${pattern}_*_${deb_arch}.deb" | head -1)
  [ -n "$deb" ] || { fail "no ${pattern}_*_${deb_arch}.deb (missing $arch libraries? scripts/install-deps.sh)"; continue; }
  pkg=$(dpkg-deb -f "$deb" Package)
  # The same files as the native build installs for the component.
  cmake --install "$native" --component "$component" --prefix "$work/native-$component" >/dev/null
  (cd "$work/native-$component" && find . -type f -o -type l) | sed "s|^\./|/usr/|; s|x86_64-linux-gnu|$triplet|g" |
    sort >"$work/$component.want"
  dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $6 }' | sed 's|^\./|/|' | sort >"$work/$component.got"
  if ! diff -u "$work/$component.want" "$work/$component.got" >"$work/$component.diff"; then
    fail "$pkg holds other files than the native build installs (- native, + $arch):"
    cat "$work/$component.diff" >&2
  fi
  depends=$(dpkg-deb -f "$deb" Depends)
  echo "$pkg: $(wc -l <"$work/$component.got") files as the native build's, Depends: $depends"
  [ "$elf" = elf ] || continue
  case $depends in
    *libc6*) ;;
    *) fail "$pkg: Depends '$depends' names no libc6 (dpkg-shlibdeps found no $arch libraries)" ;;
  esac
  dpkg-deb -x "$deb" "$work/root-$component"
  binaries=0
  while IFS= read -r bin; do
    binaries=$((binaries + 1))
    file -b "$bin" | grep -q "$elf_kind" || fail "$pkg: $bin is $(file -b "$bin"), not $elf_kind"
  done < <(find "$work/root-$component" -type f \( -name '*.so.*' -o -path '*/bin/*' -o -path '*/libexec/*' \))
  [ "$binaries" -gt 0 ] || fail "$pkg holds no programs or shared libraries"
done

# A register past 2 GiB, read by the packaged program with the packaged libraries.
uiokit() { LD_LIBRARY_PATH="$work/root-lib/usr/lib/$triplet" "$qemu" -L / "$work/root-tools/usr/bin/uiokit" "$@" 2>&1; }
if [ -x "$work/root-tools/usr/bin/uiokit" ]; then
  mid=$work/mid.bin
  truncate -s $((0x80002000)) "$mid"
  printf '\x78\x56\x34\x12' | dd of="$mid" bs=1 seek=$((0x80001000)) conv=notrunc status=none
  if got=$(uiokit reg -d "file:$mid+0x80001000+0x1000" read 0) && [[ $got == *"= 0x12345678"* ]]; then
    echo "uiokit ($arch, $qemu): the register 2 GiB + 4 KiB into a file reads $got"
  else
    fail "uiokit ($arch, under $qemu) did not read 0x12345678 at 2 GiB + 4 KiB into a file: $got"
  fi
  if [ "$arch" = armhf ]; then
    big=$work/big.bin
    truncate -s $((0x100001000)) "$big"
    # to the end of the file (the file backend's check), and a size given (the one mem: has too)
    for address in "file:$big" "file:$big+0+0x100000000"; do
      if got=$(uiokit reg -d "$address" read 0); then
        fail "uiokit ($arch) read a window of 4 GiB or more ($address): $got"
      elif [[ $got != *"more than this process can address"* ]]; then
        fail "uiokit ($arch) refused $address, but not as a window too large for it: $got"
      else
        echo "uiokit ($arch): $address refused: $got"
      fi
    done
  fi
else
  fail "uiokit-tools holds no usr/bin/uiokit"
fi

# Warnings are reported, errors fail the test.
lintian --fail-on error --tag-display-limit 0 "$work"/debs/*.deb >"$work/lintian.log" 2>&1 ||
  { grep -v 'root privileges' "$work/lintian.log" >&2; fail "lintian reports errors (above)"; }
grep -v 'root privileges' "$work/lintian.log" || true
[ "$status" -eq 0 ] && echo "the $arch packages are the native ones, for $arch; lintian: no errors"
exit "$status"
