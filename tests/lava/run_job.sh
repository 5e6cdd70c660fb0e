#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# run_job.sh BUILD BOARD [--validate [--physical]] [--only NAME]... [SABOTAGE --expect TEXT]
# Generates the board's LAVA job from BUILD/qemu/BOARD.json, runs it with lava-run (no LAVA
# server: Debian's lava-dispatcher), and judges LAVA's test cases (lava_job.py results),
# comparing each verdict with the rig's own results of the same build when it has them.
# SABOTAGE is one of lava_job.py's --break NAME, --silent NAME, --hang NAME [--test-timeout S]:
# then the verdict must fail, and one of its lines must start with TEXT.
# --validate only validates the job (lava-run --validate); with --physical, the job for a
# physical board (boot: method: minimal).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
board=$2
shift 2
validate=0 physical=0 sabotage=() only=() expect=""
while [ $# -gt 0 ]; do
  case "$1" in
    --validate) validate=1 ;;
    --physical) physical=1 ;;
    --break | --silent | --hang | --test-timeout) sabotage+=("$1" "$2"); shift ;;
    --only) only+=(--only "$2"); shift ;;
    --expect) expect=$2; shift ;;
    *) echo "run_job.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if [ ${#sabotage[@]} -gt 0 ] && [ -z "$expect" ]; then
  echo "run_job.sh: a sabotaged run needs --expect TEXT (the verdict line it must give)" >&2
  exit 2
fi
command -v lava-run >/dev/null || { echo "run_job.sh: lava-run is missing (Debian package lava-dispatcher; scripts/install-deps.sh installs it)" >&2; exit 1; }
py=/usr/bin/python3
tag=$board
[ "$physical" = 1 ] && tag=$board-physical
[ ${#sabotage[@]} -gt 0 ] && tag=$board-${sabotage[0]#--}
out=$build/lava/$tag
rm -rf "$out"
mkdir -p "$out"
args=(job --config "$build/qemu/$board.json" --out "$out" "${only[@]}" "${sabotage[@]}")
[ "$physical" = 1 ] && args+=(--physical)
"$py" "$here/lava_job.py" "${args[@]}"
if [ "$physical" = 1 ]; then
  "$py" "$here/lava_job.py" device --physical --check "$here/devices/physical-board.yaml"
else
  "$py" "$here/lava_job.py" device --board "$board" --check "$here/devices/qemu-$board.yaml"
fi
if [ "$validate" = 1 ]; then
  lava-run --validate --job-id "uiokit-$tag" --output-dir "$out/lava" --device "$out/device.yaml" "$out/job.yaml" \
    >"$out/lava.log" 2>&1 || { tail -30 "$out/lava.log"; echo "lava-run --validate refused the $tag job"; exit 1; }
  echo "lava-run --validate: the $tag job is valid"
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
if [ ${#sabotage[@]} -eq 0 ] && [ -f "$results" ]; then
  rig=(--rig "$results")
  "$py" -c 'import json, sys; d = json.load(open(sys.argv[1])); print("the rig on %s: boot %.2f s, whole run %.2f s (its screendump checks included)" % (d["board"], d["boot_time"], d["total_time"]))' "$results"
fi
# Where LAVA's time went: its own action log, start and end of each top-level action.
"$py" "$here/lava_job.py" timing --log "$out/lava.log" || true
set +e
"$py" "$here/lava_job.py" results --log "$out/lava.log" --checks "$out/checks.json" "${rig[@]}" | tee "$out/verdict.txt"
verdict=${PIPESTATUS[0]}
set -e
if [ -n "$expect" ]; then
  # The sabotaged check must be named in a failing verdict.
  if [ "$verdict" -ne 0 ] && grep -qF -- "$expect" "$out/verdict.txt"; then
    echo "the verdict failed, as it must, with: $expect"
    exit 0
  fi
  echo "the verdict did not fail with: $expect"
  exit 1
fi
exit "$verdict"
