"""/petugas/permohonan/[nomor]: the officer works one file (state/officer_file.py).

Everything under OfficerFileLive updates without reload when the applicant or a
colleague acts. Buttons only appear for the officer's own role; the services
check role and state again on every click.
"""

from __future__ import annotations

import reflex as rx

from silek_app.components.completion import clock_facts, completion_dates
from silek_app.components.download_link import download_link
from silek_app.components.forms import error_callout, fact
from silek_app.components.layout import page_frame
from silek_app.components.officer_file import (
    CAN_REVIEW,
    actions_panel,
    bap_panel,
    changes_panel,
    history_panel,
    thread_panel,
)
from silek_app.state.officer_file import OfficerFileState as D
from silek_app.state.officer_file_live import OfficerFileLive as L

H = L.header


def _permit() -> rx.Component:
    """The permit issued on this file: number, current validity, the PDF and its QR page."""
    return rx.callout.root(
        rx.callout.icon(rx.icon("badge-check")),
        rx.vstack(
            rx.text("Izin terbit: ", rx.text.strong(H["permit_number"], id="officer-permit-number"),
                    " · ", rx.text.span(H["permit_status"], id="officer-permit-status"),
                    size="2", overflow_wrap="anywhere"),
            rx.flex(
                rx.cond(H["pdf_path"] != "",
                        download_link("Unduh PDF izin", href=H["pdf_path"], size="2",
                                      id="officer-permit-pdf")),
                rx.link("Halaman verifikasi", href=H["verify_path"], size="2", is_external=True,
                        id="officer-permit-verify"),
                spacing="3", wrap="wrap",
            ),
            spacing="1",
        ),
        color_scheme="green", width="100%", id="officer-permit",
    )  # fmt: skip


def _summary() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(H["service"], " · ", H["jenis"], size="2", color_scheme="gray"),
            rx.badge(H["status_label"], size="3", id="officer-status", white_space="normal"),
            completion_dates(H, "officer"),
            rx.grid(
                fact("Berkas ada di", H["holder"], "officer-holder"),
                clock_facts(
                    H, "officer",
                    fact("Hari kerja terpakai / sisa", H["used"] + " / " + H["left"],
                         "officer-used"),
                    fact("Di tahap ini (hari kerja)",
                         H["state_used"] + " dari " + H["state_sla"], "officer-state-used"),
                ),
                fact("Diajukan", H["submitted"], "officer-submitted"),
                fact("Versi berkas", H["version"], "officer-version"),
                columns="2", spacing="3", width="100%",
            ),
            rx.cond(H["permit_number"] != "", _permit()),
            rx.cond(H["paused_now"] == "1",
                    rx.callout("Waktu layanan dijeda: berkas menunggu perbaikan dari pemohon.",
                               icon="pause", color_scheme="amber", width="100%")),
            rx.cond(H["overdue"] == "1",
                    rx.callout("Berkas melewati batas waktu layanan.", icon="clock",
                               color_scheme="red", width="100%")),
            spacing="2", width="100%", align="start",
        ),
        width="100%",
    )  # fmt: skip


def _flag_form(handler, hidden_name: str, hidden_value, css: str) -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.el.input(type="hidden", name=hidden_name, value=hidden_value),
            rx.text_area(name="note", placeholder="Apa yang perlu diperbaiki pemohon?", rows="2",
                         width="100%", max_length=500, class_name=f"{css}-note"),
            rx.button("Simpan tanda", type="submit", size="1", color_scheme="amber",
                      high_contrast=True, class_name=f"{css}-submit"),
            spacing="1", width="100%", align="end",
        ),
        on_submit=handler, reset_on_submit=True, width="100%",
    )  # fmt: skip


def _preview(r) -> rx.Component:
    return rx.el.details(
        rx.el.summary("Pratinjau", style={"cursor": "pointer", "fontSize": "14px"}),
        rx.cond(
            r.kind == "pdf",
            rx.el.iframe(src=r.url, title=r.name, loading="lazy", width="100%", height="420px",
                         style={"border": "1px solid var(--gray-6)", "borderRadius": "6px"}),
            rx.image(src=r.url, alt=r.name, max_width="100%", max_height="420px",
                     loading="lazy", border_radius="6px"),
        ),
        class_name="doc-preview",
    )  # fmt: skip


def _requirement(r) -> rx.Component:
    color = rx.match(r.review, ("DITERIMA", "green"), ("PERLU_PERBAIKAN", "amber"), "gray")
    return rx.box(
        rx.vstack(
            rx.hstack(
                rx.text(r.name, size="2", weight="medium", flex="1", min_width="0"),
                rx.cond(r.changed == "1", rx.badge("Baru", color_scheme="blue")),
                width="100%", align="start",
            ),
            rx.cond(
                r.doc_id != "",
                rx.vstack(
                    rx.hstack(
                        rx.link(r.file, href=r.url, is_external=True, size="2",
                                overflow_wrap="anywhere"),
                        rx.badge(r.review_label, color_scheme=color, class_name="doc-review"),
                        wrap="wrap", spacing="2", align="center",
                    ),
                    rx.cond(r.note != "", rx.text("Catatan: ", r.note, size="1")),
                    rx.cond(r.reviewer != "", rx.text("Diperiksa ", r.reviewer, " · ",
                                                       r.reviewed_at, size="1",
                                                       color_scheme="gray")),
                    _preview(r),
                    rx.cond(
                        CAN_REVIEW,
                        rx.vstack(
                            rx.hstack(
                                rx.button("Terima", size="1", color_scheme="green",
                                          variant="soft", high_contrast=True,
                                          class_name="doc-accept",
                                          on_click=D.accept_document(r.doc_id)),
                                rx.button("Tandai perlu perbaikan", size="1", variant="soft",
                                          color_scheme="amber", high_contrast=True,
                                          class_name="doc-flag-open",
                                          on_click=D.toggle_flag("doc-" + r.code)),
                                wrap="wrap", spacing="2",
                            ),
                            rx.cond(D.open_flag == "doc-" + r.code,
                                    _flag_form(D.flag_document, "doc_id", r.doc_id, "doc-flag")),
                            spacing="1", width="100%",
                        ),
                    ),
                    spacing="1", width="100%", align="start",
                ),
                rx.text(rx.cond(r.mandatory == "1", "Belum diunggah (wajib)",
                                "Tidak diunggah (opsional)"), size="1", color_scheme="gray"),
            ),
            spacing="1", width="100%",
        ),
        padding_y="0.6rem", border_bottom=f"1px solid {rx.color('gray', 5)}", width="100%",
        class_name="requirement-item", id="req-" + r.code,
    )  # fmt: skip


def _documents() -> rx.Component:
    return rx.vstack(
        rx.heading("Dokumen persyaratan", size="4", as_="h2"),
        rx.foreach(L.requirements, _requirement),
        error_callout(D.review_error, "review-error"),
        spacing="1", width="100%", id="requirements",
    )  # fmt: skip


def _field(f) -> rx.Component:
    return rx.box(
        rx.cond(f.first == "1", rx.heading(f.section, size="3", as_="h3", margin_top="0.5rem")),
        rx.text(f.label, size="1", color_scheme="gray"),
        rx.text(f.value, size="2", white_space="pre-wrap", overflow_wrap="anywhere"),
        rx.cond(
            f.flagged == "1",
            rx.hstack(
                rx.badge("Perlu perbaikan", color_scheme="amber"),
                rx.text(f.note, size="1"),
                rx.cond(CAN_REVIEW, rx.button("Hapus tanda", size="1", variant="ghost",
                                              class_name="field-unflag",
                                              on_click=D.clear_field_flag(f.key))),
                wrap="wrap", spacing="2", align="center", class_name="field-flagged",
            ),
            rx.cond(CAN_REVIEW, rx.button("Tandai", size="1", variant="ghost",
                                          color_scheme="amber", high_contrast=True,
                                          class_name="field-flag-open",
                                          on_click=D.toggle_flag("field-" + f.key))),
        ),
        rx.cond(D.open_flag == "field-" + f.key,
                _flag_form(D.flag_field, "field_key", f.key, "field-flag")),
        padding_y="0.35rem", width="100%", class_name="field-item", id="field-" + f.key,
    )  # fmt: skip


def _form_data() -> rx.Component:
    return rx.vstack(
        rx.heading("Data permohonan", size="4", as_="h2"),
        rx.foreach(L.fields, _field),
        spacing="0", width="100%", id="form-fields",
    )  # fmt: skip


def _applicant() -> rx.Component:
    return rx.vstack(
        rx.heading("Akun dan profil pemohon", size="4", as_="h2"),
        rx.grid(
            rx.foreach(
                L.applicant,
                lambda r: rx.vstack(
                    rx.text(r.label, size="1", color_scheme="gray"),
                    rx.text(r.value, size="2", overflow_wrap="anywhere"),
                    spacing="0", min_width="0",
                ),
            ),
            columns=rx.breakpoints(initial="1", sm="2"), spacing="2", width="100%",
        ),
        spacing="2", width="100%", id="applicant",
    )  # fmt: skip


def officer_file_page() -> rx.Component:
    return page_frame(
        rx.cond(
            D.error != "",
            error_callout(D.error, "officer-error"),
            rx.cond(
                H.get("reference", "") != "",
                rx.vstack(
                    rx.link("\u2190 Antrean berkas", href="/petugas", size="2"),
                    rx.heading(H["reference"], size="5", as_="h1", font_family="monospace"),
                    _summary(),
                    rx.cond(D.notice != "", rx.callout(D.notice, icon="check",
                                                       color_scheme="green", width="100%",
                                                       id="officer-notice")),
                    actions_panel(), changes_panel(), _documents(), bap_panel(), _form_data(),
                    thread_panel(), _applicant(), history_panel(),
                    spacing="4", width="100%",
                ),
                rx.center(rx.spinner(size="3"), padding="1.5rem"),
            ),
        ),
    )  # fmt: skip
