"""Blank requirement forms (templat) that applicants download, fill in, sign and upload.

The wording lives in data/templat.json so the office can correct a form without a code
change; this module validates that file against the service catalogue and renders each
form as a plain A4 letter. The applicant, not the office, is the author of these
letters, so there is deliberately no government letterhead on them.
"""

from __future__ import annotations

import functools
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

TEMPLATES_PATH = Path(__file__).resolve().parent / "data" / "templat.json"
KINDS = ("permohonan", "pernyataan", "formulir")
FOOTER_TEXT = "Templat resmi SILEK \u2013 DPMPTSP Kota Solok \u00b7 {name}"
DATE_LINE = "Solok, .............................. 20...."
STRIKE_NOTE = "*) Coret yang tidak perlu."

# Exact-match names double as the download route's path-traversal guard, so keep them dull.
_NAME_RE = re.compile(r"^[a-z0-9_]+\.pdf$")
_LIST_ITEM_RE = re.compile(r"^(\d{1,2}|[a-z])\.\s+")
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


# ---------------------------------------------------------------- rendering

_BASE = ParagraphStyle("base", fontName="Helvetica", fontSize=10, leading=13)
_BOLD = ParagraphStyle("bold", _BASE, fontName="Helvetica-Bold")
_BODY = ParagraphStyle("body", _BASE, alignment=TA_JUSTIFY, spaceBefore=2, spaceAfter=2)
_ITEM = ParagraphStyle("item", _BODY, leftIndent=18, spaceBefore=0)
_TITLE = ParagraphStyle("title", _BOLD, fontSize=12, leading=15, alignment=TA_CENTER)
_CENTER = ParagraphStyle("center", _BASE, alignment=TA_CENTER)
_SMALL = ParagraphStyle("small", _BASE, fontSize=8.5, leading=10.5)
_SMALL_CENTER = ParagraphStyle("small_center", _SMALL, alignment=TA_CENTER)
_HEAD = ParagraphStyle("head", _SMALL_CENTER, fontName="Helvetica-Bold")
_MARGIN = 2.2 * cm
_WIDTH = A4[0] - 2 * _MARGIN - 12  # the frame keeps 6 pt padding on each side
_BOX_W, _BOX_H = 3.2 * cm, 1.9 * cm  # about a Rp10.000 meterai, with room to sign across it
_NAME_LINE = "( ........................................................ )"


def _p(text: str, style: ParagraphStyle = _BODY, **kw: Any) -> Paragraph:
    # JSON text is plain: escape it so '&' or '<' can never break or inject markup.
    return Paragraph(escape(text), style, **kw)


def _grid(rows: list, widths: list[float], *extra: tuple, **kw: Any) -> Table:
    """A borderless layout table: reportlab's default padding would misalign the columns."""
    base = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), "Helvetica", 10)]
    base += [(f"{side}PADDING", (0, 0), (-1, -1), 0) for side in ("LEFT", "RIGHT")]
    base += [(f"{side}PADDING", (0, 0), (-1, -1), 1) for side in ("TOP", "BOTTOM")]
    return Table(rows, colWidths=widths, style=TableStyle(base + list(extra)), **kw)


class _MeteraiBox(Flowable):
    """Dashed placeholder showing where the meterai goes under the signature."""

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return _BOX_W, _BOX_H

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setStrokeColor(colors.grey)
        c.setFillColor(colors.grey)
        c.setDash(3, 2)
        c.rect(0, 0, _BOX_W, _BOX_H)
        c.setFont("Helvetica", 8)
        for dy, text in ((2, "Meterai"), (-8, "Rp10.000")):
            c.drawCentredString(_BOX_W / 2, _BOX_H / 2 + dy, text)
        c.restoreState()


def _letter_head(t: FormTemplate) -> Table:
    # Classic Indonesian letter: Lampiran/Perihal on the left, date and addressee on the right.
    meta = _grid(
        [["Lampiran", ":", "........ berkas"], ["Perihal", ":", _p(t.subject, _BOLD)]],
        [1.8 * cm, 0.35 * cm, 5.6 * cm],
    )
    to = [_p(DATE_LINE, _BASE), Spacer(1, 8), _p("Kepada", _BASE), _p(f"Yth. {t.addressee}", _BASE)]
    to += [_p("di", _BASE), _p(t.addressee_place, ParagraphStyle("at", _BASE, leftIndent=24))]
    return _grid([[meta, to]], [_WIDTH - 7.6 * cm, 7.6 * cm], ("TOPPADDING", (0, 0), (0, 0), 22))


def _field_table(t: FormTemplate) -> Table:
    rows, dotted = [], []
    counts = t.field_lines or (1,) * len(t.fields)
    for number, (label, count) in enumerate(zip(t.fields, counts, strict=True), 1):
        rows.append([f"{number}.", _p(label, _BASE), ":", ""])
        rows += [["", "", "", ""] for _ in range(count - 1)]
        dotted += range(len(rows) - count, len(rows))
    # Number and label read from the top; colon and writing line sit on the label's last line.
    return _grid(
        rows,
        [0.75 * cm, 7.8 * cm, 0.35 * cm, _WIDTH - 8.9 * cm],
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("VALIGN", (2, 0), (3, -1), "BOTTOM"),
        *[("LINEBELOW", (3, r), (3, r), 0.6, colors.black, "butt", (1, 2)) for r in dotted],
    )


def _data_table(t: FormTemplate) -> list[Flowable]:
    widths = [1.0 * cm] + [(_WIDTH - 1.0 * cm) * w / sum(t.table_widths) for w in t.table_widths]
    header = [_p(c, _HEAD) for c in ("No.", *t.table_columns)]
    body = [[f"{i}."] + [""] * len(t.table_columns) for i in range(1, t.table_rows + 1)]
    table = _grid(
        [header, *body],
        widths,
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        *[(f"{side}PADDING", (0, 0), (-1, -1), 3) for side in ("LEFT", "RIGHT", "TOP", "BOTTOM")],
        rowHeights=[None] + [0.65 * cm] * t.table_rows,
        repeatRows=1,
    )
    title = [_p(t.table_title, _BOLD), Spacer(1, 3)] if t.table_title else []
    return [Spacer(1, 8), *title, table, Spacer(1, 4)]


def _signature(label: str, note: str, dated: bool, meterai: bool) -> list[Flowable]:
    cell: list[Flowable] = [_p(DATE_LINE, _CENTER)] if dated else []
    cell += [_p(label, _CENTER), Spacer(1, 3)]
    if meterai:  # left of centre, so the signature runs across the box as on paper
        cell.append(_grid([[_MeteraiBox()]], [_BOX_W + 1.2 * cm], hAlign="CENTER"))
    else:
        cell.append(Spacer(1, _BOX_H))
    cell += [Spacer(1, 3), _p(_NAME_LINE, _CENTER)]
    return cell + ([_p(note, _SMALL_CENTER)] if note else [])


def _story(t: FormTemplate) -> list[Flowable]:
    story: list[Flowable] = [_p(t.title, _TITLE), Spacer(1, 10)]
    if t.kind == "permohonan":
        story += [_letter_head(t), Spacer(1, 12)]
    story += [_p(t.intro), _field_table(t)]
    story += _data_table(t) if t.table_columns else [Spacer(1, 6)]
    for text in t.paragraphs:
        item = _LIST_ITEM_RE.match(text)
        bullet = {"bulletText": item.group(0).strip()} if item else {}
        story.append(_p(text[item.end() :], _ITEM, **bullet) if item else _p(text))
    dated = t.kind != "permohonan"  # a letter already carries its date at the top
    right = _signature(t.signatory, t.signatory_note, dated, t.needs_meterai)
    note = [_p(STRIKE_NOTE, _SMALL)] if t.needs_strike_note else []
    left = _signature(t.second_signatory, "", False, False) if t.second_signatory else note
    signatures = _grid([[left, right]], [_WIDTH / 2] * 2, ("VALIGN", (0, 0), (-1, -1), "BOTTOM"))
    # The closing sentence travels with the signatures so a page never starts with a lone name.
    tail = [_p(t.closing), Spacer(1, 8), signatures]
    tail += [Spacer(1, 6), *note] if t.second_signatory else []
    return [*story, KeepTogether(tail)]


def render_template_pdf(name: str, *, compress: bool = True) -> bytes:
    """The blank form as an A4 PDF; the same name always gives the same bytes."""
    t = get_template(name)
    footer = FOOTER_TEXT.format(name=t.name)

    def on_page(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setStrokeColor(colors.lightgrey)
        canvas.line(_MARGIN, 1.45 * cm, A4[0] - _MARGIN, 1.45 * cm)
        canvas.setFont("Helvetica", 7.5)
        canvas.setFillColor(colors.grey)
        canvas.drawString(_MARGIN, 1.05 * cm, footer)
        canvas.drawRightString(A4[0] - _MARGIN, 1.05 * cm, f"Halaman {doc.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    margins = {"leftMargin": _MARGIN, "rightMargin": _MARGIN, "topMargin": 1.6 * cm}
    meta = {"title": t.title, "author": "DPMPTSP Kota Solok", "subject": footer}
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        bottomMargin=1.9 * cm,
        creator="SILEK",
        **margins,
        **meta,
        invariant=1,  # fixed dates and document id: identical bytes for identical input
        pageCompression=1 if compress else 0,
    )
    doc.build(_story(t), onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
