"""The analytics snapshot on PostgreSQL: epoch columns, look-back window and patching."""

import datetime as dt

import pandas as pd
import pytest

from silek_app.db import get_engine
from silek_app.services import analytics, analytics_frames, bootstrap, demo_history
from silek_app.services.analytics_filters import parse_filters

pytestmark = pytest.mark.scaled


def _load():
    with get_engine().connect() as conn:
        return analytics_frames.load_all(conn)


def test_snapshot_is_patched_on_postgres(pg):
    bootstrap.bootstrap(seed_demo=True)
    since = dt.date.today() - dt.timedelta(days=120)
    demo_history.generate(150, since, seed=11)
    before = _load()
    assert len(before.frames.apps) == 150 and get_engine().dialect.name == "postgresql"
    demo_history.generate(20, since, seed=12)
    with get_engine().connect() as conn:
        after = analytics_frames.refresh(before, conn)
    full = _load()
    assert after.stamp == full.stamp and len(after.frames.apps) == 170
    for raw in ({}, {"layanan": "SIPB"}, {"kecamatan": "13.72.01"}):
        left = analytics_frames.filtered(after, parse_filters(raw))
        right = analytics_frames.filtered(full, parse_filters(raw))
        for name in ("apps", "events", "skm"):
            pd.testing.assert_frame_equal(getattr(left, name), getattr(right, name))
    analytics.cache_clear()
    summary = analytics.public_summary({})
    assert summary["ringkasan"]["jumlah_permohonan"] == 170
