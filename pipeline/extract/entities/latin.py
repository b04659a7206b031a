"""English and Spanish entity finder: lexicon lookup over word n-grams, capitalized runs with
name heads (County, Ministry of …, Centro de …), and person cues.

``find_latin(text, base, lang)`` returns :class:`Candidate` spans with absolute offsets.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .candidate import CUE, LEXICON, RULE, Candidate
from .canonical import looks_pinyin
from .lexicon import SKIP, Entry, lexicon, rules

WORD = regex.compile(r"[\p{Latin}\p{N}](?:[\p{Latin}\p{N}\p{M}'’&]|[\-.](?=[\p{Latin}\p{N}]))*")
ADJ_ES = regex.compile(r"(?:ico|ica|icos|icas|al|ales|ar|ares|ivo|iva|ivos|ivas|ista|istas|ano|ana|anos|anas|ense|"
                       r"enses|ario|aria|arios|arias|ícola|ícolas|oso|osa|osos|osas|ero|era|eros|eras)$")
NOT_ADJ_ES = regex.compile(r"(?:ado|ada|ados|adas|ido|ida|idos|idas|ó|aron|ieron|ará|erá|irá)$")
CO_LTD = regex.compile(r"\.?,?\s?(?:Ltd|Limited|Inc|LLC)\.?")
PLACE_ADJ_ES = frozenset("autónoma autónomo mongol mongola uygur uigur kazaja kazajo hui kirguís kirguisa tayika tayiko "
                         "xibe étnica zhuang tibetana".split())
BYLINE = regex.compile(r"\s*(?:By|Por)\s", regex.IGNORECASE)
# "Hetian walnut market" is a market, not the produce
NOT_PRODUCT_AFTER = frozenset("market markets industry industries growers farmers orchard orchards trees prices sales "
                              "production output festival base bases park planting plantations cooperative company "
                              "brand exports processing mercado mercados industria cooperativa".split())
PLACE_APPOSITION = regex.compile(r"\s*,\s*(?:a|an|the|un|una)\s+(?:small\s+|remote\s+|mountain\s+|border\s+)?"
                                 r"(?:town|village|township|county|city|prefecture|district|region|pueblo|aldea|"
                                 r"ciudad|condado|distrito)\b")
MAYBE = "MAYBE_PERSON"   # a capitalized pair with no cue: a person only if the document confirms it


@dataclass(slots=True)
class Tok:
    s: int
    e: int
    w: str

    @property
    def cap(self) -> bool:
        return self.w[:1].isupper()


@lru_cache(maxsize=None)
def _data(lang: str):
    r = rules(lang)
    en = rules("en")
    heads = dict(en.get("heads") or {})
    heads.update(r.get("heads") or {})
    return {
        "connectors": frozenset(r.get("connectors") or []),
        "heads": heads,
        "lead_heads": dict(en.get("lead_heads") or {}),
        "titles": tuple(t.casefold() for t in (r.get("person_titles") or [])),
        "after": frozenset(r.get("person_after") or []),
        "appositions": frozenset(r.get("appositions") or []),
        "surnames": frozenset(en.get("romanized_surnames") or []),
        "stop": frozenset(r.get("stop") or []) | frozenset(en.get("stop") or []),
        "stop_own": frozenset(r.get("stop") or []),
        "lower_heads": dict(en.get("lower_heads") or {}) if lang == "en" else {},
        "run_titles": frozenset((en.get("run_titles") or []) + (r.get("run_titles") or [])),
        "generic": frozenset(en.get("generic_modifiers") or []),
        "products": {k: str(v) for k, v in (r.get("product_nouns") or {}).items()},
        "anaphora": {k.casefold(): v for k, v in (r.get("anaphora") or {}).items()},
        "org_heads": dict(r.get("org_heads") or {}),
        "event_heads": dict(r.get("event_heads") or {}),
        "place_heads": dict(r.get("place_heads") or {}),
        "translations": {k.casefold(): str(v) for k, v in (r.get("translations") or {}).items()},
    }


def _tokens(text: str) -> list[Tok]:
    out = []
    for m in WORD.finditer(text):
        s, e, w = m.start(), m.end(), m.group()
        if len(w) > 2 and w[-2:] in ("'s", "’s"):
            e -= 2
            w = w[:-2]
        elif w[-1] in "'’":
            e -= 1
            w = w[:-1]
        out.append(Tok(s, e, w))
    return out


def _lookup(span: str, single: bool) -> Entry | None:
    lex = lexicon()
    entry = lex.latin.get(span)
    if entry is not None:
        return entry
    if any(c.isupper() for c in span) and (not single or (span[:1].isupper() and len(span) > 3)):
        return lex.latin_fold.get(span.casefold())
    return None


def _gap_ok(text: str, a: Tok, b: Tok) -> bool:
    gap = text[a.e:b.s]
    return gap.strip() == "" and "\n" not in gap


def _lexicon_matches(text: str, toks: list[Tok]) -> list[tuple[int, int, Entry]]:
    lex = lexicon()
    first = lex.latin_first
    n = len(toks)
    # joined[x]: tokens x and x+1 are separated by spaces or a hyphen only (one name may span them)
    joined = [_gap_ok(text, toks[x], toks[x + 1]) or text[toks[x].e:toks[x + 1].s] in ("-", ". ", "'s ", "’s ")
              for x in range(n - 1)]
    out, i = [], 0
    while i < n:
        w = toks[i].w.casefold()
        most = first.get(w) or first.get(w.split("-")[0]) or 0
        k = i + 1
        while k < n and k - i < most + 1 and joined[k - 1]:
            k += 1
        if "@" in text[max(0, toks[i].s - 1):toks[i].e + 1]:
            i += 1          # an e-mail address (cuijia@chinadaily.com.cn) names nothing
            continue
        for j in range(k, i, -1):
            span = " ".join(text[toks[i].s:toks[j - 1].e].split())
            entry = _lookup(span, j - i == 1)
            if entry is not None:
                out.append((i, j, entry))
                i = j
                break
        else:
            i += 1
    return out


def _before(text: str, pos: int, n: int = 24) -> str:
    return " ".join(text[max(0, pos - n):pos].split()).casefold()


def _person_cue(text: str, toks: list[Tok], i: int, j: int, d: dict) -> bool:
    """A title before tokens[i:j] or a verb/apposition after them."""
    before = _before(text, toks[i].s).rstrip(",:")
    if any(before.endswith(t) and (len(before) == len(t) or not before[-len(t) - 1].isalnum()) for t in d["titles"]):
        return True
    after = text[toks[j - 1].e:toks[j - 1].e + 30]
    if toks[j - 1].e < len(text) and text[toks[j - 1].e:toks[j - 1].e + 2] in ("'s", "’s"):
        return True
    m = regex.match(r"\s*,\s*([\p{L}\d][\p{L}\d\-]*)", after)
    if m and m.group(1).casefold() in d["appositions"]:
        return True
    if regex.match(r"\s*,\s*(?:de\s+)?\d{1,2}(?:\s+años)?\s*,", after):     # Tursun, 45, … / Aygul, de 28 años,
        return True
    m = regex.match(r"\s+([\p{L}]+)", after)
    return bool(m and m.group(1) in d["after"])


def _romanized_person(toks: list[Tok], d: dict, caps_ok: bool = False) -> bool:
    """Surname + pinyin given name: Zhang Wei, Ma Shujun (ALL CAPS only after a byline cue)."""
    words = [t.w.capitalize() if caps_ok and t.w.isupper() else t.w for t in toks]
    if not 2 <= len(words) <= 3 or words[0] not in d["surnames"]:
        return False
    return all(w[:1].isupper() and not w.isupper() and looks_pinyin(w) for w in words[1:])


def _translate_es(words: list[str], d: dict, capital: bool = False) -> str:
    """A Spanish complement (noun + adjectives) → English (adjectives first); unknown words kept."""
    tr = d["translations"]
    phrase = " ".join(words).casefold()
    if phrase in tr:
        return tr[phrase]
    if capital and len(words) == 1:
        return tr.get(words[0].casefold()) or words[0]
    out = [tr.get(w.casefold()) or (w[:1].upper() + w[1:]) for w in words]
    return " ".join([*reversed(out[1:]), out[0]])


def _spanish_names(text: str, toks: list[Tok], d: dict, base: int, lex_starts: set[int]) -> list[Candidate]:
    """Centro de servicios de comercio electrónico de Yarkant → ORG; condado de X → PLACE."""
    out = []
    n = len(toks)
    for i, t in enumerate(toks):
        head_en = d["org_heads"].get(t.w) or d["event_heads"].get(t.w)
        if head_en and i not in lex_starts:
            label = "ORG" if t.w in d["org_heads"] else "EVENT_NAME"
            j, groups, last = i + 1, [], i
            # capitalized words of an official name right after the head: Universidad Agrícola de …
            lead = []
            while j < n and toks[j].cap and toks[j].w not in d["stop_own"] and _gap_ok(text, toks[j - 1], toks[j]):
                lead.append(toks[j].w)
                last = j
                j += 1
            while j + 1 < n and toks[j].w in ("de", "del", "para") and _gap_ok(text, toks[j - 1], toks[j]):
                k = j + 1
                if toks[k].w in ("la", "las", "los", "el") and k + 1 < n:
                    k += 1
                words = [toks[k].w]
                last_k = k
                while last_k + 1 < n and _gap_ok(text, toks[last_k], toks[last_k + 1]) \
                        and toks[last_k + 1].w.islower() and ADJ_ES.search(toks[last_k + 1].w) \
                        and not NOT_ADJ_ES.search(toks[last_k + 1].w) \
                        and toks[last_k + 1].w not in d["connectors"]:
                    last_k += 1
                    words.append(toks[last_k].w)
                if not all(_gap_ok(text, toks[x], toks[x + 1]) for x in range(j - 1, k)) or toks[k].w in d["stop"]:
                    break
                groups.append(words)
                last = last_k
                j = last_k + 1
                # a proper name right after a complement: Cooperativa de frutas Hongqi de Aksu
                if j < n and toks[j].cap and toks[j].w not in d["stop_own"] and _gap_ok(text, toks[j - 1], toks[j]):
                    k = j
                    while k + 1 < n and toks[k + 1].cap and _gap_ok(text, toks[k], toks[k + 1]):
                        k += 1
                    groups.append([t.w for t in toks[j:k + 1]] + ["\x00proper"])
                    last = k
                    j = k + 1
            if not groups and lead and (len(lead) >= 2 or lead[0].casefold() not in d["translations"]):
                # Cooperativa Agrícola Tianyuan: an official name with no "de" complement
                canonical = " ".join([*(w for w in lead if w.casefold() not in d["translations"]),
                                      *(d["translations"][w.casefold()] for w in lead
                                        if w.casefold() in d["translations"]), head_en])
                out.append(Candidate(base + t.s, base + toks[last].e, label, canonical, "es-head", RULE,
                                     text=text[t.s:toks[last].e]))
            if groups:
                if lead:
                    head_en = f"{_translate_es(lead, d, capital=True)} {head_en}"
                place_names, propers, others, official = [], [], [], []
                for g in groups:
                    if g[-1] == "\x00proper":
                        propers.append(" ".join(g[:-1]))
                        continue
                    entry = _lookup(" ".join(g), len(g) == 1) if g[0][:1].isupper() else None
                    if entry is not None and entry.label == "PLACE":
                        place_names.append(entry.base or entry.canonical)
                    elif g[0][:1].isupper():
                        official.append(g)
                    else:
                        others.append(g)
                if official:   # Departamento de Comercio de Xinjiang → Xinjiang Department of Commerce
                    canonical = " ".join([*place_names, *propers, head_en, "of",
                                          " and ".join(_translate_es(g, d, capital=True) for g in official)])
                else:          # Centro de servicios de comercio electrónico de Yarkant
                    canonical = " ".join([*place_names, *propers, *(_translate_es(g, d) for g in reversed(others)),
                                          head_en])
                out.append(Candidate(base + t.s, base + toks[last].e, label, canonical, "es-head", RULE,
                                     text=text[t.s:toks[last].e]))
        # condado de Foo → Foo County (unknown places; known ones come from the lexicon)
        if t.w in d["place_heads"]:
            # condado de Foo, prefectura autónoma mongol de Bayingolin
            m = i + 1
            while m < n and m - i <= 3 and toks[m].w in PLACE_ADJ_ES:
                m += 1
            if m + 1 < n and toks[m].w == "de" and toks[m + 1].cap and toks[m + 1].w not in d["stop"] \
                    and (m > i + 1 or t.w != "región"):
                k = m + 1
                while k + 1 < n and toks[k + 1].cap and _gap_ok(text, toks[k], toks[k + 1]):
                    k += 1
                name = text[toks[m + 1].s:toks[k].e]
                head = d["place_heads"][t.w]
                known = _lookup(f"{name} {head}", False)
                canonical = known.canonical if known is not None and known.label == "PLACE" else f"{name} {head}"
                out.append(Candidate(base + t.s, base + toks[k].e, "PLACE", canonical, "es-head", RULE,
                                     text=text[t.s:toks[k].e]))
    return out


def find_latin(text: str, base: int = 0, lang: str = "en") -> list[Candidate]:
    d = _data(lang)
    toks = _tokens(text)
    n = len(toks)
    out: list[Candidate] = []
    matches = _lexicon_matches(text, toks)
    in_lex: dict[int, tuple[int, int, Entry]] = {}
    for i, j, entry in matches:
        for x in range(i, j):
            in_lex[x] = (i, j, entry)
        s, e = toks[i].s, toks[j - 1].e
        out.append(Candidate(base + s, base + e, entry.label, entry.canonical, "lexicon", LEXICON, text=text[s:e],
                             level=entry.level, base=entry.base))
        # place + produce: Aksu apples, manzanas de Aksu
        if entry.label == "PLACE" and j < n:
            for k in (2, 1):
                if j + k <= n:
                    phrase = " ".join(t.w for t in toks[j:j + k])
                    after = toks[j + k].w if j + k < n else ""
                    if phrase in d["products"] and _gap_ok(text, toks[j - 1], toks[j]) \
                            and after.casefold() not in NOT_PRODUCT_AFTER:
                        out.append(Candidate(base + s, base + toks[j + k - 1].e, "PRODUCT",
                                             f"{entry.base or entry.canonical} {d['products'][phrase]}",
                                             "product", RULE, text=text[s:toks[j + k - 1].e]))
                        break
        if entry.label == "PLACE" and i >= 2 and toks[i - 1].w in ("de", "del"):
            for k in (2, 1):
                if i - 1 - k >= 0:
                    phrase = " ".join(t.w for t in toks[i - 1 - k:i - 1])
                    if phrase in d["products"]:
                        s0 = toks[i - 1 - k].s
                        out.append(Candidate(base + s0, base + e, "PRODUCT",
                                             f"{entry.base or entry.canonical} {d['products'][phrase]}",
                                             "product", RULE, text=text[s0:e]))
                        break

    # capitalized runs (connectors allowed inside); a Title Case headline has no runs to trust
    words = [t for t in toks if t.w not in d["connectors"] and t.w[:1].isalpha()]
    title_case = len(words) >= 4 and not any(t.w.islower() and len(t.w) >= 4 for t in words) \
        and not regex.search(r"[.!?]\s+\p{Lu}", text)
    i = 0
    while i < n:
        if not (toks[i].cap or i in in_lex) or toks[i].w in d["connectors"]:
            i += 1
            continue
        j = i + 1
        while j < n and _gap_ok(text, toks[j - 1], toks[j]) and text[toks[j - 1].e:toks[j - 1].e + 1] not in ("'", "’"):
            if toks[j].cap or j in in_lex:
                j += 1
            elif toks[j].w in d["connectors"] and j + 1 < n and (toks[j + 1].cap or j + 1 in in_lex) \
                    and _gap_ok(text, toks[j], toks[j + 1]):
                j += 2
            else:
                break
        a = i
        while a < j and toks[a].w in d["stop"] and a not in in_lex:
            a += 1
        if a < j:
            out.extend(_classify_run(text, toks, a, j, in_lex, d, base, title_case))
        i = j
    if lang == "es":
        out.extend(_spanish_names(text, toks, d, base, {i for i, _, _ in matches}))
    return out


def _classify_run(text, toks, a, j, in_lex, d, base, title_case=False) -> list[Candidate]:
    # a caption "ASIDAM KAYYUM E-commerce Center" / "ABDUKAHAR ADIL Founder, …": the CAPS name apart
    caps = a
    while caps < j and toks[caps].w.isupper() and toks[caps].w.isalpha() and len(toks[caps].w) > 1 \
            and caps not in in_lex:
        caps += 1
    if 2 <= caps - a <= 3 and caps < j and not toks[caps].w.isupper():
        ss, ee = toks[a].s, toks[caps - 1].e
        name = " ".join(t.w.capitalize() for t in toks[a:caps])
        return [Candidate(base + ss, base + ee, "PERSON", name, "caps", RULE, text=text[ss:ee]),
                *_classify_run(text, toks, caps, j, in_lex, d, base, title_case)]
    # "Kashgar Prefecture and Hotan Prefecture": two complete names joined by "and"
    for x in range(a + 1, j - 1):
        if toks[x].w in ("and", "&", "y"):
            left = toks[x - 1].w
            if d["heads"].get(left) or (x - 1 in in_lex and in_lex[x - 1][1] == x and in_lex[x - 1][0] >= a
                                       and (in_lex[x - 1][0] == a or toks[a].w in d["stop"])):
                return [*_classify_run(text, toks, a, x, in_lex, d, base, title_case),
                        *_classify_run(text, toks, x + 1, j, in_lex, d, base, title_case)]
    out = []
    run = toks[a:j]
    words = [t.w for t in run]
    s, e = run[0].s, run[-1].e
    surface = text[s:e]
    head_label = None
    if len(run) >= 2:
        two = " ".join(words[-2:])
        head_label = d["heads"].get(two) or d["heads"].get(words[-1])
        if head_label is not None and all(w in d["generic"] or w in d["connectors"] or w in d["stop"]
                                          for w in words[:-2 if d["heads"].get(" ".join(words[-2:])) else -1]):
            head_label = None     # E-commerce Service Center: generic, not a name
        if head_label is None:
            # Ministry of Commerce, Xinjiang Academy of Agricultural Sciences
            for x in range(len(words) - 2):
                if words[x] in d["lead_heads"] and words[x + 1] == "of":
                    head_label = d["lead_heads"][words[x]]
                    break
    if head_label is None and j < len(toks) and toks[j].w in d["lower_heads"] and _gap_ok(text, toks[j - 1], toks[j]) \
            and not (a in in_lex and in_lex[a][1] > j) and all(w not in d["generic"] for w in words) \
            and len(run) <= 3 and not title_case:
        # Foo county → Foo County (listed places come from the lexicon)
        ee = toks[j].e
        name = " ".join(words)
        if not (j - 1 in in_lex):
            return [Candidate(base + s, base + ee, "PLACE", f"{name} {d['lower_heads'][toks[j].w]}", "head", RULE,
                              text=text[s:ee])]
    if head_label is not None and "of" in words[1:-2] and d["heads"].get(words[-1]):
        # "Students of Tsinghua University": the name is what follows the last "of"
        idx = len(words) - 1 - words[::-1].index("of")
        if words[idx - 1] not in d["lead_heads"] and not any(w in d["lead_heads"] for w in words[:idx]):
            return _classify_run(text, toks, a + idx + 1, j, in_lex, d, base, title_case)
    if head_label is not None and not title_case and not (len(run) == 2 and words[0] in d["stop"]):
        covered = a in in_lex and in_lex[a][0] == a and in_lex[a][1] == j
        if not covered:
            entry = _lookup(" ".join(surface.split()), False)
            canonical = entry.canonical if entry is not None and entry.label != SKIP else surface
            anaphor = ""
            before = _before(text, s, 28)
            for phrase, level in d["anaphora"].items():
                if before.endswith(phrase):
                    anaphor = level
            tail = CO_LTD.match(text, e)
            if head_label == "ORG" and tail:
                e = tail.end()
                surface = text[s:e]
                canonical = surface
            out.append(Candidate(base + s, base + e, head_label, canonical, "head", RULE, anaphor, text=surface))
            return out
    # residual segments outside lexicon matches → persons
    x = a
    while x < j:
        if x in in_lex:
            x = in_lex[x][1]
            continue
        y = x
        while y < j and y not in in_lex:
            y += 1
        seg = [t for t in toks[x:y] if t.w not in d["connectors"]]
        # leading titles inside the run: Chinese President Xi Jinping, Governor Erkin Tuniyaz
        lead = 0
        while lead < len(seg) - 1 and seg[lead].w.rstrip(".") in d["run_titles"]:
            lead += 1
        if lead and 1 <= len(seg) - lead <= 3 and y - x == len(seg):
            rest = seg[lead:]
            ss, ee = rest[0].s, rest[-1].e
            if all(t.cap and not t.w.isupper() and t.w not in d["stop"] and t.w not in d["run_titles"]
                   and t.w not in d["generic"] and t.w not in d["heads"] for t in rest):
                out.append(Candidate(base + ss, base + ee, "PERSON", " ".join(t.w for t in rest),
                                     "pinyin" if _romanized_person(rest, d) else "cue", RULE, text=text[ss:ee]))
                x = y
                continue
        if seg and all(t.cap and t.w not in d["stop"] and t.w.rstrip(".") not in d["run_titles"]
                       and t.w not in d["generic"] for t in seg) and len(seg) <= 4:
            ss, ee = toks[x].s, toks[y - 1].e
            if _romanized_person(seg, d):
                out.append(Candidate(base + ss, base + ee, "PERSON", " ".join(t.w for t in seg), "pinyin",
                                     RULE, text=text[ss:ee]))
            elif all(t.w.isupper() for t in seg) and _romanized_person(seg, d, caps_ok=True) \
                    and (_person_cue(text, toks, x, y, d) or BYLINE.match(text)):
                out.append(Candidate(base + ss, base + ee, "PERSON", " ".join(t.w.capitalize() for t in seg),
                                     "pinyin", RULE, text=text[ss:ee]))
            elif PLACE_APPOSITION.match(text, ee):
                # "in Darya Boyi, a town located in …": an apposition that names a place
                out.append(Candidate(base + ss, base + ee, "PLACE", " ".join(t.w for t in seg), "cue", CUE,
                                     text=text[ss:ee]))
            elif not any(t.w.isupper() and len(t.w) > 1 for t in seg) and _person_cue(text, toks, x, y, d):
                out.append(Candidate(base + ss, base + ee, "PERSON", " ".join(t.w for t in seg),
                                     "cue" if len(seg) > 1 else "cue1", CUE, text=text[ss:ee]))
            elif 2 <= len(seg) <= 3 and y - x == len(seg) and not any(t.w.isupper() for t in seg) and not title_case:
                out.append(Candidate(base + ss, base + ee, MAYBE, " ".join(t.w for t in seg), "maybe",
                                     CUE, text=text[ss:ee]))
        x = y
    return out
