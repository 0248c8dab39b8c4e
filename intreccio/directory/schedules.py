"""Opening times: HSDS schedules (weekly or monthly recurrences), public holidays, closures.

`occurs_on` and `is_open_at` evaluate one schedule exactly; the search asks
the database for the few schedules that can be open at a moment (day code,
times, validity) and checks those here, so the number of queries does not
depend on the size of the directory.
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
DAY_LABELS = {
    "MO": _("lunedì"),
    "TU": _("martedì"),
    "WE": _("mercoledì"),
    "TH": _("giovedì"),
    "FR": _("venerdì"),
    "SA": _("sabato"),
    "SU": _("domenica"),
}
ORDINAL_LABELS = {
    1: _("primo"),
    2: _("secondo"),
    3: _("terzo"),
    4: _("quarto"),
    -1: _("ultimo"),
}


@lru_cache(maxsize=16)
def _holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.Italy(years=year, subdiv=settings.INTRECCIO_HOLIDAY_SUBDIVISION))


def is_public_holiday(day: datetime.date) -> bool:
    return day in _holidays(day.year)


def local_now() -> datetime.datetime:
    return timezone.localtime()


def _codes(value: str) -> list[str]:
    return [part.strip().upper() for part in (value or "").split(",") if part.strip()]


def _ordinal_days(value: str) -> list[tuple[int, str]]:
    """ "1MO,-1FR" → [(1, "MO"), (-1, "FR")]; plain codes get ordinal 0."""
    result = []
    for code in _codes(value):
        day = code[-2:]
        if day not in DAY_CODES:
            continue
        prefix = code[:-2]
        try:
            result.append((int(prefix) if prefix else 0, day))
        except ValueError:
            continue
    return result


def _nth_weekday_of_month(day: datetime.date) -> tuple[int, int]:
    """(n from the start, n from the end) of `day`'s weekday in its month: (1, -2)…"""
    from_start = (day.day - 1) // 7 + 1
    next_month = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    days_left = (next_month - day).days - 1
    from_end = -(days_left // 7 + 1)
    return from_start, from_end


def occurs_on(schedule, day: datetime.date) -> bool:
    """Whether the schedule has an opening on `day` (ignoring holidays and closures)."""
    start = schedule.dtstart or schedule.valid_from
    if schedule.valid_from and day < schedule.valid_from:
        return False
    if schedule.valid_to and day > schedule.valid_to:
        return False
    if schedule.dtstart and day < schedule.dtstart:
        return False
    if schedule.until and day > schedule.until:
        return False
    interval = schedule.interval or 1
    code = DAY_CODES[day.weekday()]
    if schedule.freq == "WEEKLY":
        days = [d for n, d in _ordinal_days(schedule.byday)] or (
            [DAY_CODES[start.weekday()]] if start else []
        )
        if code not in days:
            return False
        if interval > 1 and start:
            weeks = ((day - start).days + start.weekday() - day.weekday()) // 7
            return weeks % interval == 0
        return True
    if schedule.freq == "MONTHLY":
        if interval > 1 and start and ((day.year - start.year) * 12 + day.month - start.month) % interval:
            return False
        month_days = []
        for part in _codes(schedule.bymonthday):
            try:
                month_days.append(int(part))
            except ValueError:
                continue
        if month_days:
            last = ((day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - day).days - 1
            return day.day in month_days or -(last + 1) in month_days
        ordinals = _ordinal_days(schedule.byday)
        if ordinals:
            from_start, from_end = _nth_weekday_of_month(day)
            return any(d == code and n in (0, from_start, from_end) for n, d in ordinals)
        return bool(start) and day.day == start.day
    # No recurrence: a single date.
    return bool(start) and day == start


def is_open_at(schedule, moment: datetime.datetime) -> bool:
    day = moment.date()
    if schedule.closed_on_public_holidays and is_public_holiday(day):
        return False
    if not occurs_on(schedule, day):
        return False
    time = moment.time()
    if schedule.opens_at and time < schedule.opens_at:
        return False
    return not (schedule.closes_at and time >= schedule.closes_at)


def candidate_q(moment: datetime.datetime, prefix: str = "") -> Q:
    """Schedules that may be open at `moment` (the database part of the check)."""
    day, time = moment.date(), moment.time()
    code = DAY_CODES[day.weekday()]

    def f(name):
        return f"{prefix}{name}"

    query = (
        (Q(**{f("valid_from__isnull"): True}) | Q(**{f("valid_from__lte"): day}))
        & (Q(**{f("valid_to__isnull"): True}) | Q(**{f("valid_to__gte"): day}))
        & (Q(**{f("until__isnull"): True}) | Q(**{f("until__gte"): day}))
        & (Q(**{f("opens_at__isnull"): True}) | Q(**{f("opens_at__lte"): time}))
        & (Q(**{f("closes_at__isnull"): True}) | Q(**{f("closes_at__gt"): time}))
        & (
            Q(**{f("byday__contains"): code})
            | Q(**{f("bymonthday__gt"): ""})
            | Q(**{f("byday"): ""}, **{f("dtstart__isnull"): False})
        )
    )
    if is_public_holiday(day):
        query &= Q(**{f("closed_on_public_holidays"): False})
    return query


@dataclass(frozen=True)
class Occurrence:
    day: datetime.date
    opens_at: datetime.time | None
    closes_at: datetime.time | None
    schedule: object


def occurrences(schedules, start: datetime.date, days: int, closures=()) -> list[Occurrence]:
    """Openings of `schedules` in the `days` days from `start`, minus holidays and closures."""
    found = []
    for offset in range(days):
        day = start + datetime.timedelta(days=offset)
        if any(c.starts_on <= day <= c.ends_on for c in closures):
            continue
        for schedule in schedules:
            if schedule.closed_on_public_holidays and is_public_holiday(day):
                continue
            if occurs_on(schedule, day):
                found.append(Occurrence(day, schedule.opens_at, schedule.closes_at, schedule))
    return sorted(found, key=lambda o: (o.day, o.opens_at or datetime.time.min))


def open_now(schedules, closures=(), moment: datetime.datetime | None = None) -> bool:
    moment = moment or local_now()
    if any(c.starts_on <= moment.date() <= c.ends_on for c in closures):
        return False
    return any(is_open_at(schedule, moment) for schedule in schedules)


def describe(schedule) -> str:
    """An Italian sentence for a schedule ("lunedì, mercoledì 9:00–12:00")."""
    when = ""
    if schedule.freq == "WEEKLY":
        days = [DAY_LABELS[d] for _n, d in _ordinal_days(schedule.byday)]
        when = ", ".join(str(d) for d in days)
    elif schedule.freq == "MONTHLY":
        ordinals = _ordinal_days(schedule.byday)
        if ordinals:
            when = ", ".join(
                _("%(ordinal)s %(day)s del mese")
                % {"ordinal": ORDINAL_LABELS.get(n, n), "day": DAY_LABELS[d]}
                for n, d in ordinals
            )
        elif schedule.bymonthday:
            when = _("il giorno %(days)s del mese") % {"days": schedule.bymonthday}
    elif schedule.dtstart:
        when = schedule.dtstart.strftime("%d/%m/%Y")
    hours = ""
    if schedule.opens_at and schedule.closes_at:
        hours = f"{schedule.opens_at:%H:%M}–{schedule.closes_at:%H:%M}"
    return " ".join(part for part in (when, hours) if part) or (schedule.description or "")
