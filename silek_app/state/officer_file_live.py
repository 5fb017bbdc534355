"""The officers' shared view of one file: token `berkas-<id>`, one copy for every officer tab.

A different class and token from the applicant's ApplicationLive (state/live.py),
so nothing officer-only (full NIK, review notes in progress, BAP) can reach an
applicant's tab. Tabs link only after services.officer_file.open_file authorized
the officer (state/officer_file.py); the change feed in state/live.py calls
push_file whenever the file changes, so colleagues and the applicant show up live.
"""

from __future__ import annotations

import asyncio
import dataclasses

import reflex as rx

from silek_app.services import officer_file
from silek_app.state.message_rows import MessageRow, message_rows
from silek_app.state.shared_push import refresh_followed


def file_token(application_id: int) -> str:
    return f"berkas-{int(application_id)}"  # no "_" allowed in shared tokens


@dataclasses.dataclass
class InfoRow:
    label: str = ""
    value: str = ""


@dataclasses.dataclass
class FieldRow:
    section: str = ""
    first: str = ""
    key: str = ""
    label: str = ""
    value: str = ""
    flagged: str = ""
    note: str = ""


@dataclasses.dataclass
class RequirementRow:
    code: str = ""
    name: str = ""
    mandatory: str = ""
    doc_id: str = ""
    file: str = ""
    url: str = ""
    kind: str = ""
    review: str = ""
    review_label: str = ""
    note: str = ""
    reviewer: str = ""
    reviewed_at: str = ""
    changed: str = ""


@dataclasses.dataclass
class ActionRow:
    code: str = ""
    label: str = ""
    role: str = ""
    requires_note: str = ""
    confirm: str = ""
    danger: str = ""


@dataclasses.dataclass
class HistoryRow:
    at: str = ""
    action: str = ""
    from_label: str = ""
    to_label: str = ""
    actor: str = ""
    role: str = ""
    note: str = ""


@dataclasses.dataclass
class ChangeRow:
    kind: str = ""
    label: str = ""
    old: str = ""
    new: str = ""
    url: str = ""


@dataclasses.dataclass
class PhotoRow:
    report_id: str = ""
    id: str = ""
    name: str = ""
    url: str = ""


@dataclasses.dataclass
class ReportRow:
    id: str = ""
    visit_date: str = ""
    visit_iso: str = ""
    officers: str = ""
    officers_lines: str = ""
    result: str = ""
    result_label: str = ""
    notes: str = ""
    author: str = ""
    updated: str = ""
    current: str = ""


class OfficerFileLive(rx.SharedState):
    header: dict[str, str] = {}
    applicant: list[InfoRow] = []
    fields: list[FieldRow] = []
    requirements: list[RequirementRow] = []
    actions: list[ActionRow] = []
    history: list[HistoryRow] = []
    changes: list[ChangeRow] = []
    reports: list[ReportRow] = []
    photos: list[PhotoRow] = []
    thread: list[MessageRow] = []

    async def _refresh(self, application_id: int) -> None:
        v = await asyncio.to_thread(officer_file.file_view, application_id)
        self.header = v["header"]
        self.applicant = [InfoRow(**r) for r in v["applicant"]]
        self.fields = [FieldRow(**r) for r in v["fields"]]
        self.requirements = [RequirementRow(**r) for r in v["requirements"]]
        self.actions = [ActionRow(**r) for r in v["actions"]]
        self.history = [HistoryRow(**r) for r in v["history"]]
        self.changes = [ChangeRow(**r) for r in v["changes"]]
        self.reports = [
            ReportRow(**{k: val for k, val in r.items() if k != "photos"}) for r in v["reports"]
        ]
        self.photos = [
            PhotoRow(report_id=r["id"], id=p["id"], name=p["name"], url=p["url"])
            for r in v["reports"]
            for p in r["photos"]
        ]
        self.thread = message_rows(v["messages"])


async def push_file(app, application_id: int) -> None:
    """Refresh the officers' shared view of one file, if any officer tab follows it."""
    await refresh_followed(app, OfficerFileLive, file_token(application_id), application_id)
