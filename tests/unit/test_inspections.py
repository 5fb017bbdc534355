"""The field visit report (BAP): who writes it, when, with which photos, and that the
file cannot leave the visit towards approval without it (services.inspections)."""

import datetime as dt

import pytest
from sqlmodel import select
from test_applications import applicant_token
from test_permits import files, load, office, submitted

from silek_app.db import session_scope
from silek_app.domain.sla import local_date
from silek_app.models import Document, utcnow
from silek_app.services import file_review, inspections, officer_file
from silek_app.services.errors import NotFound, PermissionDenied, ServiceError
from tests.support import sample_files as sf
from tests.support.officer_file import db_fingerprint

TODAY = local_date(utcnow()).isoformat()
TEAM = "Rina Teknis\nDrg. Yusuf Amri"


@pytest.fixture
def visit(db):
    """(applicant token, reference, office tokens) of a file in TINJAUAN_LAPANGAN."""
    token, tokens = applicant_token(), office()
    reference = submitted(token)
    officer_file.take_action(tokens["front_office"], reference, "TERIMA_BERKAS")
    officer_file.take_action(tokens["front_office"], reference, "TERUSKAN_VERIFIKASI_TEKNIS")
    officer_file.take_action(tokens["tim_teknis"], reference, "JADWALKAN_TINJAUAN")
    assert load(reference).status == "TINJAUAN_LAPANGAN"
    return token, reference, tokens


def refused(call, match: str, error=ServiceError):
    before = db_fingerprint()
    with pytest.raises(error, match=match):
        call()
    assert db_fingerprint() == before


def save(token, reference, **kw):
    args = {"visit_date": TODAY, "officers": TEAM, "result": "MEMENUHI", "notes": ""} | kw
    return inspections.save_report(token, reference, **args)


def test_finishing_the_visit_needs_a_report(visit, storage_dir):
    _, reference, tokens = visit
    teknis = tokens["tim_teknis"]
    refused(
        lambda: officer_file.take_action(teknis, reference, "SELESAIKAN_TINJAUAN"),
        "Berita Acara Pemeriksaan",
    )
    report = save(teknis, reference, result="MEMENUHI_DENGAN_CATATAN", notes="Wastafel kurang.")
    again = save(teknis, reference, result="MEMENUHI", notes="Sudah dilengkapi.")
    assert again == report  # one report per visit: saving again updates it
    inspections.add_photo(teknis, reference, "ruang.png", sf.valid_png(80, 60))
    header = officer_file.file_view(load(reference).id)["header"]  # the form is prefilled
    assert (header["bap_current"], header["bap_date"], header["bap_result"]) == (
        "1",
        TODAY,
        "MEMENUHI",
    )
    assert header["bap_officers"] == TEAM and header["bap_notes"] == "Sudah dilengkapi."
    result = officer_file.take_action(teknis, reference, "SELESAIKAN_TINJAUAN")
    assert result["status"] == "PERSETUJUAN"
    (shown,) = officer_file.file_view(load(reference).id)["reports"]
    assert shown["result_label"] == "Memenuhi persyaratan"
    assert shown["officers"] == "Rina Teknis, Drg. Yusuf Amri"
    assert shown["author"] == "Rina Teknis" and shown["current"] == ""
    assert [p["name"] for p in shown["photos"]] == ["ruang.png"]
    refused(lambda: save(teknis, reference), "saat berkas dalam tahap kunjungan lapangan")


def test_a_send_back_or_refusal_needs_no_report(visit):
    _, reference, tokens = visit
    refused(
        lambda: officer_file.take_action(
            tokens["tim_teknis"], reference, "KEMBALIKAN", "Alamat praktik tidak ditemukan."
        ),
        "Tandai minimal satu",
    )
    file_review.flag_field(tokens["tim_teknis"], reference, "practice_address", "Tidak ada.")
    officer_file.take_action(tokens["tim_teknis"], reference, "KEMBALIKAN", "Alamat salah.")
    assert load(reference).status == "PERLU_PERBAIKAN"


def test_only_the_visiting_role_writes_the_report(visit):
    token, reference, tokens = visit
    refused(lambda: save(tokens["front_office"], reference), "tidak berwenang mengisi BAP")
    refused(lambda: save(tokens["kepala_dinas"], reference), "tidak berwenang mengisi BAP")
    refused(lambda: save(token, reference), "tidak berwenang", PermissionDenied)
    refused(lambda: save(tokens["tim_teknis"], "SLK-20260101-99999"), "tidak ditemukan", NotFound)


def test_report_only_during_the_visit(db):
    token, tokens = applicant_token(), office()
    reference = submitted(token)
    officer_file.take_action(tokens["front_office"], reference, "TERIMA_BERKAS")
    refused(lambda: save(tokens["tim_teknis"], reference), "tahap kunjungan lapangan")
    officer_file.take_action(tokens["front_office"], reference, "TERUSKAN_VERIFIKASI_TEKNIS")
    refused(lambda: save(tokens["tim_teknis"], reference), "tahap kunjungan lapangan")


def test_report_fields_are_checked(visit):
    _, reference, tokens = visit
    teknis = tokens["tim_teknis"]
    tomorrow = (local_date(utcnow()) + dt.timedelta(days=1)).isoformat()
    refused(lambda: save(teknis, reference, visit_date=tomorrow), "tidak boleh di masa depan")
    refused(lambda: save(teknis, reference, visit_date="31-12-2026"), "tanggal kunjungan")
    refused(lambda: save(teknis, reference, visit_date="2020-01-01"), "sebelum permohonan")
    refused(lambda: save(teknis, reference, officers=" \n "), "nama petugas")
    refused(lambda: save(teknis, reference, result="BAGUS"), "Pilih hasil pemeriksaan")
    refused(lambda: save(teknis, reference, result="TIDAK_MEMENUHI"), "catatan temuan")
    refused(lambda: save(teknis, reference, notes="x" * 4001), "terlalu panjang")


def test_photos_pass_the_upload_checks(visit, storage_dir):
    _, reference, tokens = visit
    teknis = tokens["tim_teknis"]
    refused(
        lambda: inspections.add_photo(teknis, reference, "a.png", sf.valid_png()),
        "Simpan BAP terlebih dahulu",
    )
    save(teknis, reference)
    stored = files(storage_dir)
    refused(
        lambda: inspections.add_photo(teknis, reference, "foto.jpg", sf.exe_renamed()),
        "bukan PDF, JPG, atau PNG yang sah",
    )
    refused(
        lambda: inspections.add_photo(teknis, reference, "bap.pdf", sf.valid_pdf()), "JPG atau PNG"
    )
    refused(
        lambda: inspections.add_photo(tokens["front_office"], reference, "a.png", sf.valid_png()),
        "tidak berwenang",
    )
    assert files(storage_dir) == stored  # nothing half-stored
    photo = inspections.add_photo(teknis, reference, "depan.jpg", sf.valid_jpeg(120, 90))
    refused(
        lambda: inspections.add_photo(teknis, reference, "lagi.jpg", sf.valid_jpeg(120, 90)),
        "Foto yang sama persis",
    )
    with session_scope() as s:
        doc = s.get(Document, int(photo["id"]))
        assert doc.inspection_report_id is not None and doc.requirement_code is None
    from silek_app.services import documents

    assert documents.open_for_read(tokens["back_office"], int(photo["id"])).path.exists()
    with pytest.raises(PermissionDenied):  # internal working papers, not the applicant's
        documents.open_for_read(visit[0], int(photo["id"]))
    refused(lambda: inspections.remove_photo(teknis, reference, "999999"), "Foto tidak ditemukan")
    inspections.remove_photo(teknis, reference, photo["id"])
    with session_scope() as s:
        left = s.exec(select(Document).where(Document.inspection_report_id.is_not(None))).all()
    assert left == []
    # The applicant's own view never lists the photos.
    from silek_app.services import tracking_views

    names = [d["file"] for d in tracking_views.application_view(load(reference).id)["documents"]]
    assert "depan.jpg" not in names


def test_which_steps_need_the_report_in_every_flow():
    from silek_app.domain.workflow import load_workflows

    gated, writers = set(), {}
    for code, defn in load_workflows().items():
        gated |= {
            (code, a.code)
            for a in defn.actions
            if inspections.needs_report(defn, a.from_state, a.to_state)
        }
        writers[code] = file_review.acting_roles(defn, "TINJAUAN_LAPANGAN")
    assert gated == {
        ("kesehatan_standar", "SELESAIKAN_TINJAUAN"),
        ("kesehatan_kunjungan", "SELESAIKAN_TINJAUAN"),
        ("fasilitas_kunjungan", "SELESAIKAN_TINJAUAN"),
        ("reklame", "AJUKAN_TTE"),
    }
    # The billboard survey is the back office's; health visits are the technical team's.
    assert writers["reklame"] == {"back_office"}
    assert writers["fasilitas_kunjungan"] == {"tim_teknis"}
