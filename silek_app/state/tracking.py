"""/lacak: public tracking by reference number and the last 4 digits of the NIK."""

from __future__ import annotations

import asyncio

import reflex as rx

from silek_app.services import tracking
from silek_app.services.errors import ServiceError
from silek_app.state.session import SessionState


class TrackingState(SessionState):
    reference: str = ""
    error: str = ""
    result: dict[str, str] = {}

    @rx.event
    async def prepare(self):
        self.reference = str(self.router.url.query_parameters.get("nomor", ""))[:20].upper()
        self.error = ""
        self.result = {}
        await self._refresh_session()

    @rx.event
    async def submit(self, form_data: dict):
        reference = str(form_data.get("reference", ""))[:30]
        last4 = str(form_data.get("nik_last4", ""))[:10]
        self.reference = reference.strip().upper()
        self.result = {}
        self.error = ""
        try:
            self.result = await asyncio.to_thread(
                tracking.track, reference, last4, self._client_ip()
            )
        except ServiceError as exc:
            self.error = exc.message
