#!/bin/bash
# Fuzzes lectern's readers of untrusted input with cargo-fuzz (libFuzzer): each pack file's
# loader, the Markdown-to-blocks step, the key notation, the theme and config files and the old
# progress files. Not run by CI.
#
#   cargo install cargo-fuzz
#   scripts/fuzz.sh [RUNS] [SECONDS] [TARGET...]     (defaults: 1000000 runs, at most 3600 s each, every target)
#
# The corpus of each target starts from the bundled packs and the naughty strings of
# tests/fixtures/blns.json; crashes are written to fuzz/artifacts/TARGET/. cargo-fuzz wants a
# nightly compiler; RUSTC_BOOTSTRAP=1 lets the stable one build it.
set -eu
cd "$(dirname "$0")/.."
RUNS=${1:-1000000}
SECONDS_EACH=${2:-3600}
shift $(( $# > 2 ? 2 : $# ))
TARGETS=${*:-pack_toml article_md glossary_toml quiz_toml markdown keys theme config progress}
export RUSTC_BOOTSTRAP=1
seed() {
  local target=$1 dir=fuzz/corpus/$1
  mkdir -p "$dir"
  case $target in
    pack_toml) for p in texts/*/; do cp "$p/pack.toml" "$dir/$(basename "$p").toml"; done ;;
    article_md|markdown) for p in texts/*/; do cp "$p/article.md" "$dir/$(basename "$p").md"; done ;;
    glossary_toml) for p in texts/*/; do cp "$p/glossary.toml" "$dir/$(basename "$p").toml"; done ;;
    quiz_toml) for p in texts/*/; do cp "$p/quiz.toml" "$dir/$(basename "$p").toml"; done ;;
    theme) cp themes/*.toml "$dir/" 2>/dev/null || true ;;
  esac
  python3 - "$dir" <<'PY'
import json, sys, hashlib, os
for s in json.load(open("tests/fixtures/blns.json")):
    b = s.encode()
    open(os.path.join(sys.argv[1], "blns-" + hashlib.sha1(b).hexdigest()[:12]), "wb").write(b)
PY
}
cd fuzz
for target in $TARGETS; do
  (cd .. && seed "$target")
  echo "== $target"
  cargo fuzz run -s none "$target" "corpus/$target" -- \
    -runs="$RUNS" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 2>&1 \
    | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==|Done|#[0-9]+ *DONE|SUMMARY|.*(crash|panicked|timeout|out-of-memory))' || true
done
