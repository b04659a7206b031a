"""Fact ids survive edits elsewhere in an article (a Hypothesis test over the bundled corpus)."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from pipeline.consolidate.ids import content_keys, fact_ids, legacy_fact_ids
from pipeline.extractors import extract_all
from pipeline.ingest import ingest_text
from pipeline.types import Mention

from .conftest import CORPUS, SEED_FILES, read_raw

RECAP = {"zh": "据报道，", "en": "According to reports, ", "es": "Según informes, "}


def _m(text: str, start: int, context: str, **kw) -> Mention:
    return Mention(doc_id="a.txt", kind=kw.pop("kind", "entity"), start=start, end=start + len(text), text=text,
                   lang="en", context=context, block=kw.pop("block", 0), canonical=kw.pop("canonical", text), **kw)


def test_consolidate_ids_rank_within_sentence_not_document():
    first = "Kashgar farmers sell dates, and Kashgar sellers ship them."
    other = "Kashgar is far away."
    before = [_m("Kashgar", 0, first), _m("Kashgar", 31, first)]
    after = [_m("Kashgar", 0, other, block=0)] + [_m("Kashgar", s + 21, first, block=1) for s in (0, 31)]
    assert fact_ids(before) == fact_ids(after)[1:]                # a new paragraph moves no id
    assert legacy_fact_ids(before) != legacy_fact_ids(after)[1:]  # the old scheme shifted them
    assert len(set(fact_ids(after))) == 3


def test_consolidate_ids_repeated_sentence_gets_an_occurrence_suffix():
    s = "Xinjiang sales rose."
    ids = fact_ids([_m("Xinjiang", 0, s, block=0), _m("Xinjiang", 30, s, block=3)])
    assert ids[0] != ids[1] and ids[0] == fact_ids([_m("Xinjiang", 0, s, block=0)])[0]


@lru_cache(maxsize=None)
def _article(name: str) -> tuple[str, ...]:
    return tuple(read_raw(CORPUS / name).split("\n"))


@lru_cache(maxsize=64)
def _extract(text: str) -> tuple[tuple[str, tuple, int], ...]:
    """(id, content key, line) of each fact of one article text."""
    mentions = extract_all(ingest_text(text, "a.txt"))
    return tuple(zip(fact_ids(mentions), content_keys(mentions), (m.line for m in mentions)))


def _recap(line: str) -> str:
    zh = sum("\u4e00" <= c <= "\u9fff" for c in line) > len(line) / 4
    return (RECAP["zh"] if zh else RECAP["en"]) + line


WINDOW = 16      # paragraphs of an article per example (keeps each example under a second)


@st.composite
def edits(draw):
    name = draw(st.sampled_from(SEED_FILES))
    total = len(_article(name))
    first = draw(st.integers(0, max(0, total - WINDOW)))
    n = min(WINDOW, total - first)
    ops = draw(st.lists(st.tuples(st.sampled_from(["copy", "recap", "delete", "move"]),
                                  st.integers(0, n - 1), st.integers(0, n)), min_size=1, max_size=3))
    return name, first, ops


def _apply(lines: list[str], ops) -> tuple[list[str], list[int | None]]:
    """Edited lines, and for each edited line the original line index it is (None: new)."""
    rows = [(t, i) for i, t in enumerate(lines)]
    for op, i, j in ops:
        i, j = i % len(rows), min(j, len(rows))
        if op == "copy":
            rows.insert(j, (rows[i][0], None))
        elif op == "recap":
            rows.insert(j, (_recap(rows[i][0]), None))
        elif op == "delete" and len(rows) > 1:
            rows.pop(i)
        elif op == "move":
            rows.insert(j, rows.pop(i))
    return [t for t, _ in rows], [k for _, k in rows]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits())
def test_consolidate_ids_hypothesis_edits_elsewhere_keep_ids(case):
    name, first, ops = case
    lines = list(_article(name))[first:first + WINDOW]
    edited, origin = _apply(lines, ops)
    before = _extract("\n".join(lines))
    after = _extract("\n".join(edited))
    surviving = {k for k in origin if k is not None}
    after_by_key: dict[tuple, set[str]] = {}
    for fid, key, _ in after:
        after_by_key.setdefault(key, set()).add(fid)
    after_key_of = {fid: key for fid, key, _ in after}
    count_before = Counter(key for _, key, _ in before)
    count_after = Counter(key for _, key, _ in after)
    kept = same = 0
    for fid, key, line in before:
        if line - 1 not in surviving:
            continue
        kept += 1
        if fid in after_key_of:                  # an id never names a different fact
            assert after_key_of[fid] == key
        if key not in after_by_key:              # extracted differently (the document date line went)
            continue
        same += 1
        if count_before[key] == count_after[key] == 1:
            assert fid in after_by_key[key], (name, ops, key)
        else:                                    # a repeated identical sentence: ids stay on that content
            assert after_by_key[key] and len(after_by_key[key]) == count_after[key]
    assert same >= 0.5 * kept, (name, ops, same, kept)


@pytest.mark.parametrize("name", SEED_FILES)
def test_consolidate_ids_unique_in_seed_articles(name):
    found = _extract("\n".join(_article(name)))
    assert len({fid for fid, _, _ in found}) == len(found)


def test_hash_record_fast_path_is_the_json_form():
    import hashlib
    import json

    from pipeline.consolidate.ids import hash_record

    for key in ("f0123456789abcdef", "abc", "A1", "x" * 40):
        blob = json.dumps((key,), ensure_ascii=False, sort_keys=True, default=str)
        assert hash_record(key) == hashlib.sha1(blob.encode("utf-8")).hexdigest()[:16]
        assert hash_record(key, length=12) == hashlib.sha1(blob.encode("utf-8")).hexdigest()[:12]
    for other in ("a b", 'q"', "é", "", "1.5"):          # not plain words: the general path
        blob = json.dumps((other,), ensure_ascii=False, sort_keys=True, default=str)
        assert hash_record(other) == hashlib.sha1(blob.encode("utf-8")).hexdigest()[:16]
