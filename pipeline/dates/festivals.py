"""Festivals and named days: a fixed day, a month, or a lunar date (see pipeline/dates/calendars.py)."""
from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, NamedTuple

import regex

from ..resources import alternation, load
from .core import DAY, MONTH, PERIOD, QUARTER, YEAR  # noqa: F401
from .core import Resolved, _Ctx, _future_at, _ym, _ymd, resolve_partial_year  # noqa: F401


# ----------------------------------------------------------------------------- festivals

@lru_cache(maxsize=None)
def _cny_table() -> dict[int, _dt.date]:
    """Chinese New Year by year (zh/timex.yaml ``chinese_new_year``)."""
    return {int(y): _dt.date.fromisoformat(str(d)) for y, d in load("zh", "timex")["chinese_new_year"].items()}


@lru_cache(maxsize=None)
def _lunar_tables() -> dict[str, tuple[str, dict[int, _dt.date]]]:
    """Other lunar festivals (zh/timex.yaml ``lunar_tables``): name -> (granularity, year -> date)."""
    out = {}
    for name, t in (load("zh", "timex").get("lunar_tables") or {}).items():
        out[name] = (t["granularity"], {int(y): _dt.date.fromisoformat(str(d)) for y, d in t["dates"].items()})
    return out


def _festival_month(spec: str, year: int) -> int | None:
    """The month a festival falls in (to pick its year like any year-less month)."""
    if spec in _lunar_tables():
        d = _lunar_tables()[spec][1].get(year)
        return d.month if d else None
    if spec.startswith("cny"):
        d = _cny_table().get(year)
        return d.month if d else 2
    try:
        return int(spec[:2])
    except ValueError:
        return None


def _festival_date(spec: str, year: int, window: tuple[int, int] | None) -> tuple[str, str] | None:
    """(iso, granularity) of a festival in a year: 'MM-DD' a day, 'MM' a month, 'cny' the months
    of Chinese New Year's window (春节前后), 'cny+0' / 'cny-1' a day; a name of ``lunar_tables``
    its day or month."""
    if spec in _lunar_tables():
        gran, dates = _lunar_tables()[spec]
        d = dates.get(year)
        if d is None:
            return None
        return (d.isoformat(), DAY) if gran == DAY else (f"{d.year:04d}-{d.month:02d}", MONTH)
    if spec.startswith("cny"):
        d = _cny_table().get(year)
        if d is None:
            return None
        if spec != "cny":
            return (d + _dt.timedelta(days=int(spec[3:]))).isoformat(), DAY
        w0, w1 = window or (-1, 7)
        a, b = d + _dt.timedelta(days=w0), d + _dt.timedelta(days=w1)
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.year:04d}-{a.month:02d}", MONTH
        return f"{a.year:04d}-{a.month:02d}/{b.year:04d}-{b.month:02d}", PERIOD
    if not regex.fullmatch(r"\d\d(?:-\d\d)?", spec):
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


