"""What a pattern cannot match without: the literal words every text it matches in contains.

A date rule such as ``(?<![\\w])(?P<n>\\d{1,2}|two|…)\\s+weeks?\\s+ago(?![\\w])`` can only match
a text that contains "week" and "ago".  ``needs`` reads that off the pattern, so a rule can be
skipped with two substring tests (tens of nanoseconds) where its scan costs microseconds, on the
many sentences that hold no such word (issue 13).

The answer is a conjunction of disjunctions: ``(frozenset({"week"}), frozenset({"ago"}))`` means
"week" and "ago"; ``(frozenset({"year", "month"}),)`` means one of the two.  Words are case-folded:
test them against ``fold(text)``, which is right whatever case the rule matches in.

The pattern is parsed with Python's own ``re`` parser, which reads the ``regex`` syntax the
package uses (groups, classes, look-arounds, scoped flags, variable-width look-behinds).  Where
the two syntaxes part (``\\p{…}``, fuzzy ``{e<=1}``, POSIX classes, VERSION1 sets, verbose
patterns), ``needs`` answers None: no requirement, the rule always runs.  Literal text counts
where the match consumes it or a positive look-around requires it; optional parts, alternatives
with a way through without words and negative look-arounds never do.
"""
from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as C  # noqa: PLC2701 (the parser's node names)
from re import _parser  # noqa: PLC2701 (re's parser: the same one re.compile uses)

import regex

Needs = tuple[frozenset[str], ...]

_FOREIGN = re.compile(r"(?<!\\)\{[^}\d,]|\[\[?:|\(\?[^:)]*[Vv]1|\\[pPmMhXGLKQ]")   # regex-only syntax
_NAMED = re.compile(r"(?<!\\)\(\?P<\w+>")
_BACKREF = re.compile(r"(?<!\\)\(\?P=\w+\)")
_UNSAFE = frozenset("{}[]:")          # a run with these may come from regex-only syntax the parser misread
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_MAX_GROUPS = 2                       # words tested per rule: the two most telling requirements


def fold(text: str) -> str:
    """``text`` case-folded as the needs are: regex's case-insensitive "i" also matches "İ",
    which ``str.casefold`` turns into two characters."""
    return text.replace("\u0130", "i").casefold() if not text.isascii() else text.casefold()


@lru_cache(maxsize=4096)          # the package's own patterns: a few hundred
def needs(pattern: str, flags: int = 0) -> Needs | None:
    """The requirements of ``pattern`` (see the module), the most telling first; None when it has
    none worth testing or cannot be read safely."""
    if flags & (regex.VERBOSE | regex.VERSION1 | regex.FULLCASE | regex.REVERSE) or _FOREIGN.search(pattern):
        return None
    # names matter nothing here, and regex allows a name twice where re does not: groups unnamed,
    # back-references dropped (they require nothing this reading could count on)
    plain = _BACKREF.sub("(?:)", _NAMED.sub("(", pattern))
    try:
        tree = _parser.parse(plain)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None
    groups = [g for g in _sequence(list(tree)) if _score(g) >= 3]
    if not groups:
        return None
    groups.sort(key=lambda g: (-_score(g), len(g)))
    return tuple(groups[:_MAX_GROUPS])


def may_match(pattern: regex.Pattern, folded: str) -> bool:
    """False when ``pattern`` cannot match the text ``folded`` was folded from (it lacks the words)."""
    words = needs(pattern.pattern, pattern.flags)
    return words is None or satisfied(words, folded)


def satisfied(needs_: Needs, folded: str) -> bool:
    """Whether a (folded) text holds what ``needs_`` asks for."""
    for group in needs_:
        if not any_in(group, folded):
            return False
    return True


def any_in(words, folded: str) -> bool:
    """Whether a (folded) text holds one of ``words`` (one requirement of ``needs``)."""
    for word in words:
        if word in folded:
            return True
    return False


def _score(group: frozenset[str]) -> int:
    """How telling a requirement is: its shortest word's length (a Chinese character counts 3)."""
    return min(sum(1 if c.isascii() else 3 for c in w) for w in group)


def _sequence(items: list) -> list[frozenset[str]]:
    """Requirements of a sequence of nodes: each literal run, and those of its mandatory parts."""
    out: list[frozenset[str]] = []
    run: list[str] = []

    def flush() -> None:
        word = "".join(run)
        run.clear()
        if word and not (_UNSAFE & set(word)) and any(c.isalnum() for c in word):
            out.append(frozenset({fold(word)}))

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is C.SUBPATTERN:
            out += _sequence(list(av[-1]))
        elif op is C.ATOMIC_GROUP:
            out += _sequence(list(av))
        elif op is C.ASSERT:                   # a look-ahead or look-behind that must succeed: its words
            out += _sequence(list(av[1]))      # are in the text, if not in the match
        elif op in _REPEATS:
            low, _, body = av
            if low >= 1:
                out += _sequence(list(body))
        elif op is C.BRANCH:
            alternatives = []
            for branch in av[1]:
                inner = _sequence(list(branch))
                if not inner:
                    break                  # one way through without a word: no requirement
                alternatives.append(max(inner, key=lambda g: (_score(g), -len(g))))
            else:
                out.append(_smallest(frozenset().union(*alternatives)))
        # IN, ANY, AT, CATEGORY, GROUPREF, negative look-arounds, conditionals: no literal text required
    flush()
    return out


def _smallest(words: frozenset[str]) -> frozenset[str]:
    """The same requirement with fewer tests: a word containing another word of the set is implied."""
    return frozenset(w for w in words if not any(v != w and v in w for v in words))
