"""/akun: the signed-in user's own account."""

from __future__ import annotations

import asyncio

import reflex as rx

from silek_app.services import profile
from silek_app.services.errors import AuthRequired, ServiceError
from silek_app.state.session import SessionState


class AccountState(SessionState):
    account: dict[str, str] = {}

    @rx.event
    async def load_account(self):
        try:
            data = await asyncio.to_thread(profile.my_account, self.auth_token)
        except AuthRequired:
            self.account = {}
            self._show_user(None)
            return self._login_redirect("/akun")
        except ServiceError as exc:
            self.account = {}
            return rx.toast.error(exc.message)
        await self._refresh_session()
        self.account = data
