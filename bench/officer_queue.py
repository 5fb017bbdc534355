"""Cost of one officer-queue load and of the live poll, with many open files.

    .venv/bin/python bench/officer_queue.py [open_files]   (default 5000)

The queue classifies every open file matching the search by working days (this
cannot be done in SQL), then loads the display columns of one page. It runs in a
worker thread, so the figure is how long one refresh holds a core; the stamp is
what every open /petugas tab runs every 2 s.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

# A throw-away database, set before the app's settings are imported.
_TMP = tempfile.mkdtemp(prefix="silek-bench-queue-")
os.environ["SILEK_DATA_DIR"] = _TMP
os.environ.pop("REFLEX_DB_URL", None)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import select  # noqa: E402

from silek_app.db import session_scope  # noqa: E402
from silek_app.models import ApplicantProfile, Application, Service, UserAccount  # noqa: E402
from silek_app.services import accounts, officer_queue  # noqa: E402
from silek_app.services.bootstrap import bootstrap  # noqa: E402

ROUNDS = 15
STATES = ("DIAJUKAN", "VERIFIKASI_BERKAS", "VERIFIKASI_TEKNIS", "PERSETUJUAN", "PENANDATANGANAN")
DEMO_PASSWORD = "Rendang-Bareh-Sawah"  # noqa: S105 (the published demo password)


def _fill(count: int) -> None:
    """Open files spread over states, services and the last 15 days."""
    rng = random.Random(7)
    now = dt.datetime.now(dt.UTC)
    with session_scope(write=True) as s:
        services = s.exec(select(Service.id).where(Service.workflow_code == "kesehatan_standar"))
        service_ids = list(services.all())
        people = []
        for i in range(200):  # applicants with a profile, as search joins them
            user = UserAccount(
                email=f"bench{i}@contoh.id", full_name=f"Pemohon Bench {i}", role="pemohon",
                password_hash="-",
            )  # fmt: skip
            s.add(user)
            s.flush()
            s.add(
                ApplicantProfile(
                    user_id=user.id, nik=f"1372015107{i:06d}", name_on_permit=user.full_name
                )
            )
            people.append(user.id)
        for n in range(count):
            entered = now - dt.timedelta(hours=rng.randint(1, 15 * 24))
            s.add(
                Application(
                    reference_number=f"SLK-20261201-{n + 1:05d}",
                    applicant_id=rng.choice(people), service_id=rng.choice(service_ids),
                    jenis="BARU", status=rng.choice(STATES), submitted_at=entered,
                    sla_started_at=entered, state_entered_at=entered,
                    sla_due_date=(entered + dt.timedelta(days=7)).date(),
                )
            )  # fmt: skip


def _median_ms(fn) -> float:
    times = []
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    bootstrap(seed_demo=True)
    _fill(count)
    token = accounts.login("fo@demo.silek.id", DEMO_PASSWORD)
    print(f"{count} open files (SQLite, {_TMP})")
    for tab in officer_queue.TABS:
        ms = _median_ms(lambda tab=tab: officer_queue.queue(token, tab, "", 1))
        print(f"queue tab {tab:<10} median {ms:7.1f} ms over {ROUNDS} loads")
    ms = _median_ms(lambda: officer_queue.queue(token, "semua", "Bench 17", 1))
    print(f"queue search by name  median {ms:7.1f} ms")
    ms = _median_ms(officer_queue.queue_stamp)
    print(f"live stamp (per tab every 2 s) median {ms:5.1f} ms")


if __name__ == "__main__":
    main()
