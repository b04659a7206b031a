"""Time reviewing the bundled corpus in the review page by keyboard, in headless Chromium.

Usage: python bench/bench_review_page.py [--n 120] [--think 0] [--minutes 0] [--corpus corpus]

A copy of the corpus is run, `factmine serve`'s app is started on a free port, and Playwright walks
the pending facts one page at a time the way a reviewer does: the fact page opens with the mention
marked in its document, then a key: ``a`` (accept, next), ``r`` (reject, next; every 8th fact) or
``c``, a value, Enter, then ``j`` (correct, every 20th figure).  ``--think S`` waits S seconds on each
fact (reading time; -1 uses READING, by kind); with 0 the run measures what the page and server add
per decision.  ``--minutes M`` decides on fact pages until M minutes are up.  Then the
same number of decisions in the list (a/r on the selected row, no page load).  Finally the outputs
are deleted and the pipeline rerun, and every decision is checked in facts.parquet; then a first
paragraph repeating each article's names and figures is inserted and the check done again.
Nothing here is asserted by the tests; numbers go in docs/review-page.md.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


# --think -1: reading time per fact by kind, seconds (a name and its label; a date and what happened;
# a number with unit, metric and period to check against the sentence)
READING = {"entity": 2.5, "event": 4.0, "figure": 6.0}


def start_server(corpus: Path, out: Path):
    from werkzeug.serving import make_server

    from pipeline.review.web import create_app

    app = create_app(corpus, out, reviewer="bench")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def walk_fact_pages(page, url: str, n: int, think: float, facts: pd.DataFrame,
                    minutes: float = 0) -> tuple[float, dict]:
    """n decisions on fact pages (or as many as fit in ``minutes``), by keyboard;
    returns (seconds, {fact_id: expected status})."""
    expected: dict[str, str] = {}
    order = facts["fact_id"].tolist()
    page.goto(f"{url}/fact/{order[0]}?status=pending")
    t0 = time.perf_counter()
    for i in range(n if not minutes else len(order)):
        if minutes and time.perf_counter() - t0 >= minutes * 60:
            break
        fid = page.locator(".split").get_attribute("data-fact-id")
        page.locator("#current").wait_for()
        kind = page.locator("h1 .kind").inner_text()
        reading = READING.get(kind, 0.0) if think < 0 else think
        if reading:
            page.wait_for_timeout(reading * 1000)
        if kind == "figure" and i % 20 == 10:
            page.keyboard.press("c")
            page.keyboard.type("1234.5", delay=150 if think else 0)
            with page.expect_navigation():
                page.keyboard.press("Enter")
            expected[fid] = "corrected"
            with page.expect_navigation():
                page.keyboard.press("j")
            continue
        status = "rejected" if i % 8 == 7 else "accepted"
        with page.expect_navigation():
            page.keyboard.press("r" if status == "rejected" else "a")
        expected[fid] = status
    return time.perf_counter() - t0, expected


def walk_list(page, url: str, n: int, think: float) -> tuple[float, dict]:
    expected: dict[str, str] = {}
    page.goto(f"{url}/?status=pending")
    t0 = time.perf_counter()
    for i in range(n):
        row = page.locator("tr.fact-row.sel")
        fid = row.get_attribute("data-fact-id")
        if think:
            page.wait_for_timeout(abs(think) * 1000)
        status = "rejected" if i % 8 == 7 else "accepted"
        page.keyboard.press("r" if status == "rejected" else "a")
        page.locator(f"tr[data-fact-id='{fid}'] .badge.s-{status}").wait_for()
        expected[fid] = status
        if page.locator("tr.fact-row").last.get_attribute("data-fact-id") == fid:
            page.reload()                                  # end of a page: the pending list again
    return time.perf_counter() - t0, expected


def prepend_recaps(corpus: Path, facts: pd.DataFrame) -> None:
    """Put a new first paragraph in every article that repeats its own names and figures."""
    for doc_id, part in facts.groupby("doc_id"):
        names = part[part["kind"] == "entity"]["text"].drop_duplicates().head(4).tolist()
        figures = part[part["kind"] == "figure"]["text"].drop_duplicates().head(3).tolist()
        recap = "In brief: " + ", ".join(names + figures) + ".\n\n"
        path = corpus / doc_id
        path.write_text(recap + path.read_text(encoding="utf-8"), encoding="utf-8")


def main() -> None:
    import logging

    from playwright.sync_api import sync_playwright

    from pipeline.run import run

    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--think", type=float, default=0.0, help="reading seconds per fact; -1: by kind (READING)")
    ap.add_argument("--minutes", type=float, default=0.0, help="fact pages: decide until this time is up")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    args = ap.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "outputs"
        shutil.copytree(args.corpus, corpus, ignore=shutil.ignore_patterns(".factmine"))
        run(corpus, out)
        facts = pd.read_parquet(out / "facts.parquet")
        server, url = start_server(corpus, out)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            pages_s, expected = walk_fact_pages(page, url, args.n, args.think, facts, args.minutes)
            list_s, listed = walk_list(page, url, args.n, args.think) if not args.minutes else (0.0, {})
            browser.close()
        server.shutdown()
        expected.update(listed)
        shutil.rmtree(out)
        run(corpus, out)
        after = pd.read_parquet(out / "facts.parquet").set_index("fact_id")["status"]
        kept = sum(after.get(fid) == status for fid, status in expected.items())
        prepend_recaps(corpus, facts)
        run(corpus, out)
        edited = pd.read_parquet(out / "facts.parquet")
        kept_edited = sum(edited.set_index("fact_id")["status"].get(fid) == status for fid, status in expected.items())
        decided_edited = int((edited["status"] != "pending").sum())
    print(f"bundled corpus: {len(facts)} facts; think time {args.think:.1f} s per fact"
          + (f" (by kind: {READING})" if args.think < 0 else ""))
    n_pages = len(expected) - len(listed)
    print(f"fact pages, keyboard: {n_pages} decisions in {pages_s:.1f} s = {pages_s / n_pages:.2f} s each")
    if listed:
        print(f"list rows, keyboard:  {len(listed)} decisions in {list_s:.1f} s = {list_s / len(listed):.2f} s each")
    print(f"after rm -rf outputs && run: {kept} of {len(expected)} decisions applied")
    print(f"after a top paragraph repeating names and figures in every article: {kept_edited} of "
          f"{len(expected)} decisions on their own facts; {decided_edited} facts decided in the table")


if __name__ == "__main__":
    main()
