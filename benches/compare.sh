#!/bin/sh
# Times revalo side by side with the DuckDB and pandas peers of
# benches/peers/ on one generated workload, alternating the programs, and
# checks that the three print the same bytes. Usage:
#
#   benches/compare.sh WORK [ROWS] [RUNS]
#
# WORK: a scratch folder (the workload goes to WORK/national-ROWS); ROWS
# defaults to 1000000, RUNS to 3. Needs a release build (cargo build
# --release), GNU time at /usr/bin/time, and a Python with the peers'
# packages in $PEER_PYTHON (default WORK/venv/bin/python, set up with
# `python3 -m venv WORK/venv && WORK/venv/bin/pip install -r
# benches/peers/requirements.txt`; see benches/peers/README.md). Prints one
# line per run, then medians.
set -eu
WORK=$1
ROWS=${2:-1000000}
RUNS=${3:-3}
HERE=$(cd "$(dirname "$0")/.." && pwd)
REVALO=${REVALO:-$HERE/target/release/revalo}
PEERS=$HERE/benches/peers
PY=${PEER_PYTHON:-$WORK/venv/bin/python}
if ! "$PY" -c 'import duckdb, pandas' 2> /dev/null; then
    echo "no Python with the peers' packages at $PY: python3 -m venv $WORK/venv &&" \
        "$WORK/venv/bin/pip install -r $PEERS/requirements.txt (or set PEER_PYTHON)" >&2
    exit 2
fi
DATA=${DATA:-$WORK/national-$ROWS}
[ -f "$DATA/workforce.csv" ] || "$REVALO" generate --employees "$ROWS" --out "$DATA"
LOG=$WORK/compare-$ROWS.tsv
: > "$LOG"
run() { # name, output file, command...
    name=$1; out=$2; shift 2
    /usr/bin/time -f "%e\t%M\t%U\t%S" -o "$WORK/time.txt" "$@" > "$out"
    printf '%s\t%s\n' "$name" "$(cat "$WORK/time.txt")" | tee -a "$LOG"
}
uptime
printf 'program\twall_s\tmax_rss_kb\tuser_s\tsys_s\n'
for i in $(seq "$RUNS"); do
    run revalo "$WORK/revalo.csv" "$REVALO" simulate "$DATA/scenario.toml" --by departement,year --format csv --quiet
    run revalo-parse-only "$WORK/parse.txt" "$REVALO" simulate "$DATA/scenario.toml" --parse-only --quiet
    run duckdb "$WORK/duckdb.csv" "$PY" "$PEERS/duckdb_flat.py" "$DATA/scenario.toml" --by departement,year
    run pandas "$WORK/pandas.csv" "$PY" "$PEERS/pandas_flat.py" "$DATA/scenario.toml" --by departement,year
done
uptime
cmp "$WORK/revalo.csv" "$WORK/duckdb.csv" && cmp "$WORK/revalo.csv" "$WORK/pandas.csv" \
    && echo "revalo, duckdb and pandas print the same $(wc -l < "$WORK/revalo.csv") lines"
echo "medians (wall s, peak RSS MB, CPU s):"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for p in revalo revalo-parse-only duckdb pandas; do
    wall=$(awk -F'\t' -v p="$p" '$1 == p { print $2 }' "$LOG" | median)
    rss=$(awk -F'\t' -v p="$p" '$1 == p { print $3 / 1024 }' "$LOG" | median)
    cpu=$(awk -F'\t' -v p="$p" '$1 == p { print $4 + $5 }' "$LOG" | median)
    all=$(awk -F'\t' -v p="$p" '$1 == p { printf "%s ", $2 }' "$LOG")
    printf '%-18s %8s s %8s MB %8s s   (runs: %s)\n' "$p" "$wall" "$rss" "$cpu" "$all"
done
