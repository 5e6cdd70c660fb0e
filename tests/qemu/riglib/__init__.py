# SPDX-License-Identifier: MIT
"""The QEMU guest test rig of uiokit: fetch, initramfs, boot, parse (see ../README.md)."""
