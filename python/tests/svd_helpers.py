# SPDX-License-Identifier: MIT
# A register file for SVD tests: a file: region of the right size filled with a pattern.
import pathlib


def pattern_file(path: pathlib.Path, size: int = 0x10000) -> str:
    """A file of `size` bytes whose 32-bit words are distinct and have many bits set; its file: address."""
    words = bytearray()
    for i in range(size // 4):
        words += ((i * 0x9E3779B1) & 0xFFFFFFFF).to_bytes(4, "little")
    path.write_bytes(bytes(words))
    return f"file:{path}"
