"""Named entities (issue 4): PLACE, ORG, PERSON, PRODUCT, PLATFORM, EVENT_NAME with an English
canonical shared by zh/en/es forms.

find(doc)       -> candidates per sentence (lexicon, suffix heads, cues; zh.py and latin.py)
resolve(doc, c) -> flat, outermost mentions + document-level aliases (Zhang → Zhang Wei,
                   省援疆指挥部 → 浙江省援疆指挥部) and anaphora (the region's Department of …)
extract(doc)    -> Mention(kind="entity") per occurrence
"""
from __future__ import annotations

import bisect
from collections import Counter
from functools import lru_cache
from typing import Iterable, Iterator

import regex

from ... import models, rx
from ...types import BYLINE, ENTITY_KINDS, Document, Mention, Sentence
from .candidate import ALIAS, CUE, Candidate
from .latin import MAYBE, byline_caps, byline_outlets, find_latin, given_names
from .lexicon import SKIP, lexicon
from .zh import _data as zh_data
from .zh import find_zh

__all__ = ["extract", "find", "resolve"]

LATIN_LETTER = rx.compile(r"[A-Za-z]{2}")
HAN = rx.compile(r"\p{Han}{2}")
HAN_ONLY = rx.compile(r"^\p{Han}+$")
SMALL_UNITS = ("镇", "乡", "村")
ADMIN_CHARS = ("地区", "自治州", "自治县", "省", "市", "县", "州", "区")
LATIN_PARTICLES = frozenset(("de", "del", "la", "las", "los", "y", "e", "van", "von", "da", "di"))
LATIN_PLACE_HEADS = ("County", "Prefecture", "City", "District", "Township", "Village", "Mountains", "Basin")


def find(doc: Document) -> list[tuple[Sentence, list[Candidate]]]:
    """Candidate spans for each readable sentence (bylines included)."""
    out = []
    for s in doc.readable(ENTITY_KINDS):
        text = doc.text[s.start:s.end]
        if s.lang == "zh":
            cands = find_zh(text, s.start)
            if LATIN_LETTER.search(text):
                # Latin names inside Chinese prose (通过TikTok和WeChat销售): listed names only
                cands += [c for c in find_latin(text, s.start, "en") if c.source in ("lexicon", "product")]
        else:
            cands = find_latin(text, s.start, s.lang)
            if s.kind == BYLINE or s.block < 3 or s.block >= len(doc.blocks) - 3:
                # the first or last lines: a byline in capitals (Por MARÍA JOSÉ SERRANO | EL PAÍS)
                persons = byline_caps(text, s.start, s.lang)
                cands += persons
                # an unlisted outlet in capitals (… | LA VANGUARDIA), or on its own line at the top
                cands += byline_outlets(text, s.start, s.lang, top=s.kind == BYLINE or s.block < 3,
                                        persons=persons)
            if HAN.search(text):
                # Chinese names inside English or Spanish prose (Aksu (阿克苏)): listed names only
                cands += [c for c in find_zh(text, s.start) if c.source in ("lexicon", "interpunct")]
            if models.available(s.lang):
                cands += model_persons(text, s.start, s.lang, cands)
            cands += _possessive_orgs(doc.text, cands)
        out.append((s, cands))
    return out


POSSESSIVE = ("'s ", "’s ")


def _possessive_orgs(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A listed place + 's + a capitalized organization is one organization name
    ("the Xinjiang Uygur Autonomous Region's Department of Commerce")."""
    orgs = {c.start: c for c in cands if c.label == "ORG" and c.text[:1].isupper()}
    out = []
    for c in cands:
        if c.label != "PLACE" or not text.startswith(POSSESSIVE, c.end):
            continue
        org = orgs.get(c.end + 3)
        if org is not None:
            out.append(Candidate(c.start, org.end, "ORG", f"{c.canonical} {org.canonical}", "possessive", CUE,
                                 text=text[c.start:org.end]))
    return out


def model_persons(text: str, base: int, lang: str, cands: list[Candidate]) -> list[Candidate]:
    """People a statistical model finds where the rules found nothing (optional, see models.py).

    Conservative on purpose: models here call platforms and places people (Douyin, Pinduoduo), so
    only multi-word, capitalized, digit-free PERSON spans that overlap no rule candidate count.
    """
    out = []
    for a, b, label in models.ner_spans(text, lang):
        span = text[a:b]
        words = span.split()
        if (label != "PERSON" or len(words) < 2 or not all(w[:1].isupper() for w in words)
                or any(ch.isdigit() for ch in span)
                or any(c.start < base + b and base + a < c.end for c in cands)):
            continue
        out.append(Candidate(base + a, base + b, "PERSON", " ".join(words), "model", CUE, text=span))
    return out


def _flat(cands: Iterable[Candidate], taken: list[tuple[int, int]] | None = None) -> list[Candidate]:
    """Outermost first: longer spans win, then higher priority, then earlier start."""
    keep: list[Candidate] = []
    starts: list[int] = []          # occupied spans, sorted by start; they never overlap
    ends: list[int] = []
    for s, e in sorted(taken or []):
        starts.append(s)
        ends.append(e)
    for c in sorted(cands, key=lambda c: (-c.length, -c.priority, c.start)):
        i = bisect.bisect_right(starts, c.start)
        if c.length <= 0 or (i and ends[i - 1] > c.start) or (i < len(starts) and starts[i] < c.end):
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        keep.append(c)
    return sorted(keep, key=lambda c: c.start)


def _aliases(accepted: list[tuple[Sentence, Candidate]]) -> tuple[dict[str, Candidate], dict[str, Candidate]]:
    """Short forms and repeated surfaces to look for elsewhere in the document, per script."""
    zh: dict[str, Candidate] = {}
    latin: dict[str, Candidate] = {}
    latin_ambiguous: set[str] = set()
    lex_zh = lexicon().zh
    for s, c in accepted:
        if s.lang == "zh":
            if c.label in ("PERSON", "ORG", "EVENT_NAME", "PLACE", "PRODUCT") and len(c.text) >= 2:
                zh.setdefault(c.text, c)
            if c.label == "PERSON" and c.source == "interpunct":
                # 米尔扎提·喀米力 … later 米尔扎提说: the given name alone
                first = regex.split(r"[·•・‧∙]", c.text)[0]
                if len(first) >= 2:
                    zh.setdefault(first, c)
            if c.label in ("ORG", "PLACE") and c.source == "suffix":
                # 浙江省援疆指挥部 → 省援疆指挥部: the name less its place's proper part
                for k in range(len(c.text) - 2, 1, -1):
                    head = c.text[:k]
                    entry = lex_zh.get(head)
                    if entry is not None and entry.label == "PLACE":
                        for suf in ADMIN_CHARS:
                            if head.endswith(suf) and len(head) > len(suf):
                                short = c.text[k - len(suf):]
                                if len(short) - len(suf) >= 2:
                                    zh.setdefault(short, c)
                                break
                        break
        else:
            if c.label == "PERSON" and " " in c.canonical:
                latin.setdefault(c.text, c)
                # Chinese names are shortened to the surname (Zhang), others to either part (Asidam)
                parts = c.text.split()[:1] if c.source == "pinyin" else c.text.split()
                if parts and parts[0] in given_names():
                    # María Fernanda López Ruiz → López, Ruiz, "López Ruiz": the surnames, not the given names
                    surnames = [w for w in parts if w not in given_names() and w not in LATIN_PARTICLES]
                    parts = surnames + ([" ".join(surnames[-2:])] if len(surnames) >= 2 else [])
                for part in parts:
                    if len(part) >= 2 and part[:1].isupper():
                        other = latin.get(part)
                        if other is not None and other.canonical != c.canonical:
                            latin_ambiguous.add(part)
                        latin.setdefault(part, c)
            elif c.label in ("PLACE", "ORG") and c.source in ("head", "es-head", "es-place", "es-site", "lower"):
                latin.setdefault(c.text, c)
                words = c.text.split()
                if c.label == "PLACE" and len(words) >= 2 and words[-1] in LATIN_PLACE_HEADS:
                    latin.setdefault(" ".join(words[:-1]), c)
            elif c.label != SKIP and c.source in ("cue", "cue1", "pinyin", "confirmed", "caps"):
                latin.setdefault(c.text, c)
    for part in latin_ambiguous:
        latin.pop(part, None)
    return zh, latin


def _place_products(doc: Document, found: list[tuple[Sentence, list[Candidate]]]) -> None:
    """A town's or village's stem + a produce noun is a product once the place is named in the
    document (盐官镇 … 盐官花椒 → "Yanguan Sichuan pepper"; 罗堡村 … 罗堡村苹果 → "Luobao Village apple")."""
    d = zh_data()
    places: dict[str, str] = {}
    for s, cands in found:
        for c in cands:
            if s.lang == "zh" and c.label == "PLACE" and c.text[-1:] in SMALL_UNITS and len(c.text) >= 3 \
                    and HAN_ONLY.match(c.text):
                places.setdefault(c.text, c.canonical)
                words = c.canonical.split()
                if len(words) >= 2:      # the stem alone (盐官), at least two characters
                    places.setdefault(c.text[:-1], " ".join(words[:-1]))
    if not places or not d["products"]:
        return
    products = _products_re()
    by_length = sorted(places, key=len, reverse=True)
    for s, cands in found:
        if s.lang != "zh":
            continue
        text = doc.text[s.start:s.end]
        taken = -1
        for a, place in sorted((a, p) for p in by_length for a in _find_all(text, p)):
            mt = products.match(text, a + len(place))
            if mt is None or a < taken or text.startswith(d["not_product_before"], mt.end()):
                continue        # 盐官花椒产业: the industry, not the product
            taken = mt.end()
            cands.append(Candidate(s.start + a, s.start + mt.end(), "PRODUCT",
                                   f"{places[place]} {d['products'][mt.group()]}", "place-product", CUE,
                                   text=text[a:mt.end()]))


def _find_all(text: str, sub: str) -> Iterator[int]:
    i = text.find(sub)
    while i != -1:
        yield i
        i = text.find(sub, i + 1)


@lru_cache(maxsize=1)
def _products_re():
    """The produce nouns (compiled once, longest first)."""
    return rx.compile("|".join(regex.escape(p) for p in sorted(zh_data()["products"], key=len, reverse=True)))


@lru_cache(maxsize=512)
def _alias_re(aliases: tuple[str, ...], latin: bool):
    """One alternation per distinct alias set (documents of one outlet share most of theirs)."""
    if latin:
        return rx.uncached(r"(?<![\p{L}\p{N}])(?:" + "|".join(regex.escape(a) for a in aliases)
                           + r")(?![\p{L}\p{N}])")
    # a short form (省援疆指挥部) must not be the tail of a collective (省市援疆指挥部)
    return rx.uncached("|".join((r"(?<![省市县区州])" if a.startswith(ADMIN_CHARS) else "") + regex.escape(a)
                                for a in aliases))


def resolve(doc: Document, found: list[tuple[Sentence, list[Candidate]]]) -> list[tuple[Sentence, Candidate]]:
    """Flat outermost mentions, then document-level aliases and anaphora."""
    _place_products(doc, found)
    singles = {c.text for _, cands in found for c in cands if c.source == "cue1"}
    per_sentence = [(s, _flat(_confirm_maybe(cands, singles))) for s, cands in found]
    _confirm_persons(doc, per_sentence)
    accepted = [(s, c) for s, cands in per_sentence for c in cands if c.label != SKIP]
    zh_alias, latin_alias = _aliases(accepted)
    # single-word persons found by a cue take the full name's canonical (Zhang → Zhang Wei)
    for s, c in accepted:
        if s.lang != "zh" and c.label == "PERSON" and c.text in latin_alias and (
                " " not in c.text or latin_alias[c.text].text != c.text and c.text in latin_alias[c.text].text):
            c.canonical = latin_alias[c.text].canonical     # Gómez Ruiz → Lucía Gómez Ruiz
    zh_re = _alias_re(tuple(sorted(zh_alias, key=lambda a: (-len(a), a))), False) if zh_alias else None
    latin_re = _alias_re(tuple(sorted(latin_alias, key=lambda a: (-len(a), a))), True) if latin_alias else None
    out: list[tuple[Sentence, Candidate]] = []
    for s, cands in per_sentence:
        rx, table = (zh_re, zh_alias) if s.lang == "zh" else (latin_re, latin_alias)
        extra = []
        if rx is not None:
            text = doc.text[s.start:s.end]
            for m in rx.finditer(text):
                src = table[m.group()]
                extra.append(Candidate(s.start + m.start(), s.start + m.end(), src.label, src.canonical,
                                       "alias", ALIAS, src.anaphor, text=m.group()))
        merged = _flat(extra, [(c.start, c.end) for c in cands]) if extra else []
        for c in sorted([*cands, *merged], key=lambda c: c.start):
            if c.label != SKIP:
                out.append((s, c))
    _anaphora(out)
    return out


def _confirm_maybe(cands: list[Candidate], singles: set[str]) -> list[Candidate]:
    """A capitalized pair with no cue (MAYBE) is a person when one of its words is used alone as a
    person elsewhere in the document ("Gulnar Tursun sells carpets. Gulnar said ..."); else dropped."""
    out = []
    for c in cands:
        if c.label == MAYBE:
            if not any(w in singles for w in c.text.split()):
                continue
            c.label, c.source = "PERSON", "confirmed"
        out.append(c)
    return out


def _confirm_persons(doc: Document, per_sentence: list[tuple[Sentence, list[Candidate]]]) -> None:
    """A single Latin word found by a cue ("Zhang said") takes the full name's canonical; without a
    full name in the document it stays only when a title or verb names it away from the sentence start."""
    full = {}
    for s, cands in per_sentence:
        for c in cands:
            if c.label == "PERSON" and " " in c.text and s.lang != "zh":
                for w in c.text.split():
                    full.setdefault(w, c.canonical)
    people = set(full) | {c.text for _, cands in per_sentence for c in cands if c.label == "PERSON"}
    for s, cands in per_sentence:
        keep = []
        for c in cands:
            if c.source == "prep" and c.text in people:
                continue        # "sent it to López": the person named elsewhere, not a place
            if c.source == "cue1":
                if c.text in full:
                    c.canonical = full[c.text]
                elif c.start == s.start and c.text not in given_names():
                    continue        # "Luis dijo …" at a sentence start: a listed given name still counts
            keep.append(c)
        cands[:] = keep


def _anaphora(mentions: list[tuple[Sentence, Candidate]]) -> None:
    """'the region's Department of X' → '<the document's main region> Department of X'."""
    need = [c for _, c in mentions if c.anaphor]
    if not need:
        return
    by_level: dict[str, Counter] = {}
    for _, c in mentions:
        if c.label == "PLACE" and c.level and c.base:
            by_level.setdefault(c.level, Counter())[c.base] += 1
    for c in need:
        counts = by_level.get(c.anaphor)
        if counts and not c.canonical.startswith(counts.most_common(1)[0][0]):
            c.canonical = f"{counts.most_common(1)[0][0]} {c.canonical}"


def extract(doc: Document) -> Iterator[Mention]:
    """One entity mention per occurrence, flat and outermost, with label and English canonical."""
    for s, c in resolve(doc, find(doc)):
        yield doc.mention("entity", c.start, c.end, s, label=c.label, canonical=c.canonical)
