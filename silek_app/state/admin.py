"""/admin: users and roles, service texts and the deemed-approval policy.

A thin state: every handler goes through services/admin_users.py or
services/service_texts.py, which load the session's user from the database and
require the admin role. The state keeps only what the page shows; a lost session
sends the browser to /masuk, a wrong role empties the page.
"""

from __future__ import annotations

import asyncio

import reflex as rx

from silek_app.services import admin_users, service_texts
from silek_app.services.errors import AuthRequired, PermissionDenied, ServiceError
from silek_app.services.users import NewAccount
from silek_app.state.session import SessionState

ADMIN_PATH = "/admin"
DENIED = "Halaman ini khusus administrator."
ALL_ROLES = "semua"
TABS = ("pengguna", "teks")
_INPUT_CAP = 10_000  # far above every field's own limit, which the service reports
_TEXT_KEYS = frozenset(service_texts.FIELD_LABELS) - frozenset(service_texts.POLICY_FIELDS)
_NEW_ACCOUNT_KEYS = ("email", "full_name", "role", "password", "phone")
NOT_SAVED = "Belum disimpan. Periksa kembali isian yang ditandai."


def _text(value) -> str:
    return value[:_INPUT_CAP] if isinstance(value, str) else ""


class AdminState(SessionState):
    allowed: bool = False
    denied: str = ""
    tab: str = "pengguna"
    role_options: list[dict[str, str]] = []
    # Users tab.
    user_rows: list[dict[str, str]] = []
    user_query: str = ""
    role_filter: str = ALL_ROLES
    user_page: int = 1
    user_pages: int = 1
    user_total: int = 0
    self_id: str = ""
    selected_id: str = ""
    pending_role: str = ""
    action_error: str = ""
    action_notice: str = ""
    create_errors: dict[str, str] = {}
    create_notice: str = ""
    create_version: int = 0
    # Service texts tab.
    services: list[dict[str, str]] = []
    service_code: str = ""
    texts: dict[str, str] = {}
    standard: list[dict[str, str]] = []
    policy_enabled: bool = False
    policy_days: str = ""
    policy_warning: str = ""
    text_errors: dict[str, str] = {}
    policy_errors: dict[str, str] = {}
    text_notice: str = ""
    text_error: str = ""
    change_log: list[dict[str, str]] = []
    form_version: int = 0

    # ------------------------------------------------------------ helpers

    def _clear(self) -> None:
        self.allowed = False
        self.user_rows, self.services, self.change_log, self.standard = [], [], [], []
        self.texts, self.create_errors, self.text_errors, self.policy_errors = {}, {}, {}, {}
        self.selected_id = self.self_id = self.service_code = ""
        self.user_total, self.user_page, self.user_pages = 0, 1, 1
        self.policy_enabled, self.policy_days, self.policy_warning = False, "", ""

    async def _call(self, fn, *args):
        """A service call off the event loop; a lost session or role empties the page."""
        try:
            return await asyncio.to_thread(fn, self.auth_token, *args)
        except AuthRequired:
            self._clear()
            self._show_user(None)
            raise
        except PermissionDenied:
            self._clear()
            self.denied = DENIED
            raise

    async def _load_users(self) -> None:
        role = "" if self.role_filter == ALL_ROLES else self.role_filter
        data = await self._call(admin_users.list_users, self.user_query, role, self.user_page)
        self.user_rows = data["rows"]
        self.user_total, self.user_page = data["total"], data["page"]
        self.user_pages = data["pages"]
        self.self_id = data["self_id"]

    async def _load_service(self, code: str) -> None:
        form = await self._call(service_texts.service_form, code)
        self.service_code = form["code"]
        self.texts = form["texts"]
        self.standard = form["standard"]
        self.policy_enabled = form["policy"]["enabled"]
        self.policy_days = form["policy"]["days"]
        self.policy_warning = form["policy"]["warning_days"]
        self.change_log = await self._call(service_texts.change_log, self.service_code)
        self.text_errors, self.policy_errors = {}, {}
        self.form_version += 1

    # ------------------------------------------------------------ page

    @rx.event
    async def load(self):
        self.denied, self.action_error, self.action_notice = "", "", ""
        self.create_notice, self.text_notice, self.text_error = "", "", ""
        self.tab = TABS[0]
        try:
            await self._require_user(admin_users.ADMIN_ONLY)
            self.role_options = admin_users.role_options()
            await self._load_users()
            self.services = await self._call(service_texts.service_options)
            if self.services:
                await self._load_service(self.service_code or self.services[0]["code"])
            self.allowed = True
        except AuthRequired:
            self._clear()
            self._show_user(None)
            return self._login_redirect(ADMIN_PATH)
        except PermissionDenied:
            self._clear()
            self.denied = DENIED
        await self._refresh_session()
        return None

    @rx.event
    def set_tab(self, tab: str):
        self.tab = tab if tab in TABS else TABS[0]

    # ------------------------------------------------------------ users

    async def _users_action(self, fn, *args, notice: str = ""):
        self.action_error, self.action_notice = "", ""
        try:
            if fn is not None:
                await self._call(fn, *args)
            await self._load_users()
        except AuthRequired:
            return self._login_redirect(ADMIN_PATH)
        except PermissionDenied:
            return None
        except ServiceError as exc:
            self.action_error = exc.message
            return None
        self.action_notice = notice
        return None

    def _set_role_filter(self, role) -> None:
        valid = {o["value"] for o in self.role_options} | {"pemohon"}
        self.role_filter = role if role in valid else ALL_ROLES

    @rx.event
    async def search_users(self, form_data: dict):
        self.user_query = _text(form_data.get("q"))[:100]
        self._set_role_filter(_text(form_data.get("role_filter")))
        self.user_page, self.selected_id = 1, ""
        return await self._users_action(None)

    @rx.event
    async def filter_role(self, role: str):
        self._set_role_filter(_text(role))
        self.user_page, self.selected_id = 1, ""
        return await self._users_action(None)

    @rx.event
    async def go_page(self, page: int):
        try:
            self.user_page = max(1, int(page))
        except (TypeError, ValueError):
            self.user_page = 1
        self.selected_id = ""
        return await self._users_action(None)

    @rx.event
    def select_user(self, user_id: str):
        user_id = str(user_id)[:12]
        self.selected_id = "" if self.selected_id == user_id else user_id
        self.action_error, self.action_notice = "", ""
        # Only a display default for the role picker; the service decides.
        row = next((r for r in self.user_rows if r["id"] == self.selected_id), None)
        self.pending_role = row["role"] if row else ""

    @rx.event
    def set_pending_role(self, role: str):
        self.pending_role = _text(role)[:20]

    @rx.event
    async def change_role(self, form_data: dict):
        role = _text(form_data.get("new_role"))
        return await self._users_action(
            admin_users.change_role, self.selected_id, role,
            notice="Peran diubah. Semua sesi akun tersebut telah diakhiri.",
        )  # fmt: skip

    @rx.event
    async def deactivate(self):
        return await self._users_action(
            admin_users.deactivate, self.selected_id,
            notice="Akun dinonaktifkan. Semua sesinya telah diakhiri.",
        )  # fmt: skip

    @rx.event
    async def reactivate(self):
        return await self._users_action(
            admin_users.reactivate, self.selected_id, notice="Akun diaktifkan kembali."
        )

    @rx.event
    async def unlock(self):
        return await self._users_action(
            admin_users.unlock, self.selected_id, notice="Kunci akun dibuka."
        )

    @rx.event
    async def create_account(self, form_data: dict):
        self.create_notice, self.create_errors = "", {}
        data = NewAccount(**{k: _text(form_data.get(k)) for k in _NEW_ACCOUNT_KEYS})
        try:
            problems = await self._call(admin_users.new_account_problems, data)
            if problems:
                self.create_errors = problems
                return None
            await self._call(admin_users.create_account, data)
            self.user_query, self.role_filter, self.user_page = "", ALL_ROLES, 1
            await self._load_users()
        except AuthRequired:
            return self._login_redirect(ADMIN_PATH)
        except PermissionDenied:
            return None
        except ServiceError as exc:
            self.create_errors = {exc.field or "form": exc.message}
            return None
        self.create_notice = f"Akun {data.email.strip().lower()} dibuat."
        self.create_version += 1
        return None

    # ------------------------------------------------------------ service texts

    async def _texts_action(self, work):
        self.text_notice, self.text_error = "", ""
        try:
            return await work()
        except AuthRequired:
            return self._login_redirect(ADMIN_PATH)
        except PermissionDenied:
            return None
        except ServiceError as exc:
            self.text_error = exc.message
            return None

    @rx.event
    async def select_service(self, code: str):
        async def work():
            await self._load_service(str(code)[:16])

        return await self._texts_action(work)

    async def _save(self, values: dict, reason: str, errors_attr: str) -> None:
        problems = await self._call(service_texts.save, self.service_code, values, reason)
        if problems:
            setattr(self, errors_attr, problems)
            self.text_error = NOT_SAVED
            return
        await self._load_service(self.service_code)
        self.text_notice = "Perubahan tersimpan dan langsung tampil di halaman publik."

    @rx.event
    async def save_texts(self, form_data: dict):
        values = {k: _text(v) for k, v in form_data.items() if k in _TEXT_KEYS}
        reason = _text(form_data.get("reason"))
        self.text_errors = {}

        async def work():
            await self._save(values, reason, "text_errors")

        return await self._texts_action(work)

    @rx.event
    async def save_policy(self, form_data: dict):
        # An unticked checkbox is not submitted at all: its absence means "off".
        values = {
            "deemed_approval_enabled": _text(form_data.get("deemed_approval_enabled")),
            "deemed_approval_days": _text(form_data.get("deemed_approval_days")),
            "deemed_warning_days": _text(form_data.get("deemed_warning_days")),
        }
        reason = _text(form_data.get("policy_reason"))
        self.policy_errors = {}

        async def work():
            await self._save(values, reason, "policy_errors")

        return await self._texts_action(work)

    @rx.var
    def page_label(self) -> str:
        return f"Halaman {self.user_page} dari {self.user_pages} \u00b7 {self.user_total} akun"
