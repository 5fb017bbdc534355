"""Labelled filter controls shared by the dashboards (/analitik and /kinerja)."""

from __future__ import annotations

import reflex as rx


def labelled(label: str, control: rx.Component, html_for: str) -> rx.Component:
    """A small label over its control; shrinks to its grid cell on a phone."""
    return rx.vstack(
        rx.el.label(label, html_for=html_for, font_size="0.8rem"),
        control,
        spacing="1",
        min_width="0",
        width="100%",
    )


def date_field(ident: str, name: str, label: str, value) -> rx.Component:
    """A date input submitted with its form (uncontrolled: the form reads it on submit)."""
    return labelled(
        label,
        rx.input(type="date", name=name, id=ident, default_value=value, size="3", width="100%"),
        ident,
    )
