"""The decision store: review decisions in SQLite, next to the corpus, history kept.

One table, append-only: every decision is a new row; the latest row per ``fact_id`` is the one in
force (``latest()``), earlier rows stay (``history()``).  Each row keeps a snapshot of the fact as it
was when decided (document, kind, surface, offsets, sentence) so a decision whose fact id changed
after an edit of its sentence can be re-attached (``apply.reattach``) or listed as orphaned.

Durability: WAL journal, ``synchronous=FULL``, one ``BEGIN IMMEDIATE`` transaction per call, so a
decision reported as recorded survives a kill of the process the moment after, and concurrent
writers (the web page, the terminal, a script) wait for each other (``busy_timeout``) instead of
failing.  Nothing here prints.
"""
from __future__ import annotations

import json
import math
import re
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from ..errors import BadInput

STATUSES = ("accepted", "rejected", "corrected")
VIEW_STATUSES = ("pending", *STATUSES, "all")    # what listings filter on ("pending": no decision yet)
CORRECTABLE = ("value", "value_max", "unit", "qualifier", "metric", "metric_key", "period", "label",
               "canonical", "date", "subject")
NUMERIC = frozenset({"value", "value_max"})
# what a decision remembers of its fact (enough to find it again after an edit of its sentence)
SNAPSHOT = ("doc_id", "kind", "lang", "label", "text", "start", "end", "line", "context", "value",
            "value_max", "unit", "metric", "period", "canonical", "date", "cluster_id")
STORE_DIR = ".factmine"
STORE_NAME = "reviews.sqlite"
BUSY_MS = 30_000
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")   # ISO 8601 at its granularity, as the fact table has it

SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    fact_id     TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('accepted', 'rejected', 'corrected')),
    corrections TEXT NOT NULL DEFAULT '{}',   -- JSON object: field -> corrected value
    comment     TEXT NOT NULL DEFAULT '',
    reviewer    TEXT NOT NULL DEFAULT '',
    decided_at  TEXT NOT NULL,                -- ISO 8601, UTC
    fact        TEXT NOT NULL DEFAULT '{}'    -- JSON snapshot of the fact when decided
);
CREATE INDEX IF NOT EXISTS decisions_by_fact ON decisions (fact_id, id);
"""


class StoreError(BadInput):
    """The decision store cannot be opened or a decision is malformed (one-line reason)."""


@dataclass(frozen=True, slots=True)
class Decision:
    id: int
    fact_id: str
    status: str
    corrections: dict
    comment: str
    reviewer: str
    decided_at: str
    fact: dict = field(default_factory=dict)   # snapshot: doc_id, kind, label, text, start, end, context ...


def default_path(corpus: Path) -> Path:
    """``<corpus>/.factmine/reviews.sqlite``: fixed relative to the corpus, never inside outputs/."""
    return Path(corpus) / STORE_DIR / STORE_NAME


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def normalize_status(status: str) -> str:
    """``Accepted`` / `` accepted `` -> ``accepted``; anything else is a StoreError."""
    s = str(status).strip().lower()
    if s not in STATUSES:
        raise StoreError(f"status {status!r}: expected one of {', '.join(STATUSES)}")
    return s


def check_corrections(corrections: Mapping | None) -> dict:
    """Validate field names and types; numbers for value/value_max, ISO dates for date, else text."""
    out = {}
    for name, v in (corrections or {}).items():
        if name not in CORRECTABLE:
            raise StoreError(f"cannot correct {name!r}: correctable fields are {', '.join(CORRECTABLE)}")
        if name in NUMERIC:
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise StoreError(f"{name} correction {v!r}: expected a finite number")
            v = float(v)
        elif not isinstance(v, str) or not v.strip():
            raise StoreError(f"{name} correction {v!r}: expected non-empty text")
        else:
            v = v.strip()
            if name == "date" and not _valid_date(v):
                raise StoreError(f"date correction {v!r}: expected YYYY-MM-DD, YYYY-MM or YYYY")
        out[name] = v
    return out


def parse_corrections(raw: Mapping[str, str | None]) -> dict:
    """Corrections typed as text (command line, web form) -> typed and validated; blanks dropped."""
    typed = {}
    for name, v in raw.items():
        if v is None or (isinstance(v, str) and not v.strip()):
            continue
        if name in NUMERIC and isinstance(v, str):
            try:
                v = float(v.replace(",", "").replace("_", "").strip())
            except ValueError:
                raise StoreError(f"{name} correction {v!r}: expected a number (e.g. 64.09e9)") from None
        typed[name] = v
    return check_corrections(typed)


def _valid_date(v: str) -> bool:
    if not _DATE.fullmatch(v):
        return False
    parts = [int(p) for p in v.split("-")] + [1, 1]
    try:
        datetime(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def _plain(v):
    """A table cell as a plain JSON value; None for missing (None, NaN, pandas NA/NaT)."""
    if v is None or type(v).__name__ in ("NAType", "NaTType"):
        return None
    if hasattr(v, "item"):                   # numpy scalars
        v = v.item()
    return None if isinstance(v, float) and not math.isfinite(v) else v


def snapshot(fact: Mapping | None) -> dict:
    """The fact's provenance and values as plain JSON-able values (NaN / NA -> left out)."""
    out = {}
    for key in SNAPSHOT:
        v = _plain((fact or {}).get(key))
        if v is not None:
            out[key] = v
    return out


class DecisionStore:
    """Review decisions of one corpus.  Safe to share between threads; one connection per store."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._connect()
        except sqlite3.DatabaseError as exc:     # not a database, locked for good, unwritable folder
            raise StoreError(f"{self.path}: cannot open the decision store ({exc})") from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create the decision store ({exc.strerror})") from None
        self._lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        """Open, switch to WAL and create the schema; retried while another process does the same
        (switching the journal mode can report 'locked' at once instead of waiting)."""
        deadline = time.monotonic() + BUSY_MS / 1000
        while True:
            db = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None, check_same_thread=False)
            try:
                db.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = FULL")
                db.executescript(SCHEMA)
                return db
            except sqlite3.OperationalError as exc:
                db.close()
                if not ("locked" in str(exc) or "busy" in str(exc)) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    @classmethod
    def for_corpus(cls, corpus: Path) -> "DecisionStore":
        return cls(default_path(corpus))

    # -- writing -------------------------------------------------------------------------------
    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: committed on success, rolled back on any error."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:     # still locked after busy_timeout, disk full, read-only
            raise StoreError(f"{self.path}: cannot write a decision ({exc})") from None
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                raise StoreError(f"{self.path}: cannot write a decision ({exc})") from None
            raise

    def record(self, fact_id: str, status: str, *, corrections: dict | None = None, comment: str = "",
               reviewer: str = "", fact: Mapping | None = None) -> Decision:
        """Record one decision (validated, committed before returning)."""
        row = self._row(fact_id, status, corrections, comment, reviewer, fact, now())
        with self._lock, self._write() as db:
            row = self._keep_snapshots(db, [row])[0]
            cur = db.execute("INSERT INTO decisions (fact_id, status, corrections, comment, reviewer, "
                             "decided_at, fact) VALUES (?, ?, ?, ?, ?, ?, ?)", row)
            new_id = cur.lastrowid
        return Decision(new_id, row[0], row[1], json.loads(row[2]), row[3], row[4], row[5], json.loads(row[6]))

    def record_many(self, items: Iterable[tuple[str, str]], *, facts: Mapping[str, Mapping] | None = None,
                    comment: str = "", reviewer: str = "") -> int:
        """Record (fact_id, status) pairs in one transaction (all or none); returns how many."""
        stamp, facts = now(), facts or {}
        rows = [self._row(fid, status, None, comment, reviewer, facts.get(fid), stamp) for fid, status in items]
        with self._lock, self._write() as db:
            rows = self._keep_snapshots(db, rows)
            db.executemany("INSERT INTO decisions (fact_id, status, corrections, comment, reviewer, "
                           "decided_at, fact) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        return len(rows)

    def import_rows(self, rows: Iterable[tuple]) -> int:
        """Low-level: (fact_id, status, corrections, comment, reviewer, decided_at, fact) validated rows."""
        rows = [self._row(f, s, c, cm, r, fact, at or now()) for f, s, c, cm, r, at, fact in rows]
        with self._lock, self._write() as db:
            rows = self._keep_snapshots(db, rows)
            db.executemany("INSERT INTO decisions (fact_id, status, corrections, comment, reviewer, "
                           "decided_at, fact) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
        return len(rows)

    @staticmethod
    def _keep_snapshots(db: sqlite3.Connection, rows: list[tuple]) -> list[tuple]:
        """A decision given without its fact inherits the snapshot of the fact's previous decision."""
        wanted = sorted({r[0] for r in rows if r[6] == "{}"})
        if not wanted:
            return rows
        where = f"fact_id IN ({','.join('?' * len(wanted))}) AND " if len(wanted) <= 500 else ""
        known = dict(db.execute("SELECT fact_id, fact FROM decisions WHERE id IN (SELECT MAX(id) FROM decisions "
                                f"WHERE {where}fact != '{{}}' GROUP BY fact_id)", wanted if where else ()))
        return [r if r[6] != "{}" else r[:6] + (known.get(r[0], "{}"),) for r in rows]

    @staticmethod
    def _row(fact_id, status, corrections, comment, reviewer, fact, stamp) -> tuple:
        if not isinstance(fact_id, str) or not fact_id.strip():
            raise StoreError(f"fact_id {fact_id!r}: expected a fact id such as f1a2b3c4d5e6f708")
        status = normalize_status(status)
        corrections = check_corrections(corrections)
        if status == "corrected" and not corrections:
            raise StoreError(f"{fact_id}: a correction needs at least one corrected field "
                             f"({', '.join(CORRECTABLE)})")
        if status != "corrected" and corrections:
            raise StoreError(f"{fact_id}: corrected fields given with status {status!r}")
        return (fact_id.strip(), status, json.dumps(corrections, ensure_ascii=False), str(comment or ""),
                str(reviewer or ""), stamp, json.dumps(snapshot(fact), ensure_ascii=False))

    # -- reading -------------------------------------------------------------------------------
    def _select(self, sql: str, args: tuple = ()) -> list[Decision]:
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return [Decision(i, f, s, json.loads(c), cm, r, at, json.loads(fa)) for i, f, s, c, cm, r, at, fa in rows]

    _COLS = "id, fact_id, status, corrections, comment, reviewer, decided_at, fact"

    def latest(self) -> dict[str, Decision]:
        """The decision in force per fact_id (the last recorded one)."""
        found = self._select(f"SELECT {self._COLS} FROM decisions WHERE id IN "
                             "(SELECT MAX(id) FROM decisions GROUP BY fact_id) ORDER BY id")
        return {d.fact_id: d for d in found}

    def history(self, fact_id: str) -> list[Decision]:
        """Every decision recorded for ``fact_id``, oldest first."""
        return self._select(f"SELECT {self._COLS} FROM decisions WHERE fact_id = ? ORDER BY id", (fact_id,))

    def all(self) -> list[Decision]:
        """Every decision, oldest first (exports)."""
        return self._select(f"SELECT {self._COLS} FROM decisions ORDER BY id")

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM decisions").fetchone()[0]

    def __bool__(self) -> bool:           # an empty store is still a store (len() counts decisions)
        return True

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "DecisionStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def check_location(path: Path, out: Path | None) -> None:
    """A decision store inside the outputs folder would go with ``rm -rf outputs``: refused."""
    if out is not None and Path(path).resolve().is_relative_to(Path(out).resolve()):
        raise StoreError(f"{path}: the decision store must not live inside the outputs folder {out} "
                         f"(rm -rf {out} would delete every decision); keep it in CORPUS/{STORE_DIR}/")


def load_decisions(corpus: Path, reviews: Path | None = None, *, out: Path | None = None) -> dict[str, Decision]:
    """The decisions in force for a run (read only: a missing default store means no decisions yet).

    ``reviews`` overrides the corpus's store; given but missing, inside ``out``, or an old
    ``reviews.csv``, is an error.
    """
    path = Path(reviews) if reviews is not None else default_path(corpus)
    check_location(path, out)
    if reviews is not None and path.suffix.lower() == ".csv":
        raise StoreError(f"{path}: an old reviews.csv; import it once with "
                         f"`factmine review import {path}` (decisions now live in {default_path(corpus)})")
    if not path.is_file():
        if reviews is not None:
            raise StoreError(f"{path}: no such decision store (check --reviews)")
        return {}
    with DecisionStore(path) as store:
        return store.latest()
