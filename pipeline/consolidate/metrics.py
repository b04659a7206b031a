"""What a figure measures, as a key shared by the three languages, and whether it states a change.

* ``metric_key``: the first entry of ``resources/common/metrics.yaml`` whose pattern for the
  figure's language matches its ``metric`` (and whose labels allow the figure's label), else an
  entry that claims the figure's unit (``mu`` -> ``area``), else empty.
* ``direction``: ``up`` / ``down`` when the words right around the figure in its clause state a
  change (``增长13.62%``, ``rose by 5 percent``, ``un aumento interanual del 6,5 por ciento``,
  ``翻一番``); empty for levels (``增加到34.24亿元``, ``rose to 3 billion``) and for shares
  (``占六成``, ``83 percent of whom``).  A stated negative value (``-3%``) is ``down``.
* ``is_share``: the figure is a share of a whole (used by the share-above-100 % check).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

import regex

from .. import rx
from ..resources import load
from ..types import Mention
from .sentences import fold, offsets_in_context, sentence_key, squash

_CLAUSE_SEP = rx.compile(r"[,，;；:：。!?！？(（)）、]")
_BEFORE, _AFTER = 24, 30
CHANGE_LABELS = frozenset({"percent", "multiple", "money", "count", "other"})
STRICT_LABELS = frozenset({"duration", "age"})   # only entries that name these labels apply


@lru_cache(maxsize=1)
def _vocabulary() -> list[dict]:
    entries = []
    for e in load("common", "metrics")["keys"]:
        entries.append({
            "key": e["key"],
            "labels": frozenset(e.get("labels") or ()),
            "units": frozenset(e.get("units") or ()),
            "re": {lang: rx.compile(e[lang], regex.IGNORECASE) for lang in ("zh", "en", "es") if e.get(lang)},
        })
    return entries


@lru_cache(maxsize=None)
def _cues(lang: str) -> dict[str, regex.Pattern]:
    return {k: rx.compile(p, regex.IGNORECASE) for k, p in load("common", "metrics")["direction"][lang].items()}


def _applies(entry: dict, label: str) -> bool:
    if label in STRICT_LABELS:
        return label in entry["labels"]
    return not entry["labels"] or label in entry["labels"]


@lru_cache(maxsize=None)
def _vocabulary_for(label: str) -> tuple[dict, ...]:
    """The entries that may apply to figures of ``label`` (a handful of labels: kept per process)."""
    return tuple(e for e in _vocabulary() if _applies(e, label))


@lru_cache(maxsize=1 << 14)
def metric_key(metric: str | None, label: str, unit: str | None, lang: str) -> str | None:
    """The vocabulary key for a figure's metric, or None when no entry applies.  Kept per arguments:
    a document repeats its metrics (the same words before many figures)."""
    vocab = _vocabulary_for(label)
    for e in vocab:
        if unit and unit in e["units"]:
            return e["key"]
    text = fold(metric or "")
    if text:
        for e in vocab:
            rx = e["re"].get(lang)
            if rx is not None and rx.search(text):
                return e["key"]
    return None


def _clause_around(ctx: str, pos: int, end: int) -> tuple[str, str]:
    before = ctx[max(0, pos - _BEFORE):pos]
    cut = None
    for cut in _CLAUSE_SEP.finditer(before):
        pass
    if cut is not None:
        before = before[cut.end():]
    after = ctx[end:end + _AFTER]
    stop = _CLAUSE_SEP.search(after)
    return before.rstrip(), (after[:stop.start()] if stop else after).lstrip()


def direction_and_share(m: Mention, pos: int | None) -> tuple[str | None, bool]:
    """``(direction, is_share)`` for one figure placed at ``pos`` in its context."""
    if m.kind != "figure" or pos is None or m.lang not in ("zh", "en", "es"):
        return None, False
    cues = _cues(m.lang)
    ctx = fold(m.context)
    text = fold(squash(m.text))
    before, after = _clause_around(ctx, pos, pos + len(text))
    if m.label == "percent" and (cues["share_before"].search(before) or cues["share_after"].search(after)):
        return None, True
    if m.label not in CHANGE_LABELS:
        return None, False
    if m.value is not None and m.value < 0:
        return "down", False
    if cues["up_in_text"].search(text):
        return "up", False
    if cues["down_in_text"].search(text):
        return "down", False
    if cues["level_before"].search(before):
        return None, False
    if cues["up_before"].search(before) or cues["up_after"].search(after):
        return "up", False
    if cues["down_before"].search(before) or cues["down_after"].search(after):
        return "down", False
    return None, False


def annotate(mentions: Sequence[Mention], offsets: Sequence[int | None] | None = None
             ) -> list[tuple[str | None, str | None, bool]]:
    """``(metric_key, direction, is_share)`` for every mention (all None/False for non-figures);
    ``offsets``: ``offsets_in_context(mentions)`` when the caller has it already."""
    if offsets is None:
        offsets = offsets_in_context(mentions)
    out = []
    last: dict[tuple, str] = {}            # sentence -> metric_key of its latest level figure
    for m, pos in zip(mentions, offsets):
        if m.kind != "figure":
            out.append((None, None, False))
            continue
        key = metric_key(m.metric, m.label, m.unit, m.lang)
        if key is None and m.label == "count" and pos is not None:
            # a count's metric is its noun (countries and regions): the verb of its clause says what
            # is counted (exported to more than 20 countries -> exports)
            before, _ = _clause_around(fold(m.context), pos, pos + len(squash(m.text)))
            key = metric_key(before + ("" if m.lang == "zh" else " ") + fold(squash(m.text)), m.label, None, m.lang)
        direction, share = direction_and_share(m, pos)
        sentence = sentence_key(m)
        if key is None and direction and m.label in ("percent", "multiple"):
            key = last.get(sentence)           # "…1.250 millones de yuanes, un aumento del 6,5 %"
        elif key and not direction and m.label not in ("percent", "multiple"):
            last[sentence] = key
        out.append((key, direction, share))
    return out
