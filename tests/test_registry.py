"""The extractor registry is the one place extractors are listed: snapshot it."""
from __future__ import annotations

import pytest

import pipeline
from pipeline.extract import EXTRACTORS, get


def test_registry_snapshot():
    assert EXTRACTORS == {
        "figure": "pipeline.extract.figures:extract",
        "entity": "pipeline.extract.entities:extract",
        "event": "pipeline.extract.events:extract",
    }


@pytest.mark.parametrize("kind", list(EXTRACTORS))
def test_registry_entries_are_callables(kind):
    assert callable(get(kind))


def test_registry_unknown_kind():
    with pytest.raises(KeyError):
        get("opinion")


def test_registry_public_extract_is_the_function():
    import pipeline.extract.figures  # noqa: F401 — importing a submodule must not shadow the API

    assert callable(pipeline.extract) and pipeline.extract.__module__ == "pipeline"
