r"""trich: documents, officials, statistics and percentages from Vietnamese news pages.

The records are those of ``trich extract``'s JSON output, as dicts: the same fields in the same
order, numbers as int or float, missing values as None. The extraction is the ``trich`` library's
own, compiled in; the interpreter's lock is released while it runs.

    >>> import trich
    >>> page = "Học tập và làm theo Chỉ thị 05\n\nThực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 " \
    ...        "của Bộ Chính trị, trên 90% đoàn viên đã đăng ký."
    >>> for r in trich.extract(page, source="page.txt"):
    ...     print(r["kind"], r["text"], r["start"], r.get("code") or r.get("value"))
    page Học tập và làm theo Chỉ thị 05 0 None
    document Chỉ thị 05 26 05-CT/TW
    document Chỉ thị số 05-CT/TW 56 05-CT/TW
    percentage trên 90% đoàn viên 123 90

- ``extract(text)``: one page; ``extract_many(texts, ids=...)``: many, on every core, in order.
- ``Extractor(rules=None, kinds=None, zones="article")``: rules compiled once, reused, shareable
  between threads; what a loop, a Spark or a Dask partition keeps.
- ``to_pandas(records)``: a DataFrame with typed columns (pandas is imported only then).
- ``columns(kinds=None)``: the column names, in the order ``trich extract -f csv`` writes them.

Offsets (``start``, ``end``) are byte offsets into the page's UTF-8 bytes, as in the JSON output:
``text.encode()[r["start"]:r["end"]].decode() == r["text"]``. A lone surrogate in a str (which
UTF-8 cannot hold) is read as U+FFFD, three bytes long as ``surrogatepass`` writes it, so offsets
stay those of ``text.encode("utf-8", "surrogatepass")``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping

from ._trich import (
    Extractor,
    PageError,
    PageWarning,
    RuleError,
    __version__,
    columns,
    extract,
    extract_many,
)

if TYPE_CHECKING:
    import pandas

__all__ = [
    "Extractor",
    "PageError",
    "PageWarning",
    "RuleError",
    "__version__",
    "columns",
    "extract",
    "extract_many",
    "to_pandas",
]

KINDS = ("document", "official", "statistic", "percentage", "page")
ZONES = ("title", "meta", "body", "caption", "related", "nav")
_INTEGER_COLUMNS = ("start", "end", "line")
_NUMBER_COLUMNS = ("value", "value_max")
_CATEGORY_COLUMNS = {"kind": KINDS, "zone": ZONES}


def to_pandas(records: Iterable[Mapping[str, Any]]) -> "pandas.DataFrame":
    """A DataFrame of records, one row each, with every kind's columns in ``columns()`` order.

    The columns are typed, and the same whatever the records, so that frames from different
    batches or partitions concatenate: ``kind`` and ``zone`` are categories (every kind and zone
    among their categories); ``start``, ``end`` and ``line`` int64; ``value`` and ``value_max``
    nullable Float64 (exact for integers up to 2**53; the records themselves hold the exact
    values); everything else the nullable ``string`` type, dates too, as the output writes them
    (``issued`` is a day, ``2016-05-15``, or only the year of a law cited by it, ``2014``;
    ``published`` a day or a time, with or without its offset). A field a record does not have is
    missing (``<NA>``).

    pandas is imported here, not when ``trich`` is.
    """
    import pandas as pd

    rows = list(records)
    out = {}
    for name in columns():
        values = [r.get(name) for r in rows]
        if name in _INTEGER_COLUMNS:
            out[name] = pd.array(values, dtype="int64")
        elif name in _NUMBER_COLUMNS:
            out[name] = pd.array([None if v is None else float(v) for v in values], dtype="Float64")
        elif name in _CATEGORY_COLUMNS:
            out[name] = pd.Categorical(values, categories=_CATEGORY_COLUMNS[name])
        else:
            out[name] = pd.array(values, dtype="string")
    return pd.DataFrame(out)
