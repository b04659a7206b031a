"""The numbers layer: every numeric expression of a text, found and valued (zh/en/es).

    from pipeline.numbers import find, parse
    find("Profits fell -3.5% to 2¼ million", "en")   # [NumberExpr(kind='percent', value=-3.5, ...), ...]
    parse("一万二", "zh")                              # NumberExpr(kind='number', value=12000.0, ...)

``find`` locates (``find.py``), one small resolver per expression type values (``resolve.py``);
numerals are defined per language in ``resources/<lang>/numbers.yaml`` and currencies come from
CLDR (``resources/common/currencies.tsv``, see ``currencies.py``).  The figures extractor builds on
this layer and decides which numbers are facts.  See docs/numbers.md.
"""
from __future__ import annotations

from .parse import Parsed, parse_digits, parse_fraction, parse_words
from .zh import parse_zh

__all__ = ["Parsed", "parse_digits", "parse_fraction", "parse_words", "parse_zh"]
