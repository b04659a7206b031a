"""Named exceptions.  Only the CLI turns them into one-line messages."""
from __future__ import annotations


class FactmineError(Exception):
    """Base class: an expected problem with a clear one-line reason."""


class UndecodableSource(FactmineError):
    """The file is binary or in no encoding we can read."""


class EmptySource(FactmineError):
    """The file holds no text."""


class BadInput(FactmineError):
    """A command-line input (JSON line, date, option) is malformed."""


class OutputLocked(FactmineError):
    """Another run holds the lock on the output folder."""


class EmptyCorpus(FactmineError):
    """The corpus holds no article that could be read; earlier outputs are left alone."""

    def __init__(self, message: str, report=None):
        super().__init__(message)
        self.report = report


class DocumentTimeout(FactmineError):
    """One document took longer than its time budget (``--doc-timeout``); it is skipped."""


class UnreadableFormat(FactmineError):
    """A known format whose text cannot be taken out (a scanned PDF, a broken .docx)."""
