"""Compiled patterns kept between runs (pipeline/rx.py): rebuilt from the file, they are the patterns
regex.compile makes; a damaged file or an odd pattern only means a normal compile."""
from __future__ import annotations

import regex
import pytest
from hypothesis import given, settings, strategies as st

from pipeline import rx

PATTERNS = [
    (r"(?<![\p{L}\d])(?P<y>\d{4})年(?:(?P<m>\d{1,2})月)?", regex.VERSION1),
    (r"\b(?:may|june|julio)\s+\d{1,2}\b", regex.IGNORECASE | regex.VERSION1),
    (r"(?P<n>[\d.,]+)\s*(?:%|por ciento|percent)", regex.IGNORECASE),
    (r"[\u4e00-\u9fff]{2,4}(?:县|市|村)", 0),
]
TEXTS = ["2024年5月, 1999年 and 在2024年", "On MAY 3 and Julio 14, june 30", "sube 5,5 por ciento, 12% y 3 percent",
         "喀什市 和 阿克苏地区 库车县 某某村"]


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """rx as a new process finds it, with its file under a cache folder of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(rx, "_stored", None)
    monkeypatch.setattr(rx, "_used", {})
    monkeypatch.setattr(rx, "_made", {})
    monkeypatch.setattr(rx, "_changed", False)

    def restart():
        rx._stored, rx._used, rx._made, rx._changed = None, {}, {}, False
    return restart


def _matches(pattern, text):
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def test_patterns_from_the_file_are_the_patterns_regex_compiles_and_are_not_parsed_again(fresh, monkeypatch):
    first = [rx.compile(p, f) for p, f in PATTERNS]
    rx.save()
    assert rx.path().is_file()
    fresh()

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed again")
    with monkeypatch.context() as mp:
        mp.setattr(rx.regex, "compile", no_parse)
        again = [rx.compile(p, f) for p, f in PATTERNS]
    for (p, f), a, b in zip(PATTERNS, first, again):
        want = regex.compile(p, f)
        assert type(b) is type(want) and b.pattern == want.pattern and b.flags == want.flags
        assert b.groupindex == want.groupindex and b.groups == want.groups
        for text in TEXTS:
            assert _matches(b, text) == _matches(want, text) == _matches(a, text)
    assert rx.compile(*PATTERNS[0]) is again[0], "one object per pattern"


def test_a_damaged_or_foreign_file_only_means_compiling_again(fresh):
    rx.compile(*PATTERNS[0])
    rx.save()
    data = bytearray(rx.path().read_bytes())
    data[-3] ^= 0xFF                                   # the CRC no longer matches
    rx.path().write_bytes(bytes(data))
    fresh()
    pattern = rx.compile(*PATTERNS[0])
    assert _matches(pattern, TEXTS[0]) == _matches(regex.compile(*PATTERNS[0]), TEXTS[0])
    rx.save()                                          # rewritten whole
    fresh()
    key = next(iter(rx._read()))
    assert key == (PATTERNS[0][0], int(PATTERNS[0][1]), int(regex.DEFAULT_VERSION))
    from pipeline.user_cache import write_cache
    write_cache(rx.path(), {key: ("not", "regex data")})  # well-formed, but not what the engine takes
    fresh()
    assert _matches(rx.compile(*PATTERNS[0]), TEXTS[0]) == _matches(regex.compile(*PATTERNS[0]), TEXTS[0])


def test_an_unwritable_cache_folder_is_not_an_error(tmp_path, monkeypatch, fresh):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))    # a file where the folder should be
    pattern = rx.compile(*PATTERNS[1])
    rx.save()
    assert _matches(pattern, TEXTS[1]) == _matches(regex.compile(*PATTERNS[1]), TEXTS[1])


def test_named_lists_go_to_regex_as_they_are(fresh):
    pattern = rx.compile(r"\L<words>", words=["ab", "cd"])
    assert pattern.findall("xxabcd") == ["ab", "cd"] and not rx._used


def test_the_file_keeps_only_the_last_process_patterns_beyond_its_limit(fresh, monkeypatch):
    monkeypatch.setattr(rx, "MAX_KEPT", 2)
    for p, f in PATTERNS[:2]:
        rx.compile(p, f)
    rx.save()
    fresh()
    rx.compile(*PATTERNS[2])
    rx.save()
    assert [k[0] for k in rx._read()] == [PATTERNS[2][0]]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "年", "\\d", "\\w", "+", "*", "?", "|", "(", ")", "[ab]", "{1,2}",
                                 "(?<=a)", "(?<!b)", "\\b", "(?i)", "."]), min_size=1, max_size=8),
       st.text(alphabet="ab年1 .", max_size=12))
def test_any_pattern_comes_back_the_same(tmp_path_factory, parts, text):
    folder = tmp_path_factory.mktemp("cache")
    source = "".join(parts)
    try:
        want = regex.compile(source, regex.VERSION1)
    except regex.error:
        return
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(folder))
        for name, value in (("_stored", None), ("_used", {}), ("_made", {}), ("_changed", False)):
            mp.setattr(rx, name, value)
        rx.compile(source, regex.VERSION1)
        rx.save()
        rx._stored, rx._used, rx._made, rx._changed = None, {}, {}, False
        again = rx.compile(source, regex.VERSION1)
        assert (source, int(regex.VERSION1), int(regex.DEFAULT_VERSION)) in rx._read()
    assert _matches(again, text) == _matches(want, text)


def test_the_package_compiles_its_patterns_through_rx():
    """A pattern compiled with regex.compile is parsed again in every process (~0.65 ms each):
    new code uses rx.compile, which this test keeps true."""
    from pathlib import Path

    package = Path(rx.__file__).parent
    direct = [f"{p.relative_to(package)}:{n}" for p in sorted(package.rglob("*.py")) if p.name != "rx.py"
              for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if "regex.compile(" in line]
    assert not direct, direct


def test_patterns_made_from_a_documents_aliases_are_not_kept():
    """One alias alternation per document: kept by rx, they would grow a worker's memory and the
    patterns file with the corpus (a flat-memory bug of the seventh wave)."""
    from pipeline.extractors.entities import _alias_re

    made, used = len(rx._made), len(rx._used)
    for i in range(50):
        latin = _alias_re((f"Cooperative Number {i}", f"CN{i}"), True)
        zh = _alias_re((f"第{i}合作社", "县合作社"), False)
        assert latin.search(f"the CN{i} said") and zh.search(f"第{i}合作社称")
    assert (len(rx._made), len(rx._used)) == (made, used)
