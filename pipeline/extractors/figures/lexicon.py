"""The figures lexicon of one language: ``resources/<lang>/figures.yaml`` compiled once.

Everything language-specific that the finder and resolver use lives in the YAML; this module only
turns word lists into dicts and regexes (cached per language, so there is no per-sentence setup).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from ... import rx
from ...numbers.currencies import currencies
from ...numbers.lexicon import TOPIC as NUMBERS_TOPIC, numbers_lexicon, vulgar_fractions
from ...resources import alternation, load

TOPIC = "figures"

# labels
MONEY, PERCENT, POINTS, MULTIPLE, AGE, DURATION, COUNT, MEASURE = (
    "money", "percent", "pp", "multiple", "age", "duration", "count", "other")


@dataclass(frozen=True, slots=True)
class UnitInfo:
    label: str        # money / percent / pp / multiple / age / duration / count / other / exclude
    unit: str         # ISO code, %, pp, times, year, English noun ...
    strong: bool = True   # a counted noun does not override it (zh strong classifiers)
    factor: float = 1.0   # value multiplier: minor units (pence 0.01), scaled codes (MGBP 1e6)


def _alt(words, *, escape: bool = True) -> str:
    return alternation([w for w in words], escape=escape)


@dataclass(slots=True)
class Lexicon:
    lang: str
    data: dict
    digits: dict = field(default_factory=dict)
    small_scales: dict = field(default_factory=dict)
    big_scales: dict = field(default_factory=dict)
    decimal_point: str = ""
    vague: frozenset = frozenset()
    number_words: dict = field(default_factory=dict)
    singular_words: frozenset = frozenset()
    hundred_words: dict = field(default_factory=dict)
    scale_words: dict = field(default_factory=dict)
    scale_abbrev: dict = field(default_factory=dict)
    and_word: str = ""
    units: dict = field(default_factory=dict)            # surface (casefolded for en/es) -> UnitInfo
    nouns: dict = field(default_factory=dict)
    qual_before: dict = field(default_factory=dict)
    qual_after: dict = field(default_factory=dict)
    currencies_before: dict = field(default_factory=dict)
    re: dict = field(default_factory=dict)               # compiled patterns by name
    range_pairs: frozenset = frozenset()                 # zh digit pairs read as a range (三五, 一两)
    cs_units: dict = field(default_factory=dict)         # case-sensitive money units: USD, MGBP, €, mdd
    decimal_words: frozenset = frozenset()               # point, coma (from the numbers layer)

    def unit(self, surface: str) -> UnitInfo | None:
        info = self.cs_units.get(surface)         # ISO codes and symbols: case-sensitive
        if info is not None:
            return info
        key = surface if self.lang == "zh" else " ".join(surface.casefold().split())
        return self.units.get(key)


def _add_units(units: dict, table: dict | None, label: str, *, strong: bool = True, fold: bool) -> None:
    for surface, unit in (table or {}).items():
        key = " ".join(str(surface).casefold().split()) if fold else str(surface)
        units.setdefault(key, UnitInfo(label, "" if unit is None else str(unit), strong))


def _money_units(lex: Lexicon, units: dict) -> str:
    """Add currency names and minor units (CLDR + curated, ``pipeline.numbers.currencies``) to ``units``
    and the ISO codes, symbols and scaled codes to ``lex.cs_units``; returns their case-sensitive pattern."""
    cur = currencies(lex.lang)
    known = set(units)
    for name, code in cur.names.items():
        units.setdefault(name, UnitInfo(MONEY, code))
    for name, (code, frac) in cur.minor.items():
        units.setdefault(name, UnitInfo(MONEY, code, True, frac))
    cs = lex.cs_units
    for code in cur.codes:
        cs[code] = UnitInfo(MONEY, code)
        for prefix, k in cur.code_scales.items():
            cs[prefix + code] = UnitInfo(MONEY, code, True, k)     # 48.5 MGBP
    for sym, code in cur.symbols.items():
        cs.setdefault(sym, UnitInfo(MONEY, code))
    for sym, (code, k) in cur.scaled.items():
        cs[sym] = UnitInfo(MONEY, code, True, k)                  # 500 mdd, 80 M€
    codes = _alt(cur.codes)
    lex.data["_cldr_units"] = [u for u in units if u not in known]
    return (r"(?-i:(?:" + _alt(cur.code_scales) + r")?" + codes + r"(?![A-Za-z])|"
            + _alt(list(cur.symbols) + list(cur.scaled)) + ")")


class _UnitMatcher:
    """The unit pattern, in two sizes: the long one (with every CLDR currency name) is tried only when
    the next word (zh: character) can start one of those names, so most numbers pay for the short one."""

    __slots__ = ("short", "full", "first", "zh")
    _NEXT = rx.compile(r"[ \t\u00a0]*-?(?P<w>[^\W\d_]+)")

    def __init__(self, short, full, added: list[str], zh: bool):
        self.short, self.full, self.zh = short, full, zh
        self.first = frozenset(a[:1] for a in added) if zh else frozenset(a.split()[0].split("-")[0] for a in added if a.split())

    def match(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else min(endpos, len(text))
        if self.zh:
            p = pos + 1 if pos < end and text[pos].isspace() else pos
            long = p < end and text[p] in self.first
        else:
            m = self._NEXT.match(text, pos, end)
            long = m is not None and m.group("w").casefold() in self.first
        return (self.full if long else self.short).match(text, pos, end)


def _compile_common(lex: Lexicon, d: dict) -> None:
    fold = lex.lang != "zh"
    flags = regex.IGNORECASE if fold else 0
    lex.qual_before = {(k.casefold() if fold else k): (v or "") for k, v in (d.get("qualifiers_before") or {}).items()}
    lex.qual_after = {(k.casefold() if fold else k): (v or "") for k, v in (d.get("qualifiers_after") or {}).items()}
    lex.currencies_before = {str(k): v for k, v in (d.get("currencies_before") or {}).items()}
    lex.nouns = {(k.casefold() if fold else k): v for k, v in (d.get("nouns") or {}).items()}
    space = r"\s*" if not fold else r"[ \t\u00a0]*"
    # qualifier words must end just before the number (whitespace allowed)
    wb = r"(?<![\w])" if fold else ""
    lex.re["qual_before"] = rx.compile(wb + r"(?P<q>" + _alt(lex.qual_before) + r")" + space + r"$", flags)
    lex.re["qual_after"] = rx.compile(space + r"(?P<q>" + _alt(lex.qual_after) + r")" + (r"(?!\w)" if fold else ""), flags)
    cur = currencies(lex.lang)
    for sym, code in list(cur.symbols.items()) + [(c, c) for c in cur.codes]:
        lex.currencies_before.setdefault(sym, code)
    cs_before = r"(?-i:(?<![A-Za-z])" + _alt(cur.codes) + "|" + _alt(cur.symbols) + ")"
    lex.re["cur_before"] = rx.compile(r"(?P<c>" + _alt(d.get("currencies_before") or {}) + "|" + cs_before + r")"
                                         + space + r"$", flags)
    lex.re["cur_before_words"] = rx.compile(r"(?P<c>" + _alt(d.get("currencies_before") or {}) + r")" + space + r"$", flags)
    lex.re["cur_before_glued"] = rx.compile(r"(?<![A-Za-z])" + cs_before + r"$")     # RMB300, Rs300, £GB300
    lex.re["range_conn"] = rx.compile(space + r"(?P<c>" + _alt(d.get("range_connectors") or ["-"]) + r")" + space, flags)


def _build_zh(lex: Lexicon, d: dict) -> None:
    num = numbers_lexicon("zh")                     # numerals come from the numbers layer
    lex.digits, lex.small_scales, lex.big_scales = num.digits, num.small_scales, num.big_scales
    lex.decimal_point, lex.vague = num.decimal_point, num.vague
    lex.data["_pairs_duration_only"] = frozenset(d.get("range_pairs_duration_only") or [])
    lex.range_pairs = frozenset(d.get("range_digit_pairs") or []) | lex.data["_pairs_duration_only"]
    units: dict = {}
    _add_units(units, {s: "%" for s in d["percent_signs"]}, PERCENT, fold=False)
    _add_units(units, {s: "pp" for s in d["points"]}, POINTS, fold=False)
    for surface in d.get("basis_points") or []:
        units.setdefault(str(surface), UnitInfo(POINTS, "pp", True, 0.01))
    _add_units(units, {s: "times" for s in d["multiples"]}, MULTIPLE, fold=False)
    _add_units(units, {s: "%" for s in d["tenths"]}, "tenths", fold=False)
    _add_units(units, d["currencies_after"], MONEY, fold=False)
    _add_units(units, d["ages"], AGE, fold=False)
    _add_units(units, d["durations"], DURATION, fold=False)
    _add_units(units, d["measures"], MEASURE, fold=False)
    _add_units(units, d["classifiers_strong"], COUNT, strong=True, fold=False)
    _add_units(units, d["classifiers_generic"], COUNT, strong=False, fold=False)
    money_cs = _money_units(lex, units)
    lex.units = units
    _compile_common(lex, d)
    dg = "".join(lex.digits)
    sc = "".join(list(lex.small_scales) + list(lex.big_scales))
    ar = r"[0-9０-９]+(?:[,，][0-9０-９]{3}|[ \u00a0][0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?" \
        + "[" + "".join(vulgar_fractions()) + "]?"
    mega = d.get("scale_not_before") or {}          # 兆瓦: 兆 is mega there, a unit, not 10^12
    sc_atom = "(?:" + "".join(rf"(?!{regex.escape(k)}{_alt(v)})" for k, v in mega.items()) + rf"[{sc}])"
    sp = rf"(?:(?<=[{dg}{sc}0-9０-９])[ \u00a0](?=[{dg}{sc}]))?"   # spaced numerals: 一 千 五 百, 1.5 亿
    atom = rf"(?:{ar}|[{dg}]|{sc_atom}|{regex.escape(lex.decimal_point)}(?=[{dg}]))" if lex.decimal_point else \
        rf"(?:{ar}|[{dg}]|{sc_atom})"
    # a numeral: atoms, with 余/多/几 between or after them; 几/数 may open it before a scale
    lex.re["num"] = rx.compile(
        rf"(?<![0-9０-９.．])(?<![0-9０-９][,，])(?:[几数](?=[{sc}]))?{atom}(?:[余多几]?{sp}{atom})*(?:[余多几](?![{dg}{sc}]))?")
    lex.re["half"] = rx.compile(rf"(?<![上下前后个{dg}])半(?=个月|年|个小时|小时|天|个世纪|个钟头)")
    shares = d.get("share_words") or {}
    lex.re["share"] = rx.compile(r"(?<!另)(?P<w>" + _alt(shares) + r")")
    lex.data["_shares"] = {k: float(v) for k, v in shares.items()}
    hq, hb = d.get("half_share_qualifiers") or [], d.get("half_share_blockers_after") or []
    if hq:
        lex.data["_shares"].setdefault("半", 50.0)
        lex.re["half_share"] = rx.compile(r"(?P<q>" + _alt(hq) + r")\s*半" + (r"(?!" + _alt(hb) + r")" if hb else ""))
    lex.re["doubling"] = rx.compile(r"(?P<w>" + _alt(d.get("doubling") or {"翻一番": 2}) + r")")
    short = [u for u in units if u not in set(lex.data["_cldr_units"])]
    lex.re["unit"] = _UnitMatcher(rx.compile(r"\s?(?P<u>" + _alt(short) + "|" + money_cs + r")"),
                                  rx.compile(r"\s?(?P<u>" + _alt(units) + "|" + money_cs + r")"),
                                  lex.data["_cldr_units"], zh=True)
    lex.re["pct_prefix"] = rx.compile(r"(?:" + _alt(d["percent_prefixes"]) + r")$")
    lex.re["pct_start"] = rx.compile(r"(?:" + _alt(d["percent_prefixes"]) + r")")
    lex.re["excl_before"] = rx.compile(r"(?:" + _alt(d["exclude_before"]) + r")$")
    lex.re["excl_after"] = rx.compile(r"(?:" + _alt(d["exclude_after"]) + r")")
    lex.re["idiom"] = rx.compile(_alt(d["idioms"]))
    lex.re["noun_suffix"] = rx.compile(r"(?P<n>" + _alt(lex.nouns) + r")$")
    lex.re["noun_prefix"] = rx.compile(r"(?P<n>" + _alt(lex.nouns) + r")")
    lex.re["classifier_split"] = rx.compile(_alt(d.get("classifier_split_words") or ["人工"]))
    lex.re["np_breaker"] = rx.compile(_alt(d.get("noun_phrase_breakers") or ["的"]))
    cues = _alt(d["implied_money_cues"])
    links = _alt(d["implied_money_links"])
    lex.re["money_cue"] = rx.compile(rf"(?:{cues})(?:{links})?$")
    lex.re["range_block"] = rx.compile(r"(?:" + _alt(d["range_blockers_before"]) + r")\S{0,8}$")
    rcw = d.get("range_change_words") or []
    lex.re["range_change"] = rx.compile(_alt(rcw)) if rcw else None
    lex.data["_scale_only_q"] = frozenset(d.get("scale_only_qualifiers") or [])
    lex.data["_tenths_block"] = frozenset(d.get("tenths_blockers") or [])
    lex.data["_half_units"] = frozenset(d.get("half_units") or [])
    lex.data["_over_units"] = frozenset(d.get("over_units") or [])
    lex.data["_person_cls"] = frozenset(d.get("person_classifiers") or [])
    lex.data["_person_units"] = frozenset(d.get("person_noun_units") or [])
    lex.data["_scale_initial_q"] = frozenset(d.get("scale_initial_need_qualifier") or [])
    lex.re["dur_block"] = rx.compile(r"(?:" + _alt(d.get("duration_blockers") or ["以前"]) + r")")
    lex.re["one_dur_before"] = rx.compile(r"(?:" + _alt(d.get("one_duration_cues_before") or ["用了"]) + r")\s*$")
    lex.re["one_dur_after"] = rx.compile(r"\s*(?:" + _alt(d.get("one_duration_cues_after") or ["内"]) + r")")
    eb = d.get("elided_before") or []                # 200名员工,其中35人
    lex.re["elided_before"] = rx.compile(r"(?:" + _alt(eb) + r")(?:" + _alt(d.get("elided_links") or ["有"]) + r")?\s*$") if eb else None
    lex.re["elided_after"] = None
    eg = d.get("elided_group_before") or []          # 在200名员工中,35人...
    lex.re["elided_group"] = rx.compile(r"(?:" + _alt(eg) + r")[^,，;；。!?！？]{1,30}(?:" + _alt(d.get("elided_group_after") or ["中"]) + r")[,，]?(?:" + _alt(d.get("elided_links") or ["有"]) + r")?\s*$") if eg else None
    fnum = rf"[{dg}{sc}]+"
    lex.re["fraction"] = rx.compile(rf"(?P<d>{fnum})分之(?P<n>{fnum}(?:{regex.escape(lex.decimal_point or '点')}[{dg}]+)?)")
    lex.re["mixed"] = rx.compile(rf"(?P<i>[0-9０-９]+|{fnum})(?:{_alt(d.get('mixed_joiners') or ['又'])})(?P<d>{fnum})分之(?P<n>{fnum})")
    lex.data["_fraction_skip"] = frozenset(d.get("fraction_denominators_skip") or ["百"])
    _compile_compound_zh(lex, d)


def _compile_compound_zh(lex: Lexicon, d: dict) -> None:
    """五元三毛 / 两美元又三美分 / 12元8角5分 / 八块五 (figures/combine.py) and 兑 exchange rates."""
    small = "[0-9０-９]{1,2}|[一二两三四五六七八九十]{1,3}"
    joiners = d.get("compound_joiners") or []
    lex.re["compound"] = rx.compile(r"(?:" + _alt(joiners) + r")?(?P<n>" + small + r")(?=\s?\D)") if joiners else None
    lex.re["compound_fen"] = rx.compile(r"(?P<n>[0-9０-９]|[一二三四五六七八九])分(?:钱)?")
    lex.re["compound_bare"] = rx.compile(
        r"(?P<n>[1-9１-９]|[一二两三四五六七八九])(?![0-9０-９一二两三四五六七八九十百千万亿点.．%％角毛分元块美欧英日港])")
    lex.data["_tenths_after"] = frozenset(d.get("compound_tenths_after") or [])
    lex.re["rate_link"] = rx.compile(r"\s*(?:" + _alt(d.get("rate_links") or ["兑"]) + r")\s*(?:(?:1|一)(?![0-9０-９.．点十百千万亿]))?\s*(?=\S)")


def _compile_compound_latin(lex: Lexicon, d: dict) -> None:
    """two dollars and three cents / 15 dólares 50 (figures/combine.py) and per/por exchange rates."""
    fl = regex.IGNORECASE
    joiners = d.get("compound_joiners") or []
    j = (r"(?:[ \t\u00a0]*,?[ \t\u00a0]+(?:" + _alt(joiners) + r"))?") if joiners else ""
    lex.re["compound"] = rx.compile(j + r"[ \t\u00a0]+(?P<n>\d{1,2}(?![\d.,]\d)|[^\W\d_]+(?:-[^\W\d_]+)?)(?=[ \t\u00a0])", fl)
    lex.re["compound_fen"] = None
    lex.re["compound_bare"] = rx.compile(
        r"[ \t\u00a0]+(?P<n>\d{2})(?=[ \t\u00a0]*(?:[.,;:!?)]|$))") if d.get("compound_bare_cents") else None
    links = d.get("rate_links") or ["per"]
    lex.re["rate_link"] = rx.compile(r"[ \t\u00a0]+(?:" + _alt(links).replace(r"\ ", r"[ \t\u00a0]+") + r")(?=[ \t\u00a0])", fl)


def _build_latin(lex: Lexicon, d: dict) -> None:
    fl = regex.IGNORECASE
    num = numbers_lexicon(lex.lang)                 # numerals come from the numbers layer
    lex.number_words, lex.singular_words = dict(num.number_words), num.singular_words
    lex.hundred_words, lex.scale_words, lex.scale_abbrev = num.hundred_words, num.scale_words, num.scale_abbrev
    lex.and_word, lex.decimal_words = num.and_word, num.decimal_words
    units: dict = {}
    _add_units(units, {s: "%" for s in d["percent_words"]}, PERCENT, fold=True)
    _add_units(units, {s: "pp" for s in d["points"]}, POINTS, fold=True)
    for surface in d.get("basis_points") or []:
        units.setdefault(" ".join(str(surface).casefold().split()), UnitInfo(POINTS, "pp", True, 0.01))
    _add_units(units, {s: "times" for s in d["multiples"]}, MULTIPLE, fold=True)
    _add_units(units, d["currencies_after"], MONEY, fold=True)
    for key in ("ages_after", "ages_hyphen"):       # a list (all in years) or {surface: unit}
        ages = d.get(key) or []
        _add_units(units, ages if isinstance(ages, dict) else {s: "year" for s in ages}, AGE, fold=True)
    _add_units(units, d["durations"], DURATION, fold=True)
    _add_units(units, d["measures"], MEASURE, fold=True)
    _add_units(units, d.get("durations_hyphen"), DURATION, fold=True)
    _add_units(units, d.get("measures_hyphen"), MEASURE, fold=True)
    _add_units(units, d.get("counts_hyphen"), COUNT, fold=True)
    money_cs = _money_units(lex, units)
    lex.units = units
    _compile_common(lex, d)
    lex.data["_collectives"] = num.data["_collectives"]
    lex.re["and_split"] = num.re["and_split"]
    lex.re["wordnum"] = num.re["wordnum"]              # numeral patterns are the numbers layer's
    lex.re["digits"] = num.re["digits"]
    lex.re["scale"] = rx.compile(r"(?:[ \t\u00a0]*|-)(?P<s>" + _alt(lex.scale_words) + r")(?![\w])", fl)   # $5-million
    lex.re["scale_abbrev"] = rx.compile(r"[ \t\u00a0]?(?P<s>" + _alt(lex.scale_abbrev) + r")(?![\w])")
    halves = d.get("and_half") or []
    lex.re["and_half"] = rx.compile(r"[ \t\u00a0]+(?:" + _alt(halves) + r")(?![\w])", fl) if halves else None
    halves_after = d.get("and_half_after_unit") or []
    lex.re["half_after"] = rx.compile(r"[ \t\u00a0]+(?:" + _alt(halves_after) + r")(?![\w])", fl) if halves_after else None
    # units: "%" may be glued; words need a space; hyphen forms (-year-old, -fold) glue
    # a unit after a space, or glued by a hyphen when it is an adjective: a 2-billion-yuan fund, a 5-yuan ticket
    short = [u for u in units if u not in set(lex.data["_cldr_units"])]
    lex.re["unit"] = _UnitMatcher(
        rx.compile(r"(?P<sp>[ \t\u00a0]*|-(?=[^\W\d_]))(?P<u>" + _alt(short) + "|" + money_cs + r")(?![\w])", fl),
        rx.compile(r"(?P<sp>[ \t\u00a0]*|-(?=[^\W\d_]))(?P<u>" + _alt(units) + "|" + money_cs + r")(?![\w])", fl),
        lex.data["_cldr_units"], zh=False)
    eb, ea = d.get("elided_before") or [], d.get("elided_after") or []
    lex.re["elided_before"] = rx.compile(r"(?<![\w])(?:" + _alt(eb).replace(r"\ ", r"[ \t\u00a0]+") + r")[ \t\u00a0,]*$", fl) if eb else None
    lex.re["elided_after"] = rx.compile(r"[ \t\u00a0]+(?:" + _alt(ea).replace(r"\ ", r"[ \t\u00a0]+") + r")(?![\w])", fl) if ea else None
    eg, dets = d.get("elided_group_before") or [], d.get("elided_group_determiners") or []
    lex.re["elided_group"] = rx.compile(
        r"(?:^|(?<=[,;:]|[,;:][ \t\u00a0]|[\"'“‘(—–-][ \t\u00a0]?))(?:" + _alt(eg).replace(r"\ ", r"[ \t\u00a0]+") + r")[ \t\u00a0]+"
        + ((r"(?:(?:" + _alt(dets) + r")[ \t\u00a0]+)?") if dets else "") + r"(?:[^,;.!?]|(?<=\d)[,.](?=\d)){1,60},[ \t\u00a0]*$", fl) if eg else None
    hn = d.get("hyphen_name_words") or []           # case-sensitive: the Five-Year Plan
    lex.re["hyphen_name"] = rx.compile(r"[ \t\u00a0]+(?:" + _alt(hn) + r")(?![\w])") if hn else None
    lex.re["age_before"] = rx.compile(r"(?:^|(?<=\W))(?:" + _alt(d.get("ages_before") or ["aged"]) + r")[ \t\u00a0]+$", fl)
    lex.re["dur_block_before"] = rx.compile(r"(?<![\w])(?:" + _alt(d.get("duration_blockers_before") or ["past"]) + r")[ \t\u00a0]+$", fl)
    lex.re["dur_block"] = rx.compile(r"[ \t\u00a0]+(?:" + _alt(d.get("duration_blockers") or ["ago"]) + r")(?![\w])", fl)
    lex.re["freq_after"] = rx.compile(r"[ \t\u00a0]+(?:" + _alt(d.get("frequency_after") or ["a day"]) + r")(?![\w])", fl)
    lex.re["mult_verb"] = rx.compile(r"(?<![\w-])(?P<w>" + _alt(d.get("multiple_verbs") or {"doubled": 2}) + r")(?![\w-])", fl)
    lex.data["_mult_verbs"] = {k.casefold(): float(v) for k, v in (d.get("multiple_verbs") or {}).items()}
    lex.re["mult_bare"] = rx.compile(r"(?<![\w-])(?P<w>" + _alt(d.get("multiple_bare") or {"double": 2}) + r")(?![\w-])", fl)
    lex.data["_mult_bare"] = {k.casefold(): float(v) for k, v in (d.get("multiple_bare") or {}).items()}
    months = _alt(d["months"])
    lex.re["month_before"] = rx.compile(rf"(?<![\w])(?:{months})\.?[ \t\u00a0]+$", fl)
    de = r"(?:de[ \t\u00a0]+)?" if lex.lang == "es" else r"(?:of[ \t\u00a0]+)?"
    lex.re["month_after"] = rx.compile(rf"(?:st|nd|rd|th|º)?[ \t\u00a0]*{de}(?:{months})(?![\w])", fl)
    lex.re["excl_before"] = rx.compile(r"(?<![\w])(?:" + _alt(d["exclude_before"]) + r")[ \t\u00a0]*[#]?$")
    lex.re["excl_after"] = rx.compile(r"[ \t\u00a0]?(?:" + _alt(d["exclude_after"]) + r")(?![\w])", fl)
    lex.re["head_word"] = rx.compile(r"[ \t\u00a0]+(?P<w>[^\W\d_][\w'’-]*)")
    lex.data["_stop"] = frozenset(str(w).casefold() for w in d.get("head_stopwords") or [])
    lex.data["_irregular_suffixes"] = tuple(str(w).casefold() for w in d.get("irregular_plural_suffixes") or [])
    lex.data["_not_plural"] = frozenset(str(w).casefold() for w in d.get("not_plural") or [])
    lex.data["_head_joiners"] = frozenset(str(w).casefold() for w in d.get("head_joiners") or [])
    lex.data["_head_modifiers"] = frozenset(str(w).casefold() for w in d.get("head_modifiers") or [])
    lex.data["_fraction_article"] = frozenset(str(w).casefold() for w in d.get("fraction_articles") or [])
    lex.data["_fraction_article_ok"] = frozenset(str(w).casefold() for w in d.get("fraction_article_words") or [])
    lex.data["_non_count"] = frozenset(str(w).casefold() for w in d.get("non_count_heads") or [])
    lex.data["_irregular"] = frozenset(str(w).casefold() for w in d.get("irregular_plurals") or [])
    arts = d.get("range_articles") or []
    art = (r"(?:(?:" + _alt(arts) + r")[ \t\u00a0]+)?") if arts else ""
    lex.re["range_between"] = rx.compile(r"(?:^|(?<=\W))(?:" + _alt(d.get("range_between") or ["between"]) + r")[ \t\u00a0]+" + art + "$", fl)
    lex.re["range_and"] = rx.compile(r"[ \t\u00a0]+(?:" + _alt(d.get("range_and") or ["and"]) + r")[ \t\u00a0]+" + art, fl)
    if d.get("range_from") and d.get("range_to"):      # de 3 a 5 (Spanish): only after "de"/"desde"
        lex.re["range_from"] = rx.compile(r"(?:^|(?<=\W))(?:" + _alt(d["range_from"]) + r")[ \t\u00a0]+$", fl)
        lex.re["range_to"] = rx.compile(r"[ \t\u00a0]+(?P<c>" + _alt(d["range_to"]) + r")[ \t\u00a0]+", fl)
    def _phrases(words) -> str:                         # multi-word links: any run of spaces between words
        ws = sorted({" ".join(str(w).split()) for w in words if str(w).strip()}, key=len, reverse=True)
        return "|".join(r"[ \t\u00a0]+".join(regex.escape(p) for p in w.split()) for w in ws)
    if d.get("partitive_links"):                       # seven of its counties, tres de sus cooperativas
        lex.re["partitive"] = rx.compile(r"[ \t\u00a0]+(?:" + _phrases(d["partitive_links"]) + r")(?=[ \t\u00a0])", fl)
    if d.get("ratio_links"):                           # one in three, uno de cada tres: a share
        lex.re["ratio"] = rx.compile(r"(?<![\w.,])(?P<n>\d{1,3}|[^\W\d_]+)[ \t\u00a0]+(?:" + _phrases(d["ratio_links"])
                                        + r")[ \t\u00a0]+(?P<d>\d{1,4}|[^\W\d_]+)(?![\w%])", fl)
    compounds = [k for k in lex.nouns if " " in k]
    if compounds:                                      # puntos de venta: a noun of several words
        lex.re["compound_head"] = rx.compile(r"[ \t\u00a0]+(?P<w>" + _alt(compounds) + r")(?![\w])", fl)
    # N times: a multiple only with a comparative cue (four times as much), else a count of occurrences
    lex.data["_occurrence_units"] = frozenset(str(w).casefold() for w in d.get("occurrence_units") or [])
    lex.re["mult_cue_after"] = rx.compile(r"[ \t\u00a0]+(?:" + _alt(d.get("multiple_cues_after") or ["as"]) + r")(?![\w])", fl)
    lex.re["mult_cue_before"] = rx.compile(r"(?<![\w])(?:" + _alt(d.get("multiple_cues_before") or ["increased"])
                                              + r")[ \t\u00a0]+(?:(?:" + _alt(lex.qual_before) + r")[ \t\u00a0]+)?$", fl)
    # shares as words: two-thirds of, half of, la mitad de
    fractions = {" ".join(str(k).casefold().split()): float(v) for k, v in (d.get("fraction_words") or {}).items()}
    for word, den in num.fraction_denominators.items():     # three fifths, tres octavos: 100 / denominator
        if fractions and den > 2:                            # (media: also "average")
            fractions.setdefault(word, 100.0 / den)
    avos_words: dict = {}
    avos = d.get("fraction_avos_suffix")
    if fractions and avos:                                  # veinticincoavos = 1/25, treintavos = 1/30
        for word, v in num.number_words.items():
            if 11 <= v <= 99 and v == int(v):
                for w in (word, word[:-1]):                  # treintaavos and treintavos
                    avos_words.setdefault(w + avos, 100.0 / v)
    if fractions:
        lex.data["_fractions"] = {**avos_words, **fractions}
        numerators = {str(k).casefold(): float(v) for k, v in (d.get("fraction_numerators") or {}).items()}
        lex.data["_fraction_n"] = {**{k: v for k, v in num.number_words.items() if v >= 1}, **numerators}
        bare = d.get("fraction_bare") or []
        bare_alt = ("|(?P<f>" + _alt(bare) + ")") if bare else ""
        nums = _alt(numerators)
        fw = _alt(fractions).replace(r"\ ", r"[ \t\u00a0]+")
        follow = _alt(d.get("fraction_follow") or ["of"])
        lex.re["fraction"] = rx.compile(
            rf"(?<![\w-])(?P<x>(?:(?P<n>{nums})[ \t\u00a0-]+(?P<f>{fw}){bare_alt}))"
            rf"(?=[ \t\u00a0]+(?:{follow})(?![\w]))", fl)
        lex.data["_avos"] = avos or ""                      # run only when the text has the suffix
        lex.re["fraction_avos"] = rx.compile(
            rf"(?<![\w-])(?P<x>(?P<n>{_alt(lex.data['_fraction_n'])})[ \t\u00a0-]+(?P<f>{_alt(avos_words)}))"
            rf"(?=[ \t\u00a0]+(?:{follow})(?![\w]))", fl) if avos_words else None
        fq = d.get("fraction_follow_qualified") or []
        if fq:   # "nearly half are women", "casi la mitad son mujeres": a share only after a qualifier
            lex.re["fraction_q"] = rx.compile(
                rf"(?<![\w-])(?P<x>(?:(?P<n>{nums})[ \t\u00a0-]+(?P<f>{fw}){bare_alt}))"
                rf"(?=[ \t\u00a0]+(?:{_alt(fq)})(?![\w])|[ \t\u00a0]*[,.;:!?](?!\d))", fl)
        vulgar = "".join(vulgar_fractions())           # ⅔ of, 1/2 de: a share written with digits
        lex.re["fraction_digits"] = rx.compile(
            rf"(?<![\w.,/])(?P<x>[{vulgar}]|[1-9]/(?:[2-9]|10))(?=[ \t\u00a0]+(?:{follow})(?![\w]))", fl)
        lex.re["fraction_block_before"] = rx.compile(
            r"(?<![\w])(?:" + _alt(d.get("fraction_blockers_before") or ["first"]) + r")[ \t\u00a0]+$", fl)
        dets = d.get("fraction_determiners") or []
        det = (r"(?:(?:" + _alt(dets) + r")[ \t\u00a0]+)?") if dets else ""
        lex.re["fraction_block_after"] = rx.compile(
            r"[ \t\u00a0]+(?:" + follow + r")[ \t\u00a0]+" + det + r"(?:" + _alt(d.get("fraction_blockers_after") or ["year"])
            + r"|(?:1[89]|20)\d\d)(?![\w])", fl)
    # singular durations with a cue: took a month, within one year, durante un año, half a year
    ones = list(d.get("one_duration_words") or [])
    halves_d = list(d.get("half_duration_words") or [])
    if ones:
        lex.data["_half_words"] = frozenset(" ".join(str(w).casefold().split()) for w in halves_d)
        nw = _alt(ones + halves_d).replace(r"\ ", r"[ \t\u00a0]+")
        lex.re["one_duration"] = rx.compile(
            rf"(?<![\w-])(?P<n>{nw})[ \t\u00a0]+(?P<u>{_alt(d.get('one_duration_units') or ['year'])})(?![\w-])(?!['’]s)", fl)
        lex.re["one_dur_cue"] = rx.compile(
            r"(?<![\w])(?:" + _alt(d.get("one_duration_cues_before") or ["within"]) + r")[ \t\u00a0]+$", fl)
    lex.re["change_verb"] = rx.compile(r"(?<![\w])(?:" + _alt(d.get("change_verbs") or ["rose"]) + r")(?![\w])", fl)
    _compile_compound_latin(lex, d)
    lex.data["_glued_only"] = frozenset(str(w).casefold() for w in d.get("glued_only_units") or [])
    cj = d.get("cents_joiners") or []
    lex.re["cents"] = rx.compile(r"[ \t\u00a0]+(?:" + _alt(cj) + r")[ \t\u00a0]+(?P<c>\d{1,2})(?![\d,.]\d)(?:[ \t\u00a0]+(?:céntimos|centavos|cents))?", fl) if cj else None


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    d = dict(load(lang, TOPIC))
    d.update(load(lang, NUMBERS_TOPIC))
    lex = Lexicon(lang=lang, data=d)
    if lang == "zh":
        _build_zh(lex, d)
    else:
        _build_latin(lex, d)
    return lex
