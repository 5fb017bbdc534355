"""/permohonan/baru/[kode]: pre-check, task list, sections, documents, review, submit."""

from __future__ import annotations

import asyncio
import dataclasses
import uuid

import reflex as rx

from silek_app.services import application_views, applications, documents
from silek_app.services.errors import AuthRequired, NotFound, ServiceError
from silek_app.state.session import SessionState

# Bytes read from one upload before giving up; the requirement's own limit (at most
# 10 MB) is enforced by the service with a clear message.
UPLOAD_READ_CAP = 12 * 1024 * 1024


@dataclasses.dataclass
class FieldRow:
    key: str = ""
    label: str = ""
    kind: str = "text"
    required: bool = True
    hint: str = ""
    options: list[list[str]] = dataclasses.field(default_factory=list)
    value: str = ""
    error: str = ""


@dataclasses.dataclass
class SectionRow:
    key: str = ""
    title: str = ""
    done: bool = False


@dataclasses.dataclass
class SlotRow:
    code: str = ""
    name: str = ""
    description: str = ""
    mandatory: bool = True
    types: str = ""
    accept: str = ""
    max_size_mb: int = 5
    template: str = ""
    condition: str = ""
    doc_id: str = ""
    doc_name: str = ""
    doc_size: str = ""
    doc_kind: str = ""
    doc_url: str = ""


@dataclasses.dataclass
class ReviewRow:
    section: str = ""
    title: str = ""
    label: str = ""
    value: str = ""


@dataclasses.dataclass
class LibraryRow:
    id: str = ""
    name: str = ""
    kind: str = ""
    size: str = ""
    uploaded: str = ""


class ApplyState(SessionState):
    service_code: str = ""
    service_name: str = ""
    sla_days: str = ""
    is_sip: bool = False
    jenis_options: list[dict[str, str]] = []
    has_draft: bool = False
    jenis: str = ""
    practice_kind: str = ""
    place_no: str = ""
    is_asn: bool = False
    sections: list[SectionRow] = []
    fields: list[FieldRow] = []
    slots: list[SlotRow] = []
    library: list[LibraryRow] = []
    review: list[ReviewRow] = []
    missing: list[str] = []
    step: str = "awal"  # awal | <section key> | dokumen | periksa
    active_slot: str = ""
    upload_progress: int = 0
    error: str = ""
    notice: str = ""
    busy: bool = False
    not_found: bool = False
    _submit_key: str = ""
    _section_values: dict[str, dict[str, str]] = {}
    _section_fields: dict[str, list[dict]] = {}

    def _code(self) -> str:
        return str(self.router.page.params.get("kode", ""))[:16]

    async def _reload(self) -> None:
        view = await asyncio.to_thread(application_views.draft_view, self.auth_token, self._code())
        self.service_code = view["service"]["code"]
        self.service_name = view["service"]["name"]
        self.sla_days = view["service"]["sla"]
        self.is_sip = view["is_sip"]
        self.jenis_options = view["jenis_options"]
        self.has_draft = view["has_draft"]
        pre = view["precheck"]
        self.jenis = pre.get("jenis", "") or (view["jenis_options"][0]["value"])
        self.practice_kind = pre.get("practice_kind", "")
        self.place_no = pre.get("place_no", "")
        self.is_asn = bool(pre.get("is_asn", False))
        self.sections = [SectionRow(x["key"], x["title"], x["done"]) for x in view["sections"]]
        self._section_values = {x["key"]: x["values"] for x in view["sections"]}
        self._section_fields = {x["key"]: x["fields"] for x in view["sections"]}
        self.slots = [_slot_row(x) for x in view["slots"]]
        self.review = [
            ReviewRow(sec["key"], sec["title"], f["label"], _shown(f, sec["values"]))
            for sec in view["sections"]
            for f in sec["fields"]
        ]
        self.missing = view["missing"]
        if self.step not in {"awal", "dokumen", "periksa"}:
            self._show_section(self.step)

    def _show_section(self, key: str, errors: dict[str, str] | None = None) -> None:
        definitions = self._section_fields.get(key)
        if not definitions:
            self.step = "awal"
            return
        values = self._section_values.get(key, {})
        self.fields = [
            FieldRow(
                key=f["key"], label=f["label"], kind=f["kind"], required=f["required"],
                hint=f["hint"], options=f["options"], value=values.get(f["key"], ""),
                error=(errors or {}).get(f["key"], ""),
            )
            for f in definitions
        ]  # fmt: skip
        self.step = key

    async def _guarded(self, work) -> bool:
        """Run a service call; map refusals to the page. Returns True on success."""
        self.notice = ""
        try:
            await work()
            return True
        except AuthRequired:
            self._show_user(None)
            self.error = ""
            return False
        except NotFound as exc:
            self.not_found = True
            self.error = exc.message
        except ServiceError as exc:
            self.error = exc.message
        return False

    @rx.event
    async def load(self):
        self.error, self.notice, self.not_found, self.step = "", "", False, "awal"
        self.active_slot = ""
        if not await self._guarded(self._reload):
            if not self.logged_in and not self.not_found:
                return self._login_redirect(f"/permohonan/baru/{self._code()}")
            return None
        if self.has_draft:
            self.notice = "Draf Anda tersimpan. Lanjutkan dari bagian yang belum selesai."
        return None

    @rx.event
    async def save_precheck(self, form_data: dict):
        pc = applications.PreCheck(
            jenis=str(form_data.get("jenis", self.jenis))[:14],
            practice_kind=str(form_data.get("practice_kind", "")).upper()[:10] or None,
            place_no=int(p)
            if (p := str(form_data.get("place_no", ""))) in {"1", "2", "3"}
            else None,
            is_asn=str(form_data.get("is_asn", "")) in {"on", "true", "1"},
        )
        self.error = ""

        async def work():
            await asyncio.to_thread(
                applications.save_precheck, self.auth_token, self.service_code, pc
            )
            await self._reload()

        if await self._guarded(work):
            first_open = next((x.key for x in self.sections if not x.done), "dokumen")
            self.notice = (
                "Langkah awal tersimpan. Daftar persyaratan disesuaikan dengan pilihan Anda."
            )
            if first_open == "dokumen":
                self.step = "dokumen"
            else:
                self._show_section(first_open)

    @rx.event
    def set_jenis(self, value: str):
        self.jenis = str(value)[:14]

    @rx.event
    def set_practice_kind(self, value: str):
        self.practice_kind = str(value)[:10]

    @rx.event
    def set_place_no(self, value: str):
        self.place_no = str(value)[:1]

    @rx.event
    async def go(self, step: str):
        step = str(step)[:20]
        self.error, self.active_slot = "", ""
        if step in {"awal", "dokumen", "periksa"}:
            self.step = step
            if step == "periksa":
                self._submit_key = self._submit_key or uuid.uuid4().hex
            await self._guarded(self._reload)
            return
        await self._guarded(self._reload)
        self._show_section(step)

    @rx.event
    async def save_section(self, form_data: dict):
        key = self.step
        values = {k: str(v)[:600] for k, v in form_data.items() if isinstance(v, str | bool)}
        for f in self.fields:
            if f.kind == "checkbox":
                values[f.key] = "1" if str(form_data.get(f.key, "")) in {"on", "true", "1"} else ""
        problems: dict[str, str] = {}

        async def work():
            nonlocal problems
            problems = await asyncio.to_thread(
                applications.save_section, self.auth_token, self.service_code, key, values
            )
            await self._reload()

        if not await self._guarded(work):
            return
        if problems:
            self._section_values = {**self._section_values, key: values}
            self._show_section(key, problems)
            self.error = "Periksa kembali isian yang ditandai."
            return
        self.notice = "Tersimpan."
        next_open = next((x.key for x in self.sections if not x.done), "dokumen")
        if next_open == "dokumen":
            self.step = "dokumen"
        else:
            self._show_section(next_open)

    @rx.event
    async def open_slot(self, code: str):
        self.active_slot = "" if self.active_slot == code else str(code)[:40]
        self.upload_progress = 0
        self.error = ""
        if self.active_slot:

            async def work():
                rows = await asyncio.to_thread(documents.my_library, self.auth_token)
                self.library = [LibraryRow(r["id"], r["name"], r["kind"], r["size"],
                                           r["uploaded"]) for r in rows]  # fmt: skip

            await self._guarded(work)

    @rx.event
    def on_progress(self, progress: dict):
        try:
            self.upload_progress = int(float(progress.get("progress", 0)) * 100)
        except (TypeError, ValueError):
            self.upload_progress = 0

    @rx.event
    async def upload_file(self, files: list[rx.UploadFile]):
        code = self.active_slot
        if not code or not files:
            return
        upload = files[0]
        data = await upload.read(UPLOAD_READ_CAP + 1)
        name = (upload.name or "dokumen")[:200]
        self.error = ""

        async def work():
            if len(data) > UPLOAD_READ_CAP:
                raise ServiceError("Ukuran berkas melebihi batas 10 MB.")
            await asyncio.to_thread(
                documents.upload, self.auth_token, self.service_code, code, name, data
            )
            await self._reload()

        if await self._guarded(work):
            self.notice = f"Berkas \u201c{name}\u201d tersimpan."
            self.active_slot = ""
        self.upload_progress = 0

    @rx.event
    async def reuse(self, document_id: str):
        code = self.active_slot
        document_id = str(document_id)
        if (
            not code
            or not (document_id.isascii() and document_id.isdigit())
            or len(document_id) > 12
        ):
            return

        async def work():
            await asyncio.to_thread(
                documents.reuse, self.auth_token, self.service_code, code, int(document_id)
            )
            await self._reload()

        if await self._guarded(work):
            self.notice = "Dokumen sebelumnya dipakai untuk persyaratan ini."
            self.active_slot = ""

    @rx.event
    async def remove(self, code: str):
        async def work():
            await asyncio.to_thread(
                documents.remove, self.auth_token, self.service_code, str(code)[:40]
            )
            await self._reload()

        if await self._guarded(work):
            self.notice = "Berkas dilepas dari persyaratan ini."

    @rx.event
    async def submit(self):
        if self.busy:
            return
        self.busy, self.error = True, ""
        yield
        self._submit_key = self._submit_key or uuid.uuid4().hex
        result = None

        async def work():
            nonlocal result
            result = await asyncio.to_thread(
                applications.submit, self.auth_token, self.service_code, self._submit_key
            )

        ok = await self._guarded(work)
        self.busy = False
        if ok and result is not None:
            self._submit_key = ""
            yield rx.redirect(f"/permohonan/{result.reference}/terkirim")


def _slot_row(x: dict) -> SlotRow:
    doc = x["document"] or {}
    return SlotRow(
        code=x["code"], name=x["name"], description=x["description"], mandatory=x["mandatory"],
        types=x["types"], accept=x["accept"], max_size_mb=x["max_size_mb"],
        template=x["template"], condition=x["condition"], doc_id=doc.get("id", ""),
        doc_name=doc.get("name", ""), doc_size=doc.get("size", ""), doc_kind=doc.get("kind", ""),
        doc_url=doc.get("url", ""),
    )  # fmt: skip


def _shown(field: dict, values: dict[str, str]) -> str:
    """A stored value as the review page shows it (labels, not codes)."""
    raw = values.get(field["key"], "")
    if field["kind"] == "checkbox":
        return "Ya" if raw else "Tidak"
    if field["kind"] == "select":
        return next((label for value, label in field["options"] if value == raw), raw) or "-"
    return raw or "-"
