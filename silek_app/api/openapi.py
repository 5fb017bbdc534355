"""The OpenAPI 3.1 document of the public API, written out so it is reviewed like code."""

from __future__ import annotations

_ERROR = {
    "type": "object",
    "properties": {"error": {"type": "string", "description": "Pesan dalam Bahasa Indonesia"}},
    "required": ["error"],
}
_SUMMARY = {
    "type": "object",
    "properties": {
        "kode": {"type": "string", "example": "SIPD"},
        "nama": {"type": "string"},
        "kategori": {"type": "string", "enum": ["TK", "FAS", "PS", "NON"]},
        "kategori_label": {"type": "string"},
        "sla_hari_kerja": {"type": "integer", "minimum": 1},
        "biaya": {"type": "integer", "minimum": 0, "description": "Rupiah"},
    },
    "required": ["kode", "nama", "kategori", "sla_hari_kerja", "biaya"],
}
_REQUIREMENT = {
    "type": "object",
    "properties": {
        "kode": {"type": "string"},
        "nama": {"type": "string"},
        "keterangan": {"type": "string"},
        "wajib": {"type": "boolean"},
        "tipe_berkas": {
            "type": "array",
            "items": {"type": "string", "enum": ["pdf", "jpg", "png"]},
        },
        "ukuran_maks_mb": {"type": "integer"},
        "templat": {"type": ["string", "null"]},
        "kondisi": {"type": ["string", "null"]},
    },
    "required": ["kode", "nama", "wajib", "tipe_berkas", "ukuran_maks_mb"],
}
_DETAIL = {
    "type": "object",
    "properties": {
        **_SUMMARY["properties"],
        "kanal": {"type": "string", "enum": ["SILEK_NATIVE", "OSS_RBA_ASSISTED"]},
        "kanal_label": {"type": "string"},
        "keterangan_biaya": {"type": "string"},
        "produk": {"type": "string"},
        "masa_berlaku_bulan": {"type": ["integer", "null"]},
        "dasar_hukum": {"type": "array", "items": {"type": "string"}},
        "jenis_permohonan": {
            "type": "array",
            "items": {
                "type": "string",
                "enum": ["BARU", "PERPANJANGAN", "PERUBAHAN", "PENCABUTAN"],
            },
        },
        "saluran_pengaduan": {"type": "array", "items": {"type": "string"}},
        "nomor_sk_standar_pelayanan": {"type": "string"},
        "maklumat_pelayanan": {"type": "string"},
        "standar_pelayanan": {
            "type": "object",
            "description": "14 komponen Standar Pelayanan (PermenPANRB 15/2014)",
            "additionalProperties": {"type": "string"},
        },
        "persyaratan": {
            "type": "object",
            "description": "Persyaratan per jenis permohonan",
            "additionalProperties": {"type": "array", "items": _REQUIREMENT},
        },
    },
    "required": [*_SUMMARY["required"], "standar_pelayanan", "persyaratan", "dasar_hukum"],
}
_VERIFICATION = {
    "type": "object",
    "description": "Data yang tercetak pada izin; tanpa NIK, alamat, tanggal lahir",
    "properties": {
        "valid": {"type": "boolean", "const": True},
        "status": {"type": "string", "enum": ["AKTIF", "DICABUT", "KEDALUWARSA"]},
        "status_label": {"type": "string"},
        "holder_name": {"type": "string", "description": "Nama pemegang izin"},
        "service_name": {"type": "string"},
        "number": {"type": "string", "example": "503/0001/SIPB/DPMPTSP-SLK/2026"},
        "issued_date": {"type": "string", "format": "date"},
        "issued_label": {"type": "string"},
        "valid_until": {"type": "string", "description": "Tanggal (ISO) atau kosong"},
        "valid_until_label": {"type": "string"},
        "revoked_date": {"type": "string", "description": "Tanggal pencabutan atau kosong"},
        "revoked_label": {"type": "string"},
        "revoke_reason": {"type": "string"},
    },
    "required": ["valid", "status", "holder_name", "service_name", "number", "issued_date"],
}
_NOT_VALID = {
    "type": "object",
    "properties": {"valid": {"type": "boolean", "const": False}, "message": {"type": "string"}},
    "required": ["valid", "message"],
}

_NUM_OR_NULL = {"type": ["number", "null"]}
_STAT_ROW = {
    "type": "object",
    "description": "Kinerja satu layanan pada periode yang diminta (agregat, tanpa data pribadi)",
    "properties": {
        "kode": {"type": "string"},
        "nama": {"type": "string"},
        "kategori": {"type": "string", "enum": ["TK", "FAS", "PS", "NON"]},
        "sla_hari_kerja": {"type": "integer"},
        "jumlah_permohonan": {"type": "integer", "description": "Permohonan yang diajukan"},
        "jumlah_terbit": {"type": "integer"},
        "median_hari_kerja": {
            **_NUM_OR_NULL,
            "description": "Median hari kerja dari pengajuan sampai izin terbit, tanpa masa "
            "perbaikan oleh pemohon",
        },
        "persen_tepat_waktu": {**_NUM_OR_NULL, "description": "% izin terbit dalam SLA"},
        "ikm": {**_NUM_OR_NULL, "description": "Indeks Kepuasan Masyarakat (25-100)"},
        "mutu": {"type": ["string", "null"], "enum": ["A", "B", "C", "D", None]},
        "kinerja": {"type": ["string", "null"]},
        "responden": {"type": "integer"},
    },
    "required": ["kode", "nama", "kategori", "jumlah_permohonan", "median_hari_kerja",
                 "persen_tepat_waktu", "ikm", "mutu", "responden"],
}  # fmt: skip
_STATISTICS = {
    "type": "object",
    "properties": {
        "filter": {"type": "object", "additionalProperties": {"type": "string"}},
        "dihitung_pada": {"type": "string", "format": "date-time"},
        "maklumat": {"type": "array", "items": {"type": "string"}},
        "saluran_pengaduan": {"type": "array", "items": {"type": "string"}},
        "ringkasan": {"type": "object", "description": "Angka seluruh layanan yang tersaring"},
        "layanan": {"type": "array", "items": _STAT_ROW},
    },
    "required": ["filter", "ringkasan", "layanan"],
}


def _date_param(name: str, text: str) -> dict:
    return {"name": name, "in": "query", "required": False, "description": text,
            "schema": {"type": "string", "format": "date"}}  # fmt: skip


def openapi_document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "API Publik SILEK — DPMPTSP Kota Solok",
            "version": "1.0.0",
            "description": "Data katalog layanan dan Standar Pelayanan. Tidak memuat data pribadi.",
        },
        "paths": {
            "/api/v1/layanan": {
                "get": {
                    "summary": "Daftar layanan",
                    "operationId": "daftarLayanan",
                    "parameters": [
                        {
                            "name": "kategori",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "enum": ["TK", "FAS", "PS", "NON"]},
                        },
                        {
                            "name": "q",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "maxLength": 100},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "Daftar layanan",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "jumlah": {"type": "integer"},
                                            "layanan": {"type": "array", "items": _SUMMARY},
                                        },
                                        "required": ["jumlah", "layanan"],
                                    }
                                }
                            },
                        },
                        "400": {
                            "description": "Kategori tidak dikenal",
                            "content": {"application/json": {"schema": _ERROR}},
                        },
                    },
                }
            },
            "/api/v1/layanan/{kode}": {
                "get": {
                    "summary": "Standar pelayanan dan persyaratan satu layanan",
                    "operationId": "detailLayanan",
                    "parameters": [
                        {
                            "name": "kode",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "maxLength": 16},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "Detail layanan",
                            "content": {"application/json": {"schema": _DETAIL}},
                        },
                        "404": {
                            "description": "Kode layanan tidak dikenal",
                            "content": {"application/json": {"schema": _ERROR}},
                        },
                    },
                }
            },
            "/api/v1/templat/{nama}": {
                "get": {
                    "summary": "Unduh templat formulir persyaratan (PDF kosong untuk diisi)",
                    "operationId": "unduhTemplat",
                    "parameters": [
                        {
                            "name": "nama",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "pattern": "^[a-z0-9_]+\\.pdf$"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "Berkas PDF",
                            "content": {
                                "application/pdf": {
                                    "schema": {"type": "string", "format": "binary"}
                                }
                            },
                        },
                        "404": {
                            "description": "Templat tidak dikenal",
                            "content": {"application/json": {"schema": _ERROR}},
                        },
                    },
                }
            },
            "/api/v1/verifikasi/{token}": {
                "get": {
                    "summary": "Verifikasi keabsahan dan status izin dari kode QR",
                    "operationId": "verifikasiIzin",
                    "parameters": [
                        {
                            "name": "token",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "maxLength": 64},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "Izin dikenal",
                            "content": {"application/json": {"schema": _VERIFICATION}},
                        },
                        "404": {
                            "description": "Kode tidak valid",
                            "content": {"application/json": {"schema": _NOT_VALID}},
                        },
                    },
                }
            },
            "/api/v1/statistik": {
                "get": {
                    "summary": "Statistik kinerja layanan (data terbuka)",
                    "description": "Per layanan: jumlah permohonan, median hari kerja sampai "
                    "terbit, persentase tepat waktu, dan IKM (PermenPANRB 14/2017) dengan "
                    "mutunya. Periode menurut tanggal pengajuan (WIB); IKM menurut tanggal "
                    "pengisian survei. Hanya angka agregat, tanpa data pribadi.",
                    "operationId": "statistikLayanan",
                    "parameters": [
                        _date_param("dari", "Tanggal awal periode (TTTT-BB-HH)"),
                        _date_param("sampai", "Tanggal akhir periode, tidak sebelum 'dari'"),
                        {
                            "name": "layanan",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "maxLength": 16},
                        },
                        {
                            "name": "kategori",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "enum": ["TK", "FAS", "PS", "NON"]},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "Statistik per layanan",
                            "content": {"application/json": {"schema": _STATISTICS}},
                        },
                        "400": {
                            "description": "Tanggal tidak valid, periode terbalik, atau kode "
                            "layanan/kategori tidak dikenal",
                            "content": {"application/json": {"schema": _ERROR}},
                        },
                    },
                }
            },
            "/api/health": {
                "get": {
                    "summary": "Status aplikasi dan basis data",
                    "operationId": "kesehatan",
                    "responses": {
                        "200": {
                            "description": "Sehat",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "status": {"type": "string"},
                                            "database": {"type": "string"},
                                        },
                                    }
                                }
                            },
                        },
                        "503": {"description": "Basis data tidak dapat dihubungi"},
                    },
                }
            },
        },
    }
