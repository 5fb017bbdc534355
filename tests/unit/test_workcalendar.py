"""Working-day calendar: weekends, national holidays, cuti bersama, deadline arithmetic."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import holidays
import pytest

from silek_app.domain.workcalendar import (
    CUTI_BERSAMA_PATH,
    CutiBersamaError,
    WorkCalendar,
    default_calendar,
    load_cuti_bersama,
)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return default_calendar()


def test_default_calendar_is_cached() -> None:
    assert default_calendar() is default_calendar()


def test_weekend(cal: WorkCalendar) -> None:
    friday = date(2026, 1, 9)
    assert cal.is_working_day(friday)
    assert not cal.is_working_day(date(2026, 1, 10))
    assert not cal.is_working_day(date(2026, 1, 11))
    assert cal.holiday_name(date(2026, 1, 10)) is None  # plain weekend has no name
    assert cal.add_working_days(friday, 1) == date(2026, 1, 12)
    assert cal.next_working_day(friday) == date(2026, 1, 12)
    assert cal.working_days_between(friday, date(2026, 1, 12)) == 1


def test_zero_days(cal: WorkCalendar) -> None:
    assert cal.add_working_days(date(2026, 1, 9), 0) == date(2026, 1, 9)
    assert cal.add_working_days(date(2026, 1, 10), 0) == date(2026, 1, 12)
    with pytest.raises(ValueError, match="tidak boleh negatif"):
        cal.add_working_days(date(2026, 1, 9), -1)


def test_idul_fitri_2026_and_cuti_bersama(cal: WorkCalendar) -> None:
    # holidays gives Idul Fitri 1447 H on Sat 21 and Sun 22 March 2026 (SKB agrees);
    # Nyepi is Thu 19 March; cuti bersama 18, 20, 23, 24 March.
    assert cal.holiday_name(date(2026, 3, 21)) == "Hari Raya Idul Fitri"
    assert cal.holiday_name(date(2026, 3, 19)) == "Hari Suci Nyepi"
    for day in (18, 20, 23, 24):
        name = cal.holiday_name(date(2026, 3, day))
        assert name is not None and name.startswith("Cuti Bersama"), day
        assert not cal.is_working_day(date(2026, 3, day))
    assert cal.add_working_days(date(2026, 3, 17), 1) == date(2026, 3, 25)
    assert cal.add_working_days(date(2026, 3, 16), 3) == date(2026, 3, 26)
    assert cal.working_days_between(date(2026, 3, 13), date(2026, 3, 31)) == 7


def test_year_end_2026(cal: WorkCalendar) -> None:
    # 24 Dec cuti bersama (Thu), 25 Dec Christmas (Fri), weekend, then work resumes.
    assert not cal.is_working_day(date(2026, 12, 24))
    assert not cal.is_working_day(date(2026, 12, 25))
    assert cal.add_working_days(date(2026, 12, 23), 1) == date(2026, 12, 28)
    assert cal.add_working_days(date(2026, 12, 24), 3) == date(2026, 12, 30)
    # 31 Dec works; 1 Jan 2027 (Fri) is New Year; 2-3 Jan weekend.
    assert cal.add_working_days(date(2026, 12, 24), 5) == date(2027, 1, 4)
    assert cal.holiday_name(date(2027, 1, 1)) == "Tahun Baru Masehi"


def test_independence_day(cal: WorkCalendar) -> None:
    assert cal.holiday_name(date(2026, 8, 17)) == "Hari Kemerdekaan Republik Indonesia"
    assert cal.add_working_days(date(2026, 8, 14), 1) == date(2026, 8, 18)
    # 2025: 17 Aug is a Sunday and Monday 18 Aug was declared cuti bersama.
    assert cal.add_working_days(date(2025, 8, 15), 1) == date(2025, 8, 19)


def test_holiday_on_weekend_keeps_its_name(cal: WorkCalendar) -> None:
    assert cal.holiday_name(date(2025, 8, 17)) == "Hari Kemerdekaan Republik Indonesia"


def test_between_is_zero_for_non_positive_ranges(cal: WorkCalendar) -> None:
    assert cal.working_days_between(date(2026, 5, 5), date(2026, 5, 5)) == 0
    assert cal.working_days_between(date(2026, 5, 6), date(2026, 5, 5)) == 0


def test_between_and_add_are_inverse(cal: WorkCalendar) -> None:
    start = date(2025, 12, 1)
    for offset in range(0, 430, 3):
        s = start + timedelta(days=offset)
        if not cal.is_working_day(s):
            continue
        for n in (0, 1, 2, 5, 10, 14, 30):
            end = cal.add_working_days(s, n)
            assert cal.is_working_day(end)
            assert cal.working_days_between(s, end) == n, (s, n)
            if n:
                assert cal.working_days_between(s, end - timedelta(days=1)) == n - 1


def test_extra_holidays() -> None:
    local = WorkCalendar(extra_holidays={date(2026, 6, 2): "Libur Daerah"})
    assert local.holiday_name(date(2026, 6, 2)) == "Libur Daerah"
    assert local.add_working_days(date(2026, 5, 29), 1) == date(2026, 6, 3)  # 1 Jun Pancasila
    with pytest.raises(ValueError):
        WorkCalendar(extra_holidays={date(2026, 6, 2): "  "})


def test_shipped_file_covers_package_cuti_bersama() -> None:
    # The JSON is the source of truth, but it must not miss a day that the
    # holidays package (which tracks the SKB) already knows about.
    shipped = load_cuti_bersama()
    years = sorted({d.year for d in shipped})
    assert years == [2025, 2026, 2027]
    package = holidays.country_holidays("ID", years=years, categories=("government",))
    assert set(package) <= set(shipped)
    assert len([d for d in shipped if d.year == 2026]) == 8


def _write(tmp_path: Path, content: object) -> Path:
    path = tmp_path / "cuti.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{not json", "bukan JSON"),
        ([], "kunci tahun"),
        ({"2026": {"date": "2026-12-24"}}, "harus berupa daftar"),
        ({"dua ribu": []}, "bukan tahun"),
        ({"2026": [{"date": "2026-13-01", "name": "X"}]}, "tidak valid"),
        ({"2026": [{"date": "24-12-2026", "name": "X"}]}, "tidak valid"),
        ({"2026": [{"date": "20261224", "name": "X"}]}, "tidak valid"),
        ({"2026": [{"date": "2027-01-02", "name": "X"}]}, "bukan tahun 2026"),
        ({"2026": [{"date": "2026-12-24", "name": " "}]}, "wajib diisi"),
        ({"2026": [{"date": "2026-12-24"}]}, "wajib diisi"),
        ({"2026": ["2026-12-24"]}, "berupa objek"),
        (
            {"2026": [{"date": "2026-12-24", "name": "A"}, {"date": "2026-12-24", "name": "B"}]},
            "lebih dari sekali",
        ),
    ],
)
def test_invalid_cuti_file_raises(tmp_path: Path, content: object, fragment: str) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(CutiBersamaError, match=fragment):
        WorkCalendar(cuti_bersama_path=path)


def test_missing_cuti_file_raises(tmp_path: Path) -> None:
    with pytest.raises(CutiBersamaError, match="tidak ditemukan"):
        load_cuti_bersama(tmp_path / "tidak-ada.json")


def test_custom_cuti_file_and_notes_ignored(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        {
            "_catatan": "diabaikan",
            "2030": [{"date": "2030-01-02", "name": "Cuti Uji", "_catatan": "contoh"}],
        },
    )
    cal = WorkCalendar(cuti_bersama_path=path)
    assert cal.holiday_name(date(2030, 1, 2)) == "Cuti Uji"
    assert cal.cuti_bersama() == {date(2030, 1, 2): "Cuti Uji"}
    assert CUTI_BERSAMA_PATH.exists()
