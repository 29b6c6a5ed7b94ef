#!/bin/sh
# Re-creates the frozen reference fixtures tests/fixtures/random-a and
# random-b from the repository's own scripts:
#
#   - the inputs (workforce.csv, grids/, parameters/, and random-a's
#     scenario.toml) with benches/peers/make_workload.py and the seed each
#     README names; random-b's scenario.toml is written by hand and kept;
#   - every expected_<keys>.csv with the pandas peer for `--by <keys>`,
#     checked against the DuckDB peer, which must print the same bytes.
#
# Usage, from anywhere:
#
#   PEER_PYTHON=VENV/bin/python tools/regenerate-reference-fixtures.sh
#
# PEER_PYTHON: a Python with benches/peers/requirements.txt installed
# (default: python3). Afterwards `git status tests/fixtures` shows what
# changed; on an unchanged checkout it shows nothing.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${PEER_PYTHON:-python3}
PEERS=$ROOT/benches/peers
FIXTURES=$ROOT/tests/fixtures
GROUPINGS="departement,year departement,measure,year measure region,measure
filiere,funder funder,year,region job,filiere,measure year,convention,job"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

inputs() { # fixture, rows, seed: the workload maker's files into the fixture
    "$PY" "$PEERS/make_workload.py" "$TMP/$1" --rows "$2" --seed "$3"
    cp "$TMP/$1/workforce.csv" "$FIXTURES/$1/"
    cp -r "$TMP/$1/grids" "$TMP/$1/parameters" "$FIXTURES/$1/"
}

expected() { # fixture: every grouping by the pandas peer, cross-checked by the DuckDB peer
    for by in $GROUPINGS; do
        name=expected_$(echo "$by" | tr , _).csv
        "$PY" "$PEERS/pandas_flat.py" "$FIXTURES/$1/scenario.toml" --by "$by" > "$TMP/$name"
        "$PY" "$PEERS/duckdb_flat.py" "$FIXTURES/$1/scenario.toml" --by "$by" > "$TMP/duckdb.csv"
        if ! cmp -s "$TMP/$name" "$TMP/duckdb.csv"; then
            echo "$1 --by $by: the pandas and DuckDB peers disagree" >&2
            exit 1
        fi
        mv "$TMP/$name" "$FIXTURES/$1/$name"
        echo "$1/$name"
    done
}

inputs random-a 1200 7
cp "$TMP/random-a/scenario.toml" "$FIXTURES/random-a/"
inputs random-b 1500 11
expected random-a
expected random-b
