"""The browser's session: a random bearer token in a cookie, checked on every use."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import reflex as rx

from silek_app import settings
from silek_app.domain.roles import Role
from silek_app.services import accounts
from silek_app.services.accounts import SessionUser
from silek_app.services.errors import AuthRequired

SESSION_COOKIE = "silek_sesi"


def safe_next_path(value: str | None, default: str = "/akun") -> str:
    """Only same-site absolute paths; anything else could be an open redirect."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    return value[:200]


class SessionState(rx.State):
    # Browser-held and therefore untrusted: it is only ever looked up hashed in the
    # database. SameSite=strict keeps it off cross-site requests.
    auth_token: str = rx.Cookie(
        "",
        name=SESSION_COOKIE,
        same_site="strict",
        path="/",
        max_age=settings.SESSION_ABSOLUTE_HOURS * 3600,
        secure=settings.COOKIE_SECURE,
    )
    # Display-only copies; never used to decide anything.
    user_name: str = ""
    user_role: str = ""
    user_role_label: str = ""
    logged_in: bool = False

    async def _current_user(self) -> SessionUser | None:
        return await asyncio.to_thread(accounts.current_user, self.auth_token)

    async def _require_user(self, roles: frozenset[Role] | None = None) -> SessionUser:
        """The session's user from the database, or AuthRequired/PermissionDenied."""
        user = await asyncio.to_thread(accounts.require_user, self.auth_token, roles)
        self._show_user(user)
        return user

    def _show_user(self, user: SessionUser | None) -> None:
        self.user_name = user.full_name if user else ""
        self.user_role = user.role if user else ""
        self.user_role_label = user.role_label if user else ""
        self.logged_in = user is not None

    def _client_ip(self) -> str:
        return self.router.session.client_ip or ""

    def _user_agent(self) -> str:
        return (self.router.headers.user_agent or "")[:255]

    def _login_redirect(self, next_path: str):
        return rx.redirect(f"/masuk?next={quote(next_path, safe='/')}")

    async def _start_session(self, token: str) -> SessionUser | None:
        """Keep a session just opened by the service (login) in the cookie; show its user."""
        self.auth_token = token
        user = await self._current_user()
        self._show_user(user)
        return user

    async def _refresh_session(self) -> SessionUser | None:
        user = await self._current_user()
        if user is None and self.auth_token:
            self.auth_token = ""
        self._show_user(user)
        if user is not None:
            from silek_app.state.bell import follow_bell

            await follow_bell(self, user.id)
        return user

    @rx.event
    async def sync_session(self):
        """on_load of every page: refresh the header from the database."""
        await self._refresh_session()

    @rx.event
    async def logout(self):
        await asyncio.to_thread(accounts.logout, self.auth_token)
        self.auth_token = ""
        self._show_user(None)
        return [rx.redirect("/"), rx.toast.info("Anda telah keluar.")]


__all__ = ["AuthRequired", "SessionState", "safe_next_path"]
