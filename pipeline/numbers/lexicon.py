"""The numerals lexicon of one language: ``resources/<lang>/numbers.yaml`` compiled once (cached).

Holds what every numeral parser needs (digits, scales, number words, sign words, fraction and
ordinal words).  The figures lexicon copies these attributes, so both layers parse alike.
"""
from __future__ import annotations

import unicodedata

import regex
from dataclasses import dataclass, field
from functools import lru_cache

from .. import rx
from ..resources import alternation, load

TOPIC = "numbers"


def _fold(words) -> dict:
    return {" ".join(str(k).casefold().split()): float(v) for k, v in (words or {}).items()}


@lru_cache(maxsize=None)
def vulgar_fractions() -> dict[str, float]:
    """``½`` -> 0.5, ``⅞`` -> 0.875: every vulgar fraction character, valued by Python's Unicode database."""
    out = {}
    for cp in list(range(0x00BC, 0x00BF)) + list(range(0x2150, 0x2160)) + [0x2189]:
        ch = chr(cp)
        v = unicodedata.numeric(ch, None)
        if v is not None and 0 < v < 1:
            out[ch] = v
    return out


@dataclass(slots=True)
class NumberLexicon:
    lang: str
    data: dict
    digits: dict = field(default_factory=dict)          # zh: 一 -> 1 (also 壹, 两)
    small_scales: dict = field(default_factory=dict)    # zh: 十 百 千
    big_scales: dict = field(default_factory=dict)      # zh: 万 亿 (兆)
    decimal_point: str = ""
    vague: frozenset = frozenset()
    range_pairs: frozenset = frozenset()
    number_words: dict = field(default_factory=dict)    # en/es: two -> 2
    singular_words: frozenset = frozenset()
    hundred_words: dict = field(default_factory=dict)
    scale_words: dict = field(default_factory=dict)
    scale_abbrev: dict = field(default_factory=dict)    # case-sensitive: bn, MM, k
    and_word: str = ""
    minus_words: frozenset = frozenset()
    fraction_denominators: dict = field(default_factory=dict)
    ordinal_words: dict = field(default_factory=dict)
    decimal_words: frozenset = frozenset()              # point, coma
    re_sign: object = None                               # a sign ending right before a numeral
    re: dict = field(default_factory=dict)               # compiled numeral patterns (digits, wordnum)


# a sign character glued to the number, not after a digit, letter or closing mark (3-5, COVID-19)
_SIGN_CHARS = r"(?<![0-9A-Za-z０-９.,%)\]/\-−–])(?P<sign>[-−–+＋－])"


def _sign_pattern(lang: str, d: dict):
    words = sorted((str(w) for w in d.get("minus_words") or []), key=len, reverse=True)
    blockers = [str(w) for w in d.get("minus_blockers_before") or []]
    if lang == "zh":
        block = "".join(rf"(?<!{regex.escape(b)})" for b in blockers)
        word = rf"{block}(?P<word>{'|'.join(map(regex.escape, words))})"
    else:
        block = "".join(rf"(?<!\b{regex.escape(b)}[ \t\u00a0])" for b in blockers)
        word = rf"{block}(?<![\w])(?P<word>{'|'.join(map(regex.escape, words))})[ \t\u00a0]+"
    return rx.compile(rf"(?:{_SIGN_CHARS}|{word})$", regex.IGNORECASE)


def sign_before(lex: "NumberLexicon", text: str, start: int) -> tuple[int, float] | None:
    """``(sign_start, -1.0 | 1.0)`` when a sign or a minus word ends at ``start``, else None."""
    m = lex.re_sign.search(text, max(0, start - 12), start)
    if m is None:
        return None
    return m.start(), (1.0 if m.group("sign") in ("+", "＋") else -1.0)


def _build_zh(lex: NumberLexicon, d: dict) -> None:
    lex.digits = {k: int(v) for k, v in d["digits"].items()}
    lex.small_scales = {k: int(v) for k, v in d["small_scales"].items()}
    lex.big_scales = {k: int(v) for k, v in (d["big_scales"] | (d.get("big_scales_extra") or {})).items()}
    lex.decimal_point = d.get("decimal_point", "")
    lex.vague = frozenset(d.get("vague_markers") or [])


def _build_latin(lex: NumberLexicon, d: dict) -> None:
    lex.number_words = _fold(d["number_words"])
    lex.singular_words = frozenset(str(w).casefold() for w in d.get("singular_words") or [])
    lex.hundred_words = _fold(d.get("hundred_words"))
    lex.scale_words = _fold(d["scale_words"]) | _fold(d.get("scale_words_extra"))
    lex.scale_abbrev = {str(k): float(v) for k, v in (d.get("scale_abbrev") or {}).items()} \
        | {str(k): float(v) for k, v in (d.get("scale_abbrev_extra") or {}).items()}
    lex.and_word = d.get("and_word", "and")
    lex.data["_collectives"] = _fold(d.get("collective_words"))
    for k in lex.data["_collectives"]:
        lex.number_words.pop(k, None)                   # dozen/docena multiply, they do not add
    lex.fraction_denominators = _fold(d.get("fraction_denominators"))
    lex.ordinal_words = _fold(d.get("ordinal_words"))
    lex.decimal_words = frozenset(str(w).casefold() for w in d.get("decimal_words") or [])
    _compile_latin(lex)


def _alt(words) -> str:
    return alternation(words)


def _compile_latin(lex: NumberLexicon) -> None:
    """Digit numerals (every grouping convention, 1e10, 2¼, 4 1/2, 12,34,567) and word numerals."""
    fl = regex.IGNORECASE
    words = list(lex.number_words) + list(lex.hundred_words) + list(lex.scale_words) + list(lex.data["_collectives"])
    tok = r"(?:" + _alt(words) + r")"
    a_tok = r"(?:an?(?=\s+(?:" + _alt(list(lex.hundred_words) + list(lex.scale_words)
                                       + list(lex.data["_collectives"] or ["dozen"])) + r")\b))"
    lex.re["and_split"] = rx.compile(r"(\s+(?:" + regex.escape(lex.and_word) + r")\s+)", fl)
    joiner = r"(?:\s+(?:" + regex.escape(lex.and_word) + r"\s+)?|-)"
    point = (r"(?:\s+(?:" + _alt(lex.decimal_words) + r")(?:\s+" + _alt(list(lex.number_words)) + r")+)?") if lex.decimal_words else ""
    lex.re["wordnum"] = rx.compile(rf"(?<![\w-])(?:{a_tok}|{tok})(?:{joiner}{tok})*{point}(?![\w])", fl)
    # 1e10, 2¼, 4 1/2, ½ and 12,34,567 first (a slash fraction only with a small denominator, not a date)
    vulgar = "".join(vulgar_fractions())
    special = (rf"\d+(?:[.,]\d+)?[eE][+-]?\d{{1,2}}(?![\w])|(?:\d+[ \u00a0]?)?[{vulgar}]|"
               r"(?:\d+[ \u00a0])?\d{1,2}/(?:2|3|4|5|8|10|16|32)(?![\d/.-])|\d{1,2}(?:,\d\d)+,\d{3}(?![\d,])|")
    spaced = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+"
    end = r"(?!\d|[.,]\d)"
    if lex.lang == "es":
        dig = r"(?:" + special + r"\d{1,3}(?:\.\d{3})+(?!\d)(?:,\d+)?|" + spaced + r"(?:,\d+)?" + end + r"|\d+,\d+|\d+\.\d+|\d+)"
    else:
        dig = r"(?:" + special + r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|" + spaced + r"(?:\.\d+)?" + end + r"|\d+\.\d+|\d+)"
    lex.re["digits"] = rx.compile(rf"(?<![\d.,])(?<![.,]\d){dig}")


@lru_cache(maxsize=None)
def numbers_lexicon(lang: str) -> NumberLexicon:
    d = dict(load(lang, TOPIC))
    lex = NumberLexicon(lang=lang, data=d)
    lex.minus_words = frozenset(str(w).casefold() for w in d.get("minus_words") or [])
    lex.re_sign = _sign_pattern(lang, d)
    if lang == "zh":
        _build_zh(lex, d)
    else:
        _build_latin(lex, d)
    return lex
