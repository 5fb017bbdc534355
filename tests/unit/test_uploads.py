"""Server-side checks of uploaded requirement documents (silek_app.domain.uploads)."""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import os
import sys

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import DependencyError

from silek_app.domain import uploads
from silek_app.domain.uploads import (
    FILE_KINDS,
    CheckedFile,
    UploadError,
    check_upload,
    detect_kind,
    human_size,
)
from tests.support import sample_files as sf

MIB = 1024 * 1024
ALL = ("pdf", "jpg", "png")


def refused(data: bytes, *, allowed=ALL, max_size_mb: int = 5, filename: str = "") -> UploadError:
    with pytest.raises(UploadError) as info:
        check_upload(data, allowed=allowed, max_size_mb=max_size_mb, filename=filename)
    assert isinstance(info.value, ValueError)
    assert str(info.value) == info.value.message
    return info.value


# --- accepted files ------------------------------------------------------------------


def test_valid_pdf_is_described() -> None:
    data = sf.valid_pdf(pages=3)
    checked = check_upload(data, allowed=["pdf"], max_size_mb=5, filename="ijazah.pdf")
    assert checked == CheckedFile(
        kind="pdf",
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        extension=".pdf",
        pages=3,
        width=None,
        height=None,
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        checked.kind = "png"  # type: ignore[misc]
    # A bytearray (as some upload handlers deliver) is checked the same way.
    assert check_upload(bytearray(data), allowed=["pdf"], max_size_mb=5) == checked


@pytest.mark.parametrize(
    ("make", "kind", "content_type"),
    [(sf.valid_png, "png", "image/png"), (sf.valid_jpeg, "jpg", "image/jpeg")],
)
def test_valid_images_are_described(make, kind, content_type) -> None:
    data = make(120, 80)
    checked = check_upload(data, allowed=ALL, max_size_mb=5)
    assert (checked.kind, checked.content_type) == (kind, content_type)
    assert checked.extension == f".{kind}"
    assert (checked.width, checked.height, checked.pages) == (120, 80, None)
    assert checked.size == len(data)
    assert checked.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("data", "filename", "extension"),
    [
        (sf.valid_png(), "ktp.pdf", ".png"),
        (sf.valid_jpeg(), "foto.JPEG", ".jpg"),
        (sf.valid_jpeg(), "pas-foto.png", ".jpg"),
        (sf.valid_pdf(), "surat.PDF.exe", ".pdf"),
        (sf.valid_pdf(), "", ".pdf"),
    ],
)
def test_extension_comes_from_content_not_name(data, filename, extension) -> None:
    checked = check_upload(data, allowed=ALL, max_size_mb=5, filename=filename)
    assert checked.extension == extension
    assert checked.content_type == FILE_KINDS[checked.kind]


def test_owner_password_only_pdf_opens_without_password() -> None:
    # Encrypted with an empty user password: viewers open it, so officers can too.
    checked = check_upload(sf.encrypted_pdf(user_password=""), allowed=["pdf"], max_size_mb=5)
    assert checked.pages == 1


def test_phone_jpeg_with_trailing_data_is_accepted() -> None:
    # Some phones append extra data (e.g. a motion-photo clip) after the JPEG end marker.
    data = sf.valid_jpeg() + b"\x00" * 64 + b"ftypmp42" + b"x" * 512
    assert check_upload(data, allowed=["jpg"], max_size_mb=5).width == 64


def test_large_valid_pdf_under_the_limit_is_accepted() -> None:
    data = sf.oversized_pdf(mb=5.9)
    checked = check_upload(data, allowed=["pdf"], max_size_mb=6)
    assert checked.pages == 1
    assert checked.sha256 == hashlib.sha256(data).hexdigest()


def test_large_jpeg_photo_is_accepted() -> None:
    checked = check_upload(sf.valid_jpeg(4000, 3000), allowed=["jpg"], max_size_mb=5)
    assert (checked.width, checked.height) == (4000, 3000)


# --- empty and size --------------------------------------------------------------------


def test_empty_file_is_refused() -> None:
    error = refused(b"")
    assert error.code == "empty"
    assert error.message == "Berkas kosong (0 byte). Pilih berkas yang berisi dokumen."


def test_too_large_message() -> None:
    error = refused(b"%PDF-" + b"\x00" * (int(7.3 * MIB) - 5), max_size_mb=5)
    assert error.code == "too_large"
    assert error.message == (
        "Ukuran berkas 7,3 MB melebihi batas 5 MB. Perkecil berkas (misalnya foto dengan "
        "resolusi lebih rendah) lalu unggah lagi."
    )


def test_file_just_over_the_limit_never_reads_as_equal_to_it() -> None:
    error = refused(sf.valid_pdf() + b"\x00" * (5 * MIB), max_size_mb=5)
    assert error.code == "too_large"
    assert error.message.startswith("Ukuran berkas 5,1 MB melebihi batas 5 MB.")


def test_limit_is_inclusive_and_in_mebibytes() -> None:
    at_limit = b"%PDF-" + b"\x00" * (2 * MIB - 5)
    assert refused(at_limit, max_size_mb=2).code == "corrupt"  # parsed, so size passed
    assert refused(at_limit + b"\x00", max_size_mb=2).code == "too_large"


def test_size_is_checked_before_any_parsing(monkeypatch) -> None:
    def must_not_run(*args, **kwargs):
        raise AssertionError("parser called for an oversized upload")

    monkeypatch.setattr(uploads, "PdfReader", must_not_run)
    monkeypatch.setattr(uploads.Image, "open", must_not_run)
    for data in (sf.oversized_pdf(mb=3), sf.valid_png() + b"\x00" * (3 * MIB)):
        error = refused(data, max_size_mb=2)
        assert error.code == "too_large"
        assert "melebihi batas 2 MB" in error.message


# --- content type ----------------------------------------------------------------------

NOT_ACCEPTED = [
    pytest.param(sf.exe_renamed(), "formulir.pdf", "program Windows", id="exe-as-pdf"),
    pytest.param(sf.html_as_image(), "foto.png", "halaman web", id="html-as-png"),
    pytest.param(sf.zip_archive(), "surat.docx", "Word", id="zip-docx"),
    pytest.param(sf.gif_image(), "foto.jpg", "GIF", id="gif"),
    pytest.param(sf.heic_photo(), "IMG_0001.HEIC", "HEIC", id="heic"),
    pytest.param(b"Surat keterangan sehat\n", "surat.pdf", None, id="text"),
    pytest.param(b"\x00" * 1000, "scan.png", None, id="zeros"),
    pytest.param(b" \n" + sf.valid_pdf(), "ijazah.pdf", None, id="pdf-after-whitespace"),
    pytest.param(b"\xff\xd8", "foto.jpg", None, id="jpeg-magic-cut-short"),
]


@pytest.mark.parametrize(("data", "filename", "recognised"), NOT_ACCEPTED)
def test_content_that_is_not_pdf_jpg_or_png_is_refused(data, filename, recognised) -> None:
    error = refused(data, allowed=["pdf"], filename=filename)
    assert error.code == "type"
    assert error.message.startswith(
        "Isi berkas bukan PDF, JPG, atau PNG yang sah (berkas dinilai dari isinya, bukan dari "
        "namanya)."
    )
    assert "Jenis yang diterima untuk persyaratan ini: PDF." in error.message
    assert "unggah lagi" in error.message
    if recognised:
        assert recognised in error.message


def test_type_message_lists_the_requirements_kinds() -> None:
    assert "ini: JPG atau PNG." in refused(sf.exe_renamed(), allowed=["png", "jpg"]).message
    assert "ini: PDF, JPG, atau PNG." in refused(sf.exe_renamed(), allowed=ALL).message


@pytest.mark.parametrize(
    ("data", "allowed", "fragment"),
    [
        (sf.valid_png(), ["pdf"], "berupa PNG, sedangkan persyaratan ini hanya menerima PDF."),
        (sf.valid_jpeg(), ["pdf"], "berupa JPG, sedangkan persyaratan ini hanya menerima PDF."),
        (
            sf.valid_pdf(),
            ["jpg", "png"],
            "berupa PDF, sedangkan persyaratan ini hanya menerima JPG",
        ),
        (sf.valid_png(), ["jpg"], "Simpan ulang gambar sebagai JPG"),
    ],
)
def test_real_kind_not_allowed_for_the_requirement(data, allowed, fragment) -> None:
    error = refused(data, allowed=allowed, filename="dokumen.pdf")
    assert error.code == "not_allowed"
    assert fragment in error.message


# --- PDFs that do not open -------------------------------------------------------------

PDF_CORRUPT = (
    "Berkas PDF rusak atau tidak dapat dibuka. Simpan ulang atau pindai ulang dokumen, "
    "lalu unggah lagi."
)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(sf.corrupt_pdf(), id="garbage-after-header"),
        pytest.param(sf.truncated_pdf(), id="truncated"),
        pytest.param(b"%PDF-1.7\n", id="header-only"),
        pytest.param(b"%PDF-", id="magic-only"),
        pytest.param(sf.zero_page_pdf(), id="zero-pages"),
        pytest.param(sf.cyclic_pages_pdf(), id="cyclic-page-tree"),
        pytest.param(sf.deeply_nested_pdf(), id="deep-nesting"),
        pytest.param(sf.page_fanout_pdf(), id="page-tree-fanout-bomb"),
    ],
)
def test_broken_or_hostile_pdf_is_corrupt(data) -> None:
    error = refused(data, allowed=["pdf"])
    assert error.code == "corrupt"
    assert error.message == PDF_CORRUPT


def test_self_referencing_xref_chain_terminates() -> None:
    # pypdf stops at the loop and the page tree is intact, so the file is usable.
    assert check_upload(sf.xref_loop_pdf(), allowed=["pdf"], max_size_mb=5).pages == 1


def test_password_protected_pdf_is_refused() -> None:
    error = refused(sf.encrypted_pdf(), allowed=["pdf"])
    assert error.code == "encrypted"
    assert "kata sandi" in error.message
    assert "unggah lagi" in error.message


def test_pdf_that_needs_missing_crypto_support_is_reported_as_encrypted(monkeypatch) -> None:
    def no_aes(self, password):
        raise DependencyError("cryptography is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", no_aes)
    assert refused(sf.encrypted_pdf(user_password=""), allowed=["pdf"]).code == "encrypted"


# --- images that do not decode ---------------------------------------------------------


def _flip_byte(data: bytes, index: int) -> bytes:
    return data[:index] + bytes([data[index] ^ 0xFF]) + data[index + 1 :]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(sf.truncated_jpeg(), id="truncated-jpeg"),
        pytest.param(sf.truncated_png(), id="truncated-png"),
        pytest.param(sf.valid_jpeg()[:-2], id="jpeg-without-end-marker"),
        pytest.param(b"\xff\xd8\xff\xe0" + b"\x00" * 100, id="jpeg-header-garbage"),
        pytest.param(b"\x89PNG\r\n\x1a\n", id="png-signature-only"),
        pytest.param(_flip_byte(sf.valid_png(), len(sf.valid_png()) // 2), id="png-bad-crc"),
        pytest.param(sf.html_as_image().replace(b"<!DOCTYPE", b"\x89PNG\r\n\x1a\n"), id="fake-png"),
    ],
)
def test_broken_image_is_corrupt(data) -> None:
    error = refused(data, allowed=["jpg", "png"])
    assert error.code == "corrupt"
    assert error.message.startswith("Gambar rusak atau tidak dapat dibuka")
    assert "unggah lagi" in error.message


def test_image_over_40_megapixels_is_refused_with_its_size() -> None:
    pillow_limit = Image.MAX_IMAGE_PIXELS
    error = refused(sf.pixel_bomb_png(7000, 7000), allowed=["png"])
    assert Image.MAX_IMAGE_PIXELS == pillow_limit  # our limit is local, no global change
    assert error.code == "too_many_pixels"
    assert "7.000 × 7.000 piksel" in error.message
    assert "40 megapiksel" in error.message


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_pixel_bomb_is_refused() -> None:
    data = sf.pixel_bomb_png()
    assert len(data) < 100_000  # small on disk, 100 megapixels when decoded
    assert refused(data, allowed=["png"]).code == "too_many_pixels"


@pytest.mark.filterwarnings("error::PIL.Image.DecompressionBombWarning")
def test_pixel_bomb_is_refused_when_warnings_are_errors() -> None:
    assert refused(sf.pixel_bomb_png(), allowed=["png"]).code == "too_many_pixels"


def test_pixel_bomb_beyond_pillows_hard_limit_is_refused() -> None:
    # 400 megapixels: Pillow itself raises DecompressionBombError while opening.
    assert refused(sf.pixel_bomb_png(20_000, 20_000), allowed=["png"]).code == "too_many_pixels"


def test_pixel_limit_is_inclusive(monkeypatch) -> None:
    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 64 * 64)
    assert check_upload(sf.valid_png(64, 64), allowed=["png"], max_size_mb=5).width == 64
    assert refused(sf.valid_png(65, 64), allowed=["png"]).code == "too_many_pixels"
    assert refused(sf.valid_jpeg(64, 65), allowed=["jpg"]).code == "too_many_pixels"


# --- nothing touches the disk ----------------------------------------------------------

_recorded: list[tuple] | None = None


def _audit(event: str, args: tuple) -> None:
    if _recorded is not None and (event == "open" or event.startswith("tempfile.")):
        _recorded.append((event, args))


sys.addaudithook(_audit)  # audit hooks cannot be removed; it is inert unless recording
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC


def _writes(events: list[tuple]) -> list[tuple]:
    found = []
    for event, args in events:
        if event.startswith("tempfile."):
            found.append((event, args))
            continue
        _path, mode, flags = args
        if (isinstance(mode, str) and set(mode) & set("wax+")) or (flags or 0) & _WRITE_FLAGS:
            found.append((event, args))
    return found


def test_check_upload_writes_nothing_to_disk() -> None:
    global _recorded
    samples = [sf.valid_pdf(pages=2), sf.valid_png(), sf.valid_jpeg(), sf.encrypted_pdf()]
    samples += [sf.truncated_jpeg(), sf.corrupt_pdf(), sf.pixel_bomb_png(7000, 7000)]
    run = [lambda d=d: check_upload(d, allowed=ALL, max_size_mb=5) for d in samples]

    def run_all() -> None:
        for call in run:
            with contextlib.suppress(UploadError):
                call()

    run_all()  # first run may import plugins lazily; that reads files, legitimately
    _recorded = []
    try:
        run_all()
        events = list(_recorded)
    finally:
        _recorded = None
    assert _writes(events) == []


# --- helpers and arguments -------------------------------------------------------------


def test_detect_kind() -> None:
    samples = (sf.valid_pdf(), sf.valid_jpeg(), sf.valid_png(), b"%PDF-", b"\xff\xd8\xff")
    assert [detect_kind(data) for data in samples] == ["pdf", "jpg", "png", "pdf", "jpg"]
    for data in (b"%PDF", b" %PDF-1.4", b"\x89PNG\r\n\x1a", sf.exe_renamed(), b""):
        assert detect_kind(data) is None


@pytest.mark.parametrize(
    ("n_bytes", "text"),
    [
        (0, "0 byte"),
        (1023, "1023 byte"),
        (1024, "1 KB"),
        (850 * 1024, "850 KB"),
        (1023 * 1024, "1 MB"),
        (int(1.2 * MIB), "1,2 MB"),
        (5 * MIB, "5 MB"),
        (int(7.3 * MIB), "7,3 MB"),
        (3 * 1024 * MIB, "3 GB"),
    ],
)
def test_human_size(n_bytes, text) -> None:
    assert human_size(n_bytes) == text


def test_allowed_kinds_are_normalised() -> None:
    for allowed in (["JPEG"], ("jpg",), {"Jpg", "pdf"}, "jpg"):
        assert check_upload(sf.valid_jpeg(), allowed=allowed, max_size_mb=5).kind == "jpg"


@pytest.mark.parametrize(
    ("allowed", "max_size_mb"),
    [([], 5), (["pdf", "docx"], 5), (["gif"], 5), (["pdf"], 0), (["pdf"], -1), (["pdf"], True)],
)
def test_bad_requirement_settings_are_programming_errors(allowed, max_size_mb) -> None:
    with pytest.raises(ValueError) as info:
        check_upload(sf.valid_pdf(), allowed=allowed, max_size_mb=max_size_mb)
    assert not isinstance(info.value, UploadError)


def test_sample_write_helper(tmp_path) -> None:
    path = sf.write(tmp_path, "ktp.png", sf.valid_png())
    assert path == tmp_path / "ktp.png"
    assert path.read_bytes() == sf.valid_png()
