"""Checks on the fact table: figures that cannot all be right.

Each check yields ``Flag(check, reason, fact_ids)``; the reason is a plain-language sentence with the
numbers.  The fact table's ``flags`` column holds ``check: reason`` for every flag a fact is in
(several joined with `` | ``), and ``outputs/checks.csv`` has one row per flag.

* ``disagreement``  — a statement whose sources disagree beyond rounding (see statements.py).
* ``growth_mismatch`` — ``from A to B … up N %`` / ``增长N倍`` in one sentence where B/A does not give
  N within the precision of the three numbers (``从4亿元增加到34.24亿元，增长7.6倍`` is consistent:
  34.24/4 = 8.56 = 1 + 7.56; ``N倍`` is also read loosely as B = N·A).
* ``implausible_rate`` — a conversion (``723.3亿元（约合101.7亿美元）``) whose implied rate is more
  than 10 % away from the year's average (ECB reference rates, ``resources/common/fx_yearly.tsv``) for
  the period's year, the year before and the document's year.
* ``share_over_100`` — a share of a whole above 100 %.
* ``fractional_count`` — a count of things that is not a whole number.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from types import SimpleNamespace
from typing import Sequence

import pandas as pd
import regex

from .. import rx
from ..resources import path as resource_path
from .sentences import fold, offsets_in_context, squash
from .statements import Statement, _step, find_statements, plain_records, value_interval

RATE_TOLERANCE = 0.10
_NEAR = 40          # the stated change stands at most this many characters after the second endpoint
CHECK_COLUMNS = {"check": "string", "reason": "string", "fact_ids": "object", "doc_ids": "object"}
_FROM = rx.compile(r"(?:从|由|from|de|desde)\s*(?:\S{0,12}?)$", regex.IGNORECASE)
_TO = rx.compile(r"(?:到|至|\bto\b|\ba\b|\bhasta\b)", regex.IGNORECASE)


@dataclass(frozen=True)
class Flag:
    check: str
    reason: str
    fact_ids: tuple[str, ...]


def _fmt(v: float) -> str:
    return f"{v:,.6g}" if abs(v) < 1e6 else f"{v:,.0f}"


def disagreements(facts: pd.DataFrame, statements: Sequence[Statement]) -> list[Flag]:
    return disagreements_of(*(facts[c].tolist() for c in ("text", "doc_id", "fact_id", "subject")), statements)


def disagreements_of(texts, docs, ids, subjects, statements: Sequence[Statement]) -> list[Flag]:
    """``texts``, ``docs``, ``ids``, ``subjects``: row position -> value, for the rows of the statements."""
    out = []
    for s in statements:
        if s.agree:
            continue
        parts = [" and ".join(f"{texts[i]} ({docs[i]})" for i in cl) for cl in s.clusters]
        metric, period, unit = s.key[1], s.key[2], s.key[3]
        out.append(Flag("disagreement",
                        f"sources disagree on {metric} of {subjects[s.rows[0]]} in {period} ({unit}) beyond rounding: "
                        + " vs ".join(parts),
                        tuple(ids[i] for i in s.rows)))
    return out


_SENTENCE_COLUMNS = ("doc_id", "context", "text", "start", "unit", "label", "group", "value", "value_max",
                     "qualifier", "lang", "fact_id", "metric_key", "direction")


def _rows(facts: pd.DataFrame, mask, columns) -> pd.DataFrame:
    """The rows of ``mask``, only the ``columns`` a check reads (a fact table has ~45)."""
    return facts.loc[mask, [c for c in columns if c in facts.columns]]


def _in_sentences(figs: pd.DataFrame) -> dict[tuple, list[tuple[int, int, pd.Series]]]:
    """Figures by sentence, each with its position in the context, in order."""
    records = plain_records(figs, _SENTENCE_COLUMNS)
    objs = [SimpleNamespace(doc_id=r["doc_id"], block=-1, context=r["context"] or "", text=r["text"], start=r["start"])
            for r in records]
    offs = offsets_in_context(objs)
    by: dict[tuple, list] = {}
    for row, pos in zip(records, offs):
        if pos is not None:
            by.setdefault((row["doc_id"], row["context"]), []).append((pos, pos + len(squash(row["text"])), row))
    for v in by.values():
        v.sort(key=lambda t: t[0])
    return by


def growth_mismatches(facts: pd.DataFrame) -> list[Flag]:
    figs = _rows(facts, (facts["kind"] == "figure") & facts["value"].notna() & facts["context"].notna(),
                 _SENTENCE_COLUMNS)
    # only sentences with three figures or more can hold a change from A to B: the others are
    # left out whole before their figures are placed (most sentences have one or two)
    sentences = list(zip(figs["doc_id"].tolist(), figs["context"].tolist()))
    per_sentence = Counter(sentences)
    figs = figs[[per_sentence[k] >= 3 for k in sentences]]
    out = []
    for (_, ctx), items in _in_sentences(figs).items():
        if len(items) < 3:                  # from A to B, up N: three figures or none of this applies
            continue
        text = fold(ctx)
        for k in range(len(items) - 2):
            (a0, a1, a), (b0, b1, b) = items[k], items[k + 1]
            if a["unit"] != b["unit"] or a["label"] not in ("money", "count", "other") \
                    or isinstance(a["group"], str) and a["group"] == b["group"]:
                continue
            if not _FROM.search(text[max(0, a0 - 14):a0]) or not _TO.search(text[a1:b0]):
                continue
            n = next((it for it in items[k + 2:k + 4] if it[2]["label"] in ("percent", "multiple")
                      and it[2]["unit"] in ("%", "times") and isinstance(it[2]["direction"], str)
                      and it[0] - b1 <= _NEAR), None)
            if n is None or _other_metric(a, n[2]):
                continue
            flag = _growth_flag(a, b, n[2])
            if flag is not None:
                out.append(flag)
    return out


def _other_metric(a: pd.Series, n: pd.Series) -> bool:
    """The change is about something else (企业从30多家发展到120余家，销量翻了一番)."""
    ka, kn = a.get("metric_key"), n.get("metric_key")
    return isinstance(ka, str) and isinstance(kn, str) and ka != kn


def _interval(r: pd.Series) -> tuple[float, float]:
    return value_interval(r["text"], float(r["value"]), r["value_max"], r["qualifier"], r["lang"])


def _growth_flag(a: pd.Series, b: pd.Series, n: pd.Series) -> Flag | None:
    (alo, ahi), (blo, bhi) = _interval(a), _interval(b)
    if alo <= 0:
        return None
    rlo, rhi = blo / ahi, bhi / max(alo, 1e-12)
    nlo, nhi = _interval(n)
    if n["unit"] == "%":
        ok = rlo - 1 <= nhi / 100 and nlo / 100 <= rhi - 1
        stated = f"{n['text']} (a change of {_fmt(float(b['value']) / float(a['value']) * 100 - 100)} % by the endpoints)"
    else:
        ok = (rlo - 1 <= nhi and nlo <= rhi - 1) or (rlo <= nhi and nlo <= rhi)
        ratio = float(b["value"]) / float(a["value"])
        stated = f"{n['text']} (the endpoints give {_fmt(ratio)} times, an increase of {_fmt(ratio - 1)} times)"
    if ok:
        return None
    return Flag("growth_mismatch",
                f"the stated change {stated} does not follow from {a['text']} to {b['text']}",
                (a["fact_id"], b["fact_id"], n["fact_id"]))


@lru_cache(maxsize=1)
def fx_rates() -> dict[tuple[int, str], float]:
    """(year, currency) -> units per EUR, yearly average (resources/common/fx_yearly.tsv)."""
    rates = {}
    for line in resource_path("common", "fx_yearly", ".tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith(("#", "year\t")):
            y, cur, per_eur, _ = line.split("\t")
            rates[(int(y), cur)] = float(per_eur)
    return rates


def _per_eur(year: int, cur: str) -> float | None:
    return 1.0 if cur == "EUR" else fx_rates().get((year, cur))


def implausible_rates(facts: pd.DataFrame) -> list[Flag]:
    columns = ("group", "text", "value", "value_max", "qualifier", "lang", "unit", "period", "doc_date", "fact_id")
    money = _rows(facts, (facts["kind"] == "figure") & (facts["label"] == "money") & facts["group"].notna()
                  & facts["value"].notna(), columns)
    groups: dict[str, list[dict]] = {}          # in order of first appearance, as groupby(sort=False)
    for r in plain_records(money, columns):
        groups.setdefault(r["group"], []).append(r)
    out = []
    for g in groups.values():
        if len(g) != 2 or len({r["unit"] for r in g if r["unit"] is not None}) != 2:
            continue
        a, b = g
        if not (float(a["value"]) > 0 and float(b["value"]) > 0):   # a zero or a loss implies no rate
            continue
        years = {int(s[:4]) for s in (a["period"], a.get("doc_date")) if isinstance(s, str) and s[:4].isdigit()}
        years |= {y - 1 for y in years}
        expected = []
        for y in sorted(years):
            pa, pb = _per_eur(y, a["unit"]), _per_eur(y, b["unit"])
            if pa and pb:
                expected.append((y, pa / pb))
        if not expected:
            continue
        (alo, ahi), (blo, bhi) = _interval(a), _interval(b)
        lo, hi = alo / bhi, ahi / max(blo, 1e-12)           # units of a per unit of b
        if any(lo <= e * (1 + RATE_TOLERANCE) and e * (1 - RATE_TOLERANCE) <= hi for _, e in expected):
            continue
        y, e = expected[-1]
        out.append(Flag("implausible_rate",
                        f"{a['text']} = {b['text']} implies {_fmt(float(a['value']) / float(b['value']))} "
                        f"{a['unit']} per {b['unit']}; the ECB yearly average for {y} was {e:.4g} "
                        f"(more than {RATE_TOLERANCE:.0%} off for every year it could refer to)",
                        (a["fact_id"], b["fact_id"])))
    return out


def shares_over_100(facts: pd.DataFrame, shares: Sequence[bool]) -> list[Flag]:
    out = []
    units, values, tops, texts, ids = (facts[c].tolist() for c in ("unit", "value", "value_max", "text", "fact_id"))
    for i in (i for i, share in enumerate(shares) if share):
        if units[i] == "%" and values[i] is not pd.NA:
            top = tops[i] if tops[i] is not pd.NA else values[i]
            if float(top) > 100:
                out.append(Flag("share_over_100", f"{texts[i]} is stated as a share of a whole but is above 100 %",
                                (ids[i],)))
    return out


def fractional_counts(facts: pd.DataFrame) -> list[Flag]:
    columns = ("text", "value", "unit", "fact_id")
    counts = _rows(facts, (facts["kind"] == "figure") & (facts["label"] == "count") & facts["value"].notna(), columns)
    out = []
    for r in plain_records(counts, columns):
        v = float(r["value"])
        if abs(v - round(v)) > 1e-6:
            out.append(Flag("fractional_count",
                            f"{r['text']} counts {r['unit'] or 'things'} but comes to {_fmt(v)}, not a whole number",
                            (r["fact_id"],)))
    return out


def run_checks(facts: pd.DataFrame, shares: Sequence[bool] | None = None,
               statements: Sequence[Statement] | None = None) -> list[Flag]:
    """Every flag on a fact table that has the statement columns (subject, metric_key, ...)."""
    if facts.empty:
        return []
    shares = shares if shares is not None else [False] * len(facts)
    statements = statements if statements is not None else find_statements(facts)
    return disagreements(facts, statements) + document_checks(facts, shares)


def document_checks(facts: pd.DataFrame, shares: Sequence[bool]) -> list[Flag]:
    """The checks that read one document (one sentence, one conversion, one figure) at a time, so
    that a table can be checked document by document (stream.py)."""
    return growth_mismatches(facts) + implausible_rates(facts) + shares_over_100(facts, shares) \
        + fractional_counts(facts)


def flags_column(facts: pd.DataFrame, flags: Sequence[Flag]) -> list[str | None]:
    by_id: dict[str, list[str]] = {}
    for f in flags:
        for fid in f.fact_ids:
            by_id.setdefault(fid, []).append(f"{f.check}: {f.reason}")
    return [" | ".join(by_id[fid]) if fid in by_id else None for fid in facts["fact_id"]]


def build_checks(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per flag (check, reason, fact_ids, doc_ids), rebuilt from the ``flags`` column."""
    rows: dict[tuple[str, str], dict] = {}
    if "flags" in facts:
        for fid, doc, cell in zip(facts["fact_id"], facts["doc_id"], facts["flags"]):
            if not isinstance(cell, str):
                continue
            for item in cell.split(" | "):
                check, _, reason = item.partition(": ")
                row = rows.setdefault((check, reason), {"check": check, "reason": reason, "fact_ids": [], "doc_ids": []})
                row["fact_ids"].append(fid)
                if doc not in row["doc_ids"]:
                    row["doc_ids"].append(doc)
    return pd.DataFrame(list(rows.values()), columns=list(CHECK_COLUMNS)).astype(CHECK_COLUMNS)
