"""Cost of recomputing every analytics figure against the plain pandas floor.

    .venv/bin/python bench/analytics.py [--rows N] [--since YYYY-MM-DD] [--db PATH]

Builds a database of N applications (default 1,000,000) with the history
generator ``silek_app.services.demo_history.generate(applications, since, seed=...)``.
Where that generator is not available (it is developed on another branch), a
minimal bulk insert of this file builds a comparable history instead, and the
output says so. ``--db`` reuses (or keeps) a database file between runs.

Then, in the same run, it times:

(a) ``analytics.recompute_all({})``: every dashboard figure over all the data,
    without the cache (SQL load of the needed columns + all figures);
(b) the floor: the same rows (the same columns of application, status_event and
    skm_response) read the fastest plain way (DBAPI tuples into a DataFrame; faster
    than ``pandas.read_sql``), timestamps parsed, and one group-by on each.

It prints both (best of 3) and the ratio; the target is a ratio <= 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HEALTH_FLOW = ("DIAJUKAN", "VERIFIKASI_BERKAS", "VERIFIKASI_TEKNIS", "PERSETUJUAN",
               "PENANDATANGANAN", "TERBIT")  # fmt: skip
ROLES = ("pemohon", "front_office", "front_office", "tim_teknis", "back_office", "kepala_dinas")
ROUNDS = 3


def _args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=1_000_000)
    p.add_argument("--since", default="2024-12-01")
    p.add_argument("--db", default="", help="database file to build or reuse")
    p.add_argument("--seed", type=int, default=7)
    return p.parse_args()


def _point_at(db_path: Path) -> None:
    # Settings are read at import time: set the data location first.
    os.environ["SILEK_DATA_DIR"] = str(db_path.parent)
    os.environ["REFLEX_DB_URL"] = f"sqlite:///{db_path}"


def _stamp_strings(values: np.ndarray) -> list[str]:
    text = np.datetime_as_string(values.astype("datetime64[us]"), unit="us")
    return [t.replace("T", " ") for t in text]


def _fallback_fill(db_path: Path, rows: int, since: dt.date, seed: int) -> None:
    """Bulk insert of a plausible history (only when the generator is missing)."""
    from silek_app.domain.wilayah import kelurahan_list

    rng = np.random.default_rng(seed)
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA foreign_keys=OFF")
    services = con.execute(
        "SELECT id FROM service WHERE workflow_code = 'kesehatan_standar' ORDER BY id"
    ).fetchall()
    service_ids = np.array([s[0] for s in services])
    officers = [r[0] for r in con.execute("SELECT id FROM user_account WHERE role != 'pemohon'")]
    applicant = con.execute("SELECT id FROM user_account WHERE role = 'pemohon'").fetchone()[0]
    kel = [k.code for k in kelurahan_list()] + ["LUAR"]
    span = (dt.date.today() - since).days * 86400
    start = np.datetime64(since, "s") + rng.integers(0, span, rows).astype("timedelta64[s]")
    service = service_ids[np.minimum(rng.zipf(1.6, rows) - 1, len(service_ids) - 1)]
    # Steps reached: most files finish, recent ones are still open.
    reached = np.where(rng.random(rows) < 0.9, len(HEALTH_FLOW), rng.integers(1, 6, rows))
    step_gap = rng.gamma(1.5, 20 * 3600, (rows, len(HEALTH_FLOW))).astype("timedelta64[s]")
    times = start[:, None] + np.cumsum(step_gap, axis=1)
    rework = rng.random(rows) < 0.15
    batch = 50_000
    app_id = con.execute("SELECT coalesce(max(id), 0) FROM application").fetchone()[0]
    for lo in range(0, rows, batch):
        hi = min(lo + batch, rows)
        app_rows, ev_rows, skm_rows = [], [], []
        stamps = [_stamp_strings(times[lo:hi, j]) for j in range(len(HEALTH_FLOW))]
        subs = _stamp_strings(start[lo:hi])
        for i in range(hi - lo):
            n = lo + i
            app_id += 1
            last = reached[n]
            status = HEALTH_FLOW[last - 1]
            done = stamps[last - 1][i] if status == "TERBIT" else None
            form = json.dumps({"sections": {"pemohon": {"kelurahan_code": kel[n % len(kel)]}}})
            sub = subs[i]
            app_rows.append((app_id, f"B{app_id:09d}", applicant, int(service[n]), "BARU",
                             status, form, sub, sub, sub, stamps[last - 1][i], 0,
                             done))  # fmt: skip
            for j in range(last):
                role = ROLES[j]
                actor = applicant if j == 0 else officers[(n + j) % len(officers)]
                ev_rows.append((app_id, actor, role, HEALTH_FLOW[j], stamps[j][i]))
                if j == 1 and rework[n]:
                    ev_rows.append((app_id, actor, role, "PERLU_PERBAIKAN", stamps[j][i]))
                    ev_rows.append((app_id, applicant, "pemohon", "VERIFIKASI_BERKAS",
                                    stamps[j][i]))  # fmt: skip
            if done and n % 3 == 0:
                answers = [int(v) for v in rng.integers(2, 5, 9)]
                skm_rows.append((app_id, int(service[n]), applicant, *answers, done))
        con.executemany(
            "INSERT INTO application (id, reference_number, applicant_id, service_id, jenis, "
            "status, form_data, version, created_at, updated_at, submitted_at, "
            "state_entered_at, paused_seconds, completed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)", app_rows)  # fmt: skip
        con.executemany(
            "INSERT INTO status_event (application_id, actor_id, actor_role, action, to_status, "
            "note, created_at) VALUES (?, ?, ?, 'BENCH', ?, '', ?)", ev_rows)  # fmt: skip
        con.executemany(
            "INSERT INTO skm_response (application_id, service_id, respondent_id, u1, u2, u3, u4, "
            "u5, u6, u7, u8, u9, suggestion, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?)", skm_rows)  # fmt: skip
        con.commit()
    con.close()


def _build(db_path: Path, rows: int, since: dt.date, seed: int) -> str:
    from silek_app.services.bootstrap import bootstrap

    bootstrap(seed_demo=True)
    try:
        from silek_app.services import demo_history
    except ImportError:
        _fallback_fill(db_path, rows, since, seed)
        return "fallback bulk insert of bench/analytics.py (generator not in this branch)"
    demo_history.generate(rows, since, seed=seed)
    return "silek_app.services.demo_history.generate"


def _floor() -> None:
    """The same rows and columns read the fastest plain way (DBAPI tuples into pandas),
    timestamps parsed, and one group-by per table."""
    import pandas as pd

    from silek_app.db import get_engine

    def read(conn, sql: str) -> pd.DataFrame:
        cursor = conn.exec_driver_sql(sql).cursor
        names = [d[0] for d in cursor.description]
        return pd.DataFrame.from_records(cursor.fetchall(), columns=names)

    with get_engine().connect() as conn:
        apps = read(conn, "SELECT id, service_id, status, submitted_at, completed_at "
                          "FROM application WHERE submitted_at IS NOT NULL")  # fmt: skip
        events = read(conn, "SELECT application_id, actor_id, actor_role, to_status, created_at "
                            "FROM status_event")  # fmt: skip
        answers = read(conn, "SELECT service_id, created_at, u1, u2, u3, u4, u5, u6, u7, u8, u9 "
                             "FROM skm_response")  # fmt: skip
    for frame, col in ((apps, "submitted_at"), (events, "created_at"), (answers, "created_at")):
        frame[col] = pd.to_datetime(frame[col], format="ISO8601", utc=True)
    apps.groupby(["service_id", "status"]).size()
    events.groupby("to_status")["created_at"].max()
    answers.groupby("service_id").sum(numeric_only=True)


def _best(fn) -> float:
    times = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    args = _args()
    db_path = Path(args.db).resolve() if args.db else Path(tempfile.mkdtemp()) / "bench.db"
    _point_at(db_path)
    existing = db_path.exists()
    if existing:
        source = f"existing database {db_path}"
    else:
        t0 = time.perf_counter()
        source = _build(db_path, args.rows, dt.date.fromisoformat(args.since), args.seed)
        print(f"built in {time.perf_counter() - t0:.1f} s with {source}")
    from silek_app.db import get_engine
    from silek_app.services import analytics

    with get_engine().connect() as conn:
        counts = {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()  # noqa: S608
                  for t in ("application", "status_event", "skm_response")}  # fmt: skip
    print(f"data: {counts} ({source})")
    analytics.recompute_all({})  # warm imports and the holiday calendar
    full = _best(lambda: analytics.recompute_all({}))
    floor = _best(_floor)
    print(f"(a) recompute_all, every figure: {full * 1000:8.0f} ms")
    print(f"(b) plain pandas read + group-by: {floor * 1000:8.0f} ms")
    print(f"ratio (a)/(b): {full / floor:.2f}  (target <= 2)")
    analytics.public_summary({})  # fills the cache
    cached = _best(lambda: analytics.public_summary({}))
    print(f"cached public_summary (data-stamp check only): {cached * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
