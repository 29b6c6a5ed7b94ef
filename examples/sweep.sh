#!/usr/bin/env bash
# Parameter sweep: run a scenario once per amount of one measure and print
# one CSV line per amount (the measure's row of `simulate --by measure`).
#
#   examples/sweep.sh [SCENARIO] [MEASURE]
#   AMOUNTS="150 183 200" examples/sweep.sh data/scenarios/conference-2022.toml segur-socio-educatif
#
# REVALO names the command to run (default: `cargo run --quiet --release --`,
# from the repository root); set REVALO=revalo for an installed binary.
set -euo pipefail

scenario=${1:-data/scenarios/conference-2022.toml}
measure=${2:-segur-socio-educatif}
amounts=${AMOUNTS:-"150 183 200 238"}
read -r -a revalo <<< "${REVALO:-cargo run --quiet --release --}"

header_done=
for amount in $amounts; do
    csv=$("${revalo[@]}" simulate "$scenario" --by measure --format csv \
        --set "measure.$measure.amount=$amount")
    if [ -z "$header_done" ]; then
        echo "amount,$(head -n 1 <<< "$csv")"
        header_done=1
    fi
    line=$(awk -F, -v m="$measure" 'NR > 1 && $1 == m' <<< "$csv")
    echo "$amount,$line"
done
