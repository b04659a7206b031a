"""Numeral parsers: Chinese (mixed Arabic/Chinese, 万/亿 scales), English and Spanish words/digits.

Each parser takes the numeral text as written (no unit) and returns ``Parsed`` or ``None`` when the
text is not a well-formed numeral (``十百千``, ``二〇二三``: a digit string, not a quantity).
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .lexicon import Lexicon

_FOLD = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC = regex.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_ES_THOUSANDS = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_COMMA_DEC = regex.compile(r"\d+,\d+")
_DOT_DEC = regex.compile(r"\d+\.\d+")
_EN_THOUSANDS = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_WORD_SPLIT = regex.compile(r"[\s\-]+")
_HALF_WORDS = frozenset({"half", "medio", "media"})


@dataclass(frozen=True, slots=True)
class Parsed:
    value: float
    value_max: float | None = None
    over: bool = False          # 余/多/几/数 inside the numeral
    scale_initial: bool = False  # starts with a scale (千万元, 亿): "1" implied


def _arabic(text: str, decimal: str = ".", thousands: str = ",") -> float | None:
    t = text.translate(_FOLD).replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if thousands:
        t = t.replace(thousands, "")
    if decimal != ".":
        t = t.replace(decimal, ".")
    try:
        return float(t)
    except ValueError:
        return None


# --------------------------------------------------------------------------- Chinese
def _zh_range_pair(text: str, lex: Lexicon) -> tuple[str, str] | None:
    """五六名 / 十五六 / 两三万: two adjacent digits d, d+1 -> the numeral with each of them."""
    for i in range(len(text) - 1):
        a, b = lex.digits.get(text[i]), lex.digits.get(text[i + 1])
        if a is not None and b is not None and a >= 1 and (b == a + 1 or text[i:i + 2] in lex.range_pairs):
            # not inside a longer digit string (二〇二三)
            if (i > 0 and text[i - 1] in lex.digits) or (i + 2 < len(text) and text[i + 2] in lex.digits):
                return None
            return text[:i] + text[i] + text[i + 2:], text[:i] + text[i + 1] + text[i + 2:]
    return None


def parse_zh(text: str, lex: Lexicon) -> Parsed | None:
    """``723.3亿`` -> 72330000000, ``一万五千亿`` -> 1.5e12, ``3万4000`` -> 34000, ``五六`` -> 5..6."""
    text = text.translate(_FOLD)
    if not text:
        return None
    pair = _zh_range_pair(text, lex)
    if pair:
        lo, hi = parse_zh(pair[0], lex), parse_zh(pair[1], lex)
        if lo is None or hi is None:
            return None
        return Parsed(lo.value, hi.value, lo.over or hi.over, lo.scale_initial)
    over = False
    scale_initial = text[0] in lex.small_scales or text[0] in lex.big_scales
    # decimal written in Chinese: 三点五亿
    if lex.decimal_point and lex.decimal_point in text:
        head, _, tail = text.partition(lex.decimal_point)
        frac_digits = ""
        i = 0
        while i < len(tail) and tail[i] in lex.digits:
            frac_digits += str(lex.digits[tail[i]])
            i += 1
        if not frac_digits:
            return None
        ip = parse_zh(head, lex)
        if ip is None or ip.value_max is not None:
            return None
        base = ip.value + float("0." + frac_digits)
        rest = tail[i:]
        mult = 1.0
        for ch in rest:
            if ch in lex.big_scales:
                mult *= lex.big_scales[ch]
            elif ch in lex.vague:
                over = True
            else:
                return None
        return Parsed(base * mult, None, over or ip.over, False)

    yi_part = 0.0      # amounts already multiplied by 亿
    wan_part = 0.0     # amounts at the 万 level since the last 亿
    section = 0.0      # below 万
    cur: float | None = None
    last_small = float("inf")
    seen_any = False
    prev_zero = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        m = _ARABIC.match(text, i)
        if m:
            if cur is not None:
                return None
            cur = _arabic(m.group())
            if cur is None:
                return None
            i = m.end()
            seen_any = True
            prev_zero = False
            continue
        if ch in lex.digits:
            d = lex.digits[ch]
            if d == 0:
                prev_zero = True
                if cur is not None:       # 二〇 (a digit string)
                    return None
                i += 1
                continue
            if cur is not None:
                return None
            cur = float(d)
            seen_any = True
            i += 1
            continue
        if ch in lex.vague:
            over = True
            if ch in "几数" and cur is None and i + 1 < n and (
                    text[i + 1] in lex.small_scales or text[i + 1] in lex.big_scales):
                cur = 1.0          # 几十 -> 10 (lower bound), 数百万 -> 1e6
            i += 1
            continue
        if ch in lex.small_scales:
            u = lex.small_scales[ch]
            if u >= last_small:
                return None        # 十百千, 百百
            if cur is None:
                if seen_any and not prev_zero and section == 0 and wan_part == 0 and yi_part == 0:
                    return None
                k = 1.0
            else:
                k = cur
            section += k * u
            cur = None
            last_small = u
            seen_any = True
            prev_zero = False
            i += 1
            continue
        if ch in lex.big_scales:
            u = lex.big_scales[ch]
            val = section + (cur or 0.0)
            if u >= 1e8:
                amount = wan_part + val
                if amount == 0:
                    if yi_part:
                        return None
                    amount = 1.0
                yi_part += amount * u
                wan_part = 0.0
            else:
                if val == 0:
                    if wan_part or seen_any:
                        return None        # 亿万, 万万: not a numeral
                    val = 1.0
                if wan_part:
                    return None    # 万...万 without 亿 between
                wan_part = val * u
            section, cur = 0.0, None
            last_small = float("inf")
            seen_any = True
            prev_zero = False
            i += 1
            continue
        return None
    if not seen_any:
        return None
    total = yi_part + wan_part + section + (cur or 0.0)
    return Parsed(total, None, over, scale_initial)


# --------------------------------------------------------------------------- English / Spanish
def parse_digits(text: str, lex: Lexicon) -> float | None:
    """``1,000`` / ``72.33`` (en), ``1.000`` / ``1 000`` / ``6,49`` (es)."""
    t = text.translate(_FOLD).replace("\u00a0", " ").replace("\u202f", " ")
    if lex.lang == "es":
        t = t.replace(" ", "")
        if _ES_THOUSANDS.fullmatch(t):
            return _arabic(t, ",", ".")
        if _COMMA_DEC.fullmatch(t):
            return _arabic(t, ",", "")
        if _DOT_DEC.fullmatch(t):          # 1.5 (not a thousands group)
            return _arabic(t, ".", "")
        if _EN_THOUSANDS.fullmatch(t):   # English-style in Spanish text
            return _arabic(t, ".", ",")
        return _arabic(t, ".", "")
    t = t.replace(" ", "")
    return _arabic(t, ".", ",")


def parse_words(text: str, lex: Lexicon) -> float | None:
    """``twenty-five`` -> 25, ``three hundred and twelve`` -> 312, ``doscientos treinta y dos`` -> 232,
    ``a dozen`` -> 12, ``mil millones`` -> 1e9."""
    words = [w for w in _WORD_SPLIT.split(text.casefold()) if w]
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
