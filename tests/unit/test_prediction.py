"""Predicted completion dates (domain.prediction, services.prediction) on known histories.

Calendar facts the hand-computed dates rely on (checked in test_calendar_facts):
1-23 December 2026 has no holiday; 24 Dec is cuti bersama Natal, 25 Dec Natal,
1 Jan 2027 Tahun Baru and 5 Jan 2027 Isra Mikraj. Times are WIB wall clock,
stored as UTC.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select
from support.prediction import add_issued, add_waiting
from test_applications import PEOPLE, applicant_token
from test_permits import office, submitted, walk

from silek_app.db import session_scope
from silek_app.domain.prediction import (
    BASIS_HISTORY,
    BASIS_NONE,
    BASIS_PAUSED,
    BASIS_SLA,
    BASIS_STEP_SLA,
    MIN_SAMPLES,
    ServiceHistory,
    StepSample,
    build_history,
    nearest_rank,
    predict,
)
from silek_app.domain.sla import WIB, StatusChange, local_date
from silek_app.domain.workcalendar import default_calendar
from silek_app.domain.workflow import load_workflows
from silek_app.models import Application, Service, utcnow
from silek_app.services import (
    application_views,
    officer_file,
    officer_queue,
    tracking,
    tracking_views,
)
from silek_app.services import prediction as service

CAL = default_calendar()
WF = load_workflows()["kesehatan_standar"]
SLA_DUE = dt.date(2026, 12, 31)


def wib(m: int, d: int, hh: int = 10, y: int = 2026) -> dt.datetime:
    return dt.datetime(y, m, d, hh, tzinfo=WIB).astimezone(dt.UTC)


def path(*steps) -> list[StatusChange]:
    """Chain (instant, to_state) into changes, starting from the draft."""
    out, before = [], "DRAFT"
    for at, after in steps:
        out.append(StatusChange(at, before, after))
        before = after
    return out


# An open file that entered VERIFIKASI_TEKNIS on Friday 11 December.
OPEN_IN_TEKNIS = path(
    (wib(12, 9), "DIAJUKAN"), (wib(12, 9, 11), "VERIFIKASI_BERKAS"),
    (wib(12, 11), "VERIFIKASI_TEKNIS"),
)  # fmt: skip


def history_of(samples: list[tuple[int, int]], state: str = "VERIFIKASI_TEKNIS"):
    """A history with one file per (spent, remaining) sample in `state`."""
    steps = tuple(StepSample(i, spent, left) for i, (spent, left) in enumerate(samples))
    return ServiceHistory({state: steps}, len(samples))


def test_calendar_facts():
    for day in range(1, 24):
        d = dt.date(2026, 12, day)
        assert CAL.is_working_day(d) == (d.weekday() < 5), d
    for d in (dt.date(2026, 12, 24), dt.date(2026, 12, 25), dt.date(2027, 1, 1),
              dt.date(2027, 1, 5)):  # fmt: skip
        assert not CAL.is_working_day(d), d


def test_nearest_rank():
    values = list(range(1, 21))
    assert nearest_rank(values, 0.5) == 10 and nearest_rank(values, 0.9) == 18
    assert nearest_rank([7], 0.9) == 7
    with pytest.raises(ValueError):
        nearest_rank([], 0.5)


def test_samples_of_one_issued_file_exclude_the_pause_and_count_working_days():
    """Hand count, pause (2 Dec, 7 Dec] = 3, 4 and 7 Dec = 3 working days.

    Working days in (1 Dec, 28 Dec] = 2-4, 7-11, 14-18, 21-23, 28 = 17 (24-27 off).
    """
    issued = path(
        (wib(12, 1, 9), "DIAJUKAN"), (wib(12, 1, 10), "VERIFIKASI_BERKAS"),
        (wib(12, 2), "PERLU_PERBAIKAN"), (wib(12, 7), "VERIFIKASI_BERKAS"),
        (wib(12, 8), "VERIFIKASI_TEKNIS"), (wib(12, 11), "PERSETUJUAN"),
        (wib(12, 23), "PENANDATANGANAN"), (wib(12, 28), "TERBIT"),
    )  # fmt: skip
    h = build_history(WF, CAL, [issued], dt.date(2026, 12, 28))
    got = {k: [(x.spent, x.remaining) for x in v] for k, v in h.samples.items()}
    assert got == {
        "DIAJUKAN": [(0, 14)],
        "VERIFIKASI_BERKAS": [(1, 14), (1, 13)],  # before and after the send-back
        "VERIFIKASI_TEKNIS": [(3, 12)],
        "PERSETUJUAN": [(8, 9)],
        "PENANDATANGANAN": [(1, 1)],
    }
    assert h.files == 1


def test_files_not_issued_or_outside_the_window_are_left_out():
    issued = path((wib(12, 21), "DIAJUKAN"), (wib(12, 28), "TERBIT"))
    refused = path((wib(12, 21), "DIAJUKAN"), (wib(12, 22), "DITOLAK"))
    open_file = path((wib(12, 21), "DIAJUKAN"), (wib(12, 22), "VERIFIKASI_BERKAS"))
    # 180 days after 28 Dec 2026 is 26 Jun 2027: the last day the file counts.
    assert build_history(WF, CAL, [issued, refused, open_file], dt.date(2027, 6, 26)).files == 1
    assert build_history(WF, CAL, [issued], dt.date(2027, 6, 27)).files == 0
    assert build_history(WF, CAL, [issued], dt.date(2026, 12, 27)).files == 0  # not yet issued


def test_median_and_p90_across_weekends_and_holidays():
    """Remaining 1..20 days, file just arrived: median 10 and p90 18 working days.

    From Thursday 17 Dec: 18, 21, 22, 23, (24-27 off) 28, 29, 30, 31, (1 Jan off),
    4, (5 Jan off) 6 Jan = 10th; 7, 8, 11, 12, 13, 14, 15, 18 Jan = 18th.
    """
    arrived = path((wib(12, 9), "DIAJUKAN"), (wib(12, 17, 9), "VERIFIKASI_TEKNIS"))
    h = history_of([(0, k) for k in range(1, 21)])
    p = predict(WF, CAL, h, arrived, wib(12, 17, 14), SLA_DUE)
    assert (p.median, p.p90) == (dt.date(2027, 1, 6), dt.date(2027, 1, 18))
    assert (p.basis, p.sample_size) == (BASIS_HISTORY, 20)
    assert p.label == "06-01-2027 (paling lambat sekitar 18-01-2027)"
    assert "20 berkas" in p.note and "180 hari" in p.note


def test_time_already_spent_conditions_the_samples():
    """20 quick files (0 days in the step, 3 to go) and 20 slow ones (5 days, 10 to go).

    The open file has spent (11 Dec, 17 Dec] = 14-17 = 4 days in the step, so only
    the slow files are like it: 10 - 4 = 6 days from 17 Dec = 18, 21, 22, 23, 28, 29.
    """
    now = wib(12, 17, 14)
    h = history_of([(0, 3)] * 20 + [(5, 10)] * 20)
    p = predict(WF, CAL, h, OPEN_IN_TEKNIS, now, SLA_DUE)
    assert (p.median, p.p90, p.sample_size) == (dt.date(2026, 12, 29), dt.date(2026, 12, 29), 20)
    assert p.label == "29-12-2026"
    # With one slow file too few, all 39 count: sorted left = 20 x 0, 19 x 6;
    # median rank 20 -> 0 days (today), p90 rank 36 -> 6 days.
    h = history_of([(0, 3)] * 20 + [(5, 10)] * (MIN_SAMPLES - 1))
    p = predict(WF, CAL, h, OPEN_IN_TEKNIS, now, SLA_DUE)
    assert (p.median, p.p90, p.sample_size) == (dt.date(2026, 12, 17), dt.date(2026, 12, 29), 39)


def test_thin_history_falls_back_to_the_sla():
    h = history_of([(0, 3)] * (MIN_SAMPLES - 1))
    p = predict(WF, CAL, h, OPEN_IN_TEKNIS, wib(12, 17), SLA_DUE)
    assert (p.median, p.p90, p.basis) == (SLA_DUE, SLA_DUE, BASIS_SLA)
    assert p.label == "31-12-2026, mengikuti SLA" and "berdasarkan SLA" in p.note
    # Samples of another step do not count for this one.
    other = history_of([(0, 3)] * 30, state="PERSETUJUAN")
    assert predict(WF, CAL, other, OPEN_IN_TEKNIS, wib(12, 17), SLA_DUE).basis == BASIS_SLA


def test_paused_draft_and_finished_files_get_no_date():
    h = history_of([(0, 3)] * 30)
    paused = [*OPEN_IN_TEKNIS, StatusChange(wib(12, 14), "VERIFIKASI_TEKNIS", "PERLU_PERBAIKAN")]
    p = predict(WF, CAL, h, paused, wib(12, 17), SLA_DUE)
    assert (p.median, p.p90, p.basis) == (None, None, BASIS_PAUSED)
    assert p.label == "Menunggu perbaikan pemohon"
    done = [*OPEN_IN_TEKNIS, StatusChange(wib(12, 14), "VERIFIKASI_TEKNIS", "DITOLAK")]
    assert predict(WF, CAL, h, done, wib(12, 17), SLA_DUE).basis == BASIS_NONE
    assert predict(WF, CAL, h, [], wib(12, 17), None).label == "-"  # a draft


# ---------------------------------------------------------------- service and views


@pytest.fixture
def open_file(db):
    """An applicant's SIPB file just submitted (DIAJUKAN): (applicant token, id, user id)."""
    token = applicant_token(0)
    reference = submitted(token)
    with session_scope() as s:
        app = s.exec(select(Application).where(Application.reference_number == reference)).one()
        return token, app.id, app.applicant_id


def history_files(applicant_id: int, n: int, days: int = 4) -> None:
    """n SIPB files issued in the last weeks, each `days` office days after submission."""
    issued_on = local_date(utcnow())
    for _ in range(n):
        issued_on = previous_working_day(issued_on)
        entered_on = issued_on
        for _ in range(days):
            entered_on = previous_working_day(entered_on)
        add_issued("SIPB", applicant_id, wib_at(entered_on), wib_at(issued_on, 14))


def previous_working_day(day: dt.date) -> dt.date:
    day -= dt.timedelta(days=1)
    while not CAL.is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def wib_at(day: dt.date, hh: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh), tzinfo=WIB).astimezone(dt.UTC)


# What components/completion.py shows: the same on every page that shows a file.
COMPLETION = ("due", "predicted", "predicted_note", "predicted_basis", "predicted_late")


def completion_everywhere(token: str, app_id: int) -> list[dict[str, str]]:
    """The completion facts of the detail page, officer page, /lacak and the receipt."""
    header = tracking_views.application_view(app_id)["header"]
    views = [
        header,
        officer_file.file_view(app_id)["header"],
        tracking.track(header["reference"], PEOPLE[0][0][-4:]),
        application_views.receipt(token, header["reference"]),
    ]
    return [{k: v[k] for k in COMPLETION} for v in views]


def test_views_show_the_sla_fallback_without_history(open_file):
    token, app_id, _ = open_file
    header = tracking_views.application_view(app_id)["header"]
    assert header["predicted"] == f"{header['due']}, mengikuti SLA"
    assert (header["predicted_basis"], header["predicted_late"]) == (BASIS_SLA, "")
    first, *others = completion_everywhere(token, app_id)
    assert others == [first] * 3


def test_an_overdue_file_says_lewat_sla_and_predicts_no_past_date(open_file):
    """Submitted 60 days ago and still waiting, no history: the legal date has passed,
    the estimate is ahead."""
    token, _, applicant_id = open_file
    entered = wib_at(local_date(utcnow()) - dt.timedelta(days=60))
    app_id = add_waiting("SIPB", applicant_id, entered, "SLK-20260101-90001")
    today = local_date(utcnow())
    header = tracking_views.application_view(app_id)["header"]
    assert dt.datetime.strptime(header["due"], "%d-%m-%Y").date() < today
    assert header["predicted"].startswith("Lewat batas waktu layanan, perkiraan baru ")
    assert (header["predicted_basis"], header["predicted_late"]) == (BASIS_STEP_SLA, "1")
    assert "melewati batas waktu layanan" in header["predicted_note"]
    assert service.predict_for(app_id).median > today
    first, *others = completion_everywhere(token, app_id)
    assert others == [first] * 3


def test_views_show_the_history_prediction(open_file):
    """Every sample took 4 office days from DIAJUKAN to TERBIT; the file arrived today."""
    token, app_id, applicant_id = open_file
    history_files(applicant_id, MIN_SAMPLES)
    expected = CAL.add_working_days(local_date(utcnow()), 4).strftime("%d-%m-%Y")
    header = tracking_views.application_view(app_id)["header"]
    assert (header["predicted"], header["predicted_basis"]) == (expected, BASIS_HISTORY)
    assert f"{MIN_SAMPLES} berkas" in header["predicted_note"]
    officer = officer_file.file_view(app_id)["header"]
    assert (officer["predicted"], officer["predicted_note"]) == (
        expected,
        header["predicted_note"],
    )
    mine = tracking_views.my_applications(token)
    # The synthetic issued files are this applicant's too: finished, so no prediction.
    assert [r["predicted"] for r in mine] == [expected] + ["-"] * MIN_SAMPLES
    rows = officer_queue.queue(office()["front_office"], "semua")["rows"]
    assert [r["predicted"] for r in rows] == [expected]
    assert service.predict_for(app_id).median.strftime("%d-%m-%Y") == expected
    assert service.predict_for(10**9) is None


def test_history_is_cached_until_a_file_of_the_service_completes(open_file, monkeypatch):
    _, app_id, applicant_id = open_file
    history_files(applicant_id, 3)
    builds = []
    real = service.build_history
    monkeypatch.setattr(service, "build_history", lambda *a: builds.append(1) or real(*a))
    with session_scope() as s:
        sipb = s.exec(select(Service).where(Service.code == "SIPB")).one()
        defn = service.workflow_for(s, sipb)
        first = service.service_history(s, sipb, defn, utcnow())
        again = service.service_history(s, sipb, defn, utcnow())
    assert again is first and first.files == 3 and len(builds) == 1
    history_files(applicant_id, 1)
    with session_scope() as s:  # the stamp is not even read again within its TTL
        assert service.service_history(s, sipb, defn, utcnow()) is first
    monkeypatch.setattr(service, "STAMP_TTL_SECONDS", 0.0)
    with session_scope() as s:
        fresh = service.service_history(s, sipb, defn, utcnow())
    assert fresh.files == 4 and len(builds) == 2
    # A file issued before the window is not even loaded, and changes nothing.
    old = local_date(utcnow()) - dt.timedelta(days=400)
    add_issued("SIPB", applicant_id, wib_at(old - dt.timedelta(days=7)), wib_at(old))
    with session_scope() as s:
        assert service.service_history(s, sipb, defn, utcnow()).files == 4


def test_a_finished_file_shows_no_prediction(open_file):
    _, app_id, _ = open_file
    reference = tracking_views.application_view(app_id)["header"]["reference"]
    walk(office(), reference)
    header = tracking_views.application_view(app_id)["header"]
    assert (header["predicted"], header["predicted_basis"]) == ("", BASIS_NONE)
    assert officer_file.file_view(app_id)["header"]["predicted"] == ""
