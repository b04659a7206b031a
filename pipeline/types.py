"""The plain data types that flow between stages.

ingest  : bytes/str  -> Document  (raw text, analysis text, offset map, blocks, sentences, metadata)
extract : Document   -> Mention   (one per fact mention, offsets in RAW coordinates)
consolidate: Mentions -> fact table (pandas DataFrame)

Offsets are always half-open, like Python slices.  Two coordinate systems exist:
  * raw       — indices into ``Document.raw`` (the decoded file, BOM removed, newlines untouched)
  * analysis  — indices into ``Document.text`` (normalized: width-folded, Simplified, lines joined)
``Document.to_raw(start, end)`` maps an analysis span to the raw span it came from.
Extractors find things in analysis coordinates and call ``Document.mention(...)``, which maps the
span back and fills ``text`` from the raw string, so ``raw[start:end] == text`` holds by construction.
"""
from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import namedtuple
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Callable, Iterable, Iterator

LANGS = ("zh", "en", "es")

# Block kinds.  Extractors read READABLE_KINDS; entity/event extractors also read bylines.
BODY, HEADLINE, CAPTION, BYLINE, DEBRIS, GLOSS, FOREIGN, TABLE = (
    "body", "headline", "caption", "byline", "debris", "gloss", "foreign", "table")
MAX_CONTEXT = 600      # characters of context kept around a mention in an overlong sentence
READABLE_KINDS = frozenset({BODY, HEADLINE, CAPTION})
FIGURE_KINDS = READABLE_KINDS
ENTITY_KINDS = READABLE_KINDS | {BYLINE}
EVENT_KINDS = READABLE_KINDS | {BYLINE}


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph (usually one physical line, or several joined when a line was broken)."""
    index: int
    start: int                 # analysis coordinates
    end: int
    lang: str                  # zh | en | es | other
    kind: str                  # body | headline | caption | byline | debris | gloss | foreign | table
    duplicate_of: int | None = None   # index of an earlier block with the same text
    pair: int | None = None    # parallel-text pair index (000: an English line and its Chinese line)
    reason: str = ""           # why the kind was chosen (shown by `factmine ingest`)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int                 # analysis coordinates
    end: int
    block: int                 # index into Document.blocks
    lang: str
    kind: str                  # the block's kind
    duplicate_of: int | None = None   # index of an earlier sentence with the same text


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    encoding: str = "utf-8"
    date: str | None = None          # ISO 8601 at its granularity: 2020-05-16, 2024-06, 2024
    date_source: str = ""            # how the date was found (dateline, header, catalog, ...)
    date_span: tuple[int, int] | None = None   # analysis span of the date expression, if in text
    date_confidence: float | None = None       # 1.0 catalog/given ... 0.4 guessed from the text
    title: str | None = None
    publisher: str | None = None
    byline: str | None = None
    url: str | None = None
    warnings: tuple[str, ...] = ()   # read with trouble (replacement characters), shown in the summary


@dataclass(frozen=True, slots=True, eq=False)
class Document:
    doc_id: str
    raw: str                   # decoded source, BOM removed, newlines untranslated
    text: str                  # analysis text
    raw_starts: array          # raw_starts[i] = raw index where analysis char i comes from
    raw_ends: array            # raw_ends[i]   = raw index just after it
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    line_starts: array = field(default_factory=lambda: array("q", [0]))  # raw index where each line starts
    _contexts: dict = field(default_factory=dict, repr=False)   # sentence raw span -> context string

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map an analysis span [start, end) to the raw span it was made from."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"bad analysis span {start}:{end} in {self.doc_id}")
        return self.raw_starts[start], self.raw_ends[end - 1]

    def line_of(self, raw_start: int) -> int:
        """1-based line of a raw offset (lines end at \n, as the contract counts them)."""
        return bisect_right(self.line_starts, raw_start)

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start:sentence.end]

    def readable(self, kinds: Iterable[str] = READABLE_KINDS, *, with_duplicates: bool = True,
                 langs: Iterable[str] = LANGS) -> Iterator[Sentence]:
        """Sentences an extractor should read: of the given block kinds, in zh/en/es."""
        kinds, langs = frozenset(kinds), frozenset(langs)
        for s in self.sentences:
            if s.kind in kinds and s.lang in langs and (with_duplicates or s.duplicate_of is None):
                yield s

    def mention(self, kind: str, start: int, end: int, sentence: Sentence, **fields) -> "Mention":
        """Build a Mention from an analysis span; offsets and text come from the raw source."""
        rs, re_ = self.to_raw(start, end)
        if sentence.end - sentence.start > MAX_CONTEXT:
            # a "sentence" thousands of characters long (no punctuation): a window around the mention
            a = max(sentence.start, start - MAX_CONTEXT // 2)
            z = min(sentence.end, end + MAX_CONTEXT // 2)
            cs, ce = self.to_raw(a, z)
            context = "…" * (a > sentence.start) + " ".join(self.raw[cs:ce].split()) + "…" * (z < sentence.end)
        else:
            context = self._contexts.get((sentence.start, sentence.end))
            if context is None:
                cs, ce = self.to_raw(sentence.start, sentence.end)
                context = self._contexts[(sentence.start, sentence.end)] = " ".join(self.raw[cs:ce].split())
        return Mention(
            doc_id=self.doc_id, kind=kind, start=rs, end=re_, text=self.raw[rs:re_],
            lang=sentence.lang, line=self.line_of(rs), context=context,
            block=sentence.block, pair=self.blocks[sentence.block].pair,
            duplicate=sentence.duplicate_of is not None, **fields)


@dataclass(frozen=True, slots=True)
class Mention:
    """One fact mention: the contract's columns less the ones consolidation fills in."""
    doc_id: str
    kind: str                  # figure | entity | event
    start: int                 # raw coordinates
    end: int
    text: str                  # == raw[start:end]
    lang: str
    line: int = 0
    context: str = ""
    label: str = ""
    value: float | None = None
    value_max: float | None = None
    unit: str = ""
    qualifier: str = ""
    metric: str = ""
    period: str = ""
    canonical: str = ""
    date: str = ""
    description: str = ""
    group: str = ""            # mentions of one fact inside a sentence (a conversion in brackets)
    block: int = -1
    pair: int | None = None
    duplicate: bool = False    # the sentence repeats an earlier one in the same document

    def to_row(self) -> tuple:
        """The field values in declaration order: a compact form for pipes, caches and pickles
        (a fraction of ``dataclasses.asdict``'s cost and size)."""
        return _mention_row(self)

    @classmethod
    def from_row(cls, row: Iterable) -> "Mention":
        """The inverse of ``to_row`` (a JSON round trip turns the tuple into a list: fine)."""
        return cls(*row)


MENTION_FIELDS = tuple(Mention.__dataclass_fields__)
_mention_row = attrgetter(*MENTION_FIELDS)


class MentionRecord(namedtuple("_MentionRecord", MENTION_FIELDS)):
    """A mention read back from its row (a cache entry, a worker's result) by the table builder:
    the fields of ``Mention``, read only, made at tuple speed (a frozen dataclass's ``__init__``
    sets its 22 fields one by one, and the table builder makes one per fact)."""
    __slots__ = ()

    def to_row(self) -> tuple:
        return self


# An extractor is a pure function from a Document to its mentions.
Extractor = Callable[[Document], Iterable[Mention]]
