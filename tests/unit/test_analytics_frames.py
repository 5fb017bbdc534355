"""The analytics snapshot: refreshed by new rows only, it equals a full read of the database."""

import dataclasses
import uuid

import pandas as pd
import pytest
import sqlalchemy as sa
from test_analytics import history
from test_applications import PASSWORD, PEOPLE, applicant_token, ready_draft
from test_permits import walk

from silek_app.db import get_engine
from silek_app.models import Service
from silek_app.services import accounts, analytics_frames, applications, skm
from silek_app.services.analytics_filters import parse_filters

FILTERS = [
    {}, {"layanan": "SIPB"}, {"kategori": "NON"}, {"kecamatan": "13.72.01"},
    {"kelurahan": "13.72.01.1001"}, {"dari": "2001-01-01", "sampai": "2001-12-31"},
]  # fmt: skip


def _load():
    with get_engine().connect() as conn:
        return analytics_frames.load_all(conn)


def _refresh(snap):
    with get_engine().connect() as conn:
        return analytics_frames.refresh(snap, conn)


def _same(a, b) -> None:
    assert a.stamp == b.stamp
    for raw in FILTERS:
        f = parse_filters(raw)
        left, right = analytics_frames.filtered(a, f), analytics_frames.filtered(b, f)
        for name in ("apps", "events", "skm"):
            pd.testing.assert_frame_equal(getattr(left, name), getattr(right, name))


def applicant_token_of(n: int) -> str:
    """A new session of applicant ``n`` (registered by history())."""
    return accounts.login(PEOPLE[n][2], PASSWORD)


def test_refresh_with_new_rows_equals_a_full_read(db):
    tokens, refs = history(2)
    before = _load()
    walk(tokens, refs[1])  # status changes and a completion
    token = applicant_token(2)
    ready_draft(token, "SIPB", 2)
    applications.submit(token, "SIPB", uuid.uuid4().hex)  # a new file
    skm.submit_survey(applicant_token_of(1), refs[1], [3] * 9)  # a new answer
    after = _refresh(before)
    assert after is not before and len(after.frames.apps) == len(before.frames.apps) + 1
    _same(after, _load())


def test_nothing_new_keeps_the_same_snapshot(db):
    history(1)
    snap = _load()
    assert _refresh(snap) is snap


def test_a_row_committed_late_below_the_last_id_is_still_taken(db):
    """PostgreSQL may show id 101 before id 100 commits: the look-back window finds 100."""
    tokens, refs = history(2)
    full = _load()
    events = full.frames.events
    late = events["id"].max()
    missing = events[events["id"] != late].reset_index(drop=True)
    early = dataclasses.replace(full, frames=dataclasses.replace(full.frames, events=missing))
    walk(tokens, refs[1])
    _same(_refresh(early), _load())


def test_a_catalog_change_reads_everything_again(db, monkeypatch):
    history(1)
    snap = _load()
    with get_engine().begin() as conn:
        conn.execute(sa.update(Service).where(Service.code == "SIPB")
                     .values(updated_at=sa.func.datetime("now", "+1 day")))  # fmt: skip
    calls = []
    real = analytics_frames.load_all
    monkeypatch.setattr(analytics_frames, "load_all", lambda c: calls.append(1) or real(c))
    assert _refresh(snap) is not snap and calls == [1]


@pytest.mark.parametrize("raw", FILTERS)
def test_filtered_frames_have_plain_text_columns(db, raw):
    history(1)
    frames = analytics_frames.filtered(_load(), parse_filters(raw))
    assert list(frames.apps.columns) == [
        "id", "status", "kelurahan", "submitted_at", "completed_at", "service"
    ]  # fmt: skip
    assert list(frames.events.columns) == [
        "application_id", "actor_id", "actor_role", "to_status", "created_at"
    ]  # fmt: skip
    for frame, col in ((frames.apps, "status"), (frames.events, "to_status"),
                       (frames.skm, "service")):  # fmt: skip
        assert not isinstance(frame[col].dtype, pd.CategoricalDtype)
