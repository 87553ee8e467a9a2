#!/usr/bin/env bash
# Times the command line against ICU word segmentation alone, as whole
# processes on the same JSONL file, and `--jobs 2` against `--jobs 1`; times
# the command line's start-up (a one-line input: process start, extractor
# construction); then probes the peak memory of the command line on one
# large single-line document. See docs/BENCHMARKS.md.
#
# usage: Benchmarks/cli_vs_icu.sh [options]
#   -n PAIRS          runs of each command, alternating A B A B ... (default 5)
#   -m MB             size of the generated corpus in 10^6 bytes (default 12)
#   --corpus FILE     time on this JSONL instead of generating one
#   --news FILE       news JSONL whose texts make_corpus.py adds to the seeds
#                     (default: its own, ../shared/eval/news.gold.jsonl)
#   --memory-mb MB    size of the memory probe's single-line document
#                     (default 50; 0 skips the probe)
#   --no-build        use the release binaries already built
#   --dynamic         build both with the Swift runtime and Foundation linked
#                     dynamically (default on Linux: `--static-swift-stdlib`
#                     for both, as the README's fast build; see docs/BENCHMARKS.md)
#   --work DIR        corpora and outputs (default ${TMPDIR:-/tmp}/medextract-bench)
#
# Commands timed (A, then B, N times):
#   ratio ICU/CLI:  A = icu-segment FILE
#                   B = medextract extract --format jsonl --jobs 1 FILE
#   ratio jobs:     A = medextract extract --format jsonl --jobs 1 FILE
#                   B = medextract extract --format jsonl --jobs 2 FILE
# Each pair's ratio is A's wall clock over B's (above 1: B is faster), and
# the median of the pairs is printed. Then the ceiling of any two-job run on
# this machine: one --jobs 1 run alone against two started together. Goals: CLI >= 1.5x ICU alone,
# jobs 2 >= 1.8x jobs 1, single-line peak RSS <= 250 MB for 50 MB.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$BENCH")"
PAIRS=5
MB=12
CORPUS=""
NEWS=""
MEMORY_MB=50
BUILD=1
STATIC=1
WORK="${TMPDIR:-/tmp}/medextract-bench"

while [ $# -gt 0 ]; do
    case "$1" in
        -n) PAIRS="$2"; shift 2 ;;
        -m) MB="$2"; shift 2 ;;
        --corpus) CORPUS="$2"; shift 2 ;;
        --news) NEWS="$2"; shift 2 ;;
        --memory-mb) MEMORY_MB="$2"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --dynamic) STATIC=0; shift ;;
        --work) WORK="$2"; shift 2 ;;
        -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "cli_vs_icu.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
[ -x /usr/bin/time ] || { echo "cli_vs_icu.sh: needs GNU time at /usr/bin/time" >&2; exit 2; }
mkdir -p "$WORK"

# Both binaries are built the same way: the Swift runtime and Foundation
# linked statically on Linux (unless --dynamic), ICU the system's for both.
link=()
[ "$STATIC" = 1 ] && [ "$(uname -s)" = Linux ] && link=(--static-swift-stdlib)
CLI="$(cd "$REPO" && swift build -c release --show-bin-path)/medextract"
ICU="$(cd "$BENCH" && swift build -c release --show-bin-path)/icu-segment"
# linked BINARY: "static" or "dynamic" (whether it loads libswiftCore).
linked() { if ldd "$1" 2>/dev/null | grep -q libswiftCore; then echo dynamic; else echo static; fi; }
want=dynamic
[ ${#link[@]} -gt 0 ] && want=static
if [ "$BUILD" = 1 ]; then
    echo "== building (release${link[*]:+, ${link[*]}})"
    for package in "$REPO:medextract:$CLI" "$BENCH:icu-segment:$ICU"; do
        IFS=: read -r dir product binary <<< "$package"
        (cd "$dir" && swift build -c release --product "$product" "${link[@]}")
        # SwiftPM keeps its cached build plan when only the linking flag
        # changes, so a binary last built the other way is relinked that
        # way: drop the plan and build again (docs/BENCHMARKS.md).
        if [ "$(linked "$binary")" != "$want" ]; then
            echo "   $product was linked $(linked "$binary"), not $want: rebuilding without SwiftPM's cached build plan"
            rm -f "$dir/.build/release.yaml" "$(dirname "$binary")/description.json" "$binary"
            (cd "$dir" && swift build -c release --product "$product" "${link[@]}")
        fi
    done
fi
for binary in "$CLI" "$ICU"; do
    [ -x "$binary" ] || { echo "cli_vs_icu.sh: $binary is not built (run without --no-build)" >&2; exit 2; }
done

news_option=()
[ -n "$NEWS" ] && news_option=(--news "$NEWS")
if [ -z "$CORPUS" ]; then
    CORPUS="$WORK/corpus-${MB}MB.jsonl"
    python3 "$BENCH/make_corpus.py" "$CORPUS" "$MB" "${news_option[@]}"
fi
BYTES=$(wc -c < "$CORPUS")
LINES=$(grep -c . "$CORPUS" || true)

echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$REPO" rev-parse --short HEAD)$(git -C "$REPO" diff --quiet HEAD -- Sources Package.swift || echo ' (Sources modified)')"
echo "   corpus $CORPUS: $BYTES bytes, $LINES lines; $(nproc) cores"
for binary in "$CLI" "$ICU"; do
    echo "   $(basename "$binary"): Swift runtime linked $(linked "$binary")"
done
echo "   load:$(uptime | sed 's/.*load average//')"

# timed LABEL OUT COMMAND...: runs COMMAND with standard output to OUT,
# prints its wall clock, CPU time (user + sys), CPU share, peak RSS and
# throughput over the corpus, and leaves the wall clock in seconds in $WALL
# and the CPU time in $CPU. A CPU share well under 100 % per job means other
# processes had the cores.
timed() {
    local label="$1" out="$2" stats="$WORK/time.txt" start end user sys rss share
    shift 2
    start=$EPOCHREALTIME
    /usr/bin/time -f "%U %S %M %P" -o "$stats" "$@" > "$out"
    end=$EPOCHREALTIME
    WALL=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
    read -r user sys rss share < "$stats"
    CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    printf '   %-8s wall %7.3f s  cpu %6.2f s (%5s)  peak RSS %6.1f MB  %6.1f MB/s\n' \
        "$label" "$WALL" "$CPU" "$share" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" \
        "$(awk -v b="$BYTES" -v w="$WALL" 'BEGIN { print b / 1e6 / w }')"
}

# median: the median of the numbers on standard input.
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# compare NAME_A NAME_B "COMMAND_A" "COMMAND_B": N alternating pairs, each
# pair's ratio wall(A) / wall(B) (and of CPU time, for the single-job
# comparison), then the medians and the fastest run of each.
compare() {
    local name_a="$1" name_b="$2" command_a="$3" command_b="$4" i a b cpu_a
    local ratios="" cpu_ratios="" walls_a="" walls_b=""
    for i in $(seq 1 "$PAIRS"); do
        # shellcheck disable=SC2086
        timed "$name_a" "$WORK/out-a.txt" $command_a; a=$WALL; cpu_a=$CPU
        # shellcheck disable=SC2086
        timed "$name_b" "$WORK/out-b.txt" $command_b; b=$WALL
        ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')
        cpu_ratio=$(awk -v a="$cpu_a" -v b="$CPU" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')
        echo "   pair $i: $name_a/$name_b = $ratio wall, $cpu_ratio CPU time"
        ratios+="$ratio"$'\n'; cpu_ratios+="$cpu_ratio"$'\n'; walls_a+="$a"$'\n'; walls_b+="$b"$'\n'
    done
    echo "   median $name_a/$name_b = $(printf '%s' "$ratios" | median) wall, $(printf '%s' "$cpu_ratios" | median) CPU time" \
        "(median wall $name_a $(printf '%s' "$walls_a" | median) s, $name_b $(printf '%s' "$walls_b" | median) s;" \
        "fastest $name_a $(printf '%s' "$walls_a" | sort -g | head -1) s, $name_b $(printf '%s' "$walls_b" | sort -g | head -1) s)"
}

echo "== warm-up and check (not timed)"
"$ICU" "$CORPUS"
"$CLI" extract --format jsonl --jobs 1 "$CORPUS" > "$WORK/cli-jobs1.jsonl"
"$CLI" extract --format jsonl --jobs 2 "$CORPUS" > "$WORK/cli-jobs2.jsonl"
echo "   CLI wrote $(wc -l < "$WORK/cli-jobs1.jsonl") lines for $LINES documents"
cmp -s "$WORK/cli-jobs1.jsonl" "$WORK/cli-jobs2.jsonl" && echo "   --jobs 1 and --jobs 2 outputs are identical" \
    || echo "   WARNING: --jobs 1 and --jobs 2 outputs differ"
timed "parse" "$WORK/out-a.txt" "$ICU" --parse-only "$CORPUS"
echo "   (parse = icu-segment --parse-only: reading and JSON parsing alone)"

# A one-document input: the process's start-up and extractor construction
# are nearly all of its run.
TINY="$WORK/tiny.jsonl"
printf '{"id": "tiny", "text": "%s"}\n' "The quick brown fox." > "$TINY"
echo "== start-up: medextract extract --format jsonl --jobs 1 on a one-line document ($PAIRS runs; construction goal: <= 100 ms)"
startups=""
for i in $(seq 1 "$PAIRS"); do
    BYTES=$(wc -c < "$TINY") timed "startup" "$WORK/out-a.txt" "$CLI" extract --format jsonl --jobs 1 "$TINY"
    startups+="$WALL"$'\n'
done
echo "   median start-up $(printf '%s' "$startups" | median) s, fastest $(printf '%s' "$startups" | sort -g | head -1) s"

echo "== ICU word segmentation alone vs medextract extract --jobs 1 ($PAIRS pairs; goal: ratio >= 1.5)"
compare icu cli "$ICU $CORPUS" "$CLI extract --format jsonl --jobs 1 $CORPUS"

echo "== medextract extract --jobs 1 vs --jobs 2 ($PAIRS pairs; goal: ratio >= 1.8)"
compare jobs1 jobs2 "$CLI extract --format jsonl --jobs 1 $CORPUS" "$CLI extract --format jsonl --jobs 2 $CORPUS"

# What two cores give two independent processes: each round times one
# `--jobs 1` run alone and two started together; 2 x alone / together is the
# most any two-job run could gain here (1 when the two share one core's worth
# of throughput, 2 when the cores are truly independent; docs/BENCHMARKS.md
# has this machine's): `--jobs 2` can be held against that ceiling too.
echo "== ceiling: two medextract extract --jobs 1 processes at once against one alone ($PAIRS rounds)"
ceilings=""
for i in $(seq 1 "$PAIRS"); do
    timed "alone" "$WORK/out-a.txt" "$CLI" extract --format jsonl --jobs 1 "$CORPUS"; alone=$WALL
    start=$EPOCHREALTIME
    "$CLI" extract --format jsonl --jobs 1 "$CORPUS" > "$WORK/out-a.txt" &
    "$CLI" extract --format jsonl --jobs 1 "$CORPUS" > "$WORK/out-b.txt"
    wait
    together=$(awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { printf "%.3f", e - s }')
    ceiling=$(awk -v a="$alone" -v t="$together" 'BEGIN { printf "%.3f", 2 * a / t }')
    echo "   round $i: two together $together s: 2 x alone / together = $ceiling"
    ceilings+="$ceiling"$'\n'
done
echo "   median 2 x alone / together = $(printf '%s' "$ceilings" | median)"

if command -v hyperfine > /dev/null; then
    echo "== hyperfine (same commands)"
    hyperfine -N --warmup 1 --runs "$PAIRS" \
        -n icu "$ICU $CORPUS" \
        -n cli-jobs1 "$CLI extract --format jsonl --jobs 1 $CORPUS" \
        -n cli-jobs2 "$CLI extract --format jsonl --jobs 2 $CORPUS"
fi

if [ "$MEMORY_MB" != 0 ]; then
    SINGLE="$WORK/single-${MEMORY_MB}MB.jsonl"
    echo "== memory probe: one ${MEMORY_MB} MB document on one JSONL line (goal: peak RSS <= 250 MB for 50 MB)"
    python3 "$BENCH/make_corpus.py" "$SINGLE" "$MEMORY_MB" --single-line "${news_option[@]}"
    /usr/bin/time -v "$CLI" extract --format jsonl --jobs 1 "$SINGLE" > "$WORK/single.out" 2> "$WORK/single.time" || {
        echo "   medextract failed:"; cat "$WORK/single.time"; exit 1; }
    echo "   /usr/bin/time -v $CLI extract --format jsonl --jobs 1 $SINGLE"
    grep -E 'Elapsed|Maximum resident' "$WORK/single.time" | sed 's/^\s*/   /'
    /usr/bin/time -v "$ICU" "$SINGLE" > /dev/null 2> "$WORK/single-icu.time"
    echo "   for comparison, icu-segment on the same file:"
    grep -E 'Elapsed|Maximum resident' "$WORK/single-icu.time" | sed 's/^\s*/   /'
fi
echo "   load at the end:$(uptime | sed 's/.*load average//')"
