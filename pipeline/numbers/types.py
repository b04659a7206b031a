"""The numbers layer's one data type."""
from __future__ import annotations

from dataclasses import dataclass

KINDS = ("number", "ordinal", "fraction", "percent", "money")


@dataclass(frozen=True, slots=True)
class NumberExpr:
    start: int                  # half-open span in the text given to find(): text[start:end] == self.text
    end: int
    text: str
    value: float                # sign included (-1.2e9); percent in percent (3.5), money in the major unit
    value_max: float | None     # upper end of a range (3-5, entre 3 y 5, 五六), else None
    kind: str                   # number | ordinal | fraction | percent | money
    unit: str = ""              # "%" for percent, ISO 4217 code for money
