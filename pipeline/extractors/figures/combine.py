"""Combine: money figures that continue past their unit.

* compound amounts fold minor units into the major one: ``五元三毛`` = 5.3 CNY, ``两美元又三美分``,
  ``12元8角5分``, ``八块五``, ``two dollars and three cents``, ``15 dólares 50``;
* exchange rates become one figure with the label ``rate`` and the unit ``A/B``:
  ``6,33 yuanes por dólar`` = 6.33 CNY/USD, ``7.2元人民币兑1美元``, ``1美元兑6.9元人民币``.
A price per unit of goods (``6,49 yuanes por kilo``) stays money, as the annotation guidelines have it.
"""
from __future__ import annotations

from dataclasses import replace

from .find import Candidate
from .lexicon import MONEY, Lexicon, lexicon
from .numbers import parse_digits, parse_words, parse_zh
from .resolve import Resolved, _tidy

RATE = "rate"
_LOOK = 40


def _minor_value(lex: Lexicon, n: str) -> float | None:
    if lex.lang == "zh":
        p = parse_zh(n, lex)
        return None if p is None or p.value_max is not None else p.value
    return parse_digits(n, lex) if n[:1].isdigit() else parse_words(n, lex)


def _money_unit(lex: Lexicon, text: str, pos: int, *, minor: bool):
    """The currency unit match at ``pos`` (a minor unit when ``minor``), or None."""
    um = lex.re["unit"].match(text, pos, pos + _LOOK)
    if um is None:
        return None
    info = lex.unit(um.group("u"))
    if info is None or info.label != MONEY or (info.factor < 1) != minor or (not minor and info.factor != 1):
        return None
    return um, info


def _compound(lex: Lexicon, text: str, c: Candidate, r: Resolved) -> tuple[Candidate, Resolved]:
    m = lex.re["compound"].match(text, c.end, c.end + _LOOK)
    if m is not None:
        mu = _money_unit(lex, text, m.end(), minor=True)
        v = _minor_value(lex, m.group("n")) if mu else None
        if v is not None:
            um, info = mu
            end, extra = um.end(), v * info.factor
            m2 = lex.re.get("compound_fen")                  # 12元8角5分: hundredths after tenths
            f = m2.match(text, end, end + _LOOK) if m2 is not None and info.factor >= 0.1 else None
            if f is not None and (fv := _minor_value(lex, f.group("n"))) is not None:
                end, extra = f.end(), extra + fv * 0.01
            return replace(c, end=end), replace(r, value=_tidy(r.value + c.sign * extra))
    bare = lex.re.get("compound_bare")
    if bare is not None and (lex.lang != "zh" or c.unit in lex.data["_tenths_after"]):
        m = bare.match(text, c.end, c.end + _LOOK)
        v = _minor_value(lex, m.group("n")) if m else None
        if v is not None:                                    # 八块五 = 8.5, 15 dólares 50 = 15.50
            scale = 0.1 if lex.lang == "zh" else 0.01
            return replace(c, end=m.end()), replace(r, value=_tidy(r.value + c.sign * v * scale))
    return c, r


def _rate(lex: Lexicon, text: str, c: Candidate, r: Resolved, found) -> tuple[Candidate, Resolved]:
    link = lex.re["rate_link"].match(text, c.end, c.end + _LOOK)
    if link is None:
        return c, r
    mu = _money_unit(lex, text, link.end(), minor=False)
    if mu is not None and mu[1].unit != r.unit:              # 6,33 yuanes por dólar
        return replace(c, end=mu[0].end()), Resolved(RATE, r.value, None, f"{r.unit}/{mu[1].unit}", r.qualifier)
    if r.value == 1:                                         # 1美元兑6.9元人民币
        nxt = next(((q, s) for q, s in found if q.start == link.end()), None)
        if nxt is not None and nxt[1].label == MONEY and nxt[1].value_max is None and nxt[1].unit != r.unit:
            q, s = nxt
            return replace(c, end=q.end), Resolved(RATE, s.value, None, f"{s.unit}/{r.unit}", s.qualifier)
    return c, r


def combine(text: str, lang: str, found: list[tuple[Candidate, Resolved]]) -> list[tuple[Candidate, Resolved]]:
    """Extend compound amounts and exchange rates; drop the figures they swallow."""
    lex = lexicon(lang)
    if lex.re.get("compound") is None:
        return found
    out: list[tuple[Candidate, Resolved]] = []
    for c, r in found:
        if out and c.start < out[-1][0].end:
            continue                                         # swallowed by the previous figure
        if r.label == MONEY and r.value_max is None and c.form in ("zh", "digits", "words"):
            c, r = _compound(lex, text, c, r)
            c, r = _rate(lex, text, c, r, found)
        out.append((c, r))
    return out
