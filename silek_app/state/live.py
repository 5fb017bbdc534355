"""Live application pages: one shared state per application, pushed by a change feed.

Every tab that may see an application links to the shared token `permohonan-<id>`
(only after the service layer authorized it). A single lifespan task per worker
polls the database for changed applications and refreshes their shared state, so a
change from any source (an officer's screen, another worker, a job, a test driving
the service layer) reaches every linked tab within about half a second.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging

import reflex as rx

from silek_app.services import notifications, tracking_views
from silek_app.services.clock import utc_now
from silek_app.state.message_rows import MessageRow, message_rows
from silek_app.state.shared_push import refresh_followed

POLL_SECONDS = 0.5
log = logging.getLogger("silek.live")


@dataclasses.dataclass
class TimelineRow:
    at: str = ""
    label: str = ""
    actor: str = ""
    role: str = ""
    note: str = ""


@dataclasses.dataclass
class PauseRow:
    start: str = ""
    end: str = ""
    reason: str = ""
    days: str = ""


@dataclasses.dataclass
class RevisionRow:
    kind: str = ""
    kind_label: str = ""
    code: str = ""
    target: str = ""
    note: str = ""
    value: str = ""
    field_kind: str = "text"
    options: list[list[str]] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class DocumentRow:
    name: str = ""
    file: str = ""
    url: str = ""
    review: str = ""
    note: str = ""


def shared_token(application_id: int) -> str:
    return f"permohonan-{int(application_id)}"  # no "_" allowed in shared tokens


class ApplicationLive(rx.SharedState):
    header: dict[str, str] = {}
    timeline: list[TimelineRow] = []
    pauses: list[PauseRow] = []
    revision: list[RevisionRow] = []
    documents: list[DocumentRow] = []
    messages: list[MessageRow] = []

    async def _refresh(self, application_id: int) -> None:
        view = await asyncio.to_thread(tracking_views.application_view, application_id)
        self.header = view["header"]
        self.timeline = [TimelineRow(**row) for row in view["timeline"]]
        self.pauses = [PauseRow(**row) for row in view["pauses"]]
        self.revision = [RevisionRow(**row) for row in view["revision"]]
        self.documents = [DocumentRow(**row) for row in view["documents"]]
        self.messages = message_rows(view["messages"])


async def follow(state: rx.State, application_id: int) -> ApplicationLive:
    """Link the caller's tab to the application (the caller has authorized it)."""
    live = await state.get_state(ApplicationLive)
    linked = await live._link_to(shared_token(application_id))
    await linked._refresh(application_id)
    return linked


async def push(app, application_id: int) -> None:
    """Refresh one application's shared state for every linked tab."""
    await refresh_followed(app, ApplicationLive, shared_token(application_id), application_id)


async def change_feed(app) -> None:
    """Lifespan task: poll for changed applications and new notifications, push them."""
    from silek_app.state.bell import push_bell
    from silek_app.state.officer_file_live import push_file

    since = bell_since = utc_now()
    while True:
        await asyncio.sleep(POLL_SECONDS)
        polled_at = utc_now()
        try:
            changed = await asyncio.to_thread(tracking_views.changed_since, since)
            bells = await asyncio.to_thread(notifications.users_changed_since, bell_since)
        except Exception:  # noqa: BLE001 — a DB hiccup must not kill the feed
            log.exception("change feed query failed")
            continue
        for user_id, created_at in bells:
            bell_since = max(bell_since, created_at)
            try:
                await push_bell(app, user_id)
            except Exception:  # noqa: BLE001 — one bad push must not stop the others
                log.exception("bell push failed for user %s", user_id)
        for application_id, updated_at in changed:
            # A row stamped in the future (a skewed clock) must not hold back every
            # change until that time: the mark never passes the time of this poll.
            since = max(since, min(updated_at, polled_at))
            try:
                await push(app, application_id)
            except Exception:  # noqa: BLE001 — one bad push must not stop the others
                log.exception("live push failed for application %s", application_id)
            try:  # the officers' view of the same file is a separate shared state
                await push_file(app, application_id)
            except Exception:  # noqa: BLE001
                log.exception("officer push failed for application %s", application_id)
