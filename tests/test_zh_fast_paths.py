"""The fast paths of the Chinese entity finder (issue 13) against the slow ones they replace:
units cached per word, exact prefilters, `re` instead of `regex`.  On the project's Chinese
articles and on generated text."""
from __future__ import annotations

import os
import random
import re
import sys
from pathlib import Path

import pytest
import regex

from pipeline.extractors.entities import zh, zh_units
from pipeline.extractors.entities.lexicon import init_jieba, lexicon, word_tag

ROOT = Path(__file__).resolve().parent.parent


def _sentences() -> list[str]:
    paths = sorted(ROOT.glob("corpus/*.txt")) + sorted(ROOT.glob("tests/data/devset*/corpus/**/*.txt"))
    out = []
    for p in paths:
        text = p.read_text(encoding="utf-8-sig")
        if sum("\u4e00" <= c <= "\u9fff" for c in text) > 50:
            out += [s for s in re.split(r"(?<=[。！？\n])", text) if s.strip()]
    return out


def _generated(n: int, seed: int) -> list[str]:
    """Shuffled pieces of corpus sentences with names, heads, titles, quotes and interpuncts."""
    rng = random.Random(seed)
    sents = _sentences()
    extras = ["村委会", "党支部书记", "·", "“", "”", "「", "」", "第十四师", "一八八团", "乡", "镇", "村", "社区", "街道",
              "记者", "会长", "和", "、", "在", "\n", " ", "3名", "蒙古族乡", "快手", "抖音", "报道"]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(1, 6)):
            s = rng.choice(sents)
            a = rng.randrange(len(s))
            parts.append(s[a:a + rng.randint(1, 30)])
            if rng.random() < 0.6:
                parts.append(rng.choice(extras))
        out.append("".join(parts))
    return out


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _sentences() + _generated(600, seed=13)


# -- the slow paths, as they were (b8712d3) ---------------------------------------------------------
def _slow_tokens(text: str) -> list[tuple]:
    tokenizer = init_jieba()
    d = zh._data()
    out, pos = [], 0
    for w in zh._split_guesses(w for chunk in zh._chunks(text) for w in tokenizer.cut(chunk, HMM=True)):
        s, e = pos, pos + len(w)
        pos = e
        if w not in d["suffixes"] and w not in lexicon().zh and w not in d["glossary"] and len(w) > 2:
            for k in range(min(len(w) - 1, d["suffix_max"]), 1, -1):
                head, rest = w[-k:], w[:-k]
                if head in d["suffixes"] and rest in d["glossary"]:
                    out.append(zh.Unit(s, s + len(rest), rest, word_tag(rest)))
                    out.append(zh.Unit(s + len(rest), e, head, "nlex"))
                    break
            else:
                out.append(zh.Unit(s, e, w, word_tag(w)))
            continue
        out.append(zh.Unit(s, e, w, word_tag(w)))
    return zh._split_heads(_slow_regroup_heads(out))


def _slow_regroup_heads(toks):
    heads = zh._data()["suffixes"]
    lex = lexicon().zh
    for i in range(len(toks) - 1):
        w, v = toks[i], toks[i + 1]
        if w.entry is not None or w.text in lex or v.text in heads or len(w.text) < 2:
            continue
        for j in (1, 2, 3):
            if len(w.text) > j and w.text[-j:] + v.text in heads and zh._is_han(w.text):
                rest = w.text[:-j]
                toks[i] = zh.Unit(w.s, w.e - j, rest, word_tag(rest))
                toks[i + 1] = zh.Unit(w.e - j, v.e, w.text[-j:] + v.text, "nlex")
                break
    return toks


def _slow_suffix_at(units, k):
    d = zh._data()
    best, acc = None, ""
    for m in range(k, max(-1, k - 4), -1):
        u = units[m]
        if u.entry is not None:
            break
        acc = u.text + acc
        if acc in d["suffixes"]:
            best = m
    return best


def _slow_interpunct_span(text: str, a: int) -> tuple[int, int]:
    d = zh._data()
    tl, stops, titles = d["translit"], d["name_end"], d["titles"]
    n = len(text)
    e = a + 1
    while e < n and e - a - 1 < 10 and "\u4e00" <= text[e] <= "\u9fff":
        if e - a > 2 and (text.startswith(stops, e) or text[e] in zh.NAME_END_STOP):
            break
        if text[e] not in tl and e - a > 2 and not (e + 1 < n and text[e + 1] in tl
                                                    and not text.startswith(stops, e + 1)):
            break
        e += 1
    s = a
    while s > 0 and a - s < 8 and "\u4e00" <= text[s - 1] <= "\u9fff":
        before = text[:s]
        if a - s >= 1 and (before.endswith(stops) or any(len(t) > 1 and before.endswith(t) for t in titles)):
            break
        c = text[s - 1]
        if c not in tl and (a - s < 1 or c in zh.NAME_END_STOP or s < 2 or text[s - 2] not in tl):
            break
        s -= 1
    return s, e


def _rows(units) -> list[tuple]:
    return [(u.s, u.e, u.text, u.tag, u.entry) for u in units]


# -- fast == slow ------------------------------------------------------------------------------------
def test_tokens_per_word_cache_equals_slow_path(texts):
    zh._WORD_UNITS.clear()
    for _ in range(2):                                  # cold, then from the per-word cache
        for t in texts:
            assert _rows(zh._tokens(t)) == _rows(_slow_tokens(t))


def test_suffix_prefilter_equals_slow_path(texts):
    for t in texts:
        units = zh._units(zh._tokens(t))
        for k in range(len(units)):
            assert zh._suffix_at(units, k) == _slow_suffix_at(units, k)


def test_interpunct_span_equals_slow_path(texts):
    dotted = [t for t in texts if any(c in t for c in zh.INTERPUNCTS)] + [
        "村民若克艳·图迪说", "本报记者热依拉·阿不来提介绍", "主播迪丽妮格·依明和她的丈夫"]
    for t in dotted:
        for a, c in enumerate(t):
            if c in zh.INTERPUNCTS:
                assert zh._interpunct_span(t, a) == _slow_interpunct_span(t, a)


def _re_patterns() -> dict[str, re.Pattern]:
    people = zh_units._people()
    return {"INTERPUNCT": zh.INTERPUNCT, "QUOTED": zh.QUOTED, "title_re": zh._title_re(),
            "platform_re": zh._platform_re(), "HEADS": zh_units.HEADS, "DIVISION": zh_units.DIVISION,
            "REGIMENT": zh_units.REGIMENT, "ethnic_re": zh_units._data()["ethnic_re"],
            "units_title_re": people["title_re"], "list_re": people["list_re"]}


@pytest.mark.parametrize("name", sorted(_re_patterns()))
def test_re_patterns_match_like_regex(name, texts):
    fast = _re_patterns()[name]
    assert isinstance(fast, re.Pattern)
    slow = regex.compile(fast.pattern)
    for t in texts:
        assert [(m.span(), m.groups()) for m in fast.finditer(t)] == [(m.span(), m.groups()) for m in slow.finditer(t)]
        for a in range(0, len(t), 7):
            fm, sm = fast.match(t, a), slow.match(t, a)
            assert (fm and (fm.span(), fm.groups())) == (sm and (sm.span(), sm.groups()))


def test_cue_re_searches_like_regex(texts):
    fast = zh_units._data()["cue_re"]
    slow = regex.compile(fast.pattern)
    for t in texts[::3] + ["在\n", "来到\n新村", "和\n\n"]:
        for a in range(1, len(t) + 1):
            fm, sm = fast.search(t, max(0, a - 4), a), slow.search(t, max(0, a - 4), a)
            assert (fm and (fm.span(), fm.group())) == (sm and (sm.span(), sm.group()))


def test_is_han_cache():
    zh._IS_HAN.clear()
    for s in ("阿克苏", "阿克苏\n", "abc", "阿a", "〇", "㐀", "", "\U00020000"):
        assert zh._is_han(s) == zh._is_han(s) == bool(zh.HAN.match(s))


def test_pinyin_syllables_cache(tmp_path, monkeypatch):
    from pipeline.extractors.entities import canonical

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = canonical._build_pinyin_syllables()
    assert {"a", "zhuang", "lv", "xi"} <= built
    path = canonical._syllables_cache_path()
    assert path is not None and path.parent == tmp_path / "factmine"
    try:
        for damage in (None, b"", b"garbage", b"\xff" * 10):
            if damage is not None:
                path.write_bytes(damage)
            canonical._pinyin_syllables.cache_clear()
            assert canonical._pinyin_syllables() == built       # built, or rebuilt over a damaged file
            canonical._pinyin_syllables.cache_clear()
            assert canonical._pinyin_syllables() == built       # read back
            assert "pypinyin.core" in sys.modules                 # loaded here still (warm-up before fork)
    finally:
        canonical._pinyin_syllables.cache_clear()


def test_write_cache_keeps_only_the_newest_files_of_a_kind(tmp_path):
    from pipeline.user_cache import KEEP_CACHED, read_cache, write_cache

    others = tmp_path / "jieba-keep.marshal"
    write_cache(others, [1])
    for i in range(KEEP_CACHED + 3):
        path = tmp_path / f"pinyin-syllables-{i}.marshal"
        write_cache(path, {i}, family="pinyin-syllables-*.marshal")
        os.utime(path, ns=(10 ** 18 + i, 10 ** 18 + i))       # strictly newer, whatever the clock's grain
    left = sorted(p.name for p in tmp_path.glob("pinyin-syllables-*.marshal"))
    assert len(left) == KEEP_CACHED and f"pinyin-syllables-{KEEP_CACHED + 2}.marshal" in left
    assert read_cache(tmp_path / f"pinyin-syllables-{KEEP_CACHED + 2}.marshal") == {KEEP_CACHED + 2}
    assert read_cache(others) == [1]                             # another kind of table: untouched


def test_person_names_unchanged():
    from pipeline.extractors.entities.canonical import looks_pinyin, person_zh, split_surname

    assert person_zh("郝占军") == "Hao Zhanjun"
    assert person_zh("迪丽妮格·依明") == "Dilinige Yiming"
    assert person_zh("阿依达娜") == "Ayidana"
    assert split_surname("欧阳修") == ("欧阳", "修")
    assert looks_pinyin("Shujun") and looks_pinyin("Wen") and not looks_pinyin("Smith")


def test_word_units_cache_bounded(texts, monkeypatch):
    monkeypatch.setattr(zh, "_WORD_UNITS_LIMIT", 5)
    zh._WORD_UNITS.clear()
    for t in texts[:200]:
        assert _rows(zh._tokens(t)) == _rows(_slow_tokens(t))
        assert len(zh._WORD_UNITS) <= 5
