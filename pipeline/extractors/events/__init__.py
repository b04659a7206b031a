"""Dated events: ``extract(doc) -> Iterable[Mention]`` (kind ``event``).

Find, then resolve:
  * :func:`find` walks the readable sentences (bylines included) and yields :class:`Candidate`
    — a date expression (a :class:`~pipeline.dates.Timex`, offsets absolute in the
    analysis text) with its role: ``publication`` (byline date, dateline), ``timeline`` (a year
    heading of a timeline list or a month/day inside one of its entries) or ``body``;
  * :func:`resolve` decides whether a candidate is an event and fills label and description.

Rules (all word lists in ``resources/<lang>/events.yaml``):
  * byline dates and the dateline at the start of a paragraph (``URUMQI, May 16 (Xinhua) --``,
    ``Kasgar (China), 23 oct (EFE).-``, ``新华社乌鲁木齐5月16日电``) are ``publication`` events,
    description ``publication``;
  * a year standing alone on a line (``2015年``) heads a timeline entry: the heading is an event
    (description: the entry's first clause) and year-less dates in the entry take its year;
  * any other date is an event unless it is unresolvable, a baseline (较2022年, compared with 2019),
    an edition year inside an event name while the sentence has another date (2024年南疆新电商大会),
    or it only frames a figure: its clause states a number and has no action cue.
  * year context inside a paragraph: a year-less date later in the same year as an explicit month
    date before it takes that year (2015年4月，…；7月中旬，… -> 2015-07), as does one after a year
    opening the paragraph (2019年，…。3月，… -> 2019-03); 同年/次年 take the paragraph's last
    explicit year.  Otherwise year-less dates follow the rule of :mod:`pipeline.dates`.
  * vague dates (since 2020, 近五年, ten years ago: Timex.kind since/last_n/ago) are events only
    with an action cue in their own clause;
  * two adjacent expressions of one date (Singles' Day on Nov. 11) are one event spanning both;
  * a date-only byline typed 'other' by language detection takes the document's main language;
  * the event's ``label`` is the type of the first cue in its clause (``other`` without one), a plan
    marker (将于, will, prevista para, a Spanish future tense: ``plan_patterns``) yielding to a
    stronger cue, and a planned fair/forum/expo
    with no other cue being a ``conference``; its ``description`` is the clause around the cue,
    dates removed (``publication`` for publication).
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

import regex

from ... import rx
from ...resources import alternation, load
from ...types import BYLINE, EVENT_KINDS, LANGS, Document, Mention, Sentence
from ... import dates
from ...dates import Timex

_COMMA_LEAD = rx.compile(r"\s*[,，]?")
_SEMICOLON = rx.compile(r"[;；]")
_CLAUSE_STOP = rx.compile(r"[,;，；\"“”]")
from .rules import EventRules, best_cue, festival_as_time, is_weak, label_of, rules

__all__ = ["extract", "find", "resolve", "Candidate", "timeline_years", "is_dateline"]

_YEAR_LINE = rx.compile(r"^\s*(?P<y>(?:18|19|20)\d\d|[〇零○一二三四五六七八九]{4})\s*(?:年)?\s*[:：.]?\s*$")
_MAX_ENTRY = 400   # characters: longer blocks are article paragraphs, not timeline entries
_DATELINE_LATIN_BEFORE = rx.compile(
    r"^\s*[\p{Lu}][\p{L}\p{M}\s.'’/-]{1,40}(?:\s*\([^()\n]{1,30}\))?"           # Kasgar (China),
    r"(?:,\s*[\p{Lu}][\p{L}\p{M}\s.'’-]{1,30}(?:\s*\([^()\n]{1,30}\))?)?,\s*$")
_DATELINE_LATIN_AFTER = rx.compile(r"^\s*(?:,\s*\d{4}\s*)?(?:\(|--|—|–|-\s|/)")


@lru_cache(maxsize=None)
def _byline_line() -> regex.Pattern:
    """Source/date lines in any of the three languages (a byline may sit in a line of another)."""
    words = [w for lang in LANGS for w in load(lang, "events")["byline_words"]]
    return rx.compile(rf"^\s*{alternation(words)}\s*(?:[:：|]|(?=\d))"
                         r"|\|\s*(?:updated|source|editor|published)|\s\|\s|\|\s*\d{4}-\d", regex.I)


@lru_cache(maxsize=None)
def _zh_dateline() -> tuple[regex.Pattern, regex.Pattern]:
    res = load("zh", "events")
    return (rx.compile(rf"^\s*(?:[（(]?\s*)?{alternation(res['dateline_agencies'])}?[^\s，,。]{{0,16}}$"),
            rx.compile(rf"^\s*{alternation(res['dateline_markers'])}"))


_CHINESE_NUM = str.maketrans("〇零○一二三四五六七八九", "00012345678" + "9")


@dataclass(frozen=True, slots=True)
class Candidate:
    timex: Timex            # offsets absolute (analysis text)
    sentence: Sentence
    role: str               # publication | timeline_heading | timeline | body
    heading_text: str = ""  # timeline headings: the entry's text


def _year_of_line(text: str) -> int | None:
    m = _YEAR_LINE.match(text)
    if not m:
        return None
    y = int(m["y"].translate(_CHINESE_NUM))
    return y if 1800 <= y <= 2099 else None


def timeline_years(doc: Document) -> tuple[dict[int, int], dict[int, int]]:
    """(headings, governed): block index -> year for year-heading blocks, and for the blocks of
    each heading's entry (until the next year heading or a non-body, non-caption block)."""
    headings: dict[int, int] = {}
    governed: dict[int, int] = {}
    current: int | None = None
    for b in doc.blocks:
        y = _year_of_line(doc.text[b.start:b.end])
        if y is not None:
            headings[b.index] = y
            current = y
            continue
        if current is None:
            continue
        if (b.kind in ("byline", "metadata", "debris") or b.end - b.start > _MAX_ENTRY
                or (b.kind == "headline" and b.index - 1 not in headings)):
            current = None   # a timeline entry is short; an article paragraph ends the list
            continue
        governed[b.index] = current
    return headings, governed


def _is_byline(doc: Document, s: Sentence, text: str) -> bool:
    """Ingest's byline blocks, and short source/date lines near the top it typed otherwise."""
    if s.kind == BYLINE:
        return True
    block = doc.blocks[s.block]
    line = doc.text[block.start:block.end]
    return block.index < 8 and len(line) < 200 and bool(_byline_line().search(line))


def is_dateline(s: Sentence, text: str, tx: Timex, block_start: int) -> bool:
    """The date stands at the start of a paragraph, between a place and a source marker."""
    if s.start != block_start:
        return False
    rel_s, rel_e = tx.start, tx.end          # tx is relative to the sentence text here
    if rel_s > 60:
        return False
    before, after = (_zh_dateline() if s.lang == "zh" else (_DATELINE_LATIN_BEFORE, _DATELINE_LATIN_AFTER))
    return bool(before.match(text[:rel_s]) and after.match(text[rel_e:]))


def _shift(tx: Timex, offset: int) -> Timex:
    return dataclasses.replace(tx, start=tx.start + offset, end=tx.end + offset)


_BARE_YEAR_PART = rx.compile(r"^[年岁]")
_PARAGRAPH_LEAD = rx.compile(r"^\s*(?:(?i:in|during|by|en|durante|a\s+lo\s+largo\s+de)\s+|在|于)?$")
_EXPLICIT_YEAR = rx.compile(
    r"\d{4}|[〇零○一二三四五六七八九]{4}|去年|今年|明年|前年|本年|(?i:last|this|next|pasado|este|próximo)")


def _next_context(ctx: tuple[int, int] | None, tx: Timex) -> tuple[int, int] | None:
    """Paragraph context after a date: an explicit month/day date (2015年4月, 去年11月) sets the
    year for later year-less dates; an explicit year alone or a period clears it."""
    if not tx.date:
        return ctx
    explicit = bool(_EXPLICIT_YEAR.search(tx.text))
    if tx.granularity in ("day", "month") and (explicit or (ctx is not None and int(tx.date[:4]) == ctx[0])):
        return int(tx.date[:4]), int(tx.date[5:7])
    if explicit:
        return None
    return ctx


def _inherit_year(text: str, lang: str, ref: str | None, tx: Timex, ctx: tuple[int, int],
                  cache: dict[int, dict[tuple[int, int], Timex]]) -> Timex:
    """A year-less date after an explicit month date of the same paragraph, later in that year,
    takes its year (2015年4月，…；7月中旬，… -> 2015-07), not the document's."""
    if not tx.relative or _EXPLICIT_YEAR.search(tx.text):
        return tx
    year, month = ctx
    if year not in cache:
        cache[year] = {(t.start, t.end): t for t in dates.anchors(dates.find(text, lang, ref, default_year=year))}
    a = cache[year].get((tx.start, tx.end))
    if a is not None and not a.relative and len(a.date) >= 7 and int(a.date[5:7]) >= month:
        return a
    return tx


_APPOSITION_GAP = rx.compile(r"^\s*(?:,|，|、|\(|（|on|el|en|the)?\s*$", regex.I)


def _merge_appositions(text: str, found: list[Timex]) -> list[Timex]:
    """Two adjacent expressions of the same date are one (Singles' Day on Nov. 11, 11 de noviembre,
    día de los Solteros): one span covering both."""
    out: list[Timex] = []
    for tx in found:
        prev = out[-1] if out else None
        if (prev is not None and tx.date and tx.date == prev.date
                and _APPOSITION_GAP.match(text[prev.end:tx.start])):
            out[-1] = dataclasses.replace(prev, end=tx.end, text=text[prev.start:tx.end],
                                          relative=prev.relative and tx.relative)
            continue
        out.append(tx)
    return out


def _main_lang(doc: Document) -> str | None:
    """The language most of the document's readable text is in."""
    size: dict[str, int] = {}
    for s in doc.readable():
        size[s.lang] = size.get(s.lang, 0) + s.end - s.start
    return max(size, key=size.get) if size else None


def find(doc: Document) -> Iterator[Candidate]:
    """Date expressions of the readable sentences, with their role (no event decision yet)."""
    ref = doc.meta.date
    headings, governed = timeline_years(doc)
    by_block: dict[int, list[Sentence]] = {}
    for s in doc.sentences:
        by_block.setdefault(s.block, []).append(s)
    readable = set(id(s) for s in doc.readable(EVENT_KINDS))
    main_lang = _main_lang(doc)
    ctx_block, ctx = -1, None      # (year, month) of the last explicit month/day date in the paragraph
    ref_year = int(ref[:4]) if ref and ref[:4].isdigit() else None
    anchor_block, anchor = -1, None  # the last explicit year of the paragraph (for 同年 / 次年)
    for s in doc.sentences:
        if s.block in headings:
            if s is not by_block[s.block][0]:
                continue
            # the heading itself: an event whose description is its entry's first clause
            entry = next((by_block[i] for i in range(s.block + 1, len(doc.blocks))
                          if i in by_block and governed.get(i) == headings[s.block]), [])
            lang = s.lang if s.lang in LANGS else (entry[0].lang if entry else "")
            # a bare year line may be typed foreign/other by ingest: it is a heading all the same
            if lang not in LANGS or not entry:
                continue
            sent = s if s.lang == lang else dataclasses.replace(s, lang=lang)
            raw = doc.text[s.start:s.end]
            lead = len(raw) - len(raw.lstrip())
            core = raw.strip()
            y = headings[s.block]
            tx = Timex(s.start + lead, s.start + lead + len(core), core, f"{y:04d}", "year", False)
            entry_text = doc.text[entry[0].start:entry[-1].end] if entry else ""
            yield Candidate(tx, sent, "timeline_heading", entry_text)
            continue
        if id(s) not in readable:
            if s.kind != BYLINE or s.lang in LANGS or main_lang is None:
                continue
            s = dataclasses.replace(s, lang=main_lang)   # a date-only byline typed 'other'
        text = doc.text[s.start:s.end]
        default_year = governed.get(s.block)
        block = doc.blocks[s.block]
        if s.block != ctx_block:
            ctx_block, ctx = s.block, None
        byline = _is_byline(doc, s, text)
        if s.block != anchor_block:
            anchor_block, anchor = s.block, None
        cache: dict[int, dict[tuple[int, int], Timex]] = {}
        found = [t for t in dates.anchors(dates.sentence_dates(doc, s, text, s.lang, default_year=default_year))
                 if t.kind != "present"]
        found_texts = {t.text for t in found}
        # a byline line that also carries a headline ("… up 23.68 pct in 2023 | Xinhua | 2024-01-17"):
        # only its day dates are the publication; a year there belongs to the headline's text
        day_dated = byline and any(t.granularity == "day" for t in found)
        for tx in _merge_appositions(text, found):
            if tx.kind == "festival" and tx.text in found_texts and not festival_as_time(
                    rules(s.lang), text, tx.start, tx.end):
                continue   # a festival named, not used as a time (Double 11 shopping festival)
            if (ctx is not None and default_year is None and not byline
                    and not (_BARE_YEAR_PART.match(tx.text) and ref_year is not None and ctx[0] > ref_year)):
                # a bare 年底 / 年中 after a planned date (明年3月) is still this year's
                tx = _inherit_year(text, s.lang, ref, tx, ctx, cache)
            if not tx.date and anchor is not None and default_year is None:
                # 同年7月 / 次年: anaphoric, resolved from the paragraph's last explicit year
                if anchor not in cache:
                    cache[anchor] = {(t.start, t.end): t
                                     for t in dates.anchors(dates.find(text, s.lang, ref, default_year=anchor))}
                tx = cache[anchor].get((tx.start, tx.end), tx)
            if tx.date and _EXPLICIT_YEAR.search(tx.text) and tx.granularity != "period":
                anchor = int(tx.date[:4])
            if (byline and (tx.granularity == "day" or not day_dated)) or is_dateline(s, text, tx, block.start) or (
                    doc.meta.date_span is not None and
                    (tx.start + s.start, tx.end + s.start) == tuple(doc.meta.date_span)):
                role = "publication"
            elif default_year is not None:
                role = "timeline"
            else:
                role = "body"
            if role != "publication":
                ctx = _next_context(ctx, tx)
                if (tx.granularity == "year" and not tx.relative and tx.date and s.start == block.start
                        and _PARAGRAPH_LEAD.match(text[:tx.start])):
                    ctx = (int(tx.date[:4]), 0)   # "2019年，…" / "In 2019, …" frames its paragraph
            yield Candidate(_shift(tx, s.start), s, role)


# ----------------------------------------------------------------------------- resolve

class _SentenceDates:
    """The dates of one sentence (sentence offsets, sorted, non-overlapping) and its text, built
    once per sentence so that resolving each of its dates looks only at its neighbours: a
    list-like file read as one long sentence stays linear."""

    def __init__(self, doc: Document, s: Sentence, siblings: list["Candidate"]):
        self.text = doc.text[s.start:s.end]
        spans = sorted((c.timex.start - s.start, c.timex.end - s.start) for c in siblings)
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]
        self.anchoring = sum(1 for c in siblings if c.timex.granularity != "year" or c.role == "timeline")
        self._clauses: tuple[str, list[tuple[int, int]], list[int]] | None = None

    def prev_end(self, rel_s: int) -> int:
        """End of the nearest date ending at or before rel_s (0 if none)."""
        j = bisect_right(self.ends, rel_s)
        return self.ends[j - 1] if j else 0

    def next_start(self, rel_e: int) -> int | None:
        """Start of the nearest date starting at or after rel_e (None if none)."""
        i = bisect_left(self.starts, rel_e)
        return self.starts[i] if i < len(self.starts) else None

    def within(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The dates overlapping [lo, hi)."""
        i, j = bisect_right(self.ends, lo), bisect_left(self.starts, hi)
        return list(zip(self.starts[i:j], self.ends[i:j]))

    def clauses(self, delims: str) -> tuple[list[tuple[int, int]], list[int]]:
        if self._clauses is None or self._clauses[0] != delims:
            spans = _clauses(self.text, delims)
            self._clauses = (delims, spans, [a for a, _ in spans])
        return self._clauses[1], self._clauses[2]


_EDITION_REACH = 200   # characters after a year an event name may take (edition_nouns patterns are short)
_VAGUE_KINDS = frozenset({"since", "last_n", "ago", "near"})
_FRONT_LEAD = rx.compile(r"\s*(?:(?:but|and|yet|so|pero|y|sin\s+embargo|mientras\s+que)\s*,?\s*)?", regex.I)
_TRIM = " \t\n,，。.;；:：、!！?？—-–()（）[]【】\"'“”‘’《》…"
_LEAD_WORDS = {
    "zh": rx.compile(r"^(?:在|于|从|自|到|至|截至|截止|是|的|，|,|前后|前夕|以来|期间|当天|前|后|起)+"),
    "en": rx.compile(r"^(?:in|on|at|by|since|during|from|of|and|,)\s+", regex.I),
    "es": rx.compile(r"^(?:en|de|del|desde|durante|a|y|,)\s+", regex.I),
}


_CREDIT = rx.compile(r"\[[^\]]*\]?\s*$")                  # trailing [Photo/Xinhua]
_SPACE_BEFORE_PUNCT = rx.compile(r"\s+([,.;:!?，。；：])")    # a removed date leaves " ,"
_REPEATED_PUNCT = rx.compile(r"([,，;；])(?:\s*[,，;；])+")
_PREP_BEFORE_DATE = rx.compile(
    r"(?:(?<![\w])(?:in|on|at|by|since|during|from|of|as of|for|en|el|de|desde|durante|para|a)\s+)?$", regex.I)


_DATELINE_LEAD = rx.compile(r"^.{0,60}?\((?:Xinhua|新华社|EFE|AP|Reuters|AFP|CGTN|[\p{Lu}][\w ]{1,20})\)\s*(?:--|—|–|-)\s*")


def _clean(s: str, lang: str, limit: int) -> str:
    s = _CREDIT.sub("", s)
    s = _DATELINE_LEAD.sub("", s)
    s = " ".join(s.split())
    s = _SPACE_BEFORE_PUNCT.sub(r"\1", s)
    s = _REPEATED_PUNCT.sub(r"\1", s)
    s = s.strip(_TRIM)
    for _ in range(3):
        s2 = _LEAD_WORDS[lang].sub("", s).strip(_TRIM)
        if s2 == s:
            break
        s = s2
    if len(s) > limit:
        cut = s[:limit]
        if lang != "zh" and " " in cut:
            cut = cut.rsplit(" ", 1)[0]
        s = cut.rstrip(_TRIM) + "…"
    for o, c in ("()", "（）", "“”", "[]"):
        if s.count(o) > s.count(c):              # a cut left a bracket open: drop its tail
            s = s[:s.rfind(o)].rstrip(_TRIM) or s
    return s


def _clauses(text: str, delims: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, c in enumerate(text):
        if c in delims:
            out.append((start, i))
            start = i + 1
    out.append((start, len(text)))
    return [(a, b) for a, b in out if b > a]


def _describe(r: EventRules, lang: str, view: _SentenceDates, cue_at: int | None,
              own: tuple[int, int], scope: tuple[int, int]) -> str:
    """A short phrase from the sentence saying what happened: for Chinese the clause around the
    cue (with the next one when it is too short), else the date's scope; dates removed."""
    text = view.text
    if lang == "zh":
        spans, starts = view.clauses(r.delimiters)
        at = cue_at if cue_at is not None else scope[0]
        k = bisect_right(starts, at) - 1
        idx = k if k >= 0 and spans[k][0] <= at < spans[k][1] else None
        if idx is None:
            k = bisect_right(starts, scope[0])
            idx = next((i for i in range(max(0, k - 1), len(spans)) if spans[i][1] > scope[0]), 0)
        pieces = []
        for a, b in spans[idx:]:
            # a date's preposition goes with it (将于明年3月在喀什举办 -> 将在喀什举办)
            dates = set(view.within(a, b + 1)) | {own}
            dates = [(s0 - 1 if s0 > 0 and text[s0 - 1] in "于在" else s0, e0) for s0, e0 in dates]
            piece = _masked(text[a:b], [(s0 - a, e0 - a) for s0, e0 in dates]).replace(" ", "")
            pieces.append(piece)
            if sum(len(p.strip(_TRIM)) for p in pieces) >= 6:
                break
        return _clean("，".join(p for p in pieces if p.strip(_TRIM)), lang, 40)
    a, b = scope
    part = text[a:b]
    for s0, e0 in sorted(set(view.within(a, b)) | {own}, reverse=True):
        if a <= s0 and e0 <= b:
            part = _PREP_BEFORE_DATE.sub("", part[:s0 - a], count=1) + " " + part[e0 - a:]
            b = a + len(part)
    return _clean(part, lang, 120)


def _scope(view: _SentenceDates, rel_s: int, rel_e: int, r: EventRules) -> tuple[int, int]:
    """The part of the sentence a date governs: from the start of its clause (or the previous
    date) to the next date or the end of the sentence."""
    text = view.text
    prev_end = view.prev_end(rel_s)
    nxt = view.next_start(rel_e)
    next_start = len(text) if nxt is None else nxt
    start = prev_end
    for i in range(rel_s - 1, prev_end - 1, -1):
        if text[i] in r.delimiters:
            start = i + 1
            break
    return start, next_start


def _masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(max(0, s), min(len(chars), e)):
            chars[i] = " "
    return "".join(chars)


def resolve(doc: Document, cand: Candidate, siblings: list[Candidate],
            view: _SentenceDates | None = None) -> Mention | None:
    """Decide whether a candidate is an event; build its Mention (None if not).  ``view``: the
    sentence's dates, shared by its candidates (built here when not given)."""
    tx, s = cand.timex, cand.sentence
    if not tx.date:
        return None  # relative and the document date is unknown
    lang = s.lang
    if cand.role == "publication":
        return doc.mention("event", tx.start, tx.end, s, date=tx.date, label="publication",
                           description="publication")
    r = rules(lang)
    if cand.role == "timeline_heading":
        entry = cand.heading_text
        first = _clauses(entry, "。.;；!?！？\n")
        first_text = entry[first[0][0]:first[0][1]] if first else ""
        # the heading summarises its entry: skip a leading month/day of the first item
        lead = dates.find(first_text, lang, None, default_year=int(tx.date[:4]))
        if lead and first_text[:lead[0].start].strip(_TRIM) == "":
            first_text = first_text[lead[0].end:]
        cue = r.cue.search(entry)
        return doc.mention("event", tx.start, tx.end, s, date=tx.date,
                           label=label_of(r, cue.group(0)) if cue else "other",
                           description=_clean(first_text, lang, 40 if lang == "zh" else 120))
    view = view or _SentenceDates(doc, s, siblings)
    text = view.text
    rel_s, rel_e = tx.start - s.start, tx.end - s.start
    # baselines of a comparison
    if r.baseline.search(text[max(0, rel_s - 25):rel_s]):
        return None
    # edition year inside an event name, when another date carries the event
    name = r.edition.match(text[rel_e:rel_e + _EDITION_REACH])
    own_anchoring = tx.granularity != "year" or cand.role == "timeline"
    if tx.granularity == "year" and name and not r.cue.search(name.group(0)) and view.anchoring - own_anchoring > 0:
        return None
    a, b = _scope(view, rel_s, rel_e, r)
    scope = text[a:b]
    masked = _masked(scope, [(s0 - a, e0 - a) for s0, e0 in view.within(a, b)])
    cue = best_cue(r, masked)
    if cue is None and cand.role != "timeline" and r.figure.search(masked):
        return None  # the date only frames a figure: that figure's period
    if tx.kind in _VAGUE_KINDS:
        # since 2020 / 近五年 / ten years ago: an event only with an action in the date's own clause
        after = masked[rel_e - a:]
        lead = _COMMA_LEAD.match(after).end()     # a fronted date's comma opens its clause
        # a date fronted before a comma (Five years ago, …; Hace tres años, …) governs the main
        # clause that follows: in English/Spanish that runs to the end of the sentence (commas
        # there separate its coordinated parts: "…had no road, but it opened …")
        # (unless a later date of the sentence may carry that action: "…, but it built one in 2020")
        fronted = (lang != "zh" and lead > 0 and "," in after[:lead] and view.next_start(rel_e) is None
                   and bool(_FRONT_LEAD.fullmatch(text[a:rel_s])))
        stop = (_SEMICOLON if fronted else _CLAUSE_STOP).search(after, pos=lead)
        own = masked[:rel_e - a + stop.start()] if stop else masked
        if best_cue(r, own) is None:
            return None
    label = label_of(r, cue.group(0)) if cue else "other"
    if (cue is None or is_weak(r, cue.group(0))) and r.event_noun is not None and r.event_noun.search(masked):
        label = "conference"   # a planned fair / forum / expo
    return doc.mention("event", tx.start, tx.end, s, date=tx.date, label=label,
                       description=_describe(r, lang, view, a + cue.start() if cue else None,
                                             (rel_s, rel_e), (a, b)))


def extract(doc: Document) -> Iterator[Mention]:
    """Dated events of a document (see the module docstring)."""
    cands = list(find(doc))
    by_sentence: dict[int, list[Candidate]] = {}
    for c in cands:
        by_sentence.setdefault(id(c.sentence), []).append(c)
    views: dict[int, _SentenceDates] = {}
    for c in cands:
        key = id(c.sentence)
        if key not in views:
            views[key] = _SentenceDates(doc, c.sentence, by_sentence[key])
        m = resolve(doc, c, by_sentence[key], views[key])
        if m is not None:
            yield m
