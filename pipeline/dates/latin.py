"""English and Spanish rules: each rule is a regex plus a resolver (find, then resolve).

The words and pattern pieces of a language are one frozen lexicon (``LatinWords``, built once per
language by ``latin_words(lang)`` from ``resources/<lang>/timex.yaml``); every resolver is a
module-level function taking that lexicon explicitly, bound with ``functools.partial`` when the
rule list is built.  The rule list is built by small functions grouped by expression type; their
order is the match order (it matters for overlap resolution)."""
from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache, partial as _bind
from typing import Callable, NamedTuple

import regex

from .. import rx
from ..resources import alternation, load
from .core import DAY, MONTH, PERIOD, QUARTER, YEAR  # noqa: F401
from .core import Resolved, Resolver, SharedGate, gated, squeeze, _day_of, _day_range, _future_at, _g, _month_of, _months_period, _ref_day, _shift_month, _valid_year, _week_of, _weekday_rel, _year_of, _ym, _ymd, _ytd, resolve_partial_year  # noqa: F401
from .festivals import _festival  # noqa: F401


# ----------------------------------------------------------------------------- English / Spanish

def _case_variants(words) -> list[str]:
    out = set()
    for w in words:
        out |= {w, w[:1].upper() + w[1:], w.upper()}
    return sorted(out)


B, E = r"(?<![\w])", r"(?![\w])"
FLAGS = regex.I
Rules = list[tuple[str, Callable]]


@dataclass(frozen=True, slots=True)
class LatinWords:
    """The words and pattern pieces of one language (en or es) the rules and resolvers read."""
    lang: str
    res: dict
    months: dict[str, int]
    abbrs: dict[str, int]
    ordinals: dict[str, int]
    numbers: dict[str, int]
    weekdays: list[str]
    MONTHS: str
    ABBR: str
    MODS: str
    PREPS: str
    ORD: str
    NUMW: str
    NOTYEAR: str
    rel_years: dict[str, int]
    rel_months: dict[str, int]
    RELW: str
    YEARREF: str
    MOD: str
    part_mods: dict[str, int]
    DAYNUM: str
    DAYWORDS: dict[str, int]
    fwin: dict[str, list[int]]
    fest_by_lower: dict[str, str]
    fest_noun: regex.Pattern
    wd_before: dict[str, int]
    wd_after: dict[str, int]
    WD: str
    WD_PRE: str
    WD_POST: str
    wd_not_after: regex.Pattern
    wd_then_date: regex.Pattern
    weeks: dict[str, int]


def _month_words(lang: str, res: dict) -> dict:
    months: dict[str, int] = {k.lower(): v for k, v in res["months"].items()}
    abbrs: dict[str, int] = {k.lower(): v for k, v in res["month_abbreviations"].items()}
    if lang == "en":   # capitalized only: "may" the modal is not a month
        MONTHS = alternation(_case_variants(k.capitalize() for k in months))
        ABBR = alternation(_case_variants(k.capitalize() for k in abbrs))
        MONTHS = MONTHS.replace("(?:", "(?-i:", 1)
        ABBR = ABBR.replace("(?:", "(?-i:", 1)
    else:
        MONTHS = alternation(_case_variants(months))
        ABBR = alternation(_case_variants(abbrs))
    return dict(months=months, abbrs=abbrs, MONTHS=MONTHS, ABBR=ABBR)


def _number_words(lang: str, res: dict) -> dict:
    ordinals: dict[str, int] = {str(k).lower(): v for k, v in res["ordinals"].items()}
    numbers: dict[str, int] = {str(k).lower(): v for k, v in res["number_words"].items()}
    return dict(ordinals=ordinals, numbers=numbers, ORD=alternation(ordinals),
                NUMW=r"(?:\d{1,2}|" + alternation(numbers)[3:])


def _relative_words(lang: str, res: dict) -> dict:
    rel_years: dict[str, int] = {}
    rel_months: dict[str, int] = {}
    RELW = ""
    if lang == "en":
        RELW = alternation(res["relative_words"])
        YEARREF = rf"(?:(?P<y>\d{{4}})|(?:this|the)\s+year|(?P<rw>{RELW})\s+year)"
        DAYWORDS = res["relative_days"]
    else:
        rel_years = {k.lower(): v for k, v in res["relative_years"].items()}
        rel_months = {k.lower(): v for k, v in res["relative_months"].items()}
        YEARREF = rf"(?:(?P<y>\d{{4}})|(?:(?:este|el|dicho)\s+)?año|(?P<rp>{alternation(rel_years)}))"
        DAYWORDS = {k: v for k, v in res["relative_days"].items() if k != "hoy"}
    weeks = {squeeze(str(k).lower()): v for k, v in (res.get("relative_weeks") or {}).items()}
    return dict(rel_years=rel_years, rel_months=rel_months, RELW=RELW, YEARREF=YEARREF,
                DAYWORDS=DAYWORDS, weeks=weeks)


def _festival_words(lang: str, res: dict) -> dict:
    fests: dict[str, str] = res["festivals"]
    return dict(
        fwin={k.lower(): v for k, v in res["festival_windows"].items()},
        fest_by_lower={k.lower(): v for k, v in fests.items()},
        fest_noun=rx.compile(rf"\s+(?:{alternation(res.get('festival_not_before') or ['-'])}){E}", regex.I))


def _weekday_words(lang: str, res: dict, MONTHS: str, ABBR: str) -> dict:
    weekdays = [w.lower() for w in res["weekdays"]]
    wd_before = {squeeze(str(k).lower()): v for k, v in (res.get("weekday_before") or {}).items()}
    wd_after = {squeeze(str(k).lower()): v for k, v in (res.get("weekday_after") or {}).items()}
    WD = alternation(_case_variants(weekdays))
    if lang == "en":       # capitalized only, so a weekday may stand alone (said Monday)
        WD = WD.replace("(?:", "(?-i:", 1)
    WB = [r"\s+".join(regex.escape(p) for p in w.split()) for w in wd_before]
    WA = [r"\s+".join(regex.escape(p) for p in w.split()) for w in wd_after]
    return dict(
        weekdays=weekdays, wd_before=wd_before, wd_after=wd_after, WD=WD,
        WD_PRE=rf"(?:(?P<wb>{alternation(WB, escape=False)})\s+)" + ("?" if lang == "en" else ""),
        WD_POST=rf"(?:\s+(?P<wa>{alternation(WA, escape=False)}))?" if WA else "",
        wd_not_after=rx.compile(rf"{B}(?:{alternation(res.get('weekday_not_after') or ['-'])})\s+$", regex.I),
        # a weekday before a full date (Monday, May 15 / el lunes 15 de mayo) leaves the date to it
        wd_then_date=rx.compile(rf",?\s+(?:the\s+|el\s+)?(?:\d{{1,2}}(?!\d)(?!\s*(?:%|:\d))|{MONTHS}{E}|{ABBR}\.?\s+\d)"))


@lru_cache(maxsize=None)
def latin_words(lang: str) -> LatinWords:
    res = load(lang, "timex")
    mw = _month_words(lang, res)
    MODS = alternation(res["modifiers"])
    return LatinWords(
        lang=lang, res=res, **mw, **_number_words(lang, res), **_relative_words(lang, res),
        **_festival_words(lang, res), **_weekday_words(lang, res, mw["MONTHS"], mw["ABBR"]),
        MODS=MODS, PREPS=alternation(res["date_prepositions"]),
        NOTYEAR=alternation(res["year_not_followed_by"]), MOD=rf"(?:(?P<mod>{MODS})\s*)?",
        part_mods={k.lower(): v for k, v in res["part_modifiers"].items()},
        DAYNUM=r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|º|\.º)?")


# ----------------------------------------------------------------------------- shared helpers

def month_num(w: LatinWords, s: str) -> int:
    s = s.lower().rstrip(".")
    return w.months.get(s) or w.abbrs.get(s) or 0


def numval(w: LatinWords, s: str) -> int | None:
    s = s.lower()
    return int(s) if s.isdecimal() else w.numbers.get(s)


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


def _rel_year_delta(w: LatinWords, m) -> int:
    """The year shift of a relative word (en: last/next, group rw) or phrase (es: group rp)."""
    if _g(m, "rw"):
        return w.res["relative_words"][m["rw"].lower()]
    return w.rel_years[squeeze(m["rp"].lower())]


def yearref(w: LatinWords, m, ctx) -> tuple[int, bool] | None | bool:
    if _g(m, "y"):
        y = int(m["y"])
        return (y, False) if _valid_year(y) else False
    if ctx.ref is None:
        return None
    if _g(m, "rw"):
        return ctx.ref.year + w.res["relative_words"][m["rw"].lower()], True
    if _g(m, "rp"):
        return ctx.ref.year + w.rel_years[squeeze(m["rp"].lower())], True
    return ctx.ref.year, True


def year_part(w: LatinWords, m, y: int, rel: bool) -> Resolved:
    """A year, or the month a part modifier names (late 2023 -> 2023-12)."""
    mod = (_g(m, "mod") or "").lower()
    mod = squeeze(mod).strip()
    if w.part_mods.get(mod):        # 0: a part kept at year granularity (a finales de 2025)
        return (_ym(y, w.part_mods[mod]), MONTH, rel)
    return (f"{y:04d}", YEAR, rel)


def resolve_ytd(w: LatinWords, m, ctx):
    return _ytd(ctx)


def resolve_last_n(w: LatinWords, m, ctx):
    n = 10 if _g(m, "dec") else numval(w, m["n"])
    if not n:
        return None
    if ctx.ref is None:
        return ("", PERIOD, True, "last_n")
    return (f"{ctx.ref.year - n:04d}/{ctx.ref.year:04d}", PERIOD, True, "last_n")


def resolve_month_range(w: LatinWords, m, ctx):
    a, b = month_num(w, m["m1"]), month_num(w, m["m2"])
    r = partial(m, ctx, b)
    if r is None or not r[0]:
        return r
    p = _months_period(int(r[0][:4]), a, b)
    return (p, PERIOD, r[2]) if p else None


def resolve_ago(w: LatinWords, m, ctx):
    n = numval(w, m["n"]) or 1
    unit = m["unit"].lower()
    if unit == "decade" or unit.startswith("d"):
        return (_year_of(ctx, -10 * n), YEAR, True, "ago")
    if unit == "year" or unit.startswith("a"):
        return (_year_of(ctx, -n), YEAR, True, "ago")
    return (_month_of(ctx, -n), MONTH, True, "ago")


# ----------------------------------------------------------------------------- English

def resolve_en_md(w: LatinWords, m, ctx):
    return partial(m, ctx, month_num(w, m["mn"]), int(m["d"]))


def resolve_en_md_range(w: LatinWords, m, ctx):
    mo = month_num(w, m["mn"])
    mo2 = month_num(w, m["mn2"]) if _g(m, "mn2") else mo
    return _day_range(partial(m, ctx, mo, int(m["d"])), mo2, int(m["d2"]))


def resolve_en_rel_month_name(w: LatinWords, m, ctx):
    if ctx.ref is None:
        return ("", MONTH, True)
    mo, r = month_num(w, m["mn"]), ctx.ref
    delta = w.res["relative_words"][m["rw"].lower()]
    y = r.year
    if delta < 0 and r.month is not None and mo >= r.month:
        y -= 1
    elif delta > 0 and r.month is not None and mo <= r.month:
        y += 1
    return (_ym(y, mo), MONTH, True)


def resolve_en_rel(w: LatinWords, m, ctx):
    delta = w.res["relative_words"][m["rw"].lower()]
    if m["unit"].lower() == "year":
        if ctx.ref is None:
            return ("", YEAR, True)
        return year_part(w, m, ctx.ref.year + delta, True)
    return (_month_of(ctx, delta), MONTH, True)


def _en_absolute_rules(w: LatinWords) -> Rules:
    MONTHS, ABBR, RELW, MOD = w.MONTHS, w.ABBR, w.RELW, w.MOD
    return [
        # (early) May 16(, 2020)
        (rf"{B}{MOD}(?P<mn>{MONTHS}|{ABBR}\.?)\s+{w.DAYNUM}{E}(?:,?\s+(?P<y>\d{{4}}){E})?"
         r"(?!\s*(?:%|percent|per\s+cent))", resolve_en_md),
        # June 1-5(, 2024) / June 1 to June 5
        (rf"{B}(?P<mn>{MONTHS}|{ABBR}\.?)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|through)\s*"
         rf"(?:(?P<mn2>{MONTHS}|{ABBR}\.?)\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?{E}(?:,?\s+(?P<y>\d{{4}}){E})?",
         resolve_en_md_range),
        # 16 May 2020 / 16th of May
        (rf"{B}{w.DAYNUM}\s+(?:of\s+)?(?P<mn>{MONTHS}|{ABBR}\.?)(?:,?\s+(?P<y>\d{{4}}))?{E}", resolve_en_md),
        # (last|this|next) May
        (rf"{B}(?P<rw>{RELW})\s+(?P<mn>{MONTHS}){E}", resolve_en_rel_month_name),
        # last year / this month / earlier this year
        (rf"{B}{MOD}(?P<rw>{RELW})\s+(?P<unit>year|month){E}(?!-|\s+old)", resolve_en_rel),
        # a year ago / two months ago
        (rf"{B}(?P<n>{w.NUMW}|an?)\s+(?P<unit>year|month|decade)s?\s+ago{E}", resolve_ago),
    ]


def resolve_en_quarter(w: LatinWords, m, ctx):
    q = w.ordinals[m["ord"].lower()]
    yr = yearref(w, m, ctx)
    if yr is False or not 1 <= q <= 4:
        return None
    if yr is None:
        if ctx.default_year is None:
            return ("", QUARTER, True)
        yr = (ctx.default_year, False)
    return (f"{yr[0]:04d}-Q{q}", QUARTER, yr[1])


def resolve_en_q(w: LatinWords, m, ctx):
    yr = yearref(w, m, ctx) if _g(m, "y") else (
        (ctx.default_year, False) if ctx.default_year else ((ctx.ref.year, True) if ctx.ref else None))
    if yr is False:
        return None
    if yr is None:
        return ("", QUARTER, True)
    return (f"{yr[0]:04d}-Q{m['q']}", QUARTER, yr[1])


def resolve_en_first(w: LatinWords, m, ctx):
    yr = yearref(w, m, ctx)
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
        n = numval(w, m["n"]) or 0
        a, b = 1, n * (3 if m["unit"].lower() == "quarters" else 1)
    p = _months_period(y, a, b)
    return (p, PERIOD, rel) if p else None


def _en_period_rules(w: LatinWords) -> Rules:
    MONTHS, NUMW, YEARREF = w.MONTHS, w.NUMW, w.YEARREF
    return [
        # the first quarter (of 2020 | of this year)
        (rf"{B}(?:the\s+)?(?P<ord>{w.ORD})\s+quarter(?:\s+of\s+{YEARREF})?{E}", resolve_en_quarter),
        (rf"{B}Q(?P<q>[1-4])(?:\s+(?P<y>\d{{4}}))?{E}", resolve_en_q),
        # the first half of 2020 / the first five months (of this year) / the first three quarters
        (rf"{B}(?:the\s+)?(?:(?P<half>first|second)\s+half|first\s+(?P<n>{NUMW})\s+(?P<unit>months|quarters))"
         rf"(?:\s+of\s+{YEARREF})?{E}", resolve_en_first),
        # since the beginning of this year / so far this year
        (rf"{B}{alternation(w.res['year_to_date'])}{E}", resolve_ytd),
        # the past ten years / the last decade
        (rf"{B}(?:over\s+|in\s+|during\s+)?the\s+(?:past|last)\s+(?:(?P<n>{NUMW})\s+years|(?P<dec>decade)){E}",
         resolve_last_n),
        # January-May / from January to May (2024)
        (rf"{B}(?:(?:from|between)\s+)?(?P<m1>{MONTHS})\s*(?:-|–|—|to|through|and|until)\s*(?P<m2>{MONTHS})"
         rf"(?:,?\s+(?P<y>\d{{4}}))?{E}", resolve_month_range),
    ]


# ----------------------------------------------------------------------------- Spanish

def resolve_es_dm(w: LatinWords, m, ctx):
    d = 1 if m["d"].lower() == "primero" else int(m["d"])
    r = partial(m, ctx, month_num(w, m["mn"]), d)
    ref = _ref_day(ctx)
    if r and r[0] and _g(m, "pn") and ref is not None and ctx.default_year is None:
        # el 15 de mayo pasado: the latest one on or before the document day (próximo: after)
        y = ref.year + (-1 if m["pn"].lower() == "pasado" and r[0] > ref.isoformat() else 0) \
            + (1 if m["pn"].lower() != "pasado" and r[0] < ref.isoformat() else 0)
        iso = _ymd(y, month_num(w, m["mn"]), d)
        return (iso, DAY, True) if iso else None
    return r


def resolve_es_dia(w: LatinWords, m, ctx):
    ref = _ref_day(ctx)
    d = int(m["d"])
    if ref is None or not 1 <= d <= 31:
        return ("", DAY, True)
    y, mo = ref.year, ref.month
    if d > ref.day and not _future_at(ctx, m.start(), m.end()):
        y, mo = _shift_month(y, mo, -1)
    iso = _ymd(y, mo, d)
    return (iso, DAY, True) if iso else None


def resolve_es_day_range(w: LatinWords, m, ctx):
    mo = month_num(w, m["mn"])
    return _day_range(partial(m, ctx, mo, int(m["d"])), mo, int(m["d2"]))


def resolve_es_dateline(w: LatinWords, m, ctx):
    return partial(m, ctx, month_num(w, m["mn"]), int(m["d"]))


def resolve_es_rel_month_name(w: LatinWords, m, ctx):
    mo = month_num(w, _g(m, "mn") or m["mn2"])
    if ctx.ref is None:
        return ("", MONTH, True)
    y, r = ctx.ref.year, ctx.ref
    if (_g(m, "p1") or _g(m, "p2")) and r.month is not None and mo >= r.month:
        y -= 1
    elif (_g(m, "n1") or _g(m, "n2")) and r.month is not None and mo <= r.month:
        y += 1
    return (_ym(y, mo), MONTH, True)


def _es_day_rules(w: LatinWords) -> Rules:
    MONTHS, ABBR = w.MONTHS, w.ABBR
    past = alternation(w.res["month_past_words"])
    nxt = alternation(w.res["month_next_words"])
    return [
        # (el) 28 de mayo (de 2024) / 1º de junio
        (rf"{B}{w.MOD}(?P<d>[0-3]?\d|primero)(?:º|\.º)?\s+de\s+(?P<mn>{MONTHS})"
         rf"(?:\s+(?:de|del)\s+(?P<y>\d{{4}})|\s+(?P<pn>pasado|próximo)(?!\s+(?:año|mes)))?{E}", resolve_es_dm),
        # el (pasado) día 15: a day of the document month (of the previous one when it lies ahead)
        (rf"{B}(?:el\s+)?(?:(?P<past>pasado)\s+)?día\s+(?P<d>[0-3]?\d){E}(?!\s*(?:de\s+(?:{MONTHS}|{ABBR})|:\d|%))",
         resolve_es_dia),
        # del 17 al 21 de agosto (de 2024) / entre el 3 y el 5 de junio
        (rf"{B}(?P<d>[0-3]?\d)\s+(?:al?|y\s+el|y|-|–)\s+(?P<d2>[0-3]?\d)\s+de\s+(?P<mn>{MONTHS})"
         rf"(?:\s+(?:de|del)\s+(?P<y>\d{{4}}))?{E}", resolve_es_day_range),
        # dateline: 3 jun (Xinhua) / 3 jun. 2020 / 12 jun / 3 sept.
        (rf"{B}(?P<d>[0-3]?\d)\s+(?:de\s+)?(?P<mn>{ABBR}\.?|{MONTHS})(?:\s+(?:de\s+)?(?P<y>\d{{4}}))?{E}",
         resolve_es_dateline),
        # el pasado mes de mayo / mayo pasado / el próximo mes de julio
        (rf"{B}(?:el\s+)?(?:(?P<p1>{past})|(?P<n1>{nxt}))\s+mes\s+de\s+(?P<mn>{MONTHS}){E}"
         rf"|{B}(?P<mn2>{MONTHS})\s+(?:(?P<p2>{past})|(?P<n2>{nxt})){E}", resolve_es_rel_month_name),
    ]


def resolve_es_rel_year(w: LatinWords, m, ctx):
    if ctx.ref is None:
        return ("", YEAR, True)
    return year_part(w, m, ctx.ref.year + w.rel_years[squeeze(m["rp"].lower())], True)


def resolve_es_rel_mon(w: LatinWords, m, ctx):
    return (_month_of(ctx, w.rel_months[squeeze(m["rm"].lower())]), MONTH, True)


def resolve_es_quarter(w: LatinWords, m, ctx):
    q = w.ordinals[m["ord"].lower()]
    yr = yearref(w, m, ctx)
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


def resolve_es_first_months(w: LatinWords, m, ctx):
    yr = yearref(w, m, ctx)
    if yr is False:
        return None
    if yr is None:
        if ctx.default_year is None:
            return ("", PERIOD, True)
        yr = (ctx.default_year, False)
    n = numval(w, m["n"]) or 0
    p = _months_period(yr[0], 1, n)
    return (p, PERIOD, yr[1]) if p else None


def _es_period_rules(w: LatinWords) -> Rules:
    MONTHS, NUMW, YEARREF = w.MONTHS, w.NUMW, w.YEARREF
    return [
        # relative phrases: el año pasado / este mes
        (rf"{B}{w.MOD}(?P<rp>{alternation(w.rel_years)}){E}", resolve_es_rel_year),
        (rf"{B}(?P<rm>{alternation(w.rel_months)}){E}", resolve_es_rel_mon),
        # hace un año / hace dos meses
        (rf"{B}hace\s+(?P<n>{NUMW}|una)\s+(?P<unit>años?|mes(?:es)?|décadas?){E}", resolve_ago),
        # el primer trimestre (de 2020 | del año) / el primer semestre / los primeros cinco meses
        (rf"{B}(?:el\s+)?(?P<ord>{w.ORD})\s+(?P<unit>trimestre|semestre)(?:\s+(?:de|del)\s+{YEARREF})?{E}",
         resolve_es_quarter),
        (rf"{B}(?:los\s+)?primeros\s+(?P<n>{NUMW})\s+meses(?:\s+(?:de|del)\s+{YEARREF})?{E}",
         resolve_es_first_months),
        (rf"{B}{alternation(w.res['year_to_date'])}{E}", resolve_ytd),
        # de enero a mayo (de 2024)
        (rf"{B}(?:de|desde|entre)\s+(?P<m1>{MONTHS})\s+(?:a|al|hasta|y)\s+(?P<m2>{MONTHS})"
         rf"(?:\s+(?:de|del)\s+(?P<y>\d{{4}}))?{E}", resolve_month_range),
        # los últimos diez años / la última década
        (rf"{B}(?:en\s+|durante\s+)?(?:los\s+últimos\s+(?P<n>{NUMW})\s+años|la\s+última\s+(?P<dec>década)){E}",
         resolve_last_n),
    ]


# ----------------------------------------------------------------------------- shared by en / es

def resolve_month_rel_year(w: LatinWords, m, ctx):
    if ctx.ref is None:
        return ("", MONTH, True)
    return (_ym(ctx.ref.year + _rel_year_delta(w, m), month_num(w, m["mn"])), MONTH, True)


def resolve_since_last_year(w: LatinWords, m, ctx):
    if ctx.ref is None:
        return ("", PERIOD, True, "since")
    return (f"{ctx.ref.year - 1:04d}/{ctx.ref.year:04d}", PERIOD, True, "since")


def resolve_since(w: LatinWords, m, ctx):
    y = int(m["y"])
    if not _valid_year(y):
        return None
    mo = month_num(w, m["mn"]) if _g(m, "mn") else None
    start = _ym(y, mo) if mo else f"{y:04d}"
    r = ctx.ref
    if r is None or (r.year, r.month or 12) <= (y, mo or 0):
        return (start, MONTH if mo else YEAR, False)
    end = f"{r.year:04d}-{r.month:02d}" if (mo and r.month) else f"{r.year:04d}"
    if end == start:
        return (start, MONTH if mo else YEAR, False)
    return (f"{start}/{end}", PERIOD, True, "since")


def resolve_year_part_alone(w: LatinWords, m, ctx):
    if ctx.default_year is not None:
        return year_part(w, m, ctx.default_year, False)
    if ctx.ref is None:
        return ("", MONTH, True)
    return year_part(w, m, ctx.ref.year, True)


def _relative_year_rules(w: LatinWords) -> Rules:
    MONTHS, MOD, lang = w.MONTHS, w.MOD, w.lang
    # March last year / May this year / agosto del próximo año / marzo del año pasado
    if lang == "en":
        MON_REL = rf"{B}{MOD}(?P<mn>{MONTHS})\s+(?:of\s+)?(?P<rw>{w.RELW})\s+year{E}"
    else:
        MON_REL = rf"{B}{MOD}(?P<mn>{MONTHS})\s+(?:de|del)\s+(?P<rp>{alternation(w.rel_years)}){E}"
    # since 2020 / desde 2021 / since May 2020 -> a period up to the reference date
    SINCE = alternation(w.res["since_words"])
    SINCE_MON = rf"(?P<mn>{MONTHS})\s+(?:de\s+|del\s+)?" if lang == "es" else rf"(?P<mn>{MONTHS}),?\s+"
    # since last year / desde el año pasado -> last year to the reference year
    SINCE_LAST = r"last\s+year" if lang == "en" else r"(?:el\s+)?(?:año\s+pasado|pasado\s+año)"
    # by the end of the year / a finales de año: a part of the reference year
    PARTS = alternation(w.part_mods)
    YEAR_ALONE = alternation(w.res["year_alone"])
    return [
        (MON_REL, resolve_month_rel_year),
        (rf"{B}(?:{SINCE})\s+{SINCE_LAST}{E}", resolve_since_last_year),
        (rf"{B}(?:{SINCE})\s+(?:(?:el\s+)?(?:año\s+)?|{SINCE_MON})(?P<y>\d{{4}}){E}(?!\s*(?:%|-\d|–\d))",
         resolve_since),
        (rf"{B}(?P<mod>{PARTS})\s*(?:{YEAR_ALONE}){E}", resolve_year_part_alone),
    ]


def _festival_spec(w: LatinWords, f: str):
    key = squeeze(f).lower().replace("’", "'")
    if key in w.fest_by_lower:
        return w.fest_by_lower[key]
    return w.fest_by_lower.get(squeeze(f).lower())


def resolve_festival(w: LatinWords, m, ctx):
    if w.fest_noun.match(ctx.text, m.end()):
        return None   # Christmas trees, Navidad decorations: things, not dates
    spec = _festival_spec(w, m["f"])
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
        yr = (ctx.ref.year + _rel_year_delta(w, m), True)
    win = w.fwin.get((_g(m, "w") or "").lower())
    return _festival(str(spec), m, ctx, yr, tuple(win) if win else None)


def _festival_names(w: LatinWords) -> str:
    """The festival names of the rule (and of its gate)."""
    FEST = alternation(w.res["festivals"])
    if w.lang == "en":
        FEST = FEST.replace("(?:", "(?-i:", 1)   # capitalized as listed: "christmas" alone is rare
    return FEST


def _festival_pattern(w: LatinWords) -> str:
    """Christmas / the Spring Festival / Singles' Day / Navidad / el Año Nuevo chino."""
    FEST = _festival_names(w)
    FWIN = alternation(x for x in w.fwin if x)
    NOT_AFTER = alternation(w.res["festival_not_after"])
    if w.lang == "en":
        return (rf"{B}(?<!(?:{NOT_AFTER})\s+)(?:(?P<w>{FWIN})\s+(?:the\s+)?)?"
                rf"(?:(?P<rw>{w.RELW})\s+(?:year['’]s\s+)?|(?P<y0>\d{{4}})\s+)?(?P<f>{FEST})"
                rf"(?:,?\s+(?P<y>\d{{4}}))?{E}")
    return (rf"{B}(?<!(?:{NOT_AFTER})\s+)(?:(?P<w>{FWIN})\s+(?:(?:el|la|los|las)\s+)?)?(?P<f>{FEST})"
            rf"(?:\s+(?:de|del)\s+(?:(?P<y>\d{{4}})|(?P<rp>{alternation(w.rel_years)})))?{E}")


def resolve_month_year(w: LatinWords, m, ctx):
    return partial(m, ctx, month_num(w, m["mn"]))


def resolve_year_range(w: LatinWords, m, ctx):
    y1 = int(m["y1"])
    y2s = m["y2"]
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if not (_valid_year(y1) and _valid_year(y2)) or y2 <= y1:
        return None
    if _g(m, "c") == "/" and len(y2s) == 2:
        return None
    txt = m.group(0).lower()
    if (not _g(m, "c") and _AND.search(txt)
            and not _range_starts(w.lang).match(txt)):
        return None  # "2014 and 2023" alone: two dates, not a range
    return (f"{y1:04d}/{y2:04d}", PERIOD, False)


def _month_year_rules(w: LatinWords) -> Rules:
    MONTHS, MODS = w.MONTHS, w.MODS
    # bare month after a preposition (in May, en junio) — Spanish month names anywhere
    if w.lang == "en":
        bare = rf"{B}(?:(?P<mod>{MODS})\s*|(?<=(?<![\w])(?:{w.PREPS})\s+))(?P<mn>{MONTHS}){E}"
    else:
        bare = rf"{B}{w.MOD}(?P<mn>{MONTHS}){E}"
    return [
        (_festival_pattern(w), resolve_festival),
        # month + year: May 2020 / mayo de 2020 / (early) June 2018
        (rf"{B}{w.MOD}(?P<mn>{MONTHS}|{w.ABBR}\.?),?\s+(?:of\s+|de\s+|del\s+)?(?P<y>\d{{4}}){E}", resolve_month_year),
        (bare, resolve_month_year),
        # ranges of years: from 2014 to 2023 / de 2014 a 2023 / 2014-2023
        (rf"{B}(?:(?:{alternation(w.res['range_starts'])})\s+)?(?P<y1>\d{{4}})\s*"
         rf"(?:(?P<c>-|–|—|/)|\s+(?:{alternation(w.res['range_connectors'])})\s+)\s*(?P<y2>\d{{4}}|\d{{2}}){E}(?![\-–/]\d)",
         resolve_year_range),
    ]


# bare years: (early in) 2016 / en 2020 — after a preposition, or standing alone
PRE_QTY = (r"(?:more\s+than|over|nearly|about|almost|some|up\s+to|around|más\s+de|menos\s+de|"
           r"unos|unas|cerca\s+de|alrededor\s+de|casi|de\s+los|de\s+las)")
_QTY_BEFORE = rx.compile(rf"{PRE_QTY}\s+$", regex.I)
_PUNCT_AFTER = rx.compile(r"(?:\s*[,.;:)!?'’\]]|\s*$|'s|’s)")

_AND = rx.compile(r"\s(?:and|y)\s")


@lru_cache(maxsize=None)
def _range_starts(lang: str) -> regex.Pattern:
    return rx.compile(alternation(latin_words(lang).res["range_starts"]))



@lru_cache(maxsize=None)
def _year_guards(lang: str) -> tuple[regex.Pattern, regex.Pattern]:
    """(a noun after the number: not a year; a preposition before it: a year), per language."""
    w = latin_words(lang)
    return (rx.compile(rf"\s+(?:{w.NOTYEAR}){E}", regex.I),
            rx.compile(rf"{B}(?:{w.PREPS})\s+$", regex.I))


def resolve_bare_year(w: LatinWords, m, ctx):
    y = int(m["y"])
    if not _valid_year(y):
        return None
    noun_after, prep_before = _year_guards(w.lang)
    before = ctx.text[max(0, m.start() - 30):m.start()]
    after = ctx.text[m.end():m.end() + 30]
    if _QTY_BEFORE.search(before):
        return None
    if noun_after.match(after):
        return None
    ok = bool(_g(m, "mod"))
    ok = ok or bool(prep_before.search(before))
    ok = ok or not before.strip() or before.rstrip().endswith(("(", "\n", ".", ":", ";", "—"))
    ok = ok or bool(_PUNCT_AFTER.match(after))
    return year_part(w, m, y, False) if ok else None


def resolve_d_mon_y(w: LatinWords, m, ctx):
    yy = m["yy"]
    y = int(yy) if len(yy) == 4 else 2000 + int(yy)
    if not _valid_year(y):
        return None
    iso = _ymd(y, month_num(w, m["mn"]), int(m["d"]))
    return (iso, DAY, False) if iso else None


def _year_rules(w: LatinWords) -> Rules:
    return [
        (rf"{B}(?:(?P<mod>{w.MODS})\s*|(?<![\d,.$€¥£#/\-]|\d\s))(?P<y>\d{{4}}){E}(?![,.]\d|\s*(?:%|-\d|–\d))",
         resolve_bare_year),
        # 18-Apr-2023 / 18-abr-2023 / 18/Apr/2023 / 18-Apr-23 (web page publication lines)
        (rf"{B}(?P<d>[0-3]?\d)(?P<s>[-/])(?P<mn>{w.ABBR}|{w.MONTHS})\.?(?P=s)(?P<yy>\d{{4}}|\d{{2}}){E}(?![-/.]\d)",
         resolve_d_mon_y),
    ]


# ----------------------------------------------------------------------------- weekdays, weeks, days

def resolve_weekday(w: LatinWords, m, ctx):
    """said Monday / on Tuesday / last Friday / el lunes / el pasado martes / el jueves próximo ->
    the latest such day on or before the reference day (the same day included), the previous one
    for "last", the next one for "next" or a planned date (will open on Friday)."""
    if w.wd_not_after.search(ctx.text[max(0, m.start() - 20):m.start()]) or w.wd_then_date.match(ctx.text, m.end()):
        return None
    wd = w.weekdays.index(m["wd"].lower())
    delta = w.wd_before.get(squeeze((_g(m, "wb") or "").lower()), 0) \
        or w.wd_after.get(squeeze((_g(m, "wa") or "").lower()), 0)
    if delta == 0 and _future_at(ctx, m.start(), m.end()):
        return (_weekday_rel(ctx, wd, 1, same_day=True), DAY, True)
    return (_weekday_rel(ctx, wd, delta), DAY, True)


def resolve_weekday_day(w: LatinWords, m, ctx):
    """el miércoles 17 / Monday the 15th: the day of that number nearest the document day that
    falls on that weekday (this month, the previous or the next one)."""
    if w.wd_not_after.search(ctx.text[max(0, m.start() - 20):m.start()]):
        return None
    ref = _ref_day(ctx)
    if ref is None:
        return ("", DAY, True)
    wd, d = w.weekdays.index(m["wd"].lower()), int(m["d"])
    best = None
    for delta in (0, -1, 1):
        y, mo = _shift_month(ref.year, ref.month, delta)
        iso = _ymd(y, mo, d)
        if iso and _dt.date.fromisoformat(iso).weekday() == wd:
            dist = abs((_dt.date.fromisoformat(iso) - ref).days)
            if best is None or dist < best[0]:
                best = (dist, iso)
    return (best[1], DAY, True) if best else None


def resolve_weeks_ago(w: LatinWords, m, ctx):
    n = numval(w, m["n"]) or 1
    return (_week_of(ctx, -n), PERIOD, True, "ago") if n <= 8 else None


def resolve_week(w: LatinWords, m, ctx):
    return (_week_of(ctx, w.weeks[squeeze(m["wk"].lower())]), PERIOD, True)


def resolve_rel_day(w: LatinWords, m, ctx):
    return (_day_of(ctx, w.DAYWORDS[m["rd"].lower()]), DAY, True)


def _weekday_rules(w: LatinWords) -> Rules:
    WD, WD_PRE, MONTHS, ABBR = w.WD, w.WD_PRE, w.MONTHS, w.ABBR
    rules: Rules = [
        (rf"{B}{WD_PRE}(?P<wd>{WD}){w.WD_POST}{E}", resolve_weekday),
        (rf"{B}{WD_PRE}(?P<wd>{WD}),?\s+(?:the\s+|el\s+|día\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?{E}"
         rf"(?!\s*(?:de\s+|of\s+)?(?:{MONTHS}|{ABBR}){E}|\s*(?::\d|%|de\s+\d))", resolve_weekday_day),
    ]
    # two weeks ago / hace dos semanas -> the ISO week that many weeks back
    if w.lang == "en":
        rules.append((rf"{B}(?P<n>{w.NUMW}|an?)\s+weeks?\s+ago{E}", resolve_weeks_ago))
    else:
        rules.append((rf"{B}hace\s+(?P<n>{w.NUMW}|una)\s+semanas?{E}", resolve_weeks_ago))
    # weeks: last week / this week / next week / la semana pasada / esta semana -> Monday/Sunday
    if w.weeks:
        WK = [r"\s+".join(regex.escape(p) for p in x.split()) for x in w.weeks]
        rules.append((rf"{B}(?P<wk>{alternation(WK, escape=False)}){E}", resolve_week))
    # yesterday / ayer
    rules.append((rf"{B}(?P<rd>{alternation(_case_variants(k for k in w.DAYWORDS if k not in ('today',)))}){E}",
                  resolve_rel_day))
    return rules


# ----------------------------------------------------------------------------- the rule list

@lru_cache(maxsize=None)
def _compiled_latin_rules(lang: str) -> tuple[tuple[regex.Pattern, Resolver], ...]:
    w = latin_words(lang)
    if lang == "en":
        specs = _en_absolute_rules(w) + _en_period_rules(w)
    else:
        specs = _es_day_rules(w) + _es_period_rules(w)
    specs += _relative_year_rules(w) + _month_year_rules(w) + _year_rules(w) + _weekday_rules(w)
    gates = _gates(w)
    return tuple((gated(rx.compile(pat, FLAGS), gates.get(fn)), _bind(fn, w)) for pat, fn in specs)


# Rules whose every match contains a month name, a weekday name or a digit, by resolver (each is
# used by rules of one kind only; tests/test_dates_gates.py checks the patterns hold the piece and
# that gated and ungated rules find the same dates).  Most sentences have no month or weekday
# name: those rules are skipped after one shared search instead of scanning the sentence each.
_NEEDS_MONTH = ("resolve_en_md", "resolve_en_md_range", "resolve_en_rel_month_name", "resolve_month_range",
                "resolve_es_dm", "resolve_es_day_range", "resolve_es_dateline", "resolve_es_rel_month_name",
                "resolve_month_rel_year", "resolve_month_year", "resolve_d_mon_y")
_NEEDS_WEEKDAY = ("resolve_weekday", "resolve_weekday_day")
_NEEDS_DIGIT = ("resolve_en_q", "resolve_since", "resolve_year_range", "resolve_bare_year")
_NEEDS_FESTIVAL = ("resolve_festival",)


def _gates(w: LatinWords) -> dict[Callable, SharedGate]:
    """resolver -> the shared gate of its rules: the same sub-pattern (and flags) the rules use,
    in the word boundaries every one of those rules puts around it, so a text without a match of
    the gate cannot match the rule (Spanish abbreviations hide in words: tiENE, MARca)."""
    # in every rule the month name ends before a non-word character (or the text's end) and starts
    # after one, or right after a modifier (MOD is "(?P<mod>MODS)\s*": "a principios de" + month)
    month = SharedGate(rx.compile(rf"(?:(?<!\w)|(?<={w.MODS}))(?:{w.MONTHS}|{w.ABBR})(?!\w)", FLAGS))
    weekday = SharedGate(rx.compile(w.WD, FLAGS))
    digit = SharedGate(rx.compile(r"\d"))
    # a festival rule's name (as cased there) stands between non-word characters: before it the
    # rule has a boundary, a space or a year; after it a space, a comma or the boundary
    festival = SharedGate(rx.compile(rf"{B}{_festival_names(w)}{E}", FLAGS))
    out = {}
    for names, gate in ((_NEEDS_MONTH, month), (_NEEDS_WEEKDAY, weekday), (_NEEDS_DIGIT, digit),
                        (_NEEDS_FESTIVAL, festival)):
        for name in names:
            out[globals()[name]] = gate
    return out


def _latin_rules(lang: str) -> list[tuple[regex.Pattern, Resolver]]:
    return list(_compiled_latin_rules(lang))


def _latin_present(lang: str) -> list[tuple[regex.Pattern, Resolver]]:
    res = load(lang, "timex")
    pat = rx.compile(rf"(?<![\w]){alternation(res['present_words'])}(?![\w])", regex.I)
    return [(pat, lambda m, ctx: (_year_of(ctx, 0), YEAR, True, "present"))]


