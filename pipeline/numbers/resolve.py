"""resolve: one small function per expression type, from a match to a ``NumberExpr`` (or None)."""
from __future__ import annotations

import regex

from .. import rx
from .currencies import currencies
from .lexicon import numbers_lexicon
from .parse import parse_digits, parse_words
from .patterns import patterns
from .types import NumberExpr
from .zh import parse_zh

_ARTICLE_BEFORE = rx.compile(r"(?<![\w])(?:a|an|one|un|una|el|la)[ \t\u00a0]+$", regex.IGNORECASE)
_ZH_DIGIT_STRING = rx.compile(r"[0-9０-９〇零一二三四五六七八九]+")


def _expr(text: str, a: int, b: int, value: float, kind: str, unit: str = "", value_max: float | None = None):
    return NumberExpr(a, b, text[a:b], float(f"{value:.12g}"), None if value_max is None else float(f"{value_max:.12g}"),
                      kind, unit)


def _money_unit(lang: str, surface: str) -> tuple[str, float] | None:
    """(ISO code, factor to the major unit) of a currency word, code or symbol as written."""
    cur = currencies(lang)
    key = surface if lang == "zh" else " ".join(surface.casefold().split())
    if surface in cur.scaled:
        return cur.scaled[surface]
    if surface in cur.symbols:
        return cur.symbols[surface], 1.0
    if surface in cur.codes:
        return surface, 1.0
    for prefix, k in cur.code_scales.items():               # 48.5 MGBP
        if surface.startswith(prefix) and surface[len(prefix):] in cur.codes:
            return surface[len(prefix):], k
    if key in cur.minor:
        return cur.minor[key]
    if key in cur.names:
        return cur.names[key], 1.0
    if lang == "zh" and surface in ("元", "块", "块钱"):
        return "CNY", 1.0
    return None


# --------------------------------------------------------------------------- Chinese
def _zh_value(s: str) -> tuple[float, float | None] | None:
    p = parse_zh(s, numbers_lexicon("zh"))
    if p is not None:
        return p.value, p.value_max
    if _ZH_DIGIT_STRING.fullmatch(s):          # 二〇二三, 2023: a digit string read digit by digit
        digits = numbers_lexicon("zh").digits
        return float("".join(str(digits.get(ch, ch)) for ch in s.translate(str.maketrans("０１２３４５６７８９", "0123456789")))), None
    return None


def zh_expression(text: str, m) -> NumberExpr | None:
    """百分之五 / 5% (percent), 第三 (ordinal), 三分之一 (fraction), 5亿美元 (money), 五六 (range), 5."""
    v = _zh_value(m.group("n"))
    if v is None:
        return None
    value, value_max = v
    a, b = m.span()
    cb = patterns("zh")["money_before"].search(text, max(0, a - 6), a) if not m.group("pre") else None
    if cb is not None and (code := _money_unit("zh", cb.group("cur"))) is not None:
        mu = patterns("zh")["money_after"].match(text, b)          # USD 500万, €200, 人民币500万元
        return _expr(text, cb.start(), mu.end() if mu else b, value, "money", code[0])
    if m.group("n2"):                                       # D分之N
        num = _zh_value(m.group("n2"))
        if num is None or not value or value_max is not None:
            return None
        return _expr(text, a, b, num[0] / value, "fraction")
    if m.group("pre") == "第":
        return _expr(text, a, b, value, "ordinal")
    if m.group("pre") or m.group("pct"):
        return _expr(text, a, b, value, "percent", "%", value_max)
    mu = patterns("zh")["money_after"].match(text, b)
    if mu is not None and (unit := _money_unit("zh", mu.group("cur"))) is not None:
        return _expr(text, a, mu.end(), value * unit[1], "money", unit[0],
                     None if value_max is None else value_max * unit[1])
    rm = patterns("zh")["range"].match(text, b)
    nxt = patterns("zh")["zh"].match(text, rm.end()) if rm else None
    if nxt is not None and not nxt.group("pre") and not nxt.group("n2") and (hi := _zh_value(nxt.group("n"))) \
            and hi[0] > value:
        return _expr(text, a, nxt.end(), value, "percent" if nxt.group("pct") else "number", "%" if nxt.group("pct") else "",
                     hi[0])
    return _expr(text, a, b, value, "number", "", value_max)


# --------------------------------------------------------------------------- English / Spanish
def latin_fraction(text: str, m, lang: str) -> NumberExpr | None:
    """three fifths, a third, tres cuartos, 2 tercios -> numerator / denominator."""
    lex = numbers_lexicon(lang)
    n = m.group("n")
    k = float(n) if n.isdigit() else 1.0 if n.casefold() in ("a", "an", "un", "una") else lex.number_words.get(n.casefold())
    den = lex.fraction_denominators.get(" ".join(m.group("d").casefold().split()))
    if k is None or not den or k >= den * 10:
        return None
    return _expr(text, m.start(), m.end(), k / den, "fraction")


def latin_ordinal(text: str, m) -> NumberExpr:
    """3rd, 21st, 5º, 1.ª"""
    return _expr(text, m.start(), m.end(), float(m.group("n")), "ordinal")


def latin_ordinal_word(text: str, m, lang: str) -> NumberExpr | None:
    """third, tercero (not after an article: a second, un cuarto are units or fractions)."""
    if _ARTICLE_BEFORE.search(text, max(0, m.start() - 6), m.start()):
        return None
    return _expr(text, m.start(), m.end(), numbers_lexicon(lang).ordinal_words[m.group("w").casefold()], "ordinal")


def _latin_value(text: str, a: int, b: int, form: str, lang: str, *, currency: bool) -> tuple[float, int] | None:
    """(value, end) of a numeral with its scale word or abbreviation (5 million, $3bn)."""
    lex, p = numbers_lexicon(lang), patterns(lang)
    v = parse_digits(text[a:b], lex) if form == "digits" else parse_words(text[a:b], lex)
    if v is None:
        return None
    if form == "digits":
        sm = p["scale"].match(text, b)
        if sm:
            return v * lex.scale_words[" ".join(sm.group("s").casefold().split())], sm.end()
        sa = p["scale_abbrev"].match(text, b)
        if sa and (currency or len(sa.group("s")) >= 2):
            return v * lex.scale_abbrev[sa.group("s")], sa.end()
    return v, b


_ARTICLES = frozenset({"a", "an", "un", "una"})


def latin_number(text: str, a: int, b: int, form: str, lang: str, nxt) -> NumberExpr | None:
    """A digit or word numeral with its scale, then a percent, a currency or a range end, if any."""
    p = patterns(lang)
    if form == "words" and text[a:b].casefold() in _ARTICLES:
        return None                                         # un, a: an article, not the number one
    cb = p["money_before"].search(text, max(0, a - 6), a) if form == "digits" else None
    vb = _latin_value(text, a, b, form, lang, currency=cb is not None)
    if vb is None:
        return None
    value, end = vb
    start = cb.start() if cb else a
    if cb is not None:
        code = _money_unit(lang, cb.group("cur"))
        return _expr(text, start, end, value, "money", code[0]) if code else None
    pm = p["percent"].match(text, end)
    if pm:
        return _expr(text, a, pm.end(), value, "percent", "%")
    mu = p["money_after"].match(text, end)
    if mu and (unit := _money_unit(lang, mu.group("cur"))) is not None:
        return _expr(text, a, mu.end(), value * unit[1], "money", unit[0])
    rm = p["range"].match(text, end)
    if p["between"].search(text, max(0, a - 10), a):
        rm = p["between_and"].match(text, end) or rm      # between 3 and 5, entre 3 y 5
    if rm and nxt and nxt[0][0] == rm.end():
        hi = _latin_value(text, nxt[0][0], nxt[0][1], nxt[0][2], lang, currency=False)
        if hi is not None and hi[0] > value:
            pm = p["percent"].match(text, hi[1])
            return _expr(text, a, pm.end() if pm else hi[1], value, "percent" if pm else "number",
                         "%" if pm else "", hi[0])
    return _expr(text, a, end, value, "number")
