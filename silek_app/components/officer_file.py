"""Panels of the officer's file page: actions, changes, BAP, messages, history."""

from __future__ import annotations

import reflex as rx

from silek_app.components.forms import error_callout
from silek_app.components.thread import message_bubble
from silek_app.components.timeline import timeline
from silek_app.state.officer_file import PHOTO_UPLOAD_ID
from silek_app.state.officer_file import OfficerFileState as D
from silek_app.state.officer_file_live import OfficerFileLive as L

H = L.header


def _role_holds(key: str):
    """Whether this officer's role is in the header's ",a,b," role list ``key``."""
    return H[key].contains("," + D.user_role + ",")


# Display only: whether this officer's role works the file now. Services re-check.
CAN_REVIEW = _role_holds("reviewers")
CAN_ACT = _role_holds("actors")
CAN_RETURN = _role_holds("returners")
RESULT_OPTIONS = (
    ("MEMENUHI", "Memenuhi persyaratan"),
    ("MEMENUHI_DENGAN_CATATAN", "Memenuhi persyaratan dengan catatan"),
    ("TIDAK_MEMENUHI", "Tidak memenuhi persyaratan"),
)


def _action_button(a) -> rx.Component:
    return rx.cond(
        a.role == D.user_role,
        rx.button(
            a.label, rx.cond(a.requires_note == "1", " *", ""),
            on_click=D.request_action(a.code, a.label), loading=D.busy,
            color_scheme=rx.cond(a.danger == "1", "red", "accent"),
            variant=rx.cond(a.danger == "1", "soft", "solid"),
            id="action-" + a.code, class_name="officer-action", white_space="normal",
            height="auto", min_height="2.25rem",
        ),
    )  # fmt: skip


def _confirm_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title("Konfirmasi tindakan"),
            rx.alert_dialog.description(
                "Anda akan melakukan: ", rx.text.strong(D.pending_label),
                ". Tindakan ini tidak dapat dibatalkan. Lanjutkan?",
            ),
            rx.flex(
                rx.button("Batal", variant="soft", color_scheme="gray",
                          on_click=D.cancel_action, id="confirm-cancel"),
                rx.button("Ya, lanjutkan", color_scheme="red", on_click=D.confirm_action,
                          id="confirm-action"),
                spacing="3", justify="end", margin_top="1rem",
            ),
            max_width="420px",
        ),
        open=D.pending_action != "",
    )  # fmt: skip


def actions_panel() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Tindakan", size="4", as_="h2"),
            # A note box on a file this role cannot move (or a finished one) asks for input
            # that nothing would take.
            rx.cond(
                CAN_ACT,
                rx.vstack(
                    rx.el.label("Catatan / alasan", html_for="action-note",
                                style={"fontWeight": 500, "fontSize": "14px"}),
                    rx.text_area(id="action-note", value=D.action_note,
                                 on_change=D.set_action_note, rows="2", width="100%",
                                 max_length=2000,
                                 placeholder="Wajib diisi untuk tindakan bertanda *"),
                    rx.cond(
                        CAN_RETURN,
                        rx.text("Kembalikan untuk Perbaikan memakai dokumen dan isian yang Anda "
                                "tandai di bawah sebagai daftar perbaikan pemohon.", size="1",
                                color_scheme="gray", id="return-hint"),
                    ),
                    rx.flex(rx.foreach(L.actions, _action_button), wrap="wrap", gap="0.5rem",
                            width="100%"),
                    spacing="2", width="100%",
                ),
                rx.text("Tidak ada tindakan untuk peran Anda pada tahap ini.", size="2",
                        color_scheme="gray", id="no-actions"),
            ),
            error_callout(D.action_error, "action-error"),
            _confirm_dialog(),
            spacing="2", width="100%",
        ),
        width="100%", id="officer-actions",
    )  # fmt: skip


def changes_panel() -> rx.Component:
    return rx.cond(
        L.changes.length() > 0,
        rx.callout(
            rx.vstack(
                rx.text("Perubahan sejak putaran sebelumnya", weight="bold"),
                rx.foreach(
                    L.changes,
                    lambda c: rx.box(
                        rx.text(c.kind, ": ", rx.text.strong(c.label), size="2"),
                        rx.text(c.old, " \u2192 ", c.new, size="2", overflow_wrap="anywhere"),
                        rx.cond(c.url != "", rx.link("Buka dokumen baru", href=c.url,
                                                     is_external=True, size="1")),
                        class_name="change-item", width="100%",
                    ),
                ),
                spacing="2", width="100%",
            ),
            icon="git_compare", color_scheme="blue", width="100%", id="changes",
        ),
    )  # fmt: skip


def _photo(p) -> rx.Component:
    return rx.vstack(
        rx.image(src=p.url, alt=p.name, width="140px", height="105px", object_fit="cover",
                 border_radius="6px", loading="lazy"),
        rx.cond(
            (H["field_visit"] == "1") & CAN_REVIEW,
            rx.button("Hapus", size="1", variant="ghost", color_scheme="red",
                      on_click=D.remove_photo(p.id), class_name="photo-remove"),
        ),
        spacing="1", class_name="bap-photo",
    )  # fmt: skip


def _report(r) -> rx.Component:
    return rx.box(
        rx.text(rx.text.strong("BAP kunjungan ", r.visit_date), " · ", r.result_label, size="2"),
        rx.text("Petugas: ", r.officers, size="2"),
        rx.cond(r.notes != "", rx.text(r.notes, size="2", white_space="pre-wrap")),
        rx.text("Disusun ", r.author, " · diperbarui ", r.updated, size="1", color_scheme="gray"),
        rx.flex(
            rx.foreach(L.photos, lambda p: rx.cond(p.report_id == r.id, _photo(p))),
            wrap="wrap", gap="0.5rem",
        ),
        padding="0.6rem", border=f"1px solid {rx.color('gray', 6)}", border_radius="8px",
        width="100%", class_name="bap-report",
    )  # fmt: skip


def _bap_form() -> rx.Component:
    label = {"fontWeight": 500, "fontSize": "14px"}
    return rx.form(
        rx.vstack(
            rx.el.label("Tanggal kunjungan", html_for="bap-date", style=label),
            rx.input(type="date", name="visit_date", id="bap-date", width="100%",
                     default_value=H["bap_date"], key="d" + H["bap_key"]),
            rx.el.label("Petugas yang berkunjung (satu nama per baris)", html_for="bap-officers",
                        style=label),
            rx.text_area(name="officers", id="bap-officers", rows="2", width="100%",
                         default_value=H["bap_officers"], key="o" + H["bap_key"]),
            rx.el.label("Hasil pemeriksaan", html_for="bap-result", style=label),
            rx.el.select(
                rx.el.option("\u2014 pilih \u2014", value=""),
                *[rx.el.option(text, value=code) for code, text in RESULT_OPTIONS],
                name="result", id="bap-result", default_value=H["bap_result"],
                key="r" + H["bap_key"],
                style={"width": "100%", "padding": "0.5rem", "fontSize": "16px"},
            ),
            rx.el.label("Catatan temuan", html_for="bap-notes", style=label),
            rx.text_area(name="notes", id="bap-notes", rows="3", width="100%", max_length=4000,
                         default_value=H["bap_notes"], key="n" + H["bap_key"]),
            rx.button("Simpan BAP", type="submit", id="bap-save"),
            spacing="1", width="100%", align="stretch",
        ),
        on_submit=D.save_bap, reset_on_submit=False, width="100%",
    )  # fmt: skip


def bap_panel() -> rx.Component:
    has_current = H["bap_current"] == "1"
    return rx.cond(
        (H["field_visit"] == "1") | (L.reports.length() > 0),
        rx.card(
            rx.vstack(
                rx.heading("Berita Acara Pemeriksaan (BAP)", size="4", as_="h2"),
                rx.foreach(L.reports, _report),
                rx.cond(
                    (H["field_visit"] == "1") & CAN_REVIEW,
                    rx.vstack(
                        _bap_form(),
                        rx.cond(
                            has_current,
                            rx.upload(
                                rx.text("Lampirkan foto kunjungan (JPG/PNG, maks. 5 MB)",
                                        size="2"),
                                id=PHOTO_UPLOAD_ID, multiple=False, max_files=1,
                                on_drop=D.upload_photo(rx.upload_files(upload_id=PHOTO_UPLOAD_ID)),
                                border=f"2px dashed {rx.color('accent', 7)}", padding="0.75rem",
                                border_radius="8px", width="100%", class_name="bap-photo-zone",
                            ),
                            rx.text("Simpan BAP terlebih dahulu untuk melampirkan foto.",
                                    size="1", color_scheme="gray"),
                        ),
                        spacing="2", width="100%",
                    ),
                ),
                error_callout(D.bap_error, "bap-error"),
                spacing="2", width="100%",
            ),
            width="100%", id="bap",
        ),
    )  # fmt: skip


def _message(m) -> rx.Component:
    return message_bubble(m, own_side="petugas", class_name="officer-message",
                          signature=(m.sender, " (", m.role, ") · ", m.at))  # fmt: skip


def thread_panel() -> rx.Component:
    return rx.vstack(
        rx.heading("Pesan dengan pemohon", size="4", as_="h2"),
        rx.vstack(rx.foreach(L.thread, _message), spacing="2", width="100%"),
        rx.form(
            rx.vstack(
                rx.text_area(name="body", id="officer-message-body", rows="2", width="100%",
                             placeholder="Tulis pesan untuk pemohon…", max_length=2000),
                rx.button("Kirim pesan", type="submit", id="officer-message-send",
                          disabled=~rx.State.is_hydrated),
                spacing="2", width="100%", align="end",
            ),
            on_submit=D.send_message, reset_on_submit=False, width="100%",
        ),
        error_callout(D.message_error, "officer-message-error"),
        spacing="2", width="100%", id="officer-thread",
    )  # fmt: skip


def _history_entry(e) -> tuple[rx.Component, ...]:
    return (
        rx.text(e.action, weight="medium", size="2"),
        rx.text(e.from_label, " \u2192 ", e.to_label, size="1"),
        rx.text(e.at, " · ", e.actor, " (", e.role, ")", size="1", color_scheme="gray"),
        rx.cond(e.note != "", rx.text(e.note, size="2", white_space="pre-wrap")),
    )


def history_panel() -> rx.Component:
    return timeline("Riwayat berkas", L.history, _history_entry, "history-item",
                    id="officer-history")  # fmt: skip
