"""Analytics use cases: the leaders' dashboard figures and the public performance summary.

Only the needed columns are read with SQL (filtered in the database), the figures
are computed in domain/metrics.py, and the result is cached under the filters and
a cheap data stamp (counts and highest ids), so a refresh with unchanged data costs
a handful of index look-ups. Results are JSON-able figures, never rows.

All functions are plain blocking functions: the state layer calls them through
asyncio.to_thread and the API runs them in Starlette's thread pool.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from silek_app.db import get_engine
from silek_app.domain import metrics, skm_figures
from silek_app.domain.catalog import CATEGORY_LABELS
from silek_app.domain.roles import OFFICER_ROLES, Role
from silek_app.domain.sla import WIB
from silek_app.domain.wilayah import kecamatan_list, kelurahan_list
from silek_app.domain.workcalendar import default_calendar
from silek_app.domain.workflow import workflow_from_dict
from silek_app.models import (
    Application,
    Service,
    SkmResponse,
    StatusEvent,
    UserAccount,
    WorkflowDefinitionRow,
)
from silek_app.services import clock
from silek_app.services.accounts import require_user
from silek_app.services.analytics_filters import Filters, parse_filters
from silek_app.services.permits import ISSUED_STATUS

LEADERS = frozenset({Role.PIMPINAN, Role.KEPALA_DINAS, Role.ADMIN})
_CACHE_SIZE = 32
_APP_COLUMNS = ["id", "service_id", "status", "kelurahan", "submitted_at", "completed_at"]
_EVENT_COLUMNS = ["application_id", "actor_id", "actor_role", "to_status", "created_at"]
_cache: OrderedDict[tuple, dict] = OrderedDict()
_cache_lock = threading.Lock()

__all__ = [
    "LEADERS", "Filters", "dashboard", "data_stamp", "parse_filters", "public_summary",
    "recompute_all", "require_leader",
]  # fmt: skip


@dataclass(frozen=True)
class Frames:
    apps: pd.DataFrame
    events: pd.DataFrame
    skm: pd.DataFrame


# ---------------------------------------------------------------- loading


def _kelurahan_expr():
    return Application.form_data[("sections", "pemohon", "kelurahan_code")].as_string()


def _catalog(conn: sa.Connection) -> tuple[dict[str, metrics.ServiceMeta], dict[str, int]]:
    flows = {
        code: workflow_from_dict(definition, source=code)
        for code, definition in conn.execute(
            sa.select(WorkflowDefinitionRow.code, WorkflowDefinitionRow.definition)
        )
    }
    rows = conn.execute(
        sa.select(Service.id, Service.code, Service.name, Service.category, Service.sla_days,
                  Service.workflow_code).order_by(Service.code)
    ).all()  # fmt: skip
    catalog = {r.code: metrics.ServiceMeta(r.code, r.name, r.category, r.sla_days,
                                           flows[r.workflow_code]) for r in rows}  # fmt: skip
    return catalog, {r.code: r.id for r in rows}


def _utc_bound(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), WIB).astimezone(dt.UTC)


def _app_where(f: Filters, service_ids: list[int] | None) -> list:
    where = [Application.submitted_at.is_not(None)]
    if f.dari:
        where.append(Application.submitted_at >= _utc_bound(f.dari))
    if f.sampai:
        where.append(Application.submitted_at < _utc_bound(f.sampai + dt.timedelta(days=1)))
    if service_ids is not None:
        where.append(Application.service_id.in_(service_ids))
    if f.kelurahan:
        where.append(_kelurahan_expr() == f.kelurahan)
    elif f.kecamatan:
        where.append(_kelurahan_expr().like(f.kecamatan + ".%"))
    return where


def _read(conn: sa.Connection, stmt, columns: list[str]) -> pd.DataFrame:
    # Plain DBAPI tuples: pandas probing a million SQLAlchemy Row objects costs more than
    # the query itself, and no column here needs a result processor (see _raw).
    rows = conn.execute(stmt).cursor.fetchall()
    return pd.DataFrame.from_records(rows, columns=columns, nrows=len(rows))


def _epoch_ms(column, dialect: str):
    """A timestamp as integer milliseconds since 1970 (UTC), computed by the database.

    Integers cost far less to fetch than text or Python datetimes, and need no
    parsing: on a million rows this is most of the load time.
    """
    if dialect == "sqlite":
        value = sa.func.round((sa.func.julianday(column) - 2440587.5) * 86400000.0)
    else:
        value = sa.func.round(sa.extract("epoch", column) * 1000)
    return sa.cast(value, sa.BigInteger)


def load_frames(
    conn: sa.Connection, f: Filters, catalog: dict[str, metrics.ServiceMeta],
    ids_by_code: dict[str, int],
) -> Frames:  # fmt: skip
    """The three frames the figures need, with only the needed columns and rows."""
    codes = f.service_codes({c: m.category for c, m in catalog.items()})
    dialect = conn.dialect.name

    def _raw(column):
        return _epoch_ms(column, dialect)

    service_ids = None if codes is None else [ids_by_code[c] for c in codes]
    where = _app_where(f, service_ids)
    apps = _read(conn, sa.select(Application.id, Application.service_id, Application.status,
                                 _kelurahan_expr(), _raw(Application.submitted_at),
                                 _raw(Application.completed_at)).where(*where),
                 _APP_COLUMNS)  # fmt: skip
    stmt = sa.select(StatusEvent.application_id, StatusEvent.actor_id, StatusEvent.actor_role,
                     StatusEvent.to_status, _raw(StatusEvent.created_at))  # fmt: skip
    if service_ids is not None or f.kelurahan or f.kecamatan:
        # A narrow filter: let the database pick the few files' events.
        stmt = stmt.join(Application, Application.id == StatusEvent.application_id).where(*where)
    elif f.dari:
        # Only a period: the events that matter (from the submission on) are not older
        # than its start; a plain range scan plus a hash filter beats a join per event.
        stmt = stmt.where(StatusEvent.created_at >= _utc_bound(f.dari))
    events = _read(conn, stmt, _EVENT_COLUMNS)
    if not (service_ids is not None or f.kelurahan or f.kecamatan):
        events = events[events["application_id"].isin(apps["id"])].reset_index(drop=True)
    skm_where = [Application.id == SkmResponse.application_id]
    # The IKM of a period is that of the answers given in it (how offices report it).
    if f.dari:
        skm_where.append(SkmResponse.created_at >= _utc_bound(f.dari))
    if f.sampai:
        skm_where.append(SkmResponse.created_at < _utc_bound(f.sampai + dt.timedelta(days=1)))
    if service_ids is not None:
        skm_where.append(SkmResponse.service_id.in_(service_ids))
    if f.kelurahan:
        skm_where.append(_kelurahan_expr() == f.kelurahan)
    elif f.kecamatan:
        skm_where.append(_kelurahan_expr().like(f.kecamatan + ".%"))
    units = [getattr(SkmResponse, f"u{i}") for i in range(1, 10)]
    skm = _read(conn, sa.select(SkmResponse.service_id, _raw(SkmResponse.created_at), *units)
                .select_from(SkmResponse).join(Application, sa.and_(*skm_where)),
                ["service_id", "created_at", *[f"u{i}" for i in range(1, 10)]])  # fmt: skip
    code_of = {i: c for c, i in ids_by_code.items()}
    for frame, col in ((apps, "submitted_at"), (apps, "completed_at"), (events, "created_at"),
                       (skm, "created_at")):  # fmt: skip
        # Naive UTC datetime64: the figures then work on plain numpy arrays.
        frame[col] = pd.to_datetime(frame[col], unit="ms")
    apps["service"] = apps.pop("service_id").map(code_of)
    apps["kelurahan"] = apps["kelurahan"].fillna("")
    skm["service"] = skm.pop("service_id").map(code_of)
    return Frames(apps, events, skm)


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


def _stamp(conn: sa.Connection) -> tuple:
    """Cheap fingerprint of the data: a few primary-key maxima (index look-ups, no scans).

    Every status change appends a status_event row (an append-only audit trail),
    a new file or survey answer adds a row, and submitted files are never deleted
    (drafts may be, but drafts are in no figure). Services and workflows are tiny.
    """
    return (
        conn.execute(sa.select(sa.func.max(Application.id))).scalar(),
        conn.execute(sa.select(sa.func.max(StatusEvent.id))).scalar(),
        conn.execute(sa.select(sa.func.max(SkmResponse.id))).scalar(),
        tuple(conn.execute(sa.select(sa.func.max(Service.updated_at), sa.func.count())).one()),
        conn.execute(sa.select(sa.func.max(WorkflowDefinitionRow.updated_at))).scalar(),
    )


def data_stamp() -> str:
    """The cache's data fingerprint as text, for pages that poll for changes.

    It takes no session on purpose (a page polling it must not keep a session
    alive) and reveals nothing: the figures are only loaded through dashboard().
    """
    with get_engine().connect() as conn:
        return repr(_stamp(conn))


def _figures(f: Filters, use_cache: bool) -> dict:
    now = clock.utc_now()
    with get_engine().connect() as conn:
        catalog, ids_by_code = _catalog(conn)
        f.check(set(ids_by_code))
        # The URL too: one process may serve (or test) more than one database.
        key = (str(conn.engine.url), f, _stamp(conn), now.astimezone(WIB).date())
        key = key if use_cache else None
        if key is not None:
            with _cache_lock:
                if key in _cache:
                    _cache.move_to_end(key)
                    return _cache[key]
        frames = load_frames(conn, f, catalog, ids_by_code)
    result = {
        "filter": f.to_json(),
        "dihitung_pada": now.isoformat(timespec="seconds"),
        "layanan": {
            c: {"nama": m.name, "kategori": m.category, "sla_hari": m.sla_days}
            for c, m in catalog.items()
        },  # fmt: skip
        **compute(frames, catalog, now, f.freq),
    }
    if key is not None:
        with _cache_lock:
            _cache[key] = result
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    return result


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


def dashboard(token: str | None, filters: Filters | dict | None = None) -> dict:
    """All figures of /analitik for a leader (pimpinan, kepala dinas, admin)."""
    require_user(token, LEADERS)
    f = filters if isinstance(filters, Filters) else parse_filters(filters or {})
    return _officer_names(_figures(f, use_cache=True))


def recompute_all(filters: Filters | dict | None = None) -> dict:
    """The same figures without the cache (for the benchmark)."""
    f = filters if isinstance(filters, Filters) else parse_filters(filters or {})
    return _figures(f, use_cache=False)


def public_summary(filters: Filters | dict | None = None) -> dict:
    """Per service: volume, median working days to issue, % within SLA, IKM and grade.

    Aggregates only: no names, ids or answers of any person.
    """
    f = filters if isinstance(filters, Filters) else parse_filters(filters or {})
    fig = _figures(f, use_cache=True)
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
    with get_engine().connect() as conn:
        catalog, _ = _catalog(conn)
    return {
        "kategori": [{"kode": k, "label": v} for k, v in CATEGORY_LABELS.items()],
        "layanan": [
            {"kode": c, "nama": m.name, "kategori": m.category} for c, m in catalog.items()
        ],  # fmt: skip
        "kecamatan": [{"kode": c, "nama": n} for c, n in kecamatan_list()],
        "kelurahan": [
            {"kode": k.code, "nama": k.name, "kecamatan": k.kecamatan_code}
            for k in kelurahan_list()
        ],  # fmt: skip
    }


def cache_clear() -> None:
    with _cache_lock:
        _cache.clear()
