"""Numeral parsers: Chinese (mixed Arabic/Chinese, 万/亿 scales), English and Spanish words/digits.

Each parser takes the numeral text as written (no unit) and returns a value or ``None`` when the
text is not a well-formed numeral (``十百千``, ``二〇二三``: a digit string, not a quantity).  ``lex``
is a ``NumberLexicon`` (or any object with the same attributes, e.g. the figures lexicon).
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import rx
from .lexicon import vulgar_fractions

_FOLD = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC = rx.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_ES_THOUSANDS = rx.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_SPACE_THOUSANDS = rx.compile(r"\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?")
_COMMA_DEC = rx.compile(r"\d+,\d+")
_DOT_DEC = rx.compile(r"\d+\.\d+")
_EN_THOUSANDS = rx.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_INDIAN = rx.compile(r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?")
_SCIENTIFIC = rx.compile(r"\d+(?:[.,]\d+)?[eE][+-]?\d{1,3}")
_MIXED = rx.compile(r"(?P<i>\d+)?[ \u00a0]?(?:(?P<v>[\u00bc-\u00be\u2150-\u215e])|(?P<n>\d{1,2})/(?P<d>\d{1,3}))")
_WORD_SPLIT = rx.compile(r"[\s\-]+")
_HALF_WORDS = frozenset({"half", "medio", "media"})


@dataclass(frozen=True, slots=True)
class Parsed:
    value: float
    value_max: float | None = None
    over: bool = False          # 余/多/几/数 inside the numeral
    scale_initial: bool = False  # starts with a scale (千万元, 亿): "1" implied


def _arabic(text: str, decimal: str = ".", thousands: str = ",") -> float | None:
    t = text.translate(_FOLD)
    for sp in (" ", "\u00a0", "\u202f", "\u2009"):
        t = t.replace(sp, "")
    if thousands:
        t = t.replace(thousands, "")
    if decimal != ".":
        t = t.replace(decimal, ".")
    try:
        return float(t)
    except ValueError:
        return None


def parse_fraction(text: str) -> float | None:
    """``2¼`` -> 2.25, ``4 1/2`` -> 4.5, ``½`` -> 0.5, ``3/4`` -> 0.75 (a proper fraction only)."""
    m = _MIXED.fullmatch(text.translate(_FOLD))
    if not m:
        return None
    whole = float(m.group("i")) if m.group("i") else 0.0
    if m.group("v"):
        return whole + vulgar_fractions()[m.group("v")]
    n, d = int(m.group("n")), int(m.group("d"))
    if d == 0 or n >= d:
        return None
    return whole + n / d


def parse_digits(text: str, lex) -> float | None:
    """``1,000`` / ``72.33`` / ``12,34,567`` / ``1e10`` (en), ``1.000`` / ``1 000`` / ``6,49`` (es)."""
    t = text.translate(_FOLD).replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ")
    if _SCIENTIFIC.fullmatch(t):
        return _arabic(t.replace(",", "."), ".", "")
    frac = parse_fraction(t)
    if frac is not None:
        return frac
    comma_decimal = lex.lang == "es"
    if _SPACE_THOUSANDS.fullmatch(t):
        t = t.replace(" ", "")
        comma_decimal = comma_decimal or "," in t
    t = t.replace(" ", "")
    if _INDIAN.fullmatch(t):
        return _arabic(t, ".", ",")
    if comma_decimal:
        if _ES_THOUSANDS.fullmatch(t):
            return _arabic(t, ",", ".")
        if _COMMA_DEC.fullmatch(t):
            return _arabic(t, ",", "")
        if _DOT_DEC.fullmatch(t):          # 1.5 (not a thousands group)
            return _arabic(t, ".", "")
        if _EN_THOUSANDS.fullmatch(t):     # English-style in Spanish text
            return _arabic(t, ".", ",")
        return _arabic(t, ".", "")
    return _arabic(t, ".", ",")


def parse_words(text: str, lex) -> float | None:
    """``twenty-five`` -> 25, ``three hundred and twelve`` -> 312, ``doscientos treinta y dos`` -> 232,
    ``a dozen`` -> 12, ``mil millones`` -> 1e9."""
    words = [w for w in _WORD_SPLIT.split(text.casefold()) if w]
    point = next((i for i, w in enumerate(words) if w in getattr(lex, "decimal_words", ())), None)
    if point is not None:                  # zero point five: digit words after the point
        head = parse_words(" ".join(words[:point]), lex) if point else None
        tail = [lex.number_words.get(w) for w in words[point + 1:]]
        if (head is None and words[:point] not in (["zero"], ["cero"])) or not tail \
                or any(t is None or t > 9 or t != int(t) for t in tail):
            return None
        return (head or 0.0) + float("0." + "".join(str(int(t)) for t in tail))
    total = 0.0
    current = 0.0
    seen = False
    i = 0
    while i < len(words):
        w = words[i]
        two = " ".join(words[i:i + 2])
        if two in lex.scale_words:
            w, i = two, i + 1
        if w == lex.and_word:
            pass
        elif w in _HALF_WORDS and i == 0:
            current = 0.5              # half a million, medio millón (the scale follows)
            seen = True
        elif w in ("a", "an"):
            pass                       # only meaningful before hundred/thousand/dozen: 1 is implied
        elif w in lex.data.get("_collectives", {}):     # a dozen, un centenar, una veintena
            current = (current or 1.0) * lex.data["_collectives"][w]
            seen = True
        elif w in lex.number_words:
            current += lex.number_words[w]
            seen = True
        elif w in lex.hundred_words:
            current = (current or 1.0) * lex.hundred_words[w]
            seen = True
        elif w in lex.scale_words:
            total += (current or 1.0) * lex.scale_words[w]
            current = 0.0
            seen = True
        else:
            return None
        i += 1
    if not seen:
        return None
    v = total + current
    return v if v > 0 else None
