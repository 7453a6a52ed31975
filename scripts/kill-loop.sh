#!/bin/bash
# Kills `lectern quiz --plain` with SIGKILL at a random moment while it answers, N times
# (default 200), and after each kill checks that the database still opens and holds at least
# every answer the run had reported: an answer is saved before its verdict ("✓ Right",
# "✗ Not quite", "✓ Known", …) is printed, so every verdict printed is an answer saved.
#
#   cargo build --release && scripts/kill-loop.sh [N]
#
# `scripts/kill-loop.sh notes [N]` kills the app instead, in a pseudo-terminal, while it writes
# notes, N times (default 200): the end-to-end test
# `sigkill_at_random_moments_while_notes_are_written_loses_no_note_seen_kept`, which CI runs
# with 3 kills.
set -u
if [ "${1:-}" = notes ]; then
  LECTERN_KILLS=${2:-200} exec cargo test --test e2e sigkill_at_random_moments -- --nocapture
fi
L=${L:-target/release/lectern}
N=${1:-200}
D=$(mktemp -d)
export LECTERN_DATA_DIR=$D/data LECTERN_CONFIG_DIR=$D/config
python3 -c "print('Liang Wenfeng\n1\n\n3\n1 2\nt\n' * 40)" > "$D/answers"
reported=0
failed=0
for i in $(seq "$N"); do
  "$L" quiz --plain --in-order < "$D/answers" > "$D/out" 2>&1 &
  pid=$!
  sleep "0.0$((RANDOM % 10))$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  verdicts=$(grep -cE '(✓ Right|≈ Almost|✗ Not quite|✓ Known|✗ Not yet)' "$D/out")
  reported=$((reported + verdicts))
  saved=$("$L" export --format results 2>"$D/err" | python3 -c 'import json, sys; print(sum(q["reviews"] for q in json.load(sys.stdin)["questions"]))' 2>/dev/null)
  if [ -z "$saved" ]; then
    echo "kill $i: the database could not be read: $(head -1 "$D/err")"; failed=$((failed + 1))
  elif [ "$saved" -lt "$reported" ]; then
    echo "kill $i: $saved answers saved, $reported reported"; failed=$((failed + 1))
  fi
done
echo "$N kills: $reported answers reported, ${saved:-?} saved, $failed failures"
ls -a "$D/data" | grep -v '^\.\.\?$' | tr '\n' ' '; echo
rm -rf "$D"
[ "$failed" -eq 0 ]
