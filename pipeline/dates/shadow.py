"""Rewrites that let the rules read forms they are not written for, with offsets kept.

A sentence with a two-digit year (08年, '89) or a spelled-out number (January first 2000, two
thousand and thirty two, dos mil diez) is searched in a *shadow* copy where those are digits
(2008年, 1989, January 1st 2000, 2032); the expressions found there are mapped back to the
original offsets, so ``text == source[start:end]`` still holds.  Spelled numbers are read by
``text2num`` (en/es); two-digit years take their century from the reference year
(:func:`~pipeline.dates.core.century`).
"""
from __future__ import annotations

import bisect
import dataclasses
from functools import lru_cache

import regex

from .. import rx
from ..resources import alternation, load
from .core import Gated, Reference, Timex, century


@dataclasses.dataclass(frozen=True, slots=True)
class Shadow:
    text: str
    edits: tuple[tuple[int, int, int, int], ...]   # (shadow start, shadow end, raw start, raw end)

    def _raw(self, pos: int, is_end: bool) -> int:
        starts = [e[0] for e in self.edits]
        i = bisect.bisect_right(starts, pos) - 1
        shift = 0
        if i >= 0:
            s0, s1, r0, r1 = self.edits[i]
            if pos < s1 or (is_end and pos == s1):
                return r1 if is_end and pos > s0 else r0
            shift = r1 - s1
        return pos + shift

    def restore(self, found: list[Timex], raw: str) -> list[Timex]:
        out = []
        for t in found:
            s, e = self._raw(t.start, False), self._raw(t.end, True)
            out.append(dataclasses.replace(t, start=s, end=e, text=raw[s:e]))
        return out


@lru_cache(maxsize=None)
def _patterns(lang: str) -> tuple[Gated, regex.Pattern | None]:
    """(two-digit year, spelled-number trigger) patterns of a language (timex.yaml)."""
    res = load(lang, "timex")
    if lang == "zh":
        not_after = alternation(res["two_digit_year_not_after"])
        not_before = alternation(res["two_digit_year_not_before"])
        yy = rx.compile(rf"(?<![\d０-９.．〇零○一二三四五六七八九十百千万]|{not_after})(?P<yy>\d\d)(?=年)(?!年{not_before})")
        return Gated(yy, rx.compile(r"\d年")), None
    yy = rx.compile(r"(?<![\w'’])['’](?P<yy>\d\d)(?![\w'’%])")
    return Gated(yy, rx.compile(r"['’]\d")), rx.compile(rf"(?<!\w){alternation(res['spelled_number_triggers'])}(?!\w)", regex.I)


@lru_cache(maxsize=None)
def _months(lang: str) -> regex.Pattern:
    """A month name right before (January first) or after (first of May, dos de mayo) a number."""
    res = load(lang, "timex")
    names = alternation(list(res["months"]) + list(res["month_abbreviations"]))
    return rx.compile(rf"(?:\s+(?:of|de)?\s*{names}(?!\w)|(?<!\w){names}\s+(?:the\s+)?$)", regex.I)


@lru_cache(maxsize=None)
def _month_name(lang: str) -> regex.Pattern:
    """A spelled number is read only in a sentence with a year word (spelled_year_words) or a month name."""
    res = load(lang, "timex")
    words = list(res["months"]) + list(res["month_abbreviations"]) + list(res["spelled_year_words"])
    return rx.compile(rf"(?<!\w){alternation(words)}(?!\w)", regex.I)


class _Tok:
    __slots__ = ("t",)

    def __init__(self, t: str):
        self.t = t

    def text(self) -> str:
        return self.t

    def nt_separated(self, previous) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


_WORD = rx.compile(r"[\p{L}\p{M}º]+(?:-[\p{L}\p{M}]+)*|\d+|[^\s\w]")
_BLANK = rx.compile(r"\s+")


def _spelled(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Spelled numbers as (start, end, digits): 'twenty-first' -> '21st', 'dos mil diez' -> '2010',
    'nineteen ninety-eight' -> '1998'."""
    from text_to_num import find_numbers
    words = list(_WORD.finditer(text))
    if not words:
        return []
    out: list[tuple[int, int, str, float, bool]] = []
    for o in find_numbers([_Tok(w.group()) for w in words], lang, 0):
        s, e = words[o.start].start(), words[o.end - 1].end()
        if text[s:e].isdigit():
            continue
        v = o.value
        if out and not o.is_ordinal and not out[-1][4] and 10 <= out[-1][3] <= 20 and 10 <= v <= 99 \
                and _BLANK.fullmatch(text, out[-1][1], s):
            ps, _, _, pv, _ = out.pop()          # nineteen ninety-eight, twenty thirty
            s, v = ps, pv * 100 + v
        out.append((s, e, "", v, o.is_ordinal))
    res = []
    months = _months(lang)
    for s, e, _, v, ordinal in out:
        if v != int(v) or v < 0:
            continue
        n = int(v)
        near_month = months.search(text, max(0, s - 12), s) or months.match(text, e)
        if not (1000 <= n <= 2099 or (1 <= n <= 31 and near_month)):
            continue          # only years and days of a named month (the first quarter stays words)
        digits = str(n) + ((_suffix(n) if lang == "en" else "") if ordinal else "")
        res.append((s, e, digits))
    return res


def _suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def rewrite(text: str, lang: str, ref: Reference | None) -> Shadow | None:
    """The shadow copy of ``text``, or None when nothing needs rewriting."""
    yy, trigger = _patterns(lang)
    edits = [(m.start(), m.end(), str(century(int(m["yy"]), ref))) for m in yy.finditer(text)]
    if trigger is not None and trigger.search(text) and _month_name(lang).search(text):
        taken = [(s, e) for s, e, _ in edits]
        edits += [x for x in _spelled(text, lang)
                  if not any(s < x[1] and x[0] < e for s, e in taken)]
    if not edits:
        return None
    edits.sort()
    parts, spans, pos, shift = [], [], 0, 0
    for s, e, new in edits:
        parts.append(text[pos:s])
        spans.append((s + shift, s + shift + len(new), s, e))
        parts.append(new)
        shift += len(new) - (e - s)
        pos = e
    parts.append(text[pos:])
    return Shadow("".join(parts), tuple(spans))
