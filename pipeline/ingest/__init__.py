"""Ingest: bytes or text -> Document (see pipeline.types)."""
from __future__ import annotations

from .document import ingest_bytes, ingest_file, ingest_source, ingest_text

__all__ = ["ingest_text", "ingest_bytes", "ingest_file", "ingest_source"]
