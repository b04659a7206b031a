"""Festivals and named days: a fixed day, a month, or a lunar date (see pipeline/dates/calendars.py)."""
from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, NamedTuple

import regex

from .. import rx
from ..resources import alternation, load
from .calendars import LUNAR_DAYS, chinese_new_year, easter, islamic, lunar, public_holiday
from .core import DAY, MONTH, PERIOD, QUARTER, YEAR  # noqa: F401
from .core import Resolved, _Ctx, _future_at, _ym, _ymd, resolve_partial_year  # noqa: F401

_SHIFTED = rx.compile(r"(cny|easter)([+-]\d+)?")
_HOLIDAY = rx.compile(r"[A-Z]{2}:.+")
_MONTH_DAY = rx.compile(r"\d\d(?:-\d\d)?")


# ----------------------------------------------------------------------------- festivals

# A festival's "spec" in timex.yaml: 'MM-DD' a fixed day, 'MM' a month; a lunar name of
# calendars.LUNAR_DAYS (mid_autumn, dragon_boat ...) its day; 'cny' Chinese New Year (with a window),
# 'cny+N' a day N days from it; 'eid_adha' / 'eid_fitr' their month (they begin a day apart in
# different places); 'easter+N' a day N days from Easter Sunday ('easter-7/easter' a span of days);
# 'XX:Name' a public holiday of country XX by its English name in ``holidays``.
_MONTH_ONLY = {"eid_adha", "eid_fitr"}


def _spec_day(spec: str, year: int) -> _dt.date | None:
    """The day a single-day spec falls on in a year (None for fixed 'MM' months and unknown specs)."""
    if spec in LUNAR_DAYS:
        return lunar(year, spec)
    if spec in _MONTH_ONLY:
        return islamic(year, spec)
    m = _SHIFTED.fullmatch(spec)
    if m:
        base = chinese_new_year(year) if m[1] == "cny" else easter(year)
        return base + _dt.timedelta(days=int(m[2] or 0)) if base else None
    if _HOLIDAY.fullmatch(spec):
        return public_holiday(spec[:2], spec[3:], year)
    return None


def _festival_month(spec: str, year: int) -> int | None:
    """The month a festival falls in (to pick its year like any year-less month)."""
    first = spec.split("/")[0]
    d = _spec_day(first, year)
    if d is not None:
        return d.month
    try:
        return int(first[:2])
    except ValueError:
        return None


def _festival_date(spec: str, year: int, window: tuple[int, int] | None) -> tuple[str, str] | None:
    """(iso, granularity) of a festival in a year (see the spec forms above); 'cny' alone is the
    months of Chinese New Year's window (春节前后)."""
    if "/" in spec:
        a, b = (_spec_day(x, year) for x in spec.split("/", 1))
        return (f"{a.isoformat()}/{b.isoformat()}", PERIOD) if a and b else None
    if spec == "cny":
        d = chinese_new_year(year)
        if d is None:
            return None
        w0, w1 = window or (-1, 7)
        a, b = d + _dt.timedelta(days=w0), d + _dt.timedelta(days=w1)
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.year:04d}-{a.month:02d}", MONTH
        return f"{a.year:04d}-{a.month:02d}/{b.year:04d}-{b.month:02d}", PERIOD
    d = _spec_day(spec, year)
    if d is not None:
        return (f"{d.year:04d}-{d.month:02d}", MONTH) if spec in _MONTH_ONLY else (d.isoformat(), DAY)
    if not _MONTH_DAY.fullmatch(spec):
        return None    # an unknown spec in timex.yaml: no date rather than a crash
    if len(spec) == 2:
        iso = _ym(year, int(spec))
        return (iso, MONTH) if iso else None
    iso = _ymd(year, int(spec[:2]), int(spec[3:5]))
    return (iso, DAY) if iso else None


def _festival(spec: str, m: regex.Match, ctx: _Ctx, year: tuple[int, bool] | None | bool,
              window: tuple[int, int] | None) -> "Resolved | None":
    """Resolve a festival: the explicit year (``year``), else the context year, else the
    reference year by the year-less rule (forward when the sentence plans it)."""
    if year is False:
        return None
    if year is None:
        if ctx.default_year is not None:
            year = (ctx.default_year, False)
        elif ctx.ref is None:
            return ("", DAY, True, "festival")
        else:
            mo = _festival_month(spec, ctx.ref.year) or 1
            year = resolve_partial_year(mo, ctx.ref, None, forward=_future_at(ctx, m.start(), m.end()))
    r = _festival_date(spec, year[0], window)
    if r is None:
        return ("", DAY, year[1], "festival")
    return (r[0], r[1], year[1], "festival")


