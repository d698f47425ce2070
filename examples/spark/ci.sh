#!/usr/bin/env bash
# Runs the Spark job's test in local mode: pyspark from PyPI into the venv
# that python/ci.sh made (with the korex wheel installed in it), then pytest.
# Spark binds to the loopback interface only (see test_korex_spark.py).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/py-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import korex" 2>/dev/null; then
    echo "examples/spark/ci.sh: run python/ci.sh first (it builds the wheel into $venv)" >&2
    exit 1
fi
java -version 2>&1 | head -1
"$venv/bin/pip" install --quiet --disable-pip-version-check pyspark
export SPARK_LOCAL_IP=127.0.0.1
exec bash python/run_pytest.sh examples/spark/ci.sh examples/spark
