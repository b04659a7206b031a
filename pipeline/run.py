"""The batch: discover files, reuse cached results for unchanged ones, extract, write the tables.

Nothing here prints; ``run()`` returns a RunReport that the CLI renders.

Safety (issue 8):
* the cache (``<out>/.cache/fm-<sha1>.json``) is keyed by the file's bytes, format, catalog row,
  kinds and the code's fingerprint — never by its path — and each entry records the doc_id it was
  made for; reusing it for another path (a move or a copy) relabels the identity, so a fact always
  names the file it is in now;
* each document's entry is written (temporary file + rename) as soon as it is done, so a killed
  run resumes where it stopped; a corrupt entry is discarded with a warning;
* the run holds a lock on ``--out``; tables are written to temporary names and renamed;
* only files the run itself names (``fm-*.json`` listed in ``.cache/manifest.json``, the extracted
  texts of converted files) are ever removed; an empty corpus is an error that touches nothing;
* workers die with their parent; ``--workers`` is capped at the machine's cores; each document
  has a time budget (``doc_timeout``) after which it is reported and skipped.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

import orjson

from . import engines, models, review
from .consolidate import rows
from .errors import DocumentTimeout, EmptyCorpus, FactmineError
from .extractors import KINDS, extract_all
from .ingest import ingest_source
from .ingest.formats import CONVERTED, FORMATS, format_of
from .ingest.metadata import GUESSED
from .progress import NullProgress, Progress
from .safety import OutputLock, atomic_write, remove_stale_temps, write_entry
from .types import Mention

if TYPE_CHECKING:
    import pandas as pd


class _OnUse:
    """A module imported on first use: pandas (0.6 s CPU) only when tables are built or read."""

    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr: str):
        return getattr(import_module(self._name, __package__), attr)


consolidate, aliases, stream = _OnUse(".consolidate"), _OnUse(".consolidate.aliases"), _OnUse(".consolidate.stream")
csv_process = _OnUse(".consolidate.facts_csv")   # no pandas: imported before the workers fork
SUFFIXES = tuple(FORMATS)
CACHE_DIR = ".cache"
MANIFEST = "manifest.json"      # the cache entries and extracted texts this tool wrote
TEXT_DIR = "text"               # <out>/text/<doc_id>.txt: the extracted text of converted files
_ENTRY = re.compile(r"fm-[0-9a-f]{40}\.json")
DOC_TIMEOUT = 60.0
CATALOG = "catalog.csv"          # optional: file,title,publisher,url,date (one row per article)
OUTPUTS_SUMMARY = "outputs.json"  # in .cache: digest of what fed the tables, their counts, their files
ALIASES_FILE = "aliases.yaml"     # consolidate.aliases.FILENAME, named here without importing pandas
PACKAGE = Path(__file__).resolve().parent


@dataclass
class RunReport:
    documents: int = 0
    from_cache: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)    # (doc_id, reason)
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    review: dict = field(default_factory=dict)   # decisions applied / re-attached / orphaned (review.apply)
    unsupported: list[str] = field(default_factory=list)       # doc_ids of files in no known format
    warnings: list[str] = field(default_factory=list)          # read, but with trouble
    undated: list[str] = field(default_factory=list)           # documents without a date
    guessed_dates: list[tuple[str, str, str]] = field(default_factory=list)   # (doc_id, date, how)
    workers: int = 1                                           # processes actually used
    unchanged: bool = False      # nothing that feeds the tables changed: outputs left as they were
    stored: dict = field(default_factory=dict, repr=False)     # their counts and rows (OUTPUTS_SUMMARY)
    tables: dict = field(default_factory=dict, repr=False)     # name -> DataFrame, built or read back

    # facts, entities, timeline: built by this run, or read back from the Parquet files on use (a run
    # that changed nothing, or facts written slice by slice: consolidate/stream.py)
    facts = property(lambda self: self._table("facts"), lambda self, df: self.tables.__setitem__("facts", df))
    entities = property(lambda self: self._table("entities"),
                        lambda self, df: self.tables.__setitem__("entities", df))
    timeline = property(lambda self: self._table("timeline"),
                        lambda self, df: self.tables.__setitem__("timeline", df))

    def _table(self, name: str) -> pd.DataFrame | None:
        if name not in self.tables:
            path = next((p for p in self.outputs if p.name == f"{name}.parquet"), None)
            if path is not None and path.is_file():
                self.tables[name] = _read_table(path)
        return self.tables.get(name)

    def rows(self) -> dict[str, int]:
        """rows per table"""
        if self.stored:
            return dict(self.stored["rows"])
        return {name: 0 if self.tables.get(name) is None else int(len(self.tables[name]))
                for name in ("facts", "entities", "timeline")}

    def counts(self) -> dict[str, dict[str, int]]:
        """facts by kind and language"""
        if self.stored:
            return {kind: dict(by_lang) for kind, by_lang in self.stored["counts"].items()}
        if self.facts is None or self.facts.empty:
            return {}
        table = self.facts.groupby(["kind", "lang"]).size()
        out: dict[str, dict[str, int]] = {}
        for (kind, lang), n in table.items():
            out.setdefault(kind, {})[lang] = int(n)
        return out


@dataclass
class Scan:
    files: list[Path] = field(default_factory=list)            # articles in a supported format
    unsupported: list[str] = field(default_factory=list)       # doc_ids of other files
    refused: list[tuple[str, str]] = field(default_factory=list)   # (doc_id, reason)


def scan(corpus: Path, *, exclude: Path | None = None) -> Scan:
    """Files under ``corpus`` (recursively, sorted; hidden ones skipped), sorted by what to do.

    Symbolic links are not followed out of the corpus: a linked folder is not entered, a linked
    file whose target lies outside the corpus is refused (reported).  ``exclude`` (the output
    folder, when it lies inside the corpus) is not read: its extracted texts are not articles.
    """
    found = Scan()
    root = corpus.resolve()
    skip = exclude.resolve() if exclude is not None else None
    for folder, dirs, files in os.walk(corpus):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (Path(folder) / d).resolve() != skip)
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            doc_id = doc_id_of(path, corpus)
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                found.refused.append((doc_id, f"{doc_id}: symbolic link to a file outside the corpus, not followed"))
            elif name == CATALOG or doc_id == ALIASES_FILE:    # the user's own control files, not articles
                continue
            elif format_of(name) is None:
                found.unsupported.append(doc_id)
            else:
                found.files.append(path)
    return found


def discover(corpus: Path) -> list[Path]:
    """Article files under ``corpus`` (recursively), sorted; hidden files and folders skipped."""
    return scan(corpus).files


def doc_id_of(path: Path, corpus: Path) -> str:
    return path.relative_to(corpus).as_posix()


def read_catalog(corpus: Path, problems: list[str] | None = None) -> dict[str, dict]:
    """Rows of ``corpus/catalog.csv`` by file; rows naming a path outside the corpus are refused."""
    path = corpus / CATALOG
    if not path.is_file():
        return {}
    rows = {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), 2):
            name = (row.get("file") or "").strip()
            if not name:
                continue
            if name.startswith(("/", "\\")) or ".." in Path(name).parts or ":" in name[:3]:
                if problems is not None:
                    problems.append(f"{path}:{n}: {name!r} is outside the corpus, row ignored")
                continue
            rows[Path(name).as_posix()] = {k: v for k, v in row.items() if k and v and k != "date_source"}
    return rows


def catalog_row_for(file: Path) -> dict | None:
    """The catalog row of one file, from the nearest ``catalog.csv`` in its folder or above."""
    file = file.resolve()
    for folder in file.parents:
        if (folder / CATALOG).is_file():
            return read_catalog(folder).get(file.relative_to(folder).as_posix())
    return None


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
    doc = ingest_source(path.read_bytes(), path.name, doc_id, catalog=catalog_row)
    return extract_all(doc, kinds), doc.meta.date


def _extract_blob(data: bytes, name: str, doc_id: str, row: dict | None, kinds: tuple[str, ...]) -> dict:
    """One document's result as the plain JSON the cache stores."""
    doc = ingest_source(data, name, doc_id, catalog=row)
    m = doc.meta
    mentions = extract_all(doc, kinds)
    return {"doc_id": doc_id, "mentions": [x.to_row() for x in mentions],   # Mention.from_row
            "derived": rows.derive(mentions, {doc_id: m.title}),   # the table's per-document columns
            "chars": len(doc.raw),
            "date": m.date, "date_source": m.date_source if m.date else None,
            "date_confidence": m.date_confidence, "warnings": list(m.warnings),
            "meta": {"title": m.title, "publisher": m.publisher, "url": m.url},   # provenance columns
            "text": doc.raw if m.encoding in CONVERTED else None}      # provenance is against this text


@contextmanager
def time_budget(seconds: float | None, doc_id: str):
    """Raise DocumentTimeout in this thread after ``seconds`` (main thread only; else no budget)."""
    if not seconds or not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout(f"{doc_id}: took longer than {seconds:g} s, skipped (raise --doc-timeout to mine it)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _process_job(job) -> tuple[str, dict | None, str | None]:
    """(doc_id, blob, None) or (doc_id, None, reason).  Runs in a worker or in the parent."""
    path, digest, doc_id, row, kinds, timeout = job
    from .safety import _test_pause

    try:
        data = path.read_bytes()           # read here, not carried in the job: memory stays flat
        if hashlib.sha1(data).hexdigest() != digest:
            return doc_id, None, f"{doc_id}: changed while the run was reading it; run again"
        with time_budget(timeout, doc_id):
            _test_pause("extract", doc_id)
            return doc_id, _extract_blob(data, path.name, doc_id, row, kinds), None
    except FactmineError as exc:
        return doc_id, None, str(exc)
    except (OSError, ValueError, UnicodeError, RecursionError) as exc:   # broken data: skip the file
        return doc_id, None, f"{doc_id}: {type(exc).__name__}: {exc}"
    except Exception as exc:  # noqa: BLE001 — one document's bug must not stop the batch; it is reported
        return doc_id, None, f"{doc_id}: internal error ({type(exc).__name__}: {exc}); please report this file"


def _died(job, exc: BaseException) -> tuple[str, None, str]:
    return job[2], None, f"{job[2]}: its worker process died (out of memory?)"


def _execute(jobs: list, workers: int, engine: engines.SerialEngine | None = None,
             sizes: list[int] | None = None) -> Iterator[tuple[str, dict | None, str | None]]:
    """Yield each job's result as soon as it is done (in the parent, or in ``workers`` processes,
    or on ``engine`` when one is given: see engines.py)."""
    if engine is not None:
        yield from engine.map(_process_job, jobs, sizes, on_error=_died)
        return
    if workers <= 1 or len(jobs) <= 1:
        yield from map(_process_job, jobs)
        return
    warm_up = partial(engines.warm_up, jobs[0][4])     # the kinds asked: a figures-only run loads no jieba
    with engines.ProcessEngine(workers, warm_up=warm_up) as pool:    # forked after loading (issue 13)
        yield from pool.map(_process_job, jobs, sizes, on_error=_died)


def _cache_key(data: bytes, fmt: str | None, row: dict | None, kinds: tuple[str, ...],
               installed: tuple = ()) -> str:
    """``installed``: models.installed(), asked once per run (14 ms a call with models enabled)."""
    h = hashlib.sha1(data)
    h.update(json.dumps([fmt, row, kinds, pipeline_fingerprint(), installed], sort_keys=True).encode())
    return h.hexdigest()


class _Cache:
    """Per-document results under ``<out>/.cache``; only names in its manifest are ever removed."""

    def __init__(self, out: Path, warnings: list[str]):
        self.dir = out / CACHE_DIR
        self.folder = str(self.dir)         # write_entry's
        self.warnings = warnings
        self.manifest = self.dir / MANIFEST
        self.owned: set[str] = set()
        self.texts: set[str] = set()
        if self.manifest.is_file():
            try:
                blob = json.loads(self.manifest.read_text(encoding="utf-8"))
                self.owned = {n for n in blob.get("entries", []) if _ENTRY.fullmatch(n)}
                self.texts = set(blob.get("texts", []))
            except (ValueError, AttributeError, TypeError):
                warnings.append(f"{self.manifest}: corrupt cache manifest, started a new one")

    def get(self, key: str, doc_id: str) -> dict | None:
        path = self.dir / f"fm-{key}.json"
        if not path.is_file():
            return None
        try:
            blob = orjson.loads(path.read_bytes())
            if not isinstance(blob.get("mentions"), list):
                raise ValueError("no mentions")
        except (ValueError, OSError, AttributeError) as exc:       # orjson.JSONDecodeError is a ValueError
            self.warnings.append(f"{path}: corrupt cache entry discarded ({type(exc).__name__}); redoing {doc_id}")
            path.unlink(missing_ok=True)
            return None
        return _relabel(blob, doc_id)

    def plan(self, keys: Iterable[str]) -> None:
        """Name entries in the manifest before they exist, so a killed run leaves no unnamed file."""
        self.owned |= {f"fm-{k}.json" for k in keys}
        self.save()

    def put(self, key: str, blob: dict) -> None:
        """No fsync: an entry lost in a crash is redone; a torn one is impossible (rename) or discarded (get).

        orjson: a fifth of json.dumps's time (issue 13); the same JSON but for a float NaN, which it
        writes as null, and the tables store a missing number as null either way."""
        try:
            data = orjson.dumps(blob)
        except TypeError:                           # what orjson refuses (a lone surrogate): json escapes it
            data = json.dumps(blob).encode()
        write_entry(self.folder, f"fm-{key}.json", data)

    def save(self) -> None:
        atomic_write(self.manifest, json.dumps({"entries": sorted(self.owned), "texts": sorted(self.texts)}))

    def prune(self, used_keys: set[str], texts: set[str], out: Path) -> None:
        """Remove entries and extracted texts this tool wrote that the current corpus no longer needs."""
        keep = {f"fm-{k}.json" for k in used_keys}
        for name in self.owned - keep:
            (self.dir / name).unlink(missing_ok=True)
        for rel in self.texts - texts:
            target = (out / TEXT_DIR / rel)
            if target.resolve().is_relative_to((out / TEXT_DIR).resolve()):
                target.unlink(missing_ok=True)
        self.owned, self.texts = keep, set(texts)
        self.save()


def _relabel(blob: dict, doc_id: str) -> dict | None:
    """A cached result made for another path (a move or copy): the same facts under this doc_id.

    Fields equal to the old doc_id or starting with ``old#`` are renamed; if the old name appears
    anywhere else (say, in a sentence), the entry is not trusted and the file is redone.  The
    per-document columns (``derived``: fact ids hash the doc_id) are dropped and computed again.
    """
    old = blob.get("doc_id")
    if old == doc_id:
        return blob
    if not isinstance(old, str) or not old:
        return None
    mentions = []
    for m in blob["mentions"]:                 # rows: Mention.to_row() (lists after JSON)
        m = [doc_id + v[len(old):] if isinstance(v, str) and (v == old or v.startswith(old + "#")) else v
             for v in m]
        if any(isinstance(v, str) and old in v for v in m):
            return None
        mentions.append(m)
    return {**{k: v for k, v in blob.items() if k != "derived"}, "doc_id": doc_id, "mentions": mentions}


def run(corpus: Path, out: Path | None, *, kinds: Iterable[str] = KINDS, workers: int = 1,
        reviews: Path | None = None, use_cache: bool = True,
        doc_timeout: float | None = DOC_TIMEOUT, engine: engines.SerialEngine | None = None,
        progress: Progress | None = None) -> RunReport:
    """Process the corpus and (when ``out`` is given) write facts, entities and timeline tables.

    ``engine`` runs the per-document work (engines.py; the caller closes it; without one, the
    pool below); ``progress`` hears of every document (progress.py).
    Raises OutputLocked when another run writes to ``out``, EmptyCorpus when no article could be
    read (earlier outputs and the cache are then left as they were).
    Review decisions come from the corpus's store (``reviews`` overrides its path) and are applied.
    """
    args = (tuple(kinds), workers, reviews, use_cache, doc_timeout, engine, progress or NullProgress())
    with _fewer_collections():
        if out is None:
            return _run(corpus, None, *args)
        with OutputLock(out):
            return _run(corpus, out, *args)


GC_YOUNG_THRESHOLD = 20_000     # allocations between two young collections during a run (Python: 700)


@contextmanager
def _fewer_collections():
    """The cyclic garbage collector's young generation collected every ``GC_YOUNG_THRESHOLD``
    allocations instead of 700 while a run lasts (and in the workers forked during it).

    A run allocates millions of small containers (mention rows, records, keys) that reference
    counting frees, and holds large live structures (lexicons, the clusters) that every older
    collection walks again: collections were a third of the parent's pass 1 (zh-2000, 3.97 -> 2.64 CPU s)
    (bench/README.md, sixth wave).  Nothing here makes reference cycles in bulk, so memory
    is the same; the old thresholds are put back afterwards (``run`` is a library call too)."""
    import gc

    old = gc.get_threshold()
    gc.set_threshold(max(old[0], GC_YOUNG_THRESHOLD), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _run(corpus, out, kinds, workers, reviews, use_cache, doc_timeout, engine, progress) -> RunReport:
    t0 = time.perf_counter()
    report = RunReport(workers=engine.workers if engine is not None else max(1, min(workers, os.cpu_count() or 1)))
    catalog = read_catalog(corpus, report.warnings)
    decisions = review.load_decisions(corpus, reviews, out=out)   # the corpus's decision store, read only
    found = scan(corpus, exclude=out)
    report.unsupported, report.skipped = found.unsupported, list(found.refused)
    cache = None
    if out is not None:
        remove_stale_temps(out)
        remove_stale_temps(out / CACHE_DIR)
        remove_stale_temps(out / TEXT_DIR, below=True)
        cache = _Cache(out, report.warnings)
    results: dict[str, dict] = {}
    jobs, keys, sizes, installed = [], {}, [], models.installed()
    for path in found.files:
        doc_id = doc_id_of(path, corpus)
        row = catalog.get(doc_id)
        try:
            data = path.read_bytes()
        except OSError as exc:
            report.skipped.append((doc_id, f"{doc_id}: cannot read ({exc.strerror})"))
            continue
        keys[doc_id] = key = _cache_key(data, format_of(path.name), row, kinds, installed)
        blob = cache.get(key, doc_id) if cache is not None and use_cache else None
        if blob is not None:
            _slim(blob)                    # read again when the tables are built: memory stays flat
            results[doc_id] = blob
            report.from_cache += 1
            continue
        jobs.append((path, hashlib.sha1(data).hexdigest(), doc_id, row, kinds, doc_timeout))
        sizes.append(len(data))
    if cache is not None and jobs:
        cache.plan(keys[j[2]] for j in jobs)
    # with an output folder, the tables are built while the workers extract (consolidate/stream.py);
    # with nothing to extract, not before a no-change rerun is ruled out
    tables = _Tables(out, decisions, corpus, cache, keys, sorted(results)) if out is not None else None
    try:
        if tables is not None and jobs:
            tables.start_csv(sum(sizes))
        progress.start(len(jobs), cached=report.from_cache)
        try:
            for doc_id, blob, error in _execute(jobs, report.workers, engine, sizes):
                progress.advance(doc_id, 0 if blob is None else blob.get("chars", 0),
                                 0 if blob is None else len(blob["mentions"]), error)
                if error is not None:
                    report.skipped.append((doc_id, error))
                    continue
                results[doc_id] = blob
                if cache is not None:
                    cache.put(keys[doc_id], blob)
                if tables is not None:
                    tables.add(dict(blob))       # the mentions go to the stream; the run keeps the rest
                    _slim(blob)
        finally:
            progress.close()
        if not results:
            raise EmptyCorpus(f"{corpus}: no article could be read ({len(report.skipped)} skipped, "
                              f"{len(report.unsupported)} unsupported); earlier outputs left as they were", report)
        _summarize(report, results)
        digest = _inputs_digest(corpus, {d: keys[d] for d in results}, decisions, kinds) if out is not None else ""
        built_from = len(report.skipped)
        if out is None:
            _build_tables(report, results, decisions, corpus)
        elif not (use_cache and _outputs_unchanged(report, out, digest)):   # a no-change rerun stops here
            if tables.finish(report):
                _record_outputs(report, out, digest, report.skipped[built_from:])
            else:                                   # the next run must build the tables again
                (out / CACHE_DIR / OUTPUTS_SUMMARY).unlink(missing_ok=True)
    finally:
        if tables is not None:
            tables.close()
    if out is not None:
        texts = _write_texts(out, results)
        cache.prune({keys[d] for d in results}, texts, out)
    report.seconds = time.perf_counter() - t0
    return report


def _summarize(report: RunReport, results: dict[str, dict]) -> None:
    report.documents = len(results)
    for doc_id in sorted(results):
        blob = results[doc_id]
        report.warnings.extend(blob.get("warnings") or [])
        if not blob.get("date"):
            report.undated.append(doc_id)
        elif blob.get("date_source") in GUESSED:
            report.guessed_dates.append((doc_id, blob["date"], blob["date_source"]))


def _build_tables(report: RunReport, results: dict[str, dict], decisions: dict, corpus: Path) -> None:
    all_mentions, derived = [], []
    for doc_id in sorted(results):
        blob = results[doc_id]
        mentions = [Mention.from_row(m) for m in blob["mentions"]]
        done = blob.get("derived")               # computed by the worker (rows.py), unless relabelled
        if not rows.valid(done, len(mentions)):
            done = rows.derive(mentions, {doc_id: (blob.get("meta") or {}).get("title")})
        all_mentions += mentions
        derived.append(done)
    facts = consolidate.build_table(
        all_mentions, doc_dates={d: r.get("date") for d, r in results.items()},
        doc_date_sources={d: r.get("date_source") for d, r in results.items()},
        doc_meta={d: r.get("meta") or {} for d, r in results.items()}, derived=rows.combine(derived))
    del all_mentions, derived
    for blob in results.values():      # in the table now (and in the cache): peak memory is lower
        blob.pop("mentions", None), blob.pop("derived", None)
    facts, alias_error = aliases.apply_file(facts, corpus)     # corpus/aliases.yaml (issue 12)
    if alias_error:
        report.skipped.append((aliases.FILENAME, alias_error))
    report.facts = review.apply_decisions(facts, decisions)   # the corpus's review decisions (issue 10)
    report.review = report.facts.attrs.get("review", {})
    decided = review.decided_view(report.facts)               # derived tables: no rejected facts
    report.entities = consolidate.build_entities(decided)
    report.timeline = consolidate.build_timeline(decided)
    report.tables["statements"] = consolidate.build_statements(decided)
    report.tables["checks"] = consolidate.build_checks(decided)


def _write_texts(out: Path, results: dict[str, dict]) -> set[str]:
    """The extracted text of each converted file, which its facts' offsets point into."""
    written = set()
    for doc_id, blob in results.items():
        if blob.get("text") is not None:
            rel = f"{doc_id}.txt"
            target = out / TEXT_DIR / rel
            data = blob["text"].encode("utf-8")
            if not target.is_file() or target.read_bytes() != data:
                atomic_write(target, data)
            written.add(rel)
    return written


def _slim(blob: dict) -> None:
    """Drop the cache entry's mentions (they are on disk, or in the table stream now): what the run
    keeps of each document is the rest (date, metadata, warnings)."""
    blob.pop("mentions", None), blob.pop("derived", None)


class _Tables:
    """Feeds the table stream (consolidate/stream.py): each extracted document as it comes, and a
    cached one (read back from its entry) after each, so that both overlap the workers' extraction."""

    def __init__(self, out: Path, decisions: dict, corpus: Path, cache: _Cache, keys: dict[str, str],
                 cached: list[str]):
        self.out, self.decisions, self.corpus, self.cache, self.keys = out, decisions, corpus, cache, keys
        self.queue = cached[::-1]           # popped from the end: doc_id order
        self.lost: list[str] = []
        self.stream = None
        self.facts_csv = None               # facts.csv's writer, started before the workers

    def start_csv(self, expected_bytes: int) -> None:
        """facts.csv's process, started now if ``expected_bytes`` of files to extract call for it:
        before the workers fork, beside their warm-up.  The table stream (pandas, pyarrow: 0.4 s of
        imports) is made later, on the first result, while the workers extract."""
        self.facts_csv = csv_process.start_early(self.out, expected_bytes)

    def start(self) -> None:
        (self.out / CACHE_DIR).mkdir(parents=True, exist_ok=True)
        self.stream = stream.TableStream(self.out, decisions=self.decisions, corpus=self.corpus,
                                         facts_csv=self.facts_csv)
        self.facts_csv = None               # the stream's now (if making it failed, close() stops it)

    def add(self, blob: dict) -> None:
        if self.stream is None:
            self.start()
        self.stream.add(blob)
        self._feed(1)

    def _feed(self, n: int) -> None:
        while n > 0 and self.queue:
            doc_id = self.queue.pop()
            blob = self.cache.get(self.keys[doc_id], doc_id)
            if blob is None:                # removed or damaged since the scan
                self.lost.append(doc_id)
            else:
                self.stream.add(blob)
            n -= 1

    def finish(self, report: RunReport) -> bool:
        """The tables written; False when a cached entry vanished meanwhile (its document is missing)."""
        if self.stream is None:
            self.start()
        self._feed(len(self.queue))
        written = self.stream.finish()
        report.skipped += [(d, f"{d}: its cache entry vanished during the run; run again") for d in self.lost]
        if written.alias_error:
            report.skipped.append((aliases.FILENAME, written.alias_error))
        report.tables.update(written.tables)
        report.review = written.review
        report.stored = {"rows": written.rows, "counts": written.counts}
        report.outputs += written.outputs
        return not self.lost

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()
        if self.facts_csv is not None:      # never handed to a stream (no result came): stopped, removed
            self.facts_csv.abandon()
            self.facts_csv = None


def _inputs_digest(corpus: Path, keys: dict[str, str], decisions: dict, kinds: tuple[str, ...]) -> str:
    """Hash of everything the tables are built from: each document's cache key (its bytes, format,
    catalog row, kinds, code and models) under its doc_id, the review decisions in force (as read
    from the store), the aliases file, the catalog.  Equal digests mean equal tables."""
    h = hashlib.sha1(json.dumps([sorted(keys.items()), list(kinds), pipeline_fingerprint(), models.installed(),
                                 sorted((k, repr(v)) for k, v in decisions.items())]).encode())
    for extra in (corpus / ALIASES_FILE, corpus / CATALOG):
        h.update(b"\0" + (extra.read_bytes() if extra.is_file() else b"-"))
    return h.hexdigest()


def _outputs_unchanged(report: RunReport, out: Path | None, digest: str) -> bool:
    """True (and the report filled from the summary) when the tables in ``out`` were built from the
    same inputs and are still the files this tool wrote (same size and modification time)."""
    if out is None:
        return False
    try:
        saved = json.loads((out / CACHE_DIR / OUTPUTS_SUMMARY).read_text(encoding="utf-8"))
        if saved["digest"] != digest:
            return False
        for name, (size, mtime_ns) in saved["files"].items():
            st = (out / name).stat()
            if (st.st_size, st.st_mtime_ns) != (size, mtime_ns):
                return False
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False
    report.unchanged, report.stored, report.review = True, saved, saved.get("review", {})
    report.skipped += [tuple(s) for s in saved.get("skipped", [])]
    report.outputs = [out / name for name in saved["files"]]
    return True


def _record_outputs(report: RunReport, out: Path, digest: str, skipped: list) -> None:
    """Written after the tables: what they were built from, their counts, their files' size and time."""
    files = {}
    for p in report.outputs:
        st = p.stat()
        files[p.name] = [st.st_size, st.st_mtime_ns]
    atomic_write(out / CACHE_DIR / OUTPUTS_SUMMARY, json.dumps(
        {"digest": digest, "counts": report.counts(), "rows": report.rows(), "skipped": skipped,
         "review": report.review, "files": files},
        ensure_ascii=False))


def _read_table(path: Path) -> pd.DataFrame:
    """A table as this run would have built it, from its Parquet copy (list cells back to lists)."""
    import pandas as pd

    df = pd.read_parquet(path)
    for col in df.columns:
        if df[col].dtype == object and df[col].map(lambda v: hasattr(v, "tolist")).any():
            df[col] = df[col].map(lambda v: v.tolist() if hasattr(v, "tolist") else v)
    return df
