"""Numeric dates shared by the three languages (ISO, 2024/5/16, 12.06.2024)."""
from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, NamedTuple

import regex

from .. import rx
from ..resources import alternation, load
from .core import DAY, MONTH, PERIOD, QUARTER, YEAR  # noqa: F401
from .core import Resolved, _Ctx, _valid_year, _ymd, century  # noqa: F401


# ----------------------------------------------------------------------------- shared rules

_ISO = rx.compile(
    r"(?<![\d.])(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?:\s*日)?"
    r"(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2})?)?(?![\d.]\d)")


def _r_iso(m: regex.Match, ctx: _Ctx) -> Resolved | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid_year(y):
        return None
    iso = _ymd(y, mo, d)
    return (iso, DAY, False) if iso else None


_ISO_MONTH = rx.compile(r"(?<![\d.\-/])(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])(?![\d\-/]|\.\d)")


def _r_iso_month(m: regex.Match, ctx: _Ctx) -> Resolved | None:
    y = int(m["y"])
    return (f"{y:04d}-{m['m']}", MONTH, False) if _valid_year(y) else None


# 12/06/2024, 12.06.2024, 05/05/89, 3-9-19: the order of day and month is the language's (day
# first in Spanish; month first in English and Chinese) unless a number cannot be a month, or the
# document's other numeric dates settle it (ctx.day_first).  When neither does and both readings
# are valid, the value is the language's reading and ``alternatives`` holds the other one.
_NUMERIC_DMY = rx.compile(
    r"(?<![\d.,/\-:$€£¥A-Za-z_])(?P<a>[0-3]?\d)(?P<s>[/.\-])(?P<b>[0-3]?\d)(?P=s)(?P<y>\d{4}|\d{2})"
    r"(?![A-Za-z\d_%‰]|[/.\-:]\d)(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")


def _r_numeric_dmy(m: regex.Match, ctx: _Ctx) -> Resolved | None:
    a, b, yy = int(m["a"]), int(m["b"]), m["y"]
    if len(yy) == 2 and m["s"] == "." and (len(m["a"]) < 2 or len(m["b"]) < 2):
        return None                      # 1.2.10 is a version number, 05.05.89 a date
    y = int(yy) if len(yy) == 4 else century(int(yy), ctx.ref)
    if not _valid_year(y):
        return None
    if a > 12 or b > 12:
        day_first = a > 12
        alternatives = ()
    else:
        day_first = ctx.day_first if ctx.day_first is not None else ctx.lang == "es"
        other = _ymd(y, a, b) if day_first else _ymd(y, b, a)   # the other order
        alternatives = (other,) if other and a != b and ctx.day_first is None else ()
    d, mo = (a, b) if day_first else (b, a)
    iso = _ymd(y, mo, d)
    return (iso, DAY, False, "", alternatives) if iso else None


# 12-2015, 03/2019 (month-year) and 2019/12, 2021.06 (year-month): month granularity
_MONTH_YEAR = rx.compile(
    r"(?<![\d.,/\-:$€£¥A-Za-z_])(?P<m>0?[1-9]|1[0-2])(?P<s>[/\-])(?P<y>(?:18|19|20)\d\d)(?![A-Za-z\d_%‰]|[/.\-:]\d)")
_YEAR_MONTH = rx.compile(
    r"(?<![\d.,/\-:$€£¥A-Za-z_])(?P<y>(?:18|19|20)\d\d)(?:/(?P<m>0?[1-9]|1[0-2])|\.(?P<m2>0[1-9]|1[0-2]))"
    r"(?![A-Za-z\d_%‰]|[/.\-:,]\d|\s*[万亿元%‰])")


def _r_month_year(m: regex.Match, ctx: _Ctx) -> Resolved | None:
    y, mo = int(m["y"]), int(m["m"] or m["m2"])
    return (f"{y:04d}-{mo:02d}", MONTH, False) if _valid_year(y) else None


_DAY_FIRST_EVIDENCE = rx.compile(
    r"(?<![\d.,/\-:])(?P<a>[0-3]?\d)(?P<s>[/.\-])(?P<b>[0-3]?\d)(?P=s)(?:\d{4}|\d{2})(?![\d])")
# the part every piece of evidence holds (a's last digit to the year's first two): a search for it
# is ~20x cheaper than the evidence scan, and no evidence starts more than one character before it
_DAY_FIRST_GATE = rx.compile(r"\d([/.\-])[0-3]?\d\1\d\d")


def day_first_in(text: str) -> bool | None:
    """What a document's unambiguous numeric dates say about the order: True when one has its
    day first (25/12/2019), False when one has its month first (12/25/2019), None when none says
    or they disagree."""
    gate = _DAY_FIRST_GATE.search(text)
    if gate is None:
        return None
    seen = set()
    for m in _DAY_FIRST_EVIDENCE.finditer(text, max(0, gate.start() - 1)):
        a, b = int(m["a"]), int(m["b"])
        if a > 12 >= b:
            seen.add(True)
        elif b > 12 >= a:
            seen.add(False)
        if len(seen) == 2:
            return None
    return next(iter(seen)) if seen else None
