"""/permohonan/[nomor]/terkirim: confirmation and printable receipt."""

from __future__ import annotations

import asyncio

import reflex as rx

from silek_app.services import application_views
from silek_app.services.errors import AuthRequired, ServiceError
from silek_app.state.session import SessionState


class ReceiptState(SessionState):
    receipt: dict[str, str] = {}
    error: str = ""

    @rx.event
    async def load(self):
        reference = str(self.router.page.params.get("nomor", ""))[:24]
        self.receipt, self.error = {}, ""
        try:
            self.receipt = await asyncio.to_thread(
                application_views.receipt, self.auth_token, reference
            )
        except AuthRequired:
            self._show_user(None)
            return self._login_redirect(f"/permohonan/{reference}/terkirim")
        except ServiceError as exc:
            self.error = exc.message
        await self._refresh_session()
        return None
