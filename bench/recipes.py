#!/usr/bin/env python3
"""The Spark and Dask recipes (python/recipes/) against a plain `trich extract` of the same pages:
pages per second of each, and what a partition costs to start. Prints Markdown tables.

    bash .ci/run                                       # or any way of getting target/venv ready
    cargo build --release
    target/venv/bin/python bench/recipes.py            # 10,000 pages of the bench corpus, 2 cores
    target/venv/bin/python bench/recipes.py --pages 2000 --runs 1   # quicker

Spark runs in local mode on every core, bound to 127.0.0.1; Dask with its process scheduler. Each
figure is the fastest of --runs runs after a first one that warms the engine up (the JVM, the
Python workers, the rules compiled in each); the engines' start-up is shown apart.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "python" / "recipes"))

CORPUS = ROOT.parent / "shared" / "corpus" / "bench" / "baomoi-2017-10k.jsonl.gz"
BIN = ROOT / "target" / "release" / "trich"
CORES = os.cpu_count() or 1


def timed(f, runs):
    """The first run's seconds, the best of the next `runs`, and the last result."""
    t = time.perf_counter()
    result = f()
    first = time.perf_counter() - t
    best = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - t)
    return first, best, result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--partitions", type=int, default=64, help="partitions of one page each, for the start-up cost")
    args = ap.parse_args()
    if not BIN.is_file():
        sys.exit(f"{BIN}: build it first (cargo build --release)")

    work = ROOT / "target" / "bench" / "recipes"
    work.mkdir(parents=True, exist_ok=True)
    pages_path = work / f"pages-{args.pages}.jsonl"
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        lines = list(itertools.islice(f, args.pages))
    pages_path.write_text("".join(lines), encoding="utf-8")
    mb = pages_path.stat().st_size / 1e6
    n = len(lines)
    print(f"{n} pages, {mb:.1f} MB of JSON Lines, {CORES} cores, {sys.version.split()[0]}\n")
    rows = []

    def row(label, first, best, records):
        rows.append((label, first, best, records))

    def plain(jobs):
        cmd = [str(BIN), "extract", "-q", "-j", str(jobs), str(pages_path)]
        return lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

    for jobs in (1, CORES):
        first, best, _ = timed(plain(jobs), args.runs)
        row(f"`trich extract` (binary, `-j {jobs}`)", first, best, None)

    import trich

    def package(jobs):
        def run():
            pages = [json.loads(line) for line in open(pages_path, encoding="utf-8")]
            return len(trich.Extractor().extract_many([p["text"] for p in pages], ids=[p["id"] for p in pages], jobs=jobs))

        return run

    for jobs in (1, CORES):
        row(f"package in one process (`extract_many`, `jobs={jobs}`)", *timed(package(jobs), args.runs))

    # Spark, local mode.
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    t = time.perf_counter()
    spark = (
        SparkSession.builder.master(f"local[{CORES}]")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    spark_start = time.perf_counter() - t
    import spark_recipes

    def noop(frame_of):
        return lambda: frame_of().write.format("noop").mode("overwrite").save()

    row("Spark + binary (`rdd.pipe`)", *timed(noop(lambda: spark_recipes.extract_with_binary(spark, str(pages_path), str(BIN))), args.runs))
    row("Spark + package (`mapInPandas`)", *timed(noop(lambda: spark_recipes.extract_with_package(spark, str(pages_path))), args.runs))

    import dask_recipe

    blocksize = pages_path.stat().st_size // CORES + 1
    row(
        "Dask bag + package (processes)",
        *timed(lambda: dask_recipe.extract_with_dask(str(pages_path), blocksize).count().compute(scheduler="processes", num_workers=CORES), args.runs),
    )

    print("| run | first run (s) | best (s) | pages/s | against `trich extract -j %d` |" % CORES)
    print("|---|---:|---:|---:|---:|")
    base = rows[1][2]
    for label, first, best, _ in rows:
        print(f"| {label} | {first:.2f} | {best:.2f} | {n / best:,.0f} | {best / base:.2f}× the time |")
    print(f"\nSpark session start (JVM): {spark_start:.1f} s\n")

    # What a partition costs to start: P partitions of one page each against 2, per extra partition;
    # each recipe beside the same job doing nothing with its pages (the engine's own cost).
    few = [json.loads(line) for line in lines[: args.partitions]]
    texts = [json.dumps(p, ensure_ascii=False) for p in few]
    sc = spark.sparkContext

    def spark_pipe(command):
        return lambda parts: lambda: sc.parallelize(texts, parts).pipe(command, checkCode=True).count()

    def extract_batches(batches):
        import trich

        extractor = trich.Extractor()
        for batch in batches:
            yield trich.to_pandas(extractor.extract_many(batch["text"].tolist(), ids=batch["id"].tolist(), jobs=1))

    def no_records(batches):
        import trich

        for _ in batches:
            yield trich.to_pandas([])

    def spark_map_in_pandas(f):
        def job(parts):
            def run():
                frame = spark.createDataFrame(sc.parallelize([(p["id"], p["text"]) for p in few], parts), "id string, text string")
                return frame.mapInPandas(f, schema=spark_recipes.SCHEMA).write.format("noop").mode("overwrite").save()

            return run

        return job

    def extract_partition(lines):
        import trich

        pages = [json.loads(line) for line in lines]
        return trich.Extractor().extract_many([p["text"] for p in pages], ids=[p["id"] for p in pages], jobs=1)

    def dask_bag(f):
        import dask.bag as db

        return lambda parts: lambda: db.from_sequence(texts, npartitions=parts).map_partitions(f).count().compute(scheduler="processes", num_workers=CORES)

    def per_partition(job):
        _, many, _ = timed(job(args.partitions), args.runs)
        _, two, _ = timed(job(2), args.runs)
        return 1000 * (many - two) / (args.partitions - 2)

    print(f"| ms per partition ({args.partitions} partitions of one page against 2) | the engine alone | with trich |")
    print("|---|---:|---:|")
    recipes = (
        ("Spark + binary (`rdd.pipe`; alone: `cat`)", spark_pipe("cat"), spark_pipe(f"{BIN} extract --input-format jsonl -q -j 1")),
        ("Spark + package (`mapInPandas`; alone: no records)", spark_map_in_pandas(no_records), spark_map_in_pandas(extract_batches)),
        ("Dask bag + package (alone: the pages as they are)", dask_bag(list), dask_bag(extract_partition)),
    )
    for label, alone, with_trich in recipes:
        print(f"| {label} | {per_partition(alone):.1f} | {per_partition(with_trich):.1f} |")
    spark.stop()

    probe = "import time; t=time.perf_counter(); import trich; trich.Extractor(); a=time.perf_counter()-t; t=time.perf_counter(); trich.Extractor(); print(a, time.perf_counter()-t)"
    first, again = (float(x) for x in subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split())
    t = time.perf_counter()
    subprocess.run([str(BIN), "extract", "-q"], input=b"", check=True, stderr=subprocess.DEVNULL)
    binary_start = time.perf_counter() - t
    print("\n| starting | ms |\n|---|---:|")
    print(f"| `import trich` and the first `Extractor()` in a new process (compiles the rules) | {1000 * first:.1f} |")
    print(f"| a later `Extractor()` in the same process (the rules are shared) | {1000 * again:.3f} |")
    print(f"| the binary on an empty input (start-up, rules compiled) | {1000 * binary_start:.1f} |")


if __name__ == "__main__":
    main()
