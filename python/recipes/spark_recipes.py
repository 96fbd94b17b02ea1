"""Extracting JSON Lines pages ({"id", "text"} a line) with Spark, two ways.

1. ``extract_with_binary``: the ``trich`` binary, shipped to the executors, reads each partition
   through ``rdd.pipe``; its JSON Lines come back as a DataFrame. The executors need no package.
2. ``extract_with_package``: ``mapInPandas`` with one ``trich.Extractor`` per partition; the
   executors' Python needs the ``trich`` package (``pip install ./python``).

Both give the same DataFrame, with the columns of ``SCHEMA``: the records of ``trich extract``,
in its order (partitions in order, pages in order within them).

Run as a script (local mode on every core; output as Parquet):

    python python/recipes/spark_recipes.py binary pages.jsonl out/ --trich target/release/trich
    python python/recipes/spark_recipes.py package pages.jsonl out/
"""

from __future__ import annotations

import os

from pyspark import SparkFiles
from pyspark.sql import DataFrame, SparkSession

# The records' columns as Spark types: every kind's fields (trich.columns()), offsets as long,
# values as double, everything else a string (dates too: `issued` may be a year alone).
SCHEMA = (
    "source string, kind string, text string, start long, end long, line long, zone string, "
    "rule string, context string, doc_type string, number string, symbol string, code string, "
    "issued string, issuer string, title string, system string, name string, position string, "
    "organization string, value double, value_max double, unit string, qualifier string, "
    "subject string, published string, author string"
)


def extract_with_binary(spark: SparkSession, pages: str, binary: str) -> DataFrame:
    """Recipe 1: the records of the JSON Lines pages at `pages`, by the binary at `binary`."""
    sc = spark.sparkContext
    sc.addFile(binary)  # or: spark-submit --files /path/to/trich
    name = os.path.basename(binary)
    # Executors fetch shipped files into their working directory; in local mode the driver is
    # the executor and keeps them in its own folder.
    command = SparkFiles.get(name) if sc.master.startswith("local") else f"./{name}"
    lines = sc.textFile(pages)  # one page a line, as the crawl wrote them
    # One process per partition, one thread each: Spark already runs a task per core. A page the
    # binary cannot read fails the task (checkCode); without it, the binary reports the page on
    # the executor's stderr and goes on.
    out = lines.pipe(f"{command} extract --input-format jsonl -q -j 1", checkCode=True)
    return spark.read.json(out, schema=SCHEMA)


def extract_with_package(spark: SparkSession, pages: str) -> DataFrame:
    """Recipe 2: the records of the JSON Lines pages at `pages`, by the Python package."""

    def extract_batches(batches):
        import trich

        # One extractor per partition (the built-in rules are compiled once per worker process).
        extractor = trich.Extractor()
        # Arrow batches of pages (spark.sql.execution.arrow.maxRecordsPerBatch, 10,000 at most):
        # memory stays bounded whatever the partition's size.
        for batch in batches:
            records = extractor.extract_many(batch["text"].tolist(), ids=batch["id"].tolist(), jobs=1)
            yield trich.to_pandas(records)

    frame = spark.read.json(pages, schema="id string, text string")
    return frame.where(frame.text.isNotNull()).mapInPandas(extract_batches, schema=SCHEMA)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Spark recipes for trich (local mode)")
    parser.add_argument("recipe", choices=["binary", "package"])
    parser.add_argument("pages", help="JSON Lines pages: a file, a folder or a glob")
    parser.add_argument("out", help="a folder to write the records to, as Parquet")
    parser.add_argument("--trich", default="target/release/trich", help="the binary (recipe 1)")
    parser.add_argument("--master", default="local[*]")
    args = parser.parse_args()
    spark = SparkSession.builder.master(args.master).appName("trich").getOrCreate()
    if args.recipe == "binary":
        records = extract_with_binary(spark, args.pages, os.path.abspath(args.trich))
    else:
        records = extract_with_package(spark, args.pages)
    records.write.mode("overwrite").parquet(args.out)
    spark.stop()


if __name__ == "__main__":
    main()
