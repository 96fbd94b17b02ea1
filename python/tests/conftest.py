"""Shared test data: the seed pages, 1,000 pages of the shared bench corpus, and the binary.

The binary is the one `.ci/run` names in TRICH_BIN; otherwise the newer of target/release/trich
and target/debug/trich. Its JSON output is what the package and the recipes are held to.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "fixtures" / "seeds"
BENCH = REPO.parent / "shared" / "corpus" / "bench"

# 1,000 pages: 900 national news pages of 2017 and 100 legal-news pages of 2025 (Markdown, long).
BENCH_SAMPLE = (("baomoi-2017-10k.jsonl.gz", 900), ("legal-news-2025-2k.jsonl.gz", 100))


def find_binary() -> Path:
    named = os.environ.get("TRICH_BIN")
    if named:
        path = Path(named)
        if not path.is_absolute():
            path = REPO / path
        if not path.is_file():
            raise FileNotFoundError(f"TRICH_BIN={named}: no such file")
        return path
    built = [p for p in (REPO / "target/release/trich", REPO / "target/debug/trich") if p.is_file()]
    if not built:
        raise FileNotFoundError("no trich binary: run `cargo build` (or set TRICH_BIN)")
    return max(built, key=lambda p: p.stat().st_mtime)


@pytest.fixture(scope="session")
def binary() -> Path:
    return find_binary()


def run_binary(binary: Path, *args: str, stdin: bytes | None = None) -> list[dict]:
    """The records `trich extract ARGS` writes as JSON Lines; it must succeed."""
    done = subprocess.run([str(binary), "extract", "-q", *args], input=stdin, capture_output=True, check=False)
    assert done.returncode == 0, f"trich extract {' '.join(args)}: {done.stderr.decode(errors='replace')}"
    return [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 5, "the five seed pages"
    return paths


@pytest.fixture(scope="session")
def bench_pages() -> list[dict]:
    pages = []
    for name, count in BENCH_SAMPLE:
        with gzip.open(BENCH / name, "rt", encoding="utf-8") as f:
            pages.extend(json.loads(line) for line in itertools.islice(f, count))
    assert len(pages) == 1000 and all(isinstance(p["id"], str) and isinstance(p["text"], str) for p in pages)
    return pages


@pytest.fixture(scope="session")
def bench_jsonl(bench_pages, tmp_path_factory) -> Path:
    """The 1,000 pages as one JSON Lines file, as a crawl writes them."""
    path = tmp_path_factory.mktemp("bench") / "pages.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for p in bench_pages:
            f.write(json.dumps(p, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="session")
def bench_records(binary, bench_jsonl) -> list[dict]:
    """What one `trich extract` run gives for the 1,000 pages."""
    records = run_binary(binary, str(bench_jsonl))
    sources = {r["source"] for r in records}
    assert len(records) > 4000 and len(sources) > 900, "the pages have records, most of them several"
    return records


def as_json(records: list[dict]) -> list[str]:
    """Records as JSON text: equal only with the same fields in the same order, and the same
    values of the same types (an int is not a float)."""
    return [json.dumps(r, ensure_ascii=False) for r in records]
