"""Type stubs of ``trich._trich``, the compiled core that ``trich`` re-exports."""

import os
import pathlib
from typing import Any, Iterable, Literal, Optional, Tuple, Union

__version__: str

Record = dict[str, Any]
"""One record: the fields of ``trich extract``'s JSON output, in its order.

Every record has ``source`` (str), ``kind`` (``"document"``, ``"official"``, ``"statistic"``,
``"percentage"`` or ``"page"``), ``text`` (str, exactly as in the page), ``start`` and ``end``
(int, byte offsets into the page's UTF-8 bytes, half-open), ``line`` (int, from 1), ``zone``
(``"title"``, ``"meta"``, ``"body"``, ``"caption"``, ``"related"``, ``"nav"``), ``rule`` (str)
and ``context`` (str or None); then its kind's own fields, each a str or None except ``value`` and
``value_max`` (int or float, as JSON gives them, or None):

- document: ``doc_type``, ``number``, ``symbol``, ``code``, ``issued`` (ISO date, or the year
  alone of a law cited by its year), ``issuer``,
  ``title``, ``system`` (``"party"`` or ``"state"``)
- official: ``name``, ``position``, ``organization``
- statistic: ``value``, ``value_max``, ``unit``, ``qualifier``
- percentage: ``value``, ``value_max``, ``qualifier``, ``subject``
- page: ``title``, ``published`` (ISO date or date-time), ``author``
"""

Kinds = Union[str, Iterable[str], None]
"""None (every kind), a kind name or a comma-separated list (``"document,official"``), or an
iterable of names; each singular or plural, or ``"all"``."""

Zones = Literal["article", "all"]
RulesPath = Union[str, "os.PathLike[str]", None]

class RuleError(ValueError):
    """A rule folder that does not load; ``file``, ``rule`` (or None) and ``message`` say where
    and what."""

    file: str
    rule: Optional[str]
    message: str

class PageError(ValueError):
    """A page that cannot be read (a NUL character: binary data); ``source`` names it."""

    source: str

class PageWarning(UserWarning):
    """A page left out by ``extract_many(..., errors="skip")``, with the reason."""

class Extractor:
    """Compiled rules and options, reused for every page; safe to share between threads.

    ``rules``: None for the built-in rules (compiled once per process, shared), or the path of a
    folder of rule files (as ``trich rules export`` writes), compiled now; one that does not load
    raises RuleError. ``kinds``: see ``Kinds``; ``zones``: ``"article"`` (everything but
    related-article lists and menus) or ``"all"``. Unknown kinds or zones raise ValueError.
    Pickled as its arguments.
    """

    def __init__(self, rules: RulesPath = None, kinds: Kinds = None, zones: Zones = "article") -> None: ...
    def extract(self, text: str, *, source: Union[str, int] = "-") -> list[Record]:
        """The records of one page, as ``trich extract`` writes them in JSON.

        ``source`` names the page in its records. Raises TypeError when ``text`` is not a str,
        PageError when it holds a NUL character.
        """
    def extract_many(
        self,
        texts: Iterable[str],
        *,
        ids: Optional[Iterable[Union[str, int]]] = None,
        jobs: Optional[int] = None,
        errors: Literal["raise", "skip"] = "raise",
    ) -> list[Record]:
        """The records of many pages, in input order, on ``jobs`` threads (default: every core),
        with the interpreter's lock released; each page gets what ``extract`` gives it alone.

        ``ids`` names the pages (one per text; default: each page's index in ``texts``, from 0).
        A page with a NUL character raises PageError (``errors="raise"``) or is left out with a
        PageWarning (``errors="skip"``).
        """
    @property
    def kinds(self) -> Tuple[str, ...]:
        """The kinds extracted, in output order."""
    @property
    def zones(self) -> Zones:
        """``"article"`` or ``"all"``."""
    @property
    def rules(self) -> Optional[pathlib.Path]:
        """The rule folder, or None for the built-in rules."""

def extract(
    text: str,
    *,
    source: Union[str, int] = "-",
    kinds: Kinds = None,
    zones: Zones = "article",
    rules: RulesPath = None,
) -> list[Record]:
    """The records of one page (see ``Extractor.extract``). The built-in rules are compiled once
    per process; a rule folder is compiled at each call, so keep an ``Extractor`` for one."""

def extract_many(
    texts: Iterable[str],
    *,
    ids: Optional[Iterable[Union[str, int]]] = None,
    jobs: Optional[int] = None,
    kinds: Kinds = None,
    zones: Zones = "article",
    rules: RulesPath = None,
    errors: Literal["raise", "skip"] = "raise",
) -> list[Record]:
    """The records of many pages (see ``Extractor.extract_many``): every core, input order."""

def columns(kinds: Kinds = None) -> list[str]:
    """The columns of a table of records of ``kinds`` (default: every kind), in the order
    ``trich extract -f csv`` writes them."""

