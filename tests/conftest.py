"""Shared fixtures (the only place fixtures live)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEED_FILES = sorted(p.name for p in CORPUS.glob("*.txt"))


def read_raw(path: Path) -> str:
    """The raw decoded source as the contract defines it (UTF-8, BOM removed, newlines untouched)."""
    return path.read_bytes().decode("utf-8-sig")


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Path:
    """A private copy of the bundled corpus."""
    dest = tmp_path / "corpus"
    shutil.copytree(CORPUS, dest)
    return dest


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory):
    """One full run over the bundled corpus, shared by the tests that read its tables."""
    from pipeline.run import run

    out = tmp_path_factory.mktemp("outputs")
    return run(CORPUS, out, use_cache=False), out


# -- the review page (pipeline/review/web) ---------------------------------------------------------
REVIEW_SEEDS = ("000_0c1849d751c1ada4.txt", "003_51c6b0f0ed0e603a.txt")   # parallel en/zh, and Spanish
HOSTILE_NAME = "zz_hostile.txt"
# Astral characters (emoji) before the mentions, the same name twice in one sentence, and markup that
# must show as text.  Only the shape matters: the tests look facts up in the run's own table.
HOSTILE_ARTICLE = (
    "Dates from the oasis \U0001F600\U0001F347\n\n"
    "KASHGAR, May 16 (Xinhua) -- \U0001F347 Kashgar farmers sell dates, and Kashgar sellers ship "
    "1,200 tons to Beijing every year.\n\n"
    "Online sales in Kashgar rose 15.5 percent in 2024 <script>alert(1)</script> to 3.2 billion yuan.\n\n"
    'Shoppers wrote "><img src=x onerror=alert(1)> under the post, and 300 stores in Hotan joined.\n'
)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def make_review_corpus(dest: Path) -> Path:
    """Two seed articles and the hostile one, in ``dest``."""
    dest.mkdir(parents=True)
    for name in REVIEW_SEEDS:
        shutil.copy(CORPUS / name, dest / name)
    (dest / HOSTILE_NAME).write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return dest


@pytest.fixture(scope="session")
def review_run(tmp_path_factory):
    """(corpus, outputs) of one run over the review corpus, shared by the read-only page tests."""
    from pipeline.run import run

    base = tmp_path_factory.mktemp("review")
    corpus = make_review_corpus(base / "corpus")
    run(corpus, base / "outputs", use_cache=False)
    return corpus, base / "outputs"


@pytest.fixture
def review_client(review_run, tmp_path):
    """(Flask test client, app, store): the page over the shared run, with a private decision store."""
    from pipeline.review.store import DecisionStore
    from pipeline.review.web import create_app

    corpus, out = review_run
    store = DecisionStore(tmp_path / "reviews.sqlite")
    app = create_app(corpus, out, reviewer="tester", store=store)
    yield app.test_client(), app, store
    store.close()


@pytest.fixture(scope="session")
def chromium():
    """Headless Debian Chromium through Playwright.  Skipped (with the reason) only when Chromium is
    missing and FACTMINE_REQUIRE_BROWSER is unset; CI sets it, so there a missing browser fails."""
    import os

    required = bool(os.environ.get("FACTMINE_REQUIRE_BROWSER"))
    missing = None if CHROMIUM.is_file() else f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing = missing or "playwright is not installed (pip install -e '.[test]')"
    if missing:
        if required:
            pytest.fail(f"browser tests required (FACTMINE_REQUIRE_BROWSER is set) but {missing}")
        pytest.skip(f"browser tests skipped: {missing}; set FACTMINE_REQUIRE_BROWSER=1 to make this an error")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_review(review_run, tmp_path):
    """A review server on a free port over a private copy of the review run (corpus and outputs; its
    decisions go to that corpus's own store).  Yields a namespace: url, corpus, out, app."""
    import threading
    from types import SimpleNamespace

    from werkzeug.serving import make_server

    from pipeline.review.web import create_app

    corpus, out = tmp_path / "corpus", tmp_path / "outputs"
    shutil.copytree(review_run[0], corpus, ignore=shutil.ignore_patterns(".factmine"))
    shutil.copytree(review_run[1], out)
    app = create_app(corpus, out, reviewer="browser")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{server.server_port}", corpus=corpus, out=out, app=app)
    server.shutdown()
    server.server_close()
    app.extensions["factmine_store"].close()


@pytest.fixture
def page(chromium):
    """A fresh browser page; any JavaScript dialog (alert) is recorded and dismissed."""
    context = chromium.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.dialogs = []
    pg.errors = []

    def on_dialog(dialog):
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    context.close()
