#!/bin/sh
# Times the detailed payroll model against the flat one on the same
# generated workload (the aim: at most 2× at a million rows), alternating
# the two, and checks the detailed output byte for byte against the
# month-by-month reference engine (`simulate --reference`). Usage:
#
#   benches/detailed.sh WORK [ROWS] [RUNS]
#
# WORK: a scratch folder (the workloads go to WORK/flat-ROWS and
# WORK/detailed-ROWS, the same rows, the second with `payroll =
# "detailed"`, and data/parameters/payroll.csv if missing); ROWS defaults to 1000000,
# RUNS to 5. SOURCE=FOLDER times a workload already written (e.g. by
# benches/peers/make_workload.py) instead of `revalo generate`'s. Needs a
# release build (cargo build --release) and GNU time at /usr/bin/time.
# Prints one line per run, then medians and the ratios.
set -eu
WORK=$1
ROWS=${2:-1000000}
RUNS=${3:-5}
HERE=$(cd "$(dirname "$0")/.." && pwd)
REVALO=${REVALO:-$HERE/target/release/revalo}
FLAT=$WORK/flat-$ROWS
DETAILED=$WORK/detailed-$ROWS
mkdir -p "$WORK"
if [ -n "${SOURCE:-}" ] && [ ! -d "$FLAT" ]; then
    cp -r "$SOURCE" "$FLAT"
fi
[ -f "$FLAT/workforce.csv" ] || "$REVALO" generate --employees "$ROWS" --seed 2022 --out "$FLAT"
if [ ! -f "$DETAILED/scenario.toml" ]; then
    cp -r "$FLAT" "$DETAILED"
    # `revalo generate` writes the payroll schedule; a SOURCE workload may lack it.
    [ -f "$DETAILED/parameters/payroll.csv" ] || cp "$HERE/data/parameters/payroll.csv" "$DETAILED/parameters/"
    sed -i 's/^years = /payroll = "detailed"\nyears = /' "$DETAILED/scenario.toml"
fi
LOG=$WORK/detailed-$ROWS.tsv
: > "$LOG"
run() { # name, output file, command...
    name=$1; out=$2; shift 2
    /usr/bin/time -f "%e\t%M\t%U\t%S" -o "$WORK/time.txt" "$@" > "$out"
    printf '%s\t%s\n' "$name" "$(cat "$WORK/time.txt")" | tee -a "$LOG"
}
uptime
printf 'model\twall_s\tmax_rss_kb\tuser_s\tsys_s\n'
for i in $(seq "$RUNS"); do
    run flat "$WORK/flat.csv" "$REVALO" simulate "$FLAT/scenario.toml" --format csv --quiet
    run detailed "$WORK/detailed.csv" "$REVALO" simulate "$DETAILED/scenario.toml" --format csv --quiet
done
uptime
run reference "$WORK/reference.csv" "$REVALO" simulate "$DETAILED/scenario.toml" --format csv --quiet --reference
cmp "$WORK/detailed.csv" "$WORK/reference.csv" \
    && echo "the fast path and the reference print the same $(wc -l < "$WORK/detailed.csv") lines"
echo "medians (wall s, peak RSS MB, CPU s):"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for p in flat detailed; do
    wall=$(awk -F'\t' -v p="$p" '$1 == p { print $2 }' "$LOG" | median)
    rss=$(awk -F'\t' -v p="$p" '$1 == p { print $3 / 1024 }' "$LOG" | median)
    cpu=$(awk -F'\t' -v p="$p" '$1 == p { print $4 + $5 }' "$LOG" | median)
    all=$(awk -F'\t' -v p="$p" '$1 == p { printf "%s ", $2 }' "$LOG")
    printf '%-9s %6s s %6s MB %6s s   (runs: %s)\n' "$p" "$wall" "$rss" "$cpu" "$all"
    eval "wall_$p=$wall cpu_$p=$cpu"
done
awk -v fw="$wall_flat" -v dw="$wall_detailed" -v fc="$cpu_flat" -v dc="$cpu_detailed" \
    'BEGIN { printf "detailed / flat: %.2f× wall, %.2f× CPU\n", dw / fw, dc / fc }'
