"""literals.needs: the words every text a pattern matches in contains (issue 13: the date rules
skip a sentence that lacks them).  Sound or nothing: a text a pattern matches always holds them."""
from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.literals import fold, needs, satisfied


def words(pattern, flags=0):
    n = needs(pattern, flags)
    return None if n is None else [sorted(g) for g in n]


def test_required_words_of_a_sequence():
    assert words(r"(?<![\w])(?P<n>\d{1,2}|two|an?)\s+weeks?\s+ago(?![\w])") == [["week"], ["ago"]]


def test_an_alternation_needs_one_of_its_words():
    assert words(r"\b(?:last|next|this)\s+(?:year|month)\b") == [["month", "year"], ["last", "next", "this"]]


def test_a_word_containing_another_of_the_same_choice_adds_nothing():
    assert words(r"(?:yesterday afternoon|yesterday|tomorrow)") == [["tomorrow", "yesterday"]]


def test_optional_parts_and_negative_lookarounds_are_never_required():
    assert words(r"(?:the\s+)?quarter(?!\s+ended)(?<!about\s)") == [["quarter"]]
    assert words(r"(?:early\s+)?\d{4}") is None
    assert words(r"(?:quarter|\d+)") is None                 # one way through without a word


def test_what_a_positive_lookaround_requires_is_in_the_text():
    assert words(r"\ban?(?=\s+(?:million|billion))") == [["billion", "million"]]


def test_case_is_folded():
    assert words(r"(?-i:JUNE|june)\s+\d", regex.I) == [["june"]]


def test_short_words_are_not_worth_testing_but_chinese_characters_are():
    assert words(r"\d+\s*to\s*\d+") is None
    assert words(r"(?:上|下)?周[一二三四五六日]") == [["周"]]


def test_syntax_only_regex_knows_gives_no_answer():
    for pattern in (r"\p{Han}+年", r"(?:cat){e<=1}s", r"[[:alpha:]]+ month", r"(?V1)[[a-z]--[aeiou]]+ month",
                    r"\mweek\M"):
        assert needs(pattern) is None, pattern
    assert needs(r"week ago", regex.VERBOSE) is None
    assert needs(r"(unclosed week") is None


def test_fold_matches_what_case_insensitive_regex_matches():
    """Every character regex.I lets stand for a letter of a date word folds to that letter."""
    alphabet = set("abcdefghijklmnopqrstuvwxyzáéíóúñü")
    cased = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF
             and (chr(c).lower() != chr(c) or chr(c).upper() != chr(c) or chr(c).casefold() != chr(c))]
    for ch in cased:
        for letter in alphabet:
            if regex.fullmatch(regex.escape(letter), ch, regex.I):
                assert fold(ch) == letter, (hex(ord(ch)), letter)


def test_satisfied_needs_every_group():
    n = needs(r"\bweeks?\s+ago\b")
    assert satisfied(n, fold("Two WEEKS AGO")) and not satisfied(n, fold("two weeks later"))


_PIECES = st.sampled_from(["week", "ago", "year", "month", "mayo", "año", "周", "年", r"\s+", r"\d{1,2}", " ",
                           "(?=.*ago)", "(?<=week )", "(?!year)", "(?<!mo)",
                           "(?:last|next)", "(?:the )?", "s?", r"(?<![\w])", r"(?![\w])", "(?:up|down)+",
                           "[a-c]", ".", "(?:a|bc)", "(?-i:May)", "İ"])
_TEXT = st.text(alphabet=st.sampled_from(list("weakgoyarmnthMAYWEEKAGOlsxİı 12周年añoé")), max_size=40)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=6), _TEXT, st.sampled_from([0, regex.I]))
def test_a_text_matched_always_holds_the_needs(pieces, text, flags):
    pattern = "".join(pieces)
    n = needs(pattern, flags)
    if n is None:
        return
    if regex.search(pattern, text, flags):
        assert satisfied(n, fold(text)), (pattern, text, n)


def test_figure_shares_found_the_same_with_and_without_the_word_tests(monkeypatch):
    """The share patterns (half of, two-thirds of, uno de cada tres) skip sentences without their
    words; on generated sentences they find what they find scanning every sentence."""
    import importlib
    import random

    find = importlib.import_module("pipeline.extractors.figures.find")
    from pipeline.extractors.figures.lexicon import lexicon

    rng = random.Random(5)
    pieces = {"en": ["half", "Half", "HALF", "two-thirds", "a third", "three quarters", "one in", "out of", "of", "every",
                     "the", "workers", "are", "nearly", "3", "10", "1/2", "⅔", ",", "first", "year", "women", "tenth"],
              "es": ["la mitad", "MITAD", "un tercio", "dos tercios", "uno de cada", "de", "cada", "tres", "3", "10",
                     "las", "mujeres", "casi", "son", ",", "primera", "año", "veinticincoavos", "cuarta parte", "un"]}
    for lang, words in pieces.items():
        lex = lexicon(lang)
        texts = [" ".join(rng.choice(words) for _ in range(rng.randint(2, 9))) for _ in range(3000)]
        gated = [find._latin_presets(lex, t) for t in texts]
        assert sum(map(bool, gated)) > 100, lang
        monkeypatch.setattr(find, "may_match", lambda pattern, folded: True)
        assert [find._latin_presets(lex, t) for t in texts] == gated, lang
        monkeypatch.undo()
