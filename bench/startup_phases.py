"""Where the start-up of ``factmine extract -`` on one sentence goes (issue 13, helper C).

    python bench/startup_phases.py [--lang en|es|zh] [--force] [--repeat 3]

Each repeat runs a fresh interpreter that follows ``cli.extract_cli``'s path step by step and
prints the process CPU seconds of each phase (imports, ingest with language detection, each
extractor's first call — resources parsed and patterns compiled —, the table and its JSON).
Medians over the repeats.  ``--force`` passes the language as ``--lang`` does (no detector).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = {      # the sentences of bench/e2e.py's start-up rows
    "zh": "去年，新疆网上零售额达723.3亿元，同比增长13.62%。",
    "en": "Last year, Xinjiang's online retail sales hit 72.33 billion yuan, up 13.62 percent.",
    "es": "El año pasado, las ventas en línea de Xinjiang alcanzaron 72.330 millones de yuanes.",
}

CHILD = r"""
import io, json, sys, time
t = time.process_time
phases = {}
def mark(name, start):
    phases[name] = round(t() - start, 4)
    return t()
s0 = t()
s = t()
import typer, pipeline.cli  # noqa
s = mark("import cli (typer, review)", s)
from pipeline.extractors import get
from pipeline.ingest import ingest_bytes
s = mark("import extractors, ingest", s)
doc = ingest_bytes(SENTENCE.encode(), "-", lang=LANG, reference_date="2025-09-28")
s = mark("ingest (detector if needed)", s)
mentions = []
for kind in ("figure", "entity", "event"):
    mentions += list(get(kind)(doc))
    s = mark(f"first {kind}", s)
from pipeline.consolidate import build_table, write_jsonl
s = mark("import consolidate (pandas)", s)
mentions.sort(key=lambda m: (m.start, m.end, m.kind))
df = build_table(mentions, doc_dates={doc.doc_id: doc.meta.date},
                 doc_date_sources={doc.doc_id: doc.meta.date_source or None}, doc_meta={doc.doc_id: doc.meta})
write_jsonl(df, io.StringIO())
s = mark("table + JSON", s)
phases["total (in process)"] = round(t() - s0, 4)
print(json.dumps(phases))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="en", choices=sorted(SENTENCES))
    ap.add_argument("--force", action="store_true")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    env = dict(os.environ, FACTMINE_MODELS="off")
    code = CHILD.replace("SENTENCE", repr(SENTENCES[a.lang])).replace("LANG", repr(a.lang) if a.force else "None")
    runs = []
    for _ in range(a.repeat):
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"{a.lang}{' --lang' if a.force else ''}: CPU s, median of {a.repeat}")
    for name in runs[0]:
        print(f"  {name:32s} {statistics.median(r[name] for r in runs):6.3f}")


if __name__ == "__main__":
    main()
