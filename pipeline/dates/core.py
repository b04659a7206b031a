"""Shared types and helpers of the date layer: Timex, the reference date, calendar arithmetic."""
from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, NamedTuple

import regex

from .. import rx
from ..resources import alternation, load

DAY, MONTH, QUARTER, YEAR, PERIOD = "day", "month", "quarter", "year", "period"


@dataclass(frozen=True, slots=True)
class Timex:
    """One date expression: ``text == source[start:end]`` (half-open offsets into the text given)."""
    start: int
    end: int
    text: str
    value: str          # ISO 8601 at its granularity, an interval 'a/b' (open: '/b', 'a/'), '' if unresolvable
    granularity: str    # day | month | quarter | year | period
    relative: bool      # resolving needed the reference date
    kind: str = ""      # "" | since | last_n | ago | festival | present | before | after | until | offset
    alternatives: tuple[str, ...] = ()   # other readings of an ambiguous numeric date (01/02/2020)
    parts: tuple["Timex", ...] = ()      # composed expressions: the dates they were built from

    @property
    def date(self) -> str:
        """The value (the name the extractors used before the dates layer)."""
        return self.value


class Gated:
    """A rule's pattern that only runs when a cheap test finds what it needs (a digit, a separator
    and a digit): most sentences have no numeric date, and scanning them costs time."""
    __slots__ = ("pattern", "gate", "_pat")

    def __init__(self, pat: regex.Pattern, gate: regex.Pattern):
        self._pat, self.gate, self.pattern = pat, gate, pat.pattern

    def finditer(self, text: str):
        return self._pat.finditer(text) if self.gate.search(text) else iter(())


def gated(pat: regex.Pattern, gate: "SharedGate | None"):
    """``pat`` behind ``gate`` (a rule that cannot match where the gate finds nothing), or itself."""
    return pat if gate is None else Gated(pat, gate)


class SharedGate:
    """One cheap test shared by several rules (a month name, a weekday, a digit): searched once
    per text, not once per rule — the rules of a language run one after the other on the same
    text, so the last answer is kept (with the text it was for, so a new text is searched anew)."""
    __slots__ = ("_pat", "_last")

    def __init__(self, pat: regex.Pattern):
        self._pat = pat
        self._last: tuple[str | None, bool] = (None, False)

    def search(self, text: str) -> bool:
        last = self._last                      # one tuple: read and replaced whole (threads)
        if last[0] is text:
            return last[1]
        found = self._pat.search(text) is not None
        self._last = (text, found)
        return found


_SPACES = rx.compile(r"\s+")


def squeeze(s: str) -> str:
    """Runs of white space as one space (the keys of the word tables): a precompiled pattern,
    not ``regex.sub(pattern_string, ...)`` per match."""
    return _SPACES.sub(" ", s)



class Reference(NamedTuple):
    year: int
    month: int | None = None
    day: int | None = None


_REF_RE = rx.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


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
    day_first: bool | None = None   # numeric dates of the document put the day first (True) / month first


def century(yy: int, ref: Reference | None) -> int:
    """A two-digit year: the latest year ending in yy that is at most 10 years after the reference
    year (2020 without one): '89 -> 1989, 08年 -> 2008, '25 in 2020 -> 2025, '31 -> 1931."""
    base = ref.year if ref is not None else 2020
    y = (base + 10) // 100 * 100 + yy
    return y if y <= base + 10 else y - 100


# a sentence is one clause for en/es except at these (a "." there is an abbreviation: Nov. 11)
_CLAUSE_END = {"zh": "，,；;。！!？?\n", "en": ",;!?\n", "es": ",;!?¡¿\n"}


@lru_cache(maxsize=None)
def _future_res(lang: str) -> tuple[regex.Pattern | None, regex.Pattern | None]:
    res = load(lang, "timex")
    before = res.get("future_cues") or []
    after = res.get("future_after") or []
    if lang == "zh":
        b = rx.compile(alternation(before)) if before else None
        a = rx.compile(r"^\s*" + alternation(after) + r"(?!近|军|其|之)") if after else None
    else:
        words = [r"\s+".join(regex.escape(p) for p in w.split()) for w in before]
        b = rx.compile(r"(?<![\w])" + alternation(words, escape=False) + r"(?![\w])", regex.I) if words else None
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


