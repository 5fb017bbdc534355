"""Refreshing a shared file view from the change feed, for the tabs that follow it."""

from __future__ import annotations

import reflex as rx


async def refresh_followed(app, cls: type[rx.SharedState], ident: str, application_id: int):
    """Refresh ``cls``'s shared state ``ident`` if any tab is linked to it.

    Most changed files have nobody looking at them: building their view would be
    work for no one (and a delta sent to a client that does not exist).
    """
    token = rx.BaseStateToken(ident=ident, cls=cls)
    async with app.modify_state(token) as root:
        live = await root.get_state(cls)
        if live._linked_from:
            await live._refresh(application_id)
