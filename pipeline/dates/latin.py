"""English and Spanish rules: each rule is a regex plus a resolver (find, then resolve)."""
from __future__ import annotations

import bisect
import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, NamedTuple

import regex

from ..resources import alternation, load
from .core import DAY, MONTH, PERIOD, QUARTER, YEAR  # noqa: F401
from .core import Resolved, Resolver, _day_of, _day_range, _future_at, _g, _month_of, _months_period, _ref_day, _shift_month, _valid_year, _week_of, _weekday_rel, _year_of, _ym, _ymd, _ytd, resolve_partial_year  # noqa: F401
from .festivals import _festival  # noqa: F401


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
    return [(pat, lambda m, ctx: (_year_of(ctx, 0), YEAR, True, "present"))]


