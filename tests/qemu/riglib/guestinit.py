# SPDX-License-Identifier: MIT
"""The guest side: the generated /init, one script per check, and uiokit-screendump.

Marker protocol on the serial console (other engineers' checks rely on it):
  @@UIOKIT BEGIN <board>
  @@UIOKIT OUTPUT <name> BEGIN / ...the check's own output... / @@UIOKIT OUTPUT <name> END
  @@UIOKIT CHECK <name> PASS | SKIP | FAIL exit=<n> | FAIL signal=<n> | FAIL timeout
  @@UIOKIT SCREENDUMP <tag> [<device>]   (host answers @@UIOKIT ACK <tag> | NAK <tag> <why>)
  @@UIOKIT RESULT <name> PASS | FAIL ...   (all results again, just before END)
  @@UIOKIT END <board>
Every marker is printed after a newline, so that a kernel line or a check's unterminated
output never shares its start. The RESULT block repeats each CHECK line from a file, so that a
console line lost in transit (seen under heavy host load) still leaves the result readable.
"""

# The shell image's prompt: test runners driving the shell (labgrid, LAVA) wait for it.
PROMPT = "uiokit-guest# "

# One `mount -a` instead of four mounts: each is a fork and exec of busybox, 20-50 ms under TCG.
FSTAB = """proc /proc proc defaults 0 0
sysfs /sys sysfs defaults 0 0
devtmpfs /dev devtmpfs defaults 0 0
tmpfs /tmp tmpfs defaults 0 0
"""

INIT_HEAD = r"""#!/bin/sh
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -a
exec </dev/console >/dev/console 2>&1
marker() { printf '\n@@UIOKIT %s\n' "$*"; }
result() {  # result <name> <status...>: printed now and kept for the closing RESULT block
  marker CHECK "$@"
  echo "@@UIOKIT RESULT $*" >>/tmp/.results
}
load() {  # load <file> [params]: a failed load is shown; the checks needing it will fail
  insmod "$@" || echo "uiokit-init: insmod $* failed"
}
"""

# AMBA (PrimeCell) nodes that dts/ names a UIO device (uiokit,uio-name) but that keep their own
# compatible stay AMBA devices, which the kernel's driver for the cell binds at boot: they are
# handed to uio_stub here, by driver_override, once the modules are loaded. A node that no
# driver then holds is reported, and the checks that use it fail by name.
AMBA_TO_STUB = r"""for d in /sys/bus/amba/devices/*; do
  [ -e "$d/of_node/uiokit,uio-name" ] || continue
  n=${d##*/}
  [ -e "$d/driver" ] && echo "$n" >"$d/driver/unbind"
  echo uio_stub >"$d/driver_override"
  echo "$n" >/sys/bus/amba/drivers_probe 2>/dev/null
  [ -e "$d/driver" ] || echo "uiokit-init: AMBA device $n not bound to uio_stub"
done
"""

RUN_CHECK = r"""
# run_check <name> <guest seconds> <script>: the check runs in its own session, so that the
# watchdog can kill everything it started.
run_check() {
  rm -f /tmp/.timedout
  marker OUTPUT "$1" BEGIN
  setsid sh "$3" </dev/console &
  pid=$!
  # the session first, then direct children and the shell itself, so that wait returns
  # setsid made the check's shell a process-group leader: -pid kills the whole group (busybox
  # has no pkill). Processes that made sessions of their own (daemons) are on their own.
  ( sleep "$2"; touch /tmp/.timedout; kill -KILL -- -"$pid" 2>/dev/null; kill -KILL "$pid" 2>/dev/null ) &
  wd=$!
  wait "$pid"
  rc=$?
  # Reap the watchdog before printing: its SIGCHLD arriving during a marker's write could cut it.
  kill "$wd" 2>/dev/null
  wait "$wd" 2>/dev/null
  marker OUTPUT "$1" END
  if [ -e /tmp/.timedout ]; then result "$1" FAIL timeout
  elif [ "$rc" -eq 0 ]; then result "$1" PASS
  elif [ "$rc" -eq 77 ]; then result "$1" SKIP
  elif [ "$rc" -gt 128 ]; then result "$1" FAIL signal=$((rc - 128))
  else result "$1" FAIL exit="$rc"
  fi
}
"""

SCREENDUMP = r"""#!/bin/sh
# uiokit-screendump <tag> [device]: the host rig saves the guest's display as
# <artifacts>/<board>/<tag>.png (QMP screendump, format png) and answers on the console; exits 0 once saved.
# Booted with uiokit.screendump=off (a lab such as LAVA, where nothing answers), it exits 77 at
# once: the check that asked is reported as skipped instead of waiting for an answer.
[ -n "$1" ] || { echo "usage: uiokit-screendump <tag> [device]" >&2; exit 2; }
if grep -qw 'uiokit.screendump=off' /proc/cmdline; then
  echo "uiokit-screendump: $1 skipped: no host answers screendumps here (uiokit.screendump=off)" >&2
  exit 77
fi
printf '\n@@UIOKIT SCREENDUMP %s %s\n' "$1" "$2" >/dev/console
while read -r -t 30 m kind tag why </dev/console; do
  [ "$m" = "@@UIOKIT" ] && [ "$tag" = "$1" ] || continue
  [ "$kind" = ACK ] && exit 0
  echo "uiokit-screendump: host refused $1: $why" >&2
  exit 1
done
echo "uiokit-screendump: no answer from the host for $1" >&2
exit 1
"""


# uiokit-lava-check <name> <guest seconds> <script>: one check run from a LAVA test shell, as
# the rig's /init runs it (its own session, the same watchdog), its verdict reported as LAVA's
# test case <name> with lava-test-case (on the PATH of LAVA's test runner). It exits 0 once
# the case is reported, so that LAVA's runner (sh -e) goes on to the next check.
LAVA_CHECK = r"""#!/bin/sh
marker() { printf '\n@@UIOKIT %s\n' "$*"; }
result() {
  marker CHECK "$@"
  case "$2" in PASS) r=pass ;; SKIP) r=skip ;; *) r=fail ;; esac
  lava-test-case "$1" --result "$r"
}
""" + RUN_CHECK + 'run_check "$@"\n'


def check_script(setup, command, modules=()):
    """The check's modules are loaded first (unless an earlier check loaded them); a failing load
    or SETUP fails the check with its status, and the command is not run."""
    body = "#!/bin/sh\n"
    for name in modules:
        body += f"[ -e /sys/module/{name} ] || insmod /lib/modules/{name}.ko || exit $?\n"
    if setup.strip():
        body += "{\n" + setup + "\n} || exit $?\n"
    return body + command + "\n"


def init_script(board, modules, checks, interactive, halt="poweroff -f"):
    """modules: [(guest path, params)]; checks: [(name, guest timeout seconds, script path)];
    halt: the command that ends the guest (boards.Board.halt)."""
    lines = [INIT_HEAD]
    if not interactive:
        lines.append(f"marker BEGIN {board}\n")
    for path, params in modules:
        lines.append(f"load {path} {params}".rstrip() + "\n")
    lines.append(AMBA_TO_STUB)
    if interactive:
        lines.append(f"echo 'uiokit {board} guest: programs in /bin, checks in /checks (not run)'\n")
        # setsid -c gives the shell a controlling terminal, so that Ctrl-C reaches programs. A
        # fixed prompt lets a test runner driving the shell (labgrid's ShellDriver) find it.
        lines.append(f"export PS1='{PROMPT}'\n")
        lines.append("exec setsid -c sh -l\n")
        return "".join(lines)
    lines.append(RUN_CHECK)
    lines.append("stty -echo 2>/dev/null  # the host's replies are not echoed into the transcript\n")
    for name, seconds, script in checks:
        lines.append(f"run_check {name} {seconds} {script}\n")
    lines.append("[ -e /tmp/.results ] && { echo; cat /tmp/.results; }\n")
    lines.append(f"marker END {board}\nsync\n{halt}\n")
    return "".join(lines)
