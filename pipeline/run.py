"""The batch: discover files, reuse cached results for unchanged ones, extract, write the tables.

Nothing here prints; ``run()`` returns a RunReport that the CLI renders.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from . import consolidate, models, review
from .errors import FactmineError
from .extractors import KINDS, extract_all
from .ingest import ingest_bytes
from .types import Mention

SUFFIXES = (".txt", ".md")
CATALOG = "catalog.csv"          # optional: file,title,publisher,url,date (one row per article)
PACKAGE = Path(__file__).resolve().parent


@dataclass
class RunReport:
    documents: int = 0
    from_cache: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)    # (doc_id, reason)
    facts: pd.DataFrame | None = None
    entities: pd.DataFrame | None = None
    timeline: pd.DataFrame | None = None
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    review: dict = field(default_factory=dict)   # decisions applied / re-attached / orphaned (review.apply)

    def counts(self) -> dict[str, dict[str, int]]:
        """facts by kind and language"""
        if self.facts is None or self.facts.empty:
            return {}
        table = self.facts.groupby(["kind", "lang"]).size()
        out: dict[str, dict[str, int]] = {}
        for (kind, lang), n in table.items():
            out.setdefault(kind, {})[lang] = int(n)
        return out


def discover(corpus: Path) -> list[Path]:
    """Article files under ``corpus`` (recursively), sorted; hidden files and folders skipped."""
    found = []
    for root, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                found.append(Path(root) / name)
    return found


def doc_id_of(path: Path, corpus: Path) -> str:
    return path.relative_to(corpus).as_posix()


def read_catalog(corpus: Path) -> dict[str, dict]:
    path = corpus / CATALOG
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {row["file"]: {k: v for k, v in row.items() if v} for row in csv.DictReader(fh) if row.get("file")}


@lru_cache(maxsize=1)
def pipeline_fingerprint() -> str:
    """Hash of the package's code and resources: a change to either invalidates the cache."""
    h = hashlib.sha1()
    for p in sorted(PACKAGE.rglob("*")):
        if p.suffix in (".py", ".yaml", ".tsv", ".txt", ".json") and "__pycache__" not in p.parts:
            h.update(p.relative_to(PACKAGE).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def process_file(path: Path, doc_id: str, catalog_row: dict | None,
                 kinds: tuple[str, ...] = KINDS) -> tuple[list[Mention], str | None]:
    """Ingest and extract one file -> (mentions, document date).  Raises FactmineError."""
    doc = ingest_bytes(path.read_bytes(), doc_id, catalog=catalog_row)
    return extract_all(doc, kinds), doc.meta.date


def _process_job(job):
    path, doc_id, row, kinds = job
    try:
        mentions, date = process_file(path, doc_id, row, kinds)
        return doc_id, [asdict(m) for m in mentions], date, None
    except FactmineError as exc:
        return doc_id, None, None, str(exc)
    except (OSError, ValueError, UnicodeError) as exc:     # unreadable file, broken data: skip it
        return doc_id, None, None, f"{doc_id}: {type(exc).__name__}: {exc}"


def _cache_key(data: bytes, row: dict | None, kinds: tuple[str, ...]) -> str:
    h = hashlib.sha1(data)
    h.update(json.dumps([row, kinds, pipeline_fingerprint(), models.installed()], sort_keys=True).encode())
    return h.hexdigest()


def run(corpus: Path, out: Path | None, *, kinds: Iterable[str] = KINDS, workers: int = 1,
        reviews: Path | None = None, use_cache: bool = True) -> RunReport:
    """Process the corpus and (when ``out`` is given) write facts, entities and timeline tables.

    Review decisions come from the corpus's store (``reviews`` overrides its path) and are applied.
    """
    t0 = time.perf_counter()
    kinds = tuple(kinds)
    report = RunReport()
    catalog = read_catalog(corpus)
    decisions = review.load_decisions(corpus, reviews, out=out)   # the corpus's decision store, read only
    cache_dir = out / ".cache" if out is not None else None     # written always, read if use_cache
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, tuple[list[dict], str | None]] = {}
    jobs, keys, used = [], {}, set()
    for path in discover(corpus):
        doc_id = doc_id_of(path, corpus)
        row = catalog.get(doc_id)
        try:
            data = path.read_bytes()
        except OSError as exc:
            report.skipped.append((doc_id, f"{doc_id}: cannot read ({exc.strerror})"))
            continue
        key = _cache_key(data, row, kinds)
        cached = cache_dir / f"{key}.json" if cache_dir is not None else None
        used.add(f"{key}.json")
        if use_cache and cached is not None and cached.is_file():
            blob = json.loads(cached.read_text(encoding="utf-8"))
            results[doc_id] = (blob["mentions"], blob["date"])
            report.from_cache += 1
            continue
        keys[doc_id] = cached
        jobs.append((path, doc_id, row, kinds))
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            done = list(pool.map(_process_job, jobs, chunksize=max(1, len(jobs) // (4 * workers))))
    else:
        done = [_process_job(j) for j in jobs]
    for doc_id, mentions, date, error in done:
        if error is not None:
            report.skipped.append((doc_id, error))
            continue
        results[doc_id] = (mentions, date)
        if keys.get(doc_id) is not None:
            keys[doc_id].write_text(json.dumps({"mentions": mentions, "date": date}, ensure_ascii=False),
                                    encoding="utf-8")
    if cache_dir is not None:                  # drop results of files that changed or went away
        for stale in cache_dir.glob("*.json"):
            if stale.name not in used:
                stale.unlink()
    report.documents = len(results)
    names = {f.name for f in fields(Mention)}
    all_mentions = [Mention(**{k: v for k, v in m.items() if k in names})
                    for doc_id in sorted(results) for m in results[doc_id][0]]
    report.facts = review.apply_decisions(
        consolidate.build_table(all_mentions, doc_dates={d: r[1] for d, r in results.items()}), decisions)
    report.review = report.facts.attrs.get("review", {})
    decided = review.decided_view(report.facts)               # derived tables: no rejected facts
    report.entities = consolidate.build_entities(decided)
    report.timeline = consolidate.build_timeline(decided)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for name, df in (("facts", report.facts), ("entities", report.entities), ("timeline", report.timeline)):
            consolidate.write_parquet(df, out / f"{name}.parquet")
            consolidate.write_csv(df, out / f"{name}.csv")
            report.outputs += [out / f"{name}.parquet", out / f"{name}.csv"]
    report.seconds = time.perf_counter() - t0
    return report
