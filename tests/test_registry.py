"""The extractor registry is the one place extractors are listed: snapshot it."""
from __future__ import annotations

import pytest

from pipeline import extract as registry


def test_registry_snapshot():
    assert registry.EXTRACTORS == {
        "figure": "pipeline.extract.figures:extract",
        "entity": "pipeline.extract.entities:extract",
        "event": "pipeline.extract.events:extract",
    }


@pytest.mark.parametrize("kind", list(registry.EXTRACTORS))
def test_registry_entries_are_callables(kind):
    assert callable(registry.get(kind))


def test_registry_unknown_kind():
    with pytest.raises(KeyError):
        registry.get("opinion")
