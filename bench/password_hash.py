"""Cost of one Argon2id hash and verify with SILEK's parameters (m=19 MiB, t=2, p=1).

    .venv/bin/python bench/password_hash.py

Login and registration run this in a worker thread; the figure says how long each
request holds one core, and so how many logins per second two cores can take.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from silek_app.services.hashing import hash_password, verify_password  # noqa: E402

ROUNDS = 20


def main() -> None:
    password = "talago-biru-di-lembah"
    hashes, verifies = [], []
    stored = hash_password(password)
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        hash_password(password)
        hashes.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        assert verify_password(password, stored)
        verifies.append(time.perf_counter() - t0)
    h, v = statistics.median(hashes) * 1000, statistics.median(verifies) * 1000
    print(f"argon2id hash: median {h:.1f} ms, verify: median {v:.1f} ms over {ROUNDS} rounds")
    print(f"=> about {2000 / v:.0f} logins/s on 2 cores (OWASP floor m=19MiB,t=2,p=1)")


if __name__ == "__main__":
    main()
