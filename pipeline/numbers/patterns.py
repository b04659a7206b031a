"""Compiled patterns of the numbers layer, per language (cached): the pieces find.py scans for."""
from __future__ import annotations

from functools import lru_cache

import regex

from .. import rx
from ..resources import alternation
from .currencies import currencies
from .lexicon import numbers_lexicon, vulgar_fractions

_SP = r"[ \t\u00a0]"


def _alt(words) -> str:
    return alternation([str(w) for w in words])


def _money_after(lang: str) -> str:
    cur = currencies(lang)
    cs = "(?:" + _alt(cur.code_scales) + ")?" + _alt(cur.codes) + "|" + _alt(list(cur.symbols) + list(cur.scaled))
    names = _alt(list(cur.names) + list(cur.minor) + (["元", "块", "块钱"] if lang == "zh" else []))
    return rf"(?P<cur>(?-i:{cs})|{names})"


@lru_cache(maxsize=None)
def patterns(lang: str) -> dict:
    lex = numbers_lexicon(lang)
    cur = currencies(lang)
    d = lex.data
    before = list(cur.codes) + list(cur.symbols) + (["人民币"] if lang == "zh" else [])
    p: dict = {"money_before": rx.compile(r"(?P<cur>(?-i:" + _alt(before) + r"))" + _SP + r"?$")}
    if lang == "zh":
        dg, sc = "".join(lex.digits), "".join(list(lex.small_scales) + list(lex.big_scales))
        vulgar = "".join(vulgar_fractions())
        ar = rf"[0-9０-９]+(?:[,，][0-9０-９]{{3}})*(?:[.．][0-9０-９]+)?[{vulgar}]?"
        atom = rf"(?:{ar}|[{dg}]|[{sc}]|{regex.escape(lex.decimal_point)}(?=[{dg}]))"
        sp = rf"(?:(?<=[{dg}{sc}0-9０-９])[ \u00a0](?=[{dg}{sc}]))?"      # 一 千 五 百, 1.5 亿
        num = rf"(?:[几数](?=[{sc}]))?{atom}(?:[余多几]?{sp}{atom})*"
        p["zh"] = rx.compile(
            rf"(?<![0-9０-９.．])(?P<pre>{_alt(d.get('percent_prefixes') or ['百分之'])}|第)?(?P<n>{num})"
            rf"(?:分之(?P<n2>{num}))?(?P<pct>{_alt(d.get('percent_signs') or ['%'])})?")
        p["money_after"] = rx.compile(r"\s?" + _money_after(lang))
        p["range"] = rx.compile(r"\s*(?:-|–|~|～|至|到)\s*")
        return p
    fl = regex.IGNORECASE
    p["scale"] = rx.compile(_SP + r"*(?P<s>" + _alt(lex.scale_words) + r")(?![\w])", fl)
    p["scale_abbrev"] = rx.compile(_SP + r"?(?P<s>(?-i:" + _alt(lex.scale_abbrev) + r"))(?![\w])")
    p["percent"] = rx.compile(_SP + r"*(?P<p>" + _alt(d.get("percent_words") or ["%"]) + r")(?![\w])", fl)
    de = (r"(?:de" + _SP + r"+)?") if lang == "es" else ""        # 6,49 millones de euros
    p["money_after"] = rx.compile(_SP + r"*" + de + _money_after(lang) + r"(?![\w])", fl)
    p["between"] = rx.compile(r"(?<![\w])(?:between|entre|from|de|desde)" + _SP + r"+$", fl)
    p["between_and"] = rx.compile(_SP + r"+(?:and|y|to|a|hasta)" + _SP + r"+", fl)
    sufs = _alt(d.get("ordinal_suffixes") or ["th"])
    p["ordinal"] = rx.compile(rf"(?<![\w.,])(?P<n>\d{{1,4}})(?P<suf>{sufs})(?![\w])")
    p["ordinal_word"] = rx.compile(r"(?<![\w-])(?P<w>" + _alt(lex.ordinal_words) + r")(?![\w-])", fl)
    dens = _alt(lex.fraction_denominators).replace(r"\ ", _SP + "+")
    p["fraction_word"] = rx.compile(
        r"(?<![\w-])(?P<n>\d{1,3}|" + _alt(list(lex.number_words) + ["a", "an", "un", "una"]) + r")[ \t\u00a0-]+(?P<d>" + dens
        + r")(?![\w])", fl)
    p["range"] = rx.compile(_SP + r"*(?:-|–|—|to|a|al)" + _SP + r"*", fl)
    return p
