"""The officers' queue (services.officer_queue, domain.queue_urgency).

Time is frozen on Monday 7 to Monday 14 December 2026, a stretch without
holidays, so working days are easy to count by hand.
"""

import copy
import datetime as dt
import json

import pytest
from sqlmodel import func, select
from test_applications import OFFICER_PASSWORD, PEOPLE, applicant_token
from test_permits import office, submitted

from silek_app.db import session_scope
from silek_app.domain.queue_urgency import urgency
from silek_app.domain.workcalendar import default_calendar
from silek_app.domain.workflow import load_workflows, workflow_from_dict
from silek_app.models import Application, AuthEvent, Service, WorkflowDefinitionRow
from silek_app.services import accounts, officer_actions, officer_queue, users
from silek_app.services.errors import AuthRequired, NotFound, PermissionDenied, ServiceError

FAR = dt.date(2026, 12, 31)


def at(day: int, hour: int = 3) -> dt.datetime:
    """An instant in December 2026, in UTC (03:00 UTC is 10:00 WIB, same day)."""
    return dt.datetime(2026, 12, day, hour, tzinfo=dt.UTC)


def freeze(monkeypatch, when: dt.datetime) -> None:
    monkeypatch.setattr(officer_queue, "utc_now", lambda: when)


def put(reference: str, **values) -> None:
    with session_scope(write=True) as s:
        app = s.exec(select(Application).where(Application.reference_number == reference)).one()
        for key, value in values.items():
            setattr(app, key, value)
        s.add(app)


def row_of(reference: str) -> Application:
    with session_scope() as s:
        return s.exec(select(Application).where(Application.reference_number == reference)).one()


def refs(result: dict) -> list[str]:
    return [r["reference"] for r in result["rows"]]


def colleague(role: str = "front_office", name: str = "Sari Kolega") -> str:
    email = f"kolega.{role.replace('_', '.')}@dpmptsp.solokkota.go.id"
    users.create_user(email, name, role, OFFICER_PASSWORD)
    return accounts.login(email, OFFICER_PASSWORD)


def set_state_sla(state: str, days: int) -> None:
    """Edit the SIPB workflow's SLA for one state (definitions are read per request)."""
    with session_scope(write=True) as s:
        code = s.exec(select(Service.workflow_code).where(Service.code == "SIPB")).one()
        row = s.exec(select(WorkflowDefinitionRow).where(WorkflowDefinitionRow.code == code)).one()
        data = copy.deepcopy(row.definition)
        for st in data["states"]:
            if st["code"] == state:
                st["sla_days"] = days
        row.definition = data
        s.add(row)


@pytest.fixture
def desk(db, monkeypatch):
    """Three files: A with tim teknis, B just arrived at the front office, C sent back.

    Now is Thursday 10 December; A entered its 1-day step on Monday (3 days used,
    overdue), B arrived today (0-day step: near due), C has been with the
    applicant since Monday (paused: neither near due nor overdue).
    """
    tokens = office()
    a = submitted(applicant_token(0), n=0)
    b = submitted(applicant_token(1), n=1)
    c = submitted(applicant_token(2), n=2)
    fo = tokens["front_office"]
    officer_actions.act(fo, a, "TERIMA_BERKAS")
    officer_actions.act(fo, a, "TERUSKAN_VERIFIKASI_TEKNIS")
    officer_actions.act(fo, c, "TERIMA_BERKAS")
    officer_actions.act(
        fo, c, "KEMBALIKAN", note="KTP buram, mohon unggah ulang.",
        flags=[{"kind": "document", "target": "KTP", "note": "Foto KTP buram."}],
    )  # fmt: skip
    put(a, state_entered_at=at(7), sla_due_date=FAR)
    put(b, state_entered_at=at(10, 1), sla_due_date=FAR)
    put(c, state_entered_at=at(7), sla_due_date=FAR)
    freeze(monkeypatch, at(10, 5))
    return {"a": a, "b": b, "c": c, "tokens": tokens}


# ---------------------------------------------------------------- tabs and the clock


def test_tabs_follow_the_desk_and_the_clock(desk):
    fo, teknis = desk["tokens"]["front_office"], desk["tokens"]["tim_teknis"]
    a, b, c = desk["a"], desk["b"], desk["c"]

    mine = officer_queue.queue(fo, "meja")
    assert refs(mine) == [b]
    assert mine["counts"] == {"meja": 1, "semua": 3, "hampir": 1, "terlambat": 1}
    # Most urgent first; the file the applicant holds has no running clock, so last.
    assert refs(officer_queue.queue(fo, "semua")) == [a, b, c]
    assert refs(officer_queue.queue(fo, "hampir")) == [b]
    assert refs(officer_queue.queue(fo, "terlambat")) == [a]
    assert refs(officer_queue.queue(teknis, "meja")) == [a]

    rows = {r["reference"]: r for r in officer_queue.queue(fo, "semua")["rows"]}
    assert rows[a]["remaining"] == "Tahap ini: terlambat 2 hari kerja"
    assert rows[a]["sla_used"] == "300%"
    assert rows[a]["level"] == "terlambat"
    assert rows[a]["holder"] == "Tim Teknis Dinas Kesehatan"
    assert rows[a]["in_state"].startswith("3 hari kerja")
    assert rows[b]["remaining"] == "Tahap ini: batas hari ini"
    assert rows[c]["remaining"] == "Dijeda, menunggu pemohon"
    assert rows[c]["sla_used"] == "-"
    assert rows[b]["link"] == f"/petugas/permohonan/{b}"


def test_a_paused_file_is_never_near_due_or_overdue(desk):
    fo = desk["tokens"]["front_office"]
    put(desk["c"], sla_due_date=dt.date(2026, 12, 1))  # long past, but the applicant holds it
    assert desk["c"] not in refs(officer_queue.queue(fo, "terlambat"))
    assert desk["c"] not in refs(officer_queue.queue(fo, "hampir"))


def test_a_passed_due_date_makes_a_file_overdue(desk):
    fo, b = desk["tokens"]["front_office"], desk["b"]
    put(b, sla_due_date=dt.date(2026, 12, 8))  # the step itself is fresh
    overdue = officer_queue.queue(fo, "terlambat")
    assert b in refs(overdue)
    row = next(r for r in overdue["rows"] if r["reference"] == b)
    # 9 and 10 December, against the service's deadline: the step itself is not late.
    assert row["remaining"] == "Batas waktu layanan: terlambat 2 hari kerja"
    assert b not in refs(officer_queue.queue(fo, "hampir"))


@pytest.mark.parametrize(
    ("now", "near", "overdue", "used", "label"),
    [
        (at(9), False, False, "50%", "Tahap ini: sisa 2 hari kerja"),
        (at(10), True, False, "75%", "Tahap ini: sisa 1 hari kerja"),  # exactly 75 %
        (at(11), True, False, "100%", "Tahap ini: batas hari ini"),
        (at(14), False, True, "125%", "Tahap ini: terlambat 1 hari kerja"),
    ],
)
def test_near_due_starts_at_exactly_75_percent(desk, monkeypatch, now, near, overdue, used, label):
    fo, b = desk["tokens"]["front_office"], desk["b"]
    set_state_sla("DIAJUKAN", 4)
    put(b, state_entered_at=at(7))
    freeze(monkeypatch, now)
    row = next(r for r in officer_queue.queue(fo, "semua")["rows"] if r["reference"] == b)
    assert (row["sla_used"], row["remaining"]) == (used, label)
    assert (b in refs(officer_queue.queue(fo, "hampir"))) is near
    assert (b in refs(officer_queue.queue(fo, "terlambat"))) is overdue


def test_urgency_threshold_in_the_domain():
    data = load_workflows()["kesehatan_standar"].to_dict()
    for st in data["states"]:
        if st["code"] == "VERIFIKASI_BERKAS":
            st["sla_days"] = 4
    defn = workflow_from_dict(data)
    cal = default_calendar()
    three = urgency(defn, cal, "VERIFIKASI_BERKAS", at(7), None, at(10))
    two = urgency(defn, cal, "VERIFIKASI_BERKAS", at(7), None, at(9))
    assert (three.percent_used, three.near_due, three.overdue) == (75, True, False)
    assert (two.percent_used, two.near_due) == (50, False)
    paused = urgency(defn, cal, "PERLU_PERBAIKAN", at(1), dt.date(2026, 12, 2), at(14))
    assert (paused.paused, paused.near_due, paused.overdue) == (True, False, False)


# ---------------------------------------------------------------- search, masking, paging


def test_search_by_reference_name_or_nik(desk):
    fo, a, b, c = desk["tokens"]["front_office"], desk["a"], desk["b"], desk["c"]
    budi_nik = PEOPLE[1][0]  # 1372011203850001

    assert refs(officer_queue.queue(fo, "semua", a)) == [a]
    assert refs(officer_queue.queue(fo, "semua", a[-3:].lower())) == [a]
    assert refs(officer_queue.queue(fo, "semua", "  budi   SANTOSO ")) == [b]
    assert refs(officer_queue.queue(fo, "semua", budi_nik)) == [b]
    assert refs(officer_queue.queue(fo, "semua", "1203 85")) == [b]  # partial, typed in groups
    assert sorted(refs(officer_queue.queue(fo, "semua", "1372"))) == sorted([a, b, c])
    assert refs(officer_queue.queue(fo, "semua", "%")) == []  # a wildcard is just a character
    found = officer_queue.queue(fo, "semua", "budi")
    assert found["counts"] == {"meja": 1, "semua": 1, "hampir": 1, "terlambat": 0}


def test_the_full_nik_never_leaves_the_service(desk):
    fo = desk["tokens"]["front_office"]
    result = officer_queue.queue(fo, "semua", "1372")
    text = json.dumps(result)
    for nik, *_ in PEOPLE:
        assert nik not in text
    assert {r["nik"] for r in result["rows"]} == {
        "1372********0002",
        "1372********0001",
        "1372********0003",
    }


def test_server_side_paging_of_twenty(desk):
    fo = desk["tokens"]["front_office"]
    template = row_of(desk["b"])
    with session_scope(write=True) as s:
        for i in range(22):  # 22 more files at the front office desk
            s.add(
                Application(
                    reference_number=f"SLK-20261210-{100 + i:05d}",
                    applicant_id=template.applicant_id, service_id=template.service_id,
                    jenis=template.jenis, status="DIAJUKAN", submitted_at=at(10, 1),
                    state_entered_at=at(10, 1), sla_due_date=FAR, form_data={},
                )
            )  # fmt: skip
    first = officer_queue.queue(fo, "meja", "", 1)
    second = officer_queue.queue(fo, "meja", "", 2)
    assert (first["total"], first["pages"], len(first["rows"])) == (23, 2, 20)
    assert (second["page"], len(second["rows"])) == (2, 3)
    assert not set(refs(first)) & set(refs(second))
    assert officer_queue.queue(fo, "meja", "", 99)["page"] == 2  # clamped
    assert officer_queue.queue(fo, "meja", "", -5)["page"] == 1


def test_unknown_tab_is_refused(desk):
    with pytest.raises(ServiceError, match="Tab antrean tidak dikenal"):
        officer_queue.queue(desk["tokens"]["front_office"], "rahasia")


# ---------------------------------------------------------------- claims


def audit(event: str) -> list[str]:
    with session_scope() as s:
        return list(s.exec(select(AuthEvent.detail).where(AuthEvent.event == event)).all())


def test_claim_and_release_rules(desk):
    fo, kadis = desk["tokens"]["front_office"], desk["tokens"]["kepala_dinas"]
    teknis, b = desk["tokens"]["tim_teknis"], desk["b"]
    other = colleague()
    before = row_of(b).updated_at

    officer_queue.claim(fo, b)
    assert row_of(b).claimed_by_id is not None
    assert row_of(b).updated_at > before  # live views notice
    officer_queue.claim(fo, b)  # already mine: fine, nothing new
    assert audit("klaim_berkas") == [b]

    with pytest.raises(ServiceError, match="sedang ditangani oleh Andi Petugas"):
        officer_queue.claim(other, b)
    with pytest.raises(ServiceError, match="tidak ditangani oleh peran Anda"):
        officer_queue.claim(teknis, b)
    with pytest.raises(ServiceError, match="milik Andi Petugas"):
        officer_queue.release(other, b)

    rows = {r["reference"]: r for r in officer_queue.queue(other, "semua")["rows"]}
    seen_by_other = (rows[b]["claimed_by"], rows[b]["mine"], rows[b]["can_claim"])
    assert seen_by_other == ("Andi Petugas", "", "")
    rows = {r["reference"]: r for r in officer_queue.queue(fo, "semua")["rows"]}
    assert (rows[b]["mine"], rows[b]["can_release"]) == ("1", "1")

    officer_queue.release(kadis, b)  # the claimer is absent: the head of office frees it
    assert row_of(b).claimed_by_id is None
    assert audit("lepas_berkas") == [f"{b} (klaim milik Andi Petugas)"]
    with pytest.raises(ServiceError, match="tidak diklaim siapa pun"):
        officer_queue.release(fo, b)

    officer_queue.claim(other, b)
    officer_queue.release(other, b)
    assert row_of(b).claimed_by_id is None


def test_claims_only_on_open_files_the_role_can_act_on(desk):
    fo, c = desk["tokens"]["front_office"], desk["c"]
    with pytest.raises(ServiceError, match="tidak ditangani oleh peran Anda"):
        officer_queue.claim(fo, c)  # the applicant holds it
    officer_actions.act(fo, desk["b"], "TERIMA_BERKAS")
    officer_actions.act(fo, desk["b"], "TOLAK", note="Berkas tidak memenuhi syarat.")
    with pytest.raises(ServiceError, match="tidak sedang diproses"):
        officer_queue.claim(fo, desk["b"])
    with pytest.raises(NotFound):
        officer_queue.claim(fo, "SLK-20991231-99999")
    with pytest.raises(NotFound):
        officer_queue.claim(fo, "'; DROP TABLE application; --")
    assert audit("klaim_berkas") == []


def test_a_state_change_clears_the_claim(desk):
    fo, b = desk["tokens"]["front_office"], desk["b"]
    officer_queue.claim(fo, b)
    officer_actions.act(fo, b, "TERIMA_BERKAS")
    app = row_of(b)
    assert (app.claimed_by_id, app.claimed_at) == (None, None)


def test_the_stamp_moves_on_claims_and_arrivals(desk):
    first = officer_queue.queue_stamp()
    officer_queue.claim(desk["tokens"]["front_office"], desk["b"])
    second = officer_queue.queue_stamp()
    assert second != first
    assert officer_queue.queue_stamp() == second  # nothing happened: no reload


# ---------------------------------------------------------------- who may see it


@pytest.mark.parametrize("who", ["applicant", "pimpinan", "admin", "anonymous", "bogus"])
def test_only_officers_see_or_claim(desk, who):
    token = {
        "applicant": lambda: accounts.login(PEOPLE[1][2], "pucuk-rebung-bapucuak"),
        "pimpinan": lambda: desk["tokens"]["pimpinan"],
        "admin": lambda: colleague("admin", "Admin Kantor"),
        "anonymous": lambda: None,
        "bogus": lambda: "x" * 40,
    }[who]()
    refused = PermissionDenied if who in {"applicant", "pimpinan", "admin"} else AuthRequired
    for call in (
        lambda: officer_queue.queue(token, "semua"),
        lambda: officer_queue.claim(token, desk["b"]),
        lambda: officer_queue.release(token, desk["b"]),
        lambda: officer_queue.viewer(token),
    ):
        with pytest.raises(refused):
            call()
    assert row_of(desk["b"]).claimed_by_id is None
    with session_scope() as s:
        assert s.exec(select(func.count()).select_from(AuthEvent).where(
            AuthEvent.event.in_(["klaim_berkas", "lepas_berkas"])
        )).one() == 0  # fmt: skip


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("front_office", "/petugas"),
        ("back_office", "/petugas"),
        ("tim_teknis", "/petugas"),
        ("kepala_dinas", "/petugas"),
        ("admin", "/admin"),
        ("pimpinan", "/analitik"),
        ("pemohon", "/akun"),
    ],
)
def test_login_lands_officers_on_the_queue(role, landing):
    from silek_app.state.auth_forms import _landing

    assert _landing(role) == landing
