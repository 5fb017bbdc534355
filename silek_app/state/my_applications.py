"""/permohonan: the applicant's applications with status, expected date, unread messages."""

from __future__ import annotations

import asyncio

import reflex as rx

from silek_app.services import tracking_views
from silek_app.services.errors import AuthRequired, ServiceError
from silek_app.state.session import SessionState


class MyApplicationsState(SessionState):
    rows: list[dict[str, str]] = []
    error: str = ""
    loaded: bool = False

    @rx.event
    async def load(self):
        self.error, self.loaded = "", False
        try:
            self.rows = await asyncio.to_thread(tracking_views.my_applications, self.auth_token)
        except AuthRequired:
            self._show_user(None)
            return self._login_redirect("/permohonan")
        except ServiceError as exc:
            self.rows, self.error = [], exc.message
        self.loaded = True
        await self._refresh_session()
        return None
