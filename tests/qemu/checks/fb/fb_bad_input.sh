#!/bin/sh
# SPDX-License-Identifier: MIT
# fb_bad_input.sh TAG MODE FORMAT PATTERN DUMPDEV TOO-LARGE ABSENT DISPLAY-OPTIONS...
# ABSENT: display options naming a device that is not there ("-": none to try).
# Bad input on a real (emulated) display: every refusal must exit non-zero with a message, and
# the display must be left in its previous mode, showing the card drawn before. The screendump is
# taken right after the refusals, before anything draws again, and the host test
# qemu.<board>.fb.verify.TAG compares it with that card.
tag=$1 mode=$2 format=$3 pattern=$4 dev=$5 too_large=$6 absent=$7
shift 7
[ "$dev" = - ] && dev=
d="$*"
fail() { echo "FAIL: $*"; exit 1; }
# refuse WHAT ARGS...: the command must fail, saying why.
refuse() {
  what=$1
  shift
  if out=$(uiokit-fb $d "$@" 2>&1); then fail "accepted ($what): uiokit-fb $d $*"; fi
  [ -n "$out" ] || fail "refused without a message ($what)"
  echo "refused, $what: $out"
}

# In use: a second driver of the display is refused while the demo holds it.
uiokit-fb $d mode "$mode" --format "$format" >/dev/null || fail "mode $mode"
uiokit-fb $d demo --frames 100000 >/tmp/holder.out 2>&1 &
holder=$!
sleep 2
kill -0 $holder 2>/dev/null || { cat /tmp/holder.out; fail "the holder is not running"; }
refuse "display in use" info
kill $holder
wait $holder
cat /tmp/holder.out

# The card, then every refusal.
uiokit-fb $d mode "$mode" --format "$format" || fail "mode $mode"
uiokit-fb $d pattern "$pattern" --label "$tag" || fail "pattern"
# The mode line of `info` on stdout; a failure is said on stderr, since callers capture stdout.
mode_line() {
  info=$(uiokit-fb $d info) || { echo "FAIL: info failed: $info" >&2; return 1; }
  line=$(echo "$info" | grep '^mode:') || { echo "FAIL: info printed no mode line: $info" >&2; return 1; }
  echo "$line"
}
before=$(mode_line) || exit 1
uiokit-fb $d capture /tmp/card.png || fail "capture"
head -c 300 /tmp/card.png >/tmp/truncated.png
printf 'not a PNG at all\n' >/tmp/text.png
w=${mode%x*}
refuse "zero width" mode "0x${mode#*x}" --format "$format"
refuse "zero height" mode "${w}x0" --format "$format"
refuse "too large" mode "$too_large" --format "$format"
refuse "unsupported depth" mode "${mode}x24"
refuse "unknown format" mode "$mode" --format argb2101010
refuse "text off the screen" text 'off screen' --at "$((w - 4)),0"
refuse "text at a negative position" text 'x' --at -1,0
refuse "not a PNG" show /tmp/text.png
refuse "truncated PNG" show /tmp/truncated.png
refuse "missing file" show /tmp/nowhere.png
if [ "$absent" != - ]; then
  if out=$(uiokit-fb $absent info 2>&1); then fail "found a display that is not there: $absent"; fi
  echo "refused, device not found: $out"
fi
after=$(mode_line) || exit 1
echo "before: $before"
echo "after:  $after"
[ "$before" = "$after" ] || fail "the mode changed"
echo "display left in previous mode: ${after#mode: }"
uiokit-screendump "$tag" $dev || exit $?  # 77: skipped where nothing answers screendumps
# A good PNG (the card itself, captured from video memory) goes to the other page and is shown:
# captured again, it must be the same picture.
uiokit-fb $d show /tmp/card.png || fail "show the captured card"
uiokit-fb $d capture /tmp/shown.png || fail "capture after show"
cmp /tmp/card.png /tmp/shown.png || fail "the shown page differs from the card it was given"
echo "show: the captured card came back unchanged"
