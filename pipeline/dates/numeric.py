"""Numeric dates shared by the three languages (ISO, 2024/5/16, 12.06.2024)."""
from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, NamedTuple

import regex

from ..resources import alternation, load
from .core import DAY, MONTH, PERIOD, QUARTER, YEAR  # noqa: F401
from .core import Resolved, _Ctx, _valid_year, _ymd  # noqa: F401


# ----------------------------------------------------------------------------- shared rules

_ISO = regex.compile(
    r"(?<![\d.])(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?:\s*日)?"
    r"(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2})?)?(?![\d.]\d)")


def _r_iso(m: regex.Match, ctx: _Ctx) -> Resolved | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid_year(y):
        return None
    iso = _ymd(y, mo, d)
    return (iso, DAY, False) if iso else None


_ISO_MONTH = regex.compile(r"(?<![\d.\-/])(?P<y>\d{4})-(?P<m>0[1-9]|1[0-2])(?![\d\-/.])")


def _r_iso_month(m: regex.Match, ctx: _Ctx) -> Resolved | None:
    y = int(m["y"])
    return (f"{y:04d}-{m['m']}", MONTH, False) if _valid_year(y) else None


# 12/06/2024, 12.06.2024: day first in Spanish; in English month first (06/12/2024) unless the
# first number cannot be a month
_NUMERIC_DMY = regex.compile(
    r"(?<![\d.,/\-])(?P<a>[0-3]?\d)(?P<s>[/.\-])(?P<b>[01]?\d)(?P=s)(?P<y>\d{4})(?![\w]|[/.\-]\d)"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")


def _r_numeric_dmy(m: regex.Match, ctx: _Ctx) -> Resolved | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if not _valid_year(y):
        return None
    d, mo = (a, b) if ctx.lang != "en" or a > 12 else (b, a)
    iso = _ymd(y, mo, d)
    return (iso, DAY, False) if iso else None


