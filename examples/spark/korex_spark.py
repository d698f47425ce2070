"""korex over a folder of articles with PySpark, writing JSON Lines.

    python examples/spark/korex_spark.py --output OUT corpus/ko corpus/en
    spark-submit examples/spark/korex_spark.py --output OUT hdfs:///news/2026-12

Inputs are folders (read recursively) or files: `.txt` files are one article
each (the id is the file stem, the first line the title when a blank line
follows it), `.jsonl` / `.ndjson` files hold one article a line,
`{"id"?, "title"?, "text"}` (a missing id is `<stem>:<line>`), exactly as
`korex extract` reads them. Articles become a DataFrame (source, line, id,
title, text); each partition builds one `korex.Pipeline` and extracts its
articles in batches with `mapPartitions`; the records, the same as the CLI's
with `source` the file's URI, are written as JSON Lines part files under
OUT, in input order (by source, then line).

A line of a JSON Lines file that is not a JSON article object becomes an
error record `{"id", "source", "error": {"kind": "malformed_record",
"message"}}` in its place, as in the CLI (the message is worded by Python's
json module): nothing is dropped.
"""

import argparse
import itertools
import json
import posixpath

from pyspark.sql import SparkSession, functions as F, types as T

#: Articles handed to korex at a time, per partition.
BATCH = 32

ARTICLE_SCHEMA = T.StructType(
    [
        T.StructField("source", T.StringType(), False),
        T.StructField("line", T.LongType(), False),
        T.StructField("id", T.StringType(), True),
        T.StructField("title", T.StringType(), True),
        T.StructField("text", T.StringType(), True),
        # The raw line, for JSON Lines input (korex parses it, as the CLI does).
        T.StructField("raw", T.StringType(), True),
    ]
)


def stem(uri):
    return posixpath.splitext(posixpath.basename(uri))[0]


def read_files(spark, paths, glob):
    """(source, content) of the files matching glob under paths, whole."""
    return (
        spark.read.option("recursiveFileLookup", "true")
        .option("pathGlobFilter", glob)
        .text(paths, wholetext=True)
        .select(F.col("_metadata.file_path").alias("source"), F.col("value").alias("content"))
    )


def jsonl_rows(source, content):
    for number, line in enumerate(content.split("\n"), start=1):
        if line.strip():
            yield (source, number, None, None, None, line)


def read_articles(spark, paths):
    """A DataFrame of articles (see ARTICLE_SCHEMA) from folders or files."""
    texts = read_files(spark, paths, "*.txt").select(
        "source",
        F.lit(0).cast("long").alias("line"),
        F.regexp_extract("source", r"([^/]*)\.txt$", 1).alias("id"),
        F.lit(None).cast("string").alias("title"),
        F.col("content").alias("text"),
        F.lit(None).cast("string").alias("raw"),
    )
    frames = [texts]
    for glob in ("*.jsonl", "*.ndjson"):
        lines = read_files(spark, paths, glob).rdd.flatMap(lambda row: jsonl_rows(*row))
        frames.append(spark.createDataFrame(lines, ARTICLE_SCHEMA))
    articles = frames[0]
    for frame in frames[1:]:
        articles = articles.unionByName(frame)
    return articles


def item_of(row):
    """What korex.extract_many takes for one row: a dict, or an error record."""
    if row.raw is None:
        # A BOM is not text, as in the CLI.
        text = row.text[1:] if row.text.startswith("\ufeff") else row.text
        return {"id": row.id, "title": row.title, "text": text}, None
    fallback = f"{stem(row.source)}:{row.line}"
    try:
        value = json.loads(row.raw.lstrip("\ufeff"))
    except ValueError as error:
        return None, {
            "id": fallback,
            "source": row.source,
            "error": {"kind": "malformed_record", "message": f"line {row.line}: {error}"},
        }
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        return None, {
            "id": fallback,
            "source": row.source,
            "error": {
                "kind": "malformed_record",
                "message": f"line {row.line}: expected a JSON object with a \"text\" string",
            },
        }
    if value.get("id") is None:
        value["id"] = fallback
    return value, None


def extract_partition(rows, gazetteer=None):
    """mapPartitions: one korex.Pipeline for the whole partition."""
    import korex

    pipeline = korex.Pipeline(gazetteer=gazetteer)
    rows = iter(rows)
    while True:
        batch = list(itertools.islice(rows, BATCH))
        if not batch:
            return
        items, ready = [], []
        for row in batch:
            item, failed = item_of(row)
            ready.append(failed)
            if item is not None:
                items.append(item)
        records = iter(pipeline.extract_many(items, jobs=1))
        for row, failed in zip(batch, ready):
            record = failed if failed is not None else next(records)
            record["source"] = row.source
            yield json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def run(spark, paths, output, partitions=None, gazetteer=None):
    """Reads, extracts and writes; returns the number of records written."""
    articles = read_articles(spark, paths)
    if partitions:
        articles = articles.repartitionByRange(partitions, "source", "line")
        articles = articles.sortWithinPartitions("source", "line")
    else:
        articles = articles.orderBy("source", "line")
    records = articles.rdd.mapPartitions(lambda rows: extract_partition(rows, gazetteer))
    frame = spark.createDataFrame(records.map(lambda line: (line,)), "value string")
    frame.cache()
    frame.write.mode("overwrite").text(output)
    return frame.count()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", help="folders or files of articles")
    parser.add_argument("--output", required=True, help="folder for the JSON Lines part files")
    parser.add_argument("--partitions", type=int, help="partitions to extract in")
    parser.add_argument("--gazetteer", action="append", help="an extra gazetteer file")
    args = parser.parse_args(argv)
    spark = SparkSession.builder.appName("korex").getOrCreate()
    try:
        count = run(spark, args.paths, args.output, args.partitions, args.gazetteer)
    finally:
        spark.stop()
    print(f"korex_spark: {count} records written to {args.output}")


if __name__ == "__main__":
    main()
