"""The extractor registry is the one place extractors are listed: snapshot it."""
from __future__ import annotations

import pytest

import pipeline
from pipeline.extractors import EXTRACTORS, get


def test_registry_snapshot():
    assert EXTRACTORS == {
        "figure": "pipeline.extractors.figures:extract",
        "entity": "pipeline.extractors.entities:extract",
        "event": "pipeline.extractors.events:extract",
    }


@pytest.mark.parametrize("kind", list(EXTRACTORS))
def test_registry_entries_are_callables(kind):
    assert callable(get(kind))


def test_registry_unknown_kind():
    with pytest.raises(KeyError):
        get("opinion")


def test_registry_public_extract_is_the_function():
    import pipeline.extractors.figures as figures  # the registry package has a name of its own

    assert callable(figures.extract)
    assert callable(pipeline.extract) and pipeline.extract.__module__ == "pipeline"
