"""The Reflex app: every page is registered here with its on_load chain."""

import reflex as rx

import silek_app.models  # noqa: F401  (tables must be imported by the app module)
from silek_app.api.routes import build_api
from silek_app.api.security_headers import with_security_headers
from silek_app.domain.catalog import default_catalog
from silek_app.domain.escalation import default_escalation_rules
from silek_app.domain.requirement_templates import template_names
from silek_app.pages.account import account_page
from silek_app.pages.admin import admin_page
from silek_app.pages.analytics import analytics_page
from silek_app.pages.application_detail import application_detail_page
from silek_app.pages.apply import apply_page
from silek_app.pages.auth import login_page, register_page
from silek_app.pages.catalog import catalog_page
from silek_app.pages.home import home_page
from silek_app.pages.my_applications import my_applications_page
from silek_app.pages.officer_file import officer_file_page
from silek_app.pages.officer_queue import officer_queue_page
from silek_app.pages.performance import performance_page
from silek_app.pages.permit_register import permit_register_page
from silek_app.pages.receipt import receipt_page
from silek_app.pages.service_detail import service_detail_page
from silek_app.pages.tracking import tracking_page
from silek_app.pages.verification import verification_page
from silek_app.services.permit_signing import configured_signer
from silek_app.state.account import AccountState
from silek_app.state.admin import AdminState
from silek_app.state.analytics import AnalyticsState
from silek_app.state.application_detail import ApplicationDetailState
from silek_app.state.apply import ApplyState
from silek_app.state.auth_forms import LoginState, RegisterState
from silek_app.state.catalog import CatalogState, ServiceDetailState
from silek_app.state.home import HomeState
from silek_app.state.jobs import analytics_warmup, escalation_job
from silek_app.state.live import change_feed
from silek_app.state.my_applications import MyApplicationsState
from silek_app.state.officer_file import OfficerFileState
from silek_app.state.officer_queue import OfficerQueueState
from silek_app.state.performance import PerformanceState
from silek_app.state.permit_register import PermitRegisterState
from silek_app.state.receipt import ReceiptState
from silek_app.state.tracking import TrackingState
from silek_app.state.verification import VerificationState

_SITE = "SILEK Kota Solok"

# Validate the data files at start-up so a broken edit stops the deploy instead of
# surfacing as an error on the first visitor's request.
default_catalog()
template_names()
configured_signer()  # an unknown SILEK_SIGNER stops the start with a clear message
default_escalation_rules()

app = rx.App(
    api_transformer=[build_api(), with_security_headers],
    head_components=[rx.el.meta(name="theme-color", content="#3e63dd")],
)
app.add_page(
    home_page,
    route="/",
    title=f"{_SITE} — Layanan Perizinan Daring",
    description="Layanan perizinan kesehatan dan reklame DPMPTSP Kota Solok.",
    on_load=HomeState.sync_session,
)
app.add_page(
    catalog_page,
    route="/layanan",
    title=f"Katalog Layanan — {_SITE}",
    on_load=CatalogState.load_catalog,
)
app.add_page(
    service_detail_page,
    route="/layanan/[kode]",
    title=f"Standar Pelayanan — {_SITE}",
    on_load=ServiceDetailState.load_service,
)
app.add_page(login_page, route="/masuk", title=f"Masuk — {_SITE}", on_load=LoginState.prepare)
app.add_page(
    register_page, route="/daftar", title=f"Daftar — {_SITE}", on_load=RegisterState.prepare
)
app.add_page(
    account_page, route="/akun", title=f"Akun Saya — {_SITE}", on_load=AccountState.load_account
)
app.add_page(
    tracking_page,
    route="/lacak",
    title=f"Lacak Permohonan — {_SITE}",
    on_load=TrackingState.prepare,
)
app.add_page(
    apply_page,
    route="/permohonan/baru/[kode]",
    title=f"Ajukan Permohonan — {_SITE}",
    on_load=ApplyState.load,
)
app.add_page(
    receipt_page,
    route="/permohonan/[nomor]/terkirim",
    title=f"Tanda Terima — {_SITE}",
    on_load=ReceiptState.load,
)
app.add_page(
    my_applications_page,
    route="/permohonan",
    title=f"Permohonan Saya — {_SITE}",
    on_load=MyApplicationsState.load,
)
app.add_page(
    application_detail_page,
    route="/permohonan/[nomor]",
    title=f"Status Permohonan — {_SITE}",
    on_load=ApplicationDetailState.load,
)
app.add_page(
    officer_queue_page,
    route="/petugas",
    title=f"Antrean Berkas — {_SITE}",
    # The watcher is an on_load background task, so Reflex cancels it on navigation.
    on_load=[OfficerQueueState.load, OfficerQueueState.watch],
)
app.add_page(
    analytics_page,
    route="/analitik",
    title=f"Analitik Pimpinan — {_SITE}",
    # The watcher is an on_load background task, so Reflex cancels it on navigation.
    on_load=[AnalyticsState.load, AnalyticsState.watch],
)
app.add_page(
    performance_page,
    route="/kinerja",
    title=f"Kinerja Layanan — {_SITE}",
    on_load=PerformanceState.load,
)
app.add_page(
    verification_page,
    route="/verifikasi/[token]",
    title=f"Verifikasi Izin — {_SITE}",
    on_load=VerificationState.load,
)
app.add_page(
    permit_register_page,
    route="/petugas/izin",
    title=f"Register Izin — {_SITE}",
    on_load=PermitRegisterState.load,
)
app.add_page(admin_page, route="/admin", title=f"Administrasi — {_SITE}", on_load=AdminState.load)
app.add_page(
    officer_file_page,
    route="/petugas/permohonan/[nomor]",
    title=f"Berkas Permohonan (Petugas) — {_SITE}",
    on_load=OfficerFileState.load,
)
# One poller per worker turns database changes into live pushes (state/live.py).
app.register_lifespan_task(change_feed)
# SLA escalation and deemed approval (services/escalation.py), every SILEK_ESCALATION_SECONDS.
app.register_lifespan_task(escalation_job)
# The analytics snapshot and default figures, read once at start (state/jobs.py).
app.register_lifespan_task(analytics_warmup)
