"""Gate: the seed-corpus scores never drop below the floors pinned in tests/eval/baseline.json.

Raise a floor when the pipeline improves (``python -m tests.eval.gate --update``); a floor is never
lowered silently: lowering one needs ``--allow-regression`` and a line in the commit message.
"""
from __future__ import annotations

import pytest

from .eval.gate import BASELINE, corpus_digest, load_baseline, scores_of

from .conftest import CORPUS


@pytest.fixture(scope="module")
def seed_scores(seed_run):
    report, _ = seed_run
    return scores_of(report.facts)


def test_seed_scores_corpus_is_the_pinned_one():
    assert load_baseline()["corpus_digest"] == corpus_digest(CORPUS), (
        f"the bundled corpus changed: re-pin {BASELINE.name} deliberately")


@pytest.mark.parametrize("kind", ["figure", "entity", "event"])
@pytest.mark.parametrize("metric", ["precision", "recall", "attr", "attr2"])
def test_seed_scores_above_floor(seed_scores, kind, metric):
    floor = load_baseline()["floors"][kind].get(metric)
    if floor is None:
        pytest.skip(f"no floor for {kind} {metric}")
    got = seed_scores[kind][metric]
    assert got is not None and got >= floor - 1e-9, f"{kind} {metric} fell to {got:.3f} (floor {floor:.3f})"


def test_seed_scores_no_provenance_failures(seed_run):
    report, _ = seed_run
    from .eval.score import check_provenance

    bad, checked = check_provenance(report.facts.astype(object).where(report.facts.notna(), None).to_dict("records"), CORPUS)
    assert checked == len(report.facts) and bad == 0
