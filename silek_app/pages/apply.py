"""/permohonan/baru/[kode]: the task-list application form (GOV.UK pattern)."""

from __future__ import annotations

import reflex as rx

from silek_app.components.forms import LABEL_STYLE, error_callout, submit_button
from silek_app.components.layout import page_frame
from silek_app.components.upload_slot import upload_slot
from silek_app.state.apply import ApplyState, FieldRow

S = ApplyState


def _task(label, status_done, step: str, number: str) -> rx.Component:
    return rx.button(
        rx.hstack(
            rx.text(number, weight="bold", width="1.5em"),
            rx.text(label, flex="1", text_align="left", white_space="normal"),
            rx.cond(status_done, rx.badge("Selesai", color_scheme="green"),
                    rx.badge("Belum", color_scheme="gray")),
            width="100%", align="center",
        ),
        on_click=S.go(step), variant=rx.cond(S.step == step, "soft", "ghost"),
        width="100%", height="auto", padding_y="0.5rem", class_name="task-item",
    )  # fmt: skip


def task_list() -> rx.Component:
    docs_done = S.slots.length() > 0
    return rx.card(
        rx.vstack(
            _task("Jenis permohonan", S.has_draft, "awal", "1"),
            rx.foreach(S.sections, lambda sec, i: _task(sec.title, sec.done, sec.key, i + 2)),
            _task("Dokumen persyaratan", docs_done & (S.missing.length() == 0), "dokumen", "-"),
            _task("Periksa kembali dan kirim", False, "periksa", "-"),
            spacing="1", width="100%",
        ),
        width="100%",
    )  # fmt: skip


def _radio_field(label: str, name: str, items, value, on_change) -> rx.Component:
    return rx.vstack(
        rx.text(label, style=LABEL_STYLE),
        rx.radio_group.root(
            rx.vstack(
                rx.foreach(items, lambda o: rx.radio_group.item(o["label"], value=o["value"])),
                spacing="2",
            ),
            name=name, value=value, on_change=on_change,
        ),
        spacing="1", width="100%",
    )  # fmt: skip


def precheck_step() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text("Jawaban Anda menentukan daftar persyaratan yang harus disiapkan.", size="2",
                    color_scheme="gray"),
            _radio_field("Jenis permohonan", "jenis", S.jenis_options, S.jenis, S.set_jenis),
            rx.cond(
                S.is_sip,
                rx.vstack(
                    _radio_field(
                        "Tempat praktik", "practice_kind",
                        [{"value": "MANDIRI", "label": "Praktik mandiri"},
                         {"value": "FASYANKES", "label": "Di fasilitas pelayanan kesehatan"}],
                        S.practice_kind, S.set_practice_kind,
                    ),
                    _radio_field(
                        "Tempat praktik ke-", "place_no",
                        [{"value": "1", "label": "Pertama"}, {"value": "2", "label": "Kedua"},
                         {"value": "3", "label": "Ketiga"}],
                        S.place_no, S.set_place_no,
                    ),
                    rx.checkbox("Saya ASN atau pegawai tetap fasilitas kesehatan lain",
                                name="is_asn", default_checked=S.is_asn),
                    spacing="3", width="100%",
                ),
            ),
            submit_button("Simpan dan lanjutkan", "precheck-submit", width="100%"),
            spacing="3", width="100%",
        ),
        on_submit=S.save_precheck, reset_on_submit=False,
    )  # fmt: skip


def _input(field: FieldRow) -> rx.Component:
    field_id = "field-" + field.key
    return rx.match(
        field.kind,
        ("textarea", rx.text_area(name=field.key, id=field_id, default_value=field.value,
                                  key=field.key + field.value, rows="3", width="100%")),
        ("checkbox", rx.checkbox(field.label, name=field.key, id=field_id,
                                 default_checked=field.value != "")),
        ("select", rx.el.select(
            rx.el.option("— pilih —", value=""),
            rx.foreach(field.options, lambda o: rx.el.option(o[1], value=o[0])),
            name=field.key, id=field_id, default_value=field.value, key=field.key + field.value,
            style={"width": "100%", "padding": "0.6rem", "borderRadius": "6px",
                   "border": f"1px solid {rx.color('gray', 7)}", "fontSize": "16px",
                   "background": "transparent"},
        )),
        rx.input(name=field.key, id=field_id, default_value=field.value, width="100%",
                 key=field.key + field.value, size="3",
                 type=rx.cond(field.kind == "date", "date",
                              rx.cond(field.kind == "number", "number", "text"))),
    )  # fmt: skip


def _field(field: FieldRow) -> rx.Component:
    return rx.vstack(
        rx.cond(field.kind != "checkbox",
                rx.el.label(field.label, html_for="field-" + field.key, style=LABEL_STYLE)),
        _input(field),
        rx.cond(field.hint != "", rx.text(field.hint, size="1", color_scheme="gray")),
        rx.cond(field.error != "", rx.text(field.error, size="1", color_scheme="red",
                                           role="alert", class_name="field-error")),
        spacing="1", width="100%", align="stretch",
    )  # fmt: skip


def section_step() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.foreach(S.fields, _field),
            submit_button("Simpan dan lanjutkan", "section-submit", width="100%"),
            spacing="3", width="100%",
        ),
        on_submit=S.save_section, reset_on_submit=False, key=S.step,
    )  # fmt: skip


def documents_step() -> rx.Component:
    return rx.vstack(
        rx.text("Unggah satu berkas untuk setiap persyaratan. Berkas diperiksa oleh sistem "
                "(jenis, ukuran, dan dapat dibuka) sebelum disimpan.", size="2",
                color_scheme="gray"),
        rx.foreach(S.slots, lambda slot: upload_slot(slot, S)),
        rx.button("Lanjut ke pemeriksaan", on_click=S.go("periksa"), size="3", width="100%",
                  id="to-review"),
        spacing="3", width="100%",
    )  # fmt: skip


def _review_row(row) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.text(row.label, size="1", color_scheme="gray"),
            rx.text(row.value, size="2", overflow_wrap="anywhere"),
            spacing="0", flex="1", min_width="0",
        ),
        rx.button("Ubah", size="1", variant="ghost", on_click=S.go(row.section)),
        width="100%", align="start", padding_y="0.25rem",
        border_bottom=f"1px solid {rx.color('gray', 4)}",
    )  # fmt: skip


def review_step() -> rx.Component:
    return rx.vstack(
        rx.text("Periksa kembali semua data dan dokumen sebelum mengirim.", size="2",
                color_scheme="gray"),
        rx.card(rx.vstack(rx.foreach(S.review, _review_row), spacing="0", width="100%"),
                width="100%"),
        rx.card(
            rx.vstack(
                rx.foreach(
                    S.slots,
                    lambda slot: rx.hstack(
                        rx.text(slot.name, size="2", flex="1", min_width="0"),
                        rx.cond(slot.doc_id != "", rx.badge("Ada", color_scheme="green"),
                                rx.cond(slot.mandatory, rx.badge("Belum", color_scheme="red"),
                                        rx.badge("Opsional", color_scheme="gray"))),
                        width="100%",
                    ),
                ),
                rx.button("Ubah dokumen", size="1", variant="ghost", on_click=S.go("dokumen")),
                spacing="2", width="100%",
            ),
            width="100%",
        ),
        rx.cond(
            S.missing.length() > 0,
            rx.callout(
                rx.vstack(rx.text("Belum dapat dikirim:", weight="bold"),
                          rx.foreach(S.missing, lambda m: rx.text("\u2022 ", m, size="2")),
                          spacing="1"),
                icon="info", color_scheme="amber", high_contrast=True, width="100%",
                id="review-missing",
            ),
        ),
        rx.text("Dengan mengirim, saya menyatakan data dan dokumen ini benar.", size="1",
                color_scheme="gray"),
        rx.button("Kirim permohonan", on_click=S.submit, loading=S.busy, size="3",
                  width="100%", id="submit-application",
                  disabled=(S.missing.length() > 0) | ~rx.State.is_hydrated),
        spacing="3", width="100%",
    )  # fmt: skip


def apply_page() -> rx.Component:
    body = rx.match(
        S.step,
        ("awal", precheck_step()),
        ("dokumen", documents_step()),
        ("periksa", review_step()),
        section_step(),
    )
    return page_frame(
        rx.cond(
            S.service_name != "",
            rx.vstack(
                rx.heading(S.service_name, size="5", as_="h1", id="apply-title"),
                rx.text("Jangka waktu layanan ", S.sla_days, " hari kerja.", size="2",
                        color_scheme="gray"),
                rx.cond(S.notice != "", rx.callout(S.notice, icon="check", color_scheme="green",
                                                   width="100%", id="apply-notice")),
                error_callout(S.error, "apply-error"),
                task_list(),
                body,
                spacing="3", width="100%",
            ),
            rx.cond(S.not_found, error_callout(S.error, "apply-error"),
                    rx.center(rx.spinner(size="3"), padding="1.5rem")),
        ),
    )  # fmt: skip
