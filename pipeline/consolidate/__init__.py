"""Mentions -> the fact table (and the entity and timeline tables derived from it).

The names below are imported on first use: ``consolidate.rows`` (the per-document columns a worker
computes) is plain Python, and importing this package must not pull in pandas (0.5 s) with it.
"""
from __future__ import annotations

from importlib import import_module

_WHERE = {"COLUMNS": ".table", "build_table": ".table", "build_entities": ".table", "build_timeline": ".table",
          "write_csv": ".table", "write_parquet": ".table", "write_jsonl": ".table",
          "build_statements": ".statements", "build_checks": ".checks"}
__all__ = list(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(_WHERE[name], __name__), name)
    globals()[name] = value
    return value
