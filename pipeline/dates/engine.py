"""The search: run the rules of a language, keep the longest non-overlapping matches."""
from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, NamedTuple

import regex

from .. import rx
from ..literals import any_in, fold, needs
from ..resources import alternation, load
from .core import DAY, MONTH, PERIOD, QUARTER, YEAR  # noqa: F401
from .core import Gated as _Gated, Resolved, Resolver, SharedGate, Timex, _Ctx, parse_reference  # noqa: F401
from .numeric import (_ISO, _ISO_MONTH, _MONTH_YEAR, _NUMERIC_DMY, _YEAR_MONTH, _r_iso, _r_iso_month,
                      _r_month_year, _r_numeric_dmy, day_first_in)
from .zh import _zh_present, _zh_rules  # noqa: F401
from .latin import _latin_present, _latin_rules  # noqa: F401
from .compose import compose
from .relative import relative_day_rules
from .shadow import rewrite


# ----------------------------------------------------------------------------- engine

@lru_cache(maxsize=None)
def _trigger(lang: str) -> regex.Pattern:
    """A cheap test: a text without any of these cannot hold a date expression."""
    res = load(lang, "timex")
    if lang == "zh":
        extra = {w[0] for w in list(res["festivals"]) + list(res["year_part_words"])}
        extra |= {w[0] for w in res.get("relative_days_extra") or {}}
        return rx.compile(r"[\d年月日季今昨明如现目当眼时周期拜天" + regex.escape("".join(sorted(extra))) + "]")
    words = list(res["months"]) + list(res["month_abbreviations"]) + list(res["weekdays"])
    words += list(res["relative_days"]) + list(res["present_words"]) + list(res.get("festivals") or [])
    words += list(res.get("relative_days_extra") or []) + list(res.get("spelled_number_triggers") or [])
    units = (r"years?|months?|quarters?|half|decade|weeks?|days?" if lang == "en" else
             r"años?|mes(?:es)?|trimestres?|semestres?|década|semanas?|días?|antier|mañana")
    return rx.compile(rf"\d|(?<![\w])(?:{alternation(words)[3:-1]}|{units})(?![\w])", regex.I)


_NUMERIC_GATE = rx.compile(r"\d[/.\-]\d")
_DIGIT = rx.compile(r"\d")
_NUMERIC_RESOLVERS = {_NUMERIC_DMY.pattern: _r_numeric_dmy, _MONTH_YEAR.pattern: _r_month_year,
                      _YEAR_MONTH.pattern: _r_month_year}


@lru_cache(maxsize=None)
def _rules(lang: str, present: bool) -> tuple[tuple[regex.Pattern, Resolver], ...]:
    base = [(_ISO, _r_iso), (_ISO_MONTH, _r_iso_month)]
    base += [_Gated(pat, _NUMERIC_GATE) for pat in (_NUMERIC_DMY, _MONTH_YEAR, _YEAR_MONTH)]
    base = [b if isinstance(b, tuple) else (b, _NUMERIC_RESOLVERS[b.pattern]) for b in base]
    base += list(relative_day_rules(lang))
    if lang == "zh":
        base += _zh_rules() + (_zh_present() if present else [])
    elif lang in ("en", "es"):
        base += _latin_rules(lang) + (_latin_present(lang) if present else [])
    return tuple(base)


_PLANS: dict[tuple[str, bool], tuple[tuple, tuple]] = {}
_USE_NEEDS = True              # tests turn it off to compare (and clear _PLANS to rebuild)


def _plan(lang: str, present: bool) -> tuple[tuple, tuple[tuple[str, ...], ...]]:
    """``_rules`` taken apart for find_base: (plan, word groups).  Each rule of the plan is (pattern, gate
    pattern, indices of its word groups or None, resolver): find_base searches each gate once per
    text itself, not through a Python call per gated rule, and skips a rule when the text lacks
    one of its word groups (``literals.needs``: it holds none of the group's words).  Rules share
    groups (the month names), so a group is tested once per text.  Rebuilt when ``_rules`` is
    (its cache cleared: tests compare gated and ungated rules)."""
    rules = _rules(lang, present)
    kept = _PLANS.get((lang, present))
    if kept is None or kept[0] is not rules:
        plan, groups = [], {}
        for pat, fn in rules:
            gate = None
            if isinstance(pat, _Gated):
                pat, gate = pat._pat, pat.gate._pat if isinstance(pat.gate, SharedGate) else pat.gate
            words = needs(pat.pattern, pat.flags) if _USE_NEEDS else None
            ids = None if words is None else tuple(groups.setdefault(tuple(sorted(g)), len(groups)) for g in words)
            plan.append((pat, gate, ids, fn))
        kept = _PLANS[(lang, present)] = (rules, (tuple(plan), tuple(groups)))
    return kept[1]


def find_base(text: str, lang: str, reference_date: str | None, *, default_year: int | None = None,
              include_present: bool = False, day_first: bool | None = None) -> list[Timex]:
    """Date expressions in ``text`` (language zh/en/es) before composition (see compose.py).

    ``include_present`` also returns present-time anchors (如今, now, hoy) resolved to the
    reference year — useful for figure periods, not events."""
    if lang not in ("zh", "en", "es") or not (_DIGIT.search(text) or _trigger(lang).search(text)):
        return []                              # (a digit first: found at once, where the trigger tries
                                               # its words at every position before the digit)
    ctx = _Ctx(parse_reference(reference_date), default_year, text, lang, day_first)
    cands: list[tuple[int, int, Resolved]] = []
    opened: dict[regex.Pattern, bool] = {}       # gate -> found in this text (each searched once)
    plan, groups = _plan(lang, include_present)
    folded = fold(text)
    held: list[bool | None] = [None] * len(groups)        # word group -> found in this text
    for pat, gate, ids, fn in plan:
        if ids is not None:
            for i in ids:
                found = held[i]
                if found is None:
                    found = held[i] = any_in(groups[i], folded)
                if not found:
                    break
            else:
                ids = None
            if ids is not None:                 # a group of its words is missing: the rule cannot match
                continue
        if gate is not None:
            found = opened.get(gate)
            if found is None:
                found = opened[gate] = gate.search(text) is not None
            if not found:
                continue
        for m in pat.finditer(text):
            s, e = m.span()
            if e <= s:
                continue
            r = fn(m, ctx)
            if r is None or r[0] is None:
                continue
            cands.append((s, e, r))
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
        alternatives = r[4] if len(r) > 4 else ()
        # trim whitespace the patterns may have swallowed at the edges
        while e > s and text[e - 1].isspace():
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        out.append(Timex(s, e, text[s:e], date or "", gran, bool(rel), kind, alternatives))
    return out



def find(text: str, lang: str, reference_date: str | None = None, *, default_year: int | None = None,
         include_present: bool = False, day_first: bool | None = None) -> list[Timex]:
    """Date expressions in ``text`` (language zh/en/es), resolved; sorted, non-overlapping.

    Relative expressions resolve against ``reference_date`` (the document date, 'YYYY[-MM[-DD]]'),
    never the clock; without it they come back with value ''.  ``default_year`` gives year-less
    dates the year of their context (a timeline heading).  ``include_present`` also returns
    present-time anchors (如今, now, hoy: kind 'present'), useful for figure periods, not events.
    ``day_first`` is the order of the document's numeric dates (see :func:`day_first_in`)."""
    if lang not in ("zh", "en", "es"):
        return []
    ref = parse_reference(reference_date)
    shadow = rewrite(text, lang, ref)
    work = shadow.text if shadow is not None else text
    found = find_base(work, lang, reference_date, default_year=default_year,
                      include_present=include_present, day_first=day_first)
    if found:
        found = compose(found, _Ctx(ref, default_year, work, lang, day_first))
    return shadow.restore(found, text) if shadow is not None else found


def parse(expr: str, lang: str, reference_date: str | None = None) -> Timex | None:
    """One expression: the date expression covering ``expr`` (surrounding spaces aside), or None."""
    found = find(expr, lang, reference_date)
    core = expr.strip()
    lead = len(expr) - len(expr.lstrip())
    for t in found:
        if t.start == lead and t.end == lead + len(core):
            return t
    return found[0] if len(found) == 1 else None


_SHARED: dict[int, tuple[object, dict]] = {}
_SHARED_DOCS = 4


def sentence_dates(doc, sentence, text: str, lang: str, *, default_year: int | None = None) -> list[Timex]:
    """``find(text, lang, doc.meta.date, include_present=True)`` for one sentence of a document,
    computed once per document and shared by the extractors (figure periods, events).  Callers that
    do not want present-time anchors drop kind 'present'."""
    entry = _SHARED.get(id(doc))
    if entry is None or entry[0] is not doc:
        if len(_SHARED) >= _SHARED_DOCS:
            _SHARED.pop(next(iter(_SHARED)))
        entry = _SHARED[id(doc)] = (doc, {})
    key = (sentence.start, sentence.end, lang, default_year)
    cache = entry[1]
    if "day_first" not in cache:
        cache["day_first"] = day_first_in(doc.text)
    if key not in cache:
        cache[key] = find(text, lang, doc.meta.date, default_year=default_year, include_present=True,
                          day_first=cache["day_first"])
    return cache[key]
