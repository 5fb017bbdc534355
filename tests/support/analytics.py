"""Helpers for the /analitik tests: applicants of their own and a submitted file.

These people are in no other suite, so the e2e tests can share one server
database with other suites without duplicate NIKs or e-mail addresses.
"""

from __future__ import annotations

from silek_app.services import accounts
from silek_app.services.accounts import Registration
from tests.support.officer_queue import submit_sipb
from tests.unit.test_applications import PASSWORD

DASH_PEOPLE = (  # NIK (birth date encoded), name, email, phone, birth date
    ("1372010808840031", "Rahmat Hidayat", "rahmat.analitik@contoh.id", "081288003131",
     "1984-08-08"),
    ("1372014409910032", "Fitri Handayani", "fitri.analitik@contoh.id", "081288003232",
     "1991-09-04"),
    ("1372012612870033", "Zulkifli Rahman", "zulkifli.analitik@contoh.id", "081288003333",
     "1987-12-26"),
)  # fmt: skip


def dash_applicant(i: int) -> str:
    """Register (once) and log in applicant i of DASH_PEOPLE; returns a session token."""
    nik, name, email, phone, _ = DASH_PEOPLE[i]
    try:
        accounts.register(Registration(nik, name, email, phone, PASSWORD, PASSWORD))
    except Exception:  # noqa: BLE001 — already registered earlier in this database
        pass
    return accounts.login(email, PASSWORD)


def submit_dash_file(i: int, tag: str) -> str:
    """A complete SIPB application of DASH_PEOPLE[i]; returns its reference number."""
    return submit_sipb(dash_applicant(i), DASH_PEOPLE[i], tag)
