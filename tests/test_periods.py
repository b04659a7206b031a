"""consolidate/periods.py: ISO periods and dates as first and last days."""
from __future__ import annotations

import pytest

from pipeline.consolidate.periods import period_bounds


@pytest.mark.parametrize("iso,start,end", [
    ("2023", "2023-01-01", "2023-12-31"),
    ("2024-02", "2024-02-01", "2024-02-29"),
    ("2023-02", "2023-02-01", "2023-02-28"),
    ("2024-05-28", "2024-05-28", "2024-05-28"),
    ("2020-Q1", "2020-01-01", "2020-03-31"),
    ("2021-Q4", "2021-10-01", "2021-12-31"),
    ("2024-H1", "2024-01-01", "2024-06-30"),
    ("2024-W05", "2024-01-29", "2024-02-04"),
    ("2024-01/2024-05", "2024-01-01", "2024-05-31"),
    ("2020/2023", "2020-01-01", "2023-12-31"),
    ("2021-12-22/2021-12-31", "2021-12-22", "2021-12-31"),
    ("2019-Q3/2020-Q1", "2019-07-01", "2020-03-31"),
])
def test_periods_bounds(iso, start, end):
    assert period_bounds(iso) == (start, end)


@pytest.mark.parametrize("iso", ["", None, "last year", "2023-13", "2023-02-30", "2024-Q5", "2024/2023",
                                 "2024-05/2024-01", "1/2/3", "20234"])
def test_periods_bounds_refuse_what_is_not_an_iso_period(iso):
    assert period_bounds(iso) == (None, None)
