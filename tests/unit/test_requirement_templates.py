"""Downloadable requirement forms: data validation, PDF rendering and the download endpoint."""

import copy
import json
import re

import pytest
from starlette.applications import Starlette
from starlette.routing import Route
from starlette.testclient import TestClient

from silek_app.api.templates import download_template
from silek_app.domain.catalog import default_catalog
from silek_app.domain.requirement_templates import (
    TEMPLATES_PATH,
    FormTemplate,
    TemplateError,
    get_template,
    load_templates,
    render_template_pdf,
    template_names,
)

CATALOG_NAMES = frozenset(
    r.template for s in default_catalog().services for r in s.requirements if r.template
)
ALL_NAMES = sorted(CATALOG_NAMES)


def _page_text(pdf: bytes) -> str:
    """Text drawn on the pages of an uncompressed PDF, whitespace collapsed.

    Only content streams are read, so the /Title metadata cannot make a check pass.
    """
    parts = []
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        for literal in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", stream, re.S):
            parts.append(re.sub(rb"\\([()\\])", rb"\1", literal).decode("cp1252", "replace"))
    return " ".join(" ".join(parts).split())


def _raw() -> dict:
    return json.loads(TEMPLATES_PATH.read_text(encoding="utf-8"))


def _load_broken(tmp_path, mutate) -> TemplateError:
    data = copy.deepcopy(_raw())
    mutate(data)
    path = tmp_path / "templat.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_templates(path)
    return info.value


# ---------------------------------------------------------------- data


def test_every_catalog_template_exists_and_every_entry_is_used():
    assert template_names() == CATALOG_NAMES
    assert len(CATALOG_NAMES) == 21
    raw_names = {n for n in _raw()["templates"] if not n.startswith("_")}
    assert raw_names == CATALOG_NAMES


def test_shipped_file_loads_and_forms_ask_for_what_the_documents_need():
    templates = load_templates()
    assert all(isinstance(t, FormTemplate) for t in templates.values())
    for t in templates.values():
        assert re.fullmatch(r"[a-z0-9_]+\.pdf", t.name)
        assert t.kind in {"permohonan", "pernyataan", "formulir"}
        assert t.title and t.intro and t.closing and t.signatory and t.fields
        assert len(t.field_lines) == len(t.fields)
        if t.kind == "permohonan":
            assert "Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Solok" in t.addressee
            assert t.addressee_place == "Solok" and t.subject and t.paragraphs
        if t.kind == "pernyataan":
            assert t.needs_meterai and t.paragraphs
    sip = templates["surat_permohonan_sip.pdf"]
    labels = " | ".join(sip.fields)
    for needed in ("NIK", "Nomor STR", "seumur hidup", "Tempat praktik ke-", "tempat praktik"):
        assert needed in labels
    assert sip.needs_meterai and sip.signatory == "Pemohon,"
    assert templates["surat_permohonan_reklame.pdf"].needs_meterai
    revoke = " | ".join(templates["surat_permohonan_pencabutan_sip.pdf"].fields)
    assert "Nomor SIP" in revoke and "Tanggal terbit" in revoke and "Alasan" in revoke
    slhs = templates["formulir_data_usaha_slhs.pdf"]
    assert slhs.kind == "formulir" and slhs.table_columns and slhs.table_rows > 0
    assert any("bersertifikat" in f for f in slhs.fields)
    assert any("Jenis tempat pengelolaan pangan" in f for f in slhs.fields)
    mandiri = templates["surat_pernyataan_tempat_praktik_mandiri.pdf"]
    assert mandiri.signatory == "Yang membuat pernyataan,"
    assert any("Alamat lengkap tempat praktik" in f for f in mandiri.fields)


def test_missing_title_is_reported_in_indonesian(tmp_path):
    def drop_title(data):
        del data["templates"]["surat_permohonan_sip.pdf"]["title"]

    err = _load_broken(tmp_path, drop_title)
    assert "Templat 'surat_permohonan_sip.pdf': isian 'title' wajib diisi." in err.problems
    assert str(err).startswith("Data templat persyaratan tidak valid (1 masalah)")


def test_bad_name_unused_and_missing_entries_are_all_listed(tmp_path):
    def break_names(data):
        entries = data["templates"]
        entries["Surat Baru.PDF"] = entries.pop("biodata_tukang_gigi.pdf")
        entries["surat_tidak_dipakai.pdf"] = copy.deepcopy(entries["surat_permohonan_sip.pdf"])

    err = _load_broken(tmp_path, break_names)
    text = str(err)
    assert "nama berkas hanya boleh huruf kecil" in text
    assert "'biodata_tukang_gigi.pdf' dirujuk oleh katalog layanan tetapi tidak tersedia" in text
    assert "'surat_tidak_dipakai.pdf' tidak dirujuk oleh layanan" in text
    assert "'Surat Baru.PDF' tidak dirujuk" in text


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda e: e.update(kind="surat"), "isian 'kind' harus salah satu dari"),
        (lambda e: e.update(judul="x"), "isian 'judul' tidak dikenal"),
        (lambda e: e.update(fields=[]), "'fields' harus berupa daftar label"),
        (lambda e: e.update(fields=[{"label": "Alamat", "lines": 9}]), "1-4 baris"),
        (lambda e: e.update(paragraphs=[]), "'paragraphs' harus berupa daftar teks"),
        (lambda e: e.update(needs_meterai="ya"), "'needs_meterai' harus berupa true/false"),
        (lambda e: e.update(subject=""), "isian 'subject' wajib diisi"),
        (lambda e: e.update(table={"columns": ["Nama"]}), "'table' harus memuat"),
        (lambda e: e.update(title="SURAT \u2264 PERMOHONAN"), "tidak dapat dicetak"),
    ],
)
def test_broken_entry_fields_are_rejected(tmp_path, mutate, expected):
    err = _load_broken(tmp_path, lambda d: mutate(d["templates"]["surat_permohonan_sip.pdf"]))
    assert expected in str(err)


def test_unreadable_json_is_rejected(tmp_path):
    path = tmp_path / "templat.json"
    path.write_text('{"templates": {', encoding="utf-8")
    with pytest.raises(TemplateError, match="bukan JSON yang sah"):
        load_templates(path)
    with pytest.raises(TemplateError, match="tidak dapat dibaca"):
        load_templates(tmp_path / "tidak_ada.json")


def test_referenced_names_can_be_given_explicitly(tmp_path):
    data = _raw()
    data["templates"] = {"surat_permohonan_sip.pdf": data["templates"]["surat_permohonan_sip.pdf"]}
    path = tmp_path / "templat.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_templates(path, referenced={"surat_permohonan_sip.pdf"})
    assert set(loaded) == {"surat_permohonan_sip.pdf"}


# ---------------------------------------------------------------- rendering


@pytest.mark.parametrize("name", ALL_NAMES)
def test_each_template_renders_a_pdf_with_its_title(name):
    pdf = render_template_pdf(name)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) > 1024
    text = _page_text(render_template_pdf(name, compress=False))
    template = get_template(name)
    assert template.title in text
    assert "Templat resmi SILEK" in text and name in text
    assert template.signatory in text
    assert ("Meterai" in text) == template.needs_meterai
    if template.kind == "permohonan":
        assert "Kepada" in text and "Perihal" in text and template.subject in text


def test_rendering_is_deterministic():
    for name in ("surat_permohonan_sip.pdf", "formulir_data_usaha_slhs.pdf"):
        assert render_template_pdf(name) == render_template_pdf(name)
    assert render_template_pdf(ALL_NAMES[0]) != render_template_pdf(ALL_NAMES[1])


@pytest.mark.parametrize("name", ["tidak_ada.pdf", "../etc/passwd", "", "SURAT_PERMOHONAN_SIP.PDF"])
def test_unknown_name_raises(name):
    with pytest.raises(TemplateError, match="tidak ditemukan"):
        render_template_pdf(name)


# ---------------------------------------------------------------- endpoint


@pytest.fixture(scope="module")
def client():
    app = Starlette(
        routes=[
            Route("/api/v1/templat/{nama}", download_template, methods=["GET"]),
            # A catch-all pattern lets slashes reach the handler, to prove its own guard.
            Route("/raw/{nama:path}", download_template, methods=["GET"]),
        ]
    )
    return TestClient(app)


def test_download_known_template(client):
    res = client.get("/api/v1/templat/surat_permohonan_sip.pdf")
    assert res.status_code == 200
    assert res.headers["content-type"] == "application/pdf"
    assert res.headers["content-disposition"] == 'attachment; filename="surat_permohonan_sip.pdf"'
    assert res.headers["x-content-type-options"] == "nosniff"
    assert res.headers["cache-control"] == "public, max-age=86400"
    assert res.content == render_template_pdf("surat_permohonan_sip.pdf")


def test_download_unknown_template_is_json_404(client):
    res = client.get("/api/v1/templat/tidak_ada.pdf")
    assert res.status_code == 404
    assert res.json() == {"error": "Templat 'tidak_ada.pdf' tidak ditemukan."}
    assert res.headers["cache-control"] == "no-store"


def test_path_traversal_is_refused(client):
    res = client.get("/raw/../etc/passwd")
    assert res.status_code == 404
    res = client.get("/raw/..%2Fetc%2Fpasswd")
    assert res.status_code == 404
    assert res.json() == {"error": "Templat '../etc/passwd' tidak ditemukan."}
    # With the production pattern the router already refuses a slash; never a file.
    res = client.get("/api/v1/templat/..%2F..%2Fcatalog.json")
    assert res.status_code == 404 and not res.content.startswith(b"%PDF")
