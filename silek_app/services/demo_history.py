"""Write a realistic demo history into the real tables (python -m silek_app demo).

The files are planned by domain/history_plan.py (every step checked by the
workflow engine, SLA fields from sla.py) and written with Core executemany, one
transaction per chunk, so a million files take minutes. Reference numbers are
gap-free per day and permit numbers per service-year, continuing the counters
already in the database, and the NumberSequence rows are left at the last
values so real submissions and signatures carry on without gap or duplicate.

Demo people are recognised by their email domain. The generator refuses a
database that already holds real applications unless forced: mixing invented
files into real statistics would mislead the office.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import time

import sqlalchemy as sa
from sqlmodel import Session, func, select

from silek_app.db import session_scope
from silek_app.domain.catalog import default_catalog
from silek_app.domain.history_config import OFFICER_ROLES, HistoryConfig, default_config
from silek_app.domain.history_people import DEMO_EMAIL_DOMAIN
from silek_app.domain.history_plan import HistoryPlanner
from silek_app.domain.sla import WIB
from silek_app.domain.workcalendar import default_calendar
from silek_app.models import (
    ApplicantProfile,
    Application,
    Document,
    InspectionReport,
    NumberSequence,
    Permit,
    Service,
    SkmResponse,
    StatusEvent,
    UserAccount,
    UTCDateTime,
    utcnow,
)
from silek_app.services import storage
from silek_app.services.demo_history_rows import Chunk, Context, Counters, Ids, RowBuilder
from silek_app.services.errors import ServiceError
from silek_app.services.hashing import hash_password

CHUNK_FILES = 10_000
_DEMO_LIKE = f"%@{DEMO_EMAIL_DOMAIN}"
_TABLES = (
    ("users", UserAccount),
    ("profiles", ApplicantProfile),
    ("applications", Application),
    ("events", StatusEvent),
    ("permits", Permit),
    ("skm", SkmResponse),
    ("reports", InspectionReport),
    ("documents", Document),
)


def real_application_count(s: Session) -> int:
    """Applications (any status) whose applicant is not a generated demo person."""
    query = (
        select(func.count(Application.id))
        .join(UserAccount, UserAccount.id == Application.applicant_id)
        .where(UserAccount.email.not_like(_DEMO_LIKE))
    )
    return s.exec(query).one()


def application_count() -> int:
    with session_scope() as s:
        return s.exec(select(func.count(Application.id))).one()


def _next_id(s: Session, model) -> int:
    return (s.exec(select(func.max(model.id))).one() or 0) + 1


def _officers(
    s: Session, config: HistoryConfig, password_hash: str, joined: dt.datetime
) -> tuple[dict, dict]:
    """The demo officer accounts of each pool, created once and reused by later runs."""
    ids: dict[str, list[int]] = {}
    names: dict[int, str] = {}
    for role in OFFICER_ROLES:
        ids[role] = []
        for spec in config.officers[role]:
            email = f"{role.replace('_', '-')}-{spec.index + 1}@{DEMO_EMAIL_DOMAIN}"
            user = s.exec(select(UserAccount).where(UserAccount.email == email)).first()
            if user is None:
                user = UserAccount(
                    email=email, full_name=spec.name, role=role, password_hash=password_hash,
                    created_at=joined,
                )  # fmt: skip
                s.add(user)
                s.flush()
            ids[role].append(user.id)
            names[user.id] = user.full_name
    return ids, names


def _horizon(until: dt.date | None, now: dt.datetime) -> dt.datetime:
    """History runs until the end of ``until`` (WIB) but never past the real now."""
    if until is None:
        return now
    end = dt.datetime.combine(until, dt.time(23, 59, 59), tzinfo=WIB).astimezone(dt.UTC)
    return min(end, now)


def _utc_text(v: dt.datetime) -> str:
    """SQLAlchemy's SQLite DATETIME text of an aware instant, in UTC (as UTCDateTime stores)."""
    if v.tzinfo is not dt.UTC:  # the planner's instants are already UTC: skip the conversion
        v = v.astimezone(dt.UTC)
    return v.isoformat(" ", "microseconds")[:26]


def _sqlite_value(kind: str):
    """Convert like SQLAlchemy's SQLite types do (same stored text), without its per-row cost."""
    if kind == "datetime":
        return lambda v: None if v is None else _utc_text(v)
    if kind == "date":
        return lambda v: None if v is None else v.isoformat()
    if kind == "json":
        return lambda v: None if v is None else json.dumps(v)
    return None


def _converters(conn: sa.Connection, table: sa.Table, columns: list[str]) -> list:
    """One value converter per column (None: pass as is).

    On SQLite the stored text is produced here directly; on other databases the
    column type's own bind processor is used, so values are exactly what an ORM
    insert would send.
    """
    out = []
    for name in columns:
        col_type = table.c[name].type
        if conn.dialect.name != "sqlite":
            out.append(col_type._cached_bind_processor(conn.dialect))
        elif isinstance(col_type, UTCDateTime | sa.DateTime):
            out.append(_sqlite_value("datetime"))
        elif isinstance(col_type, sa.Date):
            out.append(_sqlite_value("date"))
        elif isinstance(col_type, sa.JSON):
            out.append(_sqlite_value("json"))
        else:
            out.append(None)
    return out


def _bulk_insert(conn: sa.Connection, table: sa.Table, rows: list[dict]) -> None:
    """executemany at the driver level: SQLAlchemy's per-row parameter handling
    (construct_params, type processing) cost more than SQLite's own insert."""
    compiled = sa.insert(table).compile(dialect=conn.dialect, column_keys=list(rows[0]))
    columns = list(compiled.positiontup) if compiled.positional else list(rows[0])
    pairs = list(zip(columns, _converters(conn, table, columns), strict=True))
    if compiled.positional:
        values = [tuple([r[c] if f is None else f(r[c]) for c, f in pairs]) for r in rows]
    else:
        values = [{c: r[c] if f is None else f(r[c]) for c, f in pairs} for r in rows]
    conn.exec_driver_sql(str(compiled), values)


def _write(s: Session, chunk: Chunk, counters: Counters, existing: set[str]) -> None:
    conn = s.connection()
    for attr, model in _TABLES:
        rows = getattr(chunk, attr)
        if rows:
            _bulk_insert(conn, model.__table__, rows)
    table = NumberSequence.__table__
    updates = [{"s": k, "v": counters.values[k]} for k in counters.touched if k in existing]
    inserts = [{"scope": k, "last_value": counters.values[k]} for k in counters.touched - existing]
    if updates:
        stmt = table.update().where(table.c.scope == sa.bindparam("s"))
        conn.execute(stmt.values(last_value=sa.bindparam("v")), updates)
    if inserts:
        conn.execute(sa.insert(table), inserts)
    existing.update(counters.touched)
    counters.touched.clear()


def _write_chunk(chunk: Chunk, counters: Counters, existing: set[str]) -> None:
    """The chunk's document files, then its rows in one transaction; a failed
    transaction takes its files with it, so no row points to a missing file and
    no file is left without its row."""
    written = []
    try:
        for key, data in chunk.files:
            storage.write(key, data, durable=False)
            written.append(key)
        storage.sync()  # one flush for the chunk: an fsync per file would dominate the run
        with session_scope(write=True) as s:
            _write(s, chunk, counters, existing)
    except BaseException:
        for key in written:
            storage.delete(key)
        raise


def generate(
    applications: int,
    since: dt.date,
    until: dt.date | None = None,
    seed: int = 2026,
    *,
    force: bool = False,
    now: dt.datetime | None = None,
    chunk_files: int = CHUNK_FILES,
) -> dict:
    """Generate ``applications`` files submitted from ``since`` to ``until`` (default today).

    Returns a summary of what was written. ``now`` is for tests; files whose
    next step would come after it stay open, as a real backlog does.
    """
    if applications < 0:
        raise ServiceError("Jumlah permohonan tidak boleh negatif.")
    horizon = _horizon(until, now or utcnow())
    if horizon.astimezone(WIB).date() < since:
        raise ServiceError("Tanggal akhir riwayat tidak boleh sebelum tanggal mulai.")
    started = time.perf_counter()
    config = default_config()
    password_hash = hash_password(secrets.token_urlsafe(24))  # nobody logs in as these
    with session_scope(write=True) as s:
        real = real_application_count(s)
        if real and not force:
            raise ServiceError(
                f"Basis data ini sudah berisi {real} permohonan nyata. Riwayat demo tidak dibuat "
                "agar tidak tercampur dengan data asli; gunakan --force bila memang disengaja."
            )
        services = {code: (sid, months) for sid, code, months in s.exec(
            select(Service.id, Service.code, Service.validity_months))}  # fmt: skip
        missing = set(config.service_weights) - set(services)
        if missing:
            raise ServiceError("Katalog belum dimuat; jalankan `python -m silek_app seed` dulu.")
        joined = dt.datetime.combine(since, dt.time(1), tzinfo=dt.UTC) - dt.timedelta(days=30)
        officers, names = _officers(s, config, password_hash, joined)
        ids = Ids(*(_next_id(s, m) for m in (UserAccount, ApplicantProfile, Application,
                                               StatusEvent, Permit, SkmResponse,
                                               InspectionReport, Document)))  # fmt: skip
        offset = s.exec(
            select(func.count(UserAccount.id)).where(
                UserAccount.email.like(_DEMO_LIKE), UserAccount.role == "pemohon"
            )
        ).one()
        taken = frozenset(s.exec(select(ApplicantProfile.nik)).all())
        sequences = dict(s.exec(select(NumberSequence.scope, NumberSequence.last_value)).all())
    counters = Counters(dict(sequences))
    existing = set(sequences)
    catalog = default_catalog()
    planner = HistoryPlanner(
        seed=seed, catalog=catalog, calendar=default_calendar(), config=config,
        since=since, now=horizon, applicant_offset=offset, taken_niks=taken,
    )  # fmt: skip
    context = Context(services, officers, names, password_hash, catalog)
    builder = RowBuilder(context, ids, counters, seed)
    totals = dict.fromkeys((attr for attr, _ in _TABLES), 0)
    statuses: dict[str, int] = {}
    open_overdue = 0
    chunk = Chunk()
    for n, plan in enumerate(planner.plan(applications), start=1):
        builder.add(chunk, plan)
        statuses[plan.status] = statuses.get(plan.status, 0) + 1
        open_overdue += plan.overdue and plan.completed_at is None
        if n % chunk_files == 0 or n == applications:
            builder.flush_permits(chunk)
            _write_chunk(chunk, counters, existing)
            for attr, _ in _TABLES:
                totals[attr] += len(getattr(chunk, attr))
            chunk = Chunk()
    return {
        "applications": totals["applications"],
        "applicants": totals["users"],
        "officers": sum(len(v) for v in officers.values()),
        "status_events": totals["events"],
        "permits": totals["permits"],
        "skm_responses": totals["skm"],
        "field_reports": totals["reports"],
        "documents": totals["documents"],
        "open": sum(v for k, v in statuses.items() if k not in {"TERBIT", "DITOLAK", "DIBATALKAN"}),
        "open_overdue": int(open_overdue),
        "statuses": dict(sorted(statuses.items())),
        "since": since.isoformat(),
        "until": horizon.astimezone(WIB).date().isoformat(),
        "seed": seed,
        "seconds": round(time.perf_counter() - started, 2),
    }
