#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""lava_job.py refuses bad input by name: test_bad_input.py BUILD

Each case runs the generator on a copy of BUILD/qemu/vexpress.json with one thing wrong and
requires it to fail (exit 2) with a message naming what is wrong:
  - the kernel is missing from the rig's cache (a cache of links to the real one, less the kernel)
  - a check's program is not built (the cross build's manifest names a file that is not there)
  - the board has no generator entry (in the config, and for `device --board`)
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GENERATOR = os.path.join(HERE, "lava_job.py")


def generate(args):
    res = subprocess.run(["/usr/bin/python3", GENERATOR] + args, capture_output=True, text=True)
    return res.returncode, res.stdout + res.stderr


def expect_refusal(what, args, words):
    rc, text = generate(args)
    missing = [w for w in words if w not in text]
    if rc != 2 or missing:
        print(f"FAIL: {what}: exit {rc}, message lacks {missing}:\n{text}")
        return False
    print(f"ok: {what}: {text.strip().splitlines()[-1]}")
    return True


def main():
    build = os.path.abspath(sys.argv[1])
    with open(os.path.join(build, "qemu", "vexpress.json")) as f:
        config = json.load(f)
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        def job(name, cfg):
            path = os.path.join(tmp, f"{name}.json")
            with open(path, "w") as f:
                json.dump(cfg, f)
            return ["job", "--config", path, "--out", os.path.join(tmp, name)]

        # The cache without the kernel: every other entry is a link to the real one.
        real = config["cache"]
        cache = os.path.join(tmp, "cache")
        os.makedirs(os.path.join(cache, "armhf"))
        for name in os.listdir(real):
            if name != "armhf":
                os.symlink(os.path.join(real, name), os.path.join(cache, name))
        for name in os.listdir(os.path.join(real, "armhf")):
            if name != "Image":
                os.symlink(os.path.join(real, "armhf", name), os.path.join(cache, "armhf", name))
        kernel = os.path.join(cache, "armhf", "Image")
        ok &= expect_refusal("missing kernel", job("no-kernel", dict(config, cache=cache)), ["kernel", kernel])

        # A check's program that is not built.
        target = next(p["target"] for c in config["checks"] for p in c["programs"])
        manifest = os.path.join(tmp, "manifest.tsv")
        with open(config["cross_manifest"]) as f, open(manifest, "w") as out:
            for line in f:
                name, path = line.rstrip("\n").split("\t", 1)
                out.write(f"{name}\t{path}.gone\n" if name == target else line)
        ok &= expect_refusal("program not built", job("no-program", dict(config, cross_manifest=manifest)),
                             [".gone", target, "not built"])

        ok &= expect_refusal("board without a generator entry (job)", job("no-board", dict(config, board="nosuch")),
                             ["no generator entry", "'nosuch'"])
    ok &= expect_refusal("board without a generator entry (device)", ["device", "--board", "nosuch"],
                         ["no generator entry", "'nosuch'"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
