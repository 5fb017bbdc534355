"""Cost of recomputing every analytics figure against the plain pandas floor.

    .venv/bin/python bench/analytics.py [--rows N] [--since YYYY-MM-DD] [--db PATH]

Builds a database of N applications (default 1,000,000) with the history
generator ``silek_app.services.demo_history.generate(applications, since, seed=...)``,
the same one `python -m silek_app demo` runs. ``--db`` reuses (or keeps) a database
file between runs, since building 1,000,000 files takes minutes.

Then, in the same run, it times:

(a) ``analytics.recompute_all({})``: every dashboard figure over all the data,
    without the cache (SQL load of the needed columns + all figures);
(b) the floor: the same rows (the same columns of application, status_event and
    skm_response) read the fastest plain way (DBAPI tuples into a DataFrame; faster
    than ``pandas.read_sql``), timestamps parsed, and one group-by on each.

It prints both (best of 3) and the ratio; the target is a ratio <= 2.

Then what a live dashboard costs after files move: (c) new files are added with
the same generator (their submission and steps), and the time to bring the
in-memory snapshot up to date and to recompute every figure is printed (best of 3),
as is (d) opening the dashboard with a cold cache (a full read, as at server start).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROUNDS = 3
LIVE_FILES = 25  # files that arrive between two refreshes of a busy province dashboard


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


def _build(db_path: Path, rows: int, since: dt.date, seed: int) -> str:
    from silek_app.services import demo_history
    from silek_app.services.bootstrap import bootstrap

    bootstrap(seed_demo=True)
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
    _live(analytics)


def _live(analytics) -> None:
    from silek_app.services import demo_history

    analytics.cache_clear()
    t0 = time.perf_counter()
    analytics.warm()
    cold = time.perf_counter() - t0
    print(f"(d) cold start: snapshot read + every figure: {cold * 1000:8.0f} ms")
    since = dt.date.today() - dt.timedelta(days=14)
    patch, figures = [], []
    for _ in range(ROUNDS):
        demo_history.generate(LIVE_FILES, since, seed=time.time_ns() % 1_000_000)
        t0 = time.perf_counter()
        with analytics.get_engine().connect() as conn:
            analytics._snapshot(conn)  # noqa: SLF001 — the part timed on its own
        t1 = time.perf_counter()
        analytics.warm()
        patch.append(t1 - t0)
        figures.append(time.perf_counter() - t1)
    total = min(p + f for p, f in zip(patch, figures, strict=True))
    print(f"(c) after {LIVE_FILES} new files: snapshot patch {min(patch) * 1000:8.0f} ms, "
          f"every figure {min(figures) * 1000:8.0f} ms, "
          f"together {total * 1000:8.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
