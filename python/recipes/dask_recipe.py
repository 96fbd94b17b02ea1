"""Extracting JSON Lines pages ({"id", "text"} a line) with a Dask bag: one ``trich.Extractor``
per partition; the workers' Python needs the ``trich`` package (``pip install ./python``).

The bag's records are those of ``trich extract``, in its order (partitions in order, pages in
order within them).

Run as a script (the process scheduler, on every core; output as JSON Lines files):

    python python/recipes/dask_recipe.py pages.jsonl out/
"""

from __future__ import annotations

import json

import dask.bag as db


def extract_with_dask(pages: str, blocksize: str | int | None = "16MiB") -> db.Bag:
    """Recipe 3: a bag of the records of the JSON Lines pages at `pages` (a file or a glob;
    compressed files are read whole, one partition each: pass blocksize=None)."""

    def extract_partition(lines):
        import trich

        # One extractor per partition (the built-in rules are compiled once per worker process);
        # one thread, as the scheduler already runs a partition per core.
        extractor = trich.Extractor()
        pages = [json.loads(line) for line in lines if line.strip()]
        return extractor.extract_many([p["text"] for p in pages], ids=[p["id"] for p in pages], jobs=1)

    return db.read_text(pages, blocksize=blocksize).map_partitions(extract_partition)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="The Dask recipe for trich (process scheduler)")
    parser.add_argument("pages", help="JSON Lines pages: a file or a glob")
    parser.add_argument("out", help="a folder to write the records to, as JSON Lines")
    parser.add_argument("--blocksize", default="16MiB", help="bytes of pages per partition")
    args = parser.parse_args()
    blocksize = None if args.pages.endswith(".gz") else args.blocksize
    records = extract_with_dask(args.pages, blocksize)
    lines = records.map(lambda r: json.dumps(r, ensure_ascii=False))
    lines.to_textfiles(f"{args.out.rstrip('/')}/*.jsonl", encoding="utf-8", compute=True, scheduler="processes")


if __name__ == "__main__":
    main()
