"""ISO period strings as sortable first and last days.

``period`` (figures) and ``date`` (events) are ISO 8601 at their granularity; a timeline or a
filter wants two plain dates instead::

    2023             -> 2023-01-01 .. 2023-12-31
    2024-05          -> 2024-05-01 .. 2024-05-31
    2024-05-28       -> 2024-05-28 .. 2024-05-28
    2020-Q1          -> 2020-01-01 .. 2020-03-31
    2024-H1          -> 2024-01-01 .. 2024-06-30
    2024-W05         -> 2024-01-29 .. 2024-02-04  (ISO week)
    2024-01/2024-05  -> 2024-01-01 .. 2024-05-31  (start of the first, end of the second)

Anything else (empty, malformed, a start after the end) gives ``(None, None)``: never a guess.
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_PART = re.compile(r"^(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|Q(?P<q>[1-4])|H(?P<h>[12])|W(?P<w>\d{2})))?$")


def _bounds(part: str) -> tuple[date, date] | None:
    """First and last day of one ISO expression (no ``/``)."""
    m = _PART.match(part.strip())
    if not m:
        return None
    y = int(m["y"])
    try:
        if m["d"]:
            d = date(y, int(m["m"]), int(m["d"]))
            return d, d
        if m["m"]:
            mo = int(m["m"])
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        if m["q"]:
            return _months(y, 3 * int(m["q"]) - 2, 3 * int(m["q"]))
        if m["h"]:
            return _months(y, 6 * int(m["h"]) - 5, 6 * int(m["h"]))
        if m["w"]:
            first = date.fromisocalendar(y, int(m["w"]), 1)
            return first, first + timedelta(days=6)
    except ValueError:                      # month 13, day 31 of April, week 54
        return None
    return date(y, 1, 1), date(y, 12, 31)


def _months(y: int, first: int, last: int) -> tuple[date, date]:
    return date(y, first, 1), date(y, last, calendar.monthrange(y, last)[1])


def period_bounds(iso: str | None) -> tuple[str | None, str | None]:
    """``(start, end)`` as ``YYYY-MM-DD`` strings for an ISO date, period or ``a/b`` interval."""
    if not iso or not isinstance(iso, str):
        return None, None
    parts = iso.split("/")
    if len(parts) > 2:
        return None, None
    first, last = _bounds(parts[0]), _bounds(parts[-1])
    if first is None or last is None or first[0] > last[1]:
        return None, None
    return first[0].isoformat(), last[1].isoformat()
