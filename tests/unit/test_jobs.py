"""The web server's escalation loop (state/jobs.py): it repeats and survives a failed run."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from silek_app import settings
from silek_app.services import escalation
from silek_app.state import jobs

QUIET = {"checked": 1, "late": 0, "warnings": 0, "approved": 0, "notifications": 0, "failed": 0}


def _run(coro_fn) -> None:
    """Its own thread and loop: in a full run Playwright's sync API owns this thread's loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, coro_fn()).result(timeout=30)


def test_job_repeats_and_a_failed_run_does_not_end_it(monkeypatch):
    calls: list[int] = []

    def run_once():
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database is locked")
        return QUIET

    monkeypatch.setattr(settings, "ESCALATION_SECONDS", 0.01)
    monkeypatch.setattr(escalation, "run_once", run_once)

    async def watch():
        task = asyncio.create_task(jobs.escalation_job())
        try:
            async with asyncio.timeout(5):
                while len(calls) < 3:
                    await asyncio.sleep(0.01)
        finally:
            task.cancel()

    _run(watch)
    assert len(calls) >= 3


def test_job_can_be_switched_off(monkeypatch):
    monkeypatch.setattr(settings, "ESCALATION_SECONDS", 0)
    monkeypatch.setattr(escalation, "run_once", lambda: pytest.fail("must not run"))

    async def returns_at_once():
        await asyncio.wait_for(jobs.escalation_job(), timeout=1)

    _run(returns_at_once)
