# SPDX-License-Identifier: MIT
"""A newc cpio writer: lets the rig put /dev/console in the initramfs without being root."""
import stat


class NewcWriter:
    def __init__(self, out):
        self.out = out
        self.ino = 1
        self.written = 0

    def _pad(self):
        pad = (-self.written) % 4
        if pad:
            self._write(b"\0" * pad)

    def _write(self, data):
        self.out.write(data)
        self.written += len(data)

    def add(self, name, mode, data=b"", rdev=(0, 0)):
        name_b = name.lstrip("/").encode() + b"\0"
        fields = [self.ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_b), 0]
        self.ino += 1
        self._write(b"070701" + b"".join(b"%08x" % f for f in fields))
        self._write(name_b)
        self._pad()
        self._write(data)
        self._pad()

    def directory(self, name):
        self.add(name, stat.S_IFDIR | 0o755)

    def file(self, name, data, executable=False):
        self.add(name, stat.S_IFREG | (0o755 if executable else 0o644), data)

    def symlink(self, name, target):
        self.add(name, stat.S_IFLNK | 0o777, target.encode())

    def chardev(self, name, major, minor):
        self.add(name, stat.S_IFCHR | 0o600, rdev=(major, minor))

    def finish(self):
        self.add("TRAILER!!!", 0)
        pad = (-self.written) % 512
        self._write(b"\0" * pad)
