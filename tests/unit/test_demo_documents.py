"""Generated demo files carry the documents a real submission would, on disk and valid."""

import datetime as dt
import hashlib

import pytest
from sqlmodel import select
from test_applications import officer_token

from silek_app.db import session_scope
from silek_app.domain.catalog import default_catalog
from silek_app.domain.catalog_types import requirement_conditions
from silek_app.domain.demo_documents import NOTICE, sample_document
from silek_app.domain.uploads import check_upload
from silek_app.models import Application, Document, Service, StatusEvent
from silek_app.services import demo_history, documents, officer_file, storage, tracking_views
from silek_app.services.file_review import ACCEPTED, FLAGGED, UNREVIEWED

NOW = dt.datetime(2026, 11, 20, 6, 30, tzinfo=dt.UTC)
CLOSED = {"TERBIT", "DITOLAK", "DIBATALKAN"}


def test_every_requirement_gets_a_sample_its_own_upload_check_accepts():
    for service in default_catalog().services:
        hashes = set()
        for req in service.requirements:
            sample = sample_document(req.code, req.name, req.file_types)
            checked = check_upload(
                sample.data, allowed=req.file_types, max_size_mb=req.max_size_mb
            )  # fmt: skip
            assert checked.sha256 == sample.checked.sha256, (service.code, req.code)
            hashes.add(checked.sha256)
        # One file may not hold the same content twice (the upload check refuses it).
        assert len(hashes) == len(service.requirements), service.code


def test_sample_pdf_says_it_is_not_a_real_document():
    from io import BytesIO

    from pypdf import PdfReader

    sample = sample_document("KTP", "Kartu Tanda Penduduk elektronik (KTP-el)", ("pdf", "jpg"))
    text = " ".join(PdfReader(BytesIO(sample.data)).pages[0].extract_text().split())
    assert "DOKUMEN CONTOH" in text and "KTP-el" in text and NOTICE.split(".")[0] in text
    # Rendered the same way every time: one stored sample per requirement is enough.
    assert sample_document("KTP", "Kartu Tanda Penduduk elektronik (KTP-el)", ("pdf",)).data == (
        sample.data
    )


@pytest.fixture
def generated(db):
    return demo_history.generate(300, dt.date(2025, 11, 1), seed=5, now=NOW, chunk_files=120)


def test_open_files_hold_one_document_per_mandatory_requirement(generated):
    catalog = default_catalog()
    with session_scope() as s:
        codes = dict(s.exec(select(Service.id, Service.code)).all())
        apps = s.exec(select(Application)).all()
        docs: dict[int, list[Document]] = {}
        for d in s.exec(select(Document)).all():
            docs.setdefault(d.application_id, []).append(d)
        forwarded = {
            e.application_id: e
            for e in s.exec(select(StatusEvent).order_by(StatusEvent.id))
            if e.from_status == "VERIFIKASI_BERKAS"
            and e.to_status not in {"PERLU_PERBAIKAN", "DITOLAK"}
        }  # fmt: skip
    open_apps = [a for a in apps if a.status not in CLOSED]
    assert open_apps and generated["documents"] == sum(len(v) for v in docs.values())
    assert not any(a.id in docs for a in apps if a.status in CLOSED)
    for app in open_apps:
        service = catalog.get(codes[app.service_id])
        active = requirement_conditions(app.practice_kind, app.practice_place_no, False)
        wanted = {r.code for r in service.requirements_for(app.jenis, active) if r.mandatory}
        held = docs[app.id]
        assert sorted(d.requirement_code for d in held) == sorted(wanted), app.reference_number
        for d in held:
            data = storage.path_for(d.storage_key).read_bytes()
            assert hashlib.sha256(data).hexdigest() == d.sha256 and len(data) == d.size_bytes
            assert d.owner_id == app.applicant_id and d.created_at <= app.submitted_at
            if app.status == "PERLU_PERBAIKAN":
                continue  # see the send-back test
            if app.status in {"DIAJUKAN", "VERIFIKASI_BERKAS"}:
                assert d.review_status == UNREVIEWED and d.reviewed_by_id is None
            else:  # accepted by the front officer who passed the file on, at that moment
                step = forwarded[app.id]
                assert (d.review_status, d.reviewed_by_id) == (ACCEPTED, step.actor_id)
                assert d.reviewed_at == step.created_at


def test_an_officer_previews_a_generated_files_documents(generated):
    token = officer_token("front_office")
    with session_scope() as s:
        app = s.exec(select(Application).where(Application.status.not_in(CLOSED))).first()
    rows = officer_file.file_view(app.id)["requirements"]
    mandatory = [r for r in rows if r["mandatory"]]
    assert mandatory and all(r["doc_id"] and r["review"] for r in mandatory)
    stored = documents.open_for_read(token, int(mandatory[0]["doc_id"]))
    assert stored.path.read_bytes()[:3] in (b"%PD", b"\xff\xd8\xff")


def test_a_file_waiting_on_its_applicant_has_the_flag_its_send_back_needed(generated):
    with session_scope() as s:
        waiting = s.exec(select(Application).where(Application.status == "PERLU_PERBAIKAN")).all()
        assert waiting
        for app in waiting:
            returns = s.exec(
                select(StatusEvent)
                .where(StatusEvent.application_id == app.id, StatusEvent.action == "KEMBALIKAN")
                .order_by(StatusEvent.id)
            ).all()
            docs = s.exec(select(Document).where(Document.application_id == app.id)).all()
            flagged = [d for d in docs if d.review_status == FLAGGED]
            assert len(flagged) == 1 and flagged[0].review_note == returns[-1].note
            assert {d.review_status for d in docs if d not in flagged} <= {ACCEPTED}
            assert {d.reviewed_by_id for d in docs} == {returns[-1].actor_id}
            revision = app.form_data["revision"]
            assert revision["round"] == len(returns)
            assert [(i["kind"], i["target"]) for i in revision["items"]] == [
                ("document", flagged[0].requirement_code)
            ]
            assert revision["snapshot"]["documents"][flagged[0].requirement_code] == flagged[0].id
            # The officer's page shows the round; the applicant's checklist holds the item.
            assert officer_file.file_view(app.id)["header"]["revision_round"] == str(len(returns))
            shown = tracking_views.application_view(app.id)["revision"]
            assert [r["note"] for r in shown] == [returns[-1].note]
