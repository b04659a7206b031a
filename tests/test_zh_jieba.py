"""jieba loading (issue 13): the cached state, the tag table without jieba.posseg, and
zh_jieba.FastTokenizer, each against what jieba itself gives."""
from __future__ import annotations

import importlib
import json
import random
from pathlib import Path

import jieba
import pytest

from pipeline.extractors.entities.lexicon import init_jieba, tag_table, word_tag
from pipeline.extractors.entities.zh_jieba import FastTokenizer

lexicon_mod = importlib.import_module("pipeline.extractors.entities.lexicon")   # the package re-exports lexicon()
ROOT = Path(__file__).resolve().parent.parent


def _zh_texts() -> list[str]:
    """The project's Chinese articles (seed corpus and dev sets)."""
    paths = sorted(ROOT.glob("corpus/*.txt")) + sorted(ROOT.glob("tests/data/devset*/corpus/**/*.txt"))
    texts = [p.read_text(encoding="utf-8-sig") for p in paths]
    return [t for t in texts if sum("\u4e00" <= c <= "\u9fff" for c in t) > 50]


def _generated(n: int, seed: int) -> list[str]:
    """Random text over the corpora's characters plus digits, Latin letters, spaces, symbols
    jieba treats specially (+#&._%-), rare ideographs and emoji: long unknown runs for the HMM."""
    rng = random.Random(seed)
    han = sorted({c for t in _zh_texts() for c in t if "\u4e00" <= c <= "\u9fff"})
    other = list("0123456789abcXYZ .%-+#&_，。、；：！？“”（）\n\t") + ["\u3400", "\u9fd6", "\U0001F600", "\u00b7"]
    out = []
    for _ in range(n):
        k = rng.randint(1, 120)
        out.append("".join(rng.choice(han) if rng.random() < 0.8 else rng.choice(other) for _ in range(k)))
    return out


@pytest.fixture(scope="module")
def built():
    """jieba's state built the slow way (dict.txt parsed, every user word added)."""
    return lexicon_mod._build_state(lexicon_mod._user_words())


@pytest.fixture(scope="module")
def reference(built):
    freq, total, _ = built
    tk = jieba.Tokenizer()
    tk.FREQ, tk.total, tk.initialized = dict(freq), total, True
    return tk


def test_loaded_state_is_jiebas(built):
    freq, total, tags = built
    tk = init_jieba()
    assert isinstance(tk, FastTokenizer)
    assert tk.total == total
    assert tk.FREQ == freq
    import jieba.posseg

    assert tag_table() == tags == jieba.posseg.dt.word_tag_tab


def test_cache_round_trip_and_rebuild(built, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    words = lexicon_mod._user_words()
    path = lexicon_mod._cache_path(words)
    assert path.parent == tmp_path / "factmine"
    assert lexicon_mod._jieba_state(words) == built          # built and written
    assert path.is_file() and not list(path.parent.glob("*.tmp"))
    assert lexicon_mod._load_state(path) == built              # read back
    good = path.read_bytes()
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x01                           # one bit inside the counts or words
    for damage in (b"", b"not marshal", good[:1000], bytes(flipped)):
        path.write_bytes(damage)
        assert lexicon_mod._load_state(path) is None
        assert lexicon_mod._jieba_state(words) == built      # rebuilt, never fatal
        assert lexicon_mod._load_state(path) == built
    assert lexicon_mod._cache_path(words + ["新词"]) != path   # another word list, another file


def test_unwritable_cache_is_not_fatal(built, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))       # a file where the directory should be
    assert lexicon_mod._jieba_state(lexicon_mod._user_words()) == built


def test_word_tag_of_corpus_tokens(reference):
    import jieba.posseg

    table = jieba.posseg.dt.word_tag_tab
    added = set(lexicon_mod._user_words()) - set(table)
    for text in _zh_texts()[:20]:
        for w in reference.cut(text):
            assert word_tag(w) == ("nlex" if w in added else table.get(w, "unk"))


@pytest.mark.parametrize("hmm", [True, False])
def test_fast_cut_equals_jieba_on_corpora(reference, hmm):
    tk = init_jieba()
    for text in _zh_texts():
        expected = list(reference.cut(text, HMM=hmm))
        assert list(tk.cut(text, HMM=hmm)) == expected
        assert tk.lcut(text, HMM=hmm) == expected


@pytest.mark.parametrize("hmm", [True, False])
def test_fast_cut_equals_jieba_on_generated_text(reference, hmm):
    tk = init_jieba()
    for text in _generated(400, seed=13 + hmm):
        expected = list(reference.cut(text, HMM=hmm))
        assert list(tk.cut(text, HMM=hmm)) == expected
        assert tk.lcut(text, HMM=hmm) == expected                   # from the cache


def test_fast_tokenizer_from_scratch_and_add_word():
    """Built by jieba's own initialize + add_word (which segments with cut): same as jieba."""
    fast, ref = FastTokenizer(), jieba.Tokenizer()
    text = "阿克苏地区温宿县的核桃远销海外，托帕艾日克村的村民说。"
    for tk in (fast, ref):
        tk.initialize()
    assert list(fast.cut(text)) == list(ref.cut(text))
    for tk in (fast, ref):
        tk.add_word("托帕艾日克村")
        tk.add_word("核桃远销")
    assert fast.total == ref.total and fast.FREQ == ref.FREQ
    assert list(fast.cut(text)) == list(ref.cut(text))
    assert list(fast.cut(text, HMM=False)) == list(ref.cut(text, HMM=False))
    assert list(fast.cut(text, cut_all=True)) == list(ref.cut(text, cut_all=True))
    assert fast.lcut(text, cut_all=True) == ref.lcut(text, cut_all=True)
    assert fast.lcut(text.encode("utf-8")) == ref.lcut(text.encode("utf-8"))


def test_full_caches_are_dropped_not_wrong(reference, monkeypatch):
    from pipeline.extractors.entities import zh_jieba

    monkeypatch.setattr(zh_jieba, "CACHE_LIMIT", 3)
    tk = init_jieba()
    tk._blocks.clear()
    tk._guesses.clear()
    for text in _generated(50, seed=7) + _zh_texts()[:3]:
        assert tk.lcut(text) == list(reference.cut(text))
        assert len(tk._blocks) <= 3 and len(tk._guesses) <= 3


def test_jieba_is_loaded_without_pkg_resources_and_cuts_the_same():
    """import_jieba keeps setuptools' pkg_resources out (0.12-0.19 s of start-up, issue 13): jieba
    then opens its dictionary and HMM tables by path.  A fresh process cuts the corpora's Chinese
    (dictionary words and HMM guesses) as this one does."""
    import subprocess
    import sys

    texts = _zh_texts()[:4] + _generated(20, seed=7)
    code = ("import json, sys\n"
            "from pipeline.extractors.entities.lexicon import init_jieba\n"
            "tk = init_jieba()\n"
            "texts = json.loads(sys.stdin.read())\n"
            "print(json.dumps(['pkg_resources' in sys.modules, [tk.lcut(t) for t in texts]]))\n")
    proc = subprocess.run([sys.executable, "-c", code], input=json.dumps(texts), cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=True)
    imported, cuts = json.loads(proc.stdout)
    assert imported is False
    assert cuts == [init_jieba().lcut(t) for t in texts]
