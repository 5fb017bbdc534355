"""Live pages that follow a cheap data stamp: the officers' queue and the dashboard.

A page starts its watcher as an on_load background event (Reflex cancels it on
navigation or disconnect). The watcher checks the stamp every few seconds off the
event loop and calls the page's reload only when the stamp changed, so an idle
page costs one small query per period.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable

import reflex as rx

from silek_app.services.errors import ServiceError

log = logging.getLogger("silek.watch")

# (page, client token) -> id of its one live watcher on this worker. A newer watcher
# (a reload, or a crafted repeat) retires the older one, so a tab never runs two.
_WATCHERS: dict[tuple[str, str], str] = {}


async def watch_stamp(
    state: rx.State,
    page: str,
    *,
    authorize: Callable[[str], object],
    stamp: Callable[[], str],
    reload: Callable[[], Awaitable[bool]],
    seconds: float,
) -> None:
    """Run until the tab leaves: ``authorize(token)`` first (ServiceError ends it),
    then ``reload()`` whenever ``stamp()`` changes; ``reload`` returns False to stop
    (e.g. the session ended). ``reload`` takes the state lock itself (``async with
    state``), so a slow one can do its work outside it and keep the tab responsive."""
    async with state:
        token = state.auth_token
        key = (page, state.router.session.client_token)
    try:
        await asyncio.to_thread(authorize, token)
    except ServiceError:
        return  # not allowed: nothing to watch, nothing sent
    me = uuid.uuid4().hex
    _WATCHERS[key] = me
    try:
        last = None  # one catch-up reload covers changes since the page loaded
        while _WATCHERS.get(key) == me:
            await asyncio.sleep(seconds)
            try:
                current = await asyncio.to_thread(stamp)
            except Exception:  # noqa: BLE001 — a DB hiccup must not end live updates
                log.exception("%s stamp failed", page)
                continue
            if current == last or _WATCHERS.get(key) != me:
                continue
            last = current
            if not await reload():
                return
    finally:
        if _WATCHERS.get(key) == me:
            del _WATCHERS[key]
