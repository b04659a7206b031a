"""Days counted from the document day: 大后天, pasado mañana, the day after tomorrow (the word
lists ``relative_days`` of timex.yaml), two days ago, in three days, hace dos días, dentro de tres
días, 三天前, 两天后.  One small resolver per form; all need a day-level reference date.
They carry kind 'near' (ahead, or a day word) or 'ago': vague for events (an action must follow)."""
from __future__ import annotations

from functools import lru_cache

import regex

from .. import rx
from ..resources import alternation, load
from .core import DAY, MONTH, Gated, Resolved, Resolver, _Ctx, _day_of, _month_of, _num, squeeze


@lru_cache(maxsize=None)
def _words(lang: str) -> tuple[dict[str, int], dict[str, int], dict]:
    res = load(lang, "timex")
    days = {str(k).lower(): v for k, v in (res.get("relative_days_extra") or {}).items()}
    numbers = {str(k).lower(): v for k, v in (res.get("number_words") or {}).items()}
    return days, numbers, res.get("day_counts") or {}


def _count(s: str, numbers: dict[str, int]) -> int | None:
    s = s.lower()
    if s.isdigit():
        return int(s)
    return numbers.get(s) if s in numbers else _num(s)


def _r_word(lang: str) -> Resolver:
    days = _words(lang)[0]

    def resolve(m: regex.Match, ctx: _Ctx) -> Resolved | None:
        return (_day_of(ctx, days[squeeze(m["w"].lower())]), DAY, True, "near")
    return resolve


def _r_month(lang: str) -> Resolver:
    months = {str(k).lower(): v for k, v in (load(lang, "timex").get("relative_month_parts") or {}).items()}

    def resolve(m: regex.Match, ctx: _Ctx) -> Resolved | None:
        return (_month_of(ctx, months[squeeze(m["w"].lower())]), MONTH, True)
    return resolve


def _r_count(lang: str, sign: int) -> Resolver:
    numbers = _words(lang)[1]

    def resolve(m: regex.Match, ctx: _Ctx) -> Resolved | None:
        n = _count(m["n"], numbers)
        if n is None or not 0 < n <= 400:
            return None
        return (_day_of(ctx, sign * n), DAY, True, "ago" if sign < 0 else "near")
    return resolve


@lru_cache(maxsize=None)
def relative_day_rules(lang: str) -> tuple[tuple[regex.Pattern, Resolver], ...]:
    days, numbers, counts = _words(lang)
    rules: list[tuple[regex.Pattern, Resolver]] = []
    if days:
        words = [r"\s+".join(regex.escape(p) for p in w.split()) for w in days]
        guard = alternation(counts.get("word_not_after") or ["\x00"])
        B = r"(?<![\w])" if lang != "zh" else ""
        E = r"(?![\w])" if lang != "zh" else ""
        pat = rf"{B}(?<!{guard}\s{{0,1}})(?P<w>{alternation(words, escape=False)}){E}"
        rules.append((rx.compile(pat, regex.I), _r_word(lang)))
    parts = load(lang, "timex").get("relative_month_parts") or {}
    if parts:
        words = [r"\s+".join(regex.escape(p) for p in str(w).split()) for w in parts]
        rules.append((rx.compile(rf"(?<![\w])(?P<w>{alternation(words, escape=False)})(?![\w])", regex.I),
                      _r_month(lang)))
    num = r"\d{1,3}|" + (r"[一二两三四五六七八九十]{1,3}" if lang == "zh" else alternation(numbers)[3:-1])
    for form, sign in (("before", -1), ("after", 1)):
        for p in counts.get(form) or []:
            pat = rx.compile(p.replace("{N}", rf"(?P<n>{num})"), regex.I)
            if lang == "zh":     # only sentences with 天前 / 天后 are scanned
                pat = Gated(pat, rx.compile(r"[天日][前后後]"))
            rules.append((pat, _r_count(lang, sign)))
    return tuple(rules)
