#!/usr/bin/env bash
# Side-by-side timings for docs/benchmarks.md: lectern against fmt and fold on the same
# text, opening (first and warm) against fmt and less, per-key costs from
# `lectern replay --timings`, glossary size, memory, and scaling.
# Every figure is a median of RUNS runs, quoted as a ratio where a target is a ratio.
#
#   scripts/bench.sh            # RUNS=7 by default; RUNS=11 scripts/bench.sh for more
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-7}
WORK=${WORK:-$(mktemp -d)}
export LECTERN_DATA_DIR="$WORK/data" LECTERN_CONFIG_DIR="$WORK/config"
mkdir -p "$LECTERN_DATA_DIR" "$LECTERN_CONFIG_DIR"

cargo build --release --quiet
cargo build --release --quiet --example big-pack
BIN=target/release/lectern
GEN=target/release/examples/big-pack

# median_ms CMD...: the median wall time of RUNS runs, in milliseconds.
median_ms() {
  local times=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]/1000}'
}

# median_pair_ms A B: commands A and B (each one word: a command or a function) run in turn,
# RUNS times each (A, B, A, B, ...), so that the machine's drift from one minute to the next
# falls on both alike; prints the median of each, in milliseconds.
median_pair_ms() {
  local a=() b=() start end
  for _ in $(seq "$RUNS"); do
    start=$(date +%s%N); "$1" >/dev/null 2>&1; end=$(date +%s%N); a+=($(( (end - start) / 1000 )))
    start=$(date +%s%N); "$2" >/dev/null 2>&1; end=$(date +%s%N); b+=($(( (end - start) / 1000 )))
  done
  for times in "${a[*]}" "${b[*]}"; do
    printf '%s\n' $times | sort -n | awk '{v[NR]=$1} END {printf "%.2f ", v[int((NR+1)/2)]/1000}'
  done
  echo
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

# Packs: the bundled article, and generated ones of growing size.
"$GEN" --mb 0.05 --terms 200 --questions 200 "$WORK/p50k" >/dev/null
"$GEN" --mb 0.5 --terms 2000 --questions 2000 "$WORK/p500k" >/dev/null
"$GEN" --mb 5 --terms 2000 --questions 2000 "$WORK/p5m" >/dev/null
"$GEN" --mb 5 --terms 5000 --questions 2000 "$WORK/p5m-5000" >/dev/null
"$GEN" --mb 5 --terms 50 --questions 2000 "$WORK/p5m-50" >/dev/null
# The packs just written (about 25 MB) are flushed to disk before anything is timed, rather
# than while the first figures are taken.
sync
BIG="$WORK/p5m"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo "article: $(du -h "$BIG/article.md" | cut -f1), runs per figure: $RUNS (medians)"
echo

echo "## 1. Layout throughput (5 MB)"
export_big() { "$BIN" export --format text --width 80 "$BIG"; }
fmt_big() { fmt -w 80 "$BIG/article.md"; }
read -r t_export t_fmt < <(median_pair_ms export_big fmt_big)
t_fold=$(median_ms fold -s -w 80 "$BIG/article.md")
echo "lectern export: ${t_export} ms · fmt -w 80: ${t_fmt} ms · fold -s -w 80: ${t_fold} ms"
echo "export / fmt = $(ratio "$t_export" "$t_fmt") (target ≤ 1.0); export / fold = $(ratio "$t_export" "$t_fold")"
echo

echo "## 2. Opening (load, first frame, quit: \`replay --keys q\`, which opens a pack as the app does)"
# The first open after the cache is emptied, and warm ones (the pack checked and kept).
cold() { rm -rf "$LECTERN_DATA_DIR/cache"; "$@"; }
t_first_big=$(median_ms cold "$BIN" replay --size 120x40 --keys q "$BIG")
open_big() { "$BIN" replay --size 120x40 --keys q "$BIG"; }
open_small() { "$BIN" replay --size 120x40 --keys q; }
# Three times the runs of the other figures, as for the first screens in 2b: a warm open takes
# about 10 ms, and seven pairs left the ratio of their medians swinging by a third from run
# to run.
read -r t_open_big t_open_small < <(RUNS=$((RUNS * 3)) median_pair_ms open_big open_small)
echo "5 MB first (to the entry written): ${t_first_big} ms · 5 MB warm: ${t_open_big} ms · bundled warm: ${t_open_small} ms"
echo "first / fmt = $(ratio "$t_first_big" "$t_fmt") (the first screen, in 2b, is the target's measure); warm / fmt = $(ratio "$t_open_big" "$t_fmt") (target ≤ 0.25)"
echo "5 MB warm / bundled warm = $(ratio "$t_open_big" "$t_open_small") (target ≤ 2)"
t_export_warm=$(median_ms "$BIN" export --format text --width 80 "$BIG")
echo "export with the pack in the cache: ${t_export_warm} ms; / fmt = $(ratio "$t_export_warm" "$t_fmt") (target ≤ 1.0)"
echo

echo "## 2b. First screen in a pseudo-terminal (scripts/ab-first-frame.py, 120x40, warm, interleaved)"
# lectern's key bar, ending in "help", is the last thing it draws; less's prompt, the file's
# name, is its last.
first_frame() { python3 scripts/first-frame.py -n $((RUNS * 2 + 1)) -q q "$@" | cut -d' ' -f1; }
cp "$BIG/article.md" "$WORK/big-article.md"
cp texts/deepseek-ai-arms-race/article.md "$WORK/small-article.md"
# The four run in turn (lectern, less, lectern, less, ...), so that the machine's drift from
# minute to minute falls on lectern and less alike rather than on one of them.
mapfile -t firsts < <(python3 scripts/ab-first-frame.py $((RUNS * 3)) "$BIN $BIG" "less $WORK/big-article.md" \
  "$BIN" "less $WORK/small-article.md" | awk '{print $1}')
f_big=${firsts[0]} f_less_big=${firsts[1]} f_small=${firsts[2]} f_less_small=${firsts[3]}
echo "5 MB: lectern ${f_big} ms, less ${f_less_big} ms: $(ratio "$f_big" "$f_less_big") × (target ≤ 2)"
echo "bundled: lectern ${f_small} ms, less ${f_less_small} ms: $(ratio "$f_small" "$f_less_small") × (target ≤ 2)"
# A first open as a person sees it: the cache emptied before each run, the clock stopped
# when the first screen is drawn. The cache entry is written after that (section 2 times it
# whole, with `replay`, which waits for the entry before it ends).
f_first_big=$(first_frame -b "rm -rf '$LECTERN_DATA_DIR/cache'" help -- "$BIN" "$BIG")
echo "5 MB first open, first screen: ${f_first_big} ms; / fmt = $(ratio "$f_first_big" "$t_fmt") (target ≤ 0.8)"
"$BIN" replay --size 120x40 --keys q "$BIG" >/dev/null
echo

echo "## 3. Per-key cost (microseconds in update and draw: median / worst)"
KEYS='jjjjjjjjjj<PageDown><PageDown><PageDown><PageDown><PageDown>GgGgG}}}}}]]]]]tttttTTTTT<Resize:100x30><Resize:120x40><Resize:100x30><Resize:120x40><Resize:100x30>/market<Enter>nnnnnNNNNN'
per_key() { # pack-args... -> per-key "key median max" lines
  local file="$WORK/timings.jsonl" all="$WORK/all.txt"
  : > "$all"
  for _ in $(seq "$RUNS"); do
    "$BIN" replay --size 120x40 --keys "$KEYS" --timings "$file" "$@" >/dev/null
    sed -E 's/.*"key":"([^"]*)","us":([0-9]+).*/\1 \2/' "$file" >> "$all"
  done
  # Name the keys (each resize alike, letters typed into the search as one), then the
  # median and the worst of each.
  awk '{k=$1; if (k ~ /^<Resize/) k="<Resize>"; else if (k=="/") s=1; else if (k=="<Enter>") s=0;
        else if (s && k ~ /^[a-z]$/) k="search-char"; print k, $2}' "$all" |
    sort -k1,1 -k2,2n |
    awk 'function out() { if (n) printf "%s %d %d\n", key, v[int((n+1)/2)], v[n] }
         $1 != key { out(); key=$1; n=0 } { v[++n]=$2 } END { out() }'
}
per_key > "$WORK/small.txt"
per_key "$BIG" > "$WORK/big.txt"
printf '%-14s %16s %16s %8s\n' key "bundled med/max" "5 MB med/max" "ratio"
join "$WORK/small.txt" "$WORK/big.txt" | while read -r k sm sx bm bx; do
  printf '%-14s %16s %16s %8s\n' "$k" "$sm/$sx" "$bm/$bx" "$(ratio "$bm" "$sm")"
done
echo

echo "## 4. Glossary size (5 MB, 5000 terms against 50)"
open_5000() { "$BIN" replay --size 120x40 --keys q "$WORK/p5m-5000"; }
open_50() { "$BIN" replay --size 120x40 --keys q "$WORK/p5m-50"; }
export_5000() { "$BIN" export --format text --width 80 "$WORK/p5m-5000"; }
export_50() { "$BIN" export --format text --width 80 "$WORK/p5m-50"; }
# An export never writes the cache: with a data directory of its own, it finds no entry.
uncached() { LECTERN_DATA_DIR="$WORK/uncached" "$@"; }
export_5000_uncached() { uncached export_5000; }
export_50_uncached() { uncached export_50; }
read -r o5000 o50 < <(median_pair_ms open_5000 open_50)
read -r e5000 e50 < <(median_pair_ms export_5000 export_50)
read -r u5000 u50 < <(median_pair_ms export_5000_uncached export_50_uncached)
echo "opening: ${o5000} / ${o50} ms = $(ratio "$o5000" "$o50") (target ≤ 1.3)"
echo "export:  ${e5000} / ${e50} ms = $(ratio "$e5000" "$e50") (target ≤ 1.3)"
echo "export, no cache:  ${u5000} / ${u50} ms = $(ratio "$u5000" "$u50") (target ≤ 1.3)"
echo

echo "## 5. Memory (peak resident, opening the 5 MB pack)"
rss=$(/usr/bin/time -f %M "$BIN" replay --size 120x40 --keys q "$BIG" 2>&1 >/dev/null | tail -1)
size_kb=$(du -k "$BIG/article.md" | cut -f1)
echo "peak: $((rss / 1024)) MB; limit 4 × $((size_kb / 1024)) MB + 30 MB = $(( (4 * size_kb + 30 * 1024) / 1024 )) MB"
echo

echo "## 6. Scaling (opening ms; median per-key j µs)"
for p in bundled "$WORK/p50k" "$WORK/p500k" "$BIG"; do
  args=(); [ "$p" != bundled ] && args=("$p")
  size=$( [ "$p" = bundled ] && echo "7K" || du -h "$p/article.md" | cut -f1 )
  open=$(median_ms "$BIN" replay --size 120x40 --keys q "${args[@]}")
  "$BIN" replay --size 120x40 --keys 'jjjjjjjjjjjjjjjjjjjj' --timings "$WORK/j.jsonl" "${args[@]}" >/dev/null
  j=$(sed -E 's/.*"us":([0-9]+).*/\1/' "$WORK/j.jsonl" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%-8s open %8s ms   j %6s µs\n' "$size" "$open" "$j"
done
