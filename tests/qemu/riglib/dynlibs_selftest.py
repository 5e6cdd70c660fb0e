# SPDX-License-Identifier: MIT
"""riglib/dynlibs.py against small programs the host's gcc makes: what a program loads is found
where its loader would find it, and what cannot be found is an error naming it."""
import os
import shutil
import subprocess
import tempfile

from . import dynlibs

TRIPLET = dynlibs.TRIPLETS["amd64"]


def _cc(args, cwd):
    subprocess.run(["gcc", *args], cwd=cwd, check=True, capture_output=True)


def _report(name, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} dynlibs: {name}{': ' + detail if detail and not ok else ''}")
    return ok


def cases():
    """[bool] per case; [] where the host has no gcc (the rig runs on hosts that build uiokit)."""
    if not shutil.which("gcc"):
        print("skip dynlibs: no gcc")
        return []
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        sub = os.path.join(tmp, "sub")
        os.makedirs(sub)
        open(os.path.join(tmp, "lib.c"), "w").write("int answer(void) { return 42; }\n")
        open(os.path.join(tmp, "main.c"), "w").write("int answer(void);\nint main(void) { return answer() - 42; }\n")
        _cc(["-shared", "-fPIC", "-Wl,-soname,libanswer.so.1", "-o", "sub/libanswer.so.1", "lib.c"], tmp)
        _cc(["-o", "prog", "main.c", "sub/libanswer.so.1", "-Wl,--enable-new-dtags,-rpath,$ORIGIN/sub"], tmp)
        _cc(["-static", "-o", "static", "main.c", "lib.c"], tmp)
        prog = os.path.join(tmp, "prog")

        got = dynlibs.closure([prog], "amd64", ["/"])
        want_lib = f"lib/{TRIPLET}/libanswer.so.1"
        out.append(_report("$ORIGIN in RUNPATH finds the program's own library",
                           got.get(want_lib) == os.path.realpath(os.path.join(sub, "libanswer.so.1")), repr(got)))
        out.append(_report("the C library and the loader come with it",
                           f"lib/{TRIPLET}/libc.so.6" in got and interp_in(got, prog), repr(got)))
        out.append(_report("the loader is not copied again as a library",
                           not any(k.startswith(f"lib/{TRIPLET}/ld-linux") for k in got), repr(sorted(got))))
        out.append(_report("a static program brings nothing",
                           dynlibs.closure([os.path.join(tmp, "static")], "amd64", ["/"]) == {}))
        os.rename(sub, sub + ".gone")
        try:
            dynlibs.closure([prog], "amd64", ["/"])
            out.append(_report("a library found nowhere is an error", False, "no error"))
        except RuntimeError as e:
            out.append(_report("a library found nowhere is an error naming it and its user",
                               "libanswer.so.1" in str(e) and "prog" in str(e), str(e)))
    return out


def interp_in(got, prog):
    interp = dynlibs.interpreter(prog)
    return interp is not None and interp.lstrip("/") in got
