"""Composition: a found date joined with the words that modify it, as one expression.

* bounds: ``before 2010`` -> ``/2009-12-31``, ``after Feb 2018`` -> ``2018-03-01/``, ``until March
  2021`` -> ``/2021-03-31`` (ISO 8601-2 open intervals written with an empty side; kinds before /
  after / until), 2010年以前, 2000年后, después de febrero de 2018, anteriores a 2001;
* offsets: ``2 weeks before May 13 1999`` -> ``1999-04-29``, ``the year before 2015`` -> ``2014``,
  ``the day after Christmas 2019``, 1999年5月13日前两周, 2015年的前一年 (kind offset; the value
  keeps the anchor's granularity, or the unit's when finer);
* ranges of two found dates: ``entre abril y junio del año pasado`` -> ``2019-04/2019-06``,
  ``enero-agosto``, ``between 2010 and 2015`` (a year-less first end takes the second's year).

The words are data (``compose`` in resources/<lang>/timex.yaml).  The unmodified date stays
available in ``Timex.parts`` (see :func:`pipeline.dates.anchors`).
"""
from __future__ import annotations

import dataclasses
import datetime as _dt
from functools import lru_cache

import regex

from .. import rx
from ..resources import alternation, load
from .core import DAY, MONTH, PERIOD, YEAR, Timex, _Ctx, _num, _shift_month

_VALUE = rx.compile(r"(\d{4})(?:-(?:Q(\d)|(\d\d)(?:-(\d\d))?))?")

BOUND_KINDS = frozenset({"before", "after", "until", "offset"})


# ----------------------------------------------------------------------------- calendar bounds

def bounds(value: str) -> tuple[_dt.date, _dt.date] | None:
    """First and last day of a value: 2019, 2019-05, 2019-Q2, 2019-05-13, a/b."""
    if "/" in value:
        a, b = value.split("/", 1)
        ra, rb = (bounds(a) if a else None), (bounds(b) if b else None)
        return (ra[0], rb[1]) if ra and rb else None
    m = _VALUE.fullmatch(value)
    if not m:
        return None
    y = int(m[1])
    if m[2]:
        q = int(m[2])
        first = _dt.date(y, 3 * q - 2, 1)
        ny, nm = _shift_month(y, 3 * q, 1)
        return first, _dt.date(ny, nm, 1) - _dt.timedelta(days=1)
    if m[4]:
        d = _dt.date(y, int(m[3]), int(m[4]))
        return d, d
    if m[3]:
        mo = int(m[3])
        ny, nm = _shift_month(y, mo, 1)
        return _dt.date(y, mo, 1), _dt.date(ny, nm, 1) - _dt.timedelta(days=1)
    return _dt.date(y, 1, 1), _dt.date(y, 12, 31)


def shift(value: str, granularity: str, n: int, unit: str) -> tuple[str, str] | None:
    """``value`` moved by n units (day, week, month, year): (value, granularity)."""
    b = bounds(value)
    if b is None:
        return None
    d = b[0]
    if unit in ("day", "week"):
        if granularity != DAY:
            return None
        d = d + _dt.timedelta(days=n * (7 if unit == "week" else 1))
        return d.isoformat(), DAY
    months = n * (12 if unit == "year" else 1)
    y, mo = _shift_month(d.year, d.month, months)
    if granularity == DAY:
        try:
            return _dt.date(y, mo, d.day).isoformat(), DAY
        except ValueError:
            return None
    if granularity == YEAR or (granularity == MONTH and unit == "year" and len(value) == 4):
        return f"{y:04d}", YEAR
    if granularity == MONTH:
        return f"{y:04d}-{mo:02d}", MONTH
    return None


# ----------------------------------------------------------------------------- the words

@lru_cache(maxsize=None)
def _words(lang: str) -> dict:
    c = load(lang, "timex").get("compose") or {}
    units = {str(k).lower(): v for k, v in (c.get("units") or {}).items()}
    numbers = {str(k).lower(): v for k, v in (load(lang, "timex").get("number_words") or {}).items()}
    numbers.update({str(k).lower(): v for k, v in (c.get("article_numbers") or {}).items()})
    UNIT = alternation(list(units))
    NUM = r"\d{1,3}|" + (r"[一二两三四五六七八九十]{1,3}" if lang == "zh" else alternation(list(numbers))[3:-1])
    out = {"units": units, "numbers": numbers}
    flags = regex.I
    if lang == "zh":
        out["suffix"] = {k: rx.compile(rf"^(?:{alternation(v)})", flags) for k, v in c["suffix_bounds"].items()}
        out["prefix"] = {k: rx.compile(rf"(?<!截)(?:{alternation(v)})$", flags) for k, v in c["prefix_bounds"].items()}
        out["since"] = (rx.compile(rf"(?:{alternation(c['since_open'])})$"), rx.compile(rf"^(?:{alternation(c['since_close'])})"))
        out["offset_after"] = rx.compile(
            rf"^(?:的)?(?P<dir>{alternation(c['offset_before'] + c['offset_after'])})(?P<n>{NUM})(?P<unit>{UNIT})", flags)
    else:
        out["prefix"] = {k: rx.compile(rf"(?<!\w)(?:{alternation(v)})\s+$", flags) for k, v in c["prefix_bounds"].items()}
        out["offset_before"] = rx.compile(
            rf"(?<!\w)(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+(?P<dir>{alternation(c['offset_before'] + c['offset_after'])})\s+$", flags)
    out["dir_before"] = set(w.lower() for w in c["offset_before"])
    out["deadline"] = tuple(w.lower() for w in c.get("no_bound_on") or ())
    out["range_gap"] = rx.compile(rf"^\s*(?:{alternation(c['range_connectors'])})\s*$", flags) \
        if c.get("range_connectors") else None
    out["range_start"] = rx.compile(rf"(?<!\w)(?:{alternation(c['range_starts'])})\s+$", flags) \
        if c.get("range_starts") else None
    return out


def _count(s: str, numbers: dict[str, int]) -> int | None:
    s = s.lower()
    return int(s) if s.isdigit() else numbers.get(s, _num(s))


# ----------------------------------------------------------------------------- resolvers

def _bound(kind: str, t: Timex) -> str | None:
    b = bounds(t.value)
    if b is None:
        return None
    one = _dt.timedelta(days=1)
    return {"before": f"/{(b[0] - one).isoformat()}", "after": f"{(b[1] + one).isoformat()}/",
            "until": f"/{b[1].isoformat()}"}[kind]


def _joined(t: Timex, start: int, end: int, value: str, gran: str, kind: str, text: str) -> Timex:
    return Timex(start, end, text[start:end], value, gran, t.relative, kind, (), (t,))


def _with_offset(t: Timex, m: regex.Match, w: dict, start: int, end: int, text: str) -> Timex | None:
    n = _count(m["n"], w["numbers"])
    unit = w["units"].get(m["unit"].lower())
    if n is None or unit is None:
        return None
    sign = -1 if m["dir"].lower() in w["dir_before"] else 1
    r = shift(t.value, t.granularity, sign * n, unit)
    return _joined(t, start, end, r[0], r[1], "offset", text) if r else None


def _modify_latin(t: Timex, text: str, w: dict, ctx: _Ctx) -> Timex:
    left = text[max(0, t.start - 60):t.start]
    m = w["offset_before"].search(left)
    if m:
        j = _with_offset(t, m, w, t.start - len(left) + m.start(), t.end, text)
        if j is not None:
            return j
    if t.text.lower().startswith(w["deadline"]):
        return t                          # antes de fin de año: a deadline, the year (annotators' rule)
    for kind, pat in w["prefix"].items():
        m = pat.search(left)
        if m and t.kind not in ("since", "festival") or (m and t.kind == "festival" and kind != "before"):
            v = _bound(kind, t)
            if v:
                return _joined(t, t.start - len(left) + m.start(), t.end, v, PERIOD, kind, text)
    return t


def _modify_zh(t: Timex, text: str, w: dict, ctx: _Ctx) -> Timex:
    right = text[t.end:t.end + 12]
    m = w["offset_after"].match(right)
    if m:
        j = _with_offset(t, m, w, t.start, t.end + m.end(), text)
        if j is not None:
            return j
    if t.kind == "since":
        return t
    left, right_since = w["since"][0].search(text, max(0, t.start - 2), t.start), w["since"][1].match(right)
    if left and right_since and t.granularity != PERIOD:
        return _since(t, left.start(), t.end + right_since.end(), text, ctx)
    for kind, pat in w["suffix"].items():
        m = pat.match(right)
        if m:
            v = _bound(kind, t)
            if v:
                return _joined(t, t.start, t.end + m.end(), v, PERIOD, kind, text)
    left = text[max(0, t.start - 4):t.start]
    for kind, pat in w["prefix"].items():
        m = pat.search(left)
        if m:
            v = _bound(kind, t)
            if v:
                return _joined(t, t.start - len(left) + m.start(), t.end, v, PERIOD, kind, text)
    return t


def _since(t: Timex, start: int, end: int, text: str, ctx: _Ctx) -> Timex:
    """自2016年起: from the date to the reference year (like since 2016), open when still ahead."""
    ref = ctx.ref.year if ctx.ref is not None else None
    y = t.value[:4]
    value = f"{t.value}/{ref}" if ref and str(ref) > y else f"{t.value}/"
    return Timex(start, end, text[start:end], value, PERIOD, True, "since", (), (t,))


def _range(a: Timex, b: Timex, text: str, w: dict) -> Timex | None:
    """Two dates joined by a range connector (abril y junio, 2010 and 2015): one period."""
    if w["range_gap"] is None or not (a.value and b.value and a.granularity == b.granularity
                                      and a.granularity in (MONTH, YEAR)):
        return None
    if not w["range_gap"].match(text[a.end:b.start]):
        return None
    start = a.start
    gap = text[a.end:b.start].strip().lower()
    opener = w["range_start"].search(text, max(0, a.start - 12), a.start) if w["range_start"] else None
    if gap in ("y", "and") and opener is None:
        return None                       # "mayo y junio" is two months, "entre mayo y junio" one span
    if opener is not None:
        start = opener.start()
    first = a.value
    if a.granularity == MONTH and a.relative and not b.relative or (a.relative and b.value[:4] != a.value[:4]):
        first = b.value[:4] + a.value[4:]
    if first >= b.value:
        return None
    return Timex(start, b.end, text[start:b.end], f"{first}/{b.value}", PERIOD,
                 a.relative and b.relative, "", (), (a, b))


def compose(found: list[Timex], ctx: _Ctx) -> list[Timex]:
    """Join each date with its modifiers and adjacent range ends (see the module docstring)."""
    if ctx.lang not in ("zh", "en", "es") or not load(ctx.lang, "timex").get("compose"):
        return found
    w = _words(ctx.lang)
    text = ctx.text
    out: list[Timex] = []
    for t in found:
        if out and (r := _range(out[-1], t, text, w)) is not None and (len(out) < 2 or out[-2].end <= r.start):
            out[-1] = r
            continue
        out.append(t)
    modify = _modify_zh if ctx.lang == "zh" else _modify_latin
    res: list[Timex] = []
    for t in out:
        if res and t.start < res[-1].end:
            continue                      # swallowed by the previous date's modifier (6月前一个月)
        j = modify(t, text, w, ctx) if t.value else t
        if res and j.start < res[-1].end:
            j = t                         # the modifier words overlap the previous date: leave it
        if j.kind == "since" and "/" not in j.value and j.value:
            j = dataclasses.replace(j, value=f"{j.value}/", granularity=PERIOD)   # a partir de 2022 (ahead)
        res.append(j)
    return res


def anchors(found: list[Timex]) -> list[Timex]:
    """The dates as written, modifiers dropped: ``before 2010``, ``自2016年起`` give back ``2010``, ``2016年`` (what the
    events extractor and figure periods anchor on); ranges and other dates stay as they are."""
    return [t.parts[0] if (t.kind in BOUND_KINDS or t.kind == "since") and t.parts else t for t in found]
