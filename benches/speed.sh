#!/usr/bin/env bash
# korex's speed goals, measured side by side in one run on this machine:
#
#   load      `korex extract` on one empty file: process start, ko-dic, user
#             dictionary, gazetteers and lexicons (best of 5)
#   batch     `korex extract DIR > /dev/null` on generated folders of 1,000 and
#             100,000 articles (KLUE news sentences, 20 an article, 1,000
#             files a subfolder) with -j 1 and -j 2, runs interleaved (three
#             rounds for the small folder, one for the big one): best wall
#             time, MB/s, peak RSS (/usr/bin/time -v)
#   control   bare lindera and the in-process pipeline (extract_many) on 1
#             and 2 threads (examples/scaling.rs): how far this machine lets
#             the tokenizer itself, and korex without files, scale right now
#   lindera   the criterion benches `klue/lindera` (lindera tokenize-only),
#             `klue/lindera_pos` (the same, reading each token's POS) and
#             `klue/full_json` (the whole pipeline with JSON), run one after
#             the other (benches/pipeline.rs)
#
# Usage: benches/speed.sh [--quick]     --quick: 1,000 articles only, no criterion
# The generated folders go to $KOREX_SPEED_DIR (default: a new temporary folder,
# removed at the end). Needs /usr/bin/time (Debian package `time`) and awk.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
[[ "${1:-}" == "--quick" ]] && quick=true

cargo build --release --quiet --bin korex --example scaling
bin="${CARGO_TARGET_DIR:-target}/release/korex"
control="${CARGO_TARGET_DIR:-target}/release/examples/scaling"
[[ "$bin" = /* ]] || bin="$PWD/$bin"
sentences=../shared/data/klue-news-train-sentences.txt

work="${KOREX_SPEED_DIR:-}"
if [[ -z "$work" ]]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
else
    mkdir -p "$work"
fi

# make_articles N DIR: N articles of 20 KLUE sentences, paragraphs of 5.
make_articles() {
    local n=$1 dir=$2
    [[ -d "$dir" ]] && return
    mkdir -p "$dir"
    awk -v N="$n" -v out="$dir" '
        NF { s[c++] = $0 }
        END {
            for (i = 0; i < N; i++) {
                d = sprintf("%s/d%03d", out, int(i / 1000))
                if (i % 1000 == 0) system("mkdir -p " d)
                f = sprintf("%s/%06d.txt", d, i)
                for (k = 0; k < 20; k++)
                    printf "%s%s", s[(i * 20 + k) % c], (k % 5 == 4 ? "\n\n" : " ") > f
                close(f)
            }
        }' "$sentences"
}

# bytes DIR: total size of the articles.
bytes() { find "$1" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s }'; }

# time_batch DIR JOBS: "wall-seconds peak-RSS-MiB" of one run.
time_batch() {
    local dir=$1 jobs=$2 log
    log=$(mktemp)
    /usr/bin/time -v "$bin" extract -q -j "$jobs" "$dir" > /dev/null 2> "$log"
    awk -F': ' '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
        /Maximum resident set size/ { rss = $2 / 1024 }
        END { printf "%s %.0f\n", wall, rss }' "$log"
    rm -f "$log"
}

# run_batch DIR ROUNDS: the table lines of 1 and 2 threads, the runs
# interleaved (1, 2, 1, 2, ...) so that both see the same host load; the best
# wall time and the highest peak RSS of the rounds.
run_batch() {
    local dir=$1 rounds=$2 size
    size=$(bytes "$dir")
    local -A wall rss
    for (( r = 0; r < rounds; r++ )); do
        for jobs in 1 2; do
            read -r w m < <(time_batch "$dir" "$jobs")
            if [[ -z "${wall[$jobs]:-}" ]] || awk -v a="$w" -v b="${wall[$jobs]}" 'BEGIN { exit !(a < b) }'; then
                wall[$jobs]=$w
            fi
            (( m > ${rss[$jobs]:-0} )) && rss[$jobs]=$m
        done
    done
    for jobs in 1 2; do
        awk -v d="$(basename "$dir")" -v j="$jobs" -v b="$size" -v w="${wall[$jobs]}" -v r="${rss[$jobs]}" -v n="$rounds" \
            'BEGIN { printf "| %s | %d | %.1f | %.2f | %.2f | %s | %d |\n", d, j, b / 1e6, w, b / 1e6 / w, r, n }'
    done
    awk -v a="${wall[1]}" -v b="${wall[2]}" 'BEGIN { printf "2 threads / 1 thread: %.2fx\n", a / b }' >&2
}

echo "## load"
: > "$work/empty.txt"
best=""
for _ in 1 2 3 4 5; do
    start=$(date +%s%N)
    "$bin" extract -q "$work/empty.txt" > /dev/null
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    [[ -z "$best" || $ms -lt $best ]] && best=$ms
done
echo "korex extract on an empty file (best of 5): ${best} ms"

echo
echo "## batch"
echo "| folder | threads | MB | best wall s | MB/s | peak RSS MiB | runs |"
echo "|---|---|---|---|---|---|---|"
make_articles 1000 "$work/articles-1000"
run_batch "$work/articles-1000" 3 2>&1
if ! $quick; then
    make_articles 100000 "$work/articles-100000"
    run_batch "$work/articles-100000" 1 2>&1
fi

echo
echo "## control"
"$control" 3

if ! $quick; then
    echo
    echo "## lindera tokenize-only vs full extraction (criterion, KLUE articles)"
    cargo bench --quiet --bench pipeline -- 'klue/(lindera|full_json)' 2>/dev/null |
        awk '/^klue\// { name = $1; shown = 0 } /thrpt:/ && !shown { print name, $0; shown = 1 }'
fi
