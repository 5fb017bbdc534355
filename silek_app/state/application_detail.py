"""/permohonan/[nomor]: one application, live (see state/live.py)."""

from __future__ import annotations

import asyncio

import reflex as rx

from silek_app.services import messages, renewals, revisions, skm, tracking_views
from silek_app.services.errors import SESSION_ENDED, AuthRequired, ServiceError
from silek_app.state.file_page import mark_messages_read, route_reference
from silek_app.state.live import ApplicationLive, follow
from silek_app.state.session import SessionState

ATTACHMENT_UPLOAD_ID = "lampiran"
FIX_UPLOAD_ID = "perbaikan"
ATTACHMENT_READ_CAP = 6 * 1024 * 1024


class ApplicationDetailState(SessionState):
    reference: str = ""
    error: str = ""
    message_error: str = ""
    sending: bool = False
    fix_target: str = ""
    fix_error: str = ""
    fix_notice: str = ""
    field_errors: dict[str, str] = {}
    survey: list[dict] = []
    survey_answers: dict[str, str] = {}
    survey_error: str = ""
    _application_id: int = 0

    @rx.event
    async def load(self):
        reference = route_reference(self)
        self.reference, self.error, self.message_error = reference, "", ""
        try:
            app_id = await asyncio.to_thread(
                tracking_views.authorize_view, self.auth_token, reference
            )
        except AuthRequired:
            self._show_user(None)
            return self._login_redirect(f"/permohonan/{reference}")
        except ServiceError as exc:
            self.error = exc.message
            return None
        # Link only after the service layer said yes: linking is what grants the data.
        self._application_id = app_id
        await follow(self, app_id)
        await self._refresh_session()
        await mark_messages_read(self.auth_token, self.reference)
        return None

    async def _after_change(self) -> None:
        live = await self.get_state(ApplicationLive)
        await live._refresh(self._application_id)

    async def _post(self, body: str, attachment: tuple[str, bytes] | None) -> None:
        if not self._application_id:
            return
        self.sending, self.message_error = True, ""
        try:
            await asyncio.to_thread(
                messages.post_message, self.auth_token, self.reference, body, attachment
            )
            await self._after_change()
        except AuthRequired:
            self._show_user(None)
            self.message_error = SESSION_ENDED
        except ServiceError as exc:
            self.message_error = exc.message
        finally:
            self.sending = False

    @rx.event
    async def send_message(self, form_data: dict):
        body = str(form_data.get("body", ""))[:2100]
        await self._post(body, None)
        if not self.message_error:
            yield rx.set_value("message-body", "")

    @rx.event
    async def send_attachment(self, files: list[rx.UploadFile]):
        if not files:
            return
        data = await files[0].read(ATTACHMENT_READ_CAP + 1)
        if len(data) > ATTACHMENT_READ_CAP:
            self.message_error = "Ukuran lampiran melebihi batas 5 MB."
            return
        await self._post("", ((files[0].name or "lampiran")[:200], data))

    @rx.event
    async def seen(self):
        """Called when new messages arrive on screen: mark them read for this side."""
        if self._application_id:
            await mark_messages_read(self.auth_token, self.reference)

    async def _fix(self, work) -> bool:
        self.fix_error, self.fix_notice = "", ""
        try:
            await work()
            await self._after_change()
            return True
        except AuthRequired:
            self._show_user(None)
            self.fix_error = SESSION_ENDED
        except ServiceError as exc:
            self.fix_error = exc.message
        return False

    @rx.event
    def open_fix(self, code: str):
        code = str(code)[:40]
        self.fix_target = "" if self.fix_target == code else code
        self.fix_error = ""

    @rx.event
    async def upload_fix(self, files: list[rx.UploadFile]):
        code = self.fix_target
        if not code or not files:
            return
        data = await files[0].read(ATTACHMENT_READ_CAP * 2 + 1)
        name = (files[0].name or "dokumen")[:200]

        async def work():
            await asyncio.to_thread(
                revisions.fix_document, self.auth_token, self.reference, code, name, data
            )

        if await self._fix(work):
            self.fix_target = ""
            self.fix_notice = f"Dokumen perbaikan \u201c{name}\u201d tersimpan."

    @rx.event
    async def save_fields(self, form_data: dict):
        live = await self.get_state(ApplicationLive)
        flagged = [r for r in live.revision if r.kind == "field"]
        # Only the flagged names go to the service (the form also reports element ids);
        # an unticked checkbox is absent from a form, so it is sent as "".
        values = {
            r.code: ("1" if form_data.get(r.code) in ("on", True, "true", "1") else "")
            if r.field_kind == "checkbox"
            else str(form_data.get(r.code, ""))[:600]
            for r in flagged
        }
        problems: dict[str, str] = {}

        async def work():
            nonlocal problems
            problems = await asyncio.to_thread(
                revisions.fix_fields, self.auth_token, self.reference, values
            )

        if await self._fix(work):
            self.field_errors = problems
            if problems:
                self.fix_error = "Periksa kembali isian yang ditandai."
            else:
                self.fix_notice = "Isian perbaikan tersimpan."

    @rx.event
    async def send_revision(self):
        if self.sending:
            return
        self.sending = True
        yield

        async def work():
            await asyncio.to_thread(revisions.send_revision, self.auth_token, self.reference)

        ok = await self._fix(work)
        self.sending = False
        if ok:
            self.fix_notice = ""
            yield rx.toast.success(
                "Perbaikan diterima. Berkas kembali diperiksa petugas dan waktu layanan "
                "berjalan lagi."
            )

    @rx.event
    async def open_survey(self):
        if self.survey:
            return  # already open: a repeated click must not wipe the answers given
        self.survey = await asyncio.to_thread(skm.questions)
        self.survey_answers = {}
        self.survey_error = ""

    @rx.event
    def set_answer(self, code: str, value: str):
        # Answers live in the state, not the DOM, so a live re-render cannot wipe them.
        if code in {q["code"] for q in self.survey} and value in {"1", "2", "3", "4"}:
            self.survey_answers = {**self.survey_answers, code: value}

    @rx.event
    async def submit_survey(self, form_data: dict):
        answers = [self.survey_answers.get(q["code"], "") for q in self.survey]
        suggestion = str(form_data.get("suggestion", ""))[:1000]
        self.survey_error = ""
        try:
            await asyncio.to_thread(
                skm.submit_survey, self.auth_token, self.reference, answers, suggestion
            )
        except ServiceError as exc:
            self.survey_error = exc.message
            return None
        self.survey = []
        await self._after_change()
        return rx.toast.success("Terima kasih atas penilaian Anda. Izin dapat diunduh.")

    @rx.event
    async def skip_survey(self):
        try:
            await asyncio.to_thread(skm.skip_survey, self.auth_token, self.reference)
        except ServiceError as exc:
            self.survey_error = exc.message
            return
        self.survey = []
        await self._after_change()

    @rx.event
    async def renew(self):
        try:
            code = await asyncio.to_thread(renewals.start_renewal, self.auth_token, self.reference)
        except ServiceError as exc:
            self.fix_error = exc.message
            return None
        return rx.redirect(f"/permohonan/baru/{code}")
