"""The fact table's columns that depend on one document only, computed where the document is extracted.

fact ids, participants, subject, metric_key, direction, period/date bounds and the share flag read
nothing but the mentions of their own document (and its title), so the workers compute them with
the document (``run._extract_blob`` stores them in the cache entry under ``"derived"``) and the
parent, which builds the tables alone, only puts them together.  ``build_table`` computes them
itself when they are not given (``factmine extract``, tests, cache entries relabelled to another
path); on any list of mentions ``derive`` gives the same values whole or document by document.

Plain Python only: a worker importing this must not import pandas.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Mapping, Sequence

from ..types import Mention
from .ids import fact_ids
from .metrics import annotate
from .periods import period_bounds
from .sentences import offsets_in_context
from .subjects import subjects

# what ``derive`` returns: one list per column, aligned with the mentions
DERIVED = ("fact_id", "participants", "subject", "subject_id", "metric_key", "direction",
           "period_start", "period_end", "date_start", "date_end", "share")

_bounds = lru_cache(maxsize=4096)(period_bounds)     # a document repeats its periods and dates


def derive(mentions: Sequence[Mention], titles: Mapping[str, str | None] | None = None) -> dict[str, list]:
    """The per-document columns of ``mentions`` (one or many documents); ``titles``: doc_id -> title."""
    offsets = offsets_in_context(mentions)            # subjects and metrics both place the mentions
    subject = subjects(mentions, titles or {}, offsets)
    metric = annotate(mentions, offsets)
    none = (None, None)
    period = [_bounds(m.period) if m.kind == "figure" else none for m in mentions]
    date = [_bounds(m.date) if m.kind == "event" else none for m in mentions]
    cols: dict[str, list] = {       # column by column, in DERIVED's order
        "fact_id": fact_ids(mentions), "participants": participants(mentions),
        "subject": [x[0] for x in subject], "subject_id": [x[1] for x in subject],
        "metric_key": [x[0] for x in metric], "direction": [x[1] for x in metric],
        "period_start": [x[0] for x in period], "period_end": [x[1] for x in period],
        "date_start": [x[0] for x in date], "date_end": [x[1] for x in date],
        "share": [x[2] for x in metric]}
    return cols


def participants(mentions: Sequence[Mention]) -> list[str | None]:
    """For each event: the entities of its sentence (same document, block and sentence text)."""
    names: dict[tuple, list[str]] = {}
    for m in mentions:
        if m.kind == "entity":
            key = (m.doc_id, m.block, m.context)
            name = m.canonical or m.text
            if name not in names.setdefault(key, []):
                names[key].append(name)
    return ["; ".join(names.get((m.doc_id, m.block, m.context), [])) or None if m.kind == "event" else None
            for m in mentions]


def valid(derived: object, n: int) -> bool:
    """A cache entry's ``derived`` is usable: every column there, each as long as its mentions."""
    return (isinstance(derived, dict) and all(isinstance(derived.get(name), list) and len(derived[name]) == n
                                              for name in DERIVED))


def combine(parts: Sequence[Mapping[str, list]]) -> dict[str, list]:
    """The columns of several documents, in order, as one set of columns."""
    return {name: [v for part in parts for v in part[name]] for name in DERIVED}
