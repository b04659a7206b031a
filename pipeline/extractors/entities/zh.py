"""Chinese entity finder: jieba tokens + lexicon units + suffix/cue rules.

The lowest administrative units (乡 镇 村 社区 街道), XPCC divisions and regiments, and transcribed
names without an interpunct are found by characters in ``zh_units.py``.

``find_zh(text, base)`` returns :class:`Candidate` spans (absolute offsets = base + local) with
label and canonical already resolved (the composite's canonical is built from its parts).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import re

from ... import rx
from .candidate import CUE, LEXICON, RULE, Candidate
from .canonical import INTERPUNCTS, person_zh, place_stem_zh, proper_zh, translate_zh_parts
from .lexicon import SKIP, Entry, init_jieba, lexicon, rules, tag_table, word_tag
from . import zh_units

PROPER_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nz", "nt", "j", "unk", "eng"})
WEAK_TAGS = frozenset({"n", "a", "b", "ng", "an", "vn", "l", "s"})
NAME_TAGS = frozenset({"unk", "nr", "nrt", "nrfg"})
LOOSE_TAGS = frozenset({"ns", "nz", "n", "a", "ng", "j"})    # 王 + 大海: a given name that is also a word
PARK_HEADS = frozenset({"Industrial Park", "Park", "E-commerce Park"})
OPEN_QUOTES = {"”": "“", '"': '"', "」": "「", "』": "『", "’": "‘", "'": "'"}
HAN = rx.compile(r"^\p{Han}+$")
VILLAGE_UNITS = ("村", "乡", "镇")
ADMIN_ENDINGS = ("省", "市", "县", "区", "州", "地区", "乡", "镇", "村")
SUBUNIT = rx.compile(r"(\p{Han}{1,5}?)(乡|镇|村|街道|社区)")
SUBUNIT_STOP = set("的和在与等各全每该本这那个了是有为从到及或内外上下中")
CLAUSE_LEFT = frozenset("在 到 为 由 给 对 向 让 使 于 从 把 被 帮助 支持 推动 助力 促进 带动 围绕 依托 立足 通过".split())
NAME_END_STOP = set("正在说是和的了也将把被对向为与及等还又就曾已从")
SMALL_ADMIN = frozenset({"村", "乡", "镇", "县", "市", "州", "自治县", "自治州", "街道", "社区"})
GENERIC_LEAD = set("全各本该每此某哪其这那两多第")
EDITION = rx.compile(r"第[一二三四五六七八九十百\d]+届")
JI_EVENT = rx.compile(r"暨(\p{Han}{3,15}?)(?=[、,，。;；:：\s]|活动|在|于|将|已|正式|举行|举办|启动|开幕|召开|$)")
INTERPUNCT = re.compile(f"[{INTERPUNCTS}]")
CITY_DISTRICT = rx.compile(r"(\p{Han}{2,4}?)(区|乡|镇|村|街道|社区)")
QUOTED = re.compile(r"[“\"「]([^”\"」“「]{2,10})[”\"」]")
XPCC = rx.compile(r"(?<=兵团|和|、|及|与|或|^)第?([一二三四五六七八九十]{1,3})师(?![一范傅生资父兄姐妹徒长])")
# `re` where a pattern needs nothing from `regex` (literals, classes: faster to match);
# \p{Han}, variable lookbehind and \s (regex's differs from re's) stay in `regex`
PREFECTURAL = rx.compile(r"\bPrefecture Prefectural\b")
DOUBLE_UNIT = rx.compile(r"\b(Village|Town|Township) (?=\1\b)")
COUNTED_ROLE = rx.compile(r"[\d一二三四五六七八九十百千万两几数多余]\s*(?:名|位|个|批|户|多名|余名)$")
FUNCTION_CHARS = set("在的了和是与及对把被从向为将于也都就还又并而等着过有")


@dataclass(slots=True)
class Unit:
    s: int                  # local offsets in the sentence
    e: int
    text: str
    tag: str
    entry: Entry | None = None


@lru_cache(maxsize=1)
def _data():
    zh = rules("zh")
    suffixes = {k: tuple(v) for k, v in (zh.get("suffixes") or {}).items()}
    return {
        "suffixes": suffixes,
        "suffix_max": max((len(k) for k in suffixes), default=1),
        "split_org_heads": frozenset(zh.get("split_org_heads") or ()),
        "village_bodies": {k: str(v) for k, v in sorted((zh.get("village_bodies") or {}).items(),
                                                        key=lambda kv: -len(kv[0]))},
        "admin": dict(zh.get("admin_suffixes") or {}),
        "admin_longest": tuple(sorted(zh.get("admin_suffixes") or {}, key=len, reverse=True)),
        "event_heads": tuple(sorted((k for k, v in suffixes.items() if v[0] == "EVENT_NAME"), key=len, reverse=True)),
        "glossary": {k: ("" if v is None else str(v)) for k, v in (zh.get("glossary") or {}).items()},
        "titles": frozenset(zh.get("person_titles") or []),
        "after": frozenset(zh.get("person_after") or []),
        "surnames": frozenset(zh.get("surnames") or []),
        "translit": frozenset("".join(zh.get("translit_chars") or [])),
        "edition": frozenset(zh.get("edition_words") or []),
        "stop_left": frozenset(zh.get("stop_left") or []),
        "generic": frozenset(zh.get("generic") or []),
        "products": {k: str(v) for k, v in (zh.get("product_nouns") or {}).items()},
        "xpcc": {k: str(v) for k, v in (zh.get("xpcc_ordinals") or {}).items()},
        "verbs_strong": frozenset(zh.get("clause_verbs_strong") or []),
        "verbs_weak": frozenset(zh.get("clause_verbs_weak") or []),
        "level_words": frozenset(zh.get("level_words") or []),
        "gov_heads": tuple(zh.get("city_gov_heads") or ()),
        "stem_stop": frozenset(zh.get("place_stem_stop_chars") or ""),
        "name_end": tuple(sorted(zh.get("name_end_words") or [], key=len, reverse=True)),
        "product_suffixes": {k: str(v) for k, v in (zh.get("product_suffixes") or {}).items()},
        "outlet_tails": tuple(zh.get("outlet_tails") or ()),
        "not_product_before": tuple(zh.get("not_product_before") or ("\x00",)),
        "village_cues": tuple(sorted(zh.get("village_cues") or [], key=len, reverse=True)),
        "village_after_stop": frozenset(zh.get("village_after_stop") or ""),
        "village_stem_stop": tuple(zh.get("village_stem_stop") or ("\x00",)),
        "outlet_cues": tuple(zh.get("outlet_cues") or ()),
        "outlet_after": tuple(zh.get("outlet_after") or ("\x00",)),
        # what can end a suffix (后缀 → 缀, 后缀): a unit that is not one starts no suffix match
        "suffix_ends": frozenset(k[x:] for k in suffixes for x in range(len(k))),
        # what can follow the first 1-3 characters of a suffix (工业|城 → 业城, 城)
        "suffix_tails": frozenset(k[j:] for k in suffixes for j in (1, 2, 3) if len(k) > j),
        "titles_long": tuple(t for t in zh.get("person_titles") or [] if len(t) > 1),
        "glossary_products_long": tuple(x for x in (*(zh.get("glossary") or {}), *(zh.get("product_nouns") or {}))
                                        if len(x) >= 2),
        # glossary words that are themselves institutions (农业银行): they anchor a composite name
        "glossary_orgs": frozenset(g for g in (zh.get("glossary") or {})
                                   if any(g.endswith(k) and len(g) > len(k) and v[0] == "ORG"
                                          for k, v in suffixes.items() if len(k) >= 2)),
    }


@lru_cache(maxsize=16384)
def _stem_ok(stem: str) -> bool:
    """A stem before 村/乡/镇… that can be a place name: no verb or function word inside
    (推动快递进|村, 服务到|村 are clauses, not villages)."""
    d = _data()
    words = list(init_jieba().cut(stem, HMM=False))
    if len(words) < 2 and len(stem) >= 2:
        return True             # one word: 前进村, 团结村 are ordinary village names
    if set(stem) & (d["stem_stop"] | SUBUNIT_STOP):
        return False
    for w in words:
        if len(w) >= 2 and w not in lexicon().zh:
            tag = tag_table().get(w, "")
            if tag[:1] in ("v", "d", "p", "c", "u", "r", "m", "t") and tag not in ("vn",) or w in d["glossary"]:
                return False
    return True


def _plain_village(text: str, mt) -> bool:
    """A two-character common word right after a county is a village name too (疏附县前进村, 团结村),
    unless it is a clause verb (带动村) or 村 starts another word (村级, 村民)."""
    d = _data()
    stem = mt.group(1)
    return len(stem) == 2 and stem not in d["verbs_strong"] and stem not in d["verbs_weak"] \
        and stem not in CLAUSE_LEFT and text[mt.end():mt.end() + 1] not in "级民里内委干" \
        and word_tag(stem)[:1] not in ("d", "p", "c", "u", "r", "m", "t")


def _split_guesses(words):
    """Undo jieba's HMM guesses that glue a head or a function word to its neighbour (节在 → 节 在)."""
    d = _data()
    for w in words:
        if len(w) == 2 and word_tag(w) == "unk" and (w[1] in FUNCTION_CHARS or w[0] in d["suffixes"]
                                                     and w[1] in FUNCTION_CHARS | set("上下中开举")):
            yield w[0]
            yield w[1]
            continue
        # a head glued to the title after it: 协会|会长, 局|局长 (…电子商务协会会长刘振华)
        k = next((k for k in range(1, len(w) - 1) if w[:k] in d["suffixes"] and w[k:] in d["titles"]), 0) \
            if len(w) >= 3 and w not in lexicon().zh else 0
        if k:
            yield w[:k]
            yield w[k:]
        else:
            yield w


def _interpunct_span(text: str, a: int) -> tuple[int, int]:
    """The transcribed name around the interpunct at ``a`` (热依拉·阿不来提).

    Both sides run over Han characters; a character outside the transcription set is taken only
    when a transcription character follows it (阿不|来|提), and a side ends at punctuation, at a
    following/preceding word (说, 介绍, 今年, 在, 和 …, longest match) or a title (主播, 小伙)."""
    d = _data()
    tl, stops, titles = d["translit"], d["name_end"], d["titles_long"]
    n = len(text)
    e = a + 1
    while e < n and e - a - 1 < 10 and "\u4e00" <= text[e] <= "\u9fff":
        if e - a > 2 and (text.startswith(stops, e) or text[e] in NAME_END_STOP):
            break
        if text[e] not in tl and e - a > 2 and not (e + 1 < n and text[e + 1] in tl
                                                    and not text.startswith(stops, e + 1)):
            break
        e += 1
    s = a
    while s > 0 and a - s < 8 and "\u4e00" <= text[s - 1] <= "\u9fff":
        if a - s >= 1 and (text.endswith(stops, 0, s) or text.endswith(titles, 0, s)):
            break
        c = text[s - 1]
        if c not in tl and (a - s < 1 or c in NAME_END_STOP or s < 2 or text[s - 2] not in tl):
            break
        s -= 1
    return s, e


def _interpunct_left_edge(text: str, a: int, title_ends: set[int]) -> int | None:
    """The left edge of a transcribed name whose first part has characters outside the
    transcription set (村民若克艳·图迪, 他和若克艳·图迪): the nearest title end, clause start or
    function character 2-5 characters before the interpunct, with only Han characters between."""
    for t in range(a - 1, max(-1, a - 6), -1):
        if not _is_han(text[t]) or text[t] in NAME_END_STOP:
            return t + 1 if a - t - 1 >= 2 else None
        if a - t >= 2 and (t in title_ends or t == 0):
            return t
    return None


def _tokens(text: str) -> list[Unit]:
    tokenizer = init_jieba()
    cache = _WORD_UNITS
    out, pos = [], 0
    for chunk in _chunks(text):
        for w in tokenizer.lcut(chunk, HMM=True):
            parts = cache.get(w)
            if parts is None:
                parts = _word_units(w)
            for a, b, part, tag in parts:
                out.append(Unit(pos + a, pos + b, part, tag))
            pos += len(w)
    return _split_heads(_regroup_heads(out))


_WORD_UNITS: dict[str, tuple[tuple[int, int, str, str], ...]] = {}
_WORD_UNITS_LIMIT = 50_000       # ~0.3 kB each: bounded, so memory stays flat on a long run


def _word_units(word: str) -> tuple[tuple[int, int, str, str], ...]:
    """The units of one jieba word as (start, end, text, tag) inside the word: jieba's guesses
    undone (_split_guesses), a glossary word + suffix split (培训|基地).  They depend on the word
    alone, so they are kept per word (a sentence repeats the words of the others)."""
    d = _data()
    lex = lexicon().zh
    out, pos = [], 0
    for w in _split_guesses((word,)):
        s, e = pos, pos + len(w)
        pos = e
        # split "培训基地" into glossary word + suffix so the head is seen
        if w not in d["suffixes"] and w not in lex and w not in d["glossary"] and len(w) > 2:
            for k in range(min(len(w) - 1, d["suffix_max"]), 1, -1):
                head, rest = w[-k:], w[:-k]
                if head in d["suffixes"] and rest in d["glossary"]:
                    out.append((s, s + len(rest), rest, word_tag(rest)))
                    out.append((s + len(rest), e, head, "nlex"))
                    break
            else:
                out.append((s, e, w, word_tag(w)))
            continue
        out.append((s, e, w, word_tag(w)))
    if len(_WORD_UNITS) >= _WORD_UNITS_LIMIT:
        _WORD_UNITS.clear()
    parts = _WORD_UNITS[word] = tuple(out)
    return parts


def _regroup_heads(toks: list[Unit]) -> list[Unit]:
    """A head jieba split across two tokens (纺织工业|城, 刺绣工|坊): move the first token's tail
    onto the second so the head is one unit (纺织|工业城, 刺绣|工坊)."""
    d = _data()
    heads, tails = d["suffixes"], d["suffix_tails"]
    lex = lexicon().zh
    for i in range(len(toks) - 1):
        w, v = toks[i], toks[i + 1]
        if v.text not in tails or w.entry is not None or w.text in lex or v.text in heads or len(w.text) < 2:
            continue
        for j in (1, 2, 3):
            if len(w.text) > j and w.text[-j:] + v.text in heads and _is_han(w.text):
                rest = w.text[:-j]
                toks[i] = Unit(w.s, w.e - j, rest, word_tag(rest))
                toks[i + 1] = Unit(w.e - j, v.e, w.text[-j:] + v.text, "nlex")
                break
    return toks


_CHUNK = 1000      # issue 8: jieba's HMM copies its path per character (quadratic on 100,000 亿)


def _chunks(text: str):
    """``text`` in pieces of at most _CHUNK characters, cut after punctuation or a space if possible."""
    while len(text) > _CHUNK:
        window = text[:_CHUNK]
        cut = max(window.rfind(c) for c in "。，、；：！？,;: \n") + 1 or _CHUNK
        yield text[:cut]
        text = text[cut:]
    yield text


def _split_heads(toks: list[Unit]) -> list[Unit]:
    """Expose an institution head jieba hides inside one organization word (华南理工大学, tag nt):
    its proper part + the head (华南理工|大学), so the suffix rule names it."""
    d = _data()
    heads = d["split_org_heads"]
    out: list[Unit] = []
    for t in toks:
        w = t.text
        if t.tag == "nt" and w not in lexicon().zh and _is_han(w):
            for k in range(min(len(w) - 2, d["suffix_max"]), 1, -1):
                if w[-k:] in heads:
                    rest = w[:-k]
                    a = t.s
                    for part in init_jieba().cut(rest, HMM=False):
                        out.append(Unit(a, a + len(part), part, "nt" if len(part) >= 2 else word_tag(part)))
                        a += len(part)
                    out.append(Unit(t.e - k, t.e, w[-k:], "nlex"))
                    break
            else:
                out.append(t)
            continue
        out.append(t)
    return out


@lru_cache(maxsize=1)
def _lex_prefixes() -> frozenset[str]:
    """Every prefix of a Chinese lexicon surface: a token run that is not one cannot grow into a name."""
    return frozenset(k[:x] for k in lexicon().zh for x in range(1, len(k) + 1))


def _units(toks: list[Unit]) -> list[Unit]:
    """Merge token runs that spell a lexicon surface (leftmost-longest, up to 6 tokens)."""
    lex = lexicon().zh
    prefixes = _lex_prefixes()
    out, i, n = [], 0, len(toks)
    while i < n:
        acc, best = "", None
        for j in range(i, min(n, i + 6)):
            acc += toks[j].text
            if acc not in prefixes:
                break
            if acc in lex:
                best = (j + 1, acc)
        if best is not None:
            j, surface = best
            out.append(Unit(toks[i].s, toks[j - 1].e, surface, "lex", lex[surface]))
            i = j
        else:
            out.append(toks[i])
            i += 1
    return out


def _is_han(s: str) -> bool:
    """All Han characters (\\p{Han}); kept per string: it is asked of every unit, often the same."""
    known = _IS_HAN.get(s)
    if known is None:
        if len(_IS_HAN) >= 50_000:
            _IS_HAN.clear()
        known = _IS_HAN[s] = bool(HAN.match(s))
    return known


_IS_HAN: dict[str, bool] = {}


def _part_of(u: Unit) -> tuple[str, str, bool] | None:
    """(kind, value, is_anchor) of a unit inside a composite name, or None if it ends the name."""
    d = _data()
    if u.entry is not None:
        if u.entry.label == SKIP:
            return None
        value = u.entry.modifier or u.entry.canonical
        if u.entry.label == "PLACE" and value.endswith(" Mountains"):
            value = value[:-len(" Mountains")]      # 天山 inside a name: 电商扶贫天山行 → … Tianshan Tour
        elif u.entry.label == "PRODUCT":
            value = " ".join(w[:1].upper() + w[1:] for w in value.split())  # … Turpan Raisin Culture Week
        return "en", value, True
    if u.text in d["glossary"]:
        # a glossary word that is itself an institution (农业银行) anchors the name: 农业银行喀什支行
        return "en", d["glossary"][u.text], u.text in d["glossary_orgs"]
    if u.text in d["suffixes"]:
        return "en", d["suffixes"][u.text][1], False
    if u.text in d["products"]:
        return "en", d["products"][u.text].title(), False
    if u.text in d["stop_left"] or u.text in d["titles"] or not _is_han(u.text):
        return None
    if u.tag in PROPER_TAGS:
        if u.tag == "unk" and set(u.text) & FUNCTION_CHARS:
            return None         # a jieba guess glued to a function word (县有): not a name
        for suf in ("村", "乡", "镇"):
            if len(u.text) >= 3 and u.text.endswith(suf):       # 加依村 inside 加依村村委会
                return "en", f"{place_stem_zh(u.text[:-1])} {d['admin'][suf]}", True
        return "proper", u.text, True
    if u.tag in WEAK_TAGS:
        return "proper", u.text, False
    return None


def _bracket(units: list[Unit], k: int, text: str) -> tuple[int, list[tuple[str, str, bool]]] | None:
    """Units k is a closing quote/bracket: index of its opening unit and the inside's parts."""
    close = units[k].text
    opening = {")": "(", "）": "（"}.get(close) or OPEN_QUOTES.get(close)
    if opening is None:
        return None
    parts: list[tuple[str, str, bool]] = []
    j = k - 1
    while j >= 0 and k - j <= 8:
        u = units[j]
        if u.text == opening:
            if not parts:
                return None
            is_paren = opening in "(（"
            inner = [("en", "(", False)] if is_paren else []
            inner += list(reversed(parts))
            inner += [("en", ")", False)] if is_paren else []
            anchor = any(a for _, _, a in parts) or not is_paren
            return j, [(kd, v, anchor if i == 0 else a) for i, (kd, v, a) in enumerate(inner)]
        if u.text in "-—–·":
            parts.append(("en", "-", False))
            j -= 1
            continue
        p = _part_of(u)
        if p is None:
            if _is_han(u.text) and len(u.text) <= 4:
                p = ("proper", u.text, False)
            else:
                return None
        parts.append(p)
        j -= 1
    return None


def _composite(units: list[Unit], m: int, k: int, text: str,
               head: tuple[str, str] | None = None) -> Candidate | None:
    """A name ending with the suffix spanning units[m..k]; extend left over name-internal units.
    ``head`` (label, English) for a listed name used as the head (新疆特色农产品|网络年货节)."""
    d = _data()
    suffix = "".join(u.text for u in units[m:k + 1])
    label, english = head or d["suffixes"][suffix]
    # each part: (kind, value, is_anchor, index of its first unit)
    parts: list[tuple[str, str, bool, int]] = [("en", english, False, m)]
    j = m - 1
    while j >= 0 and m - j <= 14:
        u = units[j]
        br = _bracket(units, j, text)
        if br is not None:
            jo, inner = br
            parts[0:0] = [(kd, v, a, jo) for kd, v, a in inner]
            j = jo - 1
            continue
        if u.text in d["level_words"]:
            break           # 省直医院, 县级服务中心: a level, not a name
        if u.text in d["edition"] or EDITION.fullmatch(u.text):
            # an edition word inside the name (阿克苏地区首届电商主播大赛) stays when a place precedes it
            if j > 0 and units[j - 1].entry is not None and units[j - 1].entry.label == "PLACE" \
                    and label == "EVENT_NAME" and u.text != "年":
                parts.insert(0, ("en", "", False, j))
                j -= 1
                continue
            break
        if u.text == "和" and j > 0 and units[j - 1].text in d["glossary"] and parts[0][0] == "en" \
                and not parts[0][2]:
            # 电子商务和信息化司, 文化和旅游局: "and" between two name words
            parts.insert(0, ("en", "and", False, j))
            j -= 1
            continue
        p = _part_of(u)
        if p is None:
            break
        if label == "EVENT_NAME" and u.text in d["products"] and not p[2]:
            p = (p[0], p[1], True)      # 葡萄干文化周, 苹果采摘节: the produce names the event
        if p[2] and u.entry is not None and u.entry.label == "PLACE" and u.text.endswith("市") \
                and label == "ORG" and suffix.endswith(d["gov_heads"]) and not p[1].endswith("City"):
            p = (p[0], f"{p[1]} City", True)     # 哈密市商务局 → Hami City Commerce Bureau
        parts.insert(0, (*p, j))
        j -= 1
    # an inner head (遥望商学院…基地): the word before it names it, whatever its tag
    if j >= 0 and parts[0][3] < m and units[parts[0][3]].text in d["suffixes"]:
        u = units[j]
        if u.entry is None and _is_han(u.text) and 2 <= len(u.text) <= 3 and u.text not in d["stop_left"] \
                and u.text not in d["titles"]:
            parts.insert(0, ("proper", u.text, True, j))
    # a place followed by a verb is a clause, not a name: 浙江援建|阿克苏电商产业园, 在阿克苏建设|电商基地
    x = 0
    while x < len(parts) - 1:
        p0, p1 = parts[x], parts[x + 1]
        u0, u1 = units[p0[3]], units[p1[3]]
        if u0.entry is not None and u0.entry.label == "PLACE" and u1.entry is None and len(u1.text) >= 2:
            tag1 = word_tag(u1.text)
            before = units[p0[3] - 1].text if p0[3] > 0 else ""
            company = suffix.endswith(("公司", "集团"))
            if u1.text in d["verbs_strong"] or u1.text in d["verbs_weak"] and not company \
                    or before in CLAUSE_LEFT and tag1 in ("v", "vn"):
                parts = parts[x + 2:]
                x = 0
                continue
        x += 1
    # drop what precedes the first anchor (企业新疆汇宗… → 新疆汇宗…)
    while len(parts) > 1 and not parts[0][2]:
        parts.pop(0)
    if len(parts) < 2:
        return None
    s, e = units[parts[0][3]].s, units[k].e
    surface = text[s:e]
    if surface in d["generic"]:
        return None
    if suffix in ("新区", "新园区") and len(parts) > 2 and parts[-2][1] in PARK_HEADS:
        # 阿克苏市电商产业园新区: the park's new section → "Aksu City New E-commerce Industrial Park"
        parts = parts[:-1]
        at = next((x for x, p in enumerate(parts) if not (p[0] == "en" and p[2])), len(parts) - 1)
        parts.insert(at, ("en", "New", False, parts[at][3]))
    canonical = translate_zh_parts([(kd, v) for kd, v, _, _ in parts])
    canonical = PREFECTURAL.sub("Prefectural", canonical)
    canonical = DOUBLE_UNIT.sub("", canonical)   # 东湾村|村委会: one "Village"
    return Candidate(s, e, label, canonical, "suffix", RULE, text=surface)


def _suffix_at(units: list[Unit], k: int) -> int | None:
    """Index m such that units[m..k] spell a suffix (longest), or None."""
    d = _data()
    if units[k].text not in d["suffix_ends"]:
        return None         # no suffix ends with this unit
    best = None
    acc = ""
    for m in range(k, max(-1, k - 4), -1):
        u = units[m]
        if u.entry is not None:
            break
        acc = u.text + acc
        if acc in d["suffixes"]:
            best = m
    return best


def _person_token(units: list[Unit], i: int) -> tuple[int, int] | None:
    """units[i] (maybe with units[i+1]) as a Chinese personal name: (first, last) unit indices."""
    d = _data()
    if i >= len(units):
        return None
    u = units[i]
    if u.entry is not None or not _is_han(u.text):
        return None
    sur = u.text[:2] if u.text[:2] in d["surnames"] else u.text[:1]
    if sur not in d["surnames"]:
        return None
    nxt = units[i + 1].text if i + 1 < len(units) else ""
    closed = not nxt or not _is_han(nxt) or nxt in d["after"]
    if 2 <= len(u.text) <= 4 and (u.tag in NAME_TAGS or len(u.text) == len(sur) + 1 and u.tag != "nlex" and closed):
        return i, i
    if u.text == sur and sur not in d["stop_left"] and i + 1 < len(units):
        v = units[i + 1]
        after = units[i + 2] if i + 2 < len(units) else None
        ends = after is None or not _is_han(after.text) or after.text in d["after"] or after.tag in ("v", "p", "uj")
        if v.entry is None and _is_han(v.text) and (len(v.text) == 1 or len(v.text) == 2
                                                    and (v.tag in NAME_TAGS or ends and v.tag in LOOSE_TAGS)) \
                and v.text not in d["titles"] and v.text not in d["stop_left"] and v.text not in d["after"]:
            return i, i + 1
    return None


@lru_cache(maxsize=1)
def _title_re():
    titles = [t for t in _data()["titles"] if len(t) >= 2]
    return re.compile("(?:" + "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True)) + r")[ :：/]{0,2}")


def _boundary(text: str, pos: int) -> bool:
    d = _data()
    if pos >= len(text) or not "\u4e00" <= text[pos] <= "\u9fff":
        return True
    return text.startswith(d["name_end"], pos) or any(text.startswith(a, pos) for a in d["after"])


def _name_like(tag: str | None) -> bool:
    """A jieba dictionary tag that a personal name may carry (None: not a dictionary word)."""
    return tag is None or tag[:2] in ("nr", "ns", "nz", "nt") or tag in ("j", "nrfg", "nrt")


WEAK_BOUNDARY_TAGS = frozenset({"v", "p", "d", "m", "ul", "uj", "c", "f"})


def _name_after(text: str, pos: int) -> tuple[int, int] | None:
    """Surname + 1–2 given characters at ``pos`` that end at a boundary (punctuation, 说, 介绍, 在 …);
    failing that, surname + 2 before a verb-like character (农户赵桂兰|种了)."""
    d = _data()
    tags = tag_table()
    for sl in (2, 1):
        sur = text[pos:pos + sl]
        if len(sur) != sl or sur not in d["surnames"] or sur in d["stop_left"] or sur in FUNCTION_CHARS:
            continue
        ok = []
        for gl in (2, 1):
            g = text[pos + sl:pos + sl + gl]
            if len(g) != gl or not all("\u4e00" <= c <= "\u9fff" for c in g) \
                    or set(g) & (FUNCTION_CHARS | NAME_END_STOP) or g in d["titles"] or g in d["glossary"] \
                    or g in d["stop_left"] or text[pos:pos + sl + gl] in lexicon().zh \
                    or not _name_like(tags.get(text[pos:pos + sl + gl])) \
                    or gl == 2 and sl == 1 and not _name_like(tags.get(text[pos:pos + 2])):
                continue        # 学生|宿舍, 记者|高兴地: a dictionary word is not a name
            ok.append(gl)
            if _boundary(text, pos + sl + gl):
                return pos, pos + sl + gl
        end = pos + sl + 2
        if 2 in ok and end < len(text) and tags.get(text[end], "")[:2] in WEAK_BOUNDARY_TAGS | {"ul", "uj"} \
                and not text.startswith(tuple(d["titles"]), pos + sl) \
                and text[end - 1:end + 1] not in tags:    # 主播单场直|播: the name would cut the word 直播
            return pos, end
        return None
    return None


@lru_cache(maxsize=1)
def _platform_re():
    names = [k for k, v in lexicon().zh.items() if v.label == "PLATFORM" and len(k) >= 2]
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def _phrase_canonical(phrase: str) -> str:
    """English for a free phrase: lexicon names, glossary words, pinyin for the rest."""
    parts = []
    for u in _units(_tokens(phrase)):
        p = _part_of(u)
        parts.append((p[0], p[1]) if p else ("proper", u.text))
    return translate_zh_parts(parts)


def find_zh(text: str, base: int = 0) -> list[Candidate]:
    """Candidates of one sentence (absolute offsets = base + local); cached per distinct text
    (repeated sentences, parallel pairs, boilerplate) — the cache keeps immutable tuples."""
    return [Candidate(base + s, base + e, *rest) for s, e, *rest in _find_zh_cached(text)]


@lru_cache(maxsize=8192)
def _find_zh_cached(text: str) -> tuple[tuple, ...]:
    return tuple((c.start, c.end, c.label, c.canonical, c.source, c.priority, c.anaphor, c.text, c.level, c.base)
                 for c in _find_zh(text, 0))


LONE_UNIT = rx.compile(r"(\p{Han}{2,4}?)(镇|乡|村)")
CLAUSE_START = set("，,。；;：:！!？?、“”\"'‘’（）()《》[]【】 \t\n")
OUTLET = rx.compile(r"(\p{Han}{2,5}?)(日报|晚报|早报|晨报|时报|商报|周报|报)")
OUTLET_STOP = set("的了是在和与及或把被从到为将这那些个据称")
OUTLET_TAILS = {"日报": "Daily", "晚报": "Evening News", "早报": "Morning Post", "晨报": "Morning News", "时报": "Times",
                "商报": "Business Daily", "周报": "Weekly", "报": "Newspaper"}


def _unit_at(text: str, a: int, relaxed: bool = False) -> tuple[int, int, str, str] | None:
    """(start, end, stem, unit) of a 镇/乡/村 name starting exactly at ``a``, or None.

    The stem is the shortest run of 2-4 characters before the unit; it must be a name (no verb,
    function word or generic stem: 贫困村, 美丽乡村, 推动快递进村 are not places) and the unit must not
    begin another word (村民, 乡镇, 村级) nor end one (农村).  ``relaxed`` (a unit chained or
    coordinated after another unit: 红星村和团结村) also takes a two-character common word as stem."""
    d = _data()
    mt = LONE_UNIT.match(text, a)
    if mt is None:
        return None
    stem, unit = mt.group(1), mt.group(2)
    nxt = text[mt.end():mt.end() + 1]
    whole = word_tag(stem + unit)
    if nxt in d["village_after_stop"] or set(stem) & (SUBUNIT_STOP | d["stem_stop"] | set("镇乡村")) \
            or stem[0] in GENERIC_LEAD or any(w in stem for w in d["village_stem_stop"]) \
            or stem in d["glossary"] or stem in d["verbs_strong"] or stem in d["verbs_weak"] \
            or whole[:1] in ("n", "v", "a", "d", "l", "i") and whole != "ns" and not relaxed \
            or not _stem_ok(stem) \
            or not _stem_words_ok(stem) and not (relaxed and len(stem) == 2 and stem not in CLAUSE_LEFT
                                                 and word_tag(stem)[:1] in ("v", "a", "n")) \
            or list(init_jieba().cut(stem + unit, HMM=False))[-1] not in (unit, stem + unit if relaxed else unit):
        return None         # 重塑农|村: the unit is the tail of a word (农村), not a name's head
    if stem.startswith(d["glossary_products_long"]) or stem.endswith(d["glossary_products_long"]):
        return None
    return mt.start(), mt.end(), stem, unit


VILLAGE_COORD = ("以及", "和", "与", "及", "、", "或")


@lru_cache(maxsize=16384)
def _stem_words_ok(stem: str) -> bool:
    """No word of the stem, one character or more, is a verb, adverb, pronoun or function word
    (干部们走|村 is a clause)."""
    tags = tag_table()
    if set(stem) <= _data()["translit"]:
        return True             # a transcribed name (盖孜库木): its characters are sounds, not words
    for w in init_jieba().cut(stem, HMM=False):
        if w in lexicon().zh:
            continue
        tag = tags.get(w, "")
        if tag[:1] in ("v", "d", "p", "c", "u", "r", "m", "q", "k", "y", "e") or w == "们":
            return False
    return True


def _outlet_canonical(stem: str, tail: str) -> str:
    """English name of a newspaper: listed name, else [place] + pinyin + tail (香港大公报 →
    "Hong Kong Dagong Newspaper", 新疆法制报 → "Xinjiang Fazhi Newspaper")."""
    lex = lexicon().zh
    whole = lex.get(stem + tail) or lex.get(stem)
    if whole is not None and whole.label in ("ORG", "PLATFORM"):
        return whole.canonical
    for k in range(len(stem) - 2, 1, -1):
        entry = lex.get(stem[:k])
        if entry is not None and entry.label == "PLACE":
            return f"{entry.canonical} {proper_zh(stem[k:])} {OUTLET_TAILS[tail]}"
    return f"{proper_zh(stem)} {OUTLET_TAILS[tail]}"


def _lone_outlets(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, stem, tail) of a newspaper name kept whole by jieba (大公报): after a cue word
    (据, 来源, 《) and before a reporting word (报道, 讯, 》)."""
    d = _data()
    out = []
    for cue in d["outlet_cues"]:
        a = text.find(cue)
        while a != -1:
            mt = OUTLET.match(text, a + len(cue))
            if mt is not None and text.startswith(d["outlet_after"], mt.end()) \
                    and not set(mt.group(1)) & OUTLET_STOP \
                    and word_tag(mt.group(1) + mt.group(2)) not in ("v", "vn") \
                    and mt.group(1) + mt.group(2) not in ("公报", "简报", "情报", "海报", "画报", "年报", "通报", "快报", "喜报"):
                out.append((mt.start(), mt.end(), mt.group(1), mt.group(2)))
            a = text.find(cue, a + 1)
    return out


def _find_zh(text: str, base: int = 0) -> list[Candidate]:
    d = _data()
    units = _units(_tokens(text))
    out: list[Candidate] = []

    def add(s: int, e: int, label: str, canonical: str, source: str, prio: int, entry: Entry | None = None) -> None:
        out.append(Candidate(base + s, base + e, label, canonical, source, prio, text=text[s:e],
                             level=entry.level if entry else "", base=entry.base if entry else ""))

    n = len(units)
    for i, u in enumerate(units):
        # lexicon surfaces (and SKIP blockers)
        if u.entry is not None:
            add(u.s, u.e, u.entry.label, u.entry.canonical, "lexicon", LEXICON, u.entry)
            if u.entry.label == "EVENT_NAME" and i > 0:
                # 新疆特色农产品网络年货节: a listed event name as the head of a longer one
                c = _composite(units, i, i, text, ("EVENT_NAME", u.entry.canonical))
                if c is not None:
                    c.start += base
                    c.end += base
                    out.append(c)
            if u.entry.label == "PRODUCT":
                for tail, fmt in d["product_suffixes"].items():
                    if text.startswith(tail, u.e):      # 哈密瓜干 → dried Hami melon
                        add(u.s, u.e + len(tail), "PRODUCT", fmt.format(u.entry.canonical), "product", RULE)
                        break
            if u.entry.label == "ORG" and u.text.endswith(("报", "日报")):
                for tail in d["outlet_tails"]:
                    if text.startswith(tail, u.e):      # 新疆日报网, 新疆日报客户端 → the outlet
                        add(u.s, u.e + len(tail), "ORG", u.entry.canonical, "outlet", RULE)
                        break
            # place + produce noun → PRODUCT (阿克苏苹果)
            # (a one-character-stem county is only ever written with its 县: 礼县苹果; a prefecture
            # short form keeps its 州: 巴州香梨)
            if u.entry.label == "PLACE" and i + 1 < n \
                    and (not u.text.endswith(ADMIN_ENDINGS) or len(u.text) == 2 and u.text.endswith(("县", "州"))) \
                    and (units[i + 1].text in d["products"]
                         or units[i + 1].entry is not None and units[i + 1].entry.label == "PRODUCT") \
                    and not text.startswith(d["not_product_before"], units[i + 1].e):
                v = units[i + 1]
                noun = v.entry.canonical if v.entry is not None else d["products"][v.text]
                stem = u.entry.canonical if u.text.endswith("县") else (u.entry.base or u.entry.canonical)
                add(u.s, v.e, "PRODUCT", f"{stem} {noun}", "product", RULE)
            continue
        # composite names ending in an org / facility / event head
        m = _suffix_at(units, i)
        if m is not None:
            c = _composite(units, m, i, text)
            if c is not None:
                c.start += base
                c.end += base
                out.append(c)
        # unknown admin units: 加依村, 某某县
        if u.tag in PROPER_TAGS and _is_han(u.text) and len(u.text) >= 3 and u.text[0] not in GENERIC_LEAD:
            for suf in d["admin_longest"]:
                if u.text.endswith(suf) and len(u.text) - len(suf) >= 2 and suf in SMALL_ADMIN \
                        and word_tag(u.text[:-len(suf)]) in PROPER_TAGS and _stem_ok(u.text[:-len(suf)]):
                    add(u.s, u.e, "PLACE", f"{place_stem_zh(u.text[:-len(suf)])} {d['admin'][suf]}", "admin", RULE)
                    break
        if u.text in d["admin"] and i > 0:
            p = units[i - 1]
            if p.entry is None and p.tag in PROPER_TAGS and _is_han(p.text) and 2 <= len(p.text) <= 4 \
                    and u.text in SMALL_ADMIN \
                    and p.text[0] not in GENERIC_LEAD and p.text not in d["glossary"] and _stem_ok(p.text):
                add(p.s, u.e, "PLACE", f"{place_stem_zh(p.text)} {d['admin'][u.text]}", "admin", RULE)
        # persons after a title or before a speech verb
        counted = u.text in d["titles"] and COUNTED_ROLE.search(text, max(0, u.s - 8), u.s)
        if (u.text in d["titles"] and not counted) or u.text == "的" and i > 0 and units[i - 1].text.endswith("岁"):
            # 会长郝占军, 本报记者 陆斯超, 今年45岁的王大海
            j = i + 1
            while j < n and units[j].text.strip() in ("", ":", "：", "/"):
                j += 1
            span = _person_token(units, j)
            while span is not None:
                s, e = units[span[0]].s, units[span[1]].e
                add(s, e, "PERSON", person_zh(text[s:e]), "title", CUE)
                # several reporters after one title: 本报记者 张三 李四、王五
                j = span[1] + 1
                if j < n and units[j].text.strip() in ("", "、", ",", "，", "/") and j + 1 < n:
                    span = _person_token(units, j + 1)
                    if span is not None and span[1] + 1 < n and _is_han(units[span[1] + 1].text) \
                            and units[span[1] + 1].text not in d["after"]:
                        span = None
                else:
                    span = None
        if i > 0 and u.text in d["after"]:
            p = units[i - 1]
            sur = p.text[:2] if p.text[:2] in d["surnames"] else p.text[:1]
            if p.entry is None and _is_han(p.text) and 2 <= len(p.text) <= 3 and p.tag in NAME_TAGS \
                    and sur in d["surnames"] and len(p.text) > len(sur):
                add(p.s, p.e, "PERSON", person_zh(p.text), "after", CUE)
            elif i > 1 and units[i - 2].entry is None and units[i - 2].text in d["surnames"] \
                    and units[i - 2].text not in d["stop_left"] and p.entry is None and _is_han(p.text) \
                    and (len(p.text) == 1 or len(p.text) == 2 and p.tag in NAME_TAGS) \
                    and (i < 3 or not _is_han(units[i - 3].text) or units[i - 3].text in d["titles"]
                         or units[i - 3].tag in ("p", "c", "uj", "v")):
                q = units[i - 2]
                add(q.s, p.e, "PERSON", person_zh(text[q.s:p.e]), "after", CUE)
    # a role word before a name, read by characters (jieba may split 采购商陈家|明说, 店|主张|小|明说)
    titles_found = list(_title_re().finditer(text))
    for mt in titles_found:
        if COUNTED_ROLE.search(text, max(0, mt.start() - 8), mt.start()):
            continue            # 32名主播单场直播: a counted plural noun, not a title before a name
        span = _name_after(text, mt.end())
        if span is not None:
            add(span[0], span[1], "PERSON", person_zh(text[span[0]:span[1]]), "title", CUE)
    # smaller units right after a listed place: 墨玉县托胡拉乡, 新和县加依村, 温宿县佳木镇科克库勒村
    bounds = {u.s for u in units} | {len(text)}
    for u in units:
        if u.entry is not None and u.entry.label == "PLACE" and u.text.endswith(ADMIN_ENDINGS):
            pos = u.e
            first = True
            while True:
                # a district right after a city: 吐鲁番市高昌区, 库尔勒市某某区
                mt = (CITY_DISTRICT if first and u.text.endswith("市") else SUBUNIT).match(text, pos)
                first = False
                if not (mt and mt.end() in bounds and not (set(mt.group(1)) & SUBUNIT_STOP)
                        and (word_tag(mt.group(1)) in PROPER_TAGS | {"nlex"} or _plain_village(text, mt))
                        and mt.group(1) not in d["glossary"] and _stem_ok(mt.group(1))):
                    # a stem jieba calls a common noun (板房沟|镇) passes the stricter lone-unit test
                    alt = _unit_at(text, pos) if mt and mt.group(2) in ("乡", "镇", "村") else None
                    if alt is None or alt[1] != mt.end():
                        break
                add(mt.start(), mt.end(), "PLACE", f"{place_stem_zh(mt.group(1))} {d['admin'][mt.group(2)]}",
                    "subunit", RULE)
                pos = mt.end()
            # a unit coordinated with the chain's last one: 沙雅县红旗镇和盖孜库木乡
            while pos > u.e:
                coord = next((c for c in VILLAGE_COORD if text.startswith(c, pos)), None)
                hit = _unit_at(text, pos + len(coord), relaxed=True) if coord else None
                if hit is None:
                    break
                add(hit[0], hit[1], "PLACE", f"{place_stem_zh(hit[2])} {d['admin'][hit[3]]}", "subunit", RULE)
                pos = hit[1]
    # towns and villages by the head-noun grammar (zh_units.py; one scan over the heads, where the
    # old rule tried every cue word at every character): 在水西沟镇, 达玛沟乡托帕艾日克村
    known = {c.end - base for c in out if c.label == "PLACE"}
    known |= {u.e for u in units if u.entry is not None and u.entry.label == "PLACE"}
    for s0, e0, canonical in zh_units.units(text, known, {u.e: u.tag for u in units}):
        add(s0, e0, "PLACE", canonical, "unit", CUE)
    for s0, e0, label, canonical in zh_units.xpcc(text):
        add(s0, e0, label, canonical, "xpcc", RULE)
    persons = [(c.start - base, c.end - base) for c in out if c.label == "PERSON"]
    for s0, e0 in zh_units.translit_names(text, persons):
        add(s0, e0, "PERSON", person_zh(text[s0:e0]), "translit", CUE)
    # a village's or town's own body: 东湾村|村委会, 平西梁村|党支部(书记) → ORG "<place> <English head>"
    for c in list(out):
        if c.label == "PLACE" and c.text[-1:] in VILLAGE_UNITS:
            a = c.end - base
            head = next((h for h in d["village_bodies"] if text.startswith(h, a)), None)
            if head is not None and not any(text.startswith(t, a + len(head)) for t in d["titles"] if len(t) >= 2):
                # 东湾村党支部书记王建军: a person's title, the village stays a place
                english = d["suffixes"].get(head, ("ORG", d["village_bodies"][head]))[1]
                name = DOUBLE_UNIT.sub("", f"{c.canonical} {english}")
                add(c.start - base, a + len(head), "ORG", name, "village-body", RULE)
    # newspapers jieba keeps in one word: 据大公报报道, 《羊城晚报》
    for s0, e0, stem, tail in _lone_outlets(text):
        add(s0, e0, "ORG", _outlet_canonical(stem, tail), "outlet", CUE)
    # platform names are distinctive enough to match inside a token (快手上 → 快手)
    for mt in _platform_re().finditer(text):
        entry = lexicon().zh[mt.group()]
        add(mt.start(), mt.end(), entry.label, entry.canonical, "platform", RULE)
    # "X大会暨Y": the phrase joined to an event name by 暨 is an event name too (…洽谈会暨电商扶贫天山行)
    for c in list(out):
        if c.label == "EVENT_NAME":
            a = c.end - base
            mt = JI_EVENT.match(text[a:])
            if mt:
                add(a + 1, a + mt.end(1), "EVENT_NAME", _phrase_canonical(text[a + 1:a + mt.end(1)]), "ji", RULE)
    # transcribed names with an interpunct: 迪丽妮格·依明
    title_ends = {mt.end() for mt in titles_found}
    for mt in INTERPUNCT.finditer(text):
        a = mt.start()
        s, e = _interpunct_span(text, a)
        if a - s < 2:
            edge = _interpunct_left_edge(text, a, title_ends)
            tl = d["translit"]
            if edge is not None and set(text[edge:a]) & tl and all(c in tl for c in text[a + 1:e]) \
                    and text[edge:a] not in lexicon().zh and word_tag(text[edge:a])[:1] not in ("n", "v", "a", "d"):
                s = edge
        left, right = text[s:a], text[a + 1:e]
        if len(left) >= 2 and len(right) >= 2:
            add(s, e, "PERSON", person_zh(text[s:e]), "interpunct", RULE)
    # a short quoted phrase that is not itself a name is a brand or slogan: nothing inside is
    # an entity on its own (“精致柯坪” is not the place 柯坪)
    spans = {(c.start - base, c.end - base) for c in out}
    for mt in QUOTED.finditer(text):
        if (mt.start(1), mt.end(1)) in spans:
            continue
        head = next((h for h in d["event_heads"] if mt.group(1).endswith(h)), None)
        if head is not None and len(mt.group(1)) > len(head) + 1 and _is_han(mt.group(1)):
            # a quoted name with an event head is the event's name (“金山银水好物节”)
            name = mt.group(1)
            canonical = translate_zh_parts([("proper", name[:-len(head)]), ("en", d["suffixes"][head][1])])
            add(mt.start(1), mt.end(1), "EVENT_NAME", canonical, "quoted-event", CUE)
        else:
            add(mt.start(1), mt.end(1), SKIP, "", "quoted", CUE)
    # XPCC divisions: 一师, 第十四师
    for mt in XPCC.finditer(text):
        ordinal = d["xpcc"].get(mt.group(1))
        if ordinal:
            add(mt.start(), mt.end(), "ORG",
                f"{ordinal} Division of the Xinjiang Production and Construction Corps", "xpcc", RULE)
    return out
