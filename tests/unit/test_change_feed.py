"""The live change feed (state/live.py): a row stamped in the future must not stall it."""

from __future__ import annotations

import asyncio
import datetime as dt
from concurrent.futures import ThreadPoolExecutor

# bell and officer_file_live are imported here: the feed imports them lazily.
from silek_app.state import bell, live, officer_file_live


def test_a_future_stamp_does_not_hold_back_later_changes(monkeypatch):
    start = dt.datetime(2026, 12, 3, 20, 0, tzinfo=dt.UTC)
    future = start + dt.timedelta(hours=4)  # e.g. a row written by a skewed clock
    asked: list[dt.datetime] = []
    answers = [[(1, future)], [], [(2, start + dt.timedelta(seconds=1))]]

    def changed_since(since):
        asked.append(since)
        return answers[len(asked) - 1] if len(asked) <= len(answers) else []

    pushed: list[int] = []

    async def push(app, application_id):
        pushed.append(application_id)

    async def nothing(app, application_id):
        return None

    monkeypatch.setattr(live, "POLL_SECONDS", 0.001)
    monkeypatch.setattr(live, "utc_now", lambda: start)
    monkeypatch.setattr(live.tracking_views, "changed_since", changed_since)
    monkeypatch.setattr(live.notifications, "users_changed_since", lambda since: [])
    monkeypatch.setattr(live, "push", push)
    monkeypatch.setattr(officer_file_live, "push_file", nothing)
    monkeypatch.setattr(bell, "push_bell", nothing)

    async def run():
        task = asyncio.create_task(live.change_feed(None))
        try:
            async with asyncio.timeout(5):
                while len(asked) < 4:
                    await asyncio.sleep(0.001)
        finally:
            task.cancel()

    with ThreadPoolExecutor(max_workers=1) as pool:  # Playwright may own this thread's loop
        pool.submit(asyncio.run, run()).result(timeout=30)
    assert all(since <= start for since in asked)  # never waits for the future stamp
    assert pushed[:2] == [1, 2]
