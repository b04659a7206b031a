"""Tables derived from installed data, kept between runs under the user's cache folder
(``$XDG_CACHE_HOME/factmine``, else ``~/.cache/factmine``): jieba's state with the lexicon's words,
pinyin syllables, compiled patterns (``rx``).  Each is one marshal file behind a CRC-32, written to a
temporary name and renamed; a missing, damaged or unwritable file only means it is built again."""
from __future__ import annotations

import marshal
import os
import tempfile
import zlib
from pathlib import Path


def cache_dir() -> Path:
    """Where derived tables are kept between runs: ``$XDG_CACHE_HOME/factmine``, else
    ``~/.cache/factmine``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "factmine"


KEEP_CACHED = 4    # files kept per kind of table (one per installed version of its sources, newest first)


def write_cache(path: Path, value, family: str | None = None) -> None:
    """Marshal ``value`` to ``path`` after a CRC-32 of the bytes: temporary name + rename, so a
    reader never sees half a file; failing to write (read-only home, full disk) is not fatal — the
    table is rebuilt next time.  ``family`` (a glob such as ``"pinyin-syllables-*.marshal"``): only
    the KEEP_CACHED newest files of that kind are kept, so reinstalls do not pile files up while
    a few installs side by side (several virtual environments) still keep theirs."""
    try:
        data = marshal.dumps(value)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(zlib.crc32(data).to_bytes(4, "big"))
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        if family:
            older = sorted(path.parent.glob(family), key=lambda p: p.stat().st_mtime_ns, reverse=True)
            for old in older[KEEP_CACHED:]:
                if old != path:
                    old.unlink(missing_ok=True)
    except Exception:
        pass


def read_cache(path: Path):
    """What ``write_cache`` wrote, or None if the file is missing, unreadable or damaged."""
    try:
        with open(path, "rb") as f:
            data = f.read()
        if len(data) < 5 or zlib.crc32(memoryview(data)[4:]) != int.from_bytes(data[:4], "big"):
            return None
        return marshal.loads(memoryview(data)[4:])
    except Exception:
        return None
