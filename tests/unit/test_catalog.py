"""The service catalogue: the shipped data is complete, and broken data is refused."""

from __future__ import annotations

import dataclasses
import json
import time

import pytest

from silek_app.domain.catalog import (
    CATALOG_PATH,
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    EXPECTED_HEALTH_COUNT,
    EXPECTED_SERVICE_COUNT,
    FILE_TYPES,
    PUBLIC_COMPONENT_KEYS,
    REQUIREMENT_CONDITIONS,
    STANDARD_COMPONENTS,
    CatalogError,
    Service,
    default_catalog,
    load_catalog,
    terbilang,
    validate_catalog,
)
from silek_app.domain.jenis import JENIS_ORDER
from silek_app.domain.workflow import check_sla_fits, visit_is_mandatory

HEALTH_CODES = (
    "SIPD",
    "SIPDS",
    "SIPDG",
    "SIPDGS",
    "SIPB",
    "SIPP",
    "SIPA",
    "SIPTTK",
    "SIPF",
    "SIPOT",
    "SIPTW",
    "SIPAT",
    "SIPRO",
    "SIPTGM",
    "SIPPA",
    "SIPPMIK",
    "SIPATLM",
    "SIPR",
    "SIPE",
    "SIPTGz",
    "SIPTS",
    "SIPPK",
    "SIPTKT",
    "STPT",
    "ITG",
    "SIA",
    "SITO",
    "IOKP",
    "IOKU",
    "IOLK",
    "IOPT",
    "IORS",
    "SPPIRT",
    "SLHS-JB",
    "SLHS-RM",
    "SLHS-DAM",
)
SIP_CODES = HEALTH_CODES[:23]
STANDARD_KEYS = (
    "persyaratan",
    "prosedur",
    "jangka_waktu",
    "biaya",
    "produk",
    "pengaduan",
    "dasar_hukum",
    "sarana_prasarana",
    "kompetensi_pelaksana",
    "pengawasan_internal",
    "jumlah_pelaksana",
    "jaminan_pelayanan",
    "jaminan_keamanan",
    "evaluasi_kinerja",
)


@pytest.fixture(scope="module")
def catalog():
    return default_catalog()


def _raw() -> dict:
    return json.loads(CATALOG_PATH.read_text(encoding="utf-8"))


def _service(raw: dict, code: str) -> dict:
    return next(s for s in raw["services"] if s["code"] == code)


def _broken(tmp_path, raw: dict) -> str:
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    message = str(info.value)
    assert message.startswith("Katalog layanan tidak valid")
    return message


# ---------------------------------------------------------------- shipped data


def test_counts_and_codes(catalog):
    assert len(catalog.services) == EXPECTED_SERVICE_COUNT == 37
    assert sum(s.is_health for s in catalog.services) == EXPECTED_HEALTH_COUNT == 36
    assert catalog.codes() == (*HEALTH_CODES, "REKLAME")
    non_health = [s for s in catalog.services if not s.is_health]
    assert [(s.code, s.category) for s in non_health] == [("REKLAME", "NON")]
    assert non_health[0].name == "Izin Penyelenggaraan Reklame"
    assert len({c.upper() for c in catalog.codes()}) == 37


def test_categories_and_channels(catalog):
    expected = {
        "TK": HEALTH_CODES[:25],
        "FAS": HEALTH_CODES[25:32],
        "PS": HEALTH_CODES[32:],
        "NON": ("REKLAME",),
    }
    for category, codes in expected.items():
        assert tuple(s.code for s in catalog.by_category(category)) == codes
    for svc in catalog.services:
        native = svc.category in {"TK", "NON"}
        assert svc.channel == ("SILEK_NATIVE" if native else "OSS_RBA_ASSISTED")
        assert svc.category in CATEGORY_LABELS and svc.channel in CHANNEL_LABELS


def test_every_field_is_filled(catalog):
    for svc in catalog.services:
        assert svc.name.strip() and svc.product.strip() and svc.fee_note.strip()
        assert svc.sla_days >= 1 and svc.fee == 0
        assert svc.validity_months and svc.validity_months >= 1
        assert svc.legal_basis and all(x.strip() for x in svc.legal_basis)
        assert svc.complaint_channels and svc.sk_number.startswith("SK Kepala DPMPTSP")
        assert svc.maklumat.strip() and svc.workflow in catalog.workflows
        assert svc.jenis_allowed and set(svc.jenis_allowed) <= set(JENIS_ORDER)
        assert svc.needs_dinkes_recommendation == svc.is_health
        assert svc.requirements


def test_published_values(catalog):
    get = catalog.get
    assert all(
        get(c).sla_days == 5 and get(c).validity_months == 60 for c in SIP_CODES if c != "SIPAT"
    )
    assert get("STPT").validity_months == 24 and get("ITG").validity_months == 24
    assert get("SPPIRT").validity_months == 60 and get("SIA").validity_months == 60
    assert all(get(c).validity_months == 36 for c in ("SLHS-JB", "SLHS-RM", "SLHS-DAM"))
    assert get("REKLAME").sla_days == 3 and get("REKLAME").validity_months == 12
    assert get("SLHS-DAM").sla_days == 14 and get("IORS").sla_days == 30
    assert "pajak reklame" in get("REKLAME").fee_note.lower()


def test_complaint_channels_are_shared(catalog):
    channels = {svc.complaint_channels for svc in catalog.services}
    assert len(channels) == 1
    assert any("lapor.go.id" in c for c in channels.pop())


def test_standard_components(catalog):
    assert tuple(k for k, _ in STANDARD_COMPONENTS) == STANDARD_KEYS
    assert all(label.strip() for _, label in STANDARD_COMPONENTS)
    assert STANDARD_KEYS[:6] == PUBLIC_COMPONENT_KEYS
    for svc in catalog.services:
        assert tuple(svc.standard) == STANDARD_KEYS
        assert all(text.strip() for text in svc.standard.values()), svc.code
        assert tuple(svc.public_standard()) == PUBLIC_COMPONENT_KEYS


def test_derived_standard_texts(catalog):
    sipd = catalog.get("SIPD")
    assert sipd.standard["jangka_waktu"].startswith("5 (lima) hari kerja")
    assert "Rp0" in sipd.standard["biaya"]
    assert "5 (lima) tahun" in sipd.standard["produk"]
    assert "lapor.go.id" in sipd.standard["pengaduan"]
    assert "Undang-Undang Nomor 17 Tahun 2023" in sipd.standard["dasar_hukum"]
    assert "Permohonan Baru:" in sipd.standard["persyaratan"]
    assert "(khusus praktik mandiri)" in sipd.standard["persyaratan"]
    assert "OSS-RBA" in catalog.get("SIA").standard["prosedur"]
    assert "TTE" in sipd.standard["prosedur"] and "SKM" in sipd.standard["prosedur"]
    assert catalog.get("IORS").standard["jangka_waktu"].startswith("30 (tiga puluh)")
    assert "survei lokasi" in catalog.get("REKLAME").standard["prosedur"]
    assert terbilang(14) == "empat belas" and terbilang(21) == "dua puluh satu"


def test_every_allowed_jenis_has_unconditional_mandatory_requirements(catalog):
    for svc in catalog.services:
        for jenis in svc.jenis_allowed:
            mandatory = [r for r in svc.requirements_for(jenis, conditions=()) if r.mandatory]
            assert mandatory, (svc.code, jenis)


def test_requirement_fields(catalog):
    for svc in catalog.services:
        codes = [r.code for r in svc.requirements]
        assert len(codes) == len(set(codes)), svc.code
        for r in svc.requirements:
            assert r.name.strip() and r.description.strip()
            assert r.jenis and set(r.jenis) <= set(svc.jenis_allowed)
            assert r.file_types and set(r.file_types) <= set(FILE_TYPES)
            assert 1 <= r.max_size_mb <= 10
            assert r.condition is None or r.condition in REQUIREMENT_CONDITIONS
            assert r.template is None or r.template.endswith(".pdf")


def test_sip_services_share_the_template_and_cap_three_places(catalog):
    professions = set()
    for code in SIP_CODES:
        svc = catalog.get(code)
        assert svc.max_practice_places == 3 and svc.profession, code
        assert svc.jenis_allowed == JENIS_ORDER
        assert {"SURAT_PERMOHONAN", "KTP", "STR", "SIP_LAMA", "BUKTI_SKP"} <= {
            r.code for r in svc.requirements
        }
        professions.add(svc.profession)
    assert len(professions) == len(SIP_CODES)
    assert catalog.get("STPT").max_practice_places == 1
    assert catalog.get("SIA").max_practice_places is None
    assert "STRRO" in next(r.name for r in catalog.get("SIPRO").requirements if r.code == "STR")
    apj = {r.code: r for r in catalog.get("SIPTTK").requirements}["SURAT_APJ"]
    assert apj.mandatory and apj.condition is None


def test_requirements_for_respects_conditions(catalog):
    sipd = catalog.get("sipd")
    all_new = {r.code for r in sipd.requirements_for("BARU")}
    mandiri = {r.code for r in sipd.requirements_for("BARU", conditions={"MANDIRI"})}
    assert "PERNYATAAN_PRAKTIK_MANDIRI" in mandiri and "KETERANGAN_FASYANKES" not in mandiri
    assert mandiri < all_new
    assert "BUKTI_SKP" in {r.code for r in sipd.requirements_for("PERPANJANGAN")}
    assert "BUKTI_SKP" not in all_new


def test_workflows_fit_each_service(catalog):
    for svc in catalog.services:
        defn = catalog.workflow_for(svc)
        check_sla_fits(defn, svc.sla_days)
        if svc.needs_field_visit:
            assert visit_is_mandatory(defn), svc.code
    assert all(catalog.get(c).workflow == "fasilitas_kunjungan" for c in HEALTH_CODES[25:])
    assert catalog.get("REKLAME").workflow == "reklame"


def test_lookup_is_case_insensitive_and_cached(catalog):
    assert catalog.get("slhs-dam") is catalog.get("SLHS-DAM") is not None
    assert catalog.get(" siptgz ") is catalog.get("SIPTGz")
    assert catalog.get("TIDAKADA") is None and catalog.get(None) is None
    assert default_catalog() is catalog
    started = time.perf_counter()
    load_catalog()
    assert time.perf_counter() - started < 1.0


def test_catalog_is_json_friendly(catalog):
    for svc in catalog.services:
        json.dumps(dataclasses.asdict(svc))
    for wf in catalog.workflows.values():
        json.dumps(wf.to_dict())
    hash(catalog.get("SIPD"))  # frozen services can be used in sets


# ---------------------------------------------------------------- broken data


def test_duplicate_code_is_refused(tmp_path):
    raw = _raw()
    raw["services"][1]["code"] = "sipd"
    assert "Kode layanan 'sipd' dipakai lebih dari satu kali" in _broken(tmp_path, raw)


def test_wrong_count_lists_every_problem(tmp_path):
    raw = _raw()
    del raw["services"][0]
    message = _broken(tmp_path, raw)
    assert "Jumlah layanan 36, seharusnya 37" in message
    assert "Jumlah layanan kesehatan 35, seharusnya 36" in message


def test_missing_component_is_refused(tmp_path):
    raw = _raw()
    _service(raw, "SIPB")["standard"] = {"jaminan_keamanan": " "}
    message = _broken(tmp_path, raw)
    assert "Layanan 'SIPB': komponen standar pelayanan 'Jaminan Keamanan dan " in message
    raw = _raw()
    del raw["defaults"]["standard"]["evaluasi_kinerja"]
    assert _broken(tmp_path, raw).count("(evaluasi_kinerja) kosong") == 37


def test_unknown_component_key_is_refused(tmp_path):
    raw = _raw()
    _service(raw, "SIPB")["standard"] = {"biaya_tambahan": "Rp5.000"}
    assert "komponen standar pelayanan 'biaya_tambahan' tidak dikenal" in _broken(tmp_path, raw)


def test_unknown_workflow_is_refused(tmp_path):
    raw = _raw()
    _service(raw, "SIPD")["workflow"] = "tidak_ada"
    assert "Layanan 'SIPD': alur kerja 'tidak_ada' tidak ada" in _broken(tmp_path, raw)


def test_requirement_with_jenis_not_allowed_is_refused(tmp_path):
    raw = _raw()
    _service(raw, "REKLAME")["requirements"] = [
        {
            "code": "SURAT_BONGKAR",
            "name": "Surat pembongkaran reklame",
            "description": "Untuk pencabutan.",
            "jenis": ["PENCABUTAN"],
        }
    ]
    message = _broken(tmp_path, raw)
    assert "persyaratan 'SURAT_BONGKAR': jenis permohonan tidak diizinkan" in message


def test_sla_over_published_is_refused(tmp_path):
    raw = _raw()
    _service(raw, "SIPD")["sla_days"] = 3
    message = _broken(tmp_path, raw)
    assert "Layanan 'SIPD': alur 'kesehatan_standar'" in message
    assert "melebihi jangka waktu layanan yang diumumkan (3 hari kerja)" in message


def test_field_visit_needs_a_mandatory_visit(tmp_path):
    raw = _raw()
    _service(raw, "SIPD")["needs_field_visit"] = True
    assert "memungkinkan izin terbit tanpa peninjauan lapangan" in _broken(tmp_path, raw)


def test_bad_requirements_are_all_reported(tmp_path):
    raw = _raw()
    raw["requirement_sets"]["REKLAME"].append(
        {
            "code": "KTP",
            "name": "KTP ganda",
            "description": "Dobel.",
            "file_types": ["exe"],
            "max_size_mb": 50,
            "condition": "LUAR_KOTA",
            "jenis": [],
        }
    )
    raw["requirement_sets"]["SPPIRT"] = [
        dict(r, mandatory=False) for r in raw["requirement_sets"]["SPPIRT"]
    ]
    message = _broken(tmp_path, raw)
    for expected in (
        "persyaratan 'KTP': kode persyaratan dipakai lebih dari satu kali",
        "jenis berkas harus dari pdf, jpg, png",
        "ukuran maksimum berkas harus 1-10 MB",
        "kondisi 'LUAR_KOTA' tidak dikenal",
        "jenis permohonan tidak diizinkan untuk layanan ini (kosong)",
        "Layanan 'SPPIRT': jenis permohonan 'BARU' belum memiliki persyaratan wajib",
    ):
        assert expected in message


def test_typos_and_wrong_types_are_reported(tmp_path):
    raw = _raw()
    sipd = _service(raw, "SIPD")
    sipd["sla_day"] = 5
    sipd["fee"] = "gratis"
    sipd["validity_months"] = None
    sipd["requirement_sets"] = ["SIP", "TIDAK_ADA"]
    message = _broken(tmp_path, raw)
    assert "isian 'sla_day' tidak dikenal" in message
    assert "isian 'fee' harus berupa bilangan bulat" in message
    assert "masa berlaku (validity_months) wajib" in message
    assert "templat persyaratan 'TIDAK_ADA' tidak ada" in message


def test_invalid_json_is_reported(tmp_path):
    path = tmp_path / "catalog.json"
    path.write_text("{ rusak", encoding="utf-8")
    with pytest.raises(CatalogError, match="bukan JSON yang sah"):
        load_catalog(path)


def test_validate_catalog_checks_built_objects(catalog):
    validate_catalog(catalog)
    broken = dataclasses.replace(catalog.get("SIPD"), fee=-1, channel="POS", category="XX")
    others = tuple(s for s in catalog.services if s.code != "SIPD")
    with pytest.raises(CatalogError) as info:
        validate_catalog(dataclasses.replace(catalog, services=(broken, *others)))
    message = str(info.value)
    assert "biaya (fee) tidak boleh negatif" in message
    assert "kanal 'POS' tidak dikenal" in message
    assert "kategori 'XX' tidak dikenal" in message
    assert isinstance(broken, Service)
