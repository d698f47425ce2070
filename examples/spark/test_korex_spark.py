"""The Spark job in local mode over corpus/ko, corpus/en and a JSON Lines
file gives the records of `korex extract` (compared per id as parsed JSON;
`source` is the file's URI in Spark, the path as given in the CLI).

Run by examples/spark/ci.sh; needs the korex wheel and pyspark installed, and
the release CLI (`cargo build --release`, or $KOREX_BIN)."""

import json
import os
import pathlib
import subprocess
import sys

import jsonschema
import pytest

import korex

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
KOREX = pathlib.Path(os.environ.get("KOREX_BIN", REPO / "target" / "release" / "korex"))

LINES = [
    {"id": "j1", "title": "MOU", "text": "과학기술정보통신부는 오픈AI와 양해각서를 체결했다."},
    {"text": "Samsung will invest $5 billion in Texas by 2030."},
    "{not json",
    "",
    {"id": 7, "text": "정부는 150조 원 규모의 국민성장펀드를 조성할 계획이다."},
]


def cli(*paths):
    if not KOREX.exists():
        pytest.fail(f"{KOREX} is missing: run `cargo build --release` first")
    run = subprocess.run(
        [str(KOREX), "extract", "-q", *map(str, paths)], capture_output=True, text=True, cwd=REPO
    )
    return [json.loads(line) for line in run.stdout.splitlines()]


@pytest.fixture(scope="module")
def spark_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("spark")
    jsonl = tmp / "in" / "lines.jsonl"
    jsonl.parent.mkdir()
    jsonl.write_text(
        "".join((l if isinstance(l, str) else json.dumps(l, ensure_ascii=False)) + "\n" for l in LINES)
    )
    out = tmp / "out"
    env = dict(os.environ)
    # Local mode on the loopback interface only; no web UI.
    env.update(
        SPARK_LOCAL_IP="127.0.0.1",
        PYSPARK_PYTHON=sys.executable,
        PYSPARK_DRIVER_PYTHON=sys.executable,
        PYSPARK_SUBMIT_ARGS="--master local[2] --conf spark.ui.enabled=false "
        "--conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 pyspark-shell",
    )
    job = subprocess.run(
        [sys.executable, str(HERE / "korex_spark.py"), "--output", str(out), "--partitions", "3",
         "corpus/ko", "corpus/en", str(jsonl.parent)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=600,
    )
    assert job.returncode == 0, job.stderr[-3000:]
    parts = sorted(out.glob("part-*"))
    assert len(parts) >= 1
    records = [json.loads(line) for part in parts for line in part.read_text().splitlines()]
    return job, records, jsonl


def test_corpus_records_equal_the_cli(spark_run):
    job, records, _ = spark_run
    corpus = [r for r in records if "/corpus/" in r["source"]]
    want = cli("corpus/ko", "corpus/en")
    assert len(want) == 36
    assert f"korex_spark: {36 + 4} records written" in job.stdout
    assert sorted(r["id"] for r in corpus) == sorted(r["id"] for r in want)
    by_id = {r["id"]: r for r in corpus}
    for w in want:
        g = by_id[w["id"]]
        assert g["source"] == "file:" + str(REPO / w["source"])
        assert {**g, "source": None} == {**w, "source": None}, w["id"]
    # In input order: by file, then line.
    assert [r["source"] for r in records] == sorted(r["source"] for r in records)


def test_json_lines_as_the_cli_reads_them(spark_run):
    _, records, jsonl = spark_run
    got = [r for r in records if r["source"].endswith("lines.jsonl")]
    want = cli(jsonl)
    assert [r["id"] for r in got] == ["j1", "lines:2", "lines:3", "7"]
    assert [r["id"] for r in want] == ["j1", "lines:2", "lines:3", "7"]
    for g, w in zip(got, want):
        if "error" in w:
            assert g["error"]["kind"] == w["error"]["kind"] == "malformed_record"
            assert g["error"]["message"].startswith("line 3: ")
            assert w["error"]["message"].startswith("line 3: ")
        else:
            assert {**g, "source": None} == {**w, "source": None}, w["id"]
    assert got[0]["title"] == "MOU"
    assert got[0]["commitments"][0]["predicate"] == "체결하다"
    assert got[3]["amounts"][0]["value"] == 150_000_000_000_000
    assert got[3]["amounts"][0]["currency"] == "KRW"


def test_every_record_matches_the_schema(spark_run):
    _, records, _ = spark_run
    validator = jsonschema.Draft202012Validator(korex.schema())
    assert len(records) == 40
    for record in records:
        assert list(validator.iter_errors(record)) == [], record["id"]
