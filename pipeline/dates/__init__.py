"""The dates layer: temporal expressions in zh / en / es, found and resolved to ISO 8601.

    from pipeline import dates
    dates.find("Prices were stable before 2010.", "en")      # [Timex(text='before 2010', value='/2009-12-31', ...)]
    dates.parse("pasado mañana", "es", reference_date="2020-06-15")   # Timex(value='2020-06-17', ...)

Find, then resolve (the split of Microsoft Recognizers-Text): each language's rules are a regex
plus one small resolver (``numeric.py``, ``zh.py``, ``latin.py``, ``relative.py``), their words are
data in ``pipeline/resources/<lang>/timex.yaml``; ``compose.py`` then joins a found date with what
modifies it (before/after/since/until, ``2 weeks before``, ranges).  Calendars (Easter, lunar
festivals) come from maintained libraries (``calendars.py``).  Value conventions: ``docs/dates.md``.
"""
from __future__ import annotations

from .core import DAY, MONTH, PERIOD, QUARTER, YEAR, Reference, Timex, parse_reference, resolve_partial_year
from .compose import anchors
from .engine import find, parse, sentence_dates

__all__ = ["find", "parse", "sentence_dates", "anchors", "Timex", "Reference", "parse_reference",
           "resolve_partial_year", "DAY", "MONTH", "QUARTER", "YEAR", "PERIOD"]
