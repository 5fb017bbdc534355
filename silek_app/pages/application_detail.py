"""/permohonan/[nomor]: status timeline, holder, SLA clock with pauses, documents, messages.

Everything under ApplicationLive updates without reload when anything changes.
"""

from __future__ import annotations

import reflex as rx

from silek_app.components.completion import clock_facts, completion_dates
from silek_app.components.forms import error_callout, fact
from silek_app.components.layout import page_frame
from silek_app.components.permit_panel import permit_panel
from silek_app.components.thread import message_bubble
from silek_app.components.timeline import timeline
from silek_app.state.application_detail import ATTACHMENT_UPLOAD_ID, FIX_UPLOAD_ID
from silek_app.state.application_detail import ApplicationDetailState as D
from silek_app.state.live import ApplicationLive as L

H = L.header


def _summary() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(H["service"], " · ", H["jenis"], size="2", color_scheme="gray"),
            rx.badge(H["status_label"], size="3", id="live-status", white_space="normal"),
            completion_dates(H, "live"),
            rx.grid(
                fact("Berkas ada di", H["holder"], "live-holder"),
                clock_facts(H, "live", fact("Hari kerja terpakai", H["used"], "live-used"),
                            fact("Sisa hari kerja", H["left"], "live-left")),
                columns="2", spacing="3", width="100%",
            ),
            rx.cond(H["paused_now"] == "1",
                    rx.callout("Waktu layanan berhenti sementara: berkas menunggu perbaikan dari "
                               "Anda.", icon="pause", color_scheme="amber", high_contrast=True,
                               width="100%")),
            rx.cond(H["overdue"] == "1",
                    rx.callout("Berkas melewati batas waktu layanan. Anda dapat menyampaikan "
                               "pengaduan.", icon="clock", color_scheme="red", width="100%")),
            spacing="2", width="100%", align="start",
        ),
        width="100%",
    )  # fmt: skip


def _fix_document(r) -> rx.Component:
    return rx.vstack(
        rx.button("Unggah dokumen perbaikan", size="1", variant="soft", class_name="fix-open",
                  on_click=D.open_fix(r.code)),
        rx.cond(
            D.fix_target == r.code,
            rx.upload(
                rx.text("Ketuk untuk memilih berkas perbaikan", size="2"),
                id=FIX_UPLOAD_ID, multiple=False, max_files=1,
                on_drop=D.upload_fix(rx.upload_files(upload_id=FIX_UPLOAD_ID)),
                border=f"2px dashed {rx.color('accent', 7)}", padding="0.75rem",
                border_radius="8px", width="100%", class_name="fix-dropzone",
            ),
        ),
        spacing="1", width="100%",
    )  # fmt: skip


def _fix_input(r) -> rx.Component:
    field_id = "fix-" + r.code
    return rx.match(
        r.field_kind,
        ("select", rx.el.select(
            rx.el.option("— pilih —", value=""),
            rx.foreach(r.options, lambda o: rx.el.option(o[1], value=o[0])),
            name=r.code, id=field_id, default_value=r.value, key=r.code + r.value,
            style={"width": "100%", "padding": "0.5rem", "fontSize": "16px"},
        )),
        ("checkbox", rx.checkbox("Ya", name=r.code, id=field_id,
                                 default_checked=r.value != "")),
        ("textarea", rx.text_area(name=r.code, id=field_id, default_value=r.value,
                                  key=r.code + r.value, width="100%", rows="2")),
        rx.input(name=r.code, id=field_id, default_value=r.value, key=r.code + r.value,
                 width="100%", type=rx.cond(r.field_kind == "date", "date", "text")),
    )  # fmt: skip


def _fix_field(r) -> rx.Component:
    return rx.vstack(
        _fix_input(r),
        rx.cond(D.field_errors.contains(r.code),
                rx.text(D.field_errors[r.code], size="1", color_scheme="red")),
        spacing="1", width="100%",
    )  # fmt: skip


def _revision_item(r) -> rx.Component:
    is_applicant = D.user_role == "pemohon"
    return rx.box(
        rx.text(rx.text.strong(r.kind_label, ": ", r.target), size="2"),
        rx.text("Catatan petugas: ", r.note, size="2"),
        rx.cond(is_applicant, rx.cond(r.kind == "document", _fix_document(r), _fix_field(r))),
        padding_y="0.5rem", border_bottom=f"1px solid {rx.color('amber', 6)}", width="100%",
        class_name="revision-item",
    )  # fmt: skip


def _revision() -> rx.Component:
    has_fields = H["field_fixes"] == "1"
    return rx.cond(
        L.revision.length() > 0,
        rx.callout(
            rx.vstack(
                rx.text("Yang perlu diperbaiki:", weight="bold"),
                rx.form(
                    rx.vstack(
                        rx.foreach(L.revision, _revision_item),
                        rx.cond(
                            (D.user_role == "pemohon") & has_fields,
                            rx.button("Simpan isian perbaikan", type="submit", size="2",
                                      variant="soft", id="fix-save"),
                        ),
                        spacing="1", width="100%",
                    ),
                    on_submit=D.save_fields, reset_on_submit=False, width="100%",
                ),
                rx.cond(D.fix_notice != "", rx.text(D.fix_notice, size="2", color_scheme="green",
                                                    id="fix-notice")),
                error_callout(D.fix_error, "fix-error"),
                rx.cond(
                    D.user_role == "pemohon",
                    rx.button("Kirim perbaikan", on_click=D.send_revision, loading=D.sending,
                              size="3", width="100%", id="send-revision"),
                ),
                spacing="2", width="100%",
            ),
            icon="pencil", color_scheme="amber", high_contrast=True, width="100%",
            id="revision-list",
        ),
    )  # fmt: skip


def _status_entry(e) -> tuple[rx.Component, ...]:
    return (
        rx.text(e.label, weight="medium", size="2"),
        rx.text(e.at, " · ", e.role, size="1", color_scheme="gray"),
        rx.cond(e.note != "", rx.text(e.note, size="2")),
    )


def _pauses() -> rx.Component:
    return rx.cond(
        L.pauses.length() > 0,
        rx.vstack(
            rx.heading("Jeda waktu layanan", size="4", as_="h2"),
            rx.foreach(
                L.pauses,
                lambda p: rx.text(p.start, " s.d. ", p.end, " (", p.days, " hari kerja): ",
                                  p.reason, size="2", class_name="pause-item"),
            ),
            spacing="1", width="100%",
        ),
    )  # fmt: skip


def _documents() -> rx.Component:
    return rx.vstack(
        rx.heading("Dokumen", size="4", as_="h2"),
        rx.foreach(
            L.documents,
            lambda d: rx.hstack(
                rx.vstack(
                    rx.link(d.name, href=d.url, is_external=True, size="2"),
                    rx.text(d.review, rx.cond(d.note != "", " — " + d.note, ""), size="1",
                            color_scheme="gray"),
                    spacing="0", min_width="0",
                ),
                width="100%",
            ),
        ),
        spacing="1", width="100%",
    )  # fmt: skip


def _message(m) -> rx.Component:
    return message_bubble(
        m, own_side="pemohon", class_name="message-item",
        # Office messages are signed with the role, as in the status history below.
        signature=(rx.cond(m.side == "pemohon", m.sender, m.role), " · ", m.at),
        footer=(rx.cond(m.read == "1", rx.text("Dibaca", size="1", color_scheme="gray")),),
    )  # fmt: skip


def _messages() -> rx.Component:
    return rx.vstack(
        rx.heading("Pesan dengan petugas", size="4", as_="h2"),
        rx.vstack(rx.foreach(L.messages, _message), spacing="2", width="100%",
                  id="message-list"),
        rx.form(
            rx.vstack(
                rx.text_area(name="body", id="message-body", placeholder="Tulis pesan…",
                             rows="2", width="100%", max_length=2000),
                rx.button("Kirim pesan", type="submit", loading=D.sending, id="message-send",
                          disabled=~rx.State.is_hydrated),
                spacing="2", width="100%", align="end",
            ),
            on_submit=D.send_message, reset_on_submit=False, width="100%",
        ),
        rx.upload(
            rx.text("Lampirkan berkas (PDF/JPG/PNG, maks. 5 MB)", size="1"),
            id=ATTACHMENT_UPLOAD_ID, multiple=False, max_files=1,
            on_drop=D.send_attachment(rx.upload_files(upload_id=ATTACHMENT_UPLOAD_ID)),
            border=f"1px dashed {rx.color('gray', 7)}", padding="0.5rem", border_radius="6px",
            width="100%", class_name="attachment-zone",
        ),
        error_callout(D.message_error, "message-error"),
        spacing="2", width="100%",
    )  # fmt: skip


def application_detail_page() -> rx.Component:
    return page_frame(
        rx.cond(
            D.error != "",
            error_callout(D.error, "detail-error"),
            rx.cond(
                H.get("reference", "") != "",
                rx.vstack(
                    rx.heading(H["reference"], size="5", as_="h1", font_family="monospace"),
                    _summary(), permit_panel(), _revision(), _messages(),
                    timeline("Riwayat status", L.timeline, _status_entry, "timeline-item"),
                    _pauses(),
                    _documents(),
                    spacing="4", width="100%",
                ),
                rx.center(rx.spinner(size="3"), padding="1.5rem"),
            ),
        ),
    )  # fmt: skip
