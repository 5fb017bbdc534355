"""A late file (past its legal SLA date) is flagged and predicted from today, never in the past.

Calendar facts as in test_prediction.py: 1-23 December 2026 has no holiday,
24 Dec is cuti bersama, 25 Dec Natal; 19-20 and 26-27 Dec are weekends.
The open file entered VERIFIKASI_TEKNIS (SLA 1 day) on Friday 11 December.
"""

from __future__ import annotations

import datetime as dt

from test_prediction import CAL, OPEN_IN_TEKNIS, WF, history_of, path, wib

from silek_app.domain.prediction import (
    BASIS_HISTORY,
    BASIS_PAUSED,
    BASIS_SLA,
    BASIS_STEP_SLA,
    MIN_SAMPLES,
    late_step_days,
    predict,
    route_sla_days,
)
from silek_app.domain.sla import StatusChange, local_date
from silek_app.domain.workflow import load_workflows

DUE = dt.date(2026, 12, 17)  # Thursday
THIN = history_of([(0, 3)] * (MIN_SAMPLES - 1))


def test_route_sla_days_follow_the_longest_forward_route():
    """kesehatan_standar: every office step has an SLA of 1 day.

    From PERSETUJUAN the correction back to VERIFIKASI_TEKNIS and the deemed
    approval shortcut are not forward steps, so only PERSETUJUAN and
    PENANDATANGANAN count (2), not a detour through the field visit.
    """
    got = {s: route_sla_days(WF, s) for s in (
        "DIAJUKAN", "VERIFIKASI_BERKAS", "VERIFIKASI_TEKNIS", "TINJAUAN_LAPANGAN",
        "PERSETUJUAN", "PENANDATANGANAN",
    )}  # fmt: skip
    assert got == {
        "DIAJUKAN": 5, "VERIFIKASI_BERKAS": 5, "VERIFIKASI_TEKNIS": 4, "TINJAUAN_LAPANGAN": 3,
        "PERSETUJUAN": 2, "PENANDATANGANAN": 1,
    }  # fmt: skip
    visit = load_workflows()["fasilitas_kunjungan"]  # 1 + 3 + 5 + 2 + 1 along the field visit
    assert route_sla_days(visit, "VERIFIKASI_BERKAS") == 12
    assert route_sla_days(WF, "HAPUS_DARI_ALUR") == 0


def test_late_step_days_keep_what_is_left_of_the_step_and_at_least_one_day():
    assert late_step_days(WF, "VERIFIKASI_TEKNIS", 0) == 4  # its own day and 3 after it
    assert late_step_days(WF, "VERIFIKASI_TEKNIS", 5) == 3  # its own day is used up
    assert late_step_days(WF, "PENANDATANGANAN", 0) == 1
    assert late_step_days(WF, "PENANDATANGANAN", 4) == 1  # never 0: not "today"
    assert late_step_days(WF, "HAPUS_DARI_ALUR", 2) == 1


def test_on_the_due_date_the_file_is_not_late_yet():
    p = predict(WF, CAL, THIN, OPEN_IN_TEKNIS, wib(12, 17, 16), DUE)
    assert (p.median, p.basis, p.overdue) == (DUE, BASIS_SLA, False)
    assert p.label == "17-12-2026, mengikuti SLA"


def test_the_day_after_the_due_date_thin_history_counts_the_remaining_steps_from_today():
    """Friday 18 Dec, 5 days spent in the step: its own SLA is used up, 3 steps of 1 day
    remain: 21, 22, 23 December."""
    p = predict(WF, CAL, THIN, OPEN_IN_TEKNIS, wib(12, 18), DUE)
    assert (p.median, p.p90, p.basis, p.overdue) == (
        dt.date(2026, 12, 23), dt.date(2026, 12, 23), BASIS_STEP_SLA, True,
    )  # fmt: skip
    assert p.label == "Lewat batas waktu layanan, perkiraan baru 23-12-2026"
    assert "melewati batas waktu layanan" in p.note and "riwayat layanan ini belum cukup" in p.note


def test_late_estimate_skips_weekends_and_holidays():
    # Tuesday 22 Dec + 3 working days: 23, (24 cuti bersama, 25 Natal, weekend) 28, 29.
    p = predict(WF, CAL, THIN, OPEN_IN_TEKNIS, wib(12, 22), DUE)
    assert p.median == dt.date(2026, 12, 29)
    # The last step overrun on Wednesday 23 Dec: at least the next working day, 28 Dec.
    signing = path(
        (wib(12, 9), "DIAJUKAN"), (wib(12, 10), "PERSETUJUAN"), (wib(12, 11), "PENANDATANGANAN"),
    )  # fmt: skip
    p = predict(WF, CAL, THIN, signing, wib(12, 23), DUE)
    assert (p.median, p.overdue) == (dt.date(2026, 12, 28), True)
    # Late on a Saturday, the step entered on Friday (0 working days spent): Monday 21 Dec.
    arrived = path((wib(12, 9), "DIAJUKAN"), (wib(12, 18), "PENANDATANGANAN"))
    assert predict(WF, CAL, THIN, arrived, wib(12, 19), DUE).median == dt.date(2026, 12, 21)


def test_late_with_history_predicts_from_today_and_never_before():
    """Files like this one (5 days in the step) took 10 office days from entering it.

    On Friday 18 Dec: 10 - 5 = 5 days left: 21, 22, 23, 28, 29 December.
    """
    slow = history_of([(6, 10)] * MIN_SAMPLES)
    p = predict(WF, CAL, slow, OPEN_IN_TEKNIS, wib(12, 18), DUE)
    assert (p.median, p.basis, p.overdue) == (dt.date(2026, 12, 29), BASIS_HISTORY, True)
    assert p.label == "Lewat batas waktu layanan, perkiraan baru 29-12-2026"
    assert "melewati batas waktu layanan" in p.note and "berkas yang terbit" in p.note
    # Every file of the history finished sooner than this one has already taken:
    # nothing is left by their measure, and the date is today, not a past day.
    quick = history_of([(0, 3)] * MIN_SAMPLES)
    for now in (wib(12, 18), wib(12, 19), wib(12, 24)):  # Friday, Saturday, cuti bersama
        p = predict(WF, CAL, quick, OPEN_IN_TEKNIS, now, DUE)
        assert p.median >= local_date(now) and p.p90 >= local_date(now), now
        assert p.overdue and p.label.startswith("Lewat batas waktu layanan")
    assert predict(WF, CAL, quick, OPEN_IN_TEKNIS, wib(12, 19), DUE).median == dt.date(2026, 12, 21)


def test_history_on_the_due_date_is_not_flagged():
    quick = history_of([(0, 3)] * MIN_SAMPLES)
    p = predict(WF, CAL, quick, OPEN_IN_TEKNIS, wib(12, 17), DUE)
    assert (p.basis, p.overdue) == (BASIS_HISTORY, False)
    assert not p.label.startswith("Lewat batas waktu layanan")


def test_a_late_file_held_by_the_applicant_waits_for_the_fix():
    paused = [*OPEN_IN_TEKNIS, StatusChange(wib(12, 14), "VERIFIKASI_TEKNIS", "PERLU_PERBAIKAN")]
    p = predict(WF, CAL, THIN, paused, wib(12, 22), DUE)
    assert (p.basis, p.median, p.overdue) == (BASIS_PAUSED, None, False)
