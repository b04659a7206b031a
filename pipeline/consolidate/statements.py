"""Statements: the mentions, across documents and languages, that state one fact.

Two figures state the same fact when their subject, metric_key, period, unit and direction agree
and their values agree within the precision the text used: ``338亿`` stands for 337.5–338.5 亿,
``33.89 billion`` for 33.885–33.895 billion; qualifiers widen it (``超``/``over``/``más de``: up to
25 % above; ``约``/``about``: ±5 %; ``近``/``nearly``: up to 20 % below), ranges span both ends.
Never on value alone: a figure without a subject, a metric_key or a period is in no statement.

Within a key (subject, metric_key, period, unit, direction) the mentions fall into value clusters
(values that agree).  When the key's mentions come from two or more documents, the clusters are one
statement and, if there are several, the sources disagree (``agree`` false).  When they all come from
one document, several clusters are different facts the key cannot tell apart (an article does not
contradict itself about one fact) and stay separate statements.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from .. import rx
from .ids import hash_record
from .subjects import subject_key

_NUMBER = rx.compile(r"\d+(?:[.,\u00a0 ]\d+)*")
_DOT_THOUSANDS, _COMMA_THOUSANDS = rx.compile(r"\d{1,3}(?:\.\d{3})+"), rx.compile(r"\d{1,3}(?:,\d{3})+")
_WIDEN = {"approx": (0.95, 1.05), "over": (1.0, 1.25), "nearly": (0.8, 1.0), "under": (0.8, 1.0),
          "up_to": (0.8, 1.0)}
KEY = ["subject_key", "metric_key", "period", "unit", "direction"]

STATEMENT_COLUMNS: dict[str, str] = {
    "statement_id": "string", "subject": "string", "subject_id": "string", "metric_key": "string",
    "period": "string", "period_start": "string", "period_end": "string", "unit": "string",
    "direction": "string", "value": "Float64", "value_min": "Float64", "value_max": "Float64",
    "agree": "boolean", "mentions": "Int64", "documents": "Int64",
    "fact_ids": "object", "doc_ids": "object", "langs": "object", "publishers": "object", "texts": "object",
}


@lru_cache(maxsize=1 << 16)
def _step(text: str, value: float, lang: str) -> float:
    """The size of the last digit the text states, in the figure's base units (cached: statements,
    the fact table's and the decided view's, and the checks ask for the same figures)."""
    nums = _NUMBER.findall(text or "")
    if not nums or not value:
        return 10 ** math.floor(math.log10(abs(value))) if value else 1.0
    raw = max(nums, key=len)
    dec_mark = "," if lang == "es" else "."
    parts = raw.replace("\u00a0", "").replace(" ", "")
    if dec_mark == "," and _DOT_THOUSANDS.fullmatch(parts):
        parts = parts.replace(".", "")                 # 1.250 millones: thousands marks
    elif dec_mark == "." and _COMMA_THOUSANDS.fullmatch(parts):
        parts = parts.replace(",", "")
    whole, _, frac = parts.replace(",", ".").partition(".") if dec_mark == "," else parts.partition(".")
    whole = whole.replace(",", "").replace(".", "")
    try:
        number = float(f"{whole}.{frac}" if frac else whole)
    except ValueError:
        return 10 ** math.floor(math.log10(abs(value)))
    if not number:
        return 1.0
    scale = value / number
    if frac:
        return 10 ** -len(frac) * scale
    zeros = len(whole) - len(whole.rstrip("0"))
    return 10 ** min(zeros, max(len(whole) - 1, 0)) * scale


def value_interval(text: str, value: float, value_max: float | None, qualifier: str | None,
                   lang: str) -> tuple[float, float]:
    """The values a figure's text is consistent with (precision, qualifier, range)."""
    half = abs(_step(text, value, lang)) / 2
    top = value_max if value_max is not None and not pd.isna(value_max) else value
    lo, hi = min(value, top) - half, max(value, top) + half
    if qualifier in _WIDEN:
        a, b = _WIDEN[qualifier]
        lo, hi = min(lo, value * a - half), max(hi, top * b + half)
    return lo, hi


@dataclass
class Statement:
    key: tuple
    rows: list[int] = field(default_factory=list)      # row positions in the facts table
    clusters: list[list[int]] = field(default_factory=list)

    @property
    def agree(self) -> bool:
        return len(self.clusters) == 1


def _clusters(rows: list[int], spans: dict[int, tuple[float, float]]) -> list[list[int]]:
    """Rows whose intervals overlap (transitively), by a sweep over the lower bounds."""
    out: list[list[int]] = []
    hi = -math.inf
    for r in sorted(rows, key=lambda r: spans[r]):
        if out and spans[r][0] <= hi:
            out[-1].append(r)
            hi = max(hi, spans[r][1])
        else:
            out.append([r])
            hi = spans[r][1]
    return out


def plain_records(df: pd.DataFrame, cols) -> list[dict]:
    """Rows of ``cols`` as plain dicts, missing values as None, read column by column
    (``to_dict("records")`` boxes every cell and cost more than the work done on the rows)."""
    cols = [c for c in cols if c in df.columns]
    lists = [df[c].to_numpy(dtype=object, na_value=None).tolist() for c in cols]
    return [dict(zip(cols, values)) for values in zip(*lists)]


def find_statements(facts: pd.DataFrame) -> list[Statement]:
    """Group the figures of a fact table (positional rows) into statements."""
    if facts.empty or "metric_key" not in facts:
        return []
    fig = candidates(facts)
    pos = {idx: i for i, idx in enumerate(facts.index)}
    return statements_of(zip((pos[idx] for idx in fig.index), plain_records(fig, CANDIDATE_COLUMNS)))


CANDIDATE_COLUMNS = ("doc_id", "text", "value", "value_max", "qualifier", "lang", "subject", "metric_key", "period",
                     "unit", "direction")


def candidates(facts: pd.DataFrame) -> pd.DataFrame:
    """The figures that can be in a statement: with a subject, a metric_key, a period and a value."""
    return facts[(facts["kind"] == "figure") & facts["subject"].notna() & facts["metric_key"].notna()
                 & facts["period"].notna() & facts["value"].notna()]


def statements_of(records) -> list[Statement]:
    """Statements from ``(row position, record)`` pairs of candidate figures (CANDIDATE_COLUMNS), in
    table order: what ``find_statements`` does once the table's candidates are read."""
    spans: dict[int, tuple[float, float]] = {}
    groups: dict[tuple, list[int]] = {}
    docs: dict[int, str] = {}
    for i, r in records:
        spans[i] = value_interval(r["text"], float(r["value"]), r["value_max"], r["qualifier"], r["lang"])
        key = (subject_key(r["subject"]), r["metric_key"], r["period"], r["unit"],
               r["direction"] if isinstance(r["direction"], str) else "")
        groups.setdefault(key, []).append(i)
        docs[i] = r["doc_id"]
    out: list[Statement] = []
    for key, rows in groups.items():
        clusters = _clusters(rows, spans)
        if len(clusters) > 1 and len({docs[i] for i in rows}) == 1:
            out += [Statement(key, list(cl), [cl]) for cl in clusters]      # one article, different facts
        else:
            out.append(Statement(key, [i for cl in clusters for i in cl], clusters))
    return out


def statement_ids(facts: pd.DataFrame, statements: list[Statement], *, agreeing: bool = False
                  ) -> list[str | None]:
    """Per row: the id of its statement (None outside any).  ``agreeing``: one id per value
    cluster instead, so mentions whose values disagree get different ids (for cluster_id)."""
    out: list[str | None] = [None] * len(facts)
    for i, sid in statement_id_map(facts["fact_id"].tolist(), statements, agreeing=agreeing).items():
        out[i] = sid
    return out


def statement_id_map(ids, statements: list[Statement], *, agreeing: bool = False) -> dict[int, str]:
    """``statement_ids`` for the rows in some statement only; ``ids``: row position -> fact id."""
    out: dict[int, str] = {}
    for s in statements:
        for rows in (s.clusters if agreeing else [s.rows]):
            sid = "s" + hash_record(*s.key, min(ids[i] for i in rows), length=12)
            for i in rows:
                out[i] = sid
    return out


# the fact columns a statement row is made from
_STATEMENT_SOURCE = ("doc_id", "start", "subject", "subject_id", "metric_key", "period", "period_start",
                     "period_end", "unit", "direction", "value", "value_max", "fact_id", "lang", "publisher", "text")


def build_statements(facts: pd.DataFrame, statements: list[Statement] | None = None) -> pd.DataFrame:
    """One row per statement (see the module docstring); sources that disagree have agree=False.
    ``statements``: ``find_statements(facts)`` when the caller has it already (stream.py)."""
    if statements is None:
        statements = find_statements(facts)
    sids = statement_ids(facts, statements)
    rows = []
    # plain Python records, read once: pandas slicing per statement made this quadratic in practice;
    # only the rows of some statement (a dict per row of the whole table was ~50 MB per 1,000 articles)
    used = sorted({i for s in statements for i in s.rows})
    recs = dict(zip(used, plain_records(facts.iloc[used], _STATEMENT_SOURCE)))
    for s in statements:
        sub = sorted((recs[i] for i in s.rows), key=lambda r: (r["doc_id"], r["start"]))
        main = max(s.clusters, key=len)
        best = recs[min(main, key=lambda i: abs(_step(recs[i]["text"], float(recs[i]["value"]), recs[i]["lang"])))]
        first = sub[0]
        values = [float(r["value"]) for r in sub]
        tops = [float(r["value_max"]) if r["value_max"] is not None else float(r["value"]) for r in sub]
        rows.append({
            "statement_id": sids[s.rows[0]], "subject": first["subject"], "subject_id": first["subject_id"],
            "metric_key": first["metric_key"], "period": first["period"],
            "period_start": first.get("period_start"), "period_end": first.get("period_end"),
            "unit": first["unit"], "direction": first["direction"],
            "value": float(best["value"]), "value_min": min(values),
            "value_max": max(tops), "agree": s.agree, "mentions": len(sub),
            "documents": len({r["doc_id"] for r in sub}),
            "fact_ids": [r["fact_id"] for r in sub], "doc_ids": sorted({r["doc_id"] for r in sub}),
            "langs": sorted({r["lang"] for r in sub}),
            "publishers": sorted({r["publisher"] for r in sub if r.get("publisher") is not None}),
            "texts": [r["text"] for r in sub],
        })
    df = pd.DataFrame(rows, columns=list(STATEMENT_COLUMNS))
    if not df.empty:
        df = df.sort_values(["subject", "metric_key", "period", "unit"], kind="stable").reset_index(drop=True)
    return df.astype(STATEMENT_COLUMNS)
