"""Context of a figure inside its sentence: metric (what is measured), period, conversion group.

The period comes from the dates layer (``pipeline.dates``): the time expression
of the figure's own clause (before it, else after it), else the nearest one before it in the
sentence, else the latest one of an earlier sentence of the same paragraph, else the year heading
the figure stands under (a timeline ``2017年`` line).  Durations and ages only take their own
clause's.  Baselines (较2022年, compared with 2019) never give a period.

Metric: the words of the figure's clause before it, less time expressions, qualifiers and verbs
(``新疆网上零售额``, ``Xinjiang's online retail sales``); growth figures say so (``…增长``,
``growth of …``); counts with a noun head use it.  Conversion pairs (``723.3亿元(约合101.7亿美元)``)
share ``group``, metric and period, and the bracketed one inherits an outer qualifier.
All lookups are bounded or bisected, so a very long sentence stays linear.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache

import regex

from ... import rx
from ...resources import load
from ...types import Document, Sentence
from .find import _Spans
from .lexicon import MONEY, MULTIPLE, PERCENT
from ... import dates
from ..events import is_dateline

_CLAUSE_SEP = rx.compile(r"[,，;；:：。!?！？]|\s[—–-]{1,2}\s|——|--")
_CONVERSION = rx.compile(
    r"\s*[(（]\s*(?:约合|约|合|折合|相当于|about|around|approximately|roughly|some|or|equivalent to|"
    r"aproximadamente|unos|unas|alrededor de|cerca de|equivalentes a)?\s*$", regex.IGNORECASE)


@lru_cache(maxsize=None)
def _patterns(lang: str) -> dict[str, regex.Pattern]:
    """The language's context patterns from resources/<lang>/figures.yaml, compiled once."""
    return {name: rx.compile(p, regex.IGNORECASE)
            for name, p in load(lang, "figures")["context_patterns"].items()}


_WS = rx.compile(r"\s+")
_ZH_CMP_END = rx.compile(r"^.*(?:较|比)$")
_MAX_WORDS = 7
_MAX_ZH = 14


class Context:
    """Per-document state: the year heading the current section, the last metric seen."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.ref = doc.meta.date
        self.section_date = ""
        self.section_block = -1
        self._group_n = 0
        self.block_period: tuple[int, str] = (-1, "")
        self._pending: list[tuple[int, str, str, Sentence]] = []

    # --- timeline headings ("2017年" on its own line give the year of what follows)

    def _heading(self, s: Sentence, text: str) -> list:
        tx = self._timexes(s, text, s.lang)
        stripped = text.strip()
        if tx and len(tx) == 1 and tx[0].date and len(stripped) <= len(tx[0].text) + 2 \
                and tx[0].granularity in ("year", "month", "quarter"):
            self.section_date = tx[0].date
            self.section_block = s.block
            return []
        if s.kind == "headline" and s.block != self.section_block:
            self.section_date = ""
        return tx

    def _timexes(self, s: Sentence, text: str, lang: str) -> list:
        """The sentence's dates, present-time anchors included (shared with the events extractor)."""
        year = int(self.section_date[:4]) if self.section_date[:4].isdigit() else None
        return dates.anchors(dates.sentence_dates(self.doc, s, text, lang, default_year=year))

    # --- fields for the figures of one sentence
    def fields(self, s: Sentence, text: str, found) -> list[dict]:
        lang = s.lang
        all_tx = self._heading(s, text)
        block_start = self.doc.blocks[s.block].start
        # a dateline (新华社乌鲁木齐1月17日电, URUMQI, Jan. 17 (Xinhua) --) is the publication, not a period
        all_tx = [t for t in all_tx if not is_dateline(s, text, t, block_start)]
        spans = _Spans((c.start, c.end) for c, _ in found)
        all_tx = [t for t in all_tx if not spans.overlaps(t.start, t.end)]
        tx = _Timeline([t for t in all_tx if t.date
                        and not _patterns(lang)["baseline_before"].search(text, max(0, t.start - 20), t.start)])
        all_tx = _Timeline(all_tx)
        seps = _Timeline(_CLAUSE_SEP.finditer(text))
        carried: list[str] = []

        def carry() -> str:
            if not carried:
                carried.append(self._carry(s.block))
            return carried[0]
        out: list[dict] = []
        last_metric = ""
        prev = None
        for c, r in found:
            f: dict = {"metric": "", "period": "", "group": ""}
            # conversion in brackets: 72.33 billion yuan ($10.17 billion) / 723.3亿元(约合101.7亿美元)
            if prev is not None and prev[1].label == MONEY and r.label == MONEY and r.unit != prev[1].unit \
                    and c.start >= prev[0].end and _CONVERSION.fullmatch(text[prev[0].end:c.start]):
                gid = out[-1]["group"] or self._new_group()
                out[-1]["group"] = gid
                f["group"] = gid
                if not r.qualifier and prev[1].qualifier and prev[1].qualifier != "range":
                    f["qualifier"] = prev[1].qualifier
                f["metric"] = out[-1]["metric"]
                f["period"] = out[-1]["period"]
                out.append(f)
                prev = (c, r)
                continue
            lo = prev[0].end if prev is not None else 0
            metric = self._metric(text, c, r, lang, last_metric, lo, all_tx)
            if metric and r.label not in (PERCENT, MULTIPLE):
                last_metric = metric
            elif metric and not last_metric:
                last_metric = _GROWTH_WORDS.sub("", metric)
            f["metric"] = metric
            f["period"] = self._period(text, c, r, tx, seps, carry)
            out.append(f)
            prev = (c, r)
        if tx.items:
            self.block_period = (s.block, tx.items[-1].date)
            self._pending.clear()
        return out

    def see(self, s: Sentence, text: str) -> None:
        """A sentence without figures: track headings; keep it for a later period carry (lazily)."""
        if len(text.strip()) <= 16:
            tx = self._heading(s, text)
            self._remember(s, text, tx)
            return
        if s.kind == "headline" and s.block != self.section_block:
            self.section_date = ""
        if self._pending and self._pending[-1][0] != s.block:
            self._pending.clear()
        self._pending.append((s.block, s.lang, text, s))
        del self._pending[:-3]

    def _remember(self, s: Sentence, text: str, tx) -> None:
        tx = [t for t in tx if t.date and not _patterns(s.lang)["baseline_before"].search(text[max(0, t.start - 20):t.start])]
        if tx:
            self.block_period = (s.block, tx[-1].date)
            self._pending.clear()

    def _carry(self, block: int) -> str:
        """The period of the latest earlier sentence of the same paragraph that has one."""
        for b, lang, text, s in reversed(self._pending):
            if b != block:
                break
            tx = [t for t in self._timexes(s, text, lang) if t.date and
                  not _patterns(lang)["baseline_before"].search(text[max(0, t.start - 20):t.start])]
            if tx:
                self.block_period = (block, tx[-1].date)
                break
        self._pending.clear()
        return self.block_period[1] if self.block_period[0] == block else ""

    def _new_group(self) -> str:
        self._group_n += 1
        return f"{self.doc.doc_id}#g{self._group_n}"

    def _period(self, text: str, c, r, tx: "_Timeline", seps: "_Timeline", carry) -> str:
        prev_sep = seps.last_ending_by(c.start)
        lo = max(prev_sep.end() if prev_sep is not None else 0, c.start - _MAX_LEFT)
        next_sep = seps.first_starting_from(c.end)
        hi = min(next_sep.start() if next_sep is not None else len(text), c.end + _MAX_LEFT)
        same = tx.within(lo, hi)
        if same:
            before = [t for t in same if t.end <= c.start]
            return (before[-1] if before else same[0]).date
        if r.label in ("duration", "age"):
            return ""                     # a length of time is not "of" a period unless stated with it
        before = tx.last_ending_by(c.start)
        if before is not None:
            return before.date
        return carry() or self.section_date

    def _metric(self, text: str, c, r, lang: str, last: str, lo: int, tx) -> str:
        if r.label == "age":
            return "age" if lang == "en" else ("年龄" if lang == "zh" else "edad")
        if c.unit.startswith("-") and lang != "zh":
            noun = _noun_after_adjective(text, c.end, lang)
            if noun:
                return noun                   # a 2,000-square-meter warehouse: what is measured is the warehouse
        lo = max(lo, c.start - _MAX_LEFT)
        for m in _CLAUSE_SEP.finditer(text, lo, c.start):
            lo = m.end()
        chars = list(text[lo:c.start])
        for t in tx.within(lo - 40, c.start + 40):      # time expressions are periods, not metrics
            for k in range(max(t.start, lo), min(t.end, c.start)):
                chars[k - lo] = " "
        left = "".join(chars)
        if lang == "zh":
            left = _WS.sub("", left)
        left = _strip_qualifiers(left, lang)
        growth = bool(_patterns(lang)["growth_before"].search(left.rstrip())) and r.label in (PERCENT, MULTIPLE)
        if lang == "en" and growth:
            gm = _EN_OBJECT.search(left)
            if gm:
                left = gm.group(1)
        for _ in range(4):
            new = _patterns(lang)["metric_trail"].sub("", left).strip() if lang != "zh" else _patterns(lang)["metric_trail"].sub("", left.strip())
            new = _patterns(lang)["metric_lead"].sub("", new).strip()
            new = new.strip(" \t\"'“”‘’()（）、")
            if new == left:
                break
            left = new
        left = trim_metric(left, lang)
        if lang == "zh":
            left = _ZH_CMP_END.sub("", left)
            left = left[-_MAX_ZH:]
        else:
            words = left.split()
            left = " ".join(words[-_MAX_WORDS:])
            if left.casefold() in _PRONOUNS:
                left = ""
        head_after = bool(c.head) and text[c.start:c.end].endswith(c.head)
        if c.head and r.label == "count" and (lang != "zh" or not left or head_after):
            return c.head if lang != "zh" or not left else left + c.head
        if c.form in ("share", "fraction", "preset") and not growth:
            return left                   # 三分之一的村民, two-thirds of ...: a share of something, not a growth
        if growth or (not left and r.label in (PERCENT, MULTIPLE) and last):
            base = left or last
            if not base:
                return ""
            if lang == "zh":
                return base if base.endswith("增长") else base + "增长"
            if lang == "es":
                return "crecimiento de " + base
            return "growth of " + base
        if not left and r.label in (MONEY, "count", PERCENT, "other"):
            return last
        return left


_MAX_LEFT = 160
_WORD_AFTER = rx.compile(r"[ \t\u00a0]+(?P<w>[^\W\d_][\w'’-]*)")


def _noun_after_adjective(text: str, pos: int, lang: str) -> str:
    """The noun a hyphenated measure adjective qualifies (a 3-hour [livestream], a 10-ton [refrigerated truck])."""
    from .lexicon import lexicon
    stop = lexicon(lang).data["_stop"]
    words: list[str] = []
    while len(words) < 3:
        m = _WORD_AFTER.match(text, pos, pos + 80)
        if not m or m.group("w").casefold() in stop:
            break
        words.append(m.group("w"))
        pos = m.end()
    return " ".join(words)


class _Timeline:
    """Sorted, non-overlapping things with .start/.end (timexes, regex matches): bisect lookups."""

    __slots__ = ("items", "starts", "ends")

    def __init__(self, items):
        self.items = sorted(items, key=_start)
        self.starts = [_start(x) for x in self.items]
        self.ends = [_end(x) for x in self.items]

    def within(self, lo: int, hi: int) -> list:
        i, j = bisect_left(self.starts, lo), bisect_right(self.starts, hi)
        return [x for x in self.items[i:j] if _end(x) <= hi]

    def last_ending_by(self, pos: int):
        i = bisect_right(self.ends, pos)
        return self.items[i - 1] if i else None

    def first_starting_from(self, pos: int):
        i = bisect_left(self.starts, pos)
        return self.items[i] if i < len(self.items) else None


def _start(x) -> int:
    return x.start() if callable(x.start) else x.start


def _end(x) -> int:
    return x.end() if callable(x.end) else x.end


_GROWTH_WORDS = rx.compile(r"^(?:growth of|crecimiento de) |增长$")
_EN_OBJECT = rx.compile(r"\b(?:expand|increase|grow|raise|boost|lift|cut|reduce|double)\w*\s+"
                           r"(?:its|their|the|his|her|our)?\s*(.+?)\s+by\s*$", regex.IGNORECASE)
_PRONOUNS = frozenset("i we you he she it they i have we have this that these those there".split())


@lru_cache(maxsize=None)
def _metric_trims(lang: str) -> dict[str, regex.Pattern]:
    """resources/<lang>/metrics.yaml: verb_split, trail, lead (compiled once)."""
    return {k: rx.compile(v, regex.IGNORECASE) for k, v in load(lang, "metrics").items()}


def trim_metric(left: str, lang: str) -> str:
    """The measured noun phrase: what follows a verb inside the phrase, less debris at the ends."""
    rx = _metric_trims(lang)
    cut = None
    for cut in rx["verb_split"].finditer(left):
        pass
    if cut is not None and len(left[cut.end():].strip()) >= 2:
        left = left[cut.end():]
    for _ in range(3):
        new = rx["lead"].sub("", rx["trail"].sub("", left.strip())).strip()
        if new == left or (not new and left):
            break
        left = new
    return left


def _strip_qualifiers(left: str, lang: str) -> str:
    from .lexicon import lexicon
    lex = lexicon(lang)
    m = lex.re["qual_before"].search(left)
    return left[:m.start()] if m else left
