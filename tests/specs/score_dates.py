"""Score the date layer on the case tables in tests/specs/dates/{zh,en,es}.jsonl.

    python -m tests.specs.score_dates            # P/R per category (strict: span and value)
    python -m tests.specs.score_dates --misses   # also list what was missed or wrong

Each case line: {"text", "reference_date", "expected": [{"text", "value"}], "category"}.
A found expression is correct ("strict") when its text and value equal an expected one; the
"value" columns only ask the value to be right on an overlapping span.  The ``negative``
category expects nothing: every expression found there is a false positive.
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from pipeline import dates

SPECS = Path(__file__).resolve().parent / "dates"
LANGS = ("zh", "en", "es")


def load_cases(lang: str) -> list[dict]:
    with open(SPECS / f"{lang}.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _overlap(a: dict, b) -> bool:
    return a["start"] < b.end and b.start < a["end"]


def score_case(case: dict, lang: str) -> tuple[int, int, int, int, list[str]]:
    """(strict hits, value hits, found, expected, notes) for one case."""
    text = case["text"]
    found = dates.find(text, lang, case.get("reference_date"))
    expected = []
    for e in case["expected"]:
        start = text.find(e["text"])
        expected.append({**e, "start": start, "end": start + len(e["text"])})
    strict = sum(1 for e in expected if any(f.text == e["text"] and f.value == e["value"] for f in found))
    value = sum(1 for e in expected if any(_overlap(e, f) and f.value == e["value"] for f in found))
    notes = []
    if strict < len(expected) or len(found) > strict:
        notes.append(f"{text}\n    expected {[(e['text'], e['value']) for e in expected]}"
                     f"\n    found    {[(f.text, f.value) for f in found]}")
    return strict, value, len(found), len(expected), notes


def score(langs=LANGS) -> dict[tuple[str, str], dict[str, int]]:
    table: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for lang in langs:
        for case in load_cases(lang):
            s, v, nf, ne, notes = score_case(case, lang)
            for key in ((lang, case["category"]), ("all", case["category"]), ("all", "ALL")):
                row = table[key]
                row["strict"] += s
                row["value"] += v
                row["found"] += nf
                row["expected"] += ne
                row["cases"] += 1
                if key[0] == lang:
                    row.setdefault("notes", [])
                    table[key]["notes"] = row.get("notes", []) + notes
    return table


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}" if b else "    -"


def render(table) -> str:
    lines = ["| lang | category | cases | expected | found | P strict | R strict | R value |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for (lang, cat), r in sorted(table.items(), key=lambda kv: (kv[0][0] != "all", kv[0])):
        lines.append(f"| {lang} | {cat} | {r['cases']} | {r['expected']} | {r['found']} | "
                     f"{_pct(r['strict'], r['found'])} | {_pct(r['strict'], r['expected'])} | "
                     f"{_pct(r['value'], r['expected'])} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--lang", default=",".join(LANGS))
    ap.add_argument("--category", default="")
    args = ap.parse_args()
    table = score(tuple(args.lang.split(",")))
    print(render({k: v for k, v in table.items() if k[0] == "all"}))
    if args.misses:
        for (lang, cat), r in sorted(table.items()):
            if lang != "all" and (not args.category or cat == args.category):
                for n in r.get("notes", []):
                    print(f"[{lang} {cat}] {n}")


if __name__ == "__main__":
    main()
