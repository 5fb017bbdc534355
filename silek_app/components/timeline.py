"""A file's history as a vertical line of entries, newest first.

The applicant's status history (pages/application_detail.py) and the officer's
file history (components/officer_file.py) are drawn by this one component; each
page only says what an entry shows.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx


def timeline(
    heading: str,
    rows: rx.Var,
    entry: Callable[[rx.Var], tuple[rx.Component, ...]],
    item_class: str,
    **props,
) -> rx.Component:
    """`heading`, then one entry per row; `entry(row)` gives the entry's lines."""
    return rx.vstack(
        rx.heading(heading, size="4", as_="h2"),
        rx.foreach(
            rows,
            lambda row: rx.box(
                *entry(row),
                border_left=f"3px solid {rx.color('accent', 8)}", padding_left="0.75rem",
                padding_y="0.25rem", width="100%", class_name=item_class,
            ),
        ),
        spacing="2", width="100%", **props,
    )  # fmt: skip
