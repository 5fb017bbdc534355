"""The rows behind the analytics figures, held in memory and kept current incrementally.

Reading a million files' rows is most of a full recompute (about 70 %), so each
worker keeps one snapshot of the needed columns and follows the database by its
append-only parts instead of re-reading everything after every change:

- status_event is an immutable audit trail: rows with a higher id are new;
- every change of a file's status or completion writes one (submission too), so
  the files named by new events, plus files with a higher id, are the only file
  rows to re-read;
- skm_response rows are written once.

A change of the catalog or of a workflow (tiny, rare) reloads everything. Ids come
from a sequence; in PostgreSQL a transaction may commit after one with a higher id
is already visible, so each refresh re-reads a window of LOOKBACK_IDS ids below
the last one seen and keeps the rows it did not have.

Text columns are stored as categoricals (a byte per row instead of a Python
string: a million files have about six million events) and handed to the figures
as plain strings after filtering.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import sqlalchemy as sa

from silek_app.domain import metrics
from silek_app.domain.sla import WIB
from silek_app.domain.workflow import workflow_from_dict
from silek_app.models import Application, Service, SkmResponse, StatusEvent, WorkflowDefinitionRow
from silek_app.services.analytics_filters import Filters

# Re-read this many ids below the last seen (see the module docstring).
LOOKBACK_IDS = 1000
# Beyond this many new events a full reload is cheaper than patching.
FULL_RELOAD_EVENTS = 200_000
_ID_CHUNK = 5000  # ids per IN (...) list, well under every driver's parameter limit
_UNITS = [f"u{i}" for i in range(1, 10)]
_TEXT = {"apps": ("status", "kelurahan", "service"), "events": ("actor_role", "to_status"),
         "skm": ("service",)}  # fmt: skip


@dataclass(frozen=True)
class Frames:
    """What the figures read: submitted files, their events, and survey answers."""

    apps: pd.DataFrame
    events: pd.DataFrame
    skm: pd.DataFrame


@dataclass(frozen=True)
class Stamp:
    """Highest ids of the growing tables, and the version of the small ones."""

    app: int
    event: int
    skm: int
    meta: tuple


@dataclass(frozen=True)
class Snapshot:
    """Every submitted file's needed columns (ids up to ``stamp``), never modified."""

    stamp: Stamp
    catalog: dict[str, metrics.ServiceMeta]
    ids_by_code: dict[str, int]
    frames: Frames  # apps, events and skm keep their "id" column here


def read_stamp(conn: sa.Connection) -> Stamp:
    """Primary-key maxima and the catalog's version: index look-ups, no scans."""
    top = conn.execute(sa.select(
        sa.select(sa.func.max(Application.id)).scalar_subquery(),
        sa.select(sa.func.max(StatusEvent.id)).scalar_subquery(),
        sa.select(sa.func.max(SkmResponse.id)).scalar_subquery(),
    )).one()  # fmt: skip
    services = conn.execute(sa.select(sa.func.max(Service.updated_at), sa.func.count())).one()
    flows = conn.execute(sa.select(sa.func.max(WorkflowDefinitionRow.updated_at))).scalar()
    return Stamp(top[0] or 0, top[1] or 0, top[2] or 0, (tuple(services), flows))


def read_catalog(conn: sa.Connection) -> tuple[dict[str, metrics.ServiceMeta], dict[str, int]]:
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


# ---------------------------------------------------------------- reading rows


def _epoch_ms(column, dialect: str):
    """A timestamp as integer milliseconds since 1970 (UTC), computed by the database.

    Integers cost far less to fetch than text or Python datetimes and need no
    parsing: on a million rows this is most of the load time.
    """
    if dialect == "sqlite":
        value = sa.func.round((sa.func.julianday(column) - 2440587.5) * 86400000.0)
    else:
        value = sa.func.round(sa.extract("epoch", column) * 1000)
    return sa.cast(value, sa.BigInteger)


def _read(conn: sa.Connection, stmt, columns: list[str]) -> pd.DataFrame:
    # In id order (PostgreSQL promises no order otherwise), so a patched snapshot and a
    # full read hold the same rows in the same places.
    # Plain DBAPI tuples: pandas probing a million SQLAlchemy Row objects costs more
    # than the query itself, and no column here needs a result processor.
    rows = conn.execute(stmt).cursor.fetchall()
    return pd.DataFrame.from_records(rows, columns=columns, nrows=len(rows))


def _kelurahan_expr():
    return Application.form_data[("sections", "pemohon", "kelurahan_code")].as_string()


def _apps(conn: sa.Connection, where: list, code_of: dict[int, str]) -> pd.DataFrame:
    ms = conn.dialect.name
    stmt = sa.select(
        Application.id, Application.service_id, Application.status, _kelurahan_expr(),
        _epoch_ms(Application.submitted_at, ms), _epoch_ms(Application.completed_at, ms),
    ).where(Application.submitted_at.is_not(None), *where).order_by(Application.id)  # fmt: skip
    cols = ["id", "service_id", "status", "kelurahan", "submitted_at", "completed_at"]
    apps = _read(conn, stmt, cols)
    apps["service"] = apps.pop("service_id").map(code_of)
    apps["kelurahan"] = apps["kelurahan"].fillna("")
    return _typed(apps, "apps", ("submitted_at", "completed_at"))


def _events(conn: sa.Connection, low: int, high: int) -> pd.DataFrame:
    stmt = sa.select(
        StatusEvent.id, StatusEvent.application_id, StatusEvent.actor_id, StatusEvent.actor_role,
        StatusEvent.to_status, _epoch_ms(StatusEvent.created_at, conn.dialect.name),
    ).where(StatusEvent.id > low, StatusEvent.id <= high).order_by(StatusEvent.id)  # fmt: skip
    cols = ["id", "application_id", "actor_id", "actor_role", "to_status", "created_at"]
    return _typed(_read(conn, stmt, cols), "events", ("created_at",))


def _skm(conn: sa.Connection, low: int, high: int, code_of: dict[int, str]) -> pd.DataFrame:
    units = [getattr(SkmResponse, u) for u in _UNITS]
    stmt = sa.select(
        SkmResponse.id, SkmResponse.application_id, SkmResponse.service_id,
        _epoch_ms(SkmResponse.created_at, conn.dialect.name), *units,
    ).where(SkmResponse.id > low, SkmResponse.id <= high).order_by(SkmResponse.id)  # fmt: skip
    skm = _read(conn, stmt, ["id", "application_id", "service_id", "created_at", *_UNITS])
    skm["service"] = skm.pop("service_id").map(code_of)
    return _typed(skm, "skm", ("created_at",))


def _typed(frame: pd.DataFrame, kind: str, times: tuple[str, ...]) -> pd.DataFrame:
    for col in times:
        # Naive UTC datetime64: the figures then work on plain numpy arrays.
        frame[col] = pd.to_datetime(frame[col], unit="ms")
    for col in _TEXT[kind]:
        frame[col] = frame[col].astype("category")
    return frame


def _code_of(ids_by_code: dict[str, int]) -> dict[int, str]:
    return {i: c for c, i in ids_by_code.items()}


# ---------------------------------------------------------------- snapshot


def load_all(conn: sa.Connection) -> Snapshot:
    """A fresh snapshot read from the database."""
    stamp = read_stamp(conn)
    catalog, ids_by_code = read_catalog(conn)
    code_of = _code_of(ids_by_code)
    frames = Frames(
        _apps(conn, [Application.id <= stamp.app], code_of),
        _events(conn, 0, stamp.event),
        _skm(conn, 0, stamp.skm, code_of),
    )
    return Snapshot(stamp, catalog, ids_by_code, frames)


def refresh(snapshot: Snapshot, conn: sa.Connection) -> Snapshot:
    """The snapshot brought up to date: the same object when nothing changed."""
    stamp = read_stamp(conn)
    old = snapshot.stamp
    if stamp.meta != old.meta or stamp.event - old.event > FULL_RELOAD_EVENTS:
        return load_all(conn)
    if (stamp.app, stamp.event, stamp.skm) == (old.app, old.event, old.skm):
        return snapshot
    code_of = _code_of(snapshot.ids_by_code)
    frames = snapshot.frames
    events = _unseen(_events(conn, max(old.event - LOOKBACK_IDS, 0), stamp.event), frames.events,
                     old.event)  # fmt: skip
    skm = _unseen(_skm(conn, max(old.skm - LOOKBACK_IDS, 0), stamp.skm, code_of), frames.skm,
                  old.skm)  # fmt: skip
    changed = set(events["application_id"].tolist())
    changed.update(range(max(old.app - LOOKBACK_IDS, 0) + 1, stamp.app + 1))
    apps = _reread_apps(conn, frames.apps, sorted(changed), stamp.app, code_of)
    merged = Frames(apps, _append(frames.events, events), _append(frames.skm, skm))
    return Snapshot(stamp, snapshot.catalog, snapshot.ids_by_code, merged)


def _unseen(new: pd.DataFrame, have: pd.DataFrame, last: int) -> pd.DataFrame:
    """The rows of ``new`` whose id is not already held (only the look-back window can overlap)."""
    window = have.loc[have["id"].to_numpy() > last - LOOKBACK_IDS, "id"]
    return new[~new["id"].isin(window)]


def _reread_apps(
    conn: sa.Connection, apps: pd.DataFrame, ids: list[int], up_to: int, code_of: dict[int, str]
) -> pd.DataFrame:
    fresh = [
        _apps(conn, [Application.id.in_(chunk), Application.id <= up_to], code_of)
        for chunk in _chunks(ids, _ID_CHUNK)
    ]
    kept = apps[~apps["id"].isin(ids)]
    return _append(kept, *fresh)


def _chunks(values: list[int], size: int) -> Iterable[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _append(base: pd.DataFrame, *more: pd.DataFrame) -> pd.DataFrame:
    """Rows appended in id order; categorical columns keep one (grown) set of categories."""
    more = tuple(m for m in more if len(m))
    if not more:
        return base
    parts = [base, *more]
    for col in base.columns:
        if isinstance(base[col].dtype, pd.CategoricalDtype):
            cats = parts[0][col].cat.categories
            for part in parts[1:]:
                cats = cats.union(part[col].cat.categories)
            parts = [p.assign(**{col: p[col].cat.set_categories(cats)}) for p in parts]
    out = pd.concat(parts, ignore_index=True)
    if not out["id"].is_monotonic_increasing:
        out = out.sort_values("id", kind="stable", ignore_index=True)
    return out


# ---------------------------------------------------------------- filtering


def _naive_utc(day: dt.date) -> np.datetime64:
    start = dt.datetime.combine(day, dt.time(), WIB).astimezone(dt.UTC).replace(tzinfo=None)
    return np.datetime64(start, "us")


def _in_area(values: pd.Series, f: Filters) -> np.ndarray:
    cats = values.cat.categories
    if f.kelurahan:
        wanted = cats[cats == f.kelurahan]
    else:
        wanted = cats[cats.str.startswith(f.kecamatan + ".")]
    return values.isin(wanted).to_numpy()


def _in_period(times: pd.Series, f: Filters) -> np.ndarray:
    """Which timestamps fall in the filter's period (WIB days, both ends included)."""
    values = times.to_numpy()
    keep = np.ones(len(values), dtype=bool)
    if f.dari:
        keep &= values >= _naive_utc(f.dari)
    if f.sampai:
        keep &= values < _naive_utc(f.sampai + dt.timedelta(days=1))
    return keep


def filtered(snapshot: Snapshot, f: Filters) -> Frames:
    """The frames of the files (and answers) that ``f`` selects, as the figures expect them."""
    frames = snapshot.frames
    apps, skm = frames.apps, frames.skm
    codes = f.service_codes({c: m.category for c, m in snapshot.catalog.items()})
    keep = _in_period(apps["submitted_at"], f)
    # The IKM of a period is that of the answers given in it (how offices report it).
    keep_skm = _in_period(skm["created_at"], f)
    if codes is not None:
        keep &= apps["service"].isin(codes).to_numpy()
        keep_skm &= skm["service"].isin(codes).to_numpy()
    if f.kelurahan or f.kecamatan:
        in_area = _in_area(apps["kelurahan"], f)
        keep &= in_area
        keep_skm &= skm["application_id"].isin(apps.loc[in_area, "id"]).to_numpy()
    chosen = apps[keep]
    events = frames.events[frames.events["application_id"].isin(chosen["id"])]
    return Frames(
        _plain(chosen, "apps", drop=()),
        _plain(events, "events", drop=("id",)),
        _plain(skm[keep_skm], "skm", drop=("id", "application_id")),
    )


def _plain(frame: pd.DataFrame, kind: str, drop: tuple[str, ...]) -> pd.DataFrame:
    out = frame.drop(columns=list(drop)).reset_index(drop=True)
    for col in _TEXT[kind]:
        out[col] = out[col].astype(str)
    return out
