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
