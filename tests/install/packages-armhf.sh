#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The armhf cross build (cmake/UiokitPackageArmhf.cmake) makes the same Debian packages as the
# native build: cpack in it, then for each package: the architecture (armhf; all for the dkms
# source), ARM binaries, a Depends computed by dpkg-shlibdeps from Debian's armhf packages, and
# the same files as the native build installs for that component (library folder renamed to
# the armhf triplet). lintian reports no errors. python3-uiokit is native only.
# Usage: packages-armhf.sh ARMHF_BUILD_DIR NATIVE_BUILD_DIR
set -euo pipefail
armhf=$1
native=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -f "$armhf/CPackConfig.cmake" ] ||
  { echo "$armhf is not configured: build the target uiokit_armhf_packages (-DUIOKIT_PACKAGE_ARMHF=ON)" >&2; exit 1; }

cpack --config "$armhf/CPackConfig.cmake" -G DEB -B "$work/debs" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; exit 1; }
echo "packages: $(cd "$work/debs" && echo *.deb)"

status=0
fail() { echo "FAIL: $*" >&2; status=1; }
# component, package name pattern, architecture, whether it holds ARM binaries
for spec in "lib libuiokit[0-9]* armhf elf" "dev libuiokit-dev armhf -" "tools uiokit-tools armhf elf" \
            "dkms uio-stub-dkms all -"; do
  read -r component pattern arch elf <<<"$spec"
  deb=$(find "$work/debs" -name "${pattern}_*_${arch}.deb" | head -1)
  [ -n "$deb" ] || { fail "no ${pattern}_*_${arch}.deb (missing armhf libraries? scripts/install-deps.sh)"; continue; }
  pkg=$(dpkg-deb -f "$deb" Package)
  # The same files as the native build installs for the component.
  cmake --install "$native" --component "$component" --prefix "$work/native-$component" >/dev/null
  (cd "$work/native-$component" && find . -type f -o -type l) | sed 's|^\./|/usr/|; s|x86_64-linux-gnu|arm-linux-gnueabihf|g' |
    sort >"$work/$component.want"
  dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $6 }' | sed 's|^\./|/|' | sort >"$work/$component.got"
  if ! diff -u "$work/$component.want" "$work/$component.got" >"$work/$component.diff"; then
    fail "$pkg holds other files than the native build installs (- native, + armhf):"
    cat "$work/$component.diff" >&2
  fi
  depends=$(dpkg-deb -f "$deb" Depends)
  echo "$pkg: $(wc -l <"$work/$component.got") files as the native build's, Depends: $depends"
  [ "$elf" = elf ] || continue
  case $depends in
    *libc6*) ;;
    *) fail "$pkg: Depends '$depends' names no libc6 (dpkg-shlibdeps found no armhf libraries)" ;;
  esac
  dpkg-deb -x "$deb" "$work/root-$component"
  while IFS= read -r bin; do
    file -b "$bin" | grep -q 'ELF 32-bit LSB .* ARM, EABI5' || fail "$pkg: $bin is $(file -b "$bin")"
  done < <(find "$work/root-$component" -type f \( -name '*.so.*' -o -path '*/bin/*' \))
done

# Warnings are reported, errors fail the test.
lintian --fail-on error --tag-display-limit 0 "$work"/debs/*.deb >"$work/lintian.log" 2>&1 ||
  { grep -v 'root privileges' "$work/lintian.log" >&2; fail "lintian reports errors (above)"; }
grep -v 'root privileges' "$work/lintian.log" || true
[ "$status" -eq 0 ] && echo "the armhf packages are the native ones, for armhf; lintian: no errors"
exit "$status"
