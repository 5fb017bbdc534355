"""Requirement documents (checks, nothing half-stored, replace, reuse, remove), draft view."""

import pytest
from sqlmodel import func, select
from test_applications import (
    applicant_token,
    draft,
    precheck,
    ready_draft,
    requirement_codes,
    section_values,
)

from silek_app.db import session_scope
from silek_app.models import Document
from silek_app.services import application_views, applications, documents, storage
from silek_app.services.errors import AuthRequired, NotFound, ServiceError
from tests.support import sample_files as sf


def _stored_files(root) -> set[str]:
    return {p.name for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _docs() -> list[Document]:
    with session_scope() as s:
        return list(s.exec(select(Document).order_by(Document.id)).all())


def _slot(token: str, code: str, requirement: str) -> dict | None:
    view = application_views.draft_view(token, "SIPB")
    return next(s for s in view["slots"] if s["code"] == requirement)["document"]


@pytest.fixture
def token(db) -> str:
    token = applicant_token()
    precheck(token)  # SIPB, BARU, FASYANKES, place 1
    return token


def test_valid_upload_is_stored_under_a_server_name(token, storage_dir):
    data = sf.valid_pdf("KTP Siti")
    view = documents.upload(token, "SIPB", "KTP", "../../etc/KTP siti.pdf", data)
    (doc,) = _docs()
    assert view["id"] == str(doc.id) and view["kind"] == "PDF"
    assert view["requirement_code"] == "KTP" and view["url"] == f"/api/v1/berkas/{doc.id}"
    assert doc.content_type == "application/pdf" and doc.size_bytes == len(data)
    assert doc.original_name == "../../etc/KTP siti.pdf"  # kept as a label only
    path = storage.path_for(doc.storage_key)
    assert path.read_bytes() == data and path.is_relative_to(storage_dir)
    assert _stored_files(storage_dir) == {doc.storage_key}
    png = documents.upload(token, "SIPB", "PAS_FOTO", "foto.pdf", sf.valid_png())
    assert png["kind"] == "PNG"  # the content decides, not the name
    assert _docs()[-1].storage_key.endswith(".png")


BAD_UPLOADS = [
    ("KTP", "ktp.pdf", sf.exe_renamed(), "program Windows (EXE)"),
    ("PAS_FOTO", "foto.png", sf.html_as_image(), "halaman web"),
    ("KTP", "kosong.pdf", b"", "0 byte"),
    ("KTP", "besar.pdf", sf.oversized_pdf(6), "melebihi batas 5 MB"),
    ("PAS_FOTO", "besar.png", sf.valid_png() + bytes(2 * sf.MIB), "melebihi batas 2 MB"),
    ("KTP", "rusak.pdf", sf.corrupt_pdf(), "PDF rusak"),
    ("KTP", "putus.pdf", sf.truncated_pdf(), "PDF rusak"),
    ("KTP", "sandi.pdf", sf.encrypted_pdf(), "kata sandi"),
    ("KTP", "bom.png", sf.pixel_bomb_png(), "megapiksel"),
    ("PAS_FOTO", "foto.pdf", sf.valid_pdf("foto"), "hanya menerima JPG atau PNG"),
    ("SURAT_PERMOHONAN", "surat.jpg", sf.valid_jpeg(), "hanya menerima PDF"),
]


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(("requirement", "name", "data", "fragment"), BAD_UPLOADS)
def test_bad_upload_is_refused_and_leaves_nothing(
    token, storage_dir, requirement, name, data, fragment
):
    with pytest.raises(ServiceError) as err:
        documents.upload(token, "SIPB", requirement, name, data)
    assert fragment in err.value.message
    assert _docs() == []
    assert _stored_files(storage_dir) == set()


def test_requirement_not_in_this_application_is_refused(token, storage_dir):
    for code in ("NPWP", "TIDAK_ADA", "SIP_LAMA"):  # MANDIRI only, unknown, renewal only
        with pytest.raises(ServiceError, match="tidak berlaku untuk permohonan Anda"):
            documents.upload(token, "SIPB", code, "x.pdf", sf.valid_pdf(code))
    assert _docs() == [] and _stored_files(storage_dir) == set()


def test_upload_needs_a_draft_and_a_session(db, storage_dir):
    token = applicant_token()
    with pytest.raises(ServiceError, match="langkah awal"):
        documents.upload(token, "SIPB", "KTP", "ktp.pdf", sf.valid_pdf())
    with pytest.raises(AuthRequired):
        documents.upload("bukan-token", "SIPB", "KTP", "ktp.pdf", sf.valid_pdf())
    assert _docs() == [] and _stored_files(storage_dir) == set()


def test_same_bytes_for_another_requirement_are_refused(token, storage_dir):
    data = sf.valid_pdf("KTP Siti")
    documents.upload(token, "SIPB", "KTP", "ktp.pdf", data)
    files = _stored_files(storage_dir)
    with pytest.raises(ServiceError, match="sudah diunggah untuk persyaratan lain"):
        documents.upload(token, "SIPB", "STR", "str.pdf", data)
    with pytest.raises(ServiceError, match="sudah terunggah untuk persyaratan ini"):
        documents.upload(token, "SIPB", "KTP", "ktp lagi.pdf", data)
    assert len(_docs()) == 1
    assert _stored_files(storage_dir) == files  # the refused copies were deleted again


def test_same_bytes_in_another_applicants_draft_are_fine(token, storage_dir):
    data = sf.valid_pdf("surat")
    documents.upload(token, "SIPB", "SURAT_PERMOHONAN", "surat.pdf", data)
    other = applicant_token(1)
    precheck(other)
    documents.upload(other, "SIPB", "SURAT_PERMOHONAN", "surat.pdf", data)
    first, second = _docs()
    assert first.sha256 == second.sha256 and first.storage_key != second.storage_key


def test_replacing_keeps_the_old_file_in_the_library_but_detaches_it(token, storage_dir):
    draft_id = draft_id_of(token)
    old = documents.upload(token, "SIPB", "KTP", "ktp lama.pdf", sf.valid_pdf("lama"))
    new = documents.upload(token, "SIPB", "KTP", "ktp baru.jpg", sf.valid_jpeg())
    old_doc, new_doc = _docs()
    assert old_doc.application_id is None and new_doc.application_id == draft_id
    assert _slot(token, "SIPB", "KTP")["id"] == new["id"]
    library = documents.my_library(token)
    assert [d["id"] for d in library] == [new["id"], old["id"]]
    assert storage.path_for(old_doc.storage_key).exists()  # still readable by its owner


def draft_id_of(token: str) -> int:
    return application_views.draft_view(token, "SIPB")["draft_id"]


def test_library_shows_each_content_once_and_only_my_own(token, storage_dir):
    data = sf.valid_pdf("KTP")
    documents.upload(token, "SIPB", "KTP", "ktp.pdf", data)
    precheck(token, code="SIPP")
    documents.upload(token, "SIPP", "KTP", "ktp.pdf", data)
    assert len(_docs()) == 2 and len(documents.my_library(token)) == 1
    assert documents.my_library(applicant_token(1)) == []


def test_reuse_attaches_a_copy_of_my_earlier_document(token, storage_dir):
    first = documents.upload(token, "SIPB", "KTP", "ktp.pdf", sf.valid_pdf("KTP"))
    draft_id = precheck(token, code="SIPP")
    copy = documents.reuse(token, "SIPP", "KTP", int(first["id"]))
    source, attached = _docs()
    assert copy["id"] == str(attached.id) and copy["name"] == "ktp.pdf"
    assert attached.application_id == draft_id and attached.owner_id == source.owner_id
    assert attached.sha256 == source.sha256 and attached.storage_key != source.storage_key
    assert storage.path_for(attached.storage_key).read_bytes() == sf.valid_pdf("KTP")
    assert source.application_id is not None  # the original stays where it was


def test_reuse_refuses_someone_elses_or_a_missing_document(token, storage_dir):
    theirs = applicant_token(1)
    precheck(theirs)
    doc = documents.upload(theirs, "SIPB", "KTP", "ktp.pdf", sf.valid_pdf("KTP Budi"))
    files = _stored_files(storage_dir)
    for doc_id in (int(doc["id"]), 9999):
        with pytest.raises(NotFound) as err:
            documents.reuse(token, "SIPB", "KTP", doc_id)
        assert err.value.message == documents._NOT_FOUND
    assert len(_docs()) == 1 and _stored_files(storage_dir) == files


def test_reuse_is_checked_like_a_new_upload(token, storage_dir):
    pdf = documents.upload(token, "SIPB", "KTP", "ktp.pdf", sf.valid_pdf("KTP"))
    with pytest.raises(ServiceError, match="hanya menerima JPG atau PNG"):
        documents.reuse(token, "SIPB", "PAS_FOTO", int(pdf["id"]))
    with pytest.raises(ServiceError, match="persyaratan lain"):
        documents.reuse(token, "SIPB", "STR", int(pdf["id"]))
    assert len(_docs()) == 1


def test_remove_detaches_but_keeps_the_document(token, storage_dir):
    doc = documents.upload(token, "SIPB", "STR", "str.pdf", sf.valid_pdf("STR"))
    documents.remove(token, "SIPB", "STR")
    assert _slot(token, "SIPB", "STR") is None
    assert _docs()[0].application_id is None
    assert [d["id"] for d in documents.my_library(token)] == [doc["id"]]
    view = application_views.draft_view(token, "SIPB")
    assert any("Surat Tanda Registrasi" in m or "STR" in m for m in view["missing"])
    # It can be attached again from the library.
    documents.reuse(token, "SIPB", "STR", int(doc["id"]))
    assert _slot(token, "SIPB", "STR") is not None


def test_precheck_change_detaches_uploads_no_longer_required(token, storage_dir):
    draft_id = precheck(token, kind="MANDIRI", place=1)
    npwp = documents.upload(token, "SIPB", "NPWP", "npwp.pdf", sf.valid_pdf("NPWP"))
    ktp = documents.upload(token, "SIPB", "KTP", "ktp.pdf", sf.valid_pdf("KTP"))
    precheck(token, kind="FASYANKES", place=1)
    attached = {d.id: d.application_id for d in _docs()}
    assert attached == {int(npwp["id"]): None, int(ktp["id"]): draft_id}
    assert {d["id"] for d in documents.my_library(token)} == {npwp["id"], ktp["id"]}


def test_failed_disk_write_leaves_no_partial_file(token, storage_dir, monkeypatch):
    def disk_full(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "fsync", disk_full)
    with pytest.raises(ServiceError, match="gagal disimpan"):
        documents.upload(token, "SIPB", "KTP", "ktp.pdf", sf.valid_pdf("KTP"))
    assert _docs() == [] and _stored_files(storage_dir) == set()


def test_nothing_changes_after_submission(db, storage_dir):
    token = applicant_token()
    draft_id = ready_draft(token)
    applications.submit(token, "SIPB", "k" * 32)
    before = len(_docs())
    with pytest.raises(ServiceError, match="langkah awal"):
        documents.upload(token, "SIPB", "KTP", "ktp2.pdf", sf.valid_pdf("baru"))
    with pytest.raises(ServiceError, match="langkah awal"):
        documents.remove(token, "SIPB", "KTP")
    assert len(_docs()) == before
    with session_scope() as s:
        attached = s.exec(
            select(func.count()).select_from(Document).where(Document.application_id == draft_id)
        ).one()
    assert attached == before and draft(draft_id).status == "DIAJUKAN"


# ---------------------------------------------------------------- draft view


def test_draft_view_before_precheck(db):
    view = application_views.draft_view(applicant_token(), "SIPB")
    assert view["has_draft"] is False and view["is_sip"] is True
    assert view["sections"] == view["slots"] == view["missing"] == []
    assert [j["value"] for j in view["jenis_options"]] == [
        "BARU", "PERPANJANGAN", "PERUBAHAN", "PENCABUTAN",
    ]  # fmt: skip


def test_draft_view_reflects_sections_slots_and_missing(db):
    token = applicant_token()
    draft_id = precheck(token, kind="FASYANKES", place=2)
    view = application_views.draft_view(token, "SIPB")
    assert view["has_draft"] and view["draft_id"] == draft_id
    assert view["precheck"] == {
        "jenis": "BARU", "practice_kind": "FASYANKES", "place_no": "2", "is_asn": False,
    }  # fmt: skip
    assert [(s["key"], s["done"]) for s in view["sections"]] == [
        ("pemohon", False), ("profesi", False), ("tempat_praktik", False),
    ]  # fmt: skip
    assert view["sections"][0]["values"]["name_on_permit"] == "Siti Rahmawati"
    assert [s["code"] for s in view["slots"]] == requirement_codes(draft_id)
    assert all(s["document"] is None for s in view["slots"])
    second = next(s for s in view["slots"] if s["code"] == "SIP_TEMPAT_PERTAMA")
    assert second["condition"] == "khusus permohonan tempat praktik kedua"
    photo = next(s for s in view["slots"] if s["code"] == "PAS_FOTO")
    assert photo["accept"] == ".jpg,.png" and photo["max_size_mb"] == 2
    assert len(view["missing"]) == 3 + len(requirement_codes(draft_id, mandatory_only=True))
    assert any("Data pemohon" in m for m in view["missing"])

    applications.save_section(token, "SIPB", "pemohon", section_values()["pemohon"])
    documents.upload(token, "SIPB", "KTP", "ktp saya.pdf", sf.valid_pdf("KTP"))
    view = application_views.draft_view(token, "SIPB")
    assert view["sections"][0]["done"] is True
    ktp = next(s for s in view["slots"] if s["code"] == "KTP")
    assert ktp["document"]["name"] == "ktp saya.pdf" and ktp["document"]["kind"] == "PDF"
    assert ktp["document"]["url"].startswith("/api/v1/berkas/")
    assert not any("Data pemohon" in m or "KTP" in m for m in view["missing"])
