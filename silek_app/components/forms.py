"""Form building blocks shared by every page: fields, submit buttons, error boxes."""

from __future__ import annotations

import reflex as rx

LABEL_STYLE = {"fontWeight": 500, "fontSize": "14px"}
# A native <select> that looks like the text inputs; 16px keeps iOS from zooming in.
SELECT_STYLE = {
    "width": "100%",
    "maxWidth": "100%",
    "padding": "0.6rem",
    "borderRadius": "6px",
    "border": f"1px solid {rx.color('gray', 7)}",
    "fontSize": "16px",
    "background": "transparent",
    "color": "inherit",
}


def submit_button(label: str, button_id: str, *, busy=False, **props) -> rx.Component:
    """A submit button that stays disabled until the app is hydrated: before that a
    click would send a native GET with the form (and any password) in the URL."""
    return rx.button(
        label, type="submit", id=button_id, size="3", loading=busy,
        disabled=~rx.State.is_hydrated, **props,
    )  # fmt: skip


def error_callout(message, callout_id: str, **props) -> rx.Component:
    """An alert box that appears only while `message` is non-empty."""
    return rx.cond(
        message != "",
        rx.callout(
            message, icon="triangle_alert", color_scheme="red", id=callout_id, role="alert",
            width="100%", **props,
        ),
    )  # fmt: skip


def field_error(message) -> rx.Component:
    return rx.cond(message, rx.text(message, color_scheme="red", size="1", role="alert"))


def form_field(
    label: str,
    name: str,
    *,
    input_type: str = "text",
    error=None,
    hint: str = "",
    field_id: str = "",
    **input_props,
) -> rx.Component:
    """A labelled input with optional hint and error text; extra props go to the input."""
    field_id = field_id or f"field-{name}"
    return rx.vstack(
        rx.el.label(label, html_for=field_id, style=LABEL_STYLE),
        rx.input(name=name, id=field_id, type=input_type, size="3", width="100%", **input_props),
        rx.text(hint, size="1", color_scheme="gray") if hint else rx.fragment(),
        field_error(error) if error is not None else rx.fragment(),
        spacing="1", width="100%", align="stretch",
    )  # fmt: skip


def inline_form(
    on_submit,
    *,
    name: str,
    input_id: str,
    placeholder: str,
    label: str,
    button_label: str,
    button_id: str,
    **button_props,
) -> rx.Component:
    """One input and its button on a line: the home page's search and tracking boxes."""
    return rx.form(
        rx.flex(
            rx.input(
                name=name, id=input_id, placeholder=placeholder, size="3", flex="1",
                min_width="0", aria_label=label,
            ),
            submit_button(button_label, button_id, **button_props),
            spacing="2", width="100%",
        ),
        on_submit=on_submit, width="100%",
    )  # fmt: skip


def fact(label: str, value, fact_id: str | None = None, **value_props) -> rx.Component:
    """A small grey label over its value, as in the summary cards; extra props style the value."""
    if fact_id:
        value_props["id"] = fact_id
    return rx.vstack(
        rx.text(label, size="1", color_scheme="gray"),
        rx.text(value, size="2", weight="medium", **value_props),
        spacing="0", align="start",
    )  # fmt: skip
