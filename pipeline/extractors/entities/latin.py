"""English and Spanish entity finder: lexicon lookup over word n-grams, capitalized runs with
name heads (County, Ministry of …, Centro de …), and person cues.

``find_latin(text, base, lang)`` returns :class:`Candidate` spans with absolute offsets.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import regex

from ... import rx
from .candidate import CUE, LEXICON, RULE, Candidate
from .canonical import looks_pinyin
from .lexicon import SKIP, Entry, lexicon, rules

WORD = rx.compile(r"[\p{Latin}\p{N}](?:[\p{Latin}\p{N}\p{M}'’&]|[\-.](?=[\p{Latin}\p{N}]))*")
ADJ_ES = rx.compile(r"(?:ico|ica|icos|icas|al|ales|ar|ares|ivo|iva|ivos|ivas|ista|istas|ano|ana|anos|anas|ense|"
                       r"enses|ario|aria|arios|arias|ícola|ícolas|oso|osa|osos|osas|ero|era|eros|eras)$")
NOT_ADJ_ES = rx.compile(r"(?:ado|ada|ados|adas|ido|ida|idos|idas|ó|aron|ieron|ará|erá|irá)$")
CO_LTD = rx.compile(r"\.?,?\s?(?:Ltd|Limited|Inc|LLC)\.?")
PLACE_ADJ_ES = frozenset("autónoma autónomo mongol mongola uygur uigur kazaja kazajo hui kirguís kirguisa tayika tayiko "
                         "xibe étnica zhuang tibetana".split())
BYLINE = rx.compile(r"\s*(?:By|Por)\s", regex.IGNORECASE)
# "Hetian walnut market" is a market, not the produce
NOT_PRODUCT_AFTER = frozenset("market markets industry industries growers farmers orchard orchards trees prices sales "
                              "production output festival base bases park planting plantations cooperative company "
                              "brand exports processing mercado mercados industria cooperativa farm farms estate "
                              "estates shop shops".split())
PLACE_APPOSITION = rx.compile(r"\s*,\s*(?:a|an|the|un|una)\s+(?:small\s+|remote\s+|mountain\s+|border\s+)?"
                                 r"(?:town|village|township|county|city|prefecture|district|region|pueblo|aldea|"
                                 r"ciudad|condado|distrito)\b")
CAPW = r"\p{Lu}[\p{L}\p{M}\-]*"
PAREN_TAIL = rx.compile(r"()\s?\((\p{Lu}[\p{L}\p{M}]*(?: \p{Lu}[\p{L}\p{M}]*)?)\)")
PAREN_NAME = rx.compile(rf"(?<![\p{{L}}\-])({CAPW}(?:[ \-]{CAPW})*) \(({CAPW}(?: {CAPW})*)\) "
                           rf"({CAPW}(?: (?:{CAPW}|of|and|for))*)")
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
        "title_set": frozenset(t.casefold() for t in (r.get("person_titles") or []) if t),
        "title_lengths": tuple(sorted({len(t.casefold()) for t in (r.get("person_titles") or []) if t})),
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
        "es_glossary": {_es_key(k): str(v) for k, v in (r.get("translations") or {}).items()},
        "of_heads": frozenset(r.get("of_heads") or []),
        "site_heads": dict(r.get("site_heads") or {}),
        "place_name_heads": dict(r.get("place_name_heads") or {}),
        "place_adj_en": dict(r.get("place_adjectives") or {}),
        "org_lower": _org_lower(en) if lang == "en" else None,
        "given": given_names(),
        "brand_heads": frozenset(en.get("brand_heads") or []),
        "product_types": frozenset(en.get("product_types") or []),
        "place_preps": frozenset(r.get("place_prepositions") or []),
        "not_place": frozenset(str(w) for w in (en.get("not_place_words") or []) + (r.get("not_place_words") or [])),
        "not_person": frozenset(str(w) for w in (en.get("not_person_words") or []) + (r.get("not_person_words") or []
                                                                                      if lang != "en" else [])),
    }


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Common Spanish and English given names (both lists, whatever the text's language)."""
    out = set()
    for lang in ("en", "es"):
        names = rules(lang).get("given_names") or []
        out.update(names.split() if isinstance(names, str) else names)
    return frozenset(out)


def _org_lower(en: dict) -> dict:
    """China Daily style lowercase institutions after a place: "the Altay prefectural commerce bureau"."""
    spec = en.get("lowercase_names") or {}
    return {
        "levels": {k: ("" if v is None else str(v)) for k, v in (spec.get("levels") or {}).items()},
        "org_heads": dict(spec.get("org_heads") or {}),
        "event_heads": dict(spec.get("event_heads") or {}),
        "modifiers": frozenset(str(w) for w in spec.get("modifiers") or []),
        "event_modifiers": frozenset(str(w) for w in spec.get("event_modifiers") or []),
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
    # a case-insensitive match must open with a capital (not "northwest China", "noreste de China")
    if span[:1].isupper() and (not single or len(span) > 3):
        return lex.latin_fold.get(span.casefold())
    return None


def _gap_ok(text: str, a: Tok, b: Tok) -> bool:
    gap = text[a.e:b.s]
    return gap.strip() == "" and "\n" not in gap


def _joined(text: str, a: Tok, b: Tok) -> bool:
    """Tokens a and b are separated by spaces or a hyphen only (one name may span them)."""
    return _gap_ok(text, a, b) or text[a.e:b.s] in ("-", ". ", "'s ", "’s ", "' ", "’ ")


# lowercase administrative heads left outside a place's quote ("Gansu province" → "Gansu",
# "Minle township" → "Minle"); the annotated sets keep "Aksu prefecture", "Shache county" whole
LOWER_ADMIN_HEADS = frozenset(("province",))
LOWER_SMALL_HEADS = frozenset(("township", "town", "village"))


def _lexicon_matches(text: str, toks: list[Tok]) -> list[tuple[int, int, Entry]]:
    lex = lexicon()
    first = lex.latin_first
    n = len(toks)
    out, i = [], 0
    while i < n:
        w = toks[i].w.casefold()
        most = first.get(w) or first.get(w.split("-")[0]) or 0
        if not most:        # every entry's first word is in latin_first: none opens here (issue 13)
            i += 1
            continue
        k = i + 1
        while k < n and k - i < most + 1 and _joined(text, toks[k - 1], toks[k]):
            k += 1
        if "@" in text[max(0, toks[i].s - 1):toks[i].e + 1]:
            i += 1          # an e-mail address (cuijia@chinadaily.com.cn) names nothing
            continue
        for j in range(k, i, -1):
            span = " ".join(text[toks[i].s:toks[j - 1].e].split())
            entry = _lookup(span, j - i == 1)
            if entry is not None and j - i > 1 and toks[j - 1].w in LOWER_ADMIN_HEADS:
                # "Heilongjiang province": a lowercase head is not part of the name (the gold quotes
                # "Heilongjiang"); an official name keeps its words (Xinjiang Uygur autonomous region)
                short = lex.latin.get(" ".join(text[toks[i].s:toks[j - 2].e].split()))
                if short is not None and short.label == "PLACE":
                    entry, j = short, j - 1
            if entry is not None:
                out.append((i, j, entry))
                i = j
                break
        else:
            i += 1
    return out


def _before(text: str, pos: int, n: int = 24) -> str:
    return " ".join(text[max(0, pos - n):pos].split()).casefold()


# patterns tried per candidate or per sentence, compiled once (issue 13)
_APPOSITION = rx.compile(r"\s*,\s*([\p{L}\d][\p{L}\d\-]*)")
_AGE_APPOSITION = rx.compile(r"\s*,\s*(?:de\s+)?\d{1,2}(?:\s+años)?\s*,")
_NEXT_WORD = rx.compile(r"\s+([\p{L}]+)")
_NON_BLANK = rx.compile(r"\S+")
_SENTENCE_INSIDE = rx.compile(r"[.!?]\s+\p{Lu}")


def _ends_with_title(before: str, d: dict) -> bool:
    """``before`` ends with a person title after a non-alphanumeric character (or is one): one set
    look-up per title length, not an ``endswith`` per title (issue 13)."""
    n, titles = len(before), d["title_set"]
    for k in d["title_lengths"]:
        if k > n:
            break
        if before[n - k:] in titles and (k == n or not before[n - k - 1].isalnum()):
            return True
    return False


def _person_cue(text: str, toks: list[Tok], i: int, j: int, d: dict) -> bool:
    """A title before tokens[i:j] or a verb/apposition after them."""
    before = _before(text, toks[i].s).rstrip(",:")
    if _ends_with_title(before, d):
        return True
    after = text[toks[j - 1].e:toks[j - 1].e + 30]
    if toks[j - 1].e < len(text) and text[toks[j - 1].e:toks[j - 1].e + 2] in ("'s", "’s"):
        return True
    m = _APPOSITION.match(after)
    if m and m.group(1).casefold() in d["appositions"]:
        return True
    if _AGE_APPOSITION.match(after):     # Tursun, 45, … / Aygul, de 28 años,
        return True
    m = _NEXT_WORD.match(after)
    return bool(m and m.group(1) in d["after"])


def _single_name_ok(text: str, toks: list[Tok], x: int, d: dict) -> bool:
    """A lone capitalized word is a person only if it is not a common word (Year, Festival) and not
    the tail of a capitalized phrase (New Year, Chinese New Year) — a title before it is fine (Mr. X)."""
    w = toks[x].w
    if w in d["not_person"] or w.casefold() in d["not_person"]:
        return False
    if x > 0 and toks[x - 1].cap and _gap_ok(text, toks[x - 1], toks[x]):
        prev = toks[x - 1].w.rstrip(".")
        if prev not in d["run_titles"] and prev.casefold() not in d["titles"] and toks[x - 1].w not in d["titles"]:
            return False
    return True


def _romanized_person(toks: list[Tok], d: dict, caps_ok: bool = False) -> bool:
    """Surname + pinyin given name: Zhang Wei, Ma Shujun (ALL CAPS only after a byline cue)."""
    words = [t.w.capitalize() if caps_ok and t.w.isupper() else t.w for t in toks]
    if not 2 <= len(words) <= 3 or words[0] not in d["surnames"]:
        return False
    return all(w[:1].isupper() and not w.isupper() and looks_pinyin(w) for w in words[1:])


ARTICLES_ES = frozenset(("la", "las", "los", "el"))
SCOPE_EN = frozenset(("International", "National", "Global", "World", "Regional", "Provincial"))
SPANISH_LOOK = rx.compile(r"[áéíóúñü]|(?:ción|ciones|dad|dades|ía|ías|os|as|es|ado|ada|ero|era|ico|ica|al|ales|or|ora)$",
                             regex.IGNORECASE)


def _es_key(phrase: str) -> str:
    """Normalized lookup key of a Spanish phrase: casefolded, articles dropped, del → de."""
    words = [w for w in phrase.casefold().replace("del ", "de ").split() if w not in ARTICLES_ES]
    return " ".join(words)


def _es_word(w: str, d: dict) -> str | None:
    return d["es_glossary"].get(_es_key(w))


def _looks_proper(words: list[str]) -> bool:
    """Capitalized words that are names, not untranslated Spanish: pinyin, listed, acronyms."""
    for w in words:
        if not w[:1].isupper():
            return False
        if w.isupper() or looks_pinyin(w) or _lookup(w, True) is not None:
            continue
        if not SPANISH_LOOK.search(w):
            continue            # Tsinghua, Kayyum: a foreign name, not an untranslated Spanish word
        return False
    return True


def _es_phrase(words: list[str], d: dict) -> str | None:
    """A Spanish noun phrase (noun + adjectives, maybe 'X y Y') → English, or None if a word is unknown."""
    key = _es_key(" ".join(words))
    if key in d["es_glossary"]:
        return d["es_glossary"][key]
    if any(w in ("y", "e") for w in words):
        parts, cur = [], []
        for w in words + ["y"]:
            if w in ("y", "e"):
                if not cur:
                    return None
                en = _es_phrase(cur, d)
                if en is None:
                    return None
                parts.append(en)
                cur = []
            else:
                cur.append(w)
        return " and ".join(parts)
    out = []
    for w in words:
        en = _es_word(w, d)
        if en is None:
            return None
        out.append(en)
    return " ".join([*reversed(out[1:]), out[0]])


def _es_title(surface: str) -> str:
    """The surface as written, title-cased (connectors stay lowercase): a name we cannot translate."""
    words = surface.split()
    return " ".join(w if w.casefold() in ("de", "del", "la", "las", "los", "el", "y", "e", "para") and k
                    else w[:1].upper() + w[1:] for k, w in enumerate(words))


def _es_canonical(head: str, lead: list[str], groups: list[list[str]], d: dict) -> str | None:
    """English for HEAD [lead] de G1 de G2 …: 'X de Y de Z' → 'Z Y X'; None when a word is unknown.

    Multiword glossary entries may span 'de' (oficina de comercio → Commerce Bureau, ruta de la seda
    → Silk Road); a produce noun + de + place reads '<Place> <Noun>' (melón de Hami → Hami Melon).
    """
    gl = d["es_glossary"]
    # units: (kind, words) with kind head | proper | np
    units: list[tuple[str, list[str]]] = [("head", [head, *lead])]
    paren = ""
    for g in groups:
        if g and g[-1] == "\x00paren":
            paren = f"({' '.join(g[:-1])})"        # China (Xinjiang): stays with the unit before it
            continue
        if g and g[-1] == "\x00proper":
            units.append(("proper", g[:-1]))
        else:
            units.append(("np", g))
    # merge runs that a glossary entry spells across "de" (longest first)
    merged: list[tuple[str, str]] = []      # (kind, english): kind head | place | proper | mod
    x = 0
    while x < len(units):
        for y in range(len(units), x, -1):
            key = " de ".join(_es_key(" ".join(u[1])) for u in units[x:y])
            if key in gl and (y > x + 1 or x == 0 and lead):
                merged.append(("head" if x == 0 else "mod", gl[key]))
                if x == 0:
                    lead = []       # Zona Piloto de Libre Comercio → Pilot Free Trade Zone
                x = y
                break
            if x == 0 and lead:
                key = " de ".join([_es_key(head), *(_es_key(" ".join(u[1])) for u in units[1:y])])
                if key in gl and y > 1:
                    merged.append(("head", gl[key]))
                    x = y
                    break
        else:
            kind, words = units[x]
            nxt = units[x + 1] if x + 1 < len(units) else None
            noun = d["products"].get(" ".join(words).casefold()) if kind == "np" else None
            level = d["place_heads"].get(words[0]) if kind == "np" and len(words) == 1 else None
            if level and nxt is not None and nxt[1][0][:1].isupper():
                # Oficina de Comercio de la ciudad de Hami → Hami City Commerce Bureau
                entry = _lookup(" ".join(nxt[1]), len(nxt[1]) == 1)
                place = entry.base or entry.canonical if entry is not None and entry.label == "PLACE" \
                    else " ".join(nxt[1])
                merged.append(("place", place if place.endswith(level) else f"{place} {level}"))
                x += 2
                continue
            if noun and nxt is not None and nxt[1][0][:1].isupper():
                # melón de Hami → Hami Melon
                entry = _lookup(" ".join(nxt[1]), len(nxt[1]) == 1)
                place = entry.base or entry.canonical if entry is not None and entry.label == "PLACE" \
                    else " ".join(nxt[1])
                merged.append(("mod", f"{place} {noun.title()}"))
                x += 2
                continue
            if kind == "head":
                en = d["org_heads"].get(words[0]) or d["event_heads"].get(words[0]) \
                    or d["place_name_heads"].get(words[0])
                merged.append(("head", en))
            elif kind == "proper":
                merged.append(("proper", " ".join(words)))
            else:
                entry = _lookup(" ".join(words), len(words) == 1) if words[0][:1].isupper() else None
                if entry is not None and entry.label == "PLACE":
                    merged.append(("place", entry.base or entry.canonical))
                else:
                    en = _es_phrase(words, d)
                    split = next((c for c in range(len(words) - 1, 0, -1)
                                  if _es_phrase(words[:c], d) is not None
                                  and all(looks_pinyin(w) or _lookup(w, True) is not None for w in words[c:])), None) \
                        if en is None and len(words) > 1 and words[0][:1].isupper() else None
                    if en is None and _looks_proper(words):
                        merged.append(("proper", " ".join(words)))
                    elif split is not None:     # Frutas Tianhe: a complement, then a proper name
                        merged.append(("mod", _es_phrase(words[:split], d)))
                        merged.append(("proper", " ".join(words[split:])))
                    elif en is None:
                        return None
                    else:
                        merged.append(("official" if words[0][:1].isupper() else "mod", en))
            x += 1
    if paren and len(merged) > 1:
        merged[-1] = (merged[-1][0], f"{merged[-1][1]} {paren}")
    head_en = merged[0][1] if merged[0][0] == "head" else None
    rest = merged[1:] if head_en else merged
    if head_en is None:
        return None
    lead_props, lead_adjs = [], []
    for w in lead:
        en = _es_word(w, d)
        if en is not None:
            lead_adjs.append(en)
        elif _looks_proper([w]):
            lead_props.append(w)
        else:
            return None
    front = []
    while rest and rest[-1][0] in ("place", "proper"):
        front.append(rest.pop()[1])
    official = [en for k, en in rest if k == "official"]
    if official and head in d["of_heads"] and len(official) == len(rest):
        # Departamento de Comercio de Xinjiang → Xinjiang Department of Commerce
        return " ".join([*front, *lead_props, *lead_adjs, head_en, "of", " and ".join(official)])
    # scope adjectives (International) lead; others stay with the head (Semana Cultural → Cultural Week)
    scope = [a for a in lead_adjs if a in SCOPE_EN]
    own = [a for a in lead_adjs if a not in SCOPE_EN]
    return " ".join([*front, *lead_props, *scope, *(en for _, en in reversed(rest)), *own, head_en])


def _spanish_names(text: str, toks: list[Tok], d: dict, base: int, lex_starts: set[int]) -> list[Candidate]:
    """Centro de servicios de comercio electrónico de Yarkant → ORG; condado de X → PLACE X;
    grutas de Mogao → PLACE; albaricoques secos de Dunhuang → PRODUCT."""
    out = []
    n = len(toks)
    for i, t in enumerate(toks):
        head_en = d["org_heads"].get(t.w) or d["event_heads"].get(t.w) or d["place_name_heads"].get(t.w)
        if head_en and i not in lex_starts:
            label = "ORG" if t.w in d["org_heads"] else "EVENT_NAME" if t.w in d["event_heads"] else "PLACE"
            j, groups, last = i + 1, [], i
            # capitalized words of an official name right after the head: Universidad Agrícola de …
            lead = []
            while j < n and toks[j].cap and toks[j].w not in d["stop_own"] and _gap_ok(text, toks[j - 1], toks[j]):
                lead.append(toks[j].w)
                last = j
                j += 1
            while j + 1 < n and toks[j].w in ("de", "del", "para") and _gap_ok(text, toks[j - 1], toks[j]):
                k = j + 1
                if toks[k].w in ARTICLES_ES and k + 1 < n:
                    k += 1
                words = [toks[k].w]
                last_k = k
                while last_k + 1 < n and _gap_ok(text, toks[last_k], toks[last_k + 1]):
                    nw = toks[last_k + 1].w
                    if nw.islower() and ADJ_ES.search(nw) and not NOT_ADJ_ES.search(nw) and nw not in d["connectors"]:
                        last_k += 1
                        words.append(nw)
                    elif toks[k].cap and toks[last_k + 1].cap and toks[last_k + 1].w not in d["stop_own"]:
                        last_k += 1         # Comercio Electrónico, Ruta Seda: a capitalized complement
                        words.append(nw)
                    elif toks[k].cap and nw == "en" and last_k + 2 < n and toks[last_k + 2].cap \
                            and _gap_ok(text, toks[last_k + 1], toks[last_k + 2]):
                        last_k += 2         # Transmisiones en Vivo, Comercio en Línea
                        words += [nw, toks[last_k].w]
                    elif toks[k].cap and nw in ("y", "e") and last_k + 2 < n and toks[last_k + 2].cap \
                            and _gap_ok(text, toks[last_k + 1], toks[last_k + 2]):
                        last_k += 2         # Agricultura y Asuntos Rurales
                        words += [nw, toks[last_k].w]
                    else:
                        break
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
            pm = PAREN_TAIL.match(text, toks[last].e)
            end = toks[last].e
            if pm and groups:
                end = pm.end()
                groups.append([pm.group(2), "\x00paren"])
                while last + 1 < n and toks[last + 1].e <= pm.end():
                    last += 1
            if not groups and not lead:
                continue
            if not groups and len(lead) == 1 and lead[0].casefold() in d["translations"]:
                continue        # El Centro Nacional: a bare head with an adjective
            surface = text[t.s:end]
            canonical = _es_canonical(t.w, lead, groups, d) or _es_title(" ".join(surface.split()))
            out.append(Candidate(base + t.s, base + end, label, canonical, "es-head", RULE, text=surface))
        # condado de Foo → PLACE "Foo" (the annotators quote the name only); an official full name
        # with adjectives stays whole (región autónoma uygur de Xinjiang, prefectura autónoma mongol de …)
        if t.w in d["place_heads"]:
            m = i + 1
            while m < n and m - i <= 3 and toks[m].w in PLACE_ADJ_ES:
                m += 1
            if m + 1 < n and toks[m].w == "de" and toks[m + 1].cap and toks[m + 1].w not in d["stop"] \
                    and _gap_ok(text, toks[m], toks[m + 1]):
                k = m + 1
                while k + 1 < n and toks[k + 1].cap and _gap_ok(text, toks[k], toks[k + 1]):
                    k += 1
                name = text[toks[m + 1].s:toks[k].e]
                head = d["place_heads"][t.w]
                if m > i + 1:
                    known = _lookup(f"{name} {head}", False)
                    canonical = known.canonical if known is not None and known.label == "PLACE" \
                        else " ".join([name, *(d["place_adj_en"].get(toks[x].w, toks[x].w.title())
                                               for x in range(i + 1, m)), head])
                    out.append(Candidate(base + t.s, base + toks[k].e, "PLACE", canonical, "es-head", RULE,
                                         text=text[t.s:toks[k].e]))
                elif t.w != "región":
                    known = _lookup(name, k == m + 1)
                    if known is not None and known.label != "PLACE":
                        continue
                    canonical = known.canonical if known is not None else f"{name} {head}"
                    out.append(Candidate(base + toks[m + 1].s, base + toks[k].e, "PLACE", canonical, "es-place",
                                         RULE, text=name))
        # grutas de Mogao → PLACE "Mogao Grottoes" (a scenic site: the generic word is part of the name)
        site = d["site_heads"].get(t.w) or d["site_heads"].get(t.w.casefold())
        if site and i + 2 < n and toks[i + 1].w in ("de", "del") and toks[i + 2].cap \
                and toks[i + 2].w not in d["stop"] and _gap_ok(text, t, toks[i + 1]):
            k = i + 2
            while k + 1 < n and toks[k + 1].cap and _gap_ok(text, toks[k], toks[k + 1]):
                k += 1
            name = text[toks[i + 2].s:toks[k].e]
            known = _lookup(f"{name} {site}", False)
            canonical = known.canonical if known is not None and known.label == "PLACE" else f"{name} {site}"
            out.append(Candidate(base + t.s, base + toks[k].e, "PLACE", canonical, "es-site", RULE,
                                 text=text[t.s:toks[k].e]))
        # albaricoques secos de Dunhuang, goji de Zhongning → PRODUCT "<Place> <noun>"
        if t.w.islower():
            for k in (3, 2, 1):
                if i + k + 1 < n:
                    phrase = " ".join(x.w for x in toks[i:i + k])
                    noun = d["products"].get(phrase)
                    if noun and toks[i + k].w in ("de", "del") and toks[i + k + 1].cap \
                            and toks[i + k + 1].w not in d["stop"] \
                            and all(_gap_ok(text, toks[x], toks[x + 1]) for x in range(i, i + k + 1)):
                        pt = toks[i + k + 1]
                        entry = _lookup(pt.w, True)
                        if entry is not None and entry.label != "PLACE" or entry is None and not looks_pinyin(pt.w):
                            break
                        place = (entry.base or entry.canonical) if entry is not None else pt.w
                        out.append(Candidate(base + t.s, base + pt.e, "PRODUCT", f"{place} {noun}", "product",
                                             RULE, text=text[t.s:pt.e]))
                        break
    return out


def find_latin(text: str, base: int = 0, lang: str = "en") -> list[Candidate]:
    d = _data(lang)
    toks = _tokens(text)
    n = len(toks)
    out: list[Candidate] = []
    matches = _lexicon_matches(text, toks)
    # a pinyin given name that is also a listed place, right after a surname, is a person's name
    # ("Wang Xinyu", "Zhang Anqing"), not the city
    covered = {x for i, j, _ in matches for x in range(i, j)}
    matches = [(i, j, e) for i, j, e in matches
               if not (j - i == 1 and i > 0 and e.label == "PLACE" and e.level and i - 1 not in covered
                       and toks[i - 1].w in d["surnames"] and _gap_ok(text, toks[i - 1], toks[i])
                       and looks_pinyin(toks[i].w) and not toks[i].w.isupper())]
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

    # an unlisted place that reads as pinyin + produce: Dunhuang apricots, Zhongning goji
    listed = {x for i, j, _ in matches for x in range(i, j)}
    for i, t in enumerate(toks):
        if i in listed or not t.cap or t.w.isupper() or t.w in d["stop"] or not looks_pinyin(t.w) \
                or i > 0 and toks[i - 1].cap and _gap_ok(text, toks[i - 1], t):
            continue
        for k in (2, 1):
            if i + k < n and all(_gap_ok(text, toks[x], toks[x + 1]) for x in range(i, i + k)):
                phrase = " ".join(x.w for x in toks[i + 1:i + 1 + k])
                after = toks[i + 1 + k].w if i + 1 + k < n else ""
                if phrase in d["products"] and after.casefold() not in NOT_PRODUCT_AFTER:
                    e = toks[i + k].e
                    out.append(Candidate(base + t.s, base + e, "PRODUCT", f"{t.w} {d['products'][phrase]}",
                                         "product", RULE, text=text[t.s:e]))
                    break

    # an official name with a bracketed part: China (Xinjiang) Pilot Free Trade Zone
    for mt in PAREN_NAME.finditer(text):
        words = mt.group(3).split()
        label = d["heads"].get(" ".join(words[-2:])) or d["heads"].get(words[-1])
        if label is not None and len(words) >= 2:
            s0 = mt.start()
            for w in _NON_BLANK.findall(mt.group(1))[:-1]:     # a leading article is not in the name
                if w not in d["stop"]:
                    break
                s0 = text.index(w, s0) + len(w) + 1
            if s0 >= mt.end(1):
                continue
            surface = text[s0:mt.end()]
            entry = _lookup(surface, False)
            canonical = entry.canonical if entry is not None and entry.label != SKIP else surface
            out.append(Candidate(base + s0, base + mt.end(), label, canonical, "head", RULE, text=surface))

    # capitalized runs (connectors allowed inside); a Title Case headline has no runs to trust
    words = [t for t in toks if t.w not in d["connectors"] and t.w[:1].isalpha()]
    title_case = len(words) >= 4 and not any(t.w.islower() and len(t.w) >= 4 for t in words) \
        and not _SENTENCE_INSIDE.search(text)
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
            elif toks[j].w == "de" and j + 2 < n and toks[j + 1].w in ("la", "las", "los") and toks[j + 2].cap \
                    and toks[i].w in d["given"] and _gap_ok(text, toks[j], toks[j + 1]) \
                    and _gap_ok(text, toks[j + 1], toks[j + 2]):
                j += 3          # José de la Cruz Martínez: a particle inside a person's name
            else:
                break
        a = i
        while a < j and (toks[a].w in d["stop"] or toks[a].w in d["connectors"]) and a not in in_lex:
            a += 1
        if a < j:
            out.extend(_classify_run(text, toks, a, j, in_lex, d, base, title_case))
        i = j
    out.extend(_domain_names(text, toks, in_lex, d, base))
    if not title_case:
        out.extend(_preposition_places(text, toks, in_lex, d, base))
    if lang == "es":
        out.extend(_spanish_names(text, toks, d, base, {i for i, _, _ in matches}))
    if d["org_lower"]:
        out.extend(_lowercase_names(text, toks, matches, d, base))
        out.extend(c for c in _lowercase_names(text, toks, _unlisted_places(text, toks, in_lex, d), d, base)
                   if c.label == "ORG")
    return out


SENTENCE_OPEN = rx.compile(r"(?:^|[.!?:;\n\"“(]\s*)$")


def _unlisted_places(text, toks, in_lex, d) -> list[tuple[int, int, Entry]]:
    """Capitalized runs (1-3 words, not listed) right before a lowercase level or modifier word —
    "Wuchang commerce bureau" — offered to _lowercase_names as places (only its ORG reading is kept).
    A run that opens a sentence must read as pinyin (not "Local commerce bureau")."""
    spec = d["org_lower"]
    out, n, i = [], len(toks), 0
    while i < n:
        if toks[i].w in d["stop"] or toks[i].w in d["connectors"]:
            i += 1
            continue
        j = i
        while j < n and j - i < 4 and toks[j].cap and j not in in_lex and (j == i or _gap_ok(text, toks[j - 1], toks[j])):
            j += 1
        if j == i:
            i += 1
            continue
        run = toks[i:j]
        ok = 1 <= len(run) <= 3 and j < n and _gap_ok(text, toks[j - 1], toks[j]) \
            and toks[j].w.islower() and (toks[j].w in spec["levels"] or toks[j].w in spec["modifiers"]) \
            and not any(t.w in d["stop"] or t.w in d["connectors"] or t.w in d["generic"] or t.w in d["not_person"]
                        or t.w.isupper() for t in run) \
            and (i == 0 or not toks[i - 1].cap or toks[i - 1].w in d["stop"] or not _gap_ok(text, toks[i - 1], toks[i]))
        if ok and SENTENCE_OPEN.search(text[:run[0].s]) and not all(looks_pinyin(t.w) for t in run):
            ok = False
        if ok:
            name = " ".join(t.w for t in run)
            out.append((i, j, Entry("PLACE", name, base=name)))
        i = j
    return out


DOMAIN = rx.compile(r"[\p{L}\p{N}][\p{L}\p{N}\-]*(?:\.[\p{L}\p{N}\-]+)*\.(?:com|cn|net|org|es|info|tv|io)",
                       regex.IGNORECASE)
DOMAIN_TLDS = frozenset("com cn net org es info tv io gov edu co".split())
DOMAIN_SUBS = frozenset("www en es english spanish espanol m mobile wap news global".split())


def _domain_names(text, toks, in_lex, d, base) -> list[Candidate]:
    """Websites named by their domain: Alibaba.com → ORG "Alibaba", Made-in-China.com → ORG; a listed
    platform's domain stays a PLATFORM.  Addresses (e-mail, URL paths) are skipped."""
    out = []
    for i, t in enumerate(toks):
        if i in in_lex or not DOMAIN.fullmatch(t.w):
            continue
        before, after = text[max(0, t.s - 3):t.s], text[t.e:t.e + 1]
        if "@" in before or "/" in before or after in ("/", "@"):
            continue
        labels = t.w.split(".")
        while labels and labels[-1].casefold() in DOMAIN_TLDS:
            labels.pop()
        while len(labels) > 1 and labels[0].casefold() in DOMAIN_SUBS:
            labels.pop(0)
        if not labels or not any(ch.isalpha() for ch in labels[-1]):
            continue
        label, canonical = "ORG", t.w[:1].upper() + t.w[1:]
        for part in reversed(labels):
            entry = lexicon().latin_fold.get(part.casefold())
            if entry is not None and entry.label in ("ORG", "PLATFORM"):
                label, canonical = entry.label, entry.canonical
                break
        out.append(Candidate(base + t.s, base + t.e, label, canonical, "domain", RULE, text=t.w))
    return out


def _preposition_places(text, toks, in_lex, d, base) -> list[Candidate]:
    """A lone capitalized word after a place preposition is a place: "to Duisburg", "in Nepal",
    "desde Duisburgo".  Not a listed name, a common or title word, a given name, a surname, a
    language, an acronym, a possessive (to Gulnar's shop) or part of a longer capitalized run."""
    out = []
    n = len(toks)
    for i in range(1, n):
        t, p = toks[i], toks[i - 1]
        if p.w not in d["place_preps"] or text[p.e:t.s] != " " or i in in_lex or not t.cap or t.w.isupper() \
                or len(t.w) < 3 or not t.w.replace("-", "").isalpha():
            continue
        w = t.w
        if w in d["stop"] or w in d["not_person"] or w in d["not_place"] or w in d["given"] \
                or w in d["surnames"] or w in d["run_titles"] or w in d["generic"] or w in d["heads"] \
                or w.rstrip(".") in d["titles"] or w.endswith(("ese", "ish")):
            continue
        if i + 1 < n and (toks[i + 1].cap or i + 1 in in_lex) and _gap_ok(text, t, toks[i + 1]):
            continue
        if text[t.e:t.e + 2] in ("'s", "’s") or _before(text, p.s, 12).endswith(("according", "thanks", "due",
                                                                                 "close", "next")):
            continue
        out.append(Candidate(base + t.s, base + t.e, "PLACE", w, "prep", CUE, text=w))
    return out


def _lowercase_names(text, toks, matches, d, base) -> list[Candidate]:
    """<Place> [level] lowercase modifiers <head>: "Altay prefectural commerce bureau" → ORG,
    "Turpan grape festival" → EVENT_NAME; a listed event runs on over "shopping festival" (Double 11)."""
    spec = d["org_lower"]
    prods = d["products"]
    out = []
    n = len(toks)
    for i, j, entry in matches:
        if entry.label not in ("PLACE", "EVENT_NAME", "PRODUCT") or j >= n:
            continue
        k = j
        level, has_level = "", False
        if entry.label == "PLACE" and toks[k].w in spec["levels"] and _gap_ok(text, toks[k - 1], toks[k]):
            level, has_level = spec["levels"][toks[k].w], True
            k += 1
        mods: list[str] = []
        while k < n and _gap_ok(text, toks[k - 1], toks[k]) and len(mods) < 5:
            w = toks[k].w
            if w in spec["org_heads"] or w in spec["event_heads"]:
                break
            if w.islower() and (w in spec["modifiers"] or w in spec["event_modifiers"] or w in prods
                                or w == "and" and mods):
                mods.append(w)
                k += 1
                continue
            inner = _lookup(w, True) if toks[k].cap and has_level and not mods else None
            if inner is not None and inner.label == "PLACE" and k + 1 < n and toks[k + 1].w in spec["modifiers"]:
                mods.append("\x00" + (inner.base or inner.canonical))   # provincial Xinjiang aid headquarters
                k += 1
                continue
            break
        if k >= n or not _gap_ok(text, toks[k - 1], toks[k]) or mods and mods[-1] == "and":
            continue
        w = toks[k].w
        if w in spec["org_heads"] and entry.label == "PLACE" and (mods or has_level) \
                and all(m in spec["modifiers"] or m == "and" or m.startswith("\x00") for m in mods):
            label, head = "ORG", spec["org_heads"][w]
        elif w in spec["event_heads"] and (entry.label != "PLACE" or mods):
            label, head = "EVENT_NAME", spec["event_heads"][w]
        else:
            continue
        s, e = toks[i].s, toks[k].e
        if label == "EVENT_NAME" and entry.label == "EVENT_NAME":
            canonical = entry.canonical
        elif entry.label == "PRODUCT":       # Turpan grape festival → Turpan Grape Festival
            words = [*entry.canonical.split(), *mods, head]
            canonical = " ".join(x[:1].upper() + x[1:] for x in words)
        else:
            prefix = entry.canonical if entry.label == "PLACE" and " " in entry.canonical and not level \
                else (entry.base or entry.canonical)
            last = toks[j - 1].w.casefold()
            if entry.label == "PLACE" and not level and j - i > 1 and spec["levels"].get(last) \
                    and not prefix.endswith(spec["levels"][last]):
                prefix = f"{entry.base or entry.canonical} {spec['levels'][last]}"      # Hami city → Hami City
            words = [prefix, level, *(m if m == "and" else m[1:] if m.startswith("\x00") else m[:1].upper() + m[1:]
                                      for m in mods), head]
            canonical = " ".join(x for x in words if x)
        out.append(Candidate(base + s, base + e, label, canonical, "lower", RULE, text=text[s:e]))
    return out


def _given_start(text: str, seg: list[Tok], d: dict) -> int | None:
    """Index in ``seg`` where a person's name opens with a listed given name (2-4 words, no acronym,
    place head or common word), or None.  The name may follow one capitalized word at the start of
    the sentence ("Dice María Fernanda López …", "Ayer Pedro Navarro …")."""
    for g in (0, 1):
        rest = seg[g:]
        if not 2 <= len(rest) <= 4 or rest[0].w not in d["given"]:
            continue
        if g == 1 and text[:seg[0].s].strip(" \"'“”¿¡«—-"):
            continue
        if any(t.w.isupper() or t.w in d["heads"] or t.w in d["not_person"] for t in rest):
            continue
        return g
    return None


def _brand_company(text, toks, a, j, in_lex, d) -> int | None:
    """End offset of "<Place> <Brand> Coffee [Co., Ltd.]" (a company's trade name), else None:
    three or more capitalized words, a place (listed or pinyin) first, a trade head last."""
    words = [t.w for t in toks[a:j]]
    last = next((x for x in range(len(words) - 1, -1, -1) if words[x] in d["brand_heads"]), None)
    if last is None or last < 2 or any(w in d["stop"] or w.isupper() for w in words[:last]):
        return None
    first = in_lex.get(a)
    if not (first is not None and first[2].label == "PLACE" or looks_pinyin(words[0])):
        return None
    if last < len(words) - 1 and not all(w.rstrip(".") in ("Co", "Ltd", "Limited", "Inc", "Company", "Group",
                                                             "Corporation", "Corp", "LLC")
                                         for w in words[last + 1:]):
        return None
    end = toks[j - 1].e
    tail = CO_LTD.match(text, end) if words[-1] in ("Co", "Company") or last == len(words) - 1 else None
    if tail:
        end = tail.end()
    elif text[end:end + 1] == "." and words[-1] in ("Co", "Ltd", "Inc", "Corp"):
        end += 1
    return end


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
                                       and (in_lex[x - 1][0] == a or toks[a].w in d["stop"])) \
                    or toks[a].w in d["given"] and toks[x + 1].w in d["given"] or left in d["product_types"] \
                    or x - a in (2, 3) and j - x - 1 in (2, 3) and _romanized_person(toks[a:x], d) \
                    and _romanized_person(toks[x + 1:j], d):
                # … two romanized names: "Photos by Li Hao and Chen Xi"
                # … or two people: "Carlos Sánchez y Laura Jiménez"
                return [*_classify_run(text, toks, a, x, in_lex, d, base, title_case),
                        *_classify_run(text, toks, x + 1, j, in_lex, d, base, title_case)]
    out = []
    run = toks[a:j]
    words = [t.w for t in run]
    s, e = run[0].s, run[-1].e
    surface = text[s:e]
    if 2 <= len(run) <= 4 and words[-1] in d["product_types"] and not title_case:
        # a place-named product type: Duyun Maojian, West Lake Longjing
        return [Candidate(base + s, base + e, "PRODUCT", surface, "product-type", RULE, text=surface)]
    brand = _brand_company(text, toks, a, j, in_lex, d)
    if brand is not None and not title_case:
        ee = brand
        return [Candidate(base + s, base + ee, "ORG", text[s:ee], "head", RULE, text=text[s:ee])]
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
        if j - 1 not in in_lex:
            # a small unit's lowercase head stays outside the quote (Minle township → "Minle"), the
            # canonical keeps it; "Foo county" is quoted whole
            q = e if toks[j].w in LOWER_SMALL_HEADS else ee
            return [Candidate(base + s, base + q, "PLACE", f"{name} {d['lower_heads'][toks[j].w]}", "head", RULE,
                              text=text[s:q])]
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
            lead = in_lex.get(a)
            if entry is None and lead is not None and lead[0] == a and lead[1] < j and lead[2].label == "PLACE" \
                    and (head_label == "PLACE" or words[-1] == "Customs"):
                # Horgos Customs → "Khorgos Customs": the listed place's own English name
                name = text[toks[a].s:toks[lead[1] - 1].e]
                own = lead[2].canonical if " " in name else (lead[2].base or lead[2].canonical)
                canonical = own + surface[len(name):]
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
            ss, ee = seg[0].s, seg[-1].e       # a connector at an edge (By LI WEI and ZHANG MIN) stays out
            if _romanized_person(seg, d):
                out.append(Candidate(base + ss, base + ee, "PERSON", " ".join(t.w for t in seg), "pinyin",
                                     RULE, text=text[ss:ee]))
            elif all(t.w.isupper() for t in seg) and _romanized_person(seg, d, caps_ok=True) \
                    and (_person_cue(text, toks, x, y, d) or BYLINE.match(text)):
                out.append(Candidate(base + ss, base + ee, "PERSON", " ".join(t.w.capitalize() for t in seg),
                                     "pinyin", RULE, text=text[ss:ee]))
            elif _given_start(text, seg, d) is not None and not title_case:
                # José Luis Rodríguez Zapatero, María Fernanda López: a listed given name opens the run
                # (after a sentence-initial verb: "Dice María Fernanda López que …")
                g = _given_start(text, seg, d)
                ss = seg[g].s
                out.append(Candidate(base + ss, base + ee, "PERSON", " ".join(text[ss:ee].split()), "given",
                                     RULE, text=text[ss:ee]))
            elif PLACE_APPOSITION.match(text, ee):
                # "in Darya Boyi, a town located in …": an apposition that names a place
                out.append(Candidate(base + ss, base + ee, "PLACE", " ".join(t.w for t in seg), "cue", CUE,
                                     text=text[ss:ee]))
            elif not any(t.w.isupper() and len(t.w) > 1 for t in seg) and _person_cue(text, toks, x, y, d) \
                    and (len(seg) > 1 or _single_name_ok(text, toks, x, d)):
                out.append(Candidate(base + ss, base + ee, "PERSON", " ".join(t.w for t in seg),
                                     "cue" if len(seg) > 1 else "cue1", CUE, text=text[ss:ee]))
            elif 2 <= len(seg) <= 3 and y - x == len(seg) and not any(t.w.isupper() for t in seg) and not title_case:
                out.append(Candidate(base + ss, base + ee, MAYBE, " ".join(t.w for t in seg), "maybe",
                                     CUE, text=text[ss:ee]))
        x = y
    return out


# A byline or credit written in capitals: "Por MARÍA JOSÉ SERRANO | EL PAÍS", "By MAO WEIHUA in Urumqi",
# a line holding only "MARÍA JOSÉ SERRANO".  Used only on byline-like lines (see entities.find).
BYLINE_CUE = rx.compile(r"(?:^|(?<=[\s|(]))(?:Por|POR|By|BY|Texto|Text|Fotos?|Photos?|Reportaje|Reporting)\s*:?\s+$")
CAPS_NAME = rx.compile(
    r"(?<![\p{L}\p{N}])\p{Lu}[\p{Lu}'’\-]+(?:\s+(?:(?:DE|DEL|DE LA|DE LOS|Y|VAN|VON)\s+)?\p{Lu}[\p{Lu}'’\-]+){1,3}"
    r"(?![\p{L}\p{N}])")
CAPS_AFTER = rx.compile(r"\s*(?:$|[|,/(–—-]|\b(?:in|en|from|desde|and|y)\b)")
CAPS_PARTICLES = frozenset(("De", "Del", "La", "Los", "Y", "Van", "Von"))


OUTLET_CAPS = rx.compile(r"(?<![\p{L}\p{N}])\p{Lu}[\p{Lu}'’&.\-]+(?:\s+\p{Lu}[\p{Lu}'’&.\-]*){0,2}(?![\p{L}\p{N}])")
OUTLET_END = rx.compile(r"\s*(?:$|\|)")
CAPS_JOINER = rx.compile(r"(?:,|\band\b|\by\b|&)\s*$")


def byline_outlets(text: str, base: int = 0, lang: str = "en", *, top: bool = True,
                   persons: Iterable[Candidate] = ()) -> list[Candidate]:
    """An unlisted outlet in capitals on a byline: after a ``|`` (By LI WEI | SOUTH CHINA POST) with
    1–3 words, or as a line of its own at the top of the article (LA VANGUARDIA) with 2–3 words.
    ORG with the title-cased name as canonical; a listed name keeps its own entry."""
    d = _data(lang)
    stop = frozenset(w.casefold() for w in rules(lang).get("byline_outlet_stop") or ()) \
        | frozenset(w.casefold() for w in rules("en").get("byline_outlet_stop") or ())
    taken = [(c.start - base, c.end - base) for c in persons]
    out = []
    for m in OUTLET_CAPS.finditer(text):
        a, b = m.span()
        surface = m.group()
        words = surface.split()
        if not OUTLET_END.match(text, b) or any(a < e and s < b for s, e in taken):
            continue
        after_bar = text[:a].rstrip().endswith("|")
        alone = top and text[:a].strip() == "" and text[b:].strip() == "" and len(words) >= 2
        if not (after_bar or alone) or len(surface.replace(" ", "")) < 3:
            continue
        if any(w.casefold() in stop for w in words) or any(ch.isdigit() for ch in surface):
            continue
        title = " ".join(w.capitalize() if "-" not in w else "-".join(x.capitalize() for x in w.split("-"))
                         for w in words)
        title = " ".join(w.lower() if w in CAPS_PARTICLES and 0 < x < len(words) - 1 else w
                         for x, w in enumerate(title.split()))
        if words[0].capitalize() in d["given"] or (
                words[0].capitalize() in d["surnames"] and 2 <= len(words) <= 3
                and all(looks_pinyin(w.capitalize()) for w in words[1:])):
            continue        # a person in capitals (byline_caps handles those)
        entry = lexicon().latin.get(surface) or lexicon().latin.get(title)
        if entry is None and not after_bar and any(lexicon().latin.get(w) is not None for w in title.split()
                                                   if w not in CAPS_PARTICLES and len(w) > 2):
            continue        # a headline in capitals naming a listed place (XINJIANG APPLES BOOM)
        if entry is not None:
            if entry.label == SKIP or entry.label == "PLACE":
                continue    # page chrome (XINHUANET), or a place line (URUMQI)
            out.append(Candidate(base + a, base + b, entry.label, entry.canonical, "caps", RULE, text=surface))
            continue
        out.append(Candidate(base + a, base + b, "ORG", title, "caps", RULE, text=surface))
    return out


def byline_caps(text: str, base: int = 0, lang: str = "en") -> list[Candidate]:
    """People written in capitals on a byline/credit line, canonical title-cased (María José Serrano).
    A name counts after a cue (Por, By) or when it stands alone before a separator, and then only
    if its first word is a known given name or the name reads as surname + pinyin."""
    d = _data(lang)
    lex = lexicon()
    out = []
    for m in CAPS_NAME.finditer(text):
        surface = m.group()
        if lex.latin.get(surface) is not None or not CAPS_AFTER.match(text, m.end()):
            continue
        before = text[:m.start()]
        gap = before[out[-1].end - base:] if out else None
        # a second name joined to a cued one: By LI WEI and ZHANG MIN, Por ANA RUIZ y LUIS PÉREZ
        cued = bool(BYLINE_CUE.search(before)) or (
            gap is not None and bool(CAPS_JOINER.search(before)) and gap.strip().strip(",&").strip() in ("", "and", "y"))
        alone = before.strip() == "" or before.rstrip().endswith(("|", "/", "-", "—", "–"))
        if not (cued or alone):
            continue
        words = [w.capitalize() if "-" not in w else "-".join(x.capitalize() for x in w.split("-"))
                 for w in surface.split()]
        words = [w.lower() if w in CAPS_PARTICLES and 0 < x < len(words) - 1 else w for x, w in enumerate(words)]
        if any(w in d["not_person"] or w in d["stop"] for w in words if w.islower() is False):
            continue
        given = words[0] in d["given"]
        pinyin = words[0] in d["surnames"] and 2 <= len(words) <= 3 and all(looks_pinyin(w) for w in words[1:])
        if not (given or pinyin):
            continue
        canonical = " ".join(words)
        out.append(Candidate(base + m.start(), base + m.end(), "PERSON", canonical, "caps", RULE, text=surface))
    return out
