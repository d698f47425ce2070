#!/usr/bin/env bash
# Builds the korex wheel with maturin and runs the pytest suite against it,
# installed into a fresh virtual environment (maturin, pytest and jsonschema
# from PyPI). Needs the release CLI for the comparisons: `cargo build
# --release` (or KOREX_BIN). The venv is left in target/py-venv for
# examples/spark/ci.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
venv=target/py-venv
rm -rf "$venv" target/wheels/korex-*.whl
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check maturin pytest jsonschema
"$venv/bin/maturin" build --release --manifest-path python/Cargo.toml --interpreter "$venv/bin/python"
wheel=$(ls target/wheels/korex-*.whl)
"$venv/bin/pip" install --quiet --disable-pip-version-check "$wheel"
# Tests run from outside the source tree, against the installed wheel.
exec bash python/run_pytest.sh python/ci.sh python/tests
