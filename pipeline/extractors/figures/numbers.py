"""Numeral parsing for the figures extractor: the numbers layer's parsers (``pipeline.numbers``).

Kept as a module so figure code and tests import one place; the parsers themselves live in
``pipeline/numbers/`` (``parse.py`` for digits and words, ``zh.py`` for Chinese numerals).
"""
from __future__ import annotations

from ...numbers import Parsed, parse_digits, parse_fraction, parse_words, parse_zh

__all__ = ["Parsed", "parse_digits", "parse_fraction", "parse_words", "parse_zh"]
