"""Gate: scores on the seed corpus and the dev set never drop below the floors in tests/eval/baseline.json.

Raise floors when the pipeline improves (``python -m tests.eval.gate --update``); a floor is never
lowered silently: lowering one needs ``--allow-regression`` and a line in the commit message.
"""
from __future__ import annotations

import pytest

from .eval.gate import BASELINE, SETS, corpus_digest, load_baseline, run_set, scores_of
from .eval.score import check_provenance

_CACHE: dict = {}


def _facts(name):
    if name not in _CACHE:
        _CACHE[name] = run_set(name)
    return _CACHE[name]


@pytest.mark.parametrize("name", list(SETS))
def test_seed_scores_corpus_is_the_pinned_one(name):
    corpus, _ = SETS[name]
    if name not in load_baseline():
        pytest.skip(f"{name} has no floors yet (the lead pins them with tests.eval.gate --update)")
    assert load_baseline()[name]["corpus_digest"] == corpus_digest(corpus), (
        f"the {name} corpus changed: re-pin {BASELINE.name} deliberately")


@pytest.mark.parametrize("name", list(SETS))
@pytest.mark.parametrize("kind", ["figure", "entity", "event"])
@pytest.mark.parametrize("metric", ["precision", "recall", "attr", "attr2"])
def test_seed_scores_above_floor(name, kind, metric):
    floor = load_baseline().get(name, {}).get("floors", {}).get(kind, {}).get(metric)
    if floor is None:
        pytest.skip(f"no floor for {name} {kind} {metric}")
    got = scores_of(_facts(name), SETS[name][1])[kind][metric]
    assert got is not None and got >= floor - 1e-9, f"{name} {kind} {metric} fell to {got:.3f} (floor {floor:.3f})"


@pytest.mark.parametrize("name", list(SETS))
def test_seed_scores_no_provenance_failures(name):
    facts = _facts(name)
    bad, checked = check_provenance(facts.astype(object).where(facts.notna(), None).to_dict("records"), SETS[name][0])
    assert checked == len(facts) > 0 and bad == 0
