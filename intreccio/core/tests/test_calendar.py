import datetime

from intreccio.core.calendar import add_working_days, is_working_day


def test_weekends_national_holidays_and_the_patron_saint_are_not_working_days():
    assert is_working_day(datetime.date(2026, 12, 4)) is True  # Friday
    assert is_working_day(datetime.date(2026, 12, 5)) is False  # Saturday
    assert is_working_day(datetime.date(2026, 12, 8)) is False  # Immacolata, Tuesday
    assert (
        is_working_day(datetime.date(2025, 12, 6)) is False
    )  # San Nicolò, patron of Lecco, a Saturday anyway
    assert is_working_day(datetime.date(2027, 12, 6)) is False  # San Nicolò on a Monday


def test_adding_working_days_skips_weekends_and_holidays():
    # Friday 4 Dec 2026 + 2 working days: Mon 7, then Tue 8 is a holiday → Wed 9.
    assert add_working_days(datetime.date(2026, 12, 4), 2) == datetime.date(2026, 12, 9)
    # 10 working days from Monday 21 Dec 2026 cross Christmas, St Stephen, New Year and Epiphany.
    assert add_working_days(datetime.date(2026, 12, 21), 10) == datetime.date(2027, 1, 7)


def test_zero_days_is_the_same_day_or_the_next_working_one():
    assert add_working_days(datetime.date(2026, 12, 4), 0) == datetime.date(2026, 12, 4)
    assert add_working_days(datetime.date(2026, 12, 5), 0) == datetime.date(2026, 12, 7)
