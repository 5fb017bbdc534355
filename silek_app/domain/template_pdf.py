"""Rendering of a validated requirement form (FormTemplate) as a plain A4 PDF letter.

Split from requirement_templates.py, which loads and validates the forms; this module
only lays them out with reportlab's built-in fonts, so the output needs no font files
and is byte-for-byte reproducible. It takes the template as an argument and never
imports requirement_templates at run time, which imports it.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any
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

if TYPE_CHECKING:  # annotation only: a run-time import would be circular
    from silek_app.domain.requirement_templates import FormTemplate

FOOTER_TEXT = "Templat resmi SILEK \u2013 DPMPTSP Kota Solok \u00b7 {name}"
DATE_LINE = "Solok, .............................. 20...."
STRIKE_NOTE = "*) Coret yang tidak perlu."
_LIST_ITEM_RE = re.compile(r"^(\d{1,2}|[a-z])\.\s+")

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


def render_form_pdf(t: FormTemplate, *, compress: bool = True) -> bytes:
    """The blank form as an A4 PDF; the same template always gives the same bytes."""
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
