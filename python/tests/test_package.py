"""The package gives what the binary gives, and behaves as a Python library should."""

from __future__ import annotations

import doctest
import json
import pickle
import re
import shutil
import subprocess
import sys
import threading
import unicodedata
import warnings
from pathlib import Path

import pytest

import trich
from conftest import REPO, as_json, run_binary


def test_seed_pages_give_the_binarys_records(binary, seed_paths):
    kinds = set()
    for path in seed_paths:
        want = run_binary(binary, str(path))
        got = trich.extract(path.read_text(encoding="utf-8"), source=str(path))
        assert as_json(got) == as_json(want), path.name
        kinds.update(r["kind"] for r in got)
    assert kinds == set(trich.KINDS), "the seed pages have every kind"


@pytest.mark.parametrize(
    ("kinds", "zones", "flags"),
    [
        ("document", "article", ["--kind", "document"]),
        (["official", "percentages"], "all", ["--kind", "official,percentage", "--zones", "all"]),
        ("page,statistic", "all", ["--kind", "page,statistic", "--zones", "all"]),
    ],
)
def test_kinds_and_zones_as_the_binarys_flags(binary, seed_paths, kinds, zones, flags):
    ex = trich.Extractor(kinds=kinds, zones=zones)
    for path in seed_paths:
        want = run_binary(binary, *flags, str(path))
        assert want, f"{path.name} {flags} has records"
        assert as_json(ex.extract(path.read_text(encoding="utf-8"), source=str(path))) == as_json(want)
        assert as_json(trich.extract(path.read_text(encoding="utf-8"), source=str(path), kinds=kinds, zones=zones)) == as_json(want)


def test_numbers_are_json_numbers(seed_paths):
    page = "Tăng trưởng đạt 6,5%, thu 3,5 tỷ đồng, trên 12.000 lượt cán bộ, lãi suất 0,75%."
    values = [(r["kind"], r["value"]) for r in trich.extract(page) if r["kind"] != "page"]
    assert values == [("percentage", 6.5), ("statistic", 3500000000), ("statistic", 12000), ("percentage", 0.75)]
    assert [type(v) for _, v in values] == [float, int, int, float]
    records = trich.extract_many([p.read_text(encoding="utf-8") for p in seed_paths])
    for r in records:
        for field in ("start", "end", "line"):
            assert type(r[field]) is int
        assert all(v is None or type(v) in (str, int, float) for v in r.values())


def test_bench_pages_give_the_binarys_records(bench_pages, bench_records):
    texts, ids = [p["text"] for p in bench_pages], [p["id"] for p in bench_pages]
    got = trich.extract_many(texts, ids=ids)
    assert as_json(got) == as_json(bench_records)
    # One thread, and one page at a time, give the same.
    assert as_json(trich.Extractor().extract_many(texts, ids=ids, jobs=1)) == as_json(bench_records)
    one_by_one = [r for p in bench_pages[:200] for r in trich.extract(p["text"], source=p["id"])]
    first = {p["id"] for p in bench_pages[:200]}
    assert as_json(one_by_one) == as_json([r for r in bench_records if r["source"] in first])


def test_extract_many_names_pages_by_index_without_ids(seed_paths):
    texts = [p.read_text(encoding="utf-8") for p in seed_paths]
    records = trich.extract_many(texts)
    assert [r["source"] for r in records if r["kind"] == "page"] == ["0", "1", "2", "3", "4"]
    by_int = trich.extract_many(texts, ids=[10, 11, 12, 13, 14])
    assert [r["source"] for r in by_int if r["kind"] == "page"] == ["10", "11", "12", "13", "14"]
    # Any iterable will do, a generator too.
    assert as_json(trich.extract_many(t for t in texts)) == as_json(records)
    assert trich.extract_many([]) == []


def test_threads_share_one_extractor(bench_pages, bench_records):
    """Eight threads call one Extractor at once, each on its own share and on the same pages;
    each gets what a single thread gets."""
    ex = trich.Extractor()
    shares = [bench_pages[i::4] for i in range(4)] * 2
    results: dict[int, list] = {}
    failures: list[BaseException] = []
    start = threading.Barrier(len(shares))

    def work(i):
        try:
            start.wait()
            share = shares[i]
            if i % 2:
                results[i] = [r for p in share for r in ex.extract(p["text"], source=p["id"])]
            else:
                results[i] = ex.extract_many([p["text"] for p in share], ids=[p["id"] for p in share], jobs=2)
        except BaseException as e:  # noqa: BLE001 - reported below
            failures.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(shares))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures
    by_source: dict[str, list] = {}
    for r in bench_records:
        by_source.setdefault(r["source"], []).append(r)
    for i, share in enumerate(shares):
        want = [r for p in share for r in by_source.get(p["id"], [])]
        assert as_json(results[i]) == as_json(want), f"thread {i}"


def without_surrogates(text: str) -> str:
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)


def test_odd_unicode_never_crashes_and_offsets_hold(binary, tmp_path):
    base = "Nghị quyết số 20-NQ/TW ngày 28/01/2008, trên 90% CNVCLĐ đạt 3,5 tỷ đồng."
    pages = {
        "lone surrogates": "Tiêu đề \ud800\n\n" + base + " \udfff\ud83d cuối \ude00.",
        "reversed pair": "\ude00\ud83d " + base,
        "nfd": "Tiêu đề\n\n" + unicodedata.normalize("NFD", base),
        "bom": "\ufeffTiêu đề\n\n" + base,
        "zero width and bidi": "\u200b\u200d\u202e" + base + "\u202c\u2028\u2029\ufffe\uffff",
        "astral": "🇻🇳 " + base + " 𝟗𝟎% 😀",
        "control": "\x01\x7f\x85" + base + "\r\n\r\n\x1b[0m",
        "replacement": "\ufffd" * 3 + base,
        "only spaces": " \t\n\u00a0\u3000",
        "empty": "",
    }
    page = tmp_path / "page.txt"
    for name, text in pages.items():
        records = trich.extract(text, source=str(page))
        # Offsets are those of the surrogatepass bytes, where each surrogate reads as U+FFFD.
        raw = text.encode("utf-8", "surrogatepass")
        for r in records:
            assert without_surrogates(raw[r["start"] : r["end"]].decode("utf-8", "surrogatepass")) == r["text"], name
        # The binary, given that reading of the page as UTF-8, gives the same records.
        page.write_bytes(without_surrogates(text).encode("utf-8"))
        assert as_json(records) == as_json(run_binary(binary, str(page))), name
    assert any(r["kind"] == "document" for r in trich.extract(pages["lone surrogates"]))


def test_a_page_with_a_nul_character_is_an_error_or_skipped():
    good = "Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị."
    with pytest.raises(trich.PageError, match=r"^bad: a NUL character at byte 3") as raised:
        trich.extract("abc\0def", source="bad")
    assert raised.value.source == "bad" and isinstance(raised.value, ValueError)
    with pytest.raises(trich.PageError, match=r"^1: a NUL"):
        trich.extract_many([good, "x\0", good])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        records = trich.extract_many([good, "x\0", good], ids=["a", "b", "c"], errors="skip")
    assert [str(w.message) for w in caught] == ["b: a NUL character at byte 1: binary data, not a page, skipped"]
    assert caught[0].category is trich.PageWarning
    assert [r["source"] for r in records if r["kind"] == "page"] == ["a", "c"]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: trich.extract(None), TypeError, "text must be str, not NoneType"),
        (lambda: trich.extract(b"bytes"), TypeError, r"text must be str, not bytes \(decode bytes first\)"),
        (lambda: trich.extract("x", source=1.5), TypeError, "source must be a str or an int, not float"),
        (lambda: trich.extract_many("one page"), TypeError, "not one str"),
        (lambda: trich.extract_many(5), TypeError, "texts must be an iterable of str, not int"),
        (lambda: trich.extract_many(["a", 5]), TypeError, r"texts\[1\] must be str, not int"),
        (lambda: trich.extract_many(["a"], ids=["x", "y"]), ValueError, "ids has 2 items and texts 1"),
        (lambda: trich.extract_many(["a"], ids=[None]), TypeError, "each id must be a str or an int, not NoneType"),
        (lambda: trich.extract_many(["a"], jobs=0), ValueError, "jobs must be at least 1, not 0"),
        (lambda: trich.extract_many(["a"], errors="ignore"), ValueError, 'errors must be "raise" or "skip"'),
        (lambda: trich.extract("x", kinds="people"), ValueError, 'unknown kind "people"'),
        (lambda: trich.extract("x", kinds=[]), ValueError, "kinds names no kind"),
        (lambda: trich.extract("x", kinds=[1]), TypeError, "kinds must hold kind names"),
        (lambda: trich.Extractor(zones="body"), ValueError, 'zones must be "article"'),
        (lambda: trich.Extractor(rules=5), TypeError, "rules must be the path of a folder"),
    ],
)
def test_bad_arguments_raise_clear_errors(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_rule_folders(binary, tmp_path, seed_paths):
    rules = tmp_path / "rules"
    subprocess.run([str(binary), "rules", "export", str(rules)], check=True, capture_output=True)
    text = seed_paths[0].read_text(encoding="utf-8")
    ex = trich.Extractor(rules=rules)
    assert ex.rules == rules
    assert as_json(ex.extract(text)) == as_json(trich.extract(text))
    assert as_json(trich.extract(text, rules=str(rules))) == as_json(trich.extract(text))

    with pytest.raises(trich.RuleError, match="not a directory of rule files") as raised:
        trich.Extractor(rules=tmp_path / "missing")
    assert raised.value.rule is None and raised.value.file.endswith("missing")

    broken = tmp_path / "broken"
    shutil.copytree(rules, broken)
    docs = broken / "documents.toml"
    docs.write_text(docs.read_text(encoding="utf-8").replace('id = "party-doc"', 'id = "party-doc"\nbogus = 1', 1))
    with pytest.raises(trich.RuleError) as raised:
        trich.Extractor(rules=broken)
    assert raised.value.file.endswith("documents.toml") and "bogus" in raised.value.message
    done = subprocess.run([str(binary), "extract", "--rules", str(broken)], input=b"", capture_output=True)
    assert done.returncode == 2 and str(raised.value) in done.stderr.decode()


def test_extractor_properties_repr_and_pickle(tmp_path):
    ex = trich.Extractor(kinds="officials,document", zones="all")
    assert ex.kinds == ("document", "official") and ex.zones == "all" and ex.rules is None
    assert repr(ex) == "Extractor(rules=None, kinds=['document', 'official'], zones='all')"
    back = pickle.loads(pickle.dumps(ex))
    assert repr(back) == repr(ex)
    text = "Chủ tịch LĐLĐ quận Bắc Từ Liêm Hà Văn Hải thực hiện Nghị quyết 20-NQ/TW."
    assert back.extract(text) == ex.extract(text)


def test_columns_are_the_binarys_csv_header(binary, seed_paths):
    for kinds in (None, "document", "statistic,percentage,page"):
        flags = ["--kind", kinds] if kinds else []
        done = subprocess.run(
            [str(binary), "extract", "-q", "-f", "csv", *flags, str(seed_paths[0])], capture_output=True, check=True
        )
        header = done.stdout.decode("utf-8").splitlines()[0].split(",")
        assert trich.columns(kinds) == header


def test_to_pandas_gives_typed_columns(seed_paths, bench_records):
    pd = pytest.importorskip("pandas")
    records = trich.extract_many([p.read_text(encoding="utf-8") for p in seed_paths], ids=[p.name for p in seed_paths])
    df = trich.to_pandas(records)
    assert list(df.columns) == trich.columns() and len(df) == len(records)
    assert str(df["start"].dtype) == "int64" and str(df["line"].dtype) == "int64"
    assert str(df["value"].dtype) == "Float64" and str(df["kind"].dtype) == "category"
    assert list(df["kind"].cat.categories) == list(trich.KINDS)
    assert str(df["text"].dtype) == "string" and str(df["issued"].dtype) == "string"
    for i, r in enumerate(records):
        row = df.iloc[i]
        assert row["text"] == r["text"] and row["start"] == r["start"] and row["kind"] == r["kind"]
        assert (pd.isna(row["value"]) if r.get("value") is None else row["value"] == r["value"])
        assert (pd.isna(row["issued"]) if r.get("issued") is None else row["issued"] == r["issued"])
        assert (pd.isna(row["code"]) if r.get("code") is None else row["code"] == r["code"])
    # The same columns and types without a record, so that frames of partitions concatenate.
    empty = trich.to_pandas([])
    assert list(empty.columns) == trich.columns() and dict(empty.dtypes) == dict(df.dtypes)
    # The bench pages: years for dates, large values, every field's missing cases.
    bench = trich.to_pandas(bench_records)
    assert dict(bench.dtypes) == dict(df.dtypes) and len(bench) == len(bench_records)
    assert set(bench["issued"].dropna().str.len()) == {4, 10}
    cited = bench[bench["kind"] == "document"].groupby("code").size().sort_values(ascending=False)
    codes = [r["code"] for r in bench_records if r["kind"] == "document" and r["code"]]
    assert cited.iloc[0] == max(codes.count(c) for c in set(codes))


def test_the_readme_notebook_example_runs(monkeypatch):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"```python\n(.*?)```", readme, flags=re.S) if "groupby(\"code\")" in b]
    monkeypatch.chdir(REPO)
    scope: dict = {}
    exec(block, scope)
    codes = [r["code"] for r in scope["records"] if r["kind"] == "document" and r["code"]]
    counts = sorted(((codes.count(c), c) for c in set(codes)), reverse=True)
    top = scope["top"]
    assert len(top) == 5 and top["cited"].iloc[0] == counts[0][0] and top.index[0] in {c for n, c in counts if n == counts[0][0]}
    assert len({r["source"] for r in scope["records"]}) >= 40, "every page of fixtures/"


def test_pandas_is_imported_only_when_asked():
    code = "import sys, trich; trich.extract('x'); assert 'pandas' not in sys.modules, 'imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_package_docstring_runs():
    result = doctest.testmod(trich, verbose=False)
    assert result.attempted >= 1 and result.failed == 0


def test_the_stub_names_what_the_module_has():
    stub = Path(trich.__file__).with_name("_trich.pyi").read_text(encoding="utf-8")
    for name in ("extract", "extract_many", "columns", "Extractor", "RuleError", "PageError", "PageWarning"):
        assert f" {name}" in stub and hasattr(trich, name)
    assert (Path(trich.__file__).parent / "py.typed").exists()
    assert json.loads(json.dumps(trich.__version__)) == trich.__version__
