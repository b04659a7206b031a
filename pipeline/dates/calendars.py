"""Calendar data from maintained libraries, not typed tables (see docs/dates.md for the choice).

* Chinese lunar calendar (春节, 元宵, 端午, 中秋, 重阳, 除夕): ``lunardate`` (pure Python, tables
  1900-2099 from the Hong Kong Observatory data), ``LunarDate(y, m, d).to_solar_date()``;
* Islamic feasts (古尔邦节, 肉孜节): ``holidays``' Islamic lunar calendar tables;
* Easter and the days set by it (Good Friday, Semana Santa): ``dateutil.easter.easter``
  (Western, Gregorian);
* other movable public days (Thanksgiving): ``holidays.country_holidays``.
"""
from __future__ import annotations

import datetime as _dt
from functools import lru_cache

from dateutil.easter import easter as _easter

# lunar month/day of the Chinese festivals (a fact of the calendar, not a table of dates)
LUNAR_DAYS = {"cny": (1, 1), "lantern": (1, 15), "dragon_boat": (5, 5), "qixi": (7, 7),
              "mid_autumn": (8, 15), "double_ninth": (9, 9), "laba": (12, 8)}


@lru_cache(maxsize=512)
def chinese_new_year(year: int) -> _dt.date | None:
    return lunar(year, "cny")


@lru_cache(maxsize=2048)
def lunar(year: int, name: str) -> _dt.date | None:
    """The Gregorian day of a Chinese lunar festival in a Gregorian year (腊八 of lunar year
    y-1 falls in January of y: the occurrence inside the Gregorian year is returned)."""
    from lunardate import LunarDate
    if name not in LUNAR_DAYS or not 1900 < year < 2100:
        return None
    m, d = LUNAR_DAYS[name]
    for lunar_year in (year, year - 1):
        day = LunarDate(lunar_year, m, d).to_solar_date()
        if day.year == year:
            return day
    return None


@lru_cache(maxsize=512)
def islamic(year: int, name: str) -> _dt.date | None:
    """Eid al-Adha ('eid_adha') or Eid al-Fitr ('eid_fitr') in a Gregorian year (first day)."""
    from holidays.calendars.islamic import _IslamicLunar
    cal = _IslamicLunar()
    fn = {"eid_adha": cal.eid_al_adha_dates, "eid_fitr": cal.eid_al_fitr_dates}.get(name)
    if fn is None:
        return None
    days = [d for d, _ in fn(year) if d.year == year]
    return days[0] if days else None


@lru_cache(maxsize=512)
def easter(year: int, offset: int = 0) -> _dt.date | None:
    """Easter Sunday (Western) plus ``offset`` days (-2 Good Friday, -7 Palm Sunday)."""
    if not 1583 <= year <= 4099:
        return None
    return _easter(year) + _dt.timedelta(days=offset)


@lru_cache(maxsize=512)
def public_holiday(country: str, name: str, year: int) -> _dt.date | None:
    """A named public holiday of a country in a year, from ``holidays`` (e.g. US Thanksgiving Day)."""
    import holidays
    try:
        days = holidays.country_holidays(country, years=year, language="en_US")
    except (NotImplementedError, KeyError):
        return None
    return next((d for d, n in sorted(days.items()) if n == name), None)
