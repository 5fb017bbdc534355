"""Blank requirement forms (templat) that applicants download, fill in, sign and upload.

The wording lives in data/templat.json so the office can correct a form without a code
change; this module validates that file against the service catalogue, and
template_pdf.py renders each form as a plain A4 letter. The applicant, not the office,
is the author of these letters, so there is deliberately no government letterhead on them.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from silek_app.domain.template_pdf import DATE_LINE, FOOTER_TEXT, STRIKE_NOTE, render_form_pdf

# The PDF constants moved to template_pdf with the rendering; they stay importable here.
__all__ = [
    "DATE_LINE",
    "FOOTER_TEXT",
    "KINDS",
    "STRIKE_NOTE",
    "TEMPLATES_PATH",
    "FormTemplate",
    "TemplateError",
    "catalog_template_names",
    "get_template",
    "load_templates",
    "render_template_pdf",
    "template_names",
]

TEMPLATES_PATH = Path(__file__).resolve().parent / "data" / "templat.json"
KINDS = ("permohonan", "pernyataan", "formulir")

# Exact-match names double as the download route's path-traversal guard, so keep them dull.
_NAME_RE = re.compile(r"^[a-z0-9_]+\.pdf$")
_TEXT_KEYS = ("title", "kind", "addressee", "addressee_place", "subject", "intro", "closing")
_TEXT_KEYS += ("signatory", "signatory_note", "second_signatory")
_ENTRY_KEYS = frozenset(_TEXT_KEYS) | {"fields", "paragraphs", "needs_meterai", "table"}
_REQUIRED = ("title", "intro", "closing", "signatory")
_LETTER_ONLY = ("addressee", "addressee_place", "subject")  # required for a permohonan
_MAX_TABLE_COLUMNS = 6
_MAX_TABLE_ROWS = 25


class TemplateError(ValueError):
    """Template data is broken or a name is unknown. The Indonesian message lists why."""

    def __init__(self, problems: list[str] | str):
        self.problems = tuple([problems] if isinstance(problems, str) else problems)
        head = f"Data templat persyaratan tidak valid ({len(self.problems)} masalah):"
        lines = "\n".join([head, *(f"- {p}" for p in self.problems)])
        super().__init__(problems if isinstance(problems, str) else lines)


@dataclass(frozen=True)
class FormTemplate:
    name: str
    title: str
    kind: str
    addressee: str
    intro: str
    fields: tuple[str, ...]
    paragraphs: tuple[str, ...]
    closing: str
    needs_meterai: bool
    signatory: str
    table_columns: tuple[str, ...] = ()
    table_rows: int = 0
    # How many dotted lines each field gets (parallel to `fields`): addresses need two.
    field_lines: tuple[int, ...] = ()
    addressee_place: str = ""
    subject: str = ""
    signatory_note: str = ""
    second_signatory: str = ""
    table_title: str = ""
    table_widths: tuple[float, ...] = ()

    @property
    def needs_strike_note(self) -> bool:
        return any("*)" in f for f in self.fields)


# ---------------------------------------------------------------- loading


def catalog_template_names() -> frozenset[str]:
    """Template file names that the shipped service catalogue refers to."""
    # Imported here so the catalogue may one day validate against this module without a cycle.
    from silek_app.domain.catalog import default_catalog

    services = default_catalog().services
    return frozenset(r.template for s in services for r in s.requirements if r.template)


def load_templates(
    path: Path | None = None, referenced: Iterable[str] | None = None
) -> dict[str, FormTemplate]:
    """Read and validate the template file; `referenced` defaults to the catalogue's names."""
    path = Path(path) if path is not None else TEMPLATES_PATH
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"Berkas templat {path.name} tidak dapat dibaca ({exc}).") from exc
    except json.JSONDecodeError as exc:
        where = f"baris {exc.lineno}, kolom {exc.colno}"
        raise TemplateError(f"Berkas templat {path.name} bukan JSON yang sah ({where}).") from exc
    problems: list[str] = []
    raw = raw if isinstance(raw, dict) else {}
    defaults = raw.get("defaults") if isinstance(raw.get("defaults"), dict) else {}
    entries = raw.get("templates")
    if not isinstance(entries, dict):
        raise TemplateError(["Isian 'templates' harus berupa objek JSON."])
    declared = {n: e for n, e in entries.items() if not n.startswith("_")}
    built = {n: _build(n, e, defaults, problems) for n, e in declared.items()}
    wanted = frozenset(catalog_template_names() if referenced is None else referenced)
    for name in sorted(wanted - set(declared)):
        problems.append(f"Templat '{name}' dirujuk oleh katalog layanan tetapi tidak tersedia.")
    for name in sorted(set(declared) - wanted):
        problems.append(f"Templat '{name}' tidak dirujuk oleh layanan mana pun; hapus entrinya.")
    if problems:
        raise TemplateError(problems)
    return {n: t for n, t in built.items() if t is not None}


def _build(name: str, entry: Any, defaults: dict, problems: list[str]) -> FormTemplate | None:
    where = f"Templat '{name}'"
    if not _NAME_RE.match(name):
        problems.append(f"{where}: nama berkas hanya boleh huruf kecil, angka, '_', dan '.pdf'.")
    if not isinstance(entry, dict):
        problems.append(f"{where}: entri harus berupa objek JSON.")
        return None
    kind = entry.get("kind")
    if kind not in KINDS:
        problems.append(f"{where}: isian 'kind' harus salah satu dari {', '.join(KINDS)}.")
        return None
    base = defaults.get(kind) if isinstance(defaults.get(kind), dict) else {}
    data = {k: v for k, v in {**base, **entry}.items() if not k.startswith("_")}
    count = len(problems)
    for key in sorted(set(data) - _ENTRY_KEYS):
        problems.append(f"{where}: isian '{key}' tidak dikenal.")
    text = {}
    for key in _TEXT_KEYS:
        value = data.get(key, "")
        if not isinstance(value, str):
            problems.append(f"{where}: isian '{key}' harus berupa teks.")
            value = ""
        text[key] = value.strip()
    for key in _REQUIRED + (_LETTER_ONLY if kind == "permohonan" else ()):
        if not text[key]:
            problems.append(f"{where}: isian '{key}' wajib diisi.")
    fields, lines = _fields(data.get("fields"), where, problems)
    paragraphs = data.get("paragraphs", [])
    paragraphs = paragraphs if isinstance(paragraphs, list) else [None]
    if not all(isinstance(p, str) and p.strip() for p in paragraphs) or (
        kind != "formulir" and not paragraphs  # a letter without a body says nothing
    ):
        problems.append(f"{where}: isian 'paragraphs' harus berupa daftar teks yang tidak kosong.")
        paragraphs = []
    if not isinstance(data.get("needs_meterai"), bool):
        problems.append(f"{where}: isian 'needs_meterai' harus berupa true/false.")
    table = _table(data.get("table"), where, problems)
    table_text = [table.get("table_title", ""), *table.get("table_columns", ())]
    _check_glyphs(where, [*text.values(), *fields, *paragraphs, *table_text], problems)
    if len(problems) > count:
        return None
    paragraphs = tuple(p.strip() for p in paragraphs)
    return FormTemplate(
        name,
        fields=fields,
        field_lines=lines,
        paragraphs=paragraphs,
        **text,
        **table,
        needs_meterai=data["needs_meterai"],
    )


def _num(value: Any, low: float, high: float) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high


def _fields(raw: Any, where: str, problems: list[str]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    items = raw if isinstance(raw, list) and raw else [None]
    items = [{"label": i, "lines": 1} if isinstance(i, str) else i for i in items]
    bad = [
        n
        for n, i in enumerate(items, 1)
        if not isinstance(i, dict)
        or not (isinstance(i.get("label"), str) and i["label"].strip())
        or not (isinstance(i.get("lines", 1), int) and _num(i.get("lines", 1), 1, 4))
    ]
    if bad:
        problems.append(
            f"{where}: 'fields' harus berupa daftar label yang tidak kosong, masing-masing "
            f"1-4 baris (bermasalah: ke-{', ke-'.join(map(str, bad))})."
        )
        return (), ()
    return tuple(i["label"].strip() for i in items), tuple(i.get("lines", 1) for i in items)


def _table(raw: Any, where: str, problems: list[str]) -> dict[str, Any]:
    if raw is None:
        return {}
    raw = raw if isinstance(raw, dict) else {}
    title, columns = raw.get("title", ""), raw.get("columns")
    widths, rows = raw.get("widths"), raw.get("rows")
    if not (
        isinstance(title, str)
        and isinstance(columns, list)
        and 1 <= len(columns) <= _MAX_TABLE_COLUMNS
        and all(isinstance(c, str) and c.strip() for c in columns)
        and isinstance(widths, list)
        and len(widths) == len(columns)
        and all(_num(w, 0.1, 100) for w in widths)
        and isinstance(rows, int)
        and _num(rows, 1, _MAX_TABLE_ROWS)
    ):
        problems.append(
            f"{where}: 'table' harus memuat 'title', 'columns' (1-{_MAX_TABLE_COLUMNS} judul), "
            f"'widths' (satu angka positif per kolom), dan 'rows' (1-{_MAX_TABLE_ROWS})."
        )
        return {}
    return {
        "table_title": title.strip(),
        "table_columns": tuple(c.strip() for c in columns),
        "table_widths": tuple(map(float, widths)),
        "table_rows": rows,
    }


def _check_glyphs(where: str, values: Iterable[str], problems: list[str]) -> None:
    # The built-in PDF fonts only carry Windows-1252 glyphs; anything else prints as a box.
    for value in values:
        try:
            value.encode("cp1252")
        except UnicodeEncodeError as exc:
            problems.append(f"{where}: karakter {value[exc.start]!r} tidak dapat dicetak.")


@functools.lru_cache(maxsize=1)
def _default_templates() -> dict[str, FormTemplate]:
    return load_templates()


@functools.lru_cache(maxsize=1)
def template_names() -> frozenset[str]:
    """Names of every downloadable template, validated once per process."""
    return frozenset(_default_templates())


def get_template(name: str) -> FormTemplate:
    template = _default_templates().get(name) if isinstance(name, str) else None
    if template is None:
        raise TemplateError(f"Templat '{str(name)[:80]}' tidak ditemukan.")
    return template


def render_template_pdf(name: str, *, compress: bool = True) -> bytes:
    """The blank form as an A4 PDF; the same name always gives the same bytes."""
    return render_form_pdf(get_template(name), compress=compress)
