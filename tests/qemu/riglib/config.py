# SPDX-License-Identifier: MIT
"""One board's rig configuration: the JSON CMake generates (cmake/UiokitGuestRig.cmake) plus
what fetch.py left in the cache."""
import json
import os

from .boards import BOARDS


class ConfigError(RuntimeError):
    pass


def read_env(path):
    values = {}
    with open(path) as f:
        for line in f:
            if "=" in line:
                k, v = line.strip().split("=", 1)
                values[k] = v
    return values


class Rig:
    def __init__(self, path):
        with open(path) as f:
            cfg = json.load(f)
        self.config_path = path
        self.board = BOARDS[cfg["board"]]
        if cfg.get("arch", self.board.arch) != self.board.arch:
            raise ConfigError(f"{path}: board {self.board.name} is {cfg['arch']} in CMake "
                              f"(cmake/UiokitGuest.cmake) but {self.board.arch} in riglib/boards.py")
        self.cache = cfg["cache"]
        self.artifacts = cfg["artifacts"]
        self.cross_manifest = cfg["cross_manifest"]
        self.dtb_override = cfg["dtb"]
        self.modules = cfg["modules"]
        self.checks = cfg["checks"]
        self.names = [c["name"] for c in self.checks]
        stamp = os.path.join(self.cache, "fetch.stamp")
        if not os.path.exists(stamp):
            raise ConfigError(f"{stamp} is missing: build first (`cmake --build <build>`; "
                              "the uiokit_qemu_fetch target fetches the kernels)")
        self.kernels = read_env(os.path.join(self.cache, "kernels.env"))

    def dtb(self):
        """dts/'s tree for the board, else the stock one; None: the tree QEMU generates (virt64
        without dts/)."""
        if not self.dtb_override and not self.board.stock_dtb:
            return None
        path = self.dtb_override or os.path.join(self.cache, self.board.arch, "dtbs", self.board.stock_dtb)
        if not os.path.exists(path):
            raise ConfigError(f"device tree {path} does not exist")
        return path

    def _manifest(self):
        if not os.path.exists(self.cross_manifest):
            raise ConfigError(f"{self.cross_manifest} is missing: the {self.board.arch} cross build has not run")
        table = {}
        with open(self.cross_manifest) as f:
            for line in f:
                if "\t" in line:
                    target, path = line.rstrip("\n").split("\t", 1)
                    table[target] = path
        return table

    def program_paths(self, checks):
        """Binaries for this board: the host build's for x86, its architecture's cross build's
        otherwise."""
        table = None if self.board.arch == "amd64" else self._manifest()
        paths = []
        for c in checks:
            for p in c["programs"]:
                path = p["path"] if table is None else table.get(p["target"])
                if not path:
                    raise ConfigError(f"no {self.board.arch} binary for {p['target']} in {self.cross_manifest}")
                if not os.path.exists(path):
                    raise ConfigError(f"{path} ({p['target']}) is not built")
                if path not in paths:
                    paths.append(path)
        return paths
