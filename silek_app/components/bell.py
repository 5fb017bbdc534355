"""The notification bell in the header: unread count and the newest items."""

from __future__ import annotations

import reflex as rx

from silek_app.state.bell import BellItem, BellLive, BellState


def _item(item: BellItem) -> rx.Component:
    return rx.button(
        rx.vstack(
            rx.text(item.title, size="2", weight="medium", white_space="normal",
                    text_align="left"),
            rx.cond(item.body != "", rx.text(item.body, size="1", color_scheme="gray",
                                             white_space="normal", text_align="left")),
            rx.text(item.at, size="1", color_scheme="gray"),
            spacing="0", align="start", width="100%",
        ),
        on_click=BellState.open_item(item.id, item.link), variant="ghost", width="100%",
        height="auto", padding="0.5rem", class_name="bell-item",
    )  # fmt: skip


def bell() -> rx.Component:
    return rx.popover.root(
        rx.popover.trigger(
            rx.button(
                rx.icon("bell", size=18),
                rx.cond(BellLive.count > 0,
                        rx.badge(BellLive.count, color_scheme="red", high_contrast=True,
                                 id="bell-count")),
                # The spoken name starts with the count the badge shows (WCAG 2.5.3).
                variant="ghost", size="1", id="bell-button",
                aria_label=rx.cond(BellLive.count > 0,
                                   BellLive.count.to_string() + " notifikasi belum dibaca",
                                   "Notifikasi"),
            ),
        ),
        rx.popover.content(
            rx.vstack(
                rx.hstack(
                    rx.text("Notifikasi", weight="bold", size="2"),
                    rx.cond(BellLive.count > 0,
                            rx.button("Tandai semua dibaca", size="1", variant="ghost",
                                      on_click=BellState.read_all)),
                    justify="between", width="100%", align="center",
                ),
                rx.cond(
                    BellLive.items.length() > 0,
                    rx.vstack(rx.foreach(BellLive.items, _item), spacing="1", width="100%"),
                    rx.text("Tidak ada notifikasi baru.", size="2", color_scheme="gray"),
                ),
                spacing="2", width="100%",
            ),
            width="min(320px, 90vw)", max_height="60vh", overflow_y="auto",
        ),
    )  # fmt: skip
