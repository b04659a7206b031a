"""Mentions -> the fact table (and the entity and timeline tables derived from it)."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .checks import build_checks
from .statements import build_statements
from .table import (COLUMNS, build_entities, build_table, build_timeline, write_csv, write_jsonl,
                    write_parquet)

__all__ = ["COLUMNS", "build_table", "build_entities", "build_timeline", "write_csv", "write_parquet",
           "write_jsonl", "build_statements", "build_checks", "write_statements"]


def write_statements(facts: pd.DataFrame, out: Path) -> list[Path]:
    """Write statements.parquet/.csv and checks.csv for a fact table; returns the paths written."""
    statements, checks = build_statements(facts), build_checks(facts)
    write_parquet(statements, out / "statements.parquet")
    write_csv(statements, out / "statements.csv")
    write_csv(checks, out / "checks.csv")
    return [out / "statements.parquet", out / "statements.csv", out / "checks.csv"]
