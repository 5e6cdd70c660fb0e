# SPDX-License-Identifier: MIT
"""Boot one guest, feed its console to the transcript, answer screendump requests over QMP."""
import os
import re
import selectors
import subprocess
import time

from .qmp import Qmp, QmpError
from .transcript import marker_of

TAG_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
AFTER_END_GRACE = 15.0   # poweroff -f is quick; a guest that lingers is killed, not failed


class Run:
    def __init__(self):
        self.lines = []
        self.timed_out = False
        self.boot_time = None     # QEMU start to BEGIN marker
        self.total_time = None
        self.exit_status = None
        self.screendumps = []


def _screendump(qmp_path, artifacts, rest, state):
    """Returns the reply line for the guest."""
    parts = rest.split()
    tag = parts[0] if parts else ""
    device = parts[1] if len(parts) > 1 else None
    if not TAG_RE.match(tag):
        return f"@@UIOKIT NAK {tag or '-'} bad-tag"
    path = os.path.join(artifacts, f"{tag}.png")
    try:
        if state.get("qmp") is None:
            state["qmp"] = Qmp(qmp_path)
        args = {"filename": path, "format": "png"}
        if device:
            args["device"] = device
        state["qmp"].command("screendump", **args)
    except (QmpError, OSError) as e:
        return f"@@UIOKIT NAK {tag} {str(e).replace(chr(10), ' ')}"
    state["dumps"].append(path)
    return f"@@UIOKIT ACK {tag}"


def boot(argv, qmp_path, artifacts, log_path, timeout, echo=None):
    """Run QEMU to completion or timeout; returns a Run with the console lines."""
    run = Run()
    state = {"qmp": None, "dumps": run.screendumps}
    start = time.monotonic()
    deadline = start + timeout
    if os.path.exists(qmp_path):
        os.remove(qmp_path)
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    partial = b""
    ended = False
    with open(log_path, "w") as log:
        log.write("# " + " ".join(argv) + "\n")
        while True:
            now = time.monotonic()
            if now > deadline:
                run.timed_out = not ended
                break
            if not sel.select(timeout=min(0.5, deadline - now)):
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            partial += chunk
            *complete, partial = partial.split(b"\n")
            for raw in complete:
                line = raw.decode("utf-8", "replace").rstrip("\r")
                run.lines.append(line)
                log.write(line + "\n")
                if echo:
                    echo(line)
                m = marker_of(line)
                if m and m[0] == "BEGIN" and run.boot_time is None:
                    run.boot_time = time.monotonic() - start
                elif m and m[0] == "END":
                    ended = True
                    deadline = min(deadline, time.monotonic() + AFTER_END_GRACE)
                elif m and m[0] == "SCREENDUMP":
                    reply = _screendump(qmp_path, artifacts, m[1], state)
                    log.write(f"# host -> guest: {reply}\n")
                    proc.stdin.write((reply + "\n").encode())
                    proc.stdin.flush()
            log.flush()
        if partial:
            run.lines.append(partial.decode("utf-8", "replace"))
            log.write(run.lines[-1] + "\n")
    if proc.poll() is None:
        proc.kill()
    run.exit_status = proc.wait()
    run.total_time = time.monotonic() - start
    if state["qmp"] is not None:
        state["qmp"].close()
    return run
