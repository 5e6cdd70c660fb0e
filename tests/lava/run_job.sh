#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run_job.sh BUILD BOARD [--validate] [--break NAME] [--only NAME]...
# Generates the board's LAVA job from BUILD/qemu/BOARD.json, runs it with lava-run (no LAVA
# server: Debian's lava-dispatcher), and judges LAVA's test cases (lava_job.py results),
# comparing each verdict with the rig's own results of the same build when it has them.
# With --break NAME the named check is replaced by one that fails, and the run must report that
# check, and only it, as failed. --validate only validates the job (lava-run --validate).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
board=$2
shift 2
validate=0 broken="" only=()
while [ $# -gt 0 ]; do
  case "$1" in
    --validate) validate=1 ;;
    --break) broken=$2; shift ;;
    --only) only+=(--only "$2"); shift ;;
    *) echo "run_job.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
command -v lava-run >/dev/null || { echo "run_job.sh: lava-run is missing (Debian package lava-dispatcher; scripts/install-deps.sh installs it)" >&2; exit 1; }
py=/usr/bin/python3
tag=$board${broken:+-broken}
out=$build/lava/$tag
rm -rf "$out"
mkdir -p "$out"
args=(job --config "$build/qemu/$board.json" --out "$out" "${only[@]}")
[ -n "$broken" ] && args+=(--break "$broken" --only "$broken")
"$py" "$here/lava_job.py" "${args[@]}"
"$py" "$here/lava_job.py" device --board "$board" --check "$here/devices/qemu-$board.yaml"
if [ "$validate" = 1 ]; then
  lava-run --validate --job-id "uiokit-$tag" --output-dir "$out/lava" --device "$out/device.yaml" "$out/job.yaml" \
    >"$out/lava.log" 2>&1 || { tail -30 "$out/lava.log"; echo "lava-run --validate refused the $board job"; exit 1; }
  echo "lava-run --validate: the $board job is valid"
  exit 0
fi
start=$(date +%s%N)
rc=0
lava-run --job-id "uiokit-$tag" --output-dir "$out/lava" --device "$out/device.yaml" "$out/job.yaml" \
  >"$out/lava.log" 2>&1 || rc=$?
took=$((($(date +%s%N) - start) / 1000000))
echo "lava-run exited $rc after $((took / 1000)).$(printf '%03d' $((took % 1000))) s (log: $out/lava.log)"
rig=()
results=$build/qemu-artifacts/$board/results.json
if [ -z "$broken" ] && [ -f "$results" ]; then
  rig=(--rig "$results")
  "$py" -c 'import json, sys; d = json.load(open(sys.argv[1])); print("the rig on %s: boot %.2f s, whole run %.2f s (its screendump checks included)" % (d["board"], d["boot_time"], d["total_time"]))' "$results"
fi
# Where LAVA's time went: its own action log, start and end of each top-level action.
"$py" "$here/lava_job.py" timing --log "$out/lava.log" || true
set +e
"$py" "$here/lava_job.py" results --log "$out/lava.log" --checks "$out/checks.json" "${rig[@]}" | tee "$out/verdict.txt"
verdict=${PIPESTATUS[0]}
set -e
if [ -n "$broken" ]; then
  # The broken check must fail under LAVA, by name, and the verdict must be a failure.
  if [ "$verdict" -ne 0 ] && grep -qx "FAIL: $broken: failed under LAVA" "$out/verdict.txt"; then
    echo "the broken check $broken was reported failed by LAVA, and the verdict failed"
    exit 0
  fi
  echo "the broken check $broken was not reported as failed"
  exit 1
fi
exit "$verdict"
