"""/petugas/permohonan/[nomor]: one file worked by an officer (per-tab state).

The file itself lives in OfficerFileLive (state/officer_file_live.py), linked only
after services.officer_file.open_file authorized the officer. Every handler below
goes through a service that loads the user and role from the session token; the
ids and codes a client sends are only requests.
"""

from __future__ import annotations

import asyncio

import reflex as rx

from silek_app.services import file_review, inspections, messages, officer_file
from silek_app.services.errors import SESSION_ENDED, AuthRequired, PermissionDenied, ServiceError
from silek_app.state.file_page import mark_messages_read, route_reference
from silek_app.state.officer_file_live import OfficerFileLive, file_token
from silek_app.state.session import SessionState

PHOTO_UPLOAD_ID = "foto-bap"
PHOTO_READ_CAP = 6 * 1024 * 1024
OFFICERS_ONLY = "Halaman ini khusus petugas."


class OfficerFileState(SessionState):
    reference: str = ""
    error: str = ""
    notice: str = ""
    action_error: str = ""
    review_error: str = ""
    bap_error: str = ""
    message_error: str = ""
    busy: bool = False
    action_note: str = ""
    pending_action: str = ""
    pending_label: str = ""
    open_flag: str = ""
    _application_id: int = 0

    @rx.event
    async def load(self):
        reference = route_reference(self)
        self.reference, self.error, self.notice = reference, "", ""
        self.action_error = self.review_error = self.bap_error = self.message_error = ""
        self.pending_action, self.action_note, self._application_id = "", "", 0
        try:
            app_id = await asyncio.to_thread(
                officer_file.open_file, self.auth_token, reference, self._client_ip()
            )
        except AuthRequired:
            self._show_user(None)
            return self._login_redirect(f"/petugas/permohonan/{reference}")
        except PermissionDenied:
            await self._refresh_session()
            self.error = OFFICERS_ONLY
            return None
        except ServiceError as exc:
            await self._refresh_session()
            self.error = exc.message
            return None
        # Link only after the service layer said yes: linking is what grants the data.
        self._application_id = app_id
        live = await self.get_state(OfficerFileLive)
        linked = await live._link_to(file_token(app_id))
        await linked._refresh(app_id)
        await self._refresh_session()
        await mark_messages_read(self.auth_token, self.reference)
        return None

    async def _reload(self) -> None:
        if self._application_id:
            live = await self.get_state(OfficerFileLive)
            await live._refresh(self._application_id)

    async def _run(self, target: str, work) -> bool:
        """Run one service call; its message lands in `target`, the view is reloaded."""
        if not self._application_id:
            return False
        setattr(self, target, "")
        self.notice = ""
        ok = False
        try:
            await work()
            ok = True
        except AuthRequired:
            self._show_user(None)
            setattr(self, target, SESSION_ENDED)
        except ServiceError as exc:
            setattr(self, target, exc.message)
        # Also after a refusal: a stale version must show the fresh file at once.
        await self._reload()
        return ok

    # ------------------------------------------------------------ reviews

    @rx.event
    async def accept_document(self, document_id: str):
        doc = str(document_id)[:12]
        await self._run(
            "review_error",
            lambda: asyncio.to_thread(
                file_review.review_document, self.auth_token, self.reference, doc, "DITERIMA"
            ),
        )

    @rx.event
    async def flag_document(self, form_data: dict):
        doc = str(form_data.get("doc_id", ""))[:12]
        note = str(form_data.get("note", ""))[:600]
        ok = await self._run(
            "review_error",
            lambda: asyncio.to_thread(
                file_review.review_document, self.auth_token, self.reference, doc,
                file_review.FLAGGED, note,
            ),
        )  # fmt: skip
        if ok:
            self.open_flag = ""

    @rx.event
    def toggle_flag(self, target: str):
        target = str(target)[:60]
        self.open_flag = "" if self.open_flag == target else target
        self.review_error = ""

    @rx.event
    async def flag_field(self, form_data: dict):
        key = str(form_data.get("field_key", ""))[:60]
        note = str(form_data.get("note", ""))[:600]
        ok = await self._run(
            "review_error",
            lambda: asyncio.to_thread(
                file_review.flag_field, self.auth_token, self.reference, key, note
            ),
        )
        if ok:
            self.open_flag = ""

    @rx.event
    async def clear_field_flag(self, field_key: str):
        key = str(field_key)[:60]
        await self._run(
            "review_error",
            lambda: asyncio.to_thread(
                file_review.clear_field_flag, self.auth_token, self.reference, key
            ),
        )

    # ------------------------------------------------------------ actions

    @rx.event
    def set_action_note(self, value: str):
        self.action_note = str(value)[:2000]

    @rx.event
    async def request_action(self, code: str, label: str = ""):
        code = str(code)[:40].upper()
        if code in officer_file.CONFIRM_ACTIONS:
            # The dialog is a courtesy; the service checks everything on confirm.
            self.pending_action, self.pending_label = code, str(label)[:120]
            return
        await self._act(code)

    @rx.event
    def cancel_action(self):
        self.pending_action = self.pending_label = ""

    @rx.event
    async def confirm_action(self):
        code, self.pending_action, self.pending_label = self.pending_action, "", ""
        if code:
            await self._act(code)

    async def _act(self, code: str) -> None:
        live = await self.get_state(OfficerFileLive)
        raw = str(live.header.get("version", ""))
        version = int(raw) if raw.isascii() and raw.isdigit() else None
        note = self.action_note
        self.busy = True
        ok = await self._run(
            "action_error",
            lambda: asyncio.to_thread(
                officer_file.take_action, self.auth_token, self.reference, code, note, version
            ),
        )
        self.busy = False
        if ok:
            self.action_note = ""
            self.notice = "Tindakan tersimpan. Status berkas: " + live.header.get(
                "status_label", ""
            )

    # ------------------------------------------------------------ BAP

    @rx.event
    async def save_bap(self, form_data: dict):
        visit = str(form_data.get("visit_date", ""))[:20]
        officers = str(form_data.get("officers", ""))[:1500]
        result = str(form_data.get("result", ""))[:40]
        notes = str(form_data.get("notes", ""))[:4100]
        ok = await self._run(
            "bap_error",
            lambda: asyncio.to_thread(
                inspections.save_report, self.auth_token, self.reference, visit, officers,
                result, notes,
            ),
        )  # fmt: skip
        if ok:
            self.notice = "BAP tersimpan."

    @rx.event
    async def upload_photo(self, files: list[rx.UploadFile]):
        if not files:
            return
        data = await files[0].read(PHOTO_READ_CAP + 1)
        name = (files[0].name or "foto")[:200]
        if len(data) > PHOTO_READ_CAP:
            self.bap_error = "Ukuran foto melebihi batas 5 MB."
            return
        ok = await self._run(
            "bap_error",
            lambda: asyncio.to_thread(
                inspections.add_photo, self.auth_token, self.reference, name, data
            ),
        )
        if ok:
            self.notice = f"Foto \u201c{name}\u201d terlampir pada BAP."

    @rx.event
    async def remove_photo(self, document_id: str):
        doc = str(document_id)[:12]
        await self._run(
            "bap_error",
            lambda: asyncio.to_thread(
                inspections.remove_photo, self.auth_token, self.reference, doc
            ),
        )

    # ------------------------------------------------------------ messages

    @rx.event
    async def send_message(self, form_data: dict):
        body = str(form_data.get("body", ""))[:2100]
        ok = await self._run(
            "message_error",
            lambda: asyncio.to_thread(
                messages.post_message, self.auth_token, self.reference, body, None
            ),
        )
        if ok:
            yield rx.set_value("officer-message-body", "")
