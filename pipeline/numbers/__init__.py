"""The numbers layer: every numeric expression of a text, found and valued (zh/en/es).

    from pipeline.numbers import find, parse
    find("Profits fell -3.5% to 2¼ million", "en")
    # [NumberExpr(start=13, end=18, text='-3.5%', value=-3.5, value_max=None, kind='percent', unit='%'),
    #  NumberExpr(start=22, end=33, text='2¼ million', value=2250000.0, ..., kind='number', unit='')]
    parse("一万二", "zh")     # NumberExpr(..., value=12000.0, kind='number')

``find`` locates (``find.py``, patterns in ``patterns.py``), one small resolver per expression type
values (``resolve.py``); numerals are defined per language in ``resources/<lang>/numbers.yaml``
(``lexicon.py``), currencies come from CLDR (``currencies.py``).  The figures extractor builds on
this layer and decides which numbers are facts.  See docs/numbers.md.
"""
from __future__ import annotations

from .currencies import Currencies, currencies
from .find import find, parse
from .parse import Parsed, parse_digits, parse_fraction, parse_words
from .types import KINDS, NumberExpr
from .zh import parse_zh

__all__ = ["find", "parse", "NumberExpr", "KINDS", "currencies", "Currencies",
           "Parsed", "parse_digits", "parse_fraction", "parse_words", "parse_zh"]
