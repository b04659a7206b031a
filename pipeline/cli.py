"""The ``factmine`` command: a thin Typer shell over run(), ingest and extract.

Expected problems print one line (``factmine: <file>: <reason>``) and never a traceback.
"""
from __future__ import annotations

import atexit
import gc
import json
import os
import sys
from datetime import date as _date
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Optional

import typer

# Arrow's default allocator (mimalloc) keeps what it frees: with the system allocator a run over 2,000
# articles peaks ~70 MB lower (bench/README.md).  Set before pyarrow is imported; a user's own setting wins.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

from .errors import BadInput, FactmineError  # noqa: E402
from .safety import terminal_safe  # noqa: E402

app = typer.Typer(
    add_completion=False, no_args_is_help=True, rich_markup_mode=None, pretty_exceptions_enable=False,
    help="Mine figures, named entities and dated events from Chinese, English and Spanish news, "
         "each linked to the exact characters it came from.")


PLURAL = {"figure": "figures", "entity": "entities", "event": "events"}


class Kind(str, Enum):
    figure = "figure"
    entity = "entity"
    event = "event"


class Lang(str, Enum):
    zh = "zh"
    en = "en"
    es = "es"


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"factmine: {message}", err=True)
    raise typer.Exit(code)


def _check_date(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    for fmt_len, parts in ((10, 3), (7, 2), (4, 1)):
        if len(value) == fmt_len:
            try:
                y, m, d = (list(map(int, value.split("-"))) + [1, 1])[:3]
                _date(y, m, d)
                if len(value.split("-")) == parts:
                    return value
            except ValueError:
                break
    raise BadInput(f"--reference-date {value!r}: expected YYYY-MM-DD, YYYY-MM or YYYY")


@lru_cache(maxsize=1)
def _no_collection_at_exit() -> None:
    """At exit, Python's last garbage collection walks every object the run left (0.3-0.5 s after
    2,000 files) to free memory the system takes back anyway: freezing them first skips that walk.
    At the end of the process only (registered once; a test process runs on unchanged)."""
    atexit.register(gc.freeze)


@app.command("run")
def run_cli(
    corpus: Path = typer.Option(Path("corpus"), "--corpus",
                                help="Folder of articles (.txt, .md, .html, .docx, .pdf, .rtf), read recursively."),
    out: Path = typer.Option(Path("outputs"), "--out", help="Folder for facts/entities/timeline .parquet and .csv."),
    workers: int = typer.Option(1, "--workers", min=1, help="Processes to use for changed files (at most the cores)."),
    reviews: Optional[Path] = typer.Option(None, "--reviews",
                                           help="Decision store to apply (default CORPUS/.factmine/reviews.sqlite)."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Redo every file, even unchanged ones."),
    doc_timeout: float = typer.Option(60.0, "--doc-timeout", min=0,
                                      help="Seconds one document may take before it is skipped (0: no limit)."),
    engine: str = typer.Option("process", "--engine",
                               help="Where documents are processed: process (this machine), serial, or dask."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler",
                                            help="Dask scheduler address (tcp://host:8786); without one, a local cluster."),
    as_json: bool = typer.Option(False, "--json", help="Print the run summary as one JSON object."),
) -> None:
    """Ingest and extract the whole corpus and write the fact table.

    Example: factmine run --corpus corpus --out outputs

    Only files that changed since the last run (or all, after a code change) are redone.
    Files that cannot be read are reported, one line each, and the run goes on.
    """
    from . import engines, progress
    from .errors import EmptyCorpus
    from .run import run

    if not corpus.is_dir():
        _fail(f"{corpus}: no such folder (give the articles' folder with --corpus)")
    if out.exists() and not out.is_dir():
        _fail(f"{out}: not a folder (give the outputs' folder with --out)")
    try:
        runner = engines.make_engine(engine, workers, scheduler, warm_up=engines.warm_up)
    except (ValueError, OSError) as exc:
        _fail(f"--engine {engine}: {exc}")
    try:
        with runner:
            report = run(corpus, out, workers=workers, reviews=reviews, use_cache=not no_cache,
                         doc_timeout=doc_timeout or None, engine=runner, progress=progress.for_terminal())
    except EmptyCorpus as exc:
        if exc.report is not None:
            _echo_problems(exc.report)
        _fail(str(exc))
    except FactmineError as exc:
        _fail(str(exc))
    _no_collection_at_exit()
    if as_json:
        typer.echo(json.dumps(progress.summary(report, runner.name, runner.workers), ensure_ascii=False))
        raise typer.Exit(1 if report.documents == 0 else 0)
    _echo_problems(report)
    counts = report.counts()
    typer.echo(f"read {report.documents} documents ({report.from_cache} unchanged, from cache), "
               f"skipped {len(report.skipped)}, in {report.seconds:.1f} s")
    if report.workers < workers:
        typer.echo(f"  workers: {report.workers} (capped at the machine's cores)")
    if report.unsupported:
        shown = ", ".join(terminal_safe(u) for u in report.unsupported[:5])
        typer.echo(f"  unsupported: {len(report.unsupported)} ({shown}{', …' if len(report.unsupported) > 5 else ''})")
    if report.undated:
        typer.echo(f"  no document date: {len(report.undated)} ({', '.join(map(terminal_safe, report.undated[:5]))}"
                   f"{', …' if len(report.undated) > 5 else ''}) — add them to catalog.csv")
    for doc_id, date, how in report.guessed_dates:
        typer.echo(f"  date guessed: {terminal_safe(doc_id)} {date} ({how})")
    for kind in ("figure", "entity", "event"):
        by_lang = counts.get(kind, {})
        detail = ", ".join(f"{lang} {n}" for lang, n in sorted(by_lang.items()))
        typer.echo(f"  {PLURAL[kind]:9} {sum(by_lang.values()):5d}  ({detail or 'none'})")
    if report.review.get("applied") or report.review.get("orphaned"):
        from .review.apply import summary_line
        typer.echo(summary_line(report.review))
    typer.echo(f"{'unchanged (nothing they are built from changed)' if report.unchanged else 'wrote'} "
               f"{', '.join(str(p) for p in report.outputs if p.suffix == '.parquet')} (+ .csv)"
               + "".join(f", {p}" for p in report.outputs if p.suffix == ".csv" and p.with_suffix(".parquet")
                         not in report.outputs))


def _echo_problems(report) -> None:
    for _, reason in report.skipped:
        typer.echo(f"skipped {terminal_safe(reason)}", err=True)
    for warning in report.warnings:
        typer.echo(f"warning: {terminal_safe(warning)}", err=True)


@app.command("ingest")
def ingest_cli(
    file: Path = typer.Argument(..., help="One article file."),
    show_text: bool = typer.Option(False, "--text", help="Also print each block's analysis text in full."),
) -> None:
    """Show how a document was read: encoding, metadata, and each block's language and kind.

    Example: factmine ingest corpus/004_f7175b00e1a29747.txt

    Blocks of kind debris, byline, gloss or foreign are not mined for figures; repeated sentences
    are flagged so a repeat is not counted as an independent fact.  The document date of the
    nearest catalog.csv (in the file's folder or above) wins, as in `factmine run`.
    """
    from .ingest import ingest_file
    from .run import catalog_row_for

    if file.is_dir():
        _fail(f"{file}: is a folder; give one article file (or `factmine run --corpus {file}` for all)")
    if not file.is_file():
        _fail(f"{file}: no such file")
    try:
        doc = ingest_file(file, file.name, catalog=catalog_row_for(file))
    except FactmineError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{file}: cannot read ({exc.strerror})")
    _echo_document(file, doc, show_text)


def _echo_document(file: Path, doc, show_text: bool) -> None:
    say = lambda line: typer.echo(terminal_safe(line))   # noqa: E731 — article text never reaches the terminal raw
    m = doc.meta
    say(f"{file}: {len(doc.raw)} characters, encoding {m.encoding}")
    conf = f", confidence {m.date_confidence:.1f}" if m.date_confidence is not None else ""
    say(f"date: {m.date or 'unknown'}" + (f" ({m.date_source}{conf})" if m.date_source else ""))
    for key in ("title", "publisher", "byline", "url"):
        if getattr(m, key):
            say(f"{key}: {getattr(m, key)}")
    for warning in m.warnings:
        say(f"warning: {warning}")
    say(f"{len(doc.blocks)} blocks, {len(doc.sentences)} sentences")
    for b in doc.blocks:
        rs, _ = doc.to_raw(b.start, b.end)
        text = doc.text[b.start:b.end]
        if not show_text and len(text) > 70:
            text = text[:67] + "..."
        flags = []
        if b.pair is not None:
            flags.append(f"pair {b.pair}")
        if b.duplicate_of is not None:
            flags.append(f"repeats block {b.duplicate_of}")
        if b.reason:
            flags.append(b.reason)
        say(f"[{b.index:3d}] line {doc.line_of(rs):4d}  {b.lang:5} {b.kind:8} {text}")
        if flags:
            say(f"{'':24}({'; '.join(flags)})")
    for s in doc.sentences:
        if s.duplicate_of is not None:
            rs, _ = doc.to_raw(s.start, s.end)
            first = doc.sentences[s.duplicate_of]
            fr, _ = doc.to_raw(first.start, first.end)
            say(f"repeated sentence at line {doc.line_of(rs)} (first at line {doc.line_of(fr)}): "
                f"{doc.text[s.start:s.end][:60]}")


@app.command("extract")
def extract_cli(
    file: Optional[str] = typer.Argument(None, help="A text file, or - for standard input."),
    input_jsonl: Optional[Path] = typer.Option(None, "--input", help='Batch: JSON Lines of {"id", "text", "lang"?, "reference_date"?}.'),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Force the language instead of detecting it."),
    reference_date: Optional[str] = typer.Option(None, "--reference-date", help="Date that 'last year' / 去年 is relative to (YYYY-MM-DD)."),
    kind: Optional[list[Kind]] = typer.Option(None, "--kind", help="Only these kinds (repeatable): figure, entity, event."),
) -> None:
    """Run the extractors on one text and print one JSON object per mention.

    Example: echo '去年新疆网上零售额达723.3亿元' | factmine extract - --reference-date 2025-09-28

    Batch example: factmine extract --input snippets.jsonl > mentions.jsonl
    """
    from .consolidate import build_table, write_jsonl
    from .extractors import extract_all
    from .ingest import ingest_bytes, ingest_source
    from .ingest.formats import format_of
    from .run import catalog_row_for

    kinds = [k.value for k in kind] if kind else None
    try:
        ref = _check_date(reference_date)
        if input_jsonl is not None:
            if file is not None:
                raise BadInput("give either a FILE or --input, not both")
            _extract_batch(input_jsonl, lang.value if lang else None, ref, kinds)
            return
        if file is None:
            raise BadInput("give a FILE, - for standard input, or --input texts.jsonl")
        if file == "-":
            doc = ingest_bytes(sys.stdin.buffer.read(), "-", lang=lang.value if lang else None, reference_date=ref)
        else:
            path = Path(file)
            if not path.is_file():
                raise BadInput(f"{file}: no such file")
            read = ingest_source if format_of(path.name) else (lambda data, _, doc_id, **kw: ingest_bytes(data, doc_id, **kw))
            doc = read(path.read_bytes(), path.name, path.name, lang=lang.value if lang else None,
                       reference_date=ref, catalog=catalog_row_for(path))
        df = build_table(extract_all(doc, kinds), doc_dates={doc.doc_id: doc.meta.date},
                         doc_date_sources={doc.doc_id: doc.meta.date_source or None}, doc_meta={doc.doc_id: doc.meta})
        write_jsonl(df, sys.stdout)
    except FactmineError as exc:
        _fail(str(exc))


def _extract_batch(path: Path, lang: Optional[str], ref: Optional[str], kinds) -> None:
    from .consolidate import build_table, write_jsonl
    from .extractors import extract_all
    from .ingest import ingest_text

    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                text, doc_id = item["text"], str(item.get("id", n))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                typer.echo(f"factmine: {path}:{n}: skipped, not a JSON object with a 'text' ({exc})", err=True)
                continue
            try:
                doc = ingest_text(text, doc_id, lang=item.get("lang") or lang,
                                  reference_date=_check_date(item.get("reference_date")) or ref)
            except FactmineError as exc:
                typer.echo(f"factmine: {path}:{n}: skipped, {exc}", err=True)
                continue
            write_jsonl(build_table(extract_all(doc, kinds), doc_dates={doc_id: doc.meta.date},
                                    doc_date_sources={doc_id: doc.meta.date_source or None},
                                    doc_meta={doc_id: doc.meta}), sys.stdout)


from .review.cli import export_cli, review_app  # noqa: E402  (review and export live with the store)

app.add_typer(review_app, name="review")
app.command("export")(export_cli)


alias_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                        help="Steer entities: append decisions to corpus/aliases.yaml (applied by the next run).")
app.add_typer(alias_app, name="alias")


@alias_app.command("merge")
def alias_merge_cli(
    names: list[str] = typer.Argument(..., help="Names (surfaces or canonicals) that are one entity."),
    canonical: str = typer.Option(..., "--canonical", help="The entity's name in the tables."),
    label: Optional[str] = typer.Option(None, "--label", help="PLACE, ORG, PERSON, PRODUCT, PLATFORM or EVENT_NAME."),
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Corpus folder holding aliases.yaml."),
) -> None:
    """Say that NAMES are one entity called CANONICAL.

    Example: factmine alias merge Aksu "Aksu City" 阿克苏市 --canonical "Aksu City" --label PLACE
    """
    from .consolidate.aliases import add_alias

    try:
        path = add_alias(corpus, names, canonical, label)
    except FactmineError as exc:
        _fail(str(exc))
    typer.echo(f"appended to {path}: {', '.join(names)} -> {canonical}")


@alias_app.command("not-entity")
def alias_not_entity_cli(
    name: str = typer.Argument(..., help="A surface or canonical that is not an entity."),
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="Corpus folder holding aliases.yaml."),
) -> None:
    """Say that NAME is not an entity (its mentions leave the tables on the next run).

    Example: factmine alias not-entity 夏牧场
    """
    from .consolidate.aliases import add_not_entity

    try:
        path = add_not_entity(corpus, name)
    except FactmineError as exc:
        _fail(str(exc))
    typer.echo(f"appended to {path}: {name} is not an entity")


@app.command("serve")
def serve_cli(
    corpus: Path = typer.Option(Path("corpus"), "--corpus", help="The articles' folder (its decision store is corpus/.factmine/)."),
    out: Path = typer.Option(Path("outputs"), "--out", help="Folder with facts.parquet from `factmine run`."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (keep the default: the page is for this machine)."),
    port: int = typer.Option(8765, "--port", min=0, max=65535, help="Port to listen on (0: any free port)."),
    reviewer: Optional[str] = typer.Option(None, "--reviewer", help="Name recorded with each decision (default: your login)."),
) -> None:
    """Open the review page: facts with filters, each in its source document; accept, reject, correct.

    Example: factmine serve --corpus corpus --out outputs   (then open http://127.0.0.1:8765/)
    """
    from .review.web import serve

    if not corpus.is_dir():
        _fail(f"{corpus}: no such folder (give the articles' folder with --corpus)")
    if not (out / "facts.parquet").is_file():
        _fail(f"{out / 'facts.parquet'}: no fact table yet (run `factmine run` first)")
    try:
        serve(corpus, out, host=host, port=port, reviewer=reviewer,
              ready=lambda url: typer.echo(f"review page at {url} (Ctrl-C to stop)"))
    except OSError as exc:
        _fail(f"cannot listen on {host}:{port} ({exc.strerror or exc})")
    except FactmineError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        typer.echo("stopped")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
