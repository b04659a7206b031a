"""find: every numeric expression of a text (zh/en/es), as ``NumberExpr``, left to right.

Bare numbers, word numerals, fractions (``½``, ``three fifths``, ``三分之一``), ordinals (``3rd``,
``第三``, ``tercero``), percents, money, signs and ranges.  One resolver per expression type
(``resolve.py``) turns each match into values.
"""
from __future__ import annotations

from .lexicon import numbers_lexicon, sign_before
from .patterns import patterns
from .resolve import latin_fraction, latin_number, latin_ordinal, latin_ordinal_word, zh_expression
from .types import NumberExpr


class _Taken:
    """Spans already covered (few per sentence: a list is enough)."""

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def free(self, a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in self.spans)

    def add(self, x: NumberExpr | None, out: list) -> None:
        if x is not None and self.free(x.start, x.end):
            self.spans.append((x.start, x.end))
            out.append(x)


def _find_zh(text: str) -> list[NumberExpr]:
    out: list[NumberExpr] = []
    taken = _Taken()
    for m in patterns("zh")["zh"].finditer(text):
        taken.add(zh_expression(text, m), out)
    return out


def _find_latin(text: str, lang: str) -> list[NumberExpr]:
    p, lex = patterns(lang), numbers_lexicon(lang)
    out: list[NumberExpr] = []
    taken = _Taken()
    for m in p["fraction_word"].finditer(text):
        taken.add(latin_fraction(text, m, lang), out)
    for m in p["ordinal"].finditer(text):
        taken.add(latin_ordinal(text, m), out)
    for m in p["ordinal_word"].finditer(text):
        taken.add(latin_ordinal_word(text, m, lang), out)
    toks = sorted([(m.start(), m.end(), "digits") for m in lex.re["digits"].finditer(text)]
                  + [(m.start(), m.end(), "words") for m in lex.re["wordnum"].finditer(text)])
    for i, (a, b, form) in enumerate(toks):
        if taken.free(a, b):
            taken.add(latin_number(text, a, b, form, lang, toks[i + 1:i + 2]), out)
    return out


def _signed(text: str, lang: str, out: list[NumberExpr]) -> list[NumberExpr]:
    lex = numbers_lexicon(lang)
    res: list[NumberExpr] = []
    for x in sorted(out, key=lambda x: x.start):
        sb = sign_before(lex, text, x.start) if x.kind != "ordinal" and x.value_max is None else None
        if sb is not None and (not res or res[-1].end <= sb[0]):
            x = NumberExpr(sb[0], x.end, text[sb[0]:x.end], x.value * sb[1], None, x.kind, x.unit)
        res.append(x)
    return res


def find(text: str, lang: str) -> list[NumberExpr]:
    """Every numeric expression in ``text`` of language ``lang`` (zh/en/es), in text order."""
    if lang == "zh":
        return _signed(text, lang, _find_zh(text))
    if lang in ("en", "es"):
        return _signed(text, lang, _find_latin(text, lang))
    raise ValueError(f"numbers.find: unsupported language {lang!r} (zh, en or es)")


def parse(expr: str, lang: str) -> NumberExpr | None:
    """The one numeric expression that ``expr`` is (surrounding spaces allowed), or None."""
    s = expr.strip()
    found = find(s, lang)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(s):
        return found[0]
    return None
