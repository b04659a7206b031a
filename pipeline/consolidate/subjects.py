"""The subject of each figure and event: the entity it is about.

In the mention's own sentence (rules in ``resources/<lang>/subjects.yaml``):
1. the nearest entity before it that owns what follows (``Xinjiang's``, ``新疆的``);
2. else the nearest entity before it that is not an object or oblique (``on Taobao``, ``通过抖音``
   do not govern the figure after them);
3. figures: else an entity right after it in its clause introduced by a locative (``5,600 rural
   residents in Yecheng``, ``las ventas de Hami``); events: else the first such entity after the
   date (``2024年5月28日，阿克苏市电商产业园开园``).
Else the entity the paragraph is about (the first one in subject position of the paragraph's
first sentence that names one, if that sentence comes before), else the one the headline is about.
Else empty: never a guess from elsewhere in the document.

``subject`` is the entity's canonical name; ``subject_id`` is ``entity_id(label, canonical)``, the
id of its row in the entities table.
"""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Mapping, Sequence

import regex

from .. import rx
from ..resources import load
from ..types import Mention
from .ids import hash_record
from .sentences import fold, offsets_in_context, sentence_key, squash

SUBJECT_LABELS = frozenset({"PLACE", "ORG", "PERSON", "PRODUCT", "PLATFORM"})
PERSON_ONLY = frozenset({"age"})            # an age is a person's
OBLIQUE_UNLESS_OWNER = frozenset({"PLATFORM"})
_LIST_GAP = rx.compile(r"\s*(?:[,，、/]|和|及|与|或|and|or|y|o)\s*(?:and\s+|y\s+)?", regex.IGNORECASE)
_CLAUSE_END = rx.compile(r"[,，;；:：。!?！？(（)）]")
_EVENT_SEP = rx.compile(r"[;；。!?！？]")
_WINDOW = 40


def entity_id(label: str, canonical: str) -> str:
    """Stable id of an entity row: a hash of its label and canonical name."""
    return "e" + hash_record("entity", label, canonical, length=12)


_entity_id = lru_cache(maxsize=1 << 16)(entity_id)   # candidates repeat their entity: hash it once


@lru_cache(maxsize=None)
def _rules(lang: str) -> dict[str, regex.Pattern]:
    data = load(lang, "subjects")
    return {k: rx.compile(data[k], regex.IGNORECASE)
            for k in ("object_before", "possessive_after", "locative_before", "object_after", "anaphora",
                      "report_cue")}


class _Cand:
    __slots__ = ("pos", "end", "name", "eid", "possessive", "obj", "label", "start", "level")

    def __init__(self, m: Mention, pos: int, ctx: str):
        rules = _rules(m.lang)
        self.pos, self.end = pos, pos + len(squash(m.text))
        self.name = m.canonical or m.text
        self.label = m.label
        self.start = m.start
        self.level = _level(self.name, m.text) if m.label == "PLACE" else None
        self.eid = _entity_id(m.label, self.name)
        before = ctx[max(0, pos - _WINDOW):pos]
        self.obj = bool(rules["object_before"].search(before) or rules["object_after"].search(ctx[self.end:self.end + 16]))
        self.possessive = bool(rules["possessive_after"].search(ctx[self.end:self.end + 4]))
        if m.label in OBLIQUE_UNLESS_OWNER and not self.possessive:
            self.obj = True                 # sold on Taobao, 在拼多多上: a platform is where, not who


def subjects(mentions: Sequence[Mention], titles: Mapping[str, str | None] | None = None,
             offsets: Sequence[int | None] | None = None) -> list[tuple[str | None, str | None]]:
    """``(subject, subject_id)`` for every mention (``(None, None)`` for entities and when none);
    ``offsets``: ``offsets_in_context(mentions)`` when the caller has it already."""
    if offsets is None:
        offsets = offsets_in_context(mentions)
    index = _Index(mentions, offsets, titles or {})
    out: list[tuple[str | None, str | None]] = []
    for m, pos in zip(mentions, offsets):
        c = index.subject_of(m, pos) if m.kind != "entity" and pos is not None else None
        out.append((c.name, c.eid) if c is not None else (None, None))
    return out


class _Index:
    """The subject candidates of a batch of mentions: by sentence, by document, in headlines."""

    def __init__(self, mentions: Sequence[Mention], offsets: Sequence[int | None], titles: Mapping[str, str | None]):
        self.folded: dict[str, str] = {}
        self.cands: dict[tuple, list[_Cand]] = defaultdict(list)
        self.first_sentence: dict[tuple, tuple[int, tuple]] = {}     # paragraph -> (start, sentence key)
        for m, pos in zip(mentions, offsets):
            key = sentence_key(m)
            if m.kind == "entity" and m.label in SUBJECT_LABELS and pos is not None:
                self.cands[key].append(_Cand(m, pos, self.fold(m.context)))
            para = (m.doc_id, m.block)
            if para not in self.first_sentence or m.start < self.first_sentence[para][0]:
                self.first_sentence[para] = (m.start, key)
        wanted = {doc: squash(t) for doc, t in titles.items() if t}
        self.by_doc: dict[str, list[_Cand]] = defaultdict(list)
        self.headline: dict[str, list[_Cand]] = defaultdict(list)
        for (doc, _, ctx), lst in self.cands.items():
            lst.sort(key=lambda c: c.pos)
            for prev, c in zip(lst, lst[1:]):   # Kyrgyzstan, Uzbekistan and Kazakhstan: a list shares a role
                if prev.obj and _LIST_GAP.fullmatch(ctx[prev.end:c.pos]):
                    c.obj = True
            self.by_doc[doc] += lst
            if doc in wanted and ctx and ctx in wanted[doc]:
                self.headline[doc] += lst
        for lst in self.by_doc.values():
            lst.sort(key=lambda c: c.start)

    def fold(self, context: str) -> str:
        return self.folded.setdefault(context, fold(context))

    def subject_of(self, m: Mention, pos: int) -> _Cand | None:
        ctx = self.fold(m.context)
        c = _in_sentence(m, pos, self.cands.get(sentence_key(m), []), ctx)
        if c is not None:
            return c
        ana = _rules(m.lang)["anaphora"].search(ctx)
        if ana is not None:                  # 全县, the prefecture: the latest place of that level
            return _antecedent(ana.lastgroup, m, self.by_doc.get(m.doc_id, []), self.headline.get(m.doc_id, []))
        if m.label in PERSON_ONLY:
            return None
        start, key = self.first_sentence[(m.doc_id, m.block)]
        if key != sentence_key(m) and start < m.start:
            c = _topic(self.cands.get(key, []))
        return c if c is not None else _topic(self.headline.get(m.doc_id, []))


def _in_sentence(m: Mention, pos: int, cands: list[_Cand], ctx: str) -> _Cand | None:
    if m.label in PERSON_ONLY:
        cands = [c for c in cands if c.label == "PERSON"]
    if m.kind == "event":                   # 4月，中心投入运营；11月，莎车县入选…: the date's own clause first
        lo = max((x.end() for x in _EVENT_SEP.finditer(ctx, 0, pos)), default=0)
        stop = _EVENT_SEP.search(ctx, pos)
        own = [c for c in cands if lo <= c.pos and c.end <= (stop.start() if stop else len(ctx))]
        c = next((c for c in reversed(own) if c.end <= pos and not c.obj), None) \
            or next((c for c in own if c.pos >= pos and not c.obj), None)
        if c is not None:
            return c
    floor = 0                               # after the last reporting verb before the figure
    for cue in _rules(m.lang)["report_cue"].finditer(ctx, 0, pos):
        floor = cue.end()
    before = [c for c in cands if floor <= c.pos and c.end <= pos]
    clause = 0
    for sep in _CLAUSE_END.finditer(ctx, 0, pos):
        clause = sep.end()
    for c in reversed(before):              # an owner in the figure's clause
        if c.possessive and c.pos >= clause:
            return c
    for c in reversed(before):              # else the nearest that is not an object
        if not c.obj:
            return c
    end = pos + len(squash(m.text))
    stop = _CLAUSE_END.search(ctx, end)
    limit = stop.start() if stop else len(ctx)
    locative = _rules(m.lang)["locative_before"]
    for c in cands:
        if end <= c.pos < limit and (m.kind == "event" and not c.obj or locative.search(ctx[end:c.pos])):
            return c
    return None


def _topic(cands: list[_Cand]) -> _Cand | None:
    """The entity a sentence is about: its first one in subject position."""
    return next((c for c in cands if c.possessive or not c.obj), None)


@lru_cache(maxsize=1)
def _same_place() -> tuple[str, ...]:
    return tuple(sorted(load("common", "subjects")["same_place_suffixes"], key=len, reverse=True))


def subject_key(name: str) -> str:
    """The name statements group by: ``Xinjiang Uygur Autonomous Region`` -> ``Xinjiang``."""
    for suffix in _same_place():
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


@lru_cache(maxsize=1)
def _levels() -> tuple[list[tuple[str, str]], frozenset]:
    data = load("common", "subjects")
    pairs = [(suffix, level) for level, suffixes in data["level_suffixes"].items() for suffix in suffixes]
    return sorted(pairs, key=lambda p: -len(p[0])), frozenset(data["unmarked_levels"])


@lru_cache(maxsize=1 << 14)
def _level(name: str, text: str) -> str | None:
    """Administrative level from the canonical name's or the Chinese text's ending, else None."""
    pairs, _ = _levels()
    for suffix, level in pairs:
        if name.endswith(suffix) or text.endswith(suffix):
            return level
    return None


def _antecedent(level: str | None, m: Mention, earlier: list[_Cand], headline: list[_Cand]) -> _Cand | None:
    """The place an anaphor (全县, the prefecture) refers to: the latest of its level named before."""
    _, unmarked = _levels()
    skip = frozenset(load("common", "subjects")["not_administrative"])
    before = [c for c in reversed(earlier) if c.start < m.start and c.label == "PLACE" and c.name not in skip]
    heads = [c for c in headline if c.label == "PLACE" and c.name not in skip]
    for pool, marked in ((before, True), (heads, True), (before, False), (heads, False)):
        for c in pool:                      # the level named exactly first, then a name without one
            if (c.level == level) if marked else (c.level is None and level in unmarked):
                return c
    return None
