"""Pure analytics figures (domain/metrics.py) on small hand-made frames."""

import datetime as dt
import random
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

from silek_app.domain import metrics, skm, skm_figures
from silek_app.domain.workcalendar import default_calendar
from silek_app.domain.workflow import load_workflows

FLOW = load_workflows()["kesehatan_standar"]
CATALOG = {
    "SIPB": metrics.ServiceMeta("SIPB", "SIP Bidan", "TK", 5, FLOW),
    "SIPD": metrics.ServiceMeta("SIPD", "SIP Dokter", "TK", 5, FLOW),
}
NAMES = {code: meta.name for code, meta in CATALOG.items()}
UTC = dt.UTC
UNITS = [f"u{i}" for i in range(1, 10)]


def at(day: str, hour: int = 3) -> pd.Timestamp:
    """A UTC instant; 03:00 UTC is 10:00 WIB on the same date."""
    return pd.Timestamp(f"{day} {hour:02d}:00", tz="UTC")


def bdc():
    return metrics.busday_calendar(default_calendar(), dt.date(2025, 1, 1), dt.date(2027, 12, 31))


def apps_frame(rows):
    cols = ["id", "service", "status", "kelurahan", "submitted_at", "completed_at"]
    frame = pd.DataFrame(rows, columns=cols)
    for col in ("submitted_at", "completed_at"):
        frame[col] = pd.to_datetime(frame[col], utc=True)
    return frame


def events_frame(rows):
    cols = ["application_id", "actor_id", "actor_role", "to_status", "created_at"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    return frame


def answers(n: int, total: int, service: str = "SIPB") -> pd.DataFrame:
    """n complete responses whose 9n answers sum to `total` (spread as evenly as possible)."""
    cells = 9 * n
    base, extra = divmod(total, cells)
    flat = [base + (1 if i < extra else 0) for i in range(cells)]
    assert all(1 <= v <= 4 for v in flat)
    frame = pd.DataFrame(np.array(flat).reshape(n, 9), columns=UNITS)
    frame["service"] = service
    frame["created_at"] = at("2026-06-01")
    return frame


# ---------------------------------------------------------------- IKM


def test_ikm_hand_computed_example():
    rows = [[4, 4, 4, 3, 4, 4, 4, 3, 4], [3, 3, 3, 3, 3, 3, 3, 3, 3]]
    frame = pd.DataFrame(rows, columns=UNITS).assign(service="SIPB", created_at=at("2026-06-01"))
    fig = skm_figures.ikm_figures(frame, NAMES)
    # Sum of all answers 61 over 2 respondents: 25 x 61 / 18 = 84.7222.. -> 84.72, B.
    assert fig["keseluruhan"] == {"ikm": 84.72, "mutu": "B", "kinerja": "Baik", "responden": 2}
    assert fig["keseluruhan"]["ikm"] == skm.ikm(rows).ikm
    unsur = {u["kode"]: u for u in fig["per_unsur"]}
    assert unsur["U1"]["nrr"] == 3.5 and unsur["U1"]["nilai"] == 87.5 and unsur["U1"]["mutu"] == "B"
    assert unsur["U4"]["nilai"] == 75.0 and unsur["U4"]["mutu"] == "C"
    assert fig["per_layanan"][0]["layanan"] == "SIPB" and fig["per_layanan"][0]["ikm"] == 84.72
    assert fig["periode"] == {"dari": "2026-06-01", "sampai": "2026-06-01"}


@pytest.mark.parametrize(
    ("n", "total", "value", "grade"),
    [
        (24, 763, 88.31, "A"),  # 25 x 763 / 216 = 88.3101..
        (19, 604, 88.30, "B"),  # 88.3040..
        (19, 524, 76.61, "B"),  # 76.6081..
        (26, 717, 76.60, "C"),  # 76.6025..
        (5, 117, 65.00, "C"),  # exactly 65
        (38, 889, 64.99, "D"),  # 64.9853..
    ],
)
def test_ikm_grade_boundaries(n, total, value, grade):
    assert float(skm.round_half_up(Fraction(25 * total, 9 * n))) == value
    fig = skm_figures.ikm_figures(answers(n, total), NAMES)
    assert fig["keseluruhan"]["ikm"] == value
    assert fig["keseluruhan"]["mutu"] == grade
    assert fig["keseluruhan"]["responden"] == n


def test_ikm_per_service_is_separate():
    frame = pd.concat([answers(5, 117, "SIPB"), answers(24, 763, "SIPD")], ignore_index=True)
    per = {r["layanan"]: r for r in skm_figures.ikm_figures(frame, NAMES)["per_layanan"]}
    assert per["SIPB"]["mutu"] == "C" and per["SIPD"]["mutu"] == "A"
    assert per["SIPB"]["responden"] == 5 and per["SIPD"]["responden"] == 24


# ---------------------------------------------------------------- working days


def test_working_days_skip_weekends_holidays_and_cuti_bersama():
    cal = bdc()
    start = np.array(["2026-01-09", "2026-03-16", "2026-12-23", "2026-01-12", "2026-01-12"],
                     dtype="datetime64[D]")  # fmt: skip
    end = np.array(["2026-01-12", "2026-03-27", "2026-12-28", "2026-01-12", "2026-01-09"],
                   dtype="datetime64[D]")  # fmt: skip
    # Fri -> Mon: 1. Mid-March 2026: 18 cuti, 19 Nyepi, 20 cuti, weekend, 23-24 cuti -> 17,25,26,27.
    # 23 Dec -> 28 Dec: 24 cuti bersama, 25 Natal, weekend -> only Monday 28.
    assert metrics.working_days(start, end, cal).tolist() == [1, 4, 1, 0, 0]


def test_working_days_match_the_calendar_rules_exactly():
    cal, work = bdc(), default_calendar()
    rng = random.Random(5)
    pairs = []
    for _ in range(300):
        a = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(900))
        pairs.append((a, a + dt.timedelta(days=rng.randrange(-5, 60))))
    starts = np.array([p[0] for p in pairs], dtype="datetime64[D]")
    ends = np.array([p[1] for p in pairs], dtype="datetime64[D]")
    got = metrics.working_days(starts, ends, cal)
    assert got.tolist() == [work.working_days_between(a, b) for a, b in pairs]


def test_wib_dates_and_missing_dates():
    days = metrics.wib_dates(pd.Series([at("2026-01-08", 17), at("2026-01-08", 16), pd.NaT]))
    assert str(days[0]) == "2026-01-09" and str(days[1]) == "2026-01-08" and np.isnat(days[2])
    assert metrics.working_days(days[:1], days[2:], bdc()).tolist() == [-1]


# ---------------------------------------------------------------- flow figures


def sample():
    """Three files: issued over a weekend, issued after a revision round, still open."""
    apps = apps_frame([
        (1, "SIPB", "TERBIT", "13.72.01.1001", at("2026-01-09"), at("2026-01-14")),
        (2, "SIPB", "TERBIT", "13.72.02.1003", at("2026-01-05"), at("2026-01-30")),
        (3, "SIPD", "VERIFIKASI_TEKNIS", "LUAR", at("2026-01-05"), None),
        (4, "SIPD", "DRAFT", "", None, None),
    ])  # fmt: skip
    events = events_frame([
        (1, 10, "pemohon", "DIAJUKAN", at("2026-01-09")),
        (1, 20, "front_office", "VERIFIKASI_BERKAS", at("2026-01-09", 4)),
        (1, 20, "front_office", "VERIFIKASI_TEKNIS", at("2026-01-12")),
        (1, 30, "tim_teknis", "PERSETUJUAN", at("2026-01-13")),
        (1, 40, "back_office", "PENANDATANGANAN", at("2026-01-13", 5)),
        (1, 50, "kepala_dinas", "TERBIT", at("2026-01-14")),
        (2, 11, "pemohon", "DIAJUKAN", at("2026-01-05")),
        (2, 20, "front_office", "VERIFIKASI_BERKAS", at("2026-01-05", 4)),
        (2, 20, "front_office", "PERLU_PERBAIKAN", at("2026-01-06")),
        (2, 11, "pemohon", "VERIFIKASI_BERKAS", at("2026-01-26")),
        (2, 20, "front_office", "VERIFIKASI_TEKNIS", at("2026-01-27")),
        (2, 30, "tim_teknis", "PERSETUJUAN", at("2026-01-28")),
        (2, 40, "back_office", "PENANDATANGANAN", at("2026-01-29")),
        (2, 50, "kepala_dinas", "TERBIT", at("2026-01-30")),
        (3, 12, "pemohon", "DIAJUKAN", at("2026-01-05")),
        (3, 20, "front_office", "VERIFIKASI_BERKAS", at("2026-01-05", 4)),
        (3, 20, "front_office", "VERIFIKASI_TEKNIS", at("2026-01-06")),
    ])  # fmt: skip
    return apps, events


def figures(now=at("2026-01-16")):
    apps, events = sample()
    cal = bdc()
    states = metrics.state_table(CATALOG)
    stay = metrics.stays(events, {3, 4}, now.to_pydatetime(), cal)
    paused = metrics.paused_days(stay, states, apps)
    wait = metrics.wait_times(apps, paused, CATALOG, "TERBIT", cal)
    return apps, events, states, stay, paused, wait, cal


def test_wait_time_excludes_weekends_and_the_applicants_pause():
    _, _, _, _, paused, wait, _ = figures()
    # File 1: Fri 9 -> Wed 14 Jan = 3 working days (Mon, Tue, Wed).
    # File 2: Mon 5 -> Fri 30 = 18 working days (Fri 16 Jan 2026 is Isra Mikraj);
    # paused Tue 6 -> Mon 26 = 13 of them -> 5.
    assert paused.to_dict() == {1: 0, 2: 13, 3: 0, 4: 0}
    assert dict(zip(wait["id"], wait["days"], strict=True)) == {1: 3, 2: 5}
    fig = metrics.wait_figures(wait, CATALOG)
    assert fig["terbit"] == 2 and fig["median_hari"] == 4.0 and fig["persen_tepat_waktu"] == 100.0
    assert sum(fig["histogram"]["counts"]) == 2
    row = fig["per_layanan"][0]
    assert row["layanan"] == "SIPB" and row["sla_hari"] == 5 and row["p90_hari"] == 4.8


def test_sla_compliance_per_service_counts_late_files():
    apps, events = sample()
    apps.loc[apps["id"] == 1, "completed_at"] = at("2026-01-23")  # 8 working days > SLA 5
    cal, states = bdc(), metrics.state_table(CATALOG)
    stay = metrics.stays(events, {3, 4}, at("2026-01-16").to_pydatetime(), cal)
    wait = metrics.wait_times(apps, metrics.paused_days(stay, states, apps), CATALOG, "TERBIT", cal)
    fig = metrics.wait_figures(wait, CATALOG)
    assert fig["persen_tepat_waktu"] == 50.0
    assert fig["per_layanan"][0]["tepat_waktu"] == 1


def test_step_figures_show_time_in_state_and_step_sla():
    apps, _, states, stay, *_ = figures()
    steps = {s["status"]: s for s in metrics.step_figures(stay, apps, states)}
    assert "DIAJUKAN" in steps and "TERBIT" not in steps
    # VERIFIKASI_TEKNIS: file 1 Mon 12 -> Tue 13 (1 day), file 2 Tue 27 -> Wed 28 (1 day);
    # the open stay of file 3 is not counted.
    assert steps["VERIFIKASI_TEKNIS"]["singgah"] == 2
    assert steps["VERIFIKASI_TEKNIS"]["persen_tepat_waktu"] == 100.0
    # VERIFIKASI_BERKAS of file 1 lasted Fri -> Mon = 1 working day; SLA 1.
    assert steps["VERIFIKASI_BERKAS"]["sla_hari"] == 1
    assert steps["PERLU_PERBAIKAN"]["sla_hari"] is None
    assert steps["PERLU_PERBAIKAN"]["median_hari"] == 13.0
    assert metrics.step_figures(stay.iloc[0:0], apps, states) == []


def test_rework_rate_and_rounds():
    apps, events, states, *_ = figures()
    fig = metrics.rework(events, apps, states)
    assert fig["berkas"] == 3 and fig["dikembalikan"] == 1
    assert fig["persen_dikembalikan"] == pytest.approx(33.3)
    assert fig["putaran"] == [{"putaran": 0, "berkas": 2}, {"putaran": 1, "berkas": 1}]


def test_backlog_ageing_and_desk():
    apps, _, states, _, paused, _, cal = figures()
    fig = metrics.backlog(apps, paused, states, CATALOG, dt.date(2026, 1, 16), cal)
    # File 3: submitted Mon 5 Jan, today Fri 16 Jan (a holiday) -> 8 working days.
    assert fig["terbuka"] == 1 and fig["lewat_sla"] == 1
    buckets = {b["kelompok"]: b["berkas"] for b in fig["umur"]}
    assert buckets["6–10 hari kerja"] == 1 and sum(buckets.values()) == 1
    assert fig["per_status"] == [{"status": "VERIFIKASI_TEKNIS", "berkas": 1}]
    assert fig["per_meja"] == [{"peran": "tim_teknis", "berkas": 1}]


def test_workload_volume_and_areas():
    apps, events, *_ = figures()
    rows = {r["petugas_id"]: r for r in metrics.workload(events, {"front_office", "tim_teknis"})}
    assert set(rows) == {20, 30}
    assert rows[20]["aksi"] == 7 and rows[20]["berkas"] == 3 and rows[30]["aksi"] == 2
    vol = metrics.volume(apps, CATALOG, "M")
    assert vol["periods"] == ["2026-01"]
    assert {r["layanan"]: r["jumlah"] for r in vol["per_service"]} == {"SIPB": 2, "SIPD": 1}
    assert metrics.volume(apps, CATALOG, "W")["periods"] == ["2026-W02"]
    area = metrics.areas(apps)
    assert area["luar_kota"] == 1 and area["tidak_diketahui"] == 0
    kec = {k["kode"]: k["berkas"] for k in area["per_kecamatan"]}
    assert kec == {"13.72.01": 1, "13.72.02": 1}


def test_empty_frames_give_empty_figures():
    apps, events = apps_frame([]), events_frame([])
    cal, states = bdc(), metrics.state_table(CATALOG)
    stay = metrics.stays(events, set(), at("2026-01-16").to_pydatetime(), cal)
    paused = metrics.paused_days(stay, states, apps)
    wait = metrics.wait_times(apps, paused, CATALOG, "TERBIT", cal)
    assert metrics.wait_figures(wait, CATALOG)["median_hari"] is None
    assert metrics.step_figures(stay, apps, states) == []
    assert metrics.rework(events, apps, states)["persen_dikembalikan"] is None
    assert metrics.backlog(apps, paused, states, CATALOG, dt.date(2026, 1, 16), cal)["terbuka"] == 0
    assert metrics.workload(events, {"front_office"}) == []
    assert metrics.volume(apps, CATALOG)["rows"] == []
    skm_empty = pd.DataFrame(columns=["service", "created_at", *UNITS])
    assert skm_figures.ikm_figures(skm_empty, NAMES)["keseluruhan"] is None
    assert metrics.areas(apps)["luar_kota"] == 0
