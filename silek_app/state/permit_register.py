"""/petugas/izin: the officers' register of issued permits, with revocation."""

from __future__ import annotations

import asyncio

import reflex as rx

from silek_app.services import permit_register
from silek_app.services.errors import SESSION_ENDED, AuthRequired, ServiceError
from silek_app.state.session import SessionState

_PATH = "/petugas/izin"


class PermitRegisterState(SessionState):
    rows: list[dict[str, str]] = []
    total: int = 0
    page: int = 1
    pages: int = 1
    query: str = ""
    status: str = ""
    error: str = ""
    can_revoke: bool = False
    revoke_number: str = ""
    revoke_error: str = ""
    revoking: bool = False

    async def _fetch(self) -> None:
        data = await asyncio.to_thread(
            permit_register.list_permits, self.auth_token, self.query, self.status, self.page
        )
        self.rows, self.total = data["rows"], data["total"]
        self.page, self.pages = data["page"], data["pages"]

    async def _run(self, work) -> bool:
        """Run a service call; on refusal show the message (or send to the login page)."""
        self.error = ""
        try:
            await work()
            return True
        except AuthRequired:
            self._show_user(None)
            self.rows = []
            self.error = SESSION_ENDED
        except ServiceError as exc:
            self.rows = []
            self.error = exc.message
        return False

    @rx.event
    async def load(self):
        self.query, self.status, self.page = "", "", 1
        self.revoke_number, self.revoke_error = "", ""
        user = await self._current_user()
        if user is None:
            self._show_user(None)
            return self._login_redirect(_PATH)
        await self._refresh_session()

        async def work():
            await self._fetch()
            self.can_revoke = await asyncio.to_thread(permit_register.can_revoke, self.auth_token)

        await self._run(work)
        return None

    @rx.event
    async def search(self, form_data: dict):
        self.query = str(form_data.get("query", ""))[: permit_register.QUERY_MAX]
        status = str(form_data.get("status", "")).upper()
        self.status = status if status in permit_register.STATUSES else ""
        self.page = 1
        await self._run(self._fetch)

    @rx.event
    async def go_page(self, delta: int):
        try:
            step = 1 if int(delta) > 0 else -1
        except (TypeError, ValueError):
            return
        self.page = max(1, self.page + step)
        await self._run(self._fetch)

    @rx.event
    def open_revoke(self, number: str):
        # Only which permit the dialog is about; the service checks role and permit.
        self.revoke_number = str(number)[:60]
        self.revoke_error = ""

    @rx.event
    def close_revoke(self):
        self.revoke_number, self.revoke_error = "", ""

    @rx.event
    async def revoke(self, form_data: dict):
        if self.revoking or not self.revoke_number:
            return
        self.revoking, self.revoke_error = True, ""
        yield
        number, reason = self.revoke_number, str(form_data.get("reason", ""))[:2000]
        try:
            await asyncio.to_thread(permit_register.revoke, self.auth_token, number, reason)
        except ServiceError as exc:
            self.revoke_error = exc.message
            self.revoking = False
            return
        self.revoking, self.revoke_number = False, ""
        await self._run(self._fetch)
        yield rx.toast.success(f"Izin {number} telah dicabut.")
