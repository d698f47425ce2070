#!/usr/bin/env bash
# What each stage costs against lindera, in instructions: runs
# examples/stage_instructions.rs under callgrind (bare lindera, lindera
# reading POS, then the whole korex pipeline with JSON on the same KLUE
# articles) and prints each stage's instructions and its ratio to lindera.
# Instruction counts are the same on every run of one build whatever the
# machine's load, so these ratios can be compared across commits; wall-clock
# figures come from benches/pipeline.rs and benches/speed.sh.
#
# Usage: benches/instructions.sh [ARTICLES]   (default 100 articles, ~330 KB;
# about a minute under valgrind). Needs valgrind (callgrind_annotate).
set -euo pipefail
cd "$(dirname "$0")/.."
articles=${1:-100}
cargo build --release --quiet --example stage_instructions
bin="${CARGO_TARGET_DIR:-target}/release/examples/stage_instructions"
out=$(mktemp)
trap 'rm -f "$out" "$out.txt"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out" \
    --toggle-collect='stage_instructions::measure_*' \
    "$bin" "$articles" > /dev/null 2> "$out.log" || { cat "$out.log"; exit 1; }
rm -f "$out.log"
callgrind_annotate --inclusive=yes "$out" > "$out.txt" 2> /dev/null

# cost SYMBOL: the inclusive instructions of the first line naming SYMBOL.
cost() {
    awk -v sym="$1" 'index($0, sym) && $1 ~ /^[0-9,]+$/ { gsub(",", "", $1); print $1; exit }' "$out.txt"
}
lindera=$(cost 'stage_instructions::measure_lindera [')
lindera_pos=$(cost 'stage_instructions::measure_lindera_pos [')
korex=$(cost 'stage_instructions::measure_korex [')
text=$(cost 'korex::Worker::text_layer')
tokenize=$(cost 'korex::Worker::tokenize')
amounts=$(cost 'korex::amounts::AmountStage::apply')
entities=$(cost 'korex::entities::EntityStage::apply')
commitments=$(cost 'korex::commitments::CommitmentStage::apply')
for v in lindera lindera_pos korex text tokenize amounts entities commitments; do
    [[ -n "${!v}" ]] || { echo "instructions.sh: no count for $v (was the function inlined?)" >&2; exit 1; }
done
record=$(( korex - text - tokenize - amounts - entities - commitments ))
tokens=$(( text + tokenize ))

echo "KLUE, $articles articles of 20 sentences, one thread; instructions (millions)"
echo
echo "| measure | Minstr | / lindera | / korex tokens |"
echo "|---|---|---|---|"
row() { awk -v n="$1" -v v="$2" -v l="$lindera" -v t="$tokens" \
    'BEGIN { printf "| %s | %.1f | %.2f | %.2f |\n", n, v / 1e6, v / l, v / t }'; }
row "lindera (bare)" "$lindera"
row "lindera reading POS" "$lindera_pos"
row "korex text layer" "$text"
row "korex tokenize" "$tokenize"
row "korex tokens (text + tokenize)" "$tokens"
row "amounts stage" "$amounts"
row "entities stage" "$entities"
row "commitments stage" "$commitments"
row "record and JSON" "$record"
row "korex, everything" "$korex"
awk -v l="$lindera" -v k="$korex" 'BEGIN { printf "\nfull extraction / lindera tokenize-only, as throughput: %.2fx\n", l / k }'
