"""Server-side checks of an uploaded requirement document, before anything is stored.

Citizens upload from phones on weak connections, so half-sent, renamed and oversized
files are normal, and a hostile client can send anything. Every rule therefore looks
at the bytes only: the kind comes from the magic bytes (never from the file name or
the client's content type), the size is checked before any parser runs, and the
file must really open (the PDF parses, the image decodes). All work happens in
memory; nothing is written to disk. Duplicate detection is left to the caller,
which gets the SHA-256 of the content.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from PIL import Image
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

FILE_KINDS = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
KIND_LABELS = {"pdf": "PDF", "jpg": "JPG", "png": "PNG"}
EXTENSIONS = {"pdf": ".pdf", "jpg": ".jpg", "png": ".png"}

# 40 megapixels is more than any phone camera produces (a 108 MP sensor saves
# 12 MP binned photos by default) yet bounds the decoded size (~160 MB RGBA).
MAX_IMAGE_PIXELS = 40_000_000

_KIB = 1024
_MIB = 1024 * 1024
_GIB = 1024 * 1024 * 1024

_PDF_MAGIC = b"%PDF-"
_JPEG_MAGIC = b"\xff\xd8\xff"
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_PILLOW_FORMATS = {"jpg": ("JPEG",), "png": ("PNG",)}

# Recognised only to tell the citizen what they sent; none of these is ever accepted.
# Word files and iPhone photos are the usual mistakes, hence the friendly names.
_FOREIGN_MAGIC = (
    (b"MZ", "program Windows (EXE)"),
    (b"PK\x03\x04", "dokumen Word/Excel (DOCX/XLSX) atau arsip ZIP"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "dokumen Word/Excel versi lama (DOC/XLS)"),
    (b"GIF87a", "gambar GIF"),
    (b"GIF89a", "gambar GIF"),
    (b"Rar!", "arsip RAR"),
)
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}

MSG_EMPTY = "Berkas kosong (0 byte). Pilih berkas yang berisi dokumen."
MSG_TOO_LARGE = (
    "Ukuran berkas {size} melebihi batas {limit}. Perkecil berkas (misalnya foto dengan "
    "resolusi lebih rendah) lalu unggah lagi."
)
MSG_TYPE = (
    "Isi berkas bukan PDF, JPG, atau PNG yang sah (berkas dinilai dari isinya, bukan dari "
    "namanya).{seen} Jenis yang diterima untuk persyaratan ini: {allowed}. {advice}"
)
MSG_NOT_ALLOWED = (
    "Berkas ini berupa {kind}, sedangkan persyaratan ini hanya menerima {allowed}. {advice}"
)
MSG_PDF_CORRUPT = (
    "Berkas PDF rusak atau tidak dapat dibuka. Simpan ulang atau pindai ulang dokumen, "
    "lalu unggah lagi."
)
MSG_PDF_ENCRYPTED = (
    "Berkas PDF dilindungi kata sandi atau enkripsi sehingga tidak dapat dibuka petugas. "
    "Simpan ulang dokumen tanpa kata sandi (misalnya dengan mencetaknya ke PDF baru), "
    "lalu unggah lagi."
)
MSG_IMAGE_CORRUPT = (
    "Gambar rusak atau tidak dapat dibuka (mungkin pengiriman berkas terputus). Ambil ulang "
    "foto atau simpan ulang gambar, lalu unggah lagi."
)
MSG_TOO_MANY_PIXELS = (
    "Resolusi gambar terlalu besar{dimensions}; batasnya {limit} megapiksel. Perkecil "
    "resolusi gambar (misalnya atur kamera ke resolusi lebih rendah) lalu unggah lagi."
)


class UploadError(ValueError):
    """An upload was refused. ``message`` (also ``str(error)``) is Indonesian, for the citizen.

    ``code`` names the failed rule for logs and tests: "empty", "too_large", "type",
    "not_allowed", "corrupt", "encrypted" or "too_many_pixels".
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed every check; what the caller needs to store it safely."""

    kind: str  # "pdf" | "jpg" | "png"
    content_type: str
    size: int
    sha256: str  # hex digest of the exact bytes received
    extension: str  # chosen by the server from the content; the client's name is ignored
    pages: int | None  # PDFs only
    width: int | None  # images only, as stored (before any EXIF rotation)
    height: int | None


def detect_kind(data: bytes) -> str | None:
    """The kind ("pdf", "jpg", "png") from the leading magic bytes, or None.

    Strict on purpose: the signature must be at offset 0. Readers that tolerate
    leading junk are exactly what polyglot files exploit.
    """
    if data.startswith(_PDF_MAGIC):
        return "pdf"
    if data.startswith(_JPEG_MAGIC):
        return "jpg"
    if data.startswith(_PNG_MAGIC):
        return "png"
    return None


def check_upload(
    data: bytes, *, allowed: Iterable[str], max_size_mb: int, filename: str = ""
) -> CheckedFile:
    """Check an upload against one requirement and describe it, or raise UploadError.

    ``allowed`` is the requirement's subset of FILE_KINDS and ``max_size_mb`` its limit
    in MiB; bad values there are programming errors (plain ValueError, not
    UploadError). ``filename`` is accepted so callers can pass what they have, but it
    decides nothing: a file named .pdf that holds a PNG is a PNG.
    """
    del filename  # deliberately unused, see above
    kinds = _normalise_allowed(allowed)
    if isinstance(max_size_mb, bool) or not isinstance(max_size_mb, int) or max_size_mb < 1:
        raise ValueError(f"max_size_mb harus bilangan bulat positif, bukan {max_size_mb!r}.")
    size = len(data)
    if size == 0:
        raise UploadError("empty", MSG_EMPTY)
    # Before any parsing: an oversized upload must cost nothing but its length.
    if size > max_size_mb * _MIB:
        raise UploadError(
            "too_large",
            MSG_TOO_LARGE.format(
                size=_size_over_limit(size, max_size_mb), limit=human_size(max_size_mb * _MIB)
            ),
        )

    data = bytes(data)  # a bytearray could change while we check it; bytes are not copied
    kind = detect_kind(data)
    if kind is None:
        seen = _describe_foreign(data)
        raise UploadError(
            "type",
            MSG_TYPE.format(
                seen=f" Berkas ini tampaknya {seen}." if seen else "",
                allowed=_join_or(kinds),
                advice=f"Simpan atau ekspor dokumen sebagai {_join_or(kinds)}, lalu unggah lagi.",
            ),
        )
    if kind not in kinds:
        raise UploadError(
            "not_allowed",
            MSG_NOT_ALLOWED.format(
                kind=KIND_LABELS[kind], allowed=_join_or(kinds), advice=_convert_advice(kind, kinds)
            ),
        )

    pages = width = height = None
    if kind == "pdf":
        pages = _count_pdf_pages(data)
    else:
        width, height = _decode_image(data, kind)

    return CheckedFile(
        kind=kind,
        content_type=FILE_KINDS[kind],
        size=size,
        sha256=hashlib.sha256(data).hexdigest(),
        extension=EXTENSIONS[kind],
        pages=pages,
        width=width,
        height=height,
    )


def human_size(n_bytes: int) -> str:
    """A size as Indonesians write it: "850 KB", "1,2 MB", "5 MB" (binary units)."""
    if n_bytes < 0:
        raise ValueError(f"Ukuran tidak boleh negatif: {n_bytes}.")
    if n_bytes < _KIB:
        return f"{n_bytes} byte"
    if round(n_bytes / _KIB) < 1000:  # switch early so 1023,6 KB never shows as "1024 KB"
        return f"{max(1, round(n_bytes / _KIB))} KB"
    if round(n_bytes / _MIB, 1) < 1000:
        return f"{_decimal(n_bytes / _MIB)} MB"
    return f"{_decimal(n_bytes / _GIB)} GB"


def _decimal(value: float) -> str:
    text = f"{value:.1f}".replace(".", ",")
    return text.removesuffix(",0")


def _size_over_limit(size: int, max_size_mb: int) -> str:
    # Ordinary rounding would tell someone that "5 MB melebihi batas 5 MB"; a file
    # just over the limit is shown rounded up to the next 0,1 MB instead.
    shown = human_size(size)
    if round(size / _MIB, 1) <= max_size_mb:
        tenths = -(-size * 10 // _MIB)
        shown = f"{_decimal(tenths / 10)} MB"
    return shown


def _normalise_allowed(allowed: Iterable[str]) -> tuple[str, ...]:
    items = (allowed,) if isinstance(allowed, str) else tuple(allowed)
    kinds = {str(item).strip().lower() for item in items}
    kinds = {"jpg" if k == "jpeg" else k for k in kinds}  # catalogue data may say "jpeg"
    unknown = kinds - FILE_KINDS.keys()
    if not kinds or unknown:
        raise ValueError(f"Jenis berkas persyaratan tidak dikenal atau kosong: {sorted(unknown)}.")
    return tuple(k for k in FILE_KINDS if k in kinds)  # fixed order for stable messages


def _join_or(kinds: Iterable[str]) -> str:
    labels = [KIND_LABELS[k] for k in kinds]
    if len(labels) <= 2:
        return " atau ".join(labels)
    return ", ".join(labels[:-1]) + ", atau " + labels[-1]


def _describe_foreign(data: bytes) -> str | None:
    """A plain-language name for common wrong files (only to phrase the message)."""
    for magic, name in _FOREIGN_MAGIC:
        if data.startswith(magic):
            return name
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "foto HEIC/HEIF (format bawaan kamera iPhone)"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "gambar WebP"
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<svg", b"<script")):
        return "halaman web atau berkas teks (HTML/XML/SVG)"
    return None


def _convert_advice(kind: str, kinds: tuple[str, ...]) -> str:
    if kind != "pdf" and "pdf" in kinds:
        return (
            "Ubah foto atau gambar dokumen menjadi PDF (misalnya dengan aplikasi pemindai "
            "dokumen di ponsel), lalu unggah lagi."
        )
    if kind == "pdf":
        return (
            f"Unggah foto atau gambar berformat {_join_or(kinds)} (misalnya hasil kamera "
            "ponsel), bukan PDF."
        )
    return f"Simpan ulang gambar sebagai {_join_or(kinds)}, lalu unggah lagi."


def _count_pdf_pages(data: bytes) -> int:
    """Parse just enough of the PDF to count its pages; refuse what cannot be opened.

    strict=False lets pypdf rebuild a damaged cross-reference table, as desktop
    viewers do. pypdf's own limits (page tree depth, stream and decompression sizes)
    bound the work; the page count walks the page tree but reads no page content.
    """
    encrypted = False
    pages = 0
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # An owner-password-only PDF opens with the empty user password, as it
            # does in any viewer; only a PDF that truly needs a password is refused.
            encrypted = reader.decrypt("") == PasswordType.NOT_DECRYPTED
        if not encrypted:
            pages = len(reader.pages)
    except (RecursionError, MemoryError):  # hostile nesting or sizes: treat as broken
        pages = 0
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on hostile input
        # AES needs an optional crypto package; without it the PDF cannot be opened
        # here, and telling the citizen to remove the protection is the useful answer.
        encrypted = isinstance(exc, DependencyError)
        pages = 0
    if encrypted:
        raise UploadError("encrypted", MSG_PDF_ENCRYPTED)
    if pages < 1:
        raise UploadError("corrupt", MSG_PDF_CORRUPT)
    return pages


def _decode_image(data: bytes, kind: str) -> tuple[int, int]:
    """Decode the image fully (in memory) and return its stored width and height."""
    formats = _PILLOW_FORMATS[kind]
    with _image_errors():
        with Image.open(io.BytesIO(data), formats=formats) as image:
            width, height = image.size
            if width * height <= MAX_IMAGE_PIXELS:
                # verify() checks structure (PNG chunk CRCs) but decodes nothing, so it
                # misses truncated pixel data; the load() below catches that.
                image.verify()
    if width * height > MAX_IMAGE_PIXELS:
        raise _too_many_pixels(width, height)
    with _image_errors():
        with Image.open(io.BytesIO(data), formats=formats) as image:
            if kind == "jpg":
                # Decode at 1/8 scale: every byte of the compressed data is still read
                # (truncation is still caught), with 1/64 of the memory and less work.
                image.draft(image.mode, (1, 1))
            image.load()
    return width, height


@contextlib.contextmanager
def _image_errors() -> Iterator[None]:
    # Pillow's own bomb guard uses the process-wide Image.MAX_IMAGE_PIXELS (about
    # 89 MP: a warning above it, an error above twice it). Changing that global would
    # leak into the rest of the app, so it is left alone: our lower limit is checked
    # from the header in _decode_image, and Pillow's error (or its warning, where
    # warnings are turned into errors) is mapped to the same refusal here.
    try:
        yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(None, None) from None
    except (RecursionError, MemoryError):
        raise UploadError("corrupt", MSG_IMAGE_CORRUPT) from None
    except Exception:  # noqa: BLE001 - Pillow raises OSError, SyntaxError, ValueError, ...
        raise UploadError("corrupt", MSG_IMAGE_CORRUPT) from None


def _too_many_pixels(width: int | None, height: int | None) -> UploadError:
    dimensions = ""
    if width and height:
        megapixels = _decimal(width * height / 1_000_000)
        dimensions = (
            f" ({_thousands(width)} × {_thousands(height)} piksel = {megapixels} megapiksel)"
        )
    limit = MAX_IMAGE_PIXELS // 1_000_000
    return UploadError(
        "too_many_pixels", MSG_TOO_MANY_PIXELS.format(dimensions=dimensions, limit=limit)
    )


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")
