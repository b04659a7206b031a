"""Issue 13: the ingest counters that moved from Python loops over characters to regex runs
count exactly what the loops counted (reference loops kept here)."""
from __future__ import annotations

import random

import regex

from pipeline.ingest import blocks, decode, normalize

from .conftest import CORPUS, ROOT

# characters from every range the counters care about, and the borders between them
ALPHABET = ("abcXYZ019 \t\n\r\x00\x01\x1f\x7f\x80\x9f\xa0\xe9\xf1\u024f\u0250\u1fff\u2000\u206f\u2070"
            "\u20ac\u2fff\u3000\u303f\u3040\u4e00\u4e2d\u6587\u9fff\ua000\uac00\ud7af\uff00\uffef\ufff0"
            "\u0416\u0627\u0e01\u0915\u3042\u30a2\ud55c\u00bf\u00a1")


def _texts():
    rng = random.Random(13)
    yield ""
    for n in (1, 2, 3, 10, 200):
        for _ in range(300):
            yield "".join(rng.choice(ALPHABET) for _ in range(n))
    for p in sorted(CORPUS.rglob("*.txt"))[:20]:
        yield p.read_text(encoding="utf-8", errors="replace")


def _plausible_share_loop(text: str) -> float:
    def plausible(c: str) -> bool:
        o = ord(c)
        return ((o < 0x250 and not 0x7F <= o <= 0x9F) or 0x2000 <= o <= 0x206F or 0x3000 <= o <= 0x303F
                or 0x4E00 <= o <= 0x9FFF or 0xFF00 <= o <= 0xFFEF or 0xAC00 <= o <= 0xD7AF or o == 0x20AC)
    if not text:
        return 0.0
    return sum(1 for c in text if plausible(c) and (c >= " " or c in "\t\n\r")) / len(text)


def _han_in_runs_loop(text: str) -> float:
    han = [0x4E00 <= ord(c) <= 0x9FFF for c in text]
    total = sum(han)
    if not total:
        return 1.0
    runs = sum(1 for i, h in enumerate(han) if h and ((i and han[i - 1]) or (i + 1 < len(han) and han[i + 1])))
    return runs / total


def _script_language_loop(text: str) -> str | None:
    han = len(regex.findall(r"\p{Han}", text))
    latin = len(regex.findall(r"\p{Latin}", text))
    others = len(blocks._OTHER_SCRIPTS.findall(text))
    if others > han and others >= latin / 3 and others:
        return "other"
    if han and han >= 0.25 * (han + latin):
        return "zh"
    if latin < 2:
        return "other"
    return None


def test_decode_counters_match_the_loops():
    for text in _texts():
        assert decode._plausible_share(text) == _plausible_share_loop(text)
        assert decode._han_in_runs(text) == _han_in_runs_loop(text)
        assert len(text) - len(text.encode("ascii", "ignore")) == sum(1 for c in text if c > "\x7f")


def test_script_language_matches_the_loop():
    for text in _texts():
        assert blocks.script_language(text) == _script_language_loop(text), text


def test_to_simplified_skips_exactly_the_texts_without_cjk():
    for text in _texts():
        has_cjk = any("\u4e00" <= c <= "\u9fff" for c in text)
        assert bool(normalize._CJK.search(text)) == has_cjk
        if not has_cjk:
            assert normalize.to_simplified(text) is text


def _articles_latin_lines() -> list[str]:
    files = sorted(CORPUS.glob("*.txt")) + sorted((ROOT / "tests" / "data").glob("devset*/corpus/*.txt"))
    lines = set()
    for path in files:
        for line in path.read_text(encoding="utf-8-sig", errors="replace").split("\n"):
            words = line.split()
            # the line and its fragments of 4-8 words: short lines are where detectors disagree
            for piece in [words] + [words[i:i + n] for n in (4, 6, 8) for i in range(0, len(words) - n + 1, 5)]:
                text = " ".join(piece)
                if len(piece) >= 4 and blocks.script_language(text) is None \
                        and blocks.hinted_language(text) is None:
                    lines.add(text)
    return sorted(lines)


def test_quick_detector_agrees_with_the_high_accuracy_one_on_the_articles(monkeypatch):
    """Issue 13: lingua's low-accuracy mode decides a line alone only when very sure; on every
    article line that reaches the detector the two-step answer is the high-accuracy one's."""
    lines = _articles_latin_lines()
    assert len(lines) > 1000
    two_step = [blocks.detect_language(line) for line in lines]
    monkeypatch.setattr(blocks, "_quick_min_confidence", lambda: 2.0)      # never trusted
    assert two_step == [blocks.detect_language(line) for line in lines]


def test_quick_detector_spares_the_slow_load_on_a_clear_sentence(monkeypatch):
    blocks._lingua.cache_clear()
    sentence = "Last year, Xinjiang's online retail sales hit 72.33 billion yuan, up 13.62 percent."
    assert blocks.hinted_language(sentence) is None
    assert blocks.detect_language(sentence) == "en"
    assert blocks._lingua.cache_info().currsize == 0               # high-accuracy models never loaded
    # a line the quick step is unsure of still goes to the high-accuracy detector
    assert blocks.detect_language("By MAO WEIHUA in Urumqi") == "en"
    assert blocks._lingua.cache_info().currsize == 1
