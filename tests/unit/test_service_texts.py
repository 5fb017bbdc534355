"""/admin service texts: all-or-nothing saves with a change log, the deemed-approval
policy, immediate publication, and a catalog reload that keeps the edits."""

import pytest
from sqlmodel import select
from starlette.testclient import TestClient

from silek_app.api.routes import build_api
from silek_app.db import session_scope
from silek_app.domain.catalog import default_catalog
from silek_app.models import Service, ServiceTextChange
from silek_app.services import catalog, service_texts
from silek_app.services.errors import AuthRequired, NotFound, PermissionDenied, ServiceError
from tests.support.admin import staff, text_snapshot
from tests.unit.test_applications import applicant_token

REASON = "Penyesuaian dengan SK Kepala Dinas terbaru."
NEW_MAKLUMAT = "Kami berjanji melayani dengan cepat, tepat, dan tanpa pungutan liar."


@pytest.fixture
def admin(db):
    return staff("admin@contoh.id", "admin", "Admin Utama")


def _service(code: str = "SIPB") -> Service:
    with session_scope() as s:
        return s.exec(select(Service).where(Service.code == code)).one()


def _log_rows(code: str = "SIPB") -> list[ServiceTextChange]:
    service_id = _service(code).id
    with session_scope() as s:
        return s.exec(
            select(ServiceTextChange).where(ServiceTextChange.service_id == service_id)
        ).all()


def _refused(*args, match: str | None = None, error=ServiceError):
    before = text_snapshot()
    with pytest.raises(error, match=match):
        service_texts.save(*args)
    assert text_snapshot() == before


def _problems(token, values, reason=REASON, code="SIPB") -> dict[str, str]:
    before = text_snapshot()
    problems = service_texts.save(token, code, values, reason)
    assert problems, "expected a refusal"
    assert text_snapshot() == before
    return problems


def test_only_admin_may_read_or_edit(admin):
    _, fo_token = staff("fo@contoh.id", "front_office")
    pemohon = applicant_token(0)
    for token, error in ((None, AuthRequired), ("x", AuthRequired), (fo_token, PermissionDenied),
                         (pemohon, PermissionDenied)):  # fmt: skip
        _refused(token, "SIPB", {"maklumat": NEW_MAKLUMAT}, REASON, error=error)
        for read in (service_texts.service_options, service_texts.service_form,
                     service_texts.change_log):  # fmt: skip
            with pytest.raises(error):
                read(token) if read is service_texts.service_options else read(token, "SIPB")


def test_save_publishes_at_once_and_logs_each_changed_field(admin):
    uid, token = admin
    old = _service()
    form = service_texts.service_form(token, "sipb")
    assert form["texts"]["maklumat"] == old.maklumat and len(form["standard"]) == 14
    values = {
        **form["texts"],  # unchanged fields are sent too, as the form does
        "maklumat": NEW_MAKLUMAT,
        "complaint_channels": "SP4N-LAPOR!\n\n  Loket pengaduan DPMPTSP  ",
        "standard.biaya": "Tidak dipungut biaya.",
    }
    assert service_texts.save(token, "SIPB", values, "  " + REASON + " ") == {}
    detail = catalog.get_service_detail("SIPB")
    assert detail["maklumat"] == NEW_MAKLUMAT
    assert detail["complaint_channels"] == ["SP4N-LAPOR!", "Loket pengaduan DPMPTSP"]
    biaya = [c["text"] for c in detail["public_standard"] if c["key"] == "biaya"]
    assert biaya == ["Tidak dipungut biaya."]
    api = TestClient(build_api()).get("/api/v1/layanan/SIPB").json()
    assert api["maklumat_pelayanan"] == NEW_MAKLUMAT
    assert api["standar_pelayanan"]["biaya"] == "Tidak dipungut biaya."
    rows = {r.field: r for r in _log_rows()}
    assert set(rows) == {"maklumat", "complaint_channels", "standard.biaya"}
    assert rows["maklumat"].old_value == old.maklumat
    assert rows["maklumat"].new_value == NEW_MAKLUMAT
    assert rows["maklumat"].reason == REASON and rows["maklumat"].changed_by_id == uid
    assert rows["complaint_channels"].old_value == "\n".join(old.complaint_channels)


def test_change_log_is_newest_first(admin):
    _, token = admin
    assert service_texts.save(token, "SIPB", {"maklumat": NEW_MAKLUMAT}, REASON) == {}
    assert service_texts.save(token, "SIPB", {"name": "Surat Izin Praktik Bidan (SIPB)"},
                              "Nama disamakan dengan papan loket.") == {}  # fmt: skip
    log = service_texts.change_log(token, "SIPB")
    assert [e["field"] for e in log] == ["Nama layanan", "Maklumat pelayanan"]
    assert log[0]["by"] == "Admin Utama" and log[0]["at"].endswith("WIB")
    assert log[1]["new"] == NEW_MAKLUMAT
    assert service_texts.change_log(token, "SIPD") == []


def test_invalid_field_saves_nothing_at_all(admin):
    _, token = admin
    # One good field and one empty required field: neither is saved.
    problems = _problems(token, {"maklumat": NEW_MAKLUMAT, "name": "   "})
    assert problems == {"name": "Nama layanan wajib diisi."}
    assert "maksimal 200" in _problems(token, {"name": "x" * 201})["name"]
    assert "maksimal 3000" in _problems(token, {"maklumat": "x" * 3001})["maklumat"]
    assert "wajib" in _problems(token, {"standard.prosedur": ""})["standard.prosedur"]
    assert "minimal satu" in _problems(token, {"complaint_channels": "\n \n"})["complaint_channels"]
    assert (
        "paling banyak"
        in _problems(token, {"complaint_channels": "a\n" * 13})["complaint_channels"]
    )
    assert (
        "paling panjang"
        in _problems(token, {"complaint_channels": "x" * 201})["complaint_channels"]
    )
    assert _log_rows() == []


def test_reason_is_required(admin):
    _, token = admin
    for reason in ("", "terlalu", "  pendek   ", "x" * 1001):
        assert "reason" in _problems(token, {"maklumat": NEW_MAKLUMAT}, reason)
    # Field problems and the reason are reported together.
    assert set(_problems(token, {"name": ""}, "")) == {"name", "reason"}


def test_unchanged_unknown_or_missing_is_refused(admin):
    _, token = admin
    same = {"maklumat": _service().maklumat}
    _refused(token, "SIPB", same, REASON, match="Tidak ada perubahan")
    _refused(token, "SIPB", {}, REASON, match="Tidak ada perubahan")
    _refused(token, "SIPB", {"fee": "0"}, REASON, match="tidak dapat diubah")
    _refused(token, "SIPB", {"code": "XXX"}, REASON, match="tidak dapat diubah")
    _refused(token, "TIDAKADA", {"maklumat": NEW_MAKLUMAT}, REASON, error=NotFound)
    _refused(token, "SIPB", ["maklumat"], REASON, match="Tidak ada perubahan")


def test_deemed_approval_policy(admin):
    _, token = admin
    policy = service_texts.service_form(token, "SIPB")["policy"]
    assert policy == {"enabled": False, "days": "5", "warning_days": "1"}
    values = {"deemed_approval_enabled": "on", "deemed_approval_days": "5",
              "deemed_warning_days": "2"}  # fmt: skip
    assert service_texts.save(token, "SIPB", values, "Mengikuti aturan MPP Digital.") == {}
    row = _service()
    assert row.deemed_approval_enabled is True and row.deemed_warning_days == 2
    fields = {r.field: (r.old_value, r.new_value) for r in _log_rows()}
    assert fields == {"deemed_approval_enabled": ("tidak", "ya"), "deemed_warning_days": ("1", "2")}
    for bad, field in (
        ({"deemed_approval_days": "0"}, "deemed_approval_days"),
        ({"deemed_approval_days": "61"}, "deemed_approval_days"),
        ({"deemed_approval_days": "lima"}, "deemed_approval_days"),
        ({"deemed_warning_days": "5"}, "deemed_warning_days"),  # must be below the days
        ({"deemed_warning_days": "-1"}, "deemed_warning_days"),
        ({"deemed_approval_days": "2"}, "deemed_warning_days"),  # would leave warning 2 >= 2
    ):
        assert field in _problems(token, bad), bad
    widest = {"deemed_approval_days": "60", "deemed_warning_days": "59"}
    assert service_texts.save(token, "SIPB", widest, REASON) == {}
    assert service_texts.save(token, "SIPB", {"deemed_approval_enabled": ""}, REASON) == {}
    assert _service().deemed_approval_enabled is False


def test_catalog_reload_keeps_edited_fields_only(admin):
    _, token = admin
    values = {"maklumat": NEW_MAKLUMAT, "standard.biaya": "Tidak dipungut biaya.",
              "complaint_channels": "Loket pengaduan"}  # fmt: skip
    assert service_texts.save(token, "SIPB", values, REASON) == {}
    with session_scope() as s:  # a field nobody edited drifts from the file
        row = s.exec(select(Service).where(Service.code == "SIPB")).one()
        row.product = "hasil lama"
        s.add(row)
    catalog.sync_catalog()  # what every start does
    detail = catalog.get_service_detail("SIPB")
    file_svc = default_catalog().get("SIPB")
    assert detail["maklumat"] == NEW_MAKLUMAT
    assert detail["complaint_channels"] == ["Loket pengaduan"]
    assert {c["key"]: c["text"] for c in detail["standard"]}["biaya"] == "Tidak dipungut biaya."
    assert detail["product"] == file_svc.product  # not edited: the file wins
    assert {c["key"]: c["text"] for c in detail["standard"]}["prosedur"] == file_svc.standard[
        "prosedur"
    ]
    # Another service is untouched by SIPB's edits.
    assert catalog.get_service_detail("SIPD")["maklumat"] == default_catalog().get("SIPD").maklumat


def test_deemed_approval_refused_where_the_flow_has_no_system_action(admin):
    _, token = admin
    problems = _problems(token, {"deemed_approval_enabled": "on"}, code="REKLAME")
    assert "persetujuan otomatis" in problems["deemed_approval_enabled"]
