"""Chinese head-noun grammar for the lowest administrative units, by characters (issue 12).

jieba glues a unit head to its neighbours (达玛沟|乡托帕|艾日克村, 昭苏|镇吐|格勒), so the heads
(乡 镇 村 社区 街道, and XPCC divisions and regiments) are found in the characters, and the stem
before a head is bounded on the left by what the sentence allows:

* the end of a listed place or of a unit found just before (策勒县|达玛沟乡|托帕艾日克村);
* a cue word (在, 来到, 的, 和, 、 …: ``zh/entities.yaml`` ``unit_left_cues``) or punctuation;
* a jieba token boundary after a function word, pronoun, verb or numeral.

Among the allowed left edges the longest stem that is a possible name wins (no verb, function
word, generic stem or level word inside; ``_stem_ok`` in zh.py).  An ethnic township keeps its
ethnic group in the canonical (禾木哈纳斯蒙古族乡 → "Hemukanasi Mongol Ethnic Township").

``units(text, known_ends, token_ends)`` → [(start, end, canonical)]; ``xpcc(text)`` → [(start,
end, label, canonical)].  All regexes are compiled once.
"""
from __future__ import annotations

from functools import lru_cache

import re

from ... import rx
from .canonical import place_stem_zh
from .lexicon import init_jieba, lexicon, rules, tag_table, word_tag

HAN = rx.compile(r"\p{Han}+")
HEADS = re.compile(r"社区|街道|[乡镇村]")      # `re` where `regex` adds nothing (faster to match)
PUNCT = set("，,。；;：:！!？?、“”\"'‘’（）()《》[]【】〈〉 \t\n·")
STOP_CHARS = set("的和在与等各全每该本这那个了是有为从到及或内外上下中县市区州省乡镇村里")
BOUNDARY_TAGS = ("p", "c", "u", "r", "v", "d", "m", "q", "f")
MAX_STEM = 8
COORD = frozenset(("和", "与", "及", "、", "以及", "或"))


@lru_cache(maxsize=1)
def _data() -> dict:
    zh = rules("zh")
    cues = sorted(set(zh.get("unit_left_cues") or []) | set(zh.get("village_cues") or []), key=len, reverse=True)
    ethnic = {str(k): str(v) for k, v in (zh.get("ethnic_groups") or {}).items()}
    return {
        "cue_re": re.compile("(?:" + "|".join(re.escape(c) for c in cues) + ")$") if cues else None,
        "after_stop": frozenset(zh.get("village_after_stop") or ""),
        "stem_stop": tuple(w for w in (zh.get("village_stem_stop") or []) if w != "民族"),
        "stop_chars": frozenset(zh.get("place_stem_stop_chars") or "") | STOP_CHARS,
        "admin": dict(zh.get("admin_suffixes") or {}),
        "ethnic_re": re.compile("(" + "|".join(re.escape(k) for k in sorted(ethnic, key=len, reverse=True))
                                + ")族$") if ethnic else None,
        "ethnic": ethnic,
        "verbs": frozenset(zh.get("clause_verbs_strong") or []) | frozenset(zh.get("clause_verbs_weak") or []),
        "glossary": frozenset(k for k in (zh.get("glossary") or {}) if len(k) >= 2),
        "products": frozenset(k for k in (zh.get("product_nouns") or {}) if len(k) >= 2),
        "glossary_products": tuple(k for k in (*(zh.get("glossary") or {}), *(zh.get("product_nouns") or {}))
                                   if len(k) >= 2),
        "ordinals": {str(k): str(v) for k, v in (zh.get("xpcc_ordinals") or {}).items()},
    }


@lru_cache(maxsize=1)
def _translit() -> frozenset[str]:
    return frozenset("".join(rules("zh").get("translit_chars") or []))


def _left_edges(text: str, p: int, known_ends: set[int], token_ends: dict[int, str]) -> list[tuple[int, str]]:
    """Allowed starts of a stem ending at ``p``, longest stem first, with the kind of edge:
    ``known`` (a place or unit ends there), ``cue`` (a cue word), ``punct`` (clause start) or
    ``token`` (after a jieba function word or verb: the weakest)."""
    d = _data()
    out = []
    for a in range(max(0, p - MAX_STEM), p - 1):
        if a in known_ends:
            out.append((a, "known"))
        elif (cue := d["cue_re"].search(text, max(0, a - 4), a) if d["cue_re"] is not None else None):
            # a unit coordinated with one just found (红旗镇和|盖孜库木乡) is chained like it
            out.append((a, "known" if cue.group() in COORD and cue.start() in known_ends else "cue"))
        elif a == 0 or text[a - 1] in PUNCT or text[a - 1] in "乡镇村":     # …镇|东湾村: after a unit head
            out.append((a, "punct"))
        elif a in token_ends and token_ends[a][:1] in BOUNDARY_TAGS and token_ends[a] != "vn":
            out.append((a, "token"))
    return out


@lru_cache(maxsize=16384)
def _stem_valid(stem: str, edge: str) -> bool:
    """A stem that can be a unit's proper name.  After a strong edge (a place, a cue word) only
    function words, adverbs, pronouns and numerals rule it out (transcribed stems are made of
    characters jieba reads as verbs: 达|玛沟); after a weak edge no verb either, and not a common
    word on its own (试点村, 美丽乡)."""
    d = _data()
    if not HAN.fullmatch(stem) or HEADS.search(stem):
        return False        # 燕儿窝街道|团结社区: a unit's stem holds no other unit
    entry = lexicon().zh.get(stem)
    if entry is not None:
        return entry.label == "PLACE" and edge != "token"     # 那拉提 + 镇: a listed place's town
    strong = edge == "known"
    stops = (STRONG_STOP if strong else d["stop_chars"])
    if set(stem) & stops or any(w in stem for w in d["stem_stop"]) or stem in d["verbs"]:
        return False
    if stem.startswith(d["glossary_products"]) or stem.endswith(d["glossary_products"]):
        return False
    tag = word_tag(stem)
    if edge in ("punct", "token") and len(stem) == 2 and tag[:1] in ("n", "v", "a", "d", "l", "i", "b") and tag not in ("ns", "nr", "nrt", "nz"):
        return False
    bad = STRONG_BAD_TAGS if strong else WEAK_BAD_TAGS
    tags = tag_table()
    translit = _translit()
    for w in init_jieba().cut(stem, HMM=False):
        t = tags.get(w, "")
        if len(w) == 1 and w in translit and edge != "token":
            continue        # 吾|库萨克, 巴格|其: a transcription's syllable, whatever jieba calls it
        if t[:1] in bad or w in d["verbs"] or len(w) >= 2 and t in ("v", "vd") and not strong:
            return False
    return True


STRONG_STOP = set("的和在与等各全每该本这那了是有为从到及或县市区州省乡镇村")
STRONG_BAD_TAGS = ("d", "p", "c", "u", "r", "m", "q", "y", "e", "t")
WEAK_BAD_TAGS = ("d", "p", "c", "u", "r", "m", "q", "y", "e", "t", "v")


def units(text: str, known_ends: set[int], token_ends: dict[int, str]) -> list[tuple[int, int, str]]:
    """(start, end, canonical) of each township, town, village, community or subdistrict."""
    d = _data()
    out: list[tuple[int, int, str]] = []
    ends = set(known_ends)
    for mt in HEADS.finditer(text):
        p, unit = mt.start(), mt.group()
        if p < 2 or len(unit) == 1 and text[mt.end():mt.end() + 1] in d["after_stop"]:
            continue        # 村民, 乡镇, 镇上: the head begins another word
        if text[p - 1] in "乡镇村":
            continue        # 乡村, 村镇
        for a, edge in _left_edges(text, p, ends, token_ends):
            stem = text[a:p]
            ethnic = d["ethnic_re"].search(stem) if d["ethnic_re"] is not None and unit == "乡" else None
            core = stem[:ethnic.start()] if ethnic else stem
            if len(core) < 2 or not _stem_valid(core, edge):
                continue
            if len(unit) == 1 and edge != "known" and list(init_jieba().cut(stem + unit, HMM=False))[-1] not in (unit, stem + unit):
                continue    # 农村: the head is the tail of a word
            english = d["admin"][unit]
            if ethnic:
                english = f"{d['ethnic'][ethnic.group(1)]} Ethnic {english}"
            out.append((a, mt.end(), f"{place_stem_zh(core)} {english}"))
            ends.add(mt.end())
            break
    return out


XPCC_NUM = "一二三四五六七八九十百零〇"
DIVISION = re.compile(rf"第([{XPCC_NUM}]{{1,3}})师(?![范傅生资父兄姐妹徒长])")
REGIMENT = re.compile(rf"(?<![{XPCC_NUM}第])([{XPCC_NUM}]{{2,4}})团(?![队员体结购伙聚圆建委支组])")


def _number(zh: str) -> int | None:
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["〇"] = 0
    if "十" not in zh and "百" not in zh:
        n = 0
        for c in zh:
            if c not in digits:
                return None
            n = n * 10 + digits[c]
        return n
    total, cur = 0, 0
    for c in zh:
        if c in digits:
            cur = digits[c]
        elif c == "十":
            total += (cur or 1) * 10
            cur = 0
        elif c == "百":
            total += (cur or 1) * 100
            cur = 0
    return total + cur


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def xpcc(text: str) -> list[tuple[int, int, str, str]]:
    """XPCC divisions (第二师 → ORG) and regiment farms (二十九团, 一八八团 → PLACE)."""
    d = _data()
    out = []
    for mt in DIVISION.finditer(text):
        word = d["ordinals"].get(mt.group(1))
        if word:
            out.append((mt.start(), mt.end(), "ORG",
                        f"{word} Division of the Xinjiang Production and Construction Corps"))
    for mt in REGIMENT.finditer(text):
        n = _number(mt.group(1))
        if n is not None and 10 <= n <= 300:
            out.append((mt.start(), mt.end(), "PLACE", f"{_ordinal(n)} Regiment"))
    return out


@lru_cache(maxsize=1)
def _people() -> dict:
    zh = rules("zh")
    titles = [t for t in (zh.get("person_titles") or []) if len(t) >= 2]
    ends = sorted(set(zh.get("name_end_words") or []) | set(zh.get("person_after") or []), key=len, reverse=True)
    return {
        "title_re": re.compile("(?:" + "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
                                  + r")[ :：]{0,2}"),
        "ends": tuple(ends),
        "list_re": re.compile(r"[、，,和与及][ ]?"),
    }


def _translit_run(text: str, a: int) -> int:
    """End of the transcribed name starting at ``a`` (2-6 transcription characters, ending where
    a name-ending word starts or the transcription characters stop), or ``a`` if there is none."""
    tl, ends = _translit(), _people()["ends"]
    e = a
    while e < len(text) and e - a < 6 and text[e] in tl and not (e - a >= 2 and text.startswith(ends, e)):
        e += 1
    if e - a < 2 or text[a:e] in lexicon().zh or any(text.startswith(k, a) for k in _lex_heads(text[a:e])):
        return a
    if text[e:e + 1] in ("族", "语", "文") or text[a:e] in _data()["ethnic"]:
        return a        # 哈萨克族同胞, 维吾尔语: an ethnonym or a language, not a name
    tag = word_tag(text[a:e])
    if tag[:1] in ("n", "v", "a", "d", "m", "r", "t") and tag[:2] != "nr":
        return a        # 主播|阿姨, 记者|克服: a dictionary word, not a name
    nxt = text[e:e + 1]
    if e - a == 2 and nxt and "\u4e00" <= nxt <= "\u9fff" and not text.startswith(ends, e):
        return a        # two characters with a word running on: too weak
    return e


def _lex_heads(run: str) -> tuple[str, ...]:
    """Listed surfaces that begin the run (阿克苏…): a place, not a name."""
    lex = lexicon().zh
    return tuple(run[:k] for k in range(2, len(run) + 1) if run[:k] in lex)


def translit_names(text: str, persons: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Uyghur/Kazakh names without an interpunct: after a title or kin word (丈夫吐尔逊江, 老师帕提曼,
    女儿阿依达娜), and the next item of a list that starts with a person (陈志刚、刘亚楠和艾尔肯)."""
    out = []
    for mt in _people()["title_re"].finditer(text):
        e = _translit_run(text, mt.end())
        if e > mt.end():
            out.append((mt.end(), e))
    # a list: person、X和Y — X and Y are people too when they look like names
    from .zh import _name_after

    found = sorted(set(persons) | set(out))
    i = 0
    while i < len(found):
        s, e = found[i]
        i += 1
        mt = _people()["list_re"].match(text, e)
        if mt is None:
            continue
        span = _name_after(text, mt.end())
        end = span[1] if span else _translit_run(text, mt.end())
        if end > mt.end() and (mt.end(), end) not in found:
            found.insert(i, (mt.end(), end))
            out.append((mt.end(), end))
    return out
