"""Resolve: turn a ``Candidate`` into label, value (base units), value_max, unit and qualifier."""
from __future__ import annotations

from dataclasses import dataclass

from .find import Candidate
from .lexicon import AGE, COUNT, DURATION, MONEY, MULTIPLE, PERCENT, POINTS, lexicon
from .numbers import parse_digits, parse_words, parse_zh

FALLBACK_NOUN = "items"


@dataclass(frozen=True, slots=True)
class Resolved:
    label: str          # money | percent | count | multiple | age | duration | other
    value: float
    value_max: float | None
    unit: str
    qualifier: str


def _label_of(info_label: str) -> str:
    return PERCENT if info_label in (POINTS, "tenths") else info_label


def _zh_number(c: Candidate, lex):
    lo = parse_zh(c.num, lex)
    if lo is None:
        return None, None, False
    hi_v = lo.value_max
    over = lo.over
    if c.num_max:
        hi = parse_zh(c.num_max, lex)
        if hi is None:
            return None, None, False
        hi_v = hi.value
        # 5到10万: the lower end takes the upper end's scale when that keeps lo < hi
        for ch, mult in sorted(lex.big_scales.items(), key=lambda kv: -kv[1]):
            if ch in c.num_max and not any(s in c.num for s in lex.big_scales):
                if lo.value * mult <= hi_v:
                    return lo.value * mult, hi_v, over or hi.over
                break
        over = over or hi.over
    return lo.value, hi_v, over


def _latin_number(text: str, form: str, scale: str, lex) -> float | None:
    if form == "digits":
        v = parse_digits(text, lex)
    else:
        v = parse_words(text, lex)
    if v is None:
        return None
    if scale:
        s = lex.scale_words.get(" ".join(scale.casefold().split()))
        if s is None:
            s = lex.scale_abbrev.get(scale)
        if s is None:
            return None
        v *= s
    return v


def _noun_unit(c: Candidate, lex, default: str) -> str:
    if not c.head:
        return default
    if c.lang == "zh":
        m = lex.re["noun_suffix"].search(c.head) or lex.re["noun_prefix"].search(c.head)
        return lex.nouns[m.group("n")] if m else default
    words = c.head.split()
    key = c.head.casefold()
    if key in lex.nouns:
        return lex.nouns[key]
    first = words[0].casefold()
    if first in lex.nouns:
        return lex.nouns[first]
    if c.lang == "en":
        return " ".join(w.casefold() for w in words)
    return default


def resolve(c: Candidate) -> Resolved | None:
    """Values for a candidate, or None when the numeral does not parse (no guessed values)."""
    lex = lexicon(c.lang)
    value_max: float | None = None
    over = False
    # ---- the number
    if c.form == "doubling":
        value = float(lex.data["doubling"][c.num])
    elif c.form == "share":
        value = lex.data["_shares"][c.num]
        over = c.num.startswith("过")
    elif c.form == "half":
        value = 0.5
    elif c.form == "preset":                          # the value is stated by a word (two-thirds, a month)
        value = float(c.num)
    elif c.form == "fraction":                        # 三分之一: numerator / denominator as a percent
        den = parse_zh(c.hint.split(":", 1)[1], lex)
        numer = parse_zh(c.num, lex)
        if den is None or numer is None or not den.value or den.value_max or numer.value_max \
                or numer.value > den.value:
            return None
        value = round(numer.value / den.value * 100, 3)
    elif c.form == "mixed":                           # 3又四分之一公里 -> 3.25
        _, d, n = c.hint.split(":")
        whole, den, numer = parse_zh(c.num, lex), parse_zh(d, lex), parse_zh(n, lex)
        if whole is None or den is None or numer is None or not den.value or numer.value >= den.value:
            return None
        value = whole.value + numer.value / den.value
    elif c.form == "verb":
        value = lex.data["_mult_verbs"].get(c.num.casefold()) or lex.data["_mult_bare"].get(c.num.casefold())
        if value is None:
            return None
    elif c.lang == "zh":
        value, value_max, over = _zh_number(c, lex)
        if value is None:
            return None
    else:
        value = _latin_number(c.num, c.form, c.scale, lex)
        if value is None:
            return None
        if c.num_max:
            form_max = "digits" if c.num_max[:1].isdigit() else "words"
            value_max = _latin_number(c.num_max, form_max, c.scale_max or c.scale, lex)
            if value_max is None:
                return None
            if not c.scale and not c.scale_max and form_max == "words" and c.form == "words":
                last = c.num_max.casefold().split()[-1]   # two or three thousand
                s = lex.scale_words.get(last) or lex.hundred_words.get(last)
                if s and not any(w in lex.scale_words or w in lex.hundred_words for w in c.num.casefold().split()) \
                        and value * s <= value_max:
                    value *= s
            if c.scale_max and not c.scale:           # 3 to 5 million
                s = lex.scale_words.get(" ".join(c.scale_max.casefold().split()), 1.0)
                if value * s <= value_max:
                    value *= s
        if c.hint == "half" and c.scale:
            value += 0.5 * (lex.scale_words.get(" ".join(c.scale.casefold().split())) or 0)
        elif c.hint == "half" and not c.num_max:
            value += 0.5                              # two and a half years, dos años y medio
        if c.hint.startswith("cents:"):
            value += int(c.hint[6:]) / 100.0
    # ---- label and unit
    if c.form in ("doubling", "verb"):
        label, unit = MULTIPLE, "times"
    elif c.form in ("share", "fraction"):
        label, unit = PERCENT, "%"
    elif c.unit:
        info = lex.unit(c.unit)
        if info is None:
            return None
        label = _label_of(info.label)
        unit = info.unit
        if info.factor != 1.0:                        # 197 pence -> 1.97 GBP, 48.5 MGBP -> 4.85e7 GBP
            value *= info.factor
            value_max = value_max * info.factor if value_max is not None else None
        if info.label == "tenths":
            if value > 10 or value_max and value_max > 10:
                return None
            value *= 10
            value_max = value_max * 10 if value_max is not None else None
        if c.lang == "zh" and c.unit in lex.data["_half_units"]:
            value += 0.5
        if c.lang == "zh" and c.unit in lex.data["_over_units"]:
            over = True
        if label == MONEY and not unit:
            return None                               # pesos: currency unknown
        if c.currency and label != MONEY:
            return None                               # $5 percent?
        if label == COUNT:
            unit = unit if info.strong else _noun_unit(c, lex, unit)
        if c.hint == "age" and label == DURATION:
            label = AGE
        if c.hint == "occurrences" and label == MULTIPLE:
            label, unit = COUNT, "times"               # visited five times
    elif c.currency:
        label, unit = MONEY, lex.currencies_before.get(c.currency) or lex.currencies_before.get(c.currency.upper(), "")
        if not unit:
            return None
    elif c.hint == "percent":
        label, unit = PERCENT, "%"
    elif c.hint == "money":
        label, unit = MONEY, "CNY"
    elif c.hint == "age":
        label, unit = AGE, "year"
    else:
        label, unit = COUNT, _noun_unit(c, lex, FALLBACK_NOUN)
    if c.lang == "zh" and c.currency and label == MONEY and c.unit and lex.unit(c.unit).label == MONEY:
        unit = lex.unit(c.unit).unit
    if label == COUNT and c.form == "digits" and value != int(value) and not c.scale:
        return None                                   # 2.5 students: not a count
    if value_max is not None and value_max <= value:
        value_max = None if value_max == value else value_max
        if value_max is not None:
            return None
    if label == PERCENT and c.unit and lex.unit(c.unit).label == POINTS:
        unit = "pp"
    # ---- qualifier
    q = ""
    if c.qual_before:
        q = lex.qual_before.get(c.qual_before if c.lang == "zh" else c.qual_before.casefold(), "")
    if not q and c.qual_after:
        q = lex.qual_after.get(c.qual_after if c.lang == "zh" else c.qual_after.casefold(), "")
    if not q and over:
        q = "over"
    if q == "over" and label in (DURATION, AGE) and c.lang == "en" and c.qual_before.casefold() == "over":
        q = ""                                        # "over eight years" is "during", not "more than"
    if value_max is not None:
        q = "range"
    if c.sign < 0 and value_max is None:
        value = -value                                # -1.2 billion euros, 负12亿港元
    return Resolved(label, _tidy(value), None if value_max is None else _tidy(value_max), unit, q)


def _tidy(v: float) -> float:
    """723.3 * 1e8 -> 72330000000.0 (not 72329999999.99999): 12 significant digits."""
    return float(f"{float(v):.12g}")
