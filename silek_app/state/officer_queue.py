"""/petugas: the officers' work queue, one page of rows at a time, kept live.

Every handler goes through services.officer_queue with the session token, which
loads the user and role from the database; the state only keeps what the page
shows. Live updates come from a background watcher started on_load (Reflex
cancels it when the tab navigates away or disconnects): it polls a cheap stamp
off the event loop and reloads the current page only when the stamp changes.
"""

from __future__ import annotations

import asyncio
import dataclasses

import reflex as rx

from silek_app.services import officer_queue
from silek_app.services.errors import AuthRequired, PermissionDenied, ServiceError
from silek_app.state.session import SessionState
from silek_app.state.stamp_watcher import watch_stamp

WATCH_SECONDS = 2.0
OFFICERS_ONLY = "Halaman ini khusus petugas."
SEARCH_MAX = officer_queue.SEARCH_MAX


@dataclasses.dataclass
class QueueRow:
    reference: str = ""
    service: str = ""
    applicant: str = ""
    nik: str = ""
    status_label: str = ""
    holder: str = ""
    in_state: str = ""
    sla_used: str = ""
    remaining: str = ""
    predicted: str = ""
    level: str = ""
    claimed_by: str = ""
    claimed_at: str = ""
    mine: str = ""
    can_claim: str = ""
    can_release: str = ""
    link: str = ""


@dataclasses.dataclass
class QueueTab:
    key: str = ""
    label: str = ""
    count: int = 0


class OfficerQueueState(SessionState):
    tab: str = "meja"
    search: str = ""
    page_no: int = 1
    page_count: int = 1
    total: int = 0
    rows: list[QueueRow] = []
    tabs: list[QueueTab] = []
    error: str = ""
    denied: str = ""
    loaded: bool = False

    def _clear(self) -> None:
        self.rows, self.tabs, self.total, self.page_no, self.page_count = [], [], 0, 1, 1

    async def _reload(self):
        """Fetch the current page; on refusal show nothing of the queue."""
        try:
            data = await asyncio.to_thread(
                officer_queue.queue, self.auth_token, self.tab, self.search, self.page_no
            )
        except AuthRequired:
            self._clear()
            self._show_user(None)
            self.loaded = True
            return self._login_redirect("/petugas")
        except PermissionDenied:
            self._clear()
            self.denied, self.loaded = OFFICERS_ONLY, True
            return None
        except ServiceError as exc:
            self._clear()
            self.error, self.loaded = exc.message, True
            return None
        self.denied = ""
        self.rows = [QueueRow(**row) for row in data["rows"]]
        self.tabs = [
            QueueTab(key, label, data["counts"][key]) for key, label in officer_queue.TABS.items()
        ]
        self.total, self.page_no, self.page_count = data["total"], data["page"], data["pages"]
        self.loaded = True
        return None

    @rx.event
    async def load(self):
        """on_load: start on my desk, page 1, no search."""
        self.tab, self.search, self.page_no, self.error, self.loaded = "meja", "", 1, "", False
        redirect = await self._reload()
        await self._refresh_session()
        return redirect

    @rx.event
    async def set_tab(self, tab: str):
        tab = str(tab)
        if tab not in officer_queue.TABS:
            return None
        self.tab, self.page_no, self.error = tab, 1, ""
        return await self._reload()

    @rx.event
    async def apply_search(self, form_data: dict):
        value = form_data.get("q", "") if isinstance(form_data, dict) else ""
        self.search = " ".join(str(value).split())[:SEARCH_MAX]
        self.page_no, self.error = 1, ""
        return await self._reload()

    @rx.event
    async def clear_search(self):
        self.search, self.page_no, self.error = "", 1, ""
        redirect = await self._reload()
        return [rx.set_value("queue-search", ""), *([redirect] if redirect else [])]

    @rx.event
    async def next_page(self):
        if self.page_no < self.page_count:
            self.page_no += 1
        return await self._reload()

    @rx.event
    async def previous_page(self):
        if self.page_no > 1:
            self.page_no -= 1
        return await self._reload()

    async def _claim_change(self, work, reference: str, done: str):
        self.error = ""
        try:
            await asyncio.to_thread(work, self.auth_token, str(reference)[:24])
        except AuthRequired:
            self._clear()
            self._show_user(None)
            return self._login_redirect("/petugas")
        except PermissionDenied:
            self._clear()
            self.denied = OFFICERS_ONLY
            return None
        except ServiceError as exc:
            self.error = exc.message
            await self._reload()
            return rx.toast.error(exc.message)
        await self._reload()
        return rx.toast.success(done)

    @rx.event
    async def claim(self, reference: str):
        return await self._claim_change(
            officer_queue.claim, reference, f"Berkas {str(reference)[:24]} Anda klaim."
        )

    @rx.event
    async def release(self, reference: str):
        return await self._claim_change(
            officer_queue.release, reference, f"Klaim berkas {str(reference)[:24]} dilepas."
        )

    @rx.event(background=True)
    async def watch(self):
        """on_load: reload the current page whenever the queue's stamp changes."""
        await watch_stamp(
            self, "antrean", authorize=officer_queue.viewer, stamp=officer_queue.queue_stamp,
            reload=self._live_reload, seconds=WATCH_SECONDS,
        )  # fmt: skip

    async def _live_reload(self) -> bool:
        async with self:
            await self._reload()
            return not (self.denied or not self.logged_in)
