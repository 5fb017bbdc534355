"""The "izin terbit" panel: one-screen SKM survey (skippable), then download and renewal."""

from __future__ import annotations

import reflex as rx

from silek_app.components.download_link import download_link
from silek_app.components.forms import error_callout
from silek_app.state.application_detail import ApplicationDetailState as D
from silek_app.state.live import ApplicationLive as L

H = L.header


def _question(q) -> rx.Component:
    return rx.vstack(
        rx.text(q["question"].to(str), size="2", weight="medium"),
        rx.radio_group.root(
            rx.flex(
                rx.foreach(q["answers"].to(list[list[str]]),
                           lambda a: rx.radio_group.item(a[1], value=a[0])),
                direction="column", spacing="1",
            ),
            name=q["code"].to(str),
            value=D.survey_answers.get(q["code"].to(str), ""),
            on_change=lambda value: D.set_answer(q["code"].to(str), value),
        ),
        spacing="1", width="100%", padding_y="0.5rem",
        border_bottom=f"1px solid {rx.color('gray', 4)}", class_name="survey-question",
    )  # fmt: skip


def _survey() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.text("Survei Kepuasan Masyarakat (1 menit). Jawaban Anda membantu kami "
                    "memperbaiki layanan. Anda boleh melewatinya.", size="2"),
            rx.foreach(D.survey, _question),
            rx.text_area(name="suggestion", placeholder="Saran (opsional)", rows="2",
                         width="100%", max_length=1000),
            error_callout(D.survey_error, "survey-error"),
            rx.hstack(
                rx.button("Kirim penilaian", type="submit", id="survey-submit"),
                rx.button("Lewati", type="button", variant="ghost", on_click=D.skip_survey,
                          id="survey-skip"),
                spacing="2",
            ),
            spacing="2", width="100%",
        ),
        on_submit=D.submit_survey, reset_on_submit=False, width="100%",
    )  # fmt: skip


def permit_panel() -> rx.Component:
    is_holder = D.user_role == "pemohon"
    return rx.cond(
        H["permit_number"] != "",
        rx.card(
            rx.vstack(
                rx.heading("Izin terbit", size="4", as_="h2"),
                rx.text("Nomor: ", H["permit_number"], size="2", id="permit-number"),
                rx.text("Berlaku sampai: ", H["permit_valid"], size="2"),
                rx.badge(H["permit_status"], color_scheme="green"),
                rx.cond(
                    is_holder,
                    rx.cond(
                        H["survey_done"] == "1",
                        rx.hstack(
                            download_link(rx.button("Unduh izin (PDF)", id="permit-download"),
                                          href="/api/v1/izin/" + H["reference"]),
                            rx.button("Perpanjang", variant="outline", on_click=D.renew,
                                      id="permit-renew"),
                            spacing="2", wrap="wrap",
                        ),
                        rx.cond(
                            D.survey.length() > 0,
                            _survey(),
                            rx.button("Unduh izin", on_click=D.open_survey, id="permit-start"),
                        ),
                    ),
                ),
                spacing="2", width="100%", align="start",
            ),
            width="100%", id="permit-panel",
        ),
    )  # fmt: skip
