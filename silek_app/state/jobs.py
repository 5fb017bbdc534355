"""Background jobs of the web server: the periodic SLA escalation run, and the
analytics warm-up at start.

Registered as a Reflex lifespan task, so it runs in every worker; the job itself
is safe to run concurrently (see services/escalation.py). The database work
happens in a thread so the worker's event loop keeps serving sockets.
"""

from __future__ import annotations

import asyncio
import logging

from silek_app import settings
from silek_app.services import analytics, escalation

log = logging.getLogger("silek.jobs")


async def escalation_job() -> None:
    """Lifespan task: run the escalation job every SILEK_ESCALATION_SECONDS seconds."""
    interval = settings.ESCALATION_SECONDS
    if interval <= 0:
        log.info("SLA escalation job disabled (SILEK_ESCALATION_SECONDS=%s)", interval)
        return
    while True:
        await asyncio.sleep(interval)
        try:
            summary = await asyncio.to_thread(escalation.run_once)
        except Exception:  # noqa: BLE001 — a DB hiccup must not end the job for good
            log.exception("SLA escalation run failed")
            continue
        if any(summary[k] for k in ("late", "warnings", "approved", "failed")):
            log.info("SLA escalation: %s", summary)


async def analytics_warmup() -> None:
    """Lifespan task: read the analytics snapshot and the unfiltered figures once.

    On a province-sized database this takes tens of seconds; done at start, the
    first leader opening /analitik (and the first /kinerja visitor) gets figures
    at once instead of waiting for a cold read.
    """
    await asyncio.sleep(1)  # let the server start answering first
    try:
        await asyncio.to_thread(analytics.warm)
    except Exception:  # noqa: BLE001 — a fresh, unmigrated database must not stop the server
        log.exception("analytics warm-up failed")
