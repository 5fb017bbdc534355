"""Login and registration forms."""

from __future__ import annotations

import asyncio

import reflex as rx

from silek_app.domain.roles import OFFICER_ROLES, Role
from silek_app.services import accounts
from silek_app.services.errors import ServiceError
from silek_app.state.session import SessionState, safe_next_path

_FIELD_LIMIT = 256


def _field(form_data: dict, name: str) -> str:
    value = form_data.get(name, "")
    return value[:_FIELD_LIMIT] if isinstance(value, str) else ""


def _landing(role: str) -> str:
    """Where a login without ?next= lands: officers on their queue, admins on /admin,
    pimpinan on the dashboard."""
    if role == Role.PIMPINAN.value:
        return "/analitik"
    if role in {r.value for r in OFFICER_ROLES}:
        return "/petugas"
    if role == Role.ADMIN.value:
        return "/admin"
    return "/akun"


class LoginState(SessionState):
    error: str = ""
    busy: bool = False

    @rx.event
    async def prepare(self):
        self.error = ""
        self.busy = False
        await self._refresh_session()

    @rx.event
    async def submit(self, form_data: dict):
        if self.busy:
            return
        self.busy = True
        self.error = ""
        yield
        try:
            token = await asyncio.to_thread(
                accounts.login,
                _field(form_data, "login"),
                _field(form_data, "password"),
                self._client_ip(),
                self._user_agent(),
            )
        except ServiceError as exc:
            self.error = exc.message
            self.busy = False
            return
        user = await self._start_session(token)
        self.busy = False
        target = safe_next_path(
            self.router.url.query_parameters.get("next"), _landing(user.role if user else "")
        )
        yield rx.redirect(target)


class RegisterState(SessionState):
    errors: dict[str, str] = {}
    error: str = ""
    busy: bool = False

    @rx.event
    async def prepare(self):
        self.errors = {}
        self.error = ""
        self.busy = False
        await self._refresh_session()

    @rx.event
    async def submit(self, form_data: dict):
        if self.busy:
            return
        data = accounts.Registration(
            nik=_field(form_data, "nik"),
            full_name=_field(form_data, "full_name"),
            email=_field(form_data, "email"),
            phone=_field(form_data, "phone"),
            password=_field(form_data, "password"),
            password_confirm=_field(form_data, "password_confirm"),
        )
        self.busy = True
        self.error = ""
        self.errors = {}
        yield
        problems = await asyncio.to_thread(accounts.validate_registration, data)
        if problems:
            self.errors = problems
            self.error = "Periksa kembali isian yang ditandai."
            self.busy = False
            return
        try:
            await asyncio.to_thread(accounts.register, data, self._client_ip())
            token = await asyncio.to_thread(
                accounts.login, data.email, data.password, self._client_ip(), self._user_agent()
            )
        except ServiceError as exc:
            self.error = exc.message
            if exc.field:
                self.errors = {exc.field: exc.message}
            self.busy = False
            return
        await self._start_session(token)
        self.busy = False
        yield [rx.redirect("/akun"), rx.toast.success("Akun berhasil dibuat. Selamat datang.")]
