#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The x86 guest's uio_stub.ko is the module `dkms build` made from the uio-stub-dkms package
# (dist/dkms/build-module.sh, run by the build): checks that the rig's x86 configuration loads
# that file, and that it was built for the guest's kernel: its vermagic (release, SMP, preempt,
# modversions flags) is that of a module of the guest kernel's own tree, which the kernel
# compares at insmod. A module built for another kernel fails here, before a guest boots.
# Usage: dkms.sh KO RIG_CONFIG MODULE_TREE   (the rig's qemu/x86.json and <cache>/amd64/modules)
set -euo pipefail
ko=$1
config=$2
tree=$3
PATH=$PATH:/usr/sbin:/sbin  # modinfo

loaded=$(/usr/bin/python3 -c 'import json, sys
print(next(m["file"] for m in json.load(open(sys.argv[1]))["modules"] if m["name"] == "uio_stub"))' "$config")
[ "$loaded" -ef "$ko" ] ||
  { echo "the x86 guest loads $loaded, not the module dkms built ($ko)" >&2; exit 1; }

stock=$(find "$tree/kernel/drivers/uio" -name 'uio.ko*' | head -1)
[ -n "$stock" ] || { echo "no uio.ko in the guest's module tree $tree" >&2; exit 1; }
want=$(modinfo -F vermagic "$stock")
got=$(modinfo -F vermagic "$ko")
name=$(modinfo -F name "$ko")
[ "$name" = uio_stub ] || { echo "$ko is module '$name', not uio_stub" >&2; exit 1; }
if [ "$got" != "$want" ]; then
  echo "$ko has vermagic '$got'; the guest kernel's modules have '$want'" >&2
  exit 1
fi
echo "the x86 guest loads the dkms-built $ko, vermagic '$got' as the guest kernel's own modules"
