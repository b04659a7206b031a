"""Temporal expressions in zh / en / es: find them, then resolve them to ISO 8601.

``find_timexes(text, lang, reference_date)`` returns the date expressions of ``text`` as
:class:`Timex` (offsets into ``text``, half-open), each resolved at its own granularity:

    2024-05-28 (day)  2015-04 (month)  2020-Q1 (quarter)  2016 (year)  2024-01/2024-05 (period)

Relative expressions (去年, last year, el año pasado, a year-less 5月28日 / May 16 / en junio,
6月初, 近日, 今年前5个月 ...) are resolved against ``reference_date`` — the document date, at any
granularity (``2024-06-15``, ``2024-06``, ``2024``) — never against the clock.  When it is None
(or too coarse, e.g. 上月 with a year-only reference) the Timex is still returned with date ''.
``default_year`` supplies the year of year-less dates from context (a timeline heading); such dates
are then *not* relative.

Year-less dates (5月28日, May 16, en junio) take the reference year, except when that would put
them more than 6 months after the reference month: then they belong to the previous year
(reference 2025-01-10: "12月" -> 2024-12, "3月" -> 2025-03).  News mostly reports the past, so
the rule moves backwards — except for a PLANNED date: a future cue in its clause shortly before it
(将于, 计划于, will, scheduled for, prevista para, se celebrará) or 将/拟 right after it resolves it
forward (reference 2024-10-20: "将于3月举办" -> 2025-03, "3月举办" -> 2024-03).

Parts of a year name a month, never the bare year: 去年底 / 年末 / 岁末 / late 2023 / the end of
last year -> MM=12, 年初 / early this year / a principios de este año -> 01, 年中 / mid-2022 /
a mediados de 2022 -> 06; 上半年 -> 01/06.  ("early in 2016", with "in", places an event loosely
in the year and stays the year.)  The Spanish end of a year (a finales de 2025, a fin de año) stays
the year, as the annotators put it (part value 0 in es/timex.yaml).

Weekdays (said Monday, on Tuesday, el lunes, 周二) -> the latest such day on or before the document
day (the same day included); "last"/"el pasado"/"pasado" the one before it, "next"/"el próximo" the
one after, a planned one (will open on Friday) on or after it; el miércoles 17 / Monday the 15th
-> the day of that number on that weekday nearest the document day.  Weeks (last week, esta semana,
上周, two weeks ago, 两周前) -> the ISO week ``YYYY-MM-DD/YYYY-MM-DD`` (Monday/Sunday).  Web
publication lines: 18-Apr-2023, 18-abr-2023, 18-Apr-23.

Festivals and named days (春节, 今年春节前后, 国庆, 双十一, 元旦, Christmas, Singles' Day, Navidad ...)
are data in timex.yaml: a fixed day, a month, or Chinese New Year (a table by year) with a window
(春节前后 = the months of CNY ± 15 days).  The year is explicit (2024年春节, last Christmas) or
picked like a year-less month.

since 2020 / desde 2021 / 2018年以来 -> 2020/<reference year>; the past five years / 近五年 ->
<ref-5>/<ref>; ten years ago / hace diez años / 十年前 -> <ref-10>.  These carry ``kind`` "since",
"last_n", "ago" (festivals "festival") so callers can treat them as vague (events need an action).

Not dates: numbers + 年 that are not 4-digit years 1800-2099 (300年, 3年), 4-digit durations
(逾2000年, 2000多年), 5G, 90后, percentages, amounts, the modal "may" (English month names are
matched capitalized only), years followed by a counted noun (2000 people).

Word lists live in ``pipeline/resources/<lang>/timex.yaml``; the regexes are compiled once per
language on first use.  The search is "find, then resolve": each rule is a regex plus a resolver.
"""
from __future__ import annotations

import bisect

import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, NamedTuple

import regex

from ..resources import alternation, load

__all__ = ["Timex", "find_timexes", "parse_reference", "Reference", "resolve_partial_year"]

DAY, MONTH, QUARTER, YEAR, PERIOD = "day", "month", "quarter", "year", "period"


@dataclass(frozen=True, slots=True)
class Timex:
    start: int          # offsets in the text given (half-open)
    end: int
    text: str
    date: str           # ISO 8601 at its granularity, '' if unresolvable
    granularity: str    # day | month | quarter | year | period
    relative: bool      # resolving needed the reference date
    kind: str = ""      # "" | since (since 2020) | last_n (近五年) | ago (十年前) | festival (春节)


class Reference(NamedTuple):
    year: int
    month: int | None = None
    day: int | None = None


_REF_RE = regex.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@lru_cache(maxsize=256)
def parse_reference(reference_date: str | None) -> Reference | None:
    """'2024-06-15' / '2024-06' / '2024' (also '2024-06-15T10:00') -> Reference, else None."""
    if not reference_date:
        return None
    m = _REF_RE.match(reference_date)
    if not m:
        return None
    y = int(m.group(1))
    mo = int(m.group(2)) if m.group(2) else None
    d = int(m.group(3)) if m.group(3) else None
    return Reference(y, mo, d)


# ----------------------------------------------------------------------------- small helpers

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _num(s: str) -> int | None:
    """'2024', '２０２４', '二〇一七', '十一', '二十八', '三' -> int."""
    s = s.strip()
    if not s:
        return None
    if s.isdecimal():
        return int(s)
    if "十" in s:
        left, _, right = s.partition("十")
        tens = _CN_DIGITS.get(left, None) if left else 1
        ones = _CN_DIGITS.get(right, None) if right else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    if all(c in _CN_DIGITS for c in s):
        v = 0
        for c in s:
            v = v * 10 + _CN_DIGITS[c]
        return v
    return None


def _valid_year(y: int | None) -> bool:
    return y is not None and 1800 <= y <= 2099


def _ymd(y: int, m: int, d: int) -> str | None:
    try:
        _dt.date(y, m, d)
    except ValueError:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _day_range(first, month2: int, day2: int):
    """A day range (June 1-5, 1 al 5 de junio) from its resolved first day: 'start/end', or None."""
    if first is None or not first[0]:
        return first
    end = _ymd(int(first[0][:4]), month2, day2)
    if end is None or end <= first[0]:
        return None
    return (f"{first[0]}/{end}", PERIOD, first[2])


def _ym(y: int, m: int) -> str | None:
    return f"{y:04d}-{m:02d}" if 1 <= m <= 12 else None


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + delta
    return k // 12, k % 12 + 1


def resolve_partial_year(month: int, ref: Reference | None, default_year: int | None,
                         *, forward: bool = False) -> tuple[int, bool] | None:
    """Year for a year-less month/day: (year, relative) or None.

    default_year (context) wins and is not relative; otherwise the reference year, or the
    previous one when the month would lie more than 6 months after the reference month.
    ``forward`` (the date is planned: 将于3月, scheduled for March) takes the next year instead
    when the month lies before the reference month."""
    if default_year is not None:
        return default_year, False
    if ref is None:
        return None
    y = ref.year
    if forward:
        if ref.month is not None and month < ref.month:
            y += 1
    elif ref.month is not None and month - ref.month > 6:
        y -= 1
    return y, True


class _Ctx(NamedTuple):
    ref: Reference | None
    default_year: int | None
    text: str
    lang: str = ""


# a sentence is one clause for en/es except at these (a "." there is an abbreviation: Nov. 11)
_CLAUSE_END = {"zh": "，,；;。！!？?\n", "en": ",;!?\n", "es": ",;!?¡¿\n"}


@lru_cache(maxsize=None)
def _future_res(lang: str) -> tuple[regex.Pattern | None, regex.Pattern | None]:
    res = load(lang, "timex")
    before = res.get("future_cues") or []
    after = res.get("future_after") or []
    if lang == "zh":
        b = regex.compile(alternation(before)) if before else None
        a = regex.compile(r"^\s*" + alternation(after) + r"(?!近|军|其|之)") if after else None
    else:
        words = [r"\s+".join(regex.escape(p) for p in w.split()) for w in before]
        b = regex.compile(r"(?<![\w])" + alternation(words, escape=False) + r"(?![\w])", regex.I) if words else None
        a = None
    return b, a


def _future_at(ctx: _Ctx, start: int, end: int) -> bool:
    """The date at [start, end) is planned: a future cue in its clause shortly before it
    (将于, scheduled for, prevista para), or 将/拟 right after it (3月将举办)."""
    if not ctx.lang or ctx.ref is None:
        return False
    before, after = _future_res(ctx.lang)
    text = ctx.text
    lo = max(0, start - 40)
    ends = _CLAUSE_END.get(ctx.lang, ",;!?\n")
    for i in range(start - 1, lo - 1, -1):
        if text[i] in ends:
            lo = i + 1
            break
    if before is not None and before.search(text, lo, start):
        return True
    return after is not None and bool(after.match(text[end:end + 6]))


# a resolver returns (date, granularity, relative) or None to reject the match
Resolved = tuple[str, str, bool]
Resolver = Callable[[regex.Match, _Ctx], "Resolved | None"]


def _month_of(ctx: _Ctx, delta: int) -> str:
    if ctx.ref is None or ctx.ref.month is None:
        return ""
    y, m = _shift_month(ctx.ref.year, ctx.ref.month, delta)
    return _ym(y, m) or ""


def _year_of(ctx: _Ctx, delta: int) -> str:
    return f"{ctx.ref.year + delta:04d}" if ctx.ref else ""


def _day_of(ctx: _Ctx, delta: int) -> str:
    r = ctx.ref
    if r is None or r.month is None or r.day is None:
        return ""
    try:
        d = _dt.date(r.year, r.month, r.day) + _dt.timedelta(days=delta)
    except ValueError:
        return ""
    return d.isoformat()


def _ytd(ctx: _Ctx, year_delta: int = 0) -> Resolved:
    """From January of the reference year to the reference month."""
    r = ctx.ref
    if r is None:
        return "", PERIOD, True
    y = r.year + year_delta
    if r.month is None or year_delta:
        return f"{y:04d}", YEAR, True
    if r.month == 1:
        return f"{y:04d}-01", MONTH, True
    return f"{y:04d}-01/{y:04d}-{r.month:02d}", PERIOD, True


def _months_period(y: int, m1: int, m2: int) -> str | None:
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or m2 < m1:
        return None
    if m1 == m2:
        return f"{y:04d}-{m1:02d}"
    return f"{y:04d}-{m1:02d}/{y:04d}-{m2:02d}"


def _weekday_back(ctx: _Ctx, weekday: int) -> str:
    """Most recent given weekday (0=Monday) on or before the reference day."""
    r = ctx.ref
    if r is None or r.month is None or r.day is None:
        return ""
    try:
        ref = _dt.date(r.year, r.month, r.day)
    except ValueError:
        return ""
    return (ref - _dt.timedelta(days=(ref.weekday() - weekday) % 7)).isoformat()


def _ref_day(ctx: _Ctx) -> "_dt.date | None":
    r = ctx.ref
    if r is None or r.month is None or r.day is None:
        return None
    try:
        return _dt.date(r.year, r.month, r.day)
    except ValueError:
        return None


def _weekday_rel(ctx: _Ctx, weekday: int, delta: int, *, same_day: bool = False) -> str:
    """A weekday (0=Monday) relative to the reference day: delta 0 the latest on or before it
    (the same day included), -1 the latest strictly before it, +1 the next one strictly after
    (on or after it with ``same_day``: a planned "will open Friday" in a Friday article)."""
    ref = _ref_day(ctx)
    if ref is None:
        return ""
    if delta > 0:
        if same_day:
            return (ref + _dt.timedelta(days=(weekday - ref.weekday()) % 7)).isoformat()
        return (ref + _dt.timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)).isoformat()
    if delta < 0:
        return (ref - _dt.timedelta(days=(ref.weekday() - weekday - 1) % 7 + 1)).isoformat()
    return (ref - _dt.timedelta(days=(ref.weekday() - weekday) % 7)).isoformat()


def _week_of(ctx: _Ctx, delta: int) -> str:
    """The ISO week (Monday/Sunday) of the reference day shifted by ``delta`` weeks."""
    ref = _ref_day(ctx)
    if ref is None:
        return ""
    monday = ref - _dt.timedelta(days=ref.weekday()) + _dt.timedelta(weeks=delta)
    return f"{monday.isoformat()}/{(monday + _dt.timedelta(days=6)).isoformat()}"


def _g(m: regex.Match, name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


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


# ----------------------------------------------------------------------------- Chinese

def _zh_rules() -> list[tuple[regex.Pattern, Resolver]]:
    res = load("zh", "timex")
    rel_years: dict[str, int] = res["relative_years"]
    rel_months: dict[str, int] = res["relative_months"]
    rel_days: dict[str, int] = res["relative_days"]
    halves: dict[str, list[int]] = res["halves"]
    RY = alternation(rel_years)
    Y = r"(?P<y>\d{4}|[〇零○一二三四五六七八九]{4})"
    NOT_NUM_BEFORE = r"(?<![\d.〇零○一二三四五六七八九十两百千万])"
    MON = r"(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])"
    DAYN = r"(?P<d>\d{1,2}|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
    MPART = alternation(p for p in res["month_parts"] if p != "中")
    ypart_month: dict[str, int] = res["year_part_months"]
    # 中 only before punctuation (2023年中，…): 去年中国 / 今年中秋 are no year parts
    YPART = ("(?:" + "|".join(regex.escape(p) + (r"(?=[\s,，。；;、:：)）]|$|将|前后|以来|时|期间|左右)" if p == "中" else "")
                             for p in sorted(res["year_parts"], key=len, reverse=True)) + ")")
    DUR_PRE = alternation(res["duration_prefixes"])
    DUR_SUF = alternation(res["duration_suffixes"])
    CONN = alternation(c for c in res["range_connectors"] if c != "至今")
    N = r"(?P<n>\d{1,2}|[一二三四五六七八九十两]{1,3})"
    Q = r"(?P<q>[一二三四1-4１-４])"
    YEAR_HEAD = rf"(?:{NOT_NUM_BEFORE}(?<!{DUR_PRE}){Y}\s*年(?!{DUR_SUF})|(?P<ry>{RY}))"

    def year_from(m: regex.Match, ctx: _Ctx) -> tuple[int, bool] | None | bool:
        """Explicit year of the match: (year, relative); None if unresolvable; False if invalid."""
        if _g(m, "y"):
            y = _num(m["y"])
            return (y, False) if _valid_year(y) else False
        if _g(m, "ry"):
            if ctx.ref is None:
                return None
            return ctx.ref.year + rel_years[m["ry"]], True
        return None

    rules: list[tuple[regex.Pattern, Resolver]] = []

    def rule(pattern: str):
        def deco(fn: Resolver) -> Resolver:
            rules.append((regex.compile(pattern), fn))
            return fn
        return deco

    # [Y年|去年] M月 [D日|初|中旬...]
    DAYN2 = DAYN.replace("?P<d>", "?P<d2>")
    MON2 = MON.replace("?P<m>", "?P<m2>")

    @rule(rf"(?:{YEAR_HEAD}\s*)?(?<!每年|每个|每){NOT_NUM_BEFORE}{MON}\s*月"
          rf"(?:\s*{DAYN}\s*[日号](?:\s*{CONN}\s*(?:{MON2}\s*月\s*)?{DAYN2}\s*[日号])?|(?P<mp>{MPART})"
          rf"|(?!\s*{CONN}\s*(?:\d{{1,2}}|十[一二]?|[一二三四五六七八九])\s*月))")
    def _zh_date(m, ctx):
        mo = _num(m["m"])
        if mo is None or not 1 <= mo <= 12:
            return None
        yr = year_from(m, ctx)
        if yr is False:
            return None
        if _g(m, "y") or _g(m, "ry"):
            if yr is None:
                return ("", DAY if _g(m, "d") else MONTH, True)
            y, rel = yr
        else:
            pr = resolve_partial_year(mo, ctx.ref, ctx.default_year,
                                      forward=_future_at(ctx, m.start(), m.end()))
            if pr is None:
                return ("", DAY if _g(m, "d") else MONTH, True)
            y, rel = pr
        if _g(m, "d"):
            d = _num(m["d"])
            iso = _ymd(y, mo, d) if d else None
            if iso and _g(m, "d2"):   # 10月1日至7日 / 5月28日至6月2日
                mo2 = _num(m["m2"]) if _g(m, "m2") else mo
                d2 = _num(m["d2"])
                iso2 = _ymd(y, mo2, d2) if mo2 and d2 else None
                if iso2 is None or iso2 <= iso:
                    return None
                return (f"{iso}/{iso2}", PERIOD, rel)
            return (iso, DAY, rel) if iso else None
        return (_ym(y, mo), MONTH, rel)

    # Y年 [初|底|末] / Y年年底
    @rule(rf"{NOT_NUM_BEFORE}(?<!{DUR_PRE}){Y}\s*年(?!{DUR_SUF})(?:年?(?P<yp>{YPART}(?!步)))?")
    def _zh_year(m, ctx):
        y = _num(m["y"])
        if not _valid_year(y):
            return None
        if _g(m, "yp"):
            return (_ym(y, ypart_month[m["yp"]]), MONTH, False)
        return (f"{y:04d}", YEAR, False)

    # bare 年初 / 年底 / 年末: of the reference year (年底前建成)
    @rule(rf"(?<![\d〇零○一二三四五六七八九十年今去明前后每当同次翌本上])年(?P<yp>{YPART}(?!步))")
    def _zh_bare_year_part(m, ctx):
        mo = ypart_month[m["yp"]]
        if ctx.default_year is not None:
            return (_ym(ctx.default_year, mo), MONTH, False)
        return (_ym(ctx.ref.year, mo) if ctx.ref else "", MONTH, True)

    # 岁末 / 岁初: of the reference year
    @rule(alternation(res["year_part_words"]))
    def _zh_year_part_word(m, ctx):
        mo = res["year_part_words"][m.group(0)]
        if ctx.default_year is not None:
            return (_ym(ctx.default_year, mo), MONTH, False)
        return (_ym(ctx.ref.year, mo) if ctx.ref else "", MONTH, True)

    # 去年 / 今年 [初|底]
    @rule(rf"(?P<ry>{RY})(?:年?(?P<yp>{YPART}(?!步))|内(?=[将要需拟计力完实建开新再全共累，,]))?")
    def _zh_rel_year(m, ctx):
        if _g(m, "yp"):   # 去年底 -> the month (2024-12 in a 2025 article)
            if ctx.ref is None:
                return ("", MONTH, True)
            return (_ym(ctx.ref.year + rel_years[m["ry"]], ypart_month[m["yp"]]), MONTH, True)
        return (_year_of(ctx, rel_years[m["ry"]]), YEAR, True)

    # [Y年|今年] 上半年 / 一季度 / 前5个月 / 前三季度 / 1-5月 / 以来
    @rule(rf"(?:{YEAR_HEAD}\s*)?(?:(?P<half>{alternation(halves)})|(?<!前)第?{Q}季度"
          rf"|前{N}个?月|前(?P<nq>[一二三1-3])(?:个)?季度"
          rf"|{NOT_NUM_BEFORE}(?P<m1>\d{{1,2}}|十[一二]?|[一二三四五六七八九])\s*月?\s*{CONN}\s*"
          rf"(?P<m2>\d{{1,2}}|十[一二]?|[一二三四五六七八九])\s*月(?:份)?)")
    def _zh_part_year(m, ctx):
        yr = year_from(m, ctx)
        if yr is False:
            return None
        if yr is None:
            if ctx.default_year is not None and not _g(m, "ry"):
                yr = (ctx.default_year, False)
            elif ctx.ref is None:
                return ("", PERIOD, True)
            else:
                yr = (ctx.ref.year, True)
        y, rel = yr
        if _g(m, "half"):
            a, b = halves[m["half"]]
            return (_months_period(y, a, b), PERIOD, rel)
        if _g(m, "q"):
            return (f"{y:04d}-Q{_num(m['q'])}", QUARTER, rel)
        if _g(m, "n"):
            n = _num(m["n"])
            if not n or n > 12:
                return None
            p = _months_period(y, 1, n)
            return (p, PERIOD if n > 1 else MONTH, rel) if p else None
        if _g(m, "nq"):
            n = _num(m["nq"])
            return (_months_period(y, 1, 3 * n), PERIOD, rel)
        p = _months_period(y, _num(m["m1"]) or 0, _num(m["m2"]) or 0)
        return (p, PERIOD, rel) if p else None

    # 今年以来 / 2019年以来 / 2014年至今
    SINCE = rf"(?:{alternation(res['since_suffixes'])}|至今)"

    @rule(rf"(?:{YEAR_HEAD})\s*(?:年?(?P<ini>初))?\s*{SINCE}")
    def _zh_since(m, ctx):
        if _g(m, "ry"):
            delta = rel_years[m["ry"]]
            if delta == 0:
                return _ytd(ctx)
            if ctx.ref is None:
                return ("", PERIOD, True, "since")
            return (f"{ctx.ref.year + delta:04d}/{ctx.ref.year:04d}", PERIOD, True, "since")
        y = _num(m["y"])
        if not _valid_year(y):
            return None
        if ctx.ref is None or ctx.ref.year <= y:
            return (f"{y:04d}", YEAR, False)
        return (f"{y:04d}/{ctx.ref.year:04d}", PERIOD, True, "since")

    # 年初以来 / 年初至今: the reference year so far
    @rule(rf"(?<![\d〇零○一二三四五六七八九十年今去明前后每当同次翌本上])年初\s*{SINCE}")
    def _zh_ytd(m, ctx):
        return _ytd(ctx)

    # 2014年至2023年 / 2014-2023年 / 2014年—2023年
    @rule(rf"{NOT_NUM_BEFORE}(?P<y1>\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年?\s*{CONN}\s*"
          rf"(?P<y2>\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年(?!{DUR_SUF})")
    def _zh_year_range(m, ctx):
        y1, y2 = _num(m["y1"]), _num(m["y2"])
        if not (_valid_year(y1) and _valid_year(y2)) or y2 <= y1:
            return None
        return (f"{y1:04d}/{y2:04d}", PERIOD, False)

    # 同年7月 / 次年3月 / 同年: anaphoric years, resolved only from the context year
    anaphoric: dict[str, int] = res["anaphoric_years"]

    @rule(rf"(?P<ana>{alternation(anaphoric)})(?:\s*{MON}\s*月(?:\s*{DAYN}\s*[日号]|(?P<mp>{MPART}))?)?")
    def _zh_anaphoric(m, ctx):
        if not _g(m, "m") and m["ana"] == "当年":
            return None   # bare 当年 is mostly "back then"
        mo = _num(m["m"]) if _g(m, "m") else None
        gran = DAY if _g(m, "d") else (MONTH if mo else YEAR)
        if ctx.default_year is None:
            return ("", gran, False)
        y = ctx.default_year + anaphoric[m["ana"]]
        if mo is None:
            return (f"{y:04d}", YEAR, False)
        if not 1 <= mo <= 12:
            return None
        if _g(m, "d"):
            iso = _ymd(y, mo, _num(m["d"]) or 0)
            return (iso, DAY, False) if iso else None
        return (_ym(y, mo), MONTH, False)

    # 上月 / 本月 / 下个月
    @rule(alternation(rel_months) + r"(?!份额)")
    def _zh_rel_month(m, ctx):
        return (_month_of(ctx, rel_months[m.group(0)]), MONTH, True)

    # 近日 / 日前 -> the reference month
    @rule(rf"(?<![\d〇一二三四五六七八九十月]){alternation(res['recent_words'])}")
    def _zh_recent(m, ctx):
        return (_month_of(ctx, 0), MONTH, True)

    # 昨天 / 今日
    @rule(alternation(rel_days) + r"(?!头条|说法)")
    def _zh_rel_day(m, ctx):
        return (_day_of(ctx, rel_days[m.group(0)]), DAY, True)

    # 周二 / 星期五 / 上周三 -> a day of the reference week (bare: the latest one on or before it)
    weekdays = "一二三四五六日天"

    @rule(r"(?<!每|[至到\-—～~]\s*)(?P<wk>上|下|本|这)?(?:周|星期|礼拜)(?P<wd>[一二三四五六日天])(?![一二三四五六七八九十]|次|遍|回|年|\s*(?:至|到|-|—|～|~))")
    def _zh_weekday(m, ctx):
        wd = min(weekdays.index(m["wd"]), 6)
        r = ctx.ref
        if not _g(m, "wk"):
            return (_weekday_back(ctx, wd), DAY, True)
        if r is None or r.month is None or r.day is None:
            return ("", DAY, True)
        try:
            ref = _dt.date(r.year, r.month, r.day)
        except ValueError:
            return ("", DAY, True)
        monday = ref - _dt.timedelta(days=ref.weekday())
        shift = {"上": -7, "下": 7}.get(m["wk"], 0)
        return ((monday + _dt.timedelta(days=shift + wd)).isoformat(), DAY, True)

    # 上周 / 本周 / 下个星期 -> the ISO week (Monday/Sunday) of the reference day, shifted
    rel_weeks: dict[str, int] = res.get("relative_weeks") or {}
    if rel_weeks:
        @rule(rf"(?<!每){alternation(rel_weeks)}(?![一二三四五六七日天末期年岁边围转刊报])")
        def _zh_week(m, ctx):
            return (_week_of(ctx, rel_weeks[m.group(0)]), PERIOD, True)

    # 两周前 / 一个星期前 -> the ISO week that many weeks back
    @rule(rf"{NOT_NUM_BEFORE}(?<![第每近约逾共]){N}\s*个?(?:周|星期|礼拜)(?:前|以前|之前)(?![后天夕期])")
    def _zh_weeks_ago(m, ctx):
        n = _num(m["n"])
        if not n or n > 8:
            return None
        return (_week_of(ctx, -n), PERIOD, True, "ago")

    # 月初 / 月底 / 本月底 / 上月中旬: a part of the reference month (or the shifted one)
    MP_ALL = alternation(res["month_parts"])

    @rule(rf"(?:(?P<rm>{alternation(rel_months)})|(?<![\d〇零○一二三四五六七八九十个每岁年本上下这])月)(?P<mp>{MP_ALL})"
          rf"(?<!月中)(?!份额)")
    def _zh_month_part(m, ctx):
        if m["mp"] == "份":
            return None
        delta = rel_months[m["rm"]] if _g(m, "rm") else 0
        if ctx.default_year is not None and not _g(m, "rm"):
            return None   # 月初 in a timeline entry: its month is unknown
        return (_month_of(ctx, delta), MONTH, True)

    # 近十年 / 过去5年 -> ref-N / ref
    @rule(rf"(?:近|过去|最近)\s*{N}\s*(?:个)?年(?:来|间|中)?")
    def _zh_last_n_years(m, ctx):
        n = _num(m["n"])
        if not n or n > 100:
            return None
        if ctx.ref is None:
            return ("", PERIOD, True, "last_n")
        return (f"{ctx.ref.year - n:04d}/{ctx.ref.year:04d}", PERIOD, True, "last_n")

    # 十年前 / 3个月前 -> the reference year (month) minus N
    @rule(rf"{NOT_NUM_BEFORE}(?<![第每近约逾共前]){N}\s*(?:(?P<yu>年)|个\s*(?P<mu>月))(?:{alternation(res['ago_suffixes'])})(?![后天夕期])")
    def _zh_ago(m, ctx):
        n = _num(m["n"])
        if not n or n > 60:
            return None
        if _g(m, "yu"):
            return (_year_of(ctx, -n), YEAR, True, "ago")
        return (_month_of(ctx, -n), MONTH, True, "ago")

    # 春节 / 今年春节前后 / 2024年国庆 / 双十一: festivals and named days
    fests: dict[str, str] = res["festivals"]
    guarded: dict[str, list[str]] = res["festival_guarded"]
    windows: dict[str, list[int]] = res["festival_windows"]
    WIN = alternation(w for w in windows if w)

    @rule(rf"(?<!{alternation(res['festival_not_after'])})(?:{YEAR_HEAD}\s*)?(?P<f>{alternation(fests)})"
          rf"(?!联欢|晚会)(?P<w>{WIN})?")
    def _zh_festival(m, ctx):
        f = m["f"]
        if f[-1].isdigit() and regex.match(r"[\d.%％万亿千百元余多个]", ctx.text[m.end("f"):m.end("f") + 1]):
            return None   # 618万元, 双11.5: a number, not the shopping festival
        if f in guarded and not (_g(m, "y") or _g(m, "ry")) and not any(
                ctx.text.startswith(g, m.end("f")) for g in guarded[f]):
            # 国庆 alone is also a given name (王国庆): a date only before punctuation and not
            # right after another Han character (在国庆，… / 国庆，… at a clause start)
            prev = ctx.text[m.start() - 1] if m.start() > 0 else ""
            nxt = ctx.text[m.end("f"):m.end("f") + 1]
            if not (nxt in ("", "，", ",", "。", "、", "；", ";", " ")
                    and (not regex.match(r"\p{Han}", prev) or prev in "在于逢到至过迎")):
                return None
        yr = year_from(m, ctx)
        w = windows.get(_g(m, "w") or "")
        return _festival(fests[f], m, ctx, yr, tuple(w) if w else None)

    # bare 16日 (day of the reference month)
    @rule(rf"(?<![\d.月/\-第每近前共约逾]){NOT_NUM_BEFORE}(?P<d>\d{{1,2}})\s*日"
          rf"(?!{alternation(res['day_not_followed_by'])})")
    def _zh_bare_day(m, ctx):
        d = int(m["d"])
        if not 1 <= d <= 31:
            return None
        if ctx.ref is None or ctx.ref.month is None:
            return ("", DAY, True)
        iso = _ymd(ctx.ref.year, ctx.ref.month, d)
        return (iso, DAY, True) if iso else None

    return rules


def _zh_present() -> list[tuple[regex.Pattern, Resolver]]:
    res = load("zh", "timex")
    return [(regex.compile(alternation(res["present_words"])),
             lambda m, ctx: (_year_of(ctx, 0), YEAR, True))]


# ----------------------------------------------------------------------------- English / Spanish

def _case_variants(words) -> list[str]:
    out = set()
    for w in words:
        out |= {w, w[:1].upper() + w[1:], w.upper()}
    return sorted(out)


def _latin_rules(lang: str) -> list[tuple[regex.Pattern, Resolver]]:
    res = load(lang, "timex")
    months: dict[str, int] = {k.lower(): v for k, v in res["months"].items()}
    abbrs: dict[str, int] = {k.lower(): v for k, v in res["month_abbreviations"].items()}
    ordinals: dict[str, int] = {str(k).lower(): v for k, v in res["ordinals"].items()}
    numbers: dict[str, int] = {str(k).lower(): v for k, v in res["number_words"].items()}
    weekdays = [w.lower() for w in res["weekdays"]]
    B, E = r"(?<![\w])", r"(?![\w])"
    if lang == "en":   # capitalized only: "may" the modal is not a month
        MONTHS = alternation(_case_variants(k.capitalize() for k in months))
        ABBR = alternation(_case_variants(k.capitalize() for k in abbrs))
        MONTHS = MONTHS.replace("(?:", "(?-i:", 1)
        ABBR = ABBR.replace("(?:", "(?-i:", 1)
    else:
        MONTHS = alternation(_case_variants(months))
        ABBR = alternation(_case_variants(abbrs))
    MODS = alternation(res["modifiers"])
    PREPS = alternation(res["date_prepositions"])
    ORD = alternation(ordinals)
    NUMW = r"(?:\d{1,2}|" + alternation(numbers)[3:]
    NOTYEAR = alternation(res["year_not_followed_by"])
    FLAGS = regex.I
    rules: list[tuple[regex.Pattern, Resolver]] = []

    def rule(pattern: str):
        def deco(fn: Resolver) -> Resolver:
            rules.append((regex.compile(pattern, FLAGS), fn))
            return fn
        return deco

    def month_num(s: str) -> int:
        s = s.lower().rstrip(".")
        return months.get(s) or abbrs.get(s) or 0

    def numval(s: str) -> int | None:
        s = s.lower()
        return int(s) if s.isdecimal() else numbers.get(s)

    def partial(m, ctx, mo, day=None) -> Resolved | None:
        gran = DAY if day else MONTH
        if _g(m, "y"):
            y = int(m["y"])
            if not _valid_year(y):
                return None
            rel = False
        else:
            pr = resolve_partial_year(mo, ctx.ref, ctx.default_year,
                                      forward=_future_at(ctx, m.start(), m.end()))
            if pr is None:
                return ("", gran, True)
            y, rel = pr
        iso = _ymd(y, mo, day) if day else _ym(y, mo)
        return (iso, gran, rel) if iso else None

    rel_years: dict[str, int] = {}
    rel_months: dict[str, int] = {}
    if lang == "en":
        words = res["relative_words"]
        RELW = alternation(words)
        YEARREF = rf"(?:(?P<y>\d{{4}})|(?:this|the)\s+year|(?P<rw>{RELW})\s+year)"
    else:
        rel_years = {k.lower(): v for k, v in res["relative_years"].items()}
        rel_months = {k.lower(): v for k, v in res["relative_months"].items()}
        YEARREF = rf"(?:(?P<y>\d{{4}})|(?:(?:este|el|dicho)\s+)?año|(?P<rp>{alternation(rel_years)}))"

    def yearref(m, ctx) -> tuple[int, bool] | None | bool:
        if _g(m, "y"):
            y = int(m["y"])
            return (y, False) if _valid_year(y) else False
        if ctx.ref is None:
            return None
        if _g(m, "rw"):
            return ctx.ref.year + res["relative_words"][m["rw"].lower()], True
        if _g(m, "rp"):
            return ctx.ref.year + rel_years[regex.sub(r"\s+", " ", m["rp"].lower())], True
        return ctx.ref.year, True

    MOD = rf"(?:(?P<mod>{MODS})\s*)?"
    part_mods: dict[str, int] = {k.lower(): v for k, v in res["part_modifiers"].items()}

    def year_part(m, y: int, rel: bool) -> Resolved:
        """A year, or the month a part modifier names (late 2023 -> 2023-12)."""
        mod = (_g(m, "mod") or "").lower()
        mod = regex.sub(r"\s+", " ", mod).strip()
        if part_mods.get(mod):        # 0: a part kept at year granularity (a finales de 2025)
            return (_ym(y, part_mods[mod]), MONTH, rel)
        return (f"{y:04d}", YEAR, rel)
    DAYNUM = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|º|\.º)?"

    if lang == "en":
        # (early) May 16(, 2020)
        @rule(rf"{B}{MOD}(?P<mn>{MONTHS}|{ABBR}\.?)\s+{DAYNUM}{E}(?:,?\s+(?P<y>\d{{4}}){E})?"
              r"(?!\s*(?:%|percent|per\s+cent))")
        def _en_md(m, ctx):
            return partial(m, ctx, month_num(m["mn"]), int(m["d"]))

        # June 1-5(, 2024) / June 1 to June 5
        @rule(rf"{B}(?P<mn>{MONTHS}|{ABBR}\.?)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|through)\s*"
              rf"(?:(?P<mn2>{MONTHS}|{ABBR}\.?)\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?{E}(?:,?\s+(?P<y>\d{{4}}){E})?")
        def _en_md_range(m, ctx):
            mo = month_num(m["mn"])
            mo2 = month_num(m["mn2"]) if _g(m, "mn2") else mo
            return _day_range(partial(m, ctx, mo, int(m["d"])), mo2, int(m["d2"]))

        # 16 May 2020 / 16th of May
        @rule(rf"{B}{DAYNUM}\s+(?:of\s+)?(?P<mn>{MONTHS}|{ABBR}\.?)(?:,?\s+(?P<y>\d{{4}}))?{E}")
        def _en_dm(m, ctx):
            return partial(m, ctx, month_num(m["mn"]), int(m["d"]))

        # (last|this|next) May
        @rule(rf"{B}(?P<rw>{RELW})\s+(?P<mn>{MONTHS}){E}")
        def _en_rel_month_name(m, ctx):
            if ctx.ref is None:
                return ("", MONTH, True)
            mo, r = month_num(m["mn"]), ctx.ref
            delta = res["relative_words"][m["rw"].lower()]
            y = r.year
            if delta < 0 and r.month is not None and mo >= r.month:
                y -= 1
            elif delta > 0 and r.month is not None and mo <= r.month:
                y += 1
            return (_ym(y, mo), MONTH, True)

        # last year / this month / earlier this year
        @rule(rf"{B}{MOD}(?P<rw>{RELW})\s+(?P<unit>year|month){E}(?!-|\s+old)")
        def _en_rel(m, ctx):
            delta = res["relative_words"][m["rw"].lower()]
            if m["unit"].lower() == "year":
                if ctx.ref is None:
                    return ("", YEAR, True)
                return year_part(m, ctx.ref.year + delta, True)
            return (_month_of(ctx, delta), MONTH, True)

        # a year ago / two months ago
        @rule(rf"{B}(?P<n>{NUMW}|an?)\s+(?P<unit>year|month|decade)s?\s+ago{E}")
        def _en_ago(m, ctx):
            n = numval(m["n"]) or 1
            if m["unit"].lower() == "decade":
                return (_year_of(ctx, -10 * n), YEAR, True, "ago")
            if m["unit"].lower() == "year":
                return (_year_of(ctx, -n), YEAR, True, "ago")
            return (_month_of(ctx, -n), MONTH, True, "ago")

        # the first quarter (of 2020 | of this year)
        @rule(rf"{B}(?:the\s+)?(?P<ord>{ORD})\s+quarter(?:\s+of\s+{YEARREF})?{E}")
        def _en_quarter(m, ctx):
            q = ordinals[m["ord"].lower()]
            yr = yearref(m, ctx)
            if yr is False or not 1 <= q <= 4:
                return None
            if yr is None:
                if ctx.default_year is None:
                    return ("", QUARTER, True)
                yr = (ctx.default_year, False)
            return (f"{yr[0]:04d}-Q{q}", QUARTER, yr[1])

        @rule(rf"{B}Q(?P<q>[1-4])(?:\s+(?P<y>\d{{4}}))?{E}")
        def _en_q(m, ctx):
            yr = yearref(m, ctx) if _g(m, "y") else (
                (ctx.default_year, False) if ctx.default_year else ((ctx.ref.year, True) if ctx.ref else None))
            if yr is False:
                return None
            if yr is None:
                return ("", QUARTER, True)
            return (f"{yr[0]:04d}-Q{m['q']}", QUARTER, yr[1])

        # the first half of 2020 / the first five months (of this year) / the first three quarters
        @rule(rf"{B}(?:the\s+)?(?:(?P<half>first|second)\s+half|first\s+(?P<n>{NUMW})\s+(?P<unit>months|quarters))"
              rf"(?:\s+of\s+{YEARREF})?{E}")
        def _en_first(m, ctx):
            yr = yearref(m, ctx)
            if yr is False:
                return None
            if yr is None:
                if ctx.default_year is None:
                    return ("", PERIOD, True)
                yr = (ctx.default_year, False)
            y, rel = yr
            if _g(m, "half"):
                a, b = (1, 6) if m["half"].lower() == "first" else (7, 12)
            else:
                n = numval(m["n"]) or 0
                a, b = 1, n * (3 if m["unit"].lower() == "quarters" else 1)
            p = _months_period(y, a, b)
            return (p, PERIOD, rel) if p else None

        # since the beginning of this year / so far this year
        @rule(rf"{B}{alternation(res['year_to_date'])}{E}")
        def _en_ytd(m, ctx):
            return _ytd(ctx)

        # the past ten years / the last decade
        @rule(rf"{B}(?:over\s+|in\s+|during\s+)?the\s+(?:past|last)\s+(?:(?P<n>{NUMW})\s+years|(?P<dec>decade)){E}")
        def _en_last_n(m, ctx):
            n = 10 if _g(m, "dec") else numval(m["n"])
            if not n:
                return None
            if ctx.ref is None:
                return ("", PERIOD, True, "last_n")
            return (f"{ctx.ref.year - n:04d}/{ctx.ref.year:04d}", PERIOD, True, "last_n")

        # January-May / from January to May (2024)
        @rule(rf"{B}(?:(?:from|between)\s+)?(?P<m1>{MONTHS})\s*(?:-|–|—|to|through|and|until)\s*(?P<m2>{MONTHS})"
              rf"(?:,?\s+(?P<y>\d{{4}}))?{E}")
        def _en_month_range(m, ctx):
            a, b = month_num(m["m1"]), month_num(m["m2"])
            r = partial(m, ctx, b)
            if r is None or not r[0]:
                return r
            y = int(r[0][:4])
            p = _months_period(y, a, b)
            return (p, PERIOD, r[2]) if p else None

        DAYWORDS = res["relative_days"]
    else:
        # (el) 28 de mayo (de 2024) / 1º de junio
        @rule(rf"{B}{MOD}(?P<d>[0-3]?\d|primero)(?:º|\.º)?\s+de\s+(?P<mn>{MONTHS})"
              rf"(?:\s+(?:de|del)\s+(?P<y>\d{{4}})|\s+(?P<pn>pasado|próximo)(?!\s+(?:año|mes)))?{E}")
        def _es_dm(m, ctx):
            d = 1 if m["d"].lower() == "primero" else int(m["d"])
            r = partial(m, ctx, month_num(m["mn"]), d)
            ref = _ref_day(ctx)
            if r and r[0] and _g(m, "pn") and ref is not None and ctx.default_year is None:
                # el 15 de mayo pasado: the latest one on or before the document day (próximo: after)
                y = ref.year + (-1 if m["pn"].lower() == "pasado" and r[0] > ref.isoformat() else 0) \
                    + (1 if m["pn"].lower() != "pasado" and r[0] < ref.isoformat() else 0)
                iso = _ymd(y, month_num(m["mn"]), d)
                return (iso, DAY, True) if iso else None
            return r

        # el (pasado) día 15: a day of the document month (of the previous one when it lies ahead)
        @rule(rf"{B}(?:el\s+)?(?:(?P<past>pasado)\s+)?día\s+(?P<d>[0-3]?\d){E}(?!\s*(?:de\s+(?:{MONTHS}|{ABBR})|:\d|%))")
        def _es_dia(m, ctx):
            ref = _ref_day(ctx)
            d = int(m["d"])
            if ref is None or not 1 <= d <= 31:
                return ("", DAY, True)
            y, mo = ref.year, ref.month
            if d > ref.day and not _future_at(ctx, m.start(), m.end()):
                y, mo = _shift_month(y, mo, -1)
            iso = _ymd(y, mo, d)
            return (iso, DAY, True) if iso else None

        # del 17 al 21 de agosto (de 2024) / entre el 3 y el 5 de junio
        @rule(rf"{B}(?P<d>[0-3]?\d)\s+(?:al?|y\s+el|y|-|–)\s+(?P<d2>[0-3]?\d)\s+de\s+(?P<mn>{MONTHS})"
              rf"(?:\s+(?:de|del)\s+(?P<y>\d{{4}}))?{E}")
        def _es_day_range(m, ctx):
            mo = month_num(m["mn"])
            return _day_range(partial(m, ctx, mo, int(m["d"])), mo, int(m["d2"]))

        # dateline: 3 jun (Xinhua) / 3 jun. 2020 / 12 jun / 3 sept.
        @rule(rf"{B}(?P<d>[0-3]?\d)\s+(?:de\s+)?(?P<mn>{ABBR}\.?|{MONTHS})(?:\s+(?:de\s+)?(?P<y>\d{{4}}))?{E}")
        def _es_dateline(m, ctx):
            return partial(m, ctx, month_num(m["mn"]), int(m["d"]))

        # el pasado mes de mayo / mayo pasado / el próximo mes de julio
        past = alternation(res["month_past_words"])
        nxt = alternation(res["month_next_words"])
        @rule(rf"{B}(?:el\s+)?(?:(?P<p1>{past})|(?P<n1>{nxt}))\s+mes\s+de\s+(?P<mn>{MONTHS}){E}"
              rf"|{B}(?P<mn2>{MONTHS})\s+(?:(?P<p2>{past})|(?P<n2>{nxt})){E}")
        def _es_rel_month_name(m, ctx):
            mo = month_num(_g(m, "mn") or m["mn2"])
            if ctx.ref is None:
                return ("", MONTH, True)
            y, r = ctx.ref.year, ctx.ref
            if (_g(m, "p1") or _g(m, "p2")) and r.month is not None and mo >= r.month:
                y -= 1
            elif (_g(m, "n1") or _g(m, "n2")) and r.month is not None and mo <= r.month:
                y += 1
            return (_ym(y, mo), MONTH, True)

        # relative phrases: el año pasado / este mes
        @rule(rf"{B}{MOD}(?P<rp>{alternation(rel_years)}){E}")
        def _es_rel_year(m, ctx):
            if ctx.ref is None:
                return ("", YEAR, True)
            return year_part(m, ctx.ref.year + rel_years[regex.sub(r"\s+", " ", m["rp"].lower())], True)

        @rule(rf"{B}(?P<rm>{alternation(rel_months)}){E}")
        def _es_rel_mon(m, ctx):
            return (_month_of(ctx, rel_months[regex.sub(r"\s+", " ", m["rm"].lower())]), MONTH, True)

        # hace un año / hace dos meses
        @rule(rf"{B}hace\s+(?P<n>{NUMW}|una)\s+(?P<unit>años?|mes(?:es)?|décadas?){E}")
        def _es_ago(m, ctx):
            n = numval(m["n"]) or 1
            if m["unit"].lower().startswith("d"):
                return (_year_of(ctx, -10 * n), YEAR, True, "ago")
            if m["unit"].lower().startswith("a"):
                return (_year_of(ctx, -n), YEAR, True, "ago")
            return (_month_of(ctx, -n), MONTH, True, "ago")

        # el primer trimestre (de 2020 | del año) / el primer semestre / los primeros cinco meses
        @rule(rf"{B}(?:el\s+)?(?P<ord>{ORD})\s+(?P<unit>trimestre|semestre)(?:\s+(?:de|del)\s+{YEARREF})?{E}")
        def _es_quarter(m, ctx):
            q = ordinals[m["ord"].lower()]
            yr = yearref(m, ctx)
            if yr is False:
                return None
            if yr is None:
                if ctx.default_year is None:
                    return ("", QUARTER, True)
                yr = (ctx.default_year, False)
            if m["unit"].lower() == "trimestre":
                return (f"{yr[0]:04d}-Q{q}", QUARTER, yr[1]) if 1 <= q <= 4 else None
            if q not in (1, 2):
                return None
            return (_months_period(yr[0], 1 if q == 1 else 7, 6 if q == 1 else 12), PERIOD, yr[1])

        @rule(rf"{B}(?:los\s+)?primeros\s+(?P<n>{NUMW})\s+meses(?:\s+(?:de|del)\s+{YEARREF})?{E}")
        def _es_first_months(m, ctx):
            yr = yearref(m, ctx)
            if yr is False:
                return None
            if yr is None:
                if ctx.default_year is None:
                    return ("", PERIOD, True)
                yr = (ctx.default_year, False)
            n = numval(m["n"]) or 0
            p = _months_period(yr[0], 1, n)
            return (p, PERIOD, yr[1]) if p else None

        @rule(rf"{B}{alternation(res['year_to_date'])}{E}")
        def _es_ytd(m, ctx):
            return _ytd(ctx)

        # de enero a mayo (de 2024)
        @rule(rf"{B}(?:de|desde|entre)\s+(?P<m1>{MONTHS})\s+(?:a|al|hasta|y)\s+(?P<m2>{MONTHS})"
              rf"(?:\s+(?:de|del)\s+(?P<y>\d{{4}}))?{E}")
        def _es_month_range(m, ctx):
            a, b = month_num(m["m1"]), month_num(m["m2"])
            r = partial(m, ctx, b)
            if r is None or not r[0]:
                return r
            p = _months_period(int(r[0][:4]), a, b)
            return (p, PERIOD, r[2]) if p else None

        # los últimos diez años / la última década
        @rule(rf"{B}(?:en\s+|durante\s+)?(?:los\s+últimos\s+(?P<n>{NUMW})\s+años|la\s+última\s+(?P<dec>década)){E}")
        def _es_last_n(m, ctx):
            n = 10 if _g(m, "dec") else numval(m["n"])
            if not n:
                return None
            if ctx.ref is None:
                return ("", PERIOD, True, "last_n")
            return (f"{ctx.ref.year - n:04d}/{ctx.ref.year:04d}", PERIOD, True, "last_n")

        DAYWORDS = {k: v for k, v in res["relative_days"].items() if k != "hoy"}

    # ---- shared by en / es
    # March last year / May this year / agosto del próximo año / marzo del año pasado
    if lang == "en":
        MON_REL = rf"{B}{MOD}(?P<mn>{MONTHS})\s+(?:of\s+)?(?P<rw>{RELW})\s+year{E}"
    else:
        MON_REL = rf"{B}{MOD}(?P<mn>{MONTHS})\s+(?:de|del)\s+(?P<rp>{alternation(rel_years)}){E}"

    @rule(MON_REL)
    def _month_rel_year(m, ctx):
        if ctx.ref is None:
            return ("", MONTH, True)
        delta = (res["relative_words"][m["rw"].lower()] if _g(m, "rw")
                 else rel_years[regex.sub(r"\s+", " ", m["rp"].lower())])
        return (_ym(ctx.ref.year + delta, month_num(m["mn"])), MONTH, True)

    # since 2020 / desde 2021 / since May 2020 -> a period up to the reference date
    SINCE = alternation(res["since_words"])
    SINCE_MON = rf"(?P<mn>{MONTHS})\s+(?:de\s+|del\s+)?" if lang == "es" else rf"(?P<mn>{MONTHS}),?\s+"

    # since last year / desde el año pasado -> last year to the reference year
    SINCE_LAST = r"last\s+year" if lang == "en" else r"(?:el\s+)?(?:año\s+pasado|pasado\s+año)"

    @rule(rf"{B}(?:{SINCE})\s+{SINCE_LAST}{E}")
    def _since_last_year(m, ctx):
        if ctx.ref is None:
            return ("", PERIOD, True, "since")
        return (f"{ctx.ref.year - 1:04d}/{ctx.ref.year:04d}", PERIOD, True, "since")

    @rule(rf"{B}(?:{SINCE})\s+(?:(?:el\s+)?(?:año\s+)?|{SINCE_MON})(?P<y>\d{{4}}){E}(?!\s*(?:%|-\d|–\d))")
    def _since(m, ctx):
        y = int(m["y"])
        if not _valid_year(y):
            return None
        mo = month_num(m["mn"]) if _g(m, "mn") else None
        start = _ym(y, mo) if mo else f"{y:04d}"
        r = ctx.ref
        if r is None or (r.year, r.month or 12) <= (y, mo or 0):
            return (start, MONTH if mo else YEAR, False)
        end = f"{r.year:04d}-{r.month:02d}" if (mo and r.month) else f"{r.year:04d}"
        if end == start:
            return (start, MONTH if mo else YEAR, False)
        return (f"{start}/{end}", PERIOD, True, "since")

    # by the end of the year / a finales de año: a part of the reference year
    PARTS = alternation(part_mods)
    YEAR_ALONE = alternation(res["year_alone"])

    @rule(rf"{B}(?P<mod>{PARTS})\s*(?:{YEAR_ALONE}){E}")
    def _year_part_alone(m, ctx):
        if ctx.default_year is not None:
            return year_part(m, ctx.default_year, False)
        if ctx.ref is None:
            return ("", MONTH, True)
        return year_part(m, ctx.ref.year, True)

    # festivals: Christmas / the Spring Festival / Singles' Day / Navidad / el Año Nuevo chino
    fests: dict[str, str] = res["festivals"]
    fwin: dict[str, list[int]] = {k.lower(): v for k, v in res["festival_windows"].items()}
    FEST = alternation(fests)
    if lang == "en":
        FEST = FEST.replace("(?:", "(?-i:", 1)   # capitalized as listed: "christmas" alone is rare
    FWIN = alternation(w for w in fwin if w)
    NOT_AFTER = alternation(res["festival_not_after"])
    if lang == "en":
        fest_pat = (rf"{B}(?<!(?:{NOT_AFTER})\s+)(?:(?P<w>{FWIN})\s+(?:the\s+)?)?"
                    rf"(?:(?P<rw>{RELW})\s+(?:year['’]s\s+)?|(?P<y0>\d{{4}})\s+)?(?P<f>{FEST})"
                    rf"(?:,?\s+(?P<y>\d{{4}}))?{E}")
    else:
        fest_pat = (rf"{B}(?<!(?:{NOT_AFTER})\s+)(?:(?P<w>{FWIN})\s+(?:(?:el|la|los|las)\s+)?)?(?P<f>{FEST})"
                    rf"(?:\s+(?:de|del)\s+(?:(?P<y>\d{{4}})|(?P<rp>{alternation(rel_years)})))?{E}")

    fest_by_lower = {k.lower(): v for k, v in fests.items()}

    fest_noun = regex.compile(rf"\s+(?:{alternation(res.get('festival_not_before') or ['-'])}){E}", regex.I)

    @rule(fest_pat)
    def _festival_rule(m, ctx):
        if fest_noun.match(ctx.text, m.end()):
            return None   # Christmas trees, Navidad decorations: things, not dates
        spec = fest_by_lower[regex.sub(r"\s+", " ", m["f"]).lower().replace("’", "'")] \
            if regex.sub(r"\s+", " ", m["f"]).lower().replace("’", "'") in fest_by_lower \
            else fest_by_lower.get(regex.sub(r"\s+", " ", m["f"]).lower())
        if spec is None:
            return None
        yr: tuple[int, bool] | None | bool = None
        ys = _g(m, "y") or _g(m, "y0")
        if ys:
            y = int(ys)
            yr = (y, False) if _valid_year(y) else False
        elif _g(m, "rw") or _g(m, "rp"):
            if ctx.ref is None:
                return ("", DAY, True, "festival")
            delta = (res["relative_words"][m["rw"].lower()] if _g(m, "rw")
                     else rel_years[regex.sub(r"\s+", " ", m["rp"].lower())])
            yr = (ctx.ref.year + delta, True)
        w = fwin.get((_g(m, "w") or "").lower())
        return _festival(str(spec), m, ctx, yr, tuple(w) if w else None)

    # month + year: May 2020 / mayo de 2020 / (early) June 2018
    @rule(rf"{B}{MOD}(?P<mn>{MONTHS}|{ABBR}\.?),?\s+(?:of\s+|de\s+|del\s+)?(?P<y>\d{{4}}){E}")
    def _month_year(m, ctx):
        return partial(m, ctx, month_num(m["mn"]))

    # bare month after a preposition (in May, en junio) — Spanish month names anywhere
    if lang == "en":
        bare = rf"{B}(?:(?P<mod>{MODS})\s*|(?<=(?<![\w])(?:{PREPS})\s+))(?P<mn>{MONTHS}){E}"
    else:
        bare = rf"{B}{MOD}(?P<mn>{MONTHS}){E}"

    @rule(bare)
    def _bare_month(m, ctx):
        return partial(m, ctx, month_num(m["mn"]))

    # ranges of years: from 2014 to 2023 / de 2014 a 2023 / 2014-2023
    @rule(rf"{B}(?:(?:{alternation(res['range_starts'])})\s+)?(?P<y1>\d{{4}})\s*"
          rf"(?:(?P<c>-|–|—|/)|\s+(?:{alternation(res['range_connectors'])})\s+)\s*(?P<y2>\d{{4}}|\d{{2}}){E}(?![\-–/]\d)")
    def _year_range(m, ctx):
        y1 = int(m["y1"])
        y2s = m["y2"]
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        if not (_valid_year(y1) and _valid_year(y2)) or y2 <= y1:
            return None
        if _g(m, "c") == "/" and len(y2s) == 2:
            return None
        txt = m.group(0).lower()
        if (not _g(m, "c") and regex.search(r"\s(?:and|y)\s", txt)
                and not regex.match(alternation(res["range_starts"]), txt)):
            return None  # "2014 and 2023" alone: two dates, not a range
        return (f"{y1:04d}/{y2:04d}", PERIOD, False)

    # bare years: (early in) 2016 / en 2020 — after a preposition, or standing alone
    PRE_QTY = (r"(?:more\s+than|over|nearly|about|almost|some|up\s+to|around|más\s+de|menos\s+de|"
               r"unos|unas|cerca\s+de|alrededor\s+de|casi|de\s+los|de\s+las)")

    qty_before = regex.compile(rf"{PRE_QTY}\s+$", regex.I)
    noun_after = regex.compile(rf"\s+(?:{NOTYEAR}){E}", regex.I)
    prep_before = regex.compile(rf"{B}(?:{PREPS})\s+$", regex.I)
    punct_after = regex.compile(r"(?:\s*[,.;:)!?'’\]]|\s*$|'s|’s)")

    @rule(rf"{B}(?:(?P<mod>{MODS})\s*|(?<![\d,.$€¥£#/\-]|\d\s))(?P<y>\d{{4}}){E}(?![,.]\d|\s*(?:%|-\d|–\d))")
    def _bare_year(m, ctx):
        y = int(m["y"])
        if not _valid_year(y):
            return None
        before = ctx.text[max(0, m.start() - 30):m.start()]
        after = ctx.text[m.end():m.end() + 30]
        if qty_before.search(before):
            return None
        if noun_after.match(after):
            return None
        ok = bool(_g(m, "mod"))
        ok = ok or bool(prep_before.search(before))
        ok = ok or not before.strip() or before.rstrip().endswith(("(", "\n", ".", ":", ";", "—"))
        ok = ok or bool(punct_after.match(after))
        return year_part(m, y, False) if ok else None

    # 18-Apr-2023 / 18-abr-2023 / 18/Apr/2023 / 18-Apr-23 (web page publication lines)
    @rule(rf"{B}(?P<d>[0-3]?\d)(?P<s>[-/])(?P<mn>{ABBR}|{MONTHS})\.?(?P=s)(?P<yy>\d{{4}}|\d{{2}}){E}(?![-/.]\d)")
    def _d_mon_y(m, ctx):
        yy = m["yy"]
        y = int(yy) if len(yy) == 4 else 2000 + int(yy)
        if not _valid_year(y):
            return None
        iso = _ymd(y, month_num(m["mn"]), int(m["d"]))
        return (iso, DAY, False) if iso else None

    # weekdays: said Monday / on Tuesday / last Friday / el lunes / el pasado martes / el jueves
    # próximo -> the latest such day on or before the reference day (the same day included), the
    # previous one for "last", the next one for "next" or a planned date (will open on Friday)
    wd_before = {regex.sub(r"\s+", " ", str(k).lower()): v for k, v in (res.get("weekday_before") or {}).items()}
    wd_after = {regex.sub(r"\s+", " ", str(k).lower()): v for k, v in (res.get("weekday_after") or {}).items()}
    WD = alternation(_case_variants(weekdays))
    if lang == "en":       # capitalized only, so a weekday may stand alone (said Monday)
        WD = WD.replace("(?:", "(?-i:", 1)
    WB = [r"\s+".join(regex.escape(p) for p in w.split()) for w in wd_before]
    WA = [r"\s+".join(regex.escape(p) for p in w.split()) for w in wd_after]
    WD_PRE = rf"(?:(?P<wb>{alternation(WB, escape=False)})\s+)" + ("?" if lang == "en" else "")
    WD_POST = rf"(?:\s+(?P<wa>{alternation(WA, escape=False)}))?" if WA else ""
    wd_not_after = regex.compile(rf"{B}(?:{alternation(res.get('weekday_not_after') or ['-'])})\s+$", regex.I)
    # a weekday before a full date (Monday, May 15 / el lunes 15 de mayo) leaves the date to it
    wd_then_date = regex.compile(rf",?\s+(?:the\s+|el\s+)?(?:\d{{1,2}}(?!\d)(?!\s*(?:%|:\d))|{MONTHS}{E}|{ABBR}\.?\s+\d)")

    @rule(rf"{B}{WD_PRE}(?P<wd>{WD}){WD_POST}{E}")
    def _weekday(m, ctx):
        if wd_not_after.search(ctx.text[max(0, m.start() - 20):m.start()]) or wd_then_date.match(ctx.text, m.end()):
            return None
        wd = weekdays.index(m["wd"].lower())
        delta = wd_before.get(regex.sub(r"\s+", " ", (_g(m, "wb") or "").lower()), 0) \
            or wd_after.get(regex.sub(r"\s+", " ", (_g(m, "wa") or "").lower()), 0)
        if delta == 0 and _future_at(ctx, m.start(), m.end()):
            return (_weekday_rel(ctx, wd, 1, same_day=True), DAY, True)
        return (_weekday_rel(ctx, wd, delta), DAY, True)

    # el miércoles 17 / Monday the 15th: the day of that number nearest the document day that
    # falls on that weekday (this month, the previous or the next one)
    @rule(rf"{B}{WD_PRE}(?P<wd>{WD}),?\s+(?:the\s+|el\s+|día\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?{E}"
          rf"(?!\s*(?:de\s+|of\s+)?(?:{MONTHS}|{ABBR}){E}|\s*(?::\d|%|de\s+\d))")
    def _weekday_day(m, ctx):
        if wd_not_after.search(ctx.text[max(0, m.start() - 20):m.start()]):
            return None
        ref = _ref_day(ctx)
        if ref is None:
            return ("", DAY, True)
        wd, d = weekdays.index(m["wd"].lower()), int(m["d"])
        best = None
        for delta in (0, -1, 1):
            y, mo = _shift_month(ref.year, ref.month, delta)
            iso = _ymd(y, mo, d)
            if iso and _dt.date.fromisoformat(iso).weekday() == wd:
                dist = abs((_dt.date.fromisoformat(iso) - ref).days)
                if best is None or dist < best[0]:
                    best = (dist, iso)
        return (best[1], DAY, True) if best else None

    # two weeks ago / hace dos semanas -> the ISO week that many weeks back
    if lang == "en":
        AGO_W = rf"{B}(?P<n>{NUMW}|an?)\s+weeks?\s+ago{E}"
    else:
        AGO_W = rf"{B}hace\s+(?P<n>{NUMW}|una)\s+semanas?{E}"

    @rule(AGO_W)
    def _weeks_ago(m, ctx):
        n = numval(m["n"]) or 1
        return (_week_of(ctx, -n), PERIOD, True, "ago") if n <= 8 else None

    # weeks: last week / this week / next week / la semana pasada / esta semana -> Monday/Sunday
    weeks = {regex.sub(r"\s+", " ", str(k).lower()): v for k, v in (res.get("relative_weeks") or {}).items()}
    if weeks:
        WK = [r"\s+".join(regex.escape(p) for p in w.split()) for w in weeks]

        @rule(rf"{B}(?P<wk>{alternation(WK, escape=False)}){E}")
        def _week(m, ctx):
            return (_week_of(ctx, weeks[regex.sub(r"\s+", " ", m["wk"].lower())]), PERIOD, True)

    # yesterday / ayer
    @rule(rf"{B}(?P<rd>{alternation(_case_variants(k for k in DAYWORDS if k not in ('today',)))}){E}")
    def _rel_day(m, ctx):
        return (_day_of(ctx, DAYWORDS[m["rd"].lower()]), DAY, True)

    return rules


def _latin_present(lang: str) -> list[tuple[regex.Pattern, Resolver]]:
    res = load(lang, "timex")
    pat = regex.compile(rf"(?<![\w]){alternation(res['present_words'])}(?![\w])", regex.I)
    return [(pat, lambda m, ctx: (_year_of(ctx, 0), YEAR, True))]


# ----------------------------------------------------------------------------- engine

@lru_cache(maxsize=None)
def _trigger(lang: str) -> regex.Pattern:
    """A cheap test: a text without any of these cannot hold a date expression."""
    res = load(lang, "timex")
    if lang == "zh":
        extra = {w[0] for w in list(res["festivals"]) + list(res["year_part_words"])}
        return regex.compile(r"[\d年月日季今昨明如现目当眼时周期拜" + regex.escape("".join(sorted(extra))) + "]")
    words = list(res["months"]) + list(res["month_abbreviations"]) + list(res["weekdays"])
    words += list(res["relative_days"]) + list(res["present_words"]) + list(res.get("festivals") or [])
    units = (r"years?|months?|quarters?|half|decade|weeks?" if lang == "en" else
             r"años?|mes(?:es)?|trimestres?|semestres?|década|semanas?")
    return regex.compile(rf"\d|(?<![\w])(?:{alternation(words)[3:-1]}|{units})(?![\w])", regex.I)


@lru_cache(maxsize=None)
def _rules(lang: str, present: bool) -> tuple[tuple[regex.Pattern, Resolver], ...]:
    base = [(_ISO, _r_iso), (_ISO_MONTH, _r_iso_month)]
    if lang in ("en", "es"):
        base.append((_NUMERIC_DMY, _r_numeric_dmy))
    if lang == "zh":
        base += _zh_rules() + (_zh_present() if present else [])
    elif lang in ("en", "es"):
        base += _latin_rules(lang) + (_latin_present(lang) if present else [])
    return tuple(base)


def find_timexes(text: str, lang: str, reference_date: str | None, *,
                 default_year: int | None = None, include_present: bool = False) -> list[Timex]:
    """Date expressions in ``text`` (language zh/en/es), resolved; sorted, non-overlapping.

    ``include_present`` also returns present-time anchors (如今, now, hoy) resolved to the
    reference year — useful for figure periods, not events."""
    if lang not in ("zh", "en", "es") or not _trigger(lang).search(text):
        return []
    ctx = _Ctx(parse_reference(reference_date), default_year, text, lang)
    cands: list[tuple[int, int, Resolved]] = []
    for pat, fn in _rules(lang, include_present):
        for m in pat.finditer(text):
            if m.end() <= m.start():
                continue
            r = fn(m, ctx)
            if r is None or r[0] is None:
                continue
            cands.append((m.start(), m.end(), r))
    if not cands:
        return []
    # longest first, then leftmost; keep non-overlapping
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int, Resolved]] = []
    starts: list[int] = []            # starts of the taken spans, sorted (they never overlap)
    ends: list[int] = []
    for c in cands:
        i = bisect.bisect_right(starts, c[0])
        if (i == 0 or ends[i - 1] <= c[0]) and (i == len(starts) or starts[i] >= c[1]):
            starts.insert(i, c[0])
            ends.insert(i, c[1])
            taken.append(c)
    taken.sort(key=lambda c: c[0])
    out = []
    for s, e, r in taken:
        date, gran, rel = r[:3]
        kind = r[3] if len(r) > 3 else ""
        # trim whitespace the patterns may have swallowed at the edges
        while e > s and text[e - 1].isspace():
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        out.append(Timex(s, e, text[s:e], date or "", gran, bool(rel), kind))
    return out
