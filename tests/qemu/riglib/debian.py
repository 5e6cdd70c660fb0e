# SPDX-License-Identifier: MIT
"""Debian packages without installing them: resolve with apt-cache, fetch, dpkg -x."""
import os
import re
import subprocess


class ResolveError(RuntimeError):
    pass


def _run(cmd, cwd=None):
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise ResolveError(f"{' '.join(cmd)} failed ({res.returncode}): {res.stderr.strip()}")
    return res.stdout


def candidate_versions(pkgs):
    """{pkg: the version apt would pick}, from whatever index is present (a partial update is
    fine). One apt-cache call for all: each call loads apt's whole cache, seconds on its own."""
    out = _run(["apt-cache", "policy", *pkgs])
    found, current = {}, None
    for line in out.splitlines():
        if line and not line[0].isspace() and line.endswith(":"):
            current = line[:-1]
            continue
        m = re.match(r"\s+Candidate:\s*(\S+)", line)
        if m and current is not None and m.group(1) != "(none)":
            found[current] = m.group(1)
    missing = [p for p in pkgs if p not in found]
    if missing:
        raise ResolveError(f"apt knows no candidate for {', '.join(missing)}; run `sudo scripts/install-deps.sh`"
                           " (it runs apt-get update with armhf enabled)")
    return {p: found[p] for p in pkgs}


def kernel_release(meta_pkg, flavour):
    """linux-image-amd64 -> '6.1.0-NN-amd64' through the meta package's dependency."""
    out = _run(["apt-cache", "depends", meta_pkg])
    pat = re.compile(r"Depends:\s*linux-image-(\d[\w.\-]*-" + re.escape(flavour) + r")(?::\w+)?\s*$")
    for line in out.splitlines():
        m = pat.search(line)
        if m:
            return m.group(1)
    raise ResolveError(f"no linux-image-*-{flavour} dependency in `apt-cache depends {meta_pkg}`")


def deb_path(debdir, pkg, version):
    """The downloaded NAME_VERSION_ARCH.deb of pkg ("name" or "name:arch"), or None. With an
    architecture it must be that one: armhf and armel builds of a package share their version."""
    name, _, arch = pkg.partition(":")
    # apt-get download spells an epoch's colon as %3a in the file name
    prefixes = (f"{name}_{version.replace(':', '%3a')}_", f"{name}_{version.split(':')[-1]}_")
    suffix = f"_{arch}.deb" if arch else ".deb"
    for f in os.listdir(debdir):
        if f.startswith(prefixes) and f.endswith(suffix):
            return os.path.join(debdir, f)
    return None


def download_all(debdir, versions):
    """{pkg: version} -> {pkg: .deb path}: what debdir lacks is fetched by one apt-get download."""
    os.makedirs(debdir, exist_ok=True)
    wanted = [f"{p}={v}" for p, v in versions.items() if not deb_path(debdir, p, v)]
    if wanted:
        # apt drops privileges to _apt when root: a world-writable folder avoids its warning.
        os.chmod(debdir, 0o777)
        _run(["apt-get", "download", "-q", *wanted], cwd=debdir)
    paths = {}
    for p, v in versions.items():
        paths[p] = deb_path(debdir, p, v)
        if not paths[p]:
            raise ResolveError(f"apt-get download {p}={v} left no .deb in {debdir}")
    return paths


def fetch_all(debdir, pkgs, pinned=None):
    """{pkg: (version, .deb path)} for every package in pkgs, at the version pinned for it or
    else apt's candidate: one apt-cache and one apt-get call for all of them."""
    pinned = pinned or {}
    free = [p for p in pkgs if p not in pinned]
    versions = {**(candidate_versions(free) if free else {}), **pinned}
    versions = {p: versions[p] for p in pkgs}
    paths = download_all(debdir, versions)
    return {p: (versions[p], paths[p]) for p in pkgs}


def unpack(deb, root):
    os.makedirs(root, exist_ok=True)
    _run(["dpkg-deb", "-x", deb, root])
