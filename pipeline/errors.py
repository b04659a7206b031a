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
