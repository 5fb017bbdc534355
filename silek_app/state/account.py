"""/akun: the signed-in user's own account, contact form and documents."""

from __future__ import annotations

import asyncio

import reflex as rx

from silek_app.services import documents, profile
from silek_app.services.errors import AuthRequired, ServiceError
from silek_app.state.session import SessionState

# Form keys passed on to the service. The locked ones are passed too, so that a
# crafted request naming them is refused by the service rather than quietly
# ignored; anything else (e.g. the ref values Reflex adds for element ids) is dropped.
_FORM_KEYS = frozenset({*profile.APPLICANT_FIELDS, *profile.LOCKED_FIELDS})
_VALUE_LIMIT = 1000  # far above every field's own limit, which the service reports

SAVED = "Data kontak berhasil disimpan."
NOT_SAVED = "Data belum disimpan. Periksa kembali isian yang ditandai."


def _load(token: str) -> tuple[dict[str, str], dict[str, str], list[dict[str, str]]]:
    """Account card, editable values and (applicants only) the document library."""
    account = profile.my_account(token)
    values = profile.contact_form(token)
    library = documents.my_library(token) if "address" in values else []
    return account, values, library


def _form_values(form_data: dict) -> dict[str, str]:
    values = {
        key: value[:_VALUE_LIMIT] if isinstance(value, str) else value
        for key, value in form_data.items()
        if key in _FORM_KEYS
    }
    # An unticked checkbox is not submitted at all: with the STR block present,
    # its absence means "not for life".
    if "str_number" in values:
        values.setdefault("str_lifetime", "")
    return values


class AccountState(SessionState):
    account: dict[str, str] = {}
    # Stored values of the fields this user may change (the form's defaults).
    contact: dict[str, str] = {}
    can_edit_profile: bool = False
    documents: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    error: str = ""
    notice: str = ""
    saving: bool = False
    # Bumped after a save so the uncontrolled inputs remount with the stored values.
    form_version: int = 0

    def _clear(self) -> None:
        self.account = {}
        self.contact = {}
        self.can_edit_profile = False
        self.documents = []

    async def _reload(self) -> None:
        account, values, library = await asyncio.to_thread(_load, self.auth_token)
        await self._refresh_session()
        self.account = account
        self.contact = values
        self.can_edit_profile = "address" in values
        self.documents = library
        self.form_version += 1

    @rx.event
    async def load_account(self):
        self.errors = {}
        self.error = ""
        self.notice = ""
        self.saving = False
        try:
            await self._reload()
        except AuthRequired:
            self._clear()
            self._show_user(None)
            return self._login_redirect("/akun")
        except ServiceError as exc:
            self._clear()
            return rx.toast.error(exc.message)

    @rx.event
    async def save_contact(self, form_data: dict):
        if self.saving:
            return
        self.saving = True
        self.notice = ""
        self.error = ""
        yield
        try:
            problems = await asyncio.to_thread(
                profile.update_contact, self.auth_token, _form_values(form_data)
            )
            if not problems:
                await self._reload()
        except AuthRequired:
            self._clear()
            self._show_user(None)
            yield self._login_redirect("/akun")
            return
        except ServiceError as exc:
            self.errors = {}
            self.error = exc.message
            return
        finally:
            self.saving = False
        self.errors = problems
        if problems:
            self.error = NOT_SAVED
        else:
            self.notice = SAVED
