"""Tests for pipeline.numbers: the public find/parse API, numeral parsers and the currency data."""
from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.numbers import NumberExpr, currencies, find, parse, parse_digits, parse_fraction, parse_zh
from pipeline.numbers.lexicon import numbers_lexicon

ROOT = Path(__file__).resolve().parent.parent


def _found(text, lang):
    return [(x.text, x.value, x.value_max, x.kind, x.unit) for x in find(text, lang)]


# ----------------------------------------------------------------------------- find: kinds
@pytest.mark.parametrize("lang,text,expected", [
    ("en", "Profits fell -3.5% in the 3rd quarter.", [("-3.5%", -3.5, None, "percent", "%"), ("3rd", 3, None, "ordinal", "")]),
    ("en", "Two thirds of 1,200 firms paid $5bn.", [("Two thirds", 2 / 3, None, "fraction", ""), ("1,200", 1200, None, "number", ""),
                                                     ("$5bn", 5e9, None, "money", "USD")]),
    ("en", "Between 3 and 5 percent of 48.5 MGBP.", [("3 and 5 percent", 3, 5, "percent", "%"), ("48.5 MGBP", 4.85e7, None, "money", "GBP")]),
    ("en", "The result was minus five percent.", [("minus five percent", -5, None, "percent", "%")]),
    ("es", "El paro bajó al 12 por ciento, menos 3,5 %.", [("12 por ciento", 12, None, "percent", "%"), ("menos 3,5 %", -3.5, None, "percent", "%")]),
    ("es", "Tres cuartos de 1.234,5 millones de euros.", [("Tres cuartos", 0.75, None, "fraction", ""),
                                                           ("1.234,5 millones de euros", 1.2345e9, None, "money", "EUR")]),
    ("es", "Quedó en el 2º puesto, entre 3 y 5.", [("2º", 2, None, "ordinal", ""), ("3 y 5", 3, 5, "number", "")]),
    ("zh", "增长百分之五点二,负12亿港元。", [("百分之五点二", 5.2, None, "percent", "%"), ("负12亿港元", -1.2e9, None, "money", "HKD")]),
    ("zh", "三分之一的村民获得第三名。", [("三分之一", 1 / 3, None, "fraction", ""), ("第三", 3, None, "ordinal", "")]),
    ("zh", "五六个人花了200元,增速3-5%。", [("五六", 5, 6, "number", ""), ("200元", 200, None, "money", "CNY"),
                                          ("3-5%", 3, 5, "percent", "%")]),
])
def test_numbers_find_kinds(lang, text, expected):
    got = _found(text, lang)
    assert [(t, k, u) for t, _, _, k, u in got] == [(t, k, u) for t, _, _, k, u in expected]
    for (_, v, vmax, _, _), (_, ev, evmax, _, _) in zip(got, expected):
        assert v == pytest.approx(ev) and (vmax == pytest.approx(evmax) if evmax is not None else vmax is None)


@pytest.mark.parametrize("lang", ["zh", "en", "es"])
def test_numbers_find_spans_are_exact(lang):
    text = {"zh": "去年营收达723.3亿元，同比增长13.62%，员工两千人。",
            "en": "Sales of $10.17 billion rose 7.2 percent; 3,500 residents.",
            "es": "Facturó 6,49 millones de euros, un 15 % más; 1.200 personas."}[lang]
    found = find(text, lang)
    assert found and all(isinstance(x, NumberExpr) and text[x.start:x.end] == x.text for x in found)


def test_numbers_find_bare_numbers_are_found():
    """A bare number in prose is a number for the layer (figures decide whether it is a fact)."""
    assert _found("He counted 42 of them.", "en") == [("42", 42, None, "number", "")]


def test_numbers_find_unknown_language():
    with pytest.raises(ValueError, match="unsupported language"):
        find("5", "fr")


# ----------------------------------------------------------------------------- parse: one expression
@pytest.mark.parametrize("lang,text,value,kind", [
    ("zh", "一万二", 12000, "number"), ("zh", "千三", 1300, "number"), ("zh", "万五", 15000, "number"),
    ("zh", "两", 2, "number"), ("zh", "壹万贰仟", 12000, "number"), ("zh", "1200兆", 1.2e15, "number"),
    ("zh", "一 千 五 百", 1500, "number"), ("zh", "百分之零点八", 0.8, "percent"),
    ("en", "2¼", 2.25, "number"), ("en", "4 1/2", 4.5, "number"), ("en", "1e10", 1e10, "number"),
    ("en", "12,34,567", 1234567, "number"), ("en", "1 234 567", 1234567, "number"), ("en", "zero point five", 0.5, "number"),
    ("en", "two million", 2e6, "number"), ("en", "−4.5%", -4.5, "percent"),
    ("es", "1.234,5", 1234.5, "number"), ("es", "1 234,5", 1234.5, "number"), ("es", "tres coma cinco", 3.5, "number"),
    ("es", "menos 3 por ciento", -3, "percent"), ("es", "dos tercios", 2 / 3, "fraction"),
])
def test_numbers_parse_values(lang, text, value, kind):
    x = parse(text, lang)
    assert x is not None and x.value == pytest.approx(value) and x.kind == kind


@pytest.mark.parametrize("lang,text", [("en", "five apples and 3 pears"), ("zh", "十百千"), ("en", "hello")])
def test_numbers_parse_refuses_non_expressions(lang, text):
    assert parse(text, lang) is None


@pytest.mark.parametrize("text,value", [("½", 0.5), ("2¼", 2.25), ("6⅞", 6.875), ("3/4", 0.75), ("4 1/2", 4.5)])
def test_numbers_parse_fraction(text, value):
    assert parse_fraction(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["5/3", "1/0", "abc"])
def test_numbers_parse_fraction_refuses(text):
    assert parse_fraction(text) is None


@pytest.mark.parametrize("lang,text,value", [("en", "12,34,567", 1234567), ("en", "1.5e9", 1.5e9), ("es", "1e9", 1e9),
                                             ("en", "45 000", 45000), ("es", "1 234,5", 1234.5)])
def test_numbers_parse_digits_conventions(lang, text, value):
    assert parse_digits(text, numbers_lexicon(lang)) == pytest.approx(value)


@pytest.mark.parametrize("text,value", [("一万二", 12000), ("三亿五", 3.5e8), ("一百零五", 105), ("3万4000", 34000), ("零点八", 0.8)])
def test_numbers_parse_zh_colloquial_scales(text, value):
    p = parse_zh(text, numbers_lexicon("zh"))
    assert p is not None and p.value == pytest.approx(value)


# ----------------------------------------------------------------------------- currencies (CLDR via babel)
@pytest.mark.parametrize("lang,surface,code", [
    ("en", "swiss francs", "CHF"), ("en", "brazilian reals", "BRL"), ("es", "florines neerlandeses", "NLG"),
    ("es", "libras esterlinas", "GBP"), ("zh", "新台币", "TWD"), ("zh", "台币", "TWD"), ("en", "kuai", "CNY")])
def test_numbers_currency_names(lang, surface, code):
    assert currencies(lang).names[surface] == code


def test_numbers_currency_codes_and_symbols():
    cur = currencies("en")
    assert {"USD", "GEL", "ZAR", "CHF", "KES"} <= cur.codes and "ALL" not in cur.codes   # "ALL" is a word
    assert cur.symbols["₾"] == "GEL" and cur.symbols["$"] == "USD" and cur.symbols["R$"] == "BRL"
    assert cur.minor["pence"] == ("GBP", 0.01) and currencies("zh").minor["毛"] == ("CNY", 0.1)


@pytest.mark.skipif(importlib.util.find_spec("babel") is None, reason="babel (test extra) not installed")
def test_numbers_currencies_tsv_matches_babel():
    """The committed CLDR table is what scripts/gen_currencies.py makes from the pinned babel."""
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_currencies.py"), "--check"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
