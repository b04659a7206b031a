"""Chinese numerals: mixed Arabic/Chinese digits with 十百千 and 万亿兆 scales.

``parse_zh("723.3亿")`` -> 72330000000, ``一万五千亿`` -> 1.5e12, ``3万4000`` -> 34000, ``五六`` -> 5..6,
``壹万贰仟`` -> 12000, colloquial ``一万二`` -> 12000 and ``千三`` -> 1300 (a last digit right after a
scale of 百 or more is one place lower).  ``None`` for digit strings and malformed numerals.
"""
from __future__ import annotations

from .. import rx
from .parse import _ARABIC, _FOLD, Parsed, _arabic, parse_fraction

_SPACES = rx.compile(r"[ \u00a0\u3000]+(?=\S)")


def _range_pair(text: str, lex) -> tuple[str, str] | None:
    """五六名 / 十五六 / 两三万: two adjacent digits d, d+1 -> the numeral with each of them."""
    for i in range(len(text) - 1):
        a, b = lex.digits.get(text[i]), lex.digits.get(text[i + 1])
        if a is not None and b is not None and a >= 1 and (b == a + 1 or text[i:i + 2] in lex.range_pairs):
            if (i > 0 and text[i - 1] in lex.digits) or (i + 2 < len(text) and text[i + 2] in lex.digits):
                return None                    # inside a longer digit string (二〇二三)
            return text[:i] + text[i] + text[i + 2:], text[:i] + text[i + 1] + text[i + 2:]
    return None


def _decimal(text: str, lex) -> Parsed | None:
    """三点五亿: integer part, Chinese decimal digits, then scales/vague markers."""
    head, _, tail = text.partition(lex.decimal_point)
    i, frac = 0, ""
    while i < len(tail) and tail[i] in lex.digits:
        frac += str(lex.digits[tail[i]])
        i += 1
    if frac and head and all(lex.digits.get(ch) == 0 for ch in head):
        ip: Parsed | None = Parsed(0.0)        # 零点八
    else:
        ip = parse_zh(head, lex) if frac else None
    if ip is None or ip.value_max is not None:
        return None
    mult, over = 1.0, ip.over
    for ch in tail[i:]:
        if ch in lex.big_scales:
            mult *= lex.big_scales[ch]
        elif ch in lex.vague:
            over = True
        else:
            return None
    return Parsed((ip.value + float("0." + frac)) * mult, None, over, False)


class _Reader:
    """Left-to-right state of an integer numeral: parts above 亿, at 万 level, below 万."""

    __slots__ = ("lex", "yi", "wan", "section", "cur", "last_small", "last_scale", "seen", "prev_zero", "over")

    def __init__(self, lex):
        self.lex = lex
        self.yi = self.wan = self.section = 0.0
        self.cur: float | None = None
        self.last_small = float("inf")
        self.last_scale = 0.0          # the scale just read (for colloquial 一万二)
        self.seen = self.prev_zero = self.over = False

    def digit(self, d: int) -> bool:
        if d == 0:
            self.prev_zero = True
            self.last_scale = 0.0
            return self.cur is None            # 二〇: a digit string
        if self.cur is not None:
            return False
        self.cur, self.seen = float(d), True
        return True

    def arabic(self, v: float) -> bool:
        if self.cur is not None:
            return False
        self.cur, self.seen, self.prev_zero, self.last_scale = v, True, False, 0.0
        return True

    def small(self, u: int) -> bool:
        if u >= self.last_small:
            return False                       # 十百千, 百百
        if self.cur is None and self.seen and not self.prev_zero and not (self.section or self.wan or self.yi):
            return False
        self.section += (1.0 if self.cur is None else self.cur) * u
        self.cur, self.last_small, self.last_scale = None, u, u
        self.seen, self.prev_zero = True, False
        return True

    def big(self, u: int) -> bool:
        val = self.section + (self.cur or 0.0)
        if u >= 1e8:
            amount = self.wan + val
            if amount == 0:
                if self.yi:
                    return False
                amount = 1.0
            self.yi += amount * u
            self.wan = 0.0
        else:
            if val == 0:
                if self.wan or self.seen:
                    return False               # 亿万, 万万: not a numeral
                val = 1.0
            if self.wan:
                return False                   # 万...万 without 亿 between
            self.wan = val * u
        self.section, self.cur, self.last_small, self.last_scale = 0.0, None, float("inf"), u
        self.seen, self.prev_zero = True, False
        return True

    def total(self, colloquial: float) -> float:
        tail = self.cur or 0.0
        if colloquial and self.cur is not None:
            tail = self.cur * colloquial / 10  # 一万二 = 12000, 千三 = 1300, 三亿五 = 3.5e8
        return self.yi + self.wan + self.section + tail


def _step(r: _Reader, text: str, i: int) -> int:
    """Read one atom at ``i``; the next index, or -1 when the numeral is malformed."""
    lex, ch = r.lex, text[i]
    m = _ARABIC.match(text, i)
    if m:
        v = _arabic(m.group())
        return m.end() if v is not None and r.arabic(v) else -1
    if ch in lex.digits:
        return i + 1 if r.digit(lex.digits[ch]) else -1
    if ch in lex.vague:
        r.over = True
        if ch in "几数" and r.cur is None and i + 1 < len(text) and (
                text[i + 1] in lex.small_scales or text[i + 1] in lex.big_scales):
            r.cur = 1.0                        # 几十 -> 10 (lower bound), 数百万 -> 1e6
        return i + 1
    if ch in lex.small_scales:
        return i + 1 if r.small(lex.small_scales[ch]) else -1
    if ch in lex.big_scales:
        return i + 1 if r.big(lex.big_scales[ch]) else -1
    return -1


def parse_zh(text: str, lex) -> Parsed | None:
    """The value of a Chinese numeral as written (no unit), or None."""
    text = _SPACES.sub("", text.translate(_FOLD))
    if not text:
        return None
    frac = parse_fraction(text)
    if frac is not None:
        return Parsed(frac)                    # 2½
    pair = _range_pair(text, lex)
    if pair:
        lo, hi = parse_zh(pair[0], lex), parse_zh(pair[1], lex)
        if lo is None or hi is None:
            return None
        return Parsed(lo.value, hi.value, lo.over or hi.over, lo.scale_initial)
    scale_initial = text[0] in lex.small_scales or text[0] in lex.big_scales
    if lex.decimal_point and lex.decimal_point in text:
        return _decimal(text, lex)
    r = _Reader(lex)
    i, last_scale_before_digit = 0, 0.0
    while i < len(text):
        last_scale_before_digit = r.last_scale if text[i] in lex.digits else 0.0
        i = _step(r, text, i)
        if i < 0:
            return None
    if not r.seen:
        return None
    last = text[-1]
    colloquial = last_scale_before_digit if (last in lex.digits and last_scale_before_digit >= 100
                                             and not r.prev_zero) else 0.0
    return Parsed(r.total(colloquial), None, r.over, scale_initial)
