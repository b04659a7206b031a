"""The optional model interface degrades to nothing when no model is installed or it is turned off."""
from __future__ import annotations

import pytest

from pipeline import models


@pytest.fixture
def models_off(monkeypatch):
    monkeypatch.setenv("FACTMINE_MODELS", "off")
    models.load.cache_clear()
    yield
    models.load.cache_clear()


@pytest.mark.parametrize("lang", ["en", "es", "zh"])
def test_models_off_gives_no_spans(models_off, lang):
    assert models.ner_spans("Zhang Wei lives in Jinghe County.", lang) == []
    assert not models.available(lang)


def test_models_zh_has_no_model():
    assert models.load("zh") is None
