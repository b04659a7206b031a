"""Chinese entity finder: jieba tokens + lexicon units + suffix/cue rules.

``find_zh(text, base)`` returns :class:`Candidate` spans (absolute offsets = base + local) with
label and canonical already resolved (the composite's canonical is built from its parts).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .candidate import CUE, LEXICON, RULE, Candidate
from .canonical import INTERPUNCTS, person_zh, proper_zh, translate_zh_parts
from .lexicon import SKIP, Entry, init_jieba, lexicon, rules, word_tag

PROPER_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nz", "nt", "j", "unk", "eng"})
WEAK_TAGS = frozenset({"n", "a", "b", "ng", "an", "vn", "l", "s"})
NAME_TAGS = frozenset({"unk", "nr", "nrt", "nrfg"})
LOOSE_TAGS = frozenset({"ns", "nz", "n", "a", "ng", "j"})    # 王 + 大海: a given name that is also a word
PARK_HEADS = frozenset({"Industrial Park", "Park", "E-commerce Park"})
OPEN_QUOTES = {"”": "“", '"': '"', "」": "「", "』": "『", "’": "‘", "'": "'"}
HAN = regex.compile(r"^\p{Han}+$")
ADMIN_ENDINGS = ("省", "市", "县", "区", "州", "地区", "乡", "镇", "村")
SUBUNIT = regex.compile(r"(\p{Han}{1,5}?)(乡|镇|村|街道|社区)")
SUBUNIT_STOP = set("的和在与等各全每该本这那个了是有为从到及或内外上下中")
CLAUSE_LEFT = frozenset("在 到 为 由 给 对 向 让 使 于 从 把 被 帮助 支持 推动 助力 促进 带动 围绕 依托 立足 通过".split())
NAME_END_STOP = set("正在说是和的了也将把被对向为与及等还又就曾已从")
SMALL_ADMIN = frozenset({"村", "乡", "镇", "县", "市", "州", "自治县", "自治州", "街道", "社区"})
GENERIC_LEAD = set("全各本该每此某哪其这那两多第")
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
        "admin": dict(zh.get("admin_suffixes") or {}),
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
    }


def _split_guesses(words):
    """Undo jieba's HMM guesses that glue a head or a function word to its neighbour (节在 → 节 在)."""
    d = _data()
    for w in words:
        if len(w) == 2 and word_tag(w) == "unk" and (w[1] in FUNCTION_CHARS or w[0] in d["suffixes"]
                                                     and w[1] in FUNCTION_CHARS | set("上下中开举")):
            yield w[0]
            yield w[1]
        else:
            yield w


def _tokens(text: str) -> list[Unit]:
    tokenizer = init_jieba()
    d = _data()
    out, pos = [], 0
    for w in _split_guesses(tokenizer.cut(text, HMM=True)):
        s, e = pos, pos + len(w)
        pos = e
        # split "培训基地" into glossary word + suffix so the head is seen
        if w not in d["suffixes"] and w not in lexicon().zh and len(w) > 2:
            for k in range(min(len(w) - 1, d["suffix_max"]), 1, -1):
                head, rest = w[-k:], w[:-k]
                if head in d["suffixes"] and rest in d["glossary"]:
                    out.append(Unit(s, s + len(rest), rest, word_tag(rest)))
                    out.append(Unit(s + len(rest), e, head, "nlex"))
                    break
            else:
                out.append(Unit(s, e, w, word_tag(w)))
            continue
        out.append(Unit(s, e, w, word_tag(w)))
    return out


def _units(toks: list[Unit]) -> list[Unit]:
    """Merge token runs that spell a lexicon surface (leftmost-longest, up to 6 tokens)."""
    lex = lexicon().zh
    out, i, n = [], 0, len(toks)
    while i < n:
        for j in range(min(n, i + 6), i, -1):
            s = "".join(t.text for t in toks[i:j])
            entry = lex.get(s)
            if entry is not None:
                out.append(Unit(toks[i].s, toks[j - 1].e, s, "lex", entry))
                i = j
                break
        else:
            out.append(toks[i])
            i += 1
    return out


def _is_han(s: str) -> bool:
    return bool(HAN.match(s))


def _part_of(u: Unit) -> tuple[str, str, bool] | None:
    """(kind, value, is_anchor) of a unit inside a composite name, or None if it ends the name."""
    d = _data()
    if u.entry is not None:
        if u.entry.label == SKIP:
            return None
        return "en", u.entry.modifier or u.entry.canonical, True
    if u.text in d["glossary"]:
        return "en", d["glossary"][u.text], False
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
                return "en", f"{proper_zh(u.text[:-1])} {d['admin'][suf]}", True
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


def _composite(units: list[Unit], m: int, k: int, text: str) -> Candidate | None:
    """A name ending with the suffix spanning units[m..k]; extend left over name-internal units."""
    d = _data()
    suffix = "".join(u.text for u in units[m:k + 1])
    label, english = d["suffixes"][suffix]
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
        if u.text in d["edition"] or regex.fullmatch(r"第[一二三四五六七八九十百\d]+届", u.text):
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
    canonical = regex.sub(r"\bPrefecture Prefectural\b", "Prefectural", canonical)
    return Candidate(s, e, label, canonical, "suffix", RULE, text=surface)


def _suffix_at(units: list[Unit], k: int) -> int | None:
    """Index m such that units[m..k] spell a suffix (longest), or None."""
    d = _data()
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
def _platform_re():
    names = [k for k, v in lexicon().zh.items() if v.label == "PLATFORM" and len(k) >= 2]
    return regex.compile("|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True)))


def _phrase_canonical(phrase: str) -> str:
    """English for a free phrase: lexicon names, glossary words, pinyin for the rest."""
    parts = []
    for u in _units(_tokens(phrase)):
        p = _part_of(u)
        parts.append((p[0], p[1]) if p else ("proper", u.text))
    return translate_zh_parts(parts)


def find_zh(text: str, base: int = 0) -> list[Candidate]:
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
            # place + produce noun → PRODUCT (阿克苏苹果)
            if u.entry.label == "PLACE" and i + 1 < n and not u.text.endswith(ADMIN_ENDINGS) \
                    and (units[i + 1].text in d["products"]
                         or units[i + 1].entry is not None and units[i + 1].entry.label == "PRODUCT"):
                v = units[i + 1]
                noun = v.entry.canonical if v.entry is not None else d["products"][v.text]
                add(u.s, v.e, "PRODUCT", f"{u.entry.base or u.entry.canonical} {noun}", "product", RULE)
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
            for suf in sorted(d["admin"], key=len, reverse=True):
                if u.text.endswith(suf) and len(u.text) - len(suf) >= 2 and suf in SMALL_ADMIN \
                        and word_tag(u.text[:-len(suf)]) in PROPER_TAGS:
                    add(u.s, u.e, "PLACE", f"{proper_zh(u.text[:-len(suf)])} {d['admin'][suf]}", "admin", RULE)
                    break
        if u.text in d["admin"] and i > 0:
            p = units[i - 1]
            if p.entry is None and p.tag in PROPER_TAGS and _is_han(p.text) and 2 <= len(p.text) <= 4 \
                    and u.text in SMALL_ADMIN \
                    and p.text[0] not in GENERIC_LEAD and p.text not in d["glossary"]:
                add(p.s, u.e, "PLACE", f"{proper_zh(p.text)} {d['admin'][u.text]}", "admin", RULE)
        # persons after a title or before a speech verb
        if u.text in d["titles"] or u.text == "的" and i > 0 and units[i - 1].text.endswith("岁"):
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
    # smaller units right after a listed place: 墨玉县托胡拉乡, 新和县加依村, 温宿县佳木镇科克库勒村
    bounds = {u.s for u in units} | {len(text)}
    for u in units:
        if u.entry is not None and u.entry.label == "PLACE" and u.text.endswith(ADMIN_ENDINGS):
            pos = u.e
            while True:
                mt = SUBUNIT.match(text, pos)
                if not (mt and mt.end() in bounds and not (set(mt.group(1)) & SUBUNIT_STOP)
                        and word_tag(mt.group(1)) in PROPER_TAGS | {"nlex"} and mt.group(1) not in d["glossary"]):
                    break
                add(mt.start(), mt.end(), "PLACE", f"{proper_zh(mt.group(1))} {d['admin'][mt.group(2)]}",
                    "subunit", RULE)
                pos = mt.end()
    # platform names are distinctive enough to match inside a token (快手上 → 快手)
    for mt in _platform_re().finditer(text):
        entry = lexicon().zh[mt.group()]
        add(mt.start(), mt.end(), entry.label, entry.canonical, "platform", RULE)
    # "X大会暨Y": the phrase joined to an event name by 暨 is an event name too (…洽谈会暨电商扶贫天山行)
    for c in list(out):
        if c.label == "EVENT_NAME":
            a = c.end - base
            mt = regex.match(r"暨(\p{Han}{3,15}?)(?=[、,，。;；:：\s]|活动|在|于|将|已|正式|举行|举办|启动|开幕|召开|$)",
                             text[a:])
            if mt:
                add(a + 1, a + mt.end(1), "EVENT_NAME", _phrase_canonical(text[a + 1:a + mt.end(1)]), "ji", RULE)
    # transcribed names with an interpunct: 迪丽妮格·依明
    tl = d["translit"]
    for mt in regex.finditer(f"[{INTERPUNCTS}]", text):
        a = mt.start()
        s = a
        while s > 0 and text[s - 1] in tl and a - s < 8:
            s -= 1
        e = a + 1
        while e < len(text) and text[e] in tl and e - a - 1 < 8 and not (e - a > 2 and text[e] in NAME_END_STOP):
            e += 1
        left, right = text[s:a], text[a + 1:e]
        if len(left) >= 2 and len(right) >= 2:
            add(s, e, "PERSON", person_zh(text[s:e]), "interpunct", RULE)
    # a short quoted phrase that is not itself a name is a brand or slogan: nothing inside is
    # an entity on its own (“精致柯坪” is not the place 柯坪)
    spans = {(c.start - base, c.end - base) for c in out}
    for mt in regex.finditer(r"[“\"「]([^”\"」“「]{2,10})[”\"」]", text):
        if (mt.start(1), mt.end(1)) not in spans:
            add(mt.start(1), mt.end(1), SKIP, "", "quoted", CUE)
    # XPCC divisions: 一师, 第十四师
    for mt in regex.finditer(r"(?<=兵团|和|、|及|与|或|^)第?([一二三四五六七八九十]{1,3})师(?![一范傅生资父兄姐妹徒长])", text):
        ordinal = d["xpcc"].get(mt.group(1))
        if ordinal:
            add(mt.start(), mt.end(), "ORG",
                f"{ordinal} Division of the Xinjiang Production and Construction Corps", "xpcc", RULE)
    return out
