#!/usr/bin/env bash
# Two builds of lectern side by side on one pack: the first open (cache emptied before each),
# the warm open and the text export with the pack in the cache, runs interleaved so that both
# builds see the same machine. Prints the median of each, in milliseconds.
#
#   scripts/ab-open.sh OLD_BINARY NEW_BINARY PACK_DIR [RUNS]
#
# For the build before a change: `git worktree add /tmp/old HEAD~N` and
# `CARGO_TARGET_DIR=/tmp/old-target cargo build --release` there.
set -euo pipefail
OLD=$1 NEW=$2 PACK=$3 RUNS=${4:-7}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export LECTERN_CONFIG_DIR="$WORK/config"

ms() { # CMD... -> wall time in ms
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1
  end=$(date +%s%N)
  echo $(( (end - start) / 1000 ))
}

for _ in $(seq "$RUNS"); do
  for build in old new; do
    bin=$OLD; [ "$build" = new ] && bin=$NEW
    data="$WORK/$build"
    rm -rf "$data"
    echo "$build first $(LECTERN_DATA_DIR=$data ms "$bin" replay --size 120x40 --keys q "$PACK")"
    echo "$build warm $(LECTERN_DATA_DIR=$data ms "$bin" replay --size 120x40 --keys q "$PACK")"
    echo "$build export $(LECTERN_DATA_DIR=$data ms "$bin" export --format text --width 80 "$PACK")"
  done
done | sort -k1,1 -k2,2 -k3,3n | awk '
  function out() { if (n) printf "%-4s %-7s %8.1f ms\n", b, w, v[int((n + 1) / 2)] / 1000 }
  $1 != b || $2 != w { out(); b = $1; w = $2; n = 0 }
  { v[++n] = $3 }
  END { out() }'
