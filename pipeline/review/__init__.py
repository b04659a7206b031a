"""Review: the decision store, applying decisions to the tables, terminal review and exports.

store.py   DecisionStore (SQLite next to the corpus), Decision, STATUSES, CORRECTABLE, load_decisions
apply.py   apply_decisions(facts, decisions), decided_view(facts), reconcile (re-attach / orphans)
"""
from __future__ import annotations

from .store import CORRECTABLE, STATUSES, Decision, DecisionStore, StoreError, load_decisions


def __getattr__(name: str):
    """apply.py needs pandas: loaded on first use, so the CLI starts without it."""
    if name in ("apply_decisions", "decided_view", "reconcile"):
        from . import apply
        return getattr(apply, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["CORRECTABLE", "STATUSES", "Decision", "DecisionStore", "StoreError", "apply_decisions",
           "decided_view", "load_decisions", "reconcile"]
