"""The notification bell: a shared state per user, refreshed by the change feed."""

from __future__ import annotations

import asyncio
import dataclasses

import reflex as rx

from silek_app.services import notifications
from silek_app.services.errors import ServiceError
from silek_app.state.shared_push import refresh_followed


@dataclasses.dataclass
class BellItem:
    id: str = ""
    title: str = ""
    body: str = ""
    link: str = ""
    at: str = ""
    kind: str = ""


def user_token(user_id: int) -> str:
    return f"pengguna-{int(user_id)}"  # no "_" allowed in shared tokens


class BellLive(rx.SharedState):
    count: int = 0
    items: list[BellItem] = []

    async def _refresh(self, user_id: int) -> None:
        data = await asyncio.to_thread(notifications.unread_for_user, user_id)
        self.count = int(data["count"])
        self.items = [BellItem(**item) for item in data["items"]]


class BellState(rx.State):
    """Per-tab actions on the bell; every one re-checks the session in the service."""

    async def _session(self):
        from silek_app.state.session import SessionState

        return await self.get_state(SessionState)

    async def _reload(self) -> None:
        session = await self._session()
        user = await session._current_user()
        if user is not None:
            live = await self.get_state(BellLive)
            await live._refresh(user.id)

    @rx.event
    async def open_item(self, notification_id: str, link: str):
        session = await self._session()
        if str(notification_id).isascii() and str(notification_id).isdigit():
            try:
                await asyncio.to_thread(
                    notifications.mark_read, session.auth_token, int(notification_id)
                )
            except ServiceError:
                return None
        await self._reload()
        target = str(link)
        return (
            rx.redirect(target) if target.startswith("/") and not target.startswith("//") else None
        )

    @rx.event
    async def read_all(self):
        session = await self._session()
        try:
            await asyncio.to_thread(notifications.mark_all_read, session.auth_token)
        except ServiceError:
            return
        await self._reload()


async def follow_bell(state: rx.State, user_id: int) -> None:
    """Link the tab to the user's bell (the caller resolved the user from the DB)."""
    live = await state.get_state(BellLive)
    linked = await live._link_to(user_token(user_id))
    await linked._refresh(user_id)


async def push_bell(app, user_id: int) -> None:
    """Refresh the user's bell for the tabs that show it (most notified users are offline)."""
    await refresh_followed(app, BellLive, user_token(user_id), user_id)
