"""``factmine review`` and ``factmine export``: Typer commands registered by pipeline/cli.py.

Expected problems print one line (``factmine: <reason>``) and exit 1; nothing is recorded then.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from ..errors import FactmineError
from .store import VIEW_STATUSES, DecisionStore, StoreError, check_location, default_path, parse_corrections

# pandas and the table code load inside the commands, so `factmine --help` and `extract` stay quick

review_app = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False,
                         help="Review facts: list, accept, reject, correct (by id or by filter), walk one by one.")

OUT = typer.Option(Path("outputs"), "--out", help="Folder with facts.parquet from `factmine run`.")
CORPUS = typer.Option(Path("corpus"), "--corpus", help="The articles' folder; decisions live in CORPUS/.factmine/reviews.sqlite.")
REVIEWS = typer.Option(None, "--reviews", help="Use this decision store instead of the corpus's.")
KIND = typer.Option(None, "--kind", help="Only facts of this kind (figure, entity, event).")
DOC = typer.Option(None, "--doc", help="Only facts of this document (doc_id).")
LABEL = typer.Option(None, "--label", help="Only facts with this label.")
WHERE_CANONICAL = typer.Option(None, "--canonical", help="Only entities with this canonical name.")
CLUSTER = typer.Option(None, "--cluster", help="Only facts of this cluster_id.")
LANG = typer.Option(None, "--lang", help="Only facts in this language.")
FLAGGED = typer.Option(False, "--flagged", help="Only facts failing a consistency check (the flags column).")
COMMENT = typer.Option("", "--comment", help="A note kept with the decision.")
REVIEWER = typer.Option("", "--reviewer", help="Who decided.")


def fail(message: str) -> None:
    typer.echo(f"factmine: {message}", err=True)
    raise typer.Exit(1)


def _store_path(corpus: Path, reviews: Optional[Path]) -> Path:
    if reviews is not None:
        if reviews.suffix.lower() == ".csv":
            fail(f"{reviews}: an old reviews.csv; import it with `factmine review import {reviews}`")
        return reviews
    if not corpus.is_dir():
        fail(f"{corpus}: no such folder (give the articles' folder with --corpus)")
    return default_path(corpus)


def _facts(out: Path, store: DecisionStore | None):
    import pandas as pd

    from .apply import apply_decisions

    path = out / "facts.parquet"
    if not path.is_file():
        fail(f"{path}: no fact table yet (run `factmine run` first)")
    facts = pd.read_parquet(path)
    return apply_decisions(facts, store.latest() if store is not None else {})


def _open(path: Path, *, create: bool) -> DecisionStore | None:
    if not create and not path.is_file():
        return None
    if create and not path.is_file():
        typer.echo(f"new decision store {path}", err=True)
    try:
        return DecisionStore(path)
    except StoreError as exc:
        fail(str(exc))


@review_app.callback(invoke_without_command=True)
def review_cli(
    ctx: typer.Context,
    out: Path = OUT, corpus: Path = CORPUS, reviews: Optional[Path] = REVIEWS,
    accept: Optional[list[str]] = typer.Option(None, "--accept", help="Mark this fact_id accepted (repeatable)."),
    reject: Optional[list[str]] = typer.Option(None, "--reject", help="Mark this fact_id rejected (repeatable)."),
    kind: Optional[str] = KIND, doc: Optional[str] = DOC, label: Optional[str] = LABEL,
    canonical: Optional[str] = WHERE_CANONICAL, cluster: Optional[str] = CLUSTER, lang: Optional[str] = LANG,
    status: str = typer.Option("pending", "--status", help=f"Only facts with this status: {', '.join(VIEW_STATUSES)}."),
    limit: int = typer.Option(20, "--limit", min=1, help="How many facts to list."),
    flagged: bool = FLAGGED,
    reviewer: str = REVIEWER,
) -> None:
    """Walk facts one at a time on a terminal (keys a/r/c/s/q, j/k); elsewhere, list them.

    Example: factmine review --kind figure --doc 004_f7175b00e1a29747.txt

    Example: factmine review accept --canonical Xinjiang --kind entity

    Decisions go to CORPUS/.factmine/reviews.sqlite (history kept); every `factmine run` applies them.
    """
    if ctx.invoked_subcommand is not None:
        return
    from .terminal import Sources, Walk, select
    if accept or reject:                  # the old flags, kept: --accept ID --reject ID
        both = sorted(set(accept or []) & set(reject or []))
        if both:
            fail(f"{', '.join(both)}: both --accept and --reject given; decide once")
        items = {**{f: "accepted" for f in accept or []}, **{f: "rejected" for f in reject or []}}
        store, facts, ids, _ = _chosen(out, corpus, reviews, list(items), {}, None)
        _decide((store, facts, ids, ""), [items[f] for f in ids], None, "", reviewer)
        return
    path = _store_path(corpus, reviews)
    filters = dict(kind=kind, doc=doc, label=label, canonical=canonical, cluster=cluster, lang=lang)
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    store = _open(path, create=interactive)
    try:
        shown = select(_facts(out, store), status=status, flagged=flagged, **filters)
    except StoreError as exc:
        fail(str(exc))
    if interactive:
        walk = Walk(shown, store, read_key=typer.getchar, read_line=lambda p: input(p), write=typer.echo,
                    sources=Sources(corpus, out), reviewer=reviewer)
        typer.echo(f"recorded {walk.run()} decision(s) in {path}")
        return
    _list(shown, limit, corpus, out)


def _list(shown, limit: int, corpus: Path, out: Path | None = None) -> None:
    from .terminal import Sources, format_fact

    sources = Sources(corpus if corpus.is_dir() else None, out)
    typer.echo(f"{len(shown)} fact(s) match; showing {min(limit, len(shown))}")
    for row in shown.head(limit).to_dict("records"):
        typer.echo(format_fact(row, sources.raw(row["doc_id"])))


@review_app.command("list")
def list_cli(out: Path = OUT, corpus: Path = CORPUS, reviews: Optional[Path] = REVIEWS,
             kind: Optional[str] = KIND, doc: Optional[str] = DOC, label: Optional[str] = LABEL,
             canonical: Optional[str] = WHERE_CANONICAL, cluster: Optional[str] = CLUSTER,
             lang: Optional[str] = LANG, flagged: bool = FLAGGED,
             status: str = typer.Option("all", "--status", help=f"One of {', '.join(VIEW_STATUSES)}."),
             limit: int = typer.Option(50, "--limit", min=1, help="How many facts to list.")) -> None:
    """List facts with their sentence, the mention in [brackets] at its own offsets.

    Example: factmine review list --kind entity --canonical Kashgar --status pending
    """
    from .terminal import select

    store = _open(_store_path(corpus, reviews), create=False)
    try:
        shown = select(_facts(out, store), status=status, flagged=flagged, kind=kind, doc=doc, label=label,
                       canonical=canonical, cluster=cluster, lang=lang)
    except StoreError as exc:
        fail(str(exc))
    _list(shown, limit, corpus, out)


def _targets(facts, ids, filters: dict, status: Optional[str]) -> tuple[list[str], str]:
    """Fact ids to decide: the ids given (all must exist) or every fact matching the filters."""
    from .terminal import select

    if ids and any(v is not None for v in filters.values()):
        fail("give FACT_IDs or filters, not both")
    if ids:
        known = set(facts["fact_id"])             # built once: 3,000 ids checked in milliseconds
        unknown = [f for f in ids if f not in known]
        if unknown:
            fail(f"unknown fact_id {', '.join(unknown)} (not in the fact table; nothing recorded)")
        return list(dict.fromkeys(ids)), ""
    if all(v is None for v in filters.values()):
        fail("give FACT_IDs or at least one filter (--kind, --doc, --label, --canonical, --cluster, --lang)")
    chosen = select(facts, status=status or "pending", **filters)
    skipped = len(select(facts, status="all", **filters)) - len(chosen)
    note = f" ({skipped} already decided left as they are; --status all to include them)" if skipped and not status else ""
    return chosen["fact_id"].tolist(), note


def _chosen(out, corpus, reviews, ids, filters: dict, status: Optional[str]):
    """(store, facts, fact ids, note) for a decision command: ids checked, or chosen by filters."""
    path = _store_path(corpus, reviews)
    try:
        check_location(path, out)
    except StoreError as exc:
        fail(str(exc))
    store = _open(path, create=False)
    facts = _facts(out, store)
    try:
        chosen, note = _targets(facts, ids, filters, status)
    except StoreError as exc:
        fail(str(exc))
    if not chosen:
        fail("no fact matches those filters; nothing recorded")
    return store or _open(path, create=True), facts, chosen, note   # created only when there is a decision


def _decide(chosen, status: str | list[str], corrections, comment: str, reviewer: str) -> None:
    """Record one decision per chosen fact (``status`` one for all, or one per fact) in one transaction."""
    store, facts, ids, note = chosen
    statuses = [status] * len(ids) if isinstance(status, str) else status
    rows = {r["fact_id"]: r for r in facts[facts["fact_id"].isin(ids)].to_dict("records")}
    try:
        if corrections:                   # one transaction for all of them, like record_many
            n = store.import_rows([(fid, st, corrections, comment, reviewer, None, rows[fid])
                                   for fid, st in zip(ids, statuses)])
        else:
            n = store.record_many(list(zip(ids, statuses)), facts=rows, comment=comment, reviewer=reviewer)
    except StoreError as exc:
        fail(str(exc))
    typer.echo(f"recorded {n} decision(s) in {store.path}{note or ''}")
    store.close()


def _bulk(status: str):
    def command(ids: Optional[list[str]] = typer.Argument(None, help="Fact ids (or use filters)."),
                out: Path = OUT, corpus: Path = CORPUS, reviews: Optional[Path] = REVIEWS,
                kind: Optional[str] = KIND, doc: Optional[str] = DOC, label: Optional[str] = LABEL,
                canonical: Optional[str] = WHERE_CANONICAL, cluster: Optional[str] = CLUSTER,
                lang: Optional[str] = LANG,
                status_filter: Optional[str] = typer.Option(None, "--status", help="With filters: facts with this status (default pending)."),
                comment: str = COMMENT, reviewer: str = REVIEWER) -> None:
        chosen = _chosen(out, corpus, reviews, ids, dict(kind=kind, doc=doc, label=label, canonical=canonical,
                                                         cluster=cluster, lang=lang), status_filter)
        _decide(chosen, status, None, comment, reviewer)
    verb = status[:-2] if status.endswith("ed") else status
    command.__doc__ = (f"Mark facts {status}: by id, or every fact matching filters.\n\n"
                       f"Example: factmine review {verb} f1a2b3c4d5e6f708 f0123456789abcde\n\n"
                       f"Example: factmine review {verb} --canonical Xinjiang --kind entity")
    return command


review_app.command("accept")(_bulk("accepted"))
review_app.command("reject")(_bulk("rejected"))


@review_app.command("correct")
def correct_cli(ids: Optional[list[str]] = typer.Argument(None, help="Fact ids to correct (or use --where-* filters)."),
                out: Path = OUT, corpus: Path = CORPUS, reviews: Optional[Path] = REVIEWS,
                value: Optional[str] = typer.Option(None, "--value", help="Corrected value (a number: 64.09e9)."),
                value_max: Optional[str] = typer.Option(None, "--value-max", help="Upper end of a range."),
                unit: Optional[str] = typer.Option(None, "--unit"), qualifier: Optional[str] = typer.Option(None, "--qualifier"),
                metric: Optional[str] = typer.Option(None, "--metric"), metric_key: Optional[str] = typer.Option(None, "--metric-key"),
                period: Optional[str] = typer.Option(None, "--period"), label: Optional[str] = typer.Option(None, "--label"),
                canonical: Optional[str] = typer.Option(None, "--canonical"),
                date: Optional[str] = typer.Option(None, "--date", help="YYYY-MM-DD, YYYY-MM or YYYY."),
                subject: Optional[str] = typer.Option(None, "--subject"),
                kind: Optional[str] = KIND, doc: Optional[str] = DOC,
                where_label: Optional[str] = typer.Option(None, "--where-label", help="Only facts with this label."),
                where_canonical: Optional[str] = typer.Option(None, "--where-canonical", help="Only entities with this canonical name."),
                cluster: Optional[str] = CLUSTER, lang: Optional[str] = LANG,
                status_filter: Optional[str] = typer.Option(None, "--status", help="With filters: facts with this status (default pending)."),
                comment: str = COMMENT, reviewer: str = REVIEWER) -> None:
    """Record corrected fields for facts (the extracted values stay; final_* columns use these).

    Example: factmine review correct f1a2b3c4d5e6f708 --value 64.09e9 --metric "online retail sales"

    Example: factmine review correct --kind entity --where-canonical Kashi --canonical Kashgar
    """
    given = dict(value=value, value_max=value_max, unit=unit, qualifier=qualifier, metric=metric,
                 metric_key=metric_key, period=period, label=label, canonical=canonical, date=date, subject=subject)
    try:
        corrections = parse_corrections(given)
    except StoreError as exc:
        fail(str(exc))
    if not corrections:
        fail("give at least one corrected field (--value, --unit, --metric, --period, --canonical, --label, --date ...)")
    filters = dict(kind=kind, doc=doc, label=where_label, canonical=where_canonical, cluster=cluster, lang=lang)
    _decide(_chosen(out, corpus, reviews, ids, filters, status_filter), "corrected", corrections, comment, reviewer)


@review_app.command("history")
def history_cli(fact_id: str = typer.Argument(...), corpus: Path = CORPUS, reviews: Optional[Path] = REVIEWS) -> None:
    """Every decision recorded for one fact, oldest first (the last one is in force)."""
    from ..safety import terminal_safe

    store = _open(_store_path(corpus, reviews), create=False)
    for d in store.history(fact_id) if store is not None else []:
        extra = f" {d.corrections}" if d.corrections else ""
        typer.echo(terminal_safe(f"{d.decided_at}  {d.status}{extra}  {d.reviewer}  {d.comment}".rstrip()))


@review_app.command("orphans")
def orphans_cli(out: Path = OUT, corpus: Path = CORPUS, reviews: Optional[Path] = REVIEWS) -> None:
    """Decisions whose fact no longer exists (kept), and those re-attached after an edit."""
    from ..safety import terminal_safe

    store = _open(_store_path(corpus, reviews), create=False)
    facts = _facts(out, store)
    summary = facts.attrs.get("review", {})
    for old, new in summary.get("reattached", {}).items():
        typer.echo(f"re-attached {old} -> {new}")
    latest = store.latest() if store is not None else {}
    for fid in summary.get("orphaned", []):
        snap = latest[fid].fact
        typer.echo(terminal_safe(f"orphaned {fid} {latest[fid].status}  {snap.get('doc_id', '?')} {snap.get('text', '')!r}"))


@review_app.command("import")
def import_cli(csv_file: Path = typer.Argument(..., help="An old reviews.csv (fact_id,status[,decided_at])."),
               out: Path = OUT, corpus: Path = CORPUS, reviews: Optional[Path] = REVIEWS,
               reviewer: str = REVIEWER) -> None:
    """Import an old reviews.csv into the decision store (old ids mapped to current ones when possible)."""
    from . import legacy

    store = _open(_store_path(corpus, reviews), create=True)
    try:
        done = legacy.import_csv(csv_file, store, _facts(out, None), reviewer=reviewer)
    except StoreError as exc:
        fail(str(exc))
    for line in done.bad_lines:
        typer.echo(f"factmine: {csv_file}: {line}: skipped", err=True)
    typer.echo(f"imported {done.recorded} decision(s) ({len(done.mapped)} old ids mapped to current ones, "
               f"{len(done.unknown)} unknown ids kept as orphaned{': ' + ', '.join(done.unknown[:5]) if done.unknown else ''})")


@review_app.command("export-csv")
def export_csv_cli(csv_file: Path = typer.Argument(..., help="Where to write fact_id,status,decided_at."),
                   corpus: Path = CORPUS, reviews: Optional[Path] = REVIEWS) -> None:
    """Write the decisions in force as an old-style reviews.csv (UTF-8 with BOM)."""
    from . import legacy

    store = _open(_store_path(corpus, reviews), create=False)
    n = legacy.export_csv(store, csv_file) if store is not None else 0
    typer.echo(f"wrote {n} decision(s) to {csv_file}")


def export_cli(
    fmt: str = typer.Option("sqlite", "--format", help="sqlite, csv or jsonl."),
    dest: Optional[Path] = typer.Option(None, "--out", help="Where to write (a file for sqlite, a folder otherwise)."),
    outputs: Path = typer.Option(Path("outputs"), "--outputs", help="Folder with facts.parquet from `factmine run`."),
    corpus: Path = CORPUS, reviews: Optional[Path] = REVIEWS,
) -> None:
    """Export facts, entities, timeline and decisions, with the decisions in force applied.

    Example: factmine export --format sqlite --out factmine.sqlite   (then: datasette factmine.sqlite)
    """
    from .export import EXPORTERS, export

    if fmt not in EXPORTERS:
        fail(f"--format {fmt!r}: expected one of {', '.join(EXPORTERS)}")
    store = _open(_store_path(corpus, reviews), create=False)
    try:
        written = export(fmt, _facts(outputs, store), store, dest or outputs / EXPORTERS[fmt].default_name)
    except (FactmineError, OSError) as exc:
        fail(str(exc))
    typer.echo(f"wrote {', '.join(str(p) for p in written)}")
