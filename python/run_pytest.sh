#!/usr/bin/env bash
# run_pytest.sh NAME DIR: runs pytest in DIR with the venv python/ci.sh made
# (target/py-venv), from outside the source tree so the installed wheel is
# what is tested. pytest's exit code 5 (no tests collected) is a failure here:
# a suite that silently collects nothing must not pass CI.
set -euo pipefail
name=$1
dir=$2
python="$(cd "$(dirname "$0")/.." && pwd)/target/py-venv/bin/python"
cd "$dir"
status=0
"$python" -m pytest -q -p no:cacheprovider . || status=$?
if [ "$status" -eq 5 ]; then
    echo "$name: pytest collected no tests" >&2
    exit 1
fi
exit "$status"
