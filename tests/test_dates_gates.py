"""Issue 13: the shared gates of the English/Spanish date rules (a month name, a weekday, a
digit) skip only rules that could not have matched: with and without them, find() returns the
same dates on every sentence of the bundled corpora and on generated text."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline.dates import engine, latin
from pipeline.dates.core import Gated, SharedGate
from pipeline.ingest import ingest_text
from pipeline.resources import load

from .conftest import ROOT

REF = "2024-06-15"


def _rebuild(monkeypatch=None):
    latin._compiled_latin_rules.cache_clear()
    engine._rules.cache_clear()


@pytest.fixture
def ungated(monkeypatch):
    """find() with every Latin rule scanning every text."""
    def run(texts, lang):
        monkeypatch.setattr(latin, "_gates", lambda w: {})
        _rebuild()
        try:
            return [engine.find(t, lang, REF, include_present=True) for t in texts]
        finally:
            monkeypatch.undo()
            _rebuild()
    return run


def _sentences(lang: str) -> list[str]:
    out = []
    for folder in [ROOT / "corpus", *sorted((ROOT / "tests" / "data").glob("devset*/corpus"))]:
        for p in sorted(Path(folder).rglob("*.txt")):
            doc = ingest_text(p.read_text(encoding="utf-8", errors="replace"), p.name)
            out += [doc.text[s.start:s.end] for s in doc.sentences if s.lang == lang]
    return out


def _generated(lang: str, n: int = 6000) -> list[str]:
    res = load(lang, "timex")
    words = list(res["months"]) + list(res["month_abbreviations"]) + list(res["weekdays"])
    words += list(res["relative_days"]) + list(res.get("modifiers") or []) + list(res.get("date_prepositions") or [])
    words += [w.upper() for w in res["months"]] + [w.capitalize() for w in res["weekdays"]]
    words += ["2019", "2024", "Q3", "15", "3rd", "1-5", "1998-2001", "of", "de", "del", "last", "next", "year",
              "año", "pasado", "-", "/", ",", ".", "the", "el", "since", "desde", "Mayor", "Marzipan", "market"]
    rng = random.Random(13)
    words += [w.capitalize() for w in res.get("modifiers") or []] + ["tiene", "marca", "Mayo", "sábado"]
    fests = list(res.get("festivals") or [])          # as listed, lower case, glued to words
    words += fests + [f.lower() for f in fests] + [f + "s" for f in fests] + ["X" + f for f in fests[:5]]
    words += list(res.get("festival_not_after") or []) + list(res.get("festival_windows") or [])
    glue = [" ", " ", " ", "", "-", "/", ".", ", "]     # "" glues a modifier to a month: principios demayo
    return [rng.choice(glue).join(rng.choice(words) for _ in range(rng.randint(1, 9))) for _ in range(n)]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_gated_rules_find_what_ungated_rules_find(lang, ungated):
    texts = _sentences(lang) + _generated(lang)
    assert len(texts) > 3000
    gated = [engine.find(t, lang, REF, include_present=True) for t in texts]
    assert gated == ungated(texts, lang)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_gated_rule_holds_its_gate_pattern(lang):
    """The gate's sub-pattern is literally part of each rule it guards."""
    w = latin.latin_words(lang)
    pieces = {"month": (w.MONTHS, w.ABBR), "weekday": (w.WD,), "digit": (r"\d",),
              "festival": (latin._festival_names(w),)}
    rules = latin._compiled_latin_rules(lang)
    gated = [(pat, fn) for pat, fn in rules if isinstance(pat, Gated)]
    assert len(gated) >= 10
    for pat, fn in gated:
        assert isinstance(pat.gate, SharedGate)
        name = fn.func.__name__
        need = ("month" if name in latin._NEEDS_MONTH else "weekday" if name in latin._NEEDS_WEEKDAY
                else "festival" if name in latin._NEEDS_FESTIVAL else "digit")
        assert any(p in pat.pattern for p in pieces[need]), name


def test_shared_gate_answers_per_text():
    import regex

    gate = SharedGate(regex.compile(r"\d"))
    a, b = "no digits", "year 2024"
    assert not gate.search(a) and gate.search(b) and not gate.search(a) and gate.search("".join(["year ", "2024"]))


@pytest.fixture
def ungated_zh(monkeypatch):
    from pipeline.dates import zh

    def run(texts):
        monkeypatch.setattr(zh, "_gates", lambda w: {})
        zh._compiled_zh_rules.cache_clear()
        engine._rules.cache_clear()
        try:
            return [engine.find(t, "zh", REF, include_present=True) for t in texts]
        finally:
            monkeypatch.undo()
            zh._compiled_zh_rules.cache_clear()
            engine._rules.cache_clear()
    return run


def test_gated_zh_rules_find_what_ungated_rules_find(ungated_zh):
    from pipeline.dates import zh

    w = zh.zh_words()
    pieces = list(w.fests) + list(w.halves) + ["以来", "至今", "今年", "2019年", "3月", "1-5月", "一季度", "第三季度",
                                               "前5个月", "前三季度", "春节前后", "国庆", "年初", "双十一", "，", "。",
                                               "增长", "5%", "月", "季", "半年", "上半", "下半年度", "2020年以来"]
    rng = random.Random(11)
    texts = _sentences("zh") + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 7))) for _ in range(6000)]
    assert len(texts) > 6000
    gated = [engine.find(t, "zh", REF, include_present=True) for t in texts]
    assert gated == ungated_zh(texts)


def test_every_gated_zh_rule_is_one_that_needs_its_gate():
    from pipeline.dates import zh

    rules = zh._compiled_zh_rules()
    gated = {fn.func.__name__ for pat, fn in rules if isinstance(pat, Gated)}
    assert gated == {"resolve_festival", "resolve_since", "resolve_part_year"}


@pytest.fixture
def without_needs(monkeypatch):
    """find() with no rule skipped for lacking its literal words (literals.needs)."""
    def run(texts, lang):
        monkeypatch.setattr(engine, "_USE_NEEDS", False)
        engine._PLANS.clear()
        try:
            return [engine.find(t, lang, REF, include_present=True) for t in texts]
        finally:
            monkeypatch.undo()
            engine._PLANS.clear()
    return run


@pytest.mark.parametrize("lang", ["en", "es", "zh"])
def test_rules_skipped_for_their_words_find_what_every_rule_finds(lang, without_needs):
    texts = _sentences(lang) + (_generated(lang) if lang != "zh" else [])
    texts += [t.upper() for t in texts[:800]] + [t.title() for t in texts[:800]]    # case never hides a word
    skipping = [engine.find(t, lang, REF, include_present=True) for t in texts]
    assert sum(map(bool, skipping)) > 200
    assert skipping == without_needs(texts, lang)


@pytest.mark.parametrize("lang", ["en", "es", "zh"])
def test_most_rules_have_words_to_test(lang):
    plan, groups = engine._plan(lang, True)
    with_words = [ids for _, _, ids, _ in plan if ids is not None]
    assert len(with_words) >= len(plan) // 2
