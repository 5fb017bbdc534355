"""One requirement on the documents step: status, upload with progress, preview, reuse."""

from __future__ import annotations

import reflex as rx

from silek_app.components.download_link import download_link

UPLOAD_ID = "berkas"


def _attached(slot) -> rx.Component:
    return rx.hstack(
        rx.icon("file_check", size=18, color=rx.color("green", 10)),
        rx.vstack(
            rx.link(slot.doc_name, href=slot.doc_url, is_external=True, size="2",
                    class_name="slot-preview"),
            rx.text(slot.doc_kind, " · ", slot.doc_size, size="1", color_scheme="gray"),
            spacing="0", align="start", min_width="0",
        ),
        align="center", spacing="2", width="100%",
    )  # fmt: skip


def _image_preview(slot) -> rx.Component:
    return rx.cond(
        (slot.doc_kind == "JPG") | (slot.doc_kind == "PNG"),
        rx.image(src=slot.doc_url, alt=slot.name, max_height="120px", border_radius="6px"),
    )


def upload_zone(state) -> rx.Component:
    """The single dropzone; it uploads as soon as a file is chosen (fewer taps on a phone)."""
    return rx.vstack(
        rx.upload(
            rx.vstack(
                rx.icon("upload", size=22),
                rx.text("Ketuk untuk memilih berkas atau ambil foto", size="2", weight="medium"),
                rx.text("Berkas langsung diunggah dan diperiksa.", size="1", color_scheme="gray"),
                align="center", spacing="1", padding="1rem",
            ),
            id=UPLOAD_ID, multiple=False, max_files=1,
            on_drop=state.upload_file(
                rx.upload_files(upload_id=UPLOAD_ID, on_upload_progress=state.on_progress)
            ),
            border=f"2px dashed {rx.color('accent', 7)}", border_radius="8px", width="100%",
            cursor="pointer", class_name="slot-dropzone",
        ),
        rx.cond(
            state.upload_progress > 0,
            rx.vstack(
                rx.progress(value=state.upload_progress, max=100, width="100%"),
                rx.text("Mengunggah… ", state.upload_progress, "%", size="1"),
                width="100%", spacing="1",
            ),
        ),
        rx.cond(
            state.library.length() > 0,
            rx.vstack(
                rx.text("Atau pakai dokumen yang pernah Anda unggah:", size="1",
                        color_scheme="gray"),
                rx.foreach(
                    state.library,
                    lambda d: rx.hstack(
                        rx.text(d.name, " (", d.kind, ", ", d.size, ")", size="1", flex="1",
                                min_width="0", overflow_wrap="anywhere"),
                        rx.button("Pakai", size="1", variant="soft",
                                  on_click=state.reuse(d.id)),
                        width="100%", align="center",
                    ),
                ),
                width="100%", spacing="1",
            ),
        ),
        width="100%", spacing="2",
    )  # fmt: skip


def upload_slot(slot, state) -> rx.Component:
    is_open = state.active_slot == slot.code
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(slot.name, weight="medium", size="2", flex="1", min_width="0"),
                rx.cond(
                    slot.doc_id != "",
                    rx.badge("Terunggah", color_scheme="green"),
                    rx.cond(slot.mandatory, rx.badge("Wajib", color_scheme="red"),
                            rx.badge("Opsional", color_scheme="gray")),
                ),
                width="100%", align="start",
            ),
            rx.cond(slot.description != "", rx.text(slot.description, size="1",
                                                     color_scheme="gray")),
            rx.text("Jenis: ", slot.types, " · maks. ", slot.max_size_mb, " MB", size="1",
                    color_scheme="gray"),
            rx.cond(
                slot.template != "",
                download_link("Unduh templat formulir", href="/api/v1/templat/" + slot.template,
                              size="1"),
            ),
            rx.cond(slot.doc_id != "", rx.vstack(_attached(slot), _image_preview(slot),
                                                 width="100%")),
            rx.hstack(
                rx.button(
                    rx.cond(slot.doc_id != "", "Ganti berkas", "Unggah berkas"),
                    size="2", variant=rx.cond(is_open, "solid", "soft"),
                    on_click=state.open_slot(slot.code), class_name="slot-open",
                ),
                rx.cond(slot.doc_id != "", rx.button("Lepas", size="2", variant="ghost",
                                                     color_scheme="red",
                                                     on_click=state.remove(slot.code))),
                spacing="2",
            ),
            rx.cond(is_open, upload_zone(state)),
            spacing="2", width="100%", align="stretch",
        ),
        width="100%", class_name="upload-slot", data_code=slot.code,
    )  # fmt: skip
