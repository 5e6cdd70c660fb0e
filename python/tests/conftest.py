# SPDX-License-Identifier: MIT
# Shared fixtures of the uiokit Python tests: the built `uiokit` tool (to compare with), the
# vendor SVD files beside the checkout (../shared/svd: skipped when absent, a failure when CI=true),
# and file-backed regions.
import json
import os
import pathlib
import subprocess

import pytest

SOURCE = pathlib.Path(os.environ.get("UIOKIT_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
SHIPPED_SVD = SOURCE / "tools" / "svd" / "devices"


def need(path: pathlib.Path, why: str) -> pathlib.Path:
    """path, or a skip saying what is missing; in CI (CI=true) a missing file is a failure."""
    if path.exists():
        return path
    message = f"{path} is absent: {why}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def shared_svd():
    """The folder of vendor SVD files beside the checkout."""
    return need(SOURCE.parent / "shared" / "svd", "the vendor SVD files live in ../shared/svd beside the checkout")


@pytest.fixture
def tool():
    """Runs the built `uiokit` command; returns (exit status, stdout, stderr)."""
    exe = os.environ.get("UIOKIT_TOOL")
    if not exe:
        if os.environ.get("CI") == "true":
            pytest.fail("UIOKIT_TOOL is not set (ctest sets it to the built uiokit)")
        pytest.skip("UIOKIT_TOOL is not set: run through ctest")

    def run(*args):
        p = subprocess.run([exe, *args], capture_output=True, text=True, timeout=60)
        return p.returncode, p.stdout, p.stderr

    def run_json(*args):
        status, out, err = run(*args)
        assert status == 0, err
        return json.loads(out)

    run.json = run_json
    return run


@pytest.fixture
def regfile(tmp_path):
    """A file of `size` bytes with a known pattern (bytes 0, 1, 2, ...), as a file: address."""
    def make(size=4096, name="regs.bin", fill=None):
        path = tmp_path / name
        data = bytes(fill(i) if fill else i & 0xFF for i in range(size))
        path.write_bytes(data)
        return path
    return make
