"""Mentions -> the fact table (and the entity and timeline tables derived from it)."""
from __future__ import annotations

from .checks import build_checks
from .statements import build_statements
from .table import (COLUMNS, build_entities, build_table, build_timeline, write_csv, write_jsonl,
                    write_parquet)

__all__ = ["COLUMNS", "build_table", "build_entities", "build_timeline", "write_csv", "write_parquet",
           "write_jsonl", "build_statements", "build_checks"]

