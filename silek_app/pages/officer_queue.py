"""/petugas: the officers' live work queue (cards, readable from 360 px up)."""

from __future__ import annotations

import reflex as rx

from silek_app.components.forms import error_callout
from silek_app.components.layout import page_frame
from silek_app.state.officer_queue import OfficerQueueState as S
from silek_app.state.officer_queue import QueueRow, QueueTab

_LEVEL_COLORS = {"terlambat": "red", "hampir": "orange", "dijeda": "gray", "normal": "green"}


def _tab_button(tab: QueueTab) -> rx.Component:
    return rx.button(
        tab.label,
        rx.badge(tab.count, variant="solid", radius="full", color_scheme="gray"),
        on_click=S.set_tab(tab.key),
        variant=rx.cond(S.tab == tab.key, "solid", "soft"),
        size="2",
        custom_attrs={"data-tab": tab.key, "aria-pressed": S.tab == tab.key},
        class_name="queue-tab",
    )


def _search() -> rx.Component:
    return rx.form(
        rx.hstack(
            rx.input(
                name="q",
                id="queue-search",
                placeholder="Cari nomor, nama, atau NIK",
                max_length=60,
                default_value=S.search,
                aria_label="Cari berkas",
                flex="1",
                min_width="0",
            ),
            rx.button("Cari", type="submit", id="queue-search-submit"),
            rx.cond(
                S.search != "",
                rx.button(
                    "Hapus", type="button", variant="soft", color_scheme="gray",
                    on_click=S.clear_search, id="queue-search-clear",
                ),
            ),
            width="100%", spacing="2",
        ),
        on_submit=S.apply_search,
        width="100%",
    )  # fmt: skip


def _fact(label: str, value) -> rx.Component:
    return rx.text(rx.text.strong(label, ": "), value, size="1", color_scheme="gray")


def _claim_line(row: QueueRow) -> rx.Component:
    return rx.cond(
        row.claimed_by != "",
        rx.text(
            "Diklaim oleh ",
            rx.text.strong(row.claimed_by),
            rx.cond(row.mine != "", " (Anda)", ""),
            " sejak ",
            row.claimed_at,
            size="1",
            class_name="queue-claimed",
        ),
        rx.text("Belum diklaim", size="1", color_scheme="gray"),
    )


def _actions(row: QueueRow) -> rx.Component:
    return rx.hstack(
        rx.cond(
            row.can_claim != "",
            rx.button(
                "Klaim", size="2", on_click=S.claim(row.reference), class_name="queue-claim",
                aria_label="Klaim berkas " + row.reference,
            ),
        ),
        rx.cond(
            row.can_release != "",
            rx.button(
                "Lepas klaim", size="2", variant="soft", color_scheme="gray",
                on_click=S.release(row.reference), class_name="queue-release",
                aria_label="Lepas klaim berkas " + row.reference,
            ),
        ),
        rx.link(rx.button("Buka berkas", size="2", variant="outline"), href=row.link),
        spacing="2", wrap="wrap",
    )  # fmt: skip


def _row(row: QueueRow) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.link(
                    row.reference, href=row.link, weight="bold", font_family="monospace",
                    size="2",
                ),
                rx.badge(
                    row.remaining, color_scheme=rx.match(
                        row.level, *_LEVEL_COLORS.items(), "gray"
                    ), variant="soft", class_name="queue-remaining",
                ),
                justify="between", width="100%", wrap="wrap", spacing="2",
            ),
            rx.text(row.service, size="2", weight="medium"),
            rx.text(row.applicant, " \u00b7 NIK ", row.nik, size="2", class_name="queue-person"),
            rx.badge(row.status_label, variant="outline", white_space="normal"),
            _fact("Dipegang", row.holder),
            _fact("Di tahap ini", row.in_state),
            _fact("Waktu tahap terpakai", row.sla_used),
            _fact("Perkiraan selesai", row.predicted),
            _claim_line(row),
            _actions(row),
            spacing="1", align="start", width="100%",
        ),
        width="100%",
        custom_attrs={"data-ref": row.reference},
        class_name="queue-row",
    )  # fmt: skip


def _pager() -> rx.Component:
    return rx.hstack(
        rx.button(
            "Sebelumnya", on_click=S.previous_page, disabled=S.page_no <= 1, variant="soft",
            id="queue-prev",
        ),
        rx.text("Halaman ", S.page_no, " dari ", S.page_count, size="2", id="queue-page"),
        rx.button(
            "Berikutnya", on_click=S.next_page, disabled=S.page_no >= S.page_count,
            variant="soft", id="queue-next",
        ),
        justify="center", align="center", spacing="3", width="100%", wrap="wrap",
    )  # fmt: skip


def _queue() -> rx.Component:
    return rx.vstack(
        rx.flex(rx.foreach(S.tabs, _tab_button), spacing="2", wrap="wrap", id="queue-tabs"),
        _search(),
        error_callout(S.error, "queue-error"),
        rx.text(S.total, " berkas", size="2", color_scheme="gray", id="queue-total"),
        rx.cond(
            S.rows.length() > 0,
            rx.grid(
                rx.foreach(S.rows, _row),
                columns=rx.breakpoints(initial="1", md="2"),
                spacing="2",
                width="100%",
            ),
            rx.text("Tidak ada berkas pada tab ini.", size="2", id="queue-empty"),
        ),
        rx.cond(S.page_count > 1, _pager()),
        spacing="3",
        width="100%",
    )


def officer_queue_page() -> rx.Component:
    return page_frame(
        rx.cond(
            S.denied != "",
            rx.callout(S.denied, icon="lock", color_scheme="amber", id="queue-denied"),
            rx.cond(S.loaded, _queue(), rx.center(rx.spinner(size="3"), padding="1.5rem")),
        ),
        title="Antrean Berkas",
    )
