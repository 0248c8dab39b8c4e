"""Working days by the Italian calendar (national holidays and the province's patron)."""

import datetime
from functools import lru_cache

import holidays
from django.conf import settings


@lru_cache(maxsize=32)
def _holidays_for(year: int) -> frozenset[datetime.date]:
    subdivision = getattr(settings, "INTRECCIO_HOLIDAY_SUBDIVISION", "LC")
    return frozenset(holidays.Italy(years=year, subdiv=subdivision))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _holidays_for(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """Return the date `days` working days after `start` (0: `start` itself if working, else the next)."""
    assert days >= 0, "add_working_days counts forward only"
    current = start
    while not is_working_day(current):
        current += datetime.timedelta(days=1)
    remaining = days
    while remaining:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current
