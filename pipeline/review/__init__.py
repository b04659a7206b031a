"""Review: the decision store, applying decisions to the tables, terminal review and exports.

store.py   DecisionStore (SQLite next to the corpus), Decision, STATUSES, CORRECTABLE, load_decisions
apply.py   apply_decisions(facts, decisions), decided_view(facts), reconcile (re-attach / orphans)
"""
from __future__ import annotations

from .apply import apply_decisions, decided_view, reconcile
from .store import CORRECTABLE, STATUSES, Decision, DecisionStore, StoreError, load_decisions

__all__ = ["CORRECTABLE", "STATUSES", "Decision", "DecisionStore", "StoreError", "apply_decisions",
           "decided_view", "load_decisions", "reconcile"]
