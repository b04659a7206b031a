"""Document metadata: publication date, title, byline and publisher, from a catalog or the text.

The date matters most: later stages resolve ``last year`` / ``去年`` against it.  Order:
1. the catalog (``corpus/catalog.csv``), when it has a row for the file (or, below the catalog,
   the date an HTML page's own metadata gives);
2. a full date in a header, byline or footer block (``2020-05-16 17:05:24``, ``Updated: June 2,
   2020``, ``발행일2025년 9월 28일``), or a dateline (``URUMQI, May 16 (Xinhua)``);
3. inferred: the latest year-month the text itself mentions (a report is published after what it
   reports), at month granularity — or the latest year when no month is known.
Each date carries ``date_source`` (how) and ``date_confidence`` (``CONFIDENCE``: 1.0 catalog ...
0.3 guessed from the latest date the text mentions).
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import regex

from .. import resources, rx
from ..types import BODY, BYLINE, FOREIGN, HEADLINE, DocumentMeta

_YEAR_HEADING = rx.compile(r"^((?:19|20)\d\d)\s*年?$")
_YEAR_MONTH_ZH = rx.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月")
_MONTH_ZH = rx.compile(r"(?<![\d年])(\d{1,2})\s*月")
_YEAR = rx.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)(?:\s*年)?")
_THIS_YEAR_MONTHS = rx.compile(r"今年前(\d{1,2})个月|前(\d{1,2})个月")
# A year written in Chinese digits (二〇一九年): a text naming its year only this way must not be
# dated by an older year it names in Arabic digits.
_YEAR_ZH_DIGITS = rx.compile(r"([〇零一二三四五六七八九]{4})\s*年")
_ZH_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}

# How sure each way of finding the date is (shown by `factmine ingest`, the run summary).
CONFIDENCE = {"catalog": 1.0, "given": 1.0, "html metadata": 0.9, "date in the byline/header": 0.9,
              "date in the page footer metadata": 0.8, "date in a headline": 0.8,
              "dateline, year inferred": 0.6, "inferred: latest date the text mentions": 0.3}
GUESSED = frozenset(s for s, c in CONFIDENCE.items() if c < 0.8)


_SOURCE_NAMES = {BYLINE: "date in the byline/header", FOREIGN: "date in the page footer metadata",
                 HEADLINE: "date in a headline"}


@lru_cache(maxsize=1)
def _patterns():
    data = resources.load("common", "metadata")
    flags = regex.VERSION1
    return ([rx.compile(p, flags) for p in data["header_dates"]],
            [rx.compile(p, flags) for p in data["datelines"]],
            {k.casefold(): v for k, v in data["months"].items()},
            [(rx.compile(p, regex.IGNORECASE), name) for p, name in data["publishers"].items()])


def _month(value: str, months: dict[str, int]) -> int | None:
    if value.isdigit():
        m = int(value)
    else:
        m = months.get(value.casefold().rstrip("."))
    return m if m and 1 <= m <= 12 else None


def _iso(y: int | None, m: int | None, d: int | None) -> str | None:
    if y is None:
        return None
    if m is None:
        return f"{y:04d}"
    if d is None or not 1 <= d <= 31:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def header_date(blocks_text: list[tuple[str, str, int]]) -> tuple[str, str, tuple[int, int]] | None:
    """First full date in a byline/footer/headline block: (iso, source, analysis span)."""
    header, _, months, _ = _patterns()
    for kind in (BYLINE, FOREIGN, HEADLINE):
        for text, k, offset in blocks_text:
            if k != kind:
                continue
            for pat in header:
                m = pat.search(text)
                if m:
                    month = _month(m.group("m"), months)
                    if month:
                        return (_iso(int(m.group("y")), month, int(m.group("d"))), _SOURCE_NAMES[kind],
                                (offset + m.start(), offset + m.end()))
    return None


def dateline(text: str) -> tuple[int, int, str, str] | None:
    """(month, day, place, agency) of a dateline opening a paragraph."""
    _, lines, months, _ = _patterns()
    for pat in lines:
        m = pat.search(text)
        if m:
            month = _month(m.group("m"), months)
            if month:
                return month, int(m.group("d")), m.group("place").strip(), m.group("agency").strip()
    return None


def latest_mentioned(blocks_text: list[tuple[str, str, int]]) -> str | None:
    """The latest year-month (or year) the text mentions, following timeline year headings."""
    best: tuple[int, int] | None = None
    heading_year: int | None = None
    for text, kind, _ in blocks_text:
        h = _YEAR_HEADING.match(text)
        if h:
            heading_year = int(h.group(1))
            best = max(best or (0, 0), (heading_year, 0))
            continue
        found = False
        for m in _YEAR_MONTH_ZH.finditer(text):
            if 1 <= int(m.group(2)) <= 12:
                best = max(best or (0, 0), (int(m.group(1)), int(m.group(2))))
                found = True
        for m in _YEAR.finditer(text):
            best = max(best or (0, 0), (int(m.group(1)), 0))
        for m in _YEAR_ZH_DIGITS.finditer(text):
            year = int("".join(_ZH_DIGIT[c] for c in m.group(1)))
            if 1900 <= year <= 2099:
                best = max(best or (0, 0), (year, 0))
        if heading_year and not found:
            for m in _MONTH_ZH.finditer(text):
                if 1 <= int(m.group(1)) <= 12:
                    best = max(best or (0, 0), (heading_year, int(m.group(1))))
    if best is None:
        return None
    return _iso(best[0], best[1] or None, None)


def publisher(texts: list[str]) -> str | None:
    *_, pubs = _patterns()
    for text in texts:
        for pat, name in pubs:
            if pat.search(text):
                return name
    return None


def infer_meta(blocks_text: list[tuple[str, str, int]], encoding: str, catalog: dict | None = None) -> DocumentMeta:
    """Metadata from (block text, kind, analysis offset) triples, in document order."""
    catalog = catalog or {}
    title = next((t.lstrip("#").strip() for t, k, _ in blocks_text if k == HEADLINE and not _YEAR_HEADING.match(t)),
                 None)
    byline = next((t for t, k, _ in blocks_text if k == BYLINE), None)
    first_body = next(((t, o) for t, k, o in blocks_text if k == BODY), None)
    meta = DocumentMeta(encoding=encoding, title=title, byline=byline,
                        publisher=publisher([t for t, k, _ in blocks_text[:12] if k in (BYLINE, BODY)][:4]))
    date = header_date(blocks_text)
    if date:
        meta = replace(meta, date=date[0], date_source=date[1], date_span=date[2])
    elif first_body and (dl := dateline(first_body[0])):
        latest = latest_mentioned(blocks_text)
        if latest:
            meta = replace(meta, date=_iso(int(latest[:4]), dl[0], dl[1]), date_source="dateline, year inferred")
    if meta.date is None:
        latest = latest_mentioned(blocks_text)
        if latest:
            meta = replace(meta, date=latest, date_source="inferred: latest date the text mentions")
    for key in ("title", "publisher", "url", "byline"):
        if catalog.get(key):
            meta = replace(meta, **{key: catalog[key]})
    if catalog.get("date"):
        meta = replace(meta, date=catalog["date"], date_source=catalog.get("date_source", "catalog"), date_span=None)
    return replace(meta, date_confidence=CONFIDENCE.get(meta.date_source)) if meta.date else meta
