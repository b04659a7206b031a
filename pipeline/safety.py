"""Safe outputs: atomic file writes, a lock on the output folder, and cells/terminal text that
cannot run as a formula or an escape sequence.

* ``atomic_write(path, data)`` / ``atomic_path(path)``: write to a temporary name in the same
  folder, flush to disk (not for cache entries: ``sync=False``), then ``os.replace`` — a reader sees the
  old file or the new one, never half.
* ``OutputLock``: an exclusive ``fcntl.flock`` on ``<out>/.factmine.lock``; a second run on the
  same folder fails at once with ``OutputLocked`` instead of interleaving its writes.
* ``spreadsheet_safe(s)``: OWASP "CSV injection" advice — a cell starting with ``= + - @``, a tab
  or a carriage return gets a leading ``'`` so a spreadsheet shows it as text.
* ``terminal_safe(s)``: control characters (ANSI escape sequences, bells, C1 controls) removed
  before text from an article reaches a terminal.
"""
from __future__ import annotations

import contextlib
import fnmatch
import itertools
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Iterator

from .errors import OutputLocked

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# a sign, a digit, then only letters, digits, spaces, decimal/grouping marks, percent and currency signs
_SIGNED_FIGURE = re.compile(r"[+-]\d[\w\s.,%‰$€£¥₹]*")
LOCK_NAME = ".factmine.lock"
TEMP_PREFIX = ".fm-tmp-"
# ESC [ ... final byte (CSI), ESC ] ... BEL/ST (OSC), any other ESC x, C0/C1 controls but \t \n, and
# the bidirectional overrides/isolates that make a terminal show text in another order than it is.
_TERMINAL_CONTROLS = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b.?"
                                r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f]")


def spreadsheet_safe(value: str, *, signed_figure_ok: bool = False) -> str:
    """Prefix ``'`` to a cell a spreadsheet would evaluate as a formula (OWASP CSV injection).

    With ``signed_figure_ok`` (the fact table's ``text`` column, which must stay equal to
    ``source[start:end]`` in the CSV too) a signed figure as the article wrote it (``-1.2 billion
    euros``, ``+5%``, ``-0,3 %``) is left alone: nothing after its sign is an operator, reference or
    function, so no spreadsheet can run it. Anything more (``-2+3+cmd|' /C calc'!A0``) is neutralised."""
    if (value and value.startswith(FORMULA_STARTS)
            and not (signed_figure_ok and _SIGNED_FIGURE.fullmatch(value))):
        return "'" + value
    return value


def terminal_safe(value: str) -> str:
    """Remove escape sequences, control characters and bidi overrides (keeps tabs and newlines)."""
    return _TERMINAL_CONTROLS.sub("", str(value))


def _test_pause(phase: str, name: str) -> None:
    """Test hook for the crash tests: ``FACTMINE_TEST_PAUSE=<phase>:<glob>`` makes the process touch
    ``FACTMINE_TEST_PAUSE_MARK`` and sleep at that point, so a test can SIGKILL it there."""
    spec = os.environ.get("FACTMINE_TEST_PAUSE")
    if not spec:
        return
    want, _, pattern = spec.partition(":")
    if want == phase and fnmatch.fnmatch(name, pattern or "*"):
        mark = os.environ.get("FACTMINE_TEST_PAUSE_MARK")
        if mark:
            Path(mark).touch()
        time.sleep(float(os.environ.get("FACTMINE_TEST_PAUSE_SECONDS", "30")))


@contextlib.contextmanager
def atomic_path(path: Path, *, sync: bool = True) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success it replaces ``path`` atomically.

    ``sync=False`` skips the fsync (still temporary name + rename): for cache entries, where a crash
    may lose the entry but never leaves half of one, and an fsync per document costs more than it saves."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix="-" + path.name, dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        if sync:
            with open(tmp_path, "rb+") as fh:
                os.fsync(fh.fileno())
        _test_pause("rename", path.name)
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def atomic_write(path: Path, data: bytes | str, *, sync: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (``sync``: see atomic_path)."""
    with atomic_path(path, sync=sync) as tmp:
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8")
        else:
            tmp.write_bytes(data)


_ENTRY_NUMBERS = itertools.count()


def write_entry(folder: str, name: str, data: bytes) -> None:
    """``atomic_write(Path(folder) / name, data, sync=False)`` in plain ``os`` calls, for the many
    small files of one folder (the cache entries, one per document): the same temporary name
    (``TEMP_PREFIX``, mode 0600) and rename, without ``tempfile``'s random names and ``Path``
    objects (0.2 instead of 0.35-0.4 ms a file, which the run's main process spends per document)."""
    while True:
        tmp = os.path.join(folder, f"{TEMP_PREFIX}{os.getpid()}-{next(_ENTRY_NUMBERS)}-{name}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            break
        except FileExistsError:          # left by a killed process that had this pid: another name
            continue
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        _test_pause("rename", name)
        os.replace(tmp, os.path.join(folder, name))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def remove_stale_temps(folder: Path, *, below: bool = False) -> None:
    """Temporary files left by a killed run (our own prefix only), in ``folder`` (and below)."""
    if folder.is_dir():
        for p in (folder.rglob if below else folder.glob)(TEMP_PREFIX + "*"):
            with contextlib.suppress(OSError):
                p.unlink()


class OutputLock:
    """Exclusive lock on an output folder for the duration of a run (released when the process dies)."""

    def __init__(self, out: Path):
        self.path = out / LOCK_NAME
        self._fd: int | None = None

    def __enter__(self) -> "OutputLock":
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise OutputLocked(f"{self.path.parent}: another factmine run is writing here "
                               f"(lock {self.path} is held); wait for it to finish") from None
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        import fcntl

        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
