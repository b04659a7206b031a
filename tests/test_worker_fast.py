"""Issue 13, the workers' per-document work: each shortcut gives what the code it replaced gave
(reference versions kept here), on the seed corpus's mentions."""
from __future__ import annotations

import json
from functools import lru_cache

import hashlib
import pytest

from pipeline.consolidate import ids, metrics, rows, subjects
from pipeline.consolidate.periods import period_bounds
from pipeline.consolidate.sentences import offsets_in_context
from pipeline.extractors import extract_all
from pipeline.ingest import ingest_text

from .conftest import CORPUS, read_raw


@lru_cache(maxsize=1)
def _documents():
    out = []
    for p in sorted(CORPUS.glob("*.txt")):
        doc = ingest_text(read_raw(p), p.stem)
        out.append((doc, extract_all(doc)))
    return out


def _hash_record_reference(*keys: object, length: int = 16) -> str:
    blob = json.dumps(keys, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()[:length]


def _content_keys_reference(mentions) -> list[tuple]:
    base = [(m.doc_id, m.kind, m.label, ids._norm(m.context), ids._norm(m.text), ids._what(m)) for m in mentions]
    groups: dict = {}
    for i, m in enumerate(mentions):
        groups.setdefault((m.doc_id, m.block, m.context, base[i]), []).append(i)
    rank = [0] * len(mentions)
    for members in groups.values():
        for r, i in enumerate(sorted(members, key=lambda i: (mentions[i].start, mentions[i].end))):
            rank[i] = r
    return [key + (r,) for key, r in zip(base, rank)]


def _metric_key_reference(metric, label, unit, lang):
    vocab = [e for e in metrics._vocabulary() if metrics._applies(e, label)]
    for e in vocab:
        if unit and unit in e["units"]:
            return e["key"]
    text = metrics.fold(metric or "")
    if text:
        for e in vocab:
            rx = e["re"].get(lang)
            if rx is not None and rx.search(text):
                return e["key"]
    return None


@pytest.mark.parametrize("keys", [("a", 1.5, None, float("nan"), "中文", ("x", 2)), (1, {"b": 1, "a": 2}),
                                  (object,), ("ü", "\u2028", "\ud7ff", -0.0, 10**20, True)])
def test_hash_record_same_as_json_dumps(keys):
    assert ids.hash_record(*keys) == _hash_record_reference(*keys)
    assert ids.hash_record(*keys, length=12) == _hash_record_reference(*keys, length=12)


def test_derived_columns_same_as_reference():
    for doc, mentions in _documents():
        assert ids.content_keys(mentions) == _content_keys_reference(mentions)
        offsets = offsets_in_context(mentions)
        assert subjects.subjects(mentions, {doc.doc_id: doc.meta.title}) == \
            subjects.subjects(mentions, {doc.doc_id: doc.meta.title}, offsets)
        assert metrics.annotate(mentions) == metrics.annotate(mentions, offsets)
        derived = rows.derive(mentions, {doc.doc_id: doc.meta.title})
        assert derived["period_start"] == [period_bounds(m.period)[0] if m.kind == "figure" else None
                                           for m in mentions]
        for m in mentions:
            if m.kind == "figure":
                assert metrics.metric_key(m.metric, m.label, m.unit, m.lang) == \
                    _metric_key_reference(m.metric, m.label, m.unit, m.lang)
            if m.kind == "entity":
                assert subjects._entity_id(m.label, m.canonical or m.text) == \
                    subjects.entity_id(m.label, m.canonical or m.text)


def _texts():
    import random

    from .test_ingest_fast import ALPHABET
    rng = random.Random(7)
    alphabet = ALPHABET + "，。：（）＂＇ＡＢ１２３\uff5e\uff5f\uff61\uffe3\u201c\u201d\u2019\u200b\u00ad國語中文 \r\n-/.0123456789"
    yield ""
    for n in (1, 2, 5, 40, 300):
        for _ in range(300):
            yield "".join(rng.choice(alphabet) for _ in range(n))
    for p in sorted(CORPUS.glob("*.txt")):
        yield read_raw(p)


def _normalize_reference(raw: str):
    from array import array

    from pipeline.ingest import normalize as N
    pieces, starts, ends, pos = [], array("q"), array("q"), 0
    for m in N._SPECIAL.finditer(raw):
        i = m.start()
        if i > pos:
            pieces.append(raw[pos:i])
            starts.extend(range(pos, i))
            ends.extend(range(pos + 1, i + 1))
        token = m.group()
        folded = "\n" if token[0] == "\r" else N.fold_char(token)
        pieces.append(folded)
        starts.extend([i] * len(folded))
        ends.extend([m.end()] * len(folded))
        pos = m.end()
    if pos < len(raw):
        pieces.append(raw[pos:])
        starts.extend(range(pos, len(raw)))
        ends.extend(range(pos + 1, len(raw) + 1))
    return N.to_simplified("".join(pieces)), starts, ends


def test_normalize_one_to_one_path_same_as_loop():
    from pipeline.ingest.normalize import normalize
    for raw in _texts():
        got = normalize(raw)
        assert (got.text, got.starts, got.ends) == _normalize_reference(raw)
        drop = [(0, 1)] if raw else None          # Markdown markup left out: the same either way
        got = normalize(raw, drop)
        ref = normalize(raw + "\u200b", drop)       # a zero-width character forces the loop
        assert (got.text, got.starts, got.ends) == (ref.text, ref.starts, ref.ends)


def test_fold_same_as_per_character_nfkc():
    import unicodedata

    from pipeline.consolidate.sentences import fold
    from pipeline.ingest.normalize import to_simplified
    for text in _texts():
        text = text[:2000]
        ref = "".join(unicodedata.normalize("NFKC", c) if "\uff01" <= c <= "\uff5e" else c
                      for c in to_simplified(text))
        assert fold(text) == ref


def test_day_first_gate_same_as_full_scan():
    from pipeline.dates.numeric import _DAY_FIRST_EVIDENCE, day_first_in

    def reference(text):
        seen = set()
        for m in _DAY_FIRST_EVIDENCE.finditer(text):
            a, b = int(m["a"]), int(m["b"])
            if a > 12 >= b:
                seen.add(True)
            elif b > 12 >= a:
                seen.add(False)
            if len(seen) == 2:
                return None
        return next(iter(seen)) if seen else None
    import random
    rng = random.Random(5)
    pieces = ["1", "2", "12", "13", "25", "31", "05", "2019", "19", "/", ".", "-", ":", " ", ",", "x", "３"]
    days, seps = ["1", "5", "05", "12", "13", "25", "31", "4", "０"], ["/", ".", "-"]

    def date() -> str:                  # a numeric date, often malformed, among other pieces
        return (rng.choice(days) + rng.choice(seps) + rng.choice(days) + rng.choice(seps)
                + rng.choice(["2019", "19", "201", "2", "20190"]))
    texts = list(_texts()) + ["".join(rng.choice(pieces + [date()] * 3) for _ in range(rng.randint(1, 10)))
                              for _ in range(20000)]
    assert sum(reference(t) is not None for t in texts) > 100
    for t in texts:
        assert day_first_in(t) == reference(t), t


def test_reverse_block_patterns_match_the_same_lines():
    """blocks.yaml's ``(?r)`` patterns (searched from the end) match exactly the lines the forward
    pattern matches: the bundled articles' lines and generated ones."""
    import random

    import regex

    from pipeline.ingest import blocks

    rules, _, _ = blocks._rules()
    reverse = [p for pats in rules.values() for p in pats if p.pattern.startswith("(?r)")]
    assert len(reverse) >= 2
    rng = random.Random(3)
    pieces = ["供图", "摄", "/摄", "图片来源", ":", " ", "\t", "新疆", "x", ".", "com", "cn", "es", ".uk", "|",
              "www", "-", "_", "记者", "摄影", "图片来源:新华社", "。"]
    lines = [ln for raw in _texts() for ln in raw.splitlines()]
    lines += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(20000)]
    for pat in reverse:
        forward = regex.compile(pat.pattern[len("(?r)"):], pat.flags & ~regex.REVERSE)
        found = [bool(pat.search(ln)) for ln in lines]
        assert found == [bool(forward.search(ln)) for ln in lines]
        assert 5 < sum(found) < len(lines) - 50


from hypothesis import given as _given, settings as _settings, strategies as _st  # noqa: E402

_ASCII_TEXT = _st.text(alphabet=_st.characters(max_codepoint=127), max_size=40)


@_settings(max_examples=400, deadline=None)
@_given(_ASCII_TEXT)
def test_ascii_lines_take_a_short_way_to_the_same_script_and_dedupe_key(text):
    """ASCII text skips the Unicode scans: the same script verdict (a no-break space, which no
    scan counts, sends the text the long way) and the same repeat key."""
    from pipeline.ingest import blocks

    assert blocks.script_language(text) == blocks.script_language(text + "\u00a0")
    assert blocks.dedupe_key(text) == blocks._NOT_CONTENT.sub("", text).casefold()


def test_the_ascii_short_way_rests_on_what_the_patterns_match():
    import string

    import regex

    from pipeline.ingest import blocks

    ascii_chars = [chr(c) for c in range(128)]
    assert {c for c in ascii_chars if regex.match(r"\p{Latin}", c)} == set(string.ascii_letters)
    assert not [c for c in ascii_chars if blocks._HAN_RUN.match(c) or blocks._OTHER_SCRIPTS_RUN.match(c)]
