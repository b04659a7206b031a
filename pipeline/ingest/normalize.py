"""Raw text -> normalized characters, each remembering the raw span it came from.

The normalizer never edits the raw string: it builds a new string plus two integer arrays,
``starts[i]``/``ends[i]`` = the raw span that analysis character ``i`` was made from.  A deletion
(zero-width space, the CR of CRLF) leaves no analysis character; an expansion (one raw character
becoming two) maps both to the same raw span; a 1:1 replacement maps to its own character.
"""
from __future__ import annotations

import re
import unicodedata
from itertools import compress
from array import array
from dataclasses import dataclass
from functools import lru_cache

# Characters deleted from the analysis text.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
# Characters that become a plain space.
ODD_SPACES = frozenset("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                       "\u202f\u205f\u3000\t\v\f")
QUOTES = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2018": "'", "\u2019": "'",
          "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u2033": '"', "\uff02": '"', "\uff07": "'"}


@dataclass(frozen=True, slots=True)
class Normalized:
    text: str
    starts: array
    ends: array


def fold_char(c: str) -> str:
    """One raw character -> its analysis form ('' to drop it)."""
    if c in ZERO_WIDTH:
        return ""
    if c in ODD_SPACES:
        return " "
    q = QUOTES.get(c)
    if q is not None:
        return q
    o = ord(c)
    if 0xFF01 <= o <= 0xFFEF:            # full-width ASCII and half-width CJK forms
        return unicodedata.normalize("NFKC", c)
    return c


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


_CJK = re.compile("[\u4e00-\u9fff]")    # one scan in C instead of a Python loop over every character


def to_simplified(text: str) -> str:
    """Traditional -> Simplified with OpenCC (phrase-aware); length-preserving or per character."""
    if not _CJK.search(text):
        return text
    conv = _t2s()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    # A phrase conversion changed the length: fall back to character by character so the
    # offset map stays one-to-one.
    return "".join(ch if len(ch := conv.convert(c)) == 1 else c for c in text)


_SPECIAL = re.compile("\r\n?|[" + re.escape("".join(ZERO_WIDTH | ODD_SPACES | set(QUOTES))) + "\uff01-\uffef]")


@lru_cache(maxsize=1)
def _one_to_one() -> tuple[dict[str, str], re.Pattern, re.Pattern]:
    """The special characters that fold to exactly one other character (their folded forms), a
    pattern finding them, and one finding the others (CR, zero-width characters, U+FFE3 -> two)."""
    specials = set(ZERO_WIDTH | ODD_SPACES | set(QUOTES)) | {chr(o) for o in range(0xFF01, 0xFFF0)}
    folded = {c: fold_char(c) for c in specials if len(fold_char(c)) == 1 and fold_char(c) != c}
    uneven = sorted(c for c in specials if len(fold_char(c)) != 1)
    return (folded, re.compile("[" + re.escape("".join(sorted(folded))) + "]"),
            re.compile("[\\r" + re.escape("".join(uneven)) + "]"))


def _identity(n: int, first: int) -> array:
    """array("q", range(first, first + n)) built by numpy (8x faster for a long text)."""
    import numpy as np

    return array("q", np.arange(first, first + n, dtype=np.int64).tobytes())


def normalize(raw: str, drop: list[tuple[int, int]] | None = None) -> Normalized:
    """Fold widths, quotes, spaces, zero-width characters, CRLF/CR and Traditional characters.

    ``drop``: sorted raw spans (e.g. Markdown markup) left out of the analysis text.
    """
    folded, one, uneven = _one_to_one()
    if not uneven.search(raw):
        # every character maps to one analysis character (the usual text: full-width punctuation,
        # odd spaces, curly quotes): one substitution pass and identity maps, no loop over matches
        text, n = one.sub(lambda m: folded[m.group()], raw), len(raw)
        starts, ends = _identity(n, 0), _identity(n, 1)
        if drop:
            text, starts, ends = _without(text, starts, ends, drop, n)
        return Normalized(to_simplified(text), starts, ends)
    pieces: list[str] = []
    starts = array("q")
    ends = array("q")
    pos = 0
    for m in _SPECIAL.finditer(raw):
        i = m.start()
        if i > pos:                                  # untouched run: identity map
            pieces.append(raw[pos:i])
            starts.extend(range(pos, i))
            ends.extend(range(pos + 1, i + 1))
        token = m.group()
        folded = "\n" if token[0] == "\r" else fold_char(token)
        pieces.append(folded)                        # CRLF -> one LF mapped to both raw chars
        starts.extend([i] * len(folded))
        ends.extend([m.end()] * len(folded))
        pos = m.end()
    if pos < len(raw):
        pieces.append(raw[pos:])
        starts.extend(range(pos, len(raw)))
        ends.extend(range(pos + 1, len(raw) + 1))
    text = "".join(pieces)
    if drop:
        text, starts, ends = _without(text, starts, ends, drop, len(raw))
    return Normalized(to_simplified(text), starts, ends)


def _without(text: str, starts: array, ends: array, drop: list[tuple[int, int]], n: int):
    """Remove the analysis characters made from the raw spans in ``drop``."""
    import numpy as np

    dropped = np.zeros(n + 1, dtype=bool)
    for s, e in drop:
        dropped[s:e] = True
    st = np.frombuffer(starts, dtype=np.int64)
    keep = ~dropped[st]
    text = "".join(compress(text, keep.tolist()))
    return text, array("q", st[keep].tobytes()), array("q", np.frombuffer(ends, dtype=np.int64)[keep].tobytes())
