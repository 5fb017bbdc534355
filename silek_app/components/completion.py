"""The legal SLA date next to the predicted completion date, on every page that shows a file.

One component for the applicant's detail page, the officer's file page, public
tracking (/lacak) and the submission receipt, so they say the same thing in the
same words. `facts` is a dict var holding "due" and the entries of
services.prediction.prediction_facts.
"""

from __future__ import annotations

import reflex as rx

from silek_app.components.forms import fact


def completion_dates(facts, id_prefix: str) -> rx.Component:
    """Due date and prediction side by side, then what the prediction rests on.

    Element ids: ``{id_prefix}-due``, ``-predicted`` and ``-predicted-note``.
    A late file keeps its passed legal date, shown in red, next to the fresh
    estimate, whose label says "Lewat batas waktu layanan".
    """
    late = facts["predicted_late"] == "1"
    return rx.vstack(
        rx.grid(
            fact("Batas waktu (SLA)", facts["due"], f"{id_prefix}-due",
                 color=rx.cond(late, rx.color("red", 11), "inherit")),
            rx.cond(facts["predicted"] != "",
                    fact("Perkiraan selesai", facts["predicted"], f"{id_prefix}-predicted")),
            columns="2", spacing="3", width="100%",
        ),
        rx.cond(facts["predicted_note"] != "",
                rx.text("Perkiraan ", facts["predicted_note"], ".", size="1",
                        color_scheme="gray", id=f"{id_prefix}-predicted-note")),
        spacing="2", width="100%", align="start",
    )  # fmt: skip


def clock_facts(facts, id_prefix: str, *running: rx.Component) -> rx.Component:
    """The SLA clock's facts: ``running`` while it runs; once the file is finished, how long
    it took (``{id_prefix}-used``), since days "left" of a stopped clock mean nothing."""
    return rx.cond(
        facts["finished"] == "1",
        fact("Selesai dalam", facts["used"] + " hari kerja", f"{id_prefix}-used"),
        rx.fragment(*running),
    )
