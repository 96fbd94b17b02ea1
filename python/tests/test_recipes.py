"""The README's Spark and Dask recipes, run on the 1,000 bench pages: Spark in local mode on two
cores bound to 127.0.0.1, Dask with its process scheduler. Each must give the records of one
`trich extract` run of the same pages, in the same order.

Run them alone with `pytest python/tests/test_recipes.py` (a minute or so: Spark's JVM starts).
"""

from __future__ import annotations

import os
import re
import sys

import pytest

import trich
from conftest import REPO, as_json

sys.path.insert(0, str(REPO / "python" / "recipes"))

import dask_recipe  # noqa: E402
import spark_recipes  # noqa: E402

SPARK_TYPES = {"start": "long", "end": "long", "line": "long", "value": "double", "value_max": "double"}


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    from pyspark.sql import SparkSession

    # Nothing listens beyond the loopback; the workers run this interpreter, which has `trich`.
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("trich-recipes")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.local.dir", str(tmp_path_factory.mktemp("spark")))
        # Several partitions of the 5 MB of pages, and several Arrow batches in each.
        .config("spark.sql.files.maxPartitionBytes", "1m")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "64")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def as_spark_rows(records: list[dict]) -> list[dict]:
    """Records as the recipes' DataFrames hold them: every column, values as double."""
    rows = []
    for r in records:
        row = {c: r.get(c) for c in trich.columns()}
        for c in ("value", "value_max"):
            row[c] = None if row[c] is None else float(row[c])
        rows.append(row)
    return rows


def test_the_spark_schema_is_every_column_with_its_type():
    fields = [f.strip().split(" ") for f in spark_recipes.SCHEMA.split(",")]
    assert [name for name, _ in fields] == trich.columns()
    assert all(kind == SPARK_TYPES.get(name, "string") for name, kind in fields)


def test_spark_with_the_binary(spark, binary, bench_jsonl, bench_records):
    records = spark_recipes.extract_with_binary(spark, str(bench_jsonl), str(binary))
    assert records.rdd.getNumPartitions() >= 2
    got = [row.asDict() for row in records.collect()]
    assert got == as_spark_rows(bench_records)


def test_spark_with_the_package(spark, bench_jsonl, bench_records):
    records = spark_recipes.extract_with_package(spark, str(bench_jsonl))
    assert records.rdd.getNumPartitions() >= 3
    got = [row.asDict() for row in records.collect()]
    assert got == as_spark_rows(bench_records)


def test_dask_with_the_package(bench_jsonl, bench_records):
    records = dask_recipe.extract_with_dask(str(bench_jsonl), blocksize="1MiB")
    assert records.npartitions >= 3
    got = records.compute(scheduler="processes", num_workers=2)
    assert as_json(got) == as_json(bench_records)


def test_the_readme_shows_the_recipes_as_tested():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sources = "".join((REPO / "python" / "recipes" / name).read_text(encoding="utf-8") for name in ("spark_recipes.py", "dask_recipe.py"))
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    shown = [b for b in blocks if "def extract_with_" in b]
    assert len(shown) == 3, "the README shows the three recipes"
    for block in shown:
        assert block in sources, f"the README's recipe is not the tested one:\n{block}"
