"""One message of a file's thread (state/message_rows.py MessageRow), as a bubble.

The applicant's page and the officer's file page draw their threads with this one
bubble; each says whose side is its own (drawn on the right), how a message is
signed, and what else it shows under it.
"""

from __future__ import annotations

import reflex as rx


def message_bubble(
    m, *, own_side: str, signature: tuple, class_name: str, footer: tuple = ()
) -> rx.Component:
    mine = m.side == own_side
    return rx.box(
        rx.text(*signature, size="1", color_scheme="gray"),
        rx.cond(m.body != "", rx.text(m.body, size="2", white_space="pre-wrap")),
        rx.cond(m.attachment_url != "",
                rx.link("Lampiran", href=m.attachment_url, is_external=True, size="1")),
        *footer,
        background=rx.cond(mine, rx.color("accent", 3), rx.color("gray", 3)),
        margin_left=rx.cond(mine, "2rem", "0"), margin_right=rx.cond(mine, "0", "2rem"),
        padding="0.5rem 0.75rem", border_radius="8px", class_name=class_name,
    )  # fmt: skip
