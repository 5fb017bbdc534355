"""Analytics use cases: the leaders' dashboard figures and the public performance summary.

The rows come from an in-memory snapshot that follows the database incrementally
(services/analytics_frames.py); the figures are computed in domain/metrics.py and
cached per filter and data stamp, so a refresh with unchanged data costs a few
index look-ups. Results are JSON-able figures, never rows.

After a change, figures take a moment to recompute at province scale, so callers
that must not wait (a page being opened) get the last figures of their filter at
once (stale-while-revalidate) and the live watcher fetches the fresh ones. One
computation per filter runs at a time; others asking for it wait for its result.

All functions are plain blocking functions: the state layer calls them through
asyncio.to_thread and the API runs them in Starlette's thread pool.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections import OrderedDict

import pandas as pd
import sqlalchemy as sa

from silek_app.db import get_engine
from silek_app.domain import metrics, skm_figures
from silek_app.domain.catalog import CATEGORY_LABELS
from silek_app.domain.roles import OFFICER_ROLES, Role
from silek_app.domain.sla import WIB
from silek_app.domain.wilayah import kecamatan_list, kelurahan_list
from silek_app.domain.workcalendar import default_calendar
from silek_app.models import Service, UserAccount
from silek_app.services import analytics_frames, clock
from silek_app.services.accounts import require_user
from silek_app.services.analytics_filters import Filters, parse_filters
from silek_app.services.analytics_frames import Frames, Snapshot
from silek_app.services.permits import ISSUED_STATUS

LEADERS = frozenset({Role.PIMPINAN, Role.KEPALA_DINAS, Role.ADMIN})
# The public page and API may serve figures this old while newer ones are computed.
PUBLIC_MAX_AGE = dt.timedelta(seconds=60)
_CACHE_SIZE = 32
# (database url, filters) -> (data stamp, WIB date, figures): the latest of each filter.
_cache: OrderedDict[tuple, tuple] = OrderedDict()
_cache_lock = threading.Lock()
_key_locks: dict[tuple, threading.Lock] = {}
# Database url -> its snapshot; the lock makes one refresh at a time (the others wait).
_snapshots: dict[str, Snapshot] = {}
_SNAPSHOTS_KEPT = 2
_snapshot_lock = threading.Lock()
# Tells apart every computed result, so callers may cache what they derive from one.
_versions = itertools.count(1)

__all__ = [
    "LEADERS", "Filters", "dashboard", "data_stamp", "parse_filters", "public_summary",
    "recompute_all", "require_leader", "warm",
]  # fmt: skip


# ---------------------------------------------------------------- figures


def compute(
    frames: Frames, catalog: dict[str, metrics.ServiceMeta], now: dt.datetime, freq: str = "M"
) -> dict:
    """Every dashboard figure from loaded frames (pure; no database)."""
    apps, events = frames.apps, frames.events
    today = now.astimezone(WIB).date()
    # The holiday list must cover every date a figure counts across (drafts' events included).
    earliest = min((frame.min() for frame in (apps["submitted_at"], events["created_at"])
                    if frame.notna().any()), default=None)  # fmt: skip
    first = today if earliest is None else min(today, (earliest + pd.Timedelta(hours=7)).date())
    bdc = metrics.busday_calendar(default_calendar(), first, today + dt.timedelta(days=1))
    states = metrics.state_table(catalog)
    terminal = set(states.loc[states["terminal"], "state"])
    open_ids = set(apps.loc[~apps["status"].isin(terminal), "id"].tolist())
    stay = metrics.stays(events, open_ids, now, bdc)
    paused = metrics.paused_days(stay, states, apps)
    wait = metrics.wait_times(apps, paused, catalog, ISSUED_STATUS, bdc)
    return {
        "volume": metrics.volume(apps, catalog, freq),
        "waktu_tunggu": metrics.wait_figures(wait, catalog),
        "tahapan": metrics.step_figures(stay, apps, states),
        "perbaikan": metrics.rework(events, apps, states),
        "antrean": metrics.backlog(apps, paused, states, catalog, today, bdc),
        "petugas": metrics.workload(events, {r.value for r in OFFICER_ROLES}),
        "ikm": skm_figures.ikm_figures(frames.skm, {c: m.name for c, m in catalog.items()}),
        "wilayah": metrics.areas(apps),
    }


def data_stamp() -> str:
    """The data's fingerprint as text, for pages that poll for changes.

    It takes no session on purpose (a page polling it must not keep a session
    alive) and reveals nothing: the figures are only loaded through dashboard().
    """
    with get_engine().connect() as conn:
        return repr(analytics_frames.read_stamp(conn))


def _snapshot(conn: sa.Connection) -> Snapshot:
    """This database's snapshot, brought up to date (one refresh at a time)."""
    url = str(conn.engine.url)  # one process may serve (or test) more than one database
    with _snapshot_lock:
        held = _snapshots.pop(url, None)
        if held is None:
            current = analytics_frames.load_all(conn)
        else:
            current = analytics_frames.refresh(held, conn)
        _snapshots[url] = current
        while len(_snapshots) > _SNAPSHOTS_KEPT:
            del _snapshots[next(iter(_snapshots))]
    return current


def _result(f: Filters, snap: Snapshot, now: dt.datetime) -> dict:
    catalog = snap.catalog
    return {
        "versi": next(_versions),
        "filter": f.to_json(),
        "dihitung_pada": now.isoformat(timespec="seconds"),
        "layanan": {
            c: {"nama": m.name, "kategori": m.category, "sla_hari": m.sla_days}
            for c, m in catalog.items()
        },  # fmt: skip
        **compute(analytics_frames.filtered(snap, f), catalog, now, f.freq),
    }


def _held(key: tuple) -> tuple | None:
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    return None


def _key_lock(key: tuple) -> threading.Lock:
    with _cache_lock:
        return _key_locks.setdefault(key, threading.Lock())


def _figures(f: Filters, *, wait: bool = True) -> dict | None:
    """The figures of ``f`` for the data as it is now, computed once per data stamp.

    ``wait=False``: the last figures of ``f`` at once, however old, or None when
    there are none; nothing is computed. Fresh figures while one computation of
    ``f`` is already running are not awaited either when older ones exist.
    """
    engine = get_engine()
    now = clock.utc_now()
    today = now.astimezone(WIB).date()
    key = (str(engine.url), f)
    with engine.connect() as conn:
        f.check(set(conn.execute(sa.select(Service.code)).scalars()))
        stamp = analytics_frames.read_stamp(conn)
    held = _held(key)
    if held is not None and (held[:2] == (stamp, today) or not wait):
        return held[2]
    if not wait:
        return None
    lock = _key_lock(key)
    if held is not None and not lock.acquire(blocking=False):
        return held[2]  # someone is computing this filter: serve the last figures meanwhile
    if held is None:
        lock.acquire()
    try:
        with engine.connect() as conn:
            snap = _snapshot(conn)
        held = _held(key)
        if held is not None and held[:2] == (snap.stamp, today):
            return held[2]  # computed by the one we waited for
        result = _result(f, snap, now)
        with _cache_lock:
            _cache[key] = (snap.stamp, today, result)
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
        return result
    finally:
        lock.release()


def _officer_names(figures: dict) -> dict:
    ids = [row["petugas_id"] for row in figures["petugas"]]
    if not ids:
        return figures
    with get_engine().connect() as conn:
        names = dict(conn.execute(sa.select(UserAccount.id, UserAccount.full_name)
                                  .where(UserAccount.id.in_(ids))).all())  # fmt: skip
    rows = [{**row, "nama": names.get(row["petugas_id"], "")} for row in figures["petugas"]]
    return {**figures, "petugas": rows}


def require_leader(token: str | None) -> None:
    """AuthRequired / PermissionDenied unless the session is a leader's (for the live watcher)."""
    require_user(token, LEADERS)


def dashboard(
    token: str | None, filters: Filters | dict | None = None, *, wait: bool = True
) -> dict | None:
    """All figures of /analitik for a leader (pimpinan, kepala dinas, admin).

    ``wait=False`` returns the last figures of these filters without computing
    (None when there are none yet): for opening a page without waiting.
    """
    require_user(token, LEADERS)
    f = filters if isinstance(filters, Filters) else parse_filters(filters or {})
    figures = _figures(f, wait=wait)
    return None if figures is None else _officer_names(figures)


def recompute_all(filters: Filters | dict | None = None) -> dict:
    """Every figure from a full read of the database, without snapshot or cache (the benchmark)."""
    f = filters if isinstance(filters, Filters) else parse_filters(filters or {})
    with get_engine().connect() as conn:
        snap = analytics_frames.load_all(conn)
    f.check(set(snap.ids_by_code))
    return _result(f, snap, clock.utc_now())


def warm() -> None:
    """Compute the unfiltered figures (what /analitik, /kinerja and the API open with)."""
    _figures(parse_filters({}))


def public_summary(filters: Filters | dict | None = None) -> dict:
    """Per service: volume, median working days to issue, % within SLA, IKM and grade.

    Aggregates only: no names, ids or answers of any person.
    """
    f = filters if isinstance(filters, Filters) else parse_filters(filters or {})
    fig = _figures(f)
    volume = {r["layanan"]: r["jumlah"] for r in fig["volume"]["per_service"]}
    wait = {r["layanan"]: r for r in fig["waktu_tunggu"]["per_layanan"]}
    ikm = {r["layanan"]: r for r in fig["ikm"]["per_layanan"]}
    wanted = f.service_codes({c: m["kategori"] for c, m in fig["layanan"].items()})
    rows = []
    for code, meta in fig["layanan"].items():
        if wanted is not None and code not in wanted:
            continue
        w, k = wait.get(code, {}), ikm.get(code)
        rows.append({
            "kode": code, "nama": meta["nama"], "kategori": meta["kategori"],
            "sla_hari_kerja": meta["sla_hari"], "jumlah_permohonan": volume.get(code, 0),
            "jumlah_terbit": w.get("terbit", 0), "median_hari_kerja": w.get("median_hari"),
            "persen_tepat_waktu": w.get("persen_tepat_waktu"),
            "ikm": k["ikm"] if k else None, "mutu": k["mutu"] if k else None,
            "kinerja": k["kinerja"] if k else None, "responden": k["responden"] if k else 0,
        })  # fmt: skip
    total = fig["ikm"]["keseluruhan"]
    return {
        **_promises([r["kode"] for r in rows]),
        "filter": {
            k: v for k, v in fig["filter"].items() if k in ("dari", "sampai", "layanan", "kategori")
        },  # fmt: skip
        "dihitung_pada": fig["dihitung_pada"],
        "ringkasan": {
            "jumlah_permohonan": sum(volume.values()),
            "jumlah_terbit": fig["waktu_tunggu"]["terbit"],
            "median_hari_kerja": fig["waktu_tunggu"]["median_hari"],
            "persen_tepat_waktu": fig["waktu_tunggu"]["persen_tepat_waktu"],
            "ikm": total["ikm"] if total else None,
            "mutu": total["mutu"] if total else None,
            "kinerja": total["kinerja"] if total else None,
            "responden": total["responden"] if total else 0,
            "periode_skm": fig["ikm"]["periode"],
        },
        "layanan": rows,
    }


def _promises(codes: list[str]) -> dict:
    """The Maklumat Pelayanan texts and complaint channels of the listed services, deduplicated."""
    with get_engine().connect() as conn:
        found = conn.execute(
            sa.select(Service.maklumat, Service.complaint_channels)
            .where(Service.code.in_(codes)).order_by(Service.code)
        ).all()  # fmt: skip
    texts = list(dict.fromkeys(m.strip() for m, _ in found if m and m.strip()))
    channels = list(dict.fromkeys(c for _, chans in found for c in chans or []))
    return {"maklumat": texts, "saluran_pengaduan": channels}


def filter_options() -> dict:
    """Choices for the filter controls: categories, services, kecamatan and kelurahan."""
    # Names only: the full catalog read would also parse every workflow, for each tab opened.
    with get_engine().connect() as conn:
        services = conn.execute(
            sa.select(Service.code, Service.name, Service.category).order_by(Service.code)
        ).all()
    return {
        "kategori": [{"kode": k, "label": v} for k, v in CATEGORY_LABELS.items()],
        "layanan": [{"kode": c, "nama": n, "kategori": k} for c, n, k in services],
        "kecamatan": [{"kode": c, "nama": n} for c, n in kecamatan_list()],
        "kelurahan": [
            {"kode": k.code, "nama": k.name, "kecamatan": k.kecamatan_code}
            for k in kelurahan_list()
        ],  # fmt: skip
    }


def cache_clear() -> None:
    with _cache_lock:
        _cache.clear()
    with _snapshot_lock:
        _snapshots.clear()
