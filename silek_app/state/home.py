"""/ — the home page's two boxes hand over to the catalog and tracking pages."""

from __future__ import annotations

from urllib.parse import urlencode

import reflex as rx

from silek_app.state.session import SessionState


class HomeState(SessionState):
    @rx.event
    def search(self, form_data: dict):
        query = str(form_data.get("q", "")).strip()[:100]
        return rx.redirect("/layanan" + (f"?{urlencode({'q': query})}" if query else ""))

    @rx.event
    def track(self, form_data: dict):
        number = str(form_data.get("nomor", "")).strip().upper()[:30]
        return rx.redirect("/lacak" + (f"?{urlencode({'nomor': number})}" if number else ""))
