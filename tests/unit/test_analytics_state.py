"""/analitik's Terapkan: a select's choice counts even when the form's copy lags behind."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from silek_app.services import analytics
from silek_app.services.errors import ServiceError
from silek_app.state.analytics import AnalyticsState


def test_apply_takes_selects_from_state_and_dates_from_the_form(monkeypatch):
    seen: list[dict] = []

    def dashboard(token, filters, wait=True):
        seen.append(filters)
        raise ServiceError("berhenti di sini")  # the figures are not what this test is about

    monkeypatch.setattr(analytics, "dashboard", dashboard)
    state = AnalyticsState(_reflex_internal_init=True)
    AnalyticsState.set_filter.fn(state, "kategori", "NON_KESEHATAN")
    # The hidden native select still says "all" when Terapkan is pressed right away.
    stale_form = {"kategori": "", "layanan": "", "dari": "2026-01-01", "sampai": "2026-03-31"}

    with ThreadPoolExecutor(max_workers=1) as pool:  # Playwright may own this thread's loop
        pool.submit(asyncio.run, AnalyticsState.apply.fn(state, stale_form)).result(timeout=30)

    assert seen == [{"dari": "2026-01-01", "sampai": "2026-03-31", "kategori": "NON_KESEHATAN",
                     "layanan": "", "kecamatan": "", "kelurahan": "", "freq": "M"}]  # fmt: skip
    assert state.error == "berhenti di sini"
