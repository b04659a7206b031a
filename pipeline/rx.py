"""Compiled patterns, kept between runs (issue 13: start-up).

``regex.compile`` parses a pattern in Python before its C engine builds it: ~0.65 ms a pattern,
0.46 s for the ~700 patterns a process compiles before its first document (half of ``factmine
extract``'s start-up, and the same again in the parent of every run before its workers fork).
What regex pickles a compiled pattern to (``Pattern._pickled_data``: the pattern, its flags, the
compiled code, group tables) is plain data that its C engine rebuilds the pattern from directly,
in ~20 µs, without the parse.  So ``rx.compile`` keeps that data of every pattern it compiles in
one file of the user cache folder (``user_cache``: marshal behind a CRC-32, not pickle, so reading
it runs no code), named after regex's version, and rebuilds from it on the next run.

Use ``rx.compile(pattern, flags)`` where ``regex.compile`` would be used, and ``rx.uncached``
for a pattern built from one document's text (it would only pile up here).  Same pattern objects
(``regex.Pattern``), same matches; a pattern with named lists (keyword arguments) or the LOCALE
flag, or a file missing, damaged or unwritable, just goes through ``regex.compile``.
"""
from __future__ import annotations

import atexit

import regex
from regex import _regex          # regex's C engine: what a pickled pattern is rebuilt by

from .user_cache import cache_dir, read_cache, write_cache

FORMAT = 1
MAX_KEPT = 5_000        # patterns in the file: beyond, only those of the last process are kept

_Key = tuple[str, int, int]
_stored: dict[_Key, tuple] | None = None      # read from the file on the first compile
_used: dict[_Key, tuple] = {}                 # what this process compiled (kept on save)
_made: dict[_Key, regex.Pattern] = {}         # one object per pattern, as regex's own cache gives
_changed = False


def path():
    return cache_dir() / f"patterns-{regex.__version__}-{FORMAT}.marshal"


def compile(pattern, flags: int = 0, **named_lists) -> regex.Pattern:   # noqa: A001 (regex's name)
    """``regex.compile(pattern, flags)``, from the data kept by an earlier run when it has it."""
    global _stored, _changed
    if named_lists or type(pattern) is not str or flags & regex.LOCALE:
        return regex.compile(pattern, flags, **named_lists)
    key = (pattern, int(flags), int(regex.DEFAULT_VERSION))     # plain ints: RegexFlag does not marshal
    made = _made.get(key)
    if made is not None:
        return made
    if _stored is None:
        _stored = _read()
    data = _stored.get(key)
    made = None
    if data is not None:
        try:
            made = _regex.compile(*data)
        except Exception:            # not what this regex builds from: parsed again below
            made = None
    if made is None:
        made = regex.compile(pattern, flags)
        data = getattr(made, "_pickled_data", None)
        _changed = _changed or data is not None
    if data is not None:
        _used[key] = data
    _made[key] = made
    return made


def uncached(pattern: str, flags: int = 0) -> regex.Pattern:
    """``regex.compile`` for a pattern made from a document's own text (its aliases): kept neither
    here nor in the file, where one per document would grow a worker's memory and the file with
    the corpus (regex's own cache and the caller's bounded one are enough)."""
    return regex.compile(pattern, flags)


def _read() -> dict:
    stored = read_cache(path())
    return stored if isinstance(stored, dict) else {}


def save() -> None:
    """Keep the data of the patterns compiled so far (only when some were new)."""
    global _stored, _changed
    if not _changed:
        return
    kept = {**(_stored or {}), **_used}
    if len(kept) > MAX_KEPT:
        kept = dict(_used)
    write_cache(path(), kept, family="patterns-*.marshal")
    _stored, _changed = kept, False


atexit.register(save)
