"""The tunable weights of the demo history generator, read and checked once.

They live in data/demo_history.json so the shape of the demo (service mix,
seasonality, officer speeds, rework and rejection rates) can be adjusted without
touching code; a typo there must fail loudly at load, not produce odd charts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from silek_app.domain.skm import SCALE

DATA_PATH = Path(__file__).with_name("data") / "demo_history.json"
OUTSIDE = "LUAR"
OFFICER_ROLES = ("front_office", "back_office", "tim_teknis", "kepala_dinas")


class HistoryConfigError(ValueError):
    """The data file is malformed; the message is Indonesian and names every problem."""


@dataclass(frozen=True)
class OfficerSpec:
    role: str
    index: int
    name: str
    speed: float


@dataclass(frozen=True)
class HistoryConfig:
    service_weights: dict[str, float]
    jenis_weights: dict[str, float]
    month_weights: tuple[float, ...]
    weekday_weights: tuple[float, ...]
    ramadan_factor: float
    lebaran_week_factor: float
    year_end_factor: float
    year_end_from_day: int
    work_start: int
    work_end: int
    submission_hour_weights: dict[int, float]
    kelurahan_weights: dict[str, float]
    repeat_applicant_share: float
    state_hours: dict[str, float]
    delay_sigma: float
    officers: dict[str, tuple[OfficerSpec, ...]]
    action_weights: dict[str, float]
    state_action_weights: dict[str, dict[str, float]]
    max_rework_rounds: int
    max_corrections: int
    notes: dict[str, tuple[str, ...]]
    skm_share: float
    skm_answer_weights: tuple[float, ...]
    skm_late_time_weights: tuple[float, ...]
    skm_fee_weights: tuple[float, ...]
    skm_suggestions: tuple[str, ...]
    first_names_female: tuple[str, ...]
    first_names_male: tuple[str, ...]
    last_names: tuple[str, ...]
    birth_places: tuple[str, ...]
    streets: tuple[str, ...]


def _weights(raw: Any, key: str, problems: list[str], length: int | None = None) -> Any:
    value = raw.get(key)
    items = value.values() if isinstance(value, dict) else value
    if not isinstance(items, (list, dict, type({}.values()))) or not items:
        problems.append(f"'{key}' wajib berisi daftar atau peta bobot yang tidak kosong.")
        return value
    if any(not isinstance(w, (int, float)) or isinstance(w, bool) or w < 0 for w in items):
        problems.append(f"'{key}': setiap bobot harus angka >= 0.")
    elif not sum(items) > 0:
        problems.append(f"'{key}': jumlah bobot harus lebih dari 0.")
    if length is not None and len(value) != length:
        problems.append(f"'{key}' harus berisi tepat {length} bobot.")
    return value


def _number(raw: Any, key: str, problems: list[str], low: float, high: float) -> float:
    value = raw.get(key)
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not low <= value <= high:
        problems.append(f"'{key}' harus angka antara {low} dan {high}.")
        return low
    return value


def _texts(raw: Any, key: str, problems: list[str]) -> tuple[str, ...]:
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        problems.append(f"'{key}' wajib berisi daftar teks yang tidak kosong.")
        return ("-",)
    return tuple(value)


def _officers(raw: Any, problems: list[str]) -> dict[str, tuple[OfficerSpec, ...]]:
    pools = raw.get("officers")
    out: dict[str, tuple[OfficerSpec, ...]] = {}
    if not isinstance(pools, dict):
        problems.append("'officers' wajib berupa peta peran ke daftar petugas.")
        return out
    for role in OFFICER_ROLES:
        pool = pools.get(role)
        if not isinstance(pool, list) or not pool:
            problems.append(f"'officers': peran {role} wajib punya sedikitnya satu petugas.")
            continue
        specs = []
        for i, item in enumerate(pool):
            ok = isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"]
            speed = item.get("speed") if isinstance(item, dict) else None
            if not ok or not isinstance(speed, (int, float)) or not 0.1 <= speed <= 10:
                problems.append(f"'officers.{role}[{i}]' wajib punya name dan speed 0.1-10.")
                continue
            specs.append(OfficerSpec(role, i, item["name"], float(speed)))
        out[role] = tuple(specs)
    return out


def parse_config(raw: Any, known_services: set[str], known_kelurahan: set[str]) -> HistoryConfig:
    """Build the config from parsed JSON, or raise HistoryConfigError listing every problem."""
    if not isinstance(raw, dict):
        raise HistoryConfigError("Berkas bobot riwayat demo harus berupa objek JSON.")
    p: list[str] = []
    services = _weights(raw, "service_weights", p)
    if isinstance(services, dict) and set(services) - known_services:
        unknown = sorted(set(services) - known_services)
        p.append(f"'service_weights': kode layanan tidak dikenal {unknown}.")
    kel = _weights(raw, "kelurahan_weights", p)
    if isinstance(kel, dict) and set(kel) - known_kelurahan - {OUTSIDE}:
        unknown = sorted(set(kel) - known_kelurahan - {OUTSIDE})
        p.append(f"'kelurahan_weights': kode kelurahan tidak dikenal {unknown}.")
    hours = _weights(raw, "submission_hour_weights", p)
    wh = raw.get("working_hours") or {}
    start, end = wh.get("start_minute"), wh.get("end_minute")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= 24 * 60):
        p.append("'working_hours' wajib punya start_minute < end_minute dalam satu hari.")
        start, end = 480, 960
    if isinstance(hours, dict) and not all(
        str(h).isdigit() and start // 60 <= int(h) < (end + 59) // 60 for h in hours
    ):
        p.append("'submission_hour_weights': jam pengajuan harus di dalam jam kerja.")
    state_hours = _weights(raw, "state_hours", p)
    notes = raw.get("notes") if isinstance(raw.get("notes"), dict) else {}
    for code in ("KEMBALIKAN", "TOLAK", "KOREKSI"):
        texts = notes.get(code)
        if not isinstance(texts, list) or not texts or any(len(str(t).strip()) < 5 for t in texts):
            p.append(f"'notes.{code}' wajib berisi alasan (minimal 5 karakter).")
    sa_weights = raw.get("state_action_weights", {})
    if not isinstance(sa_weights, dict) or not all(
        isinstance(v, dict) for v in sa_weights.values()
    ):
        p.append("'state_action_weights' wajib berupa peta status ke peta bobot.")
        sa_weights = {}
    cfg = dict(
        jenis_weights=_weights(raw, "jenis_weights", p),
        month_weights=tuple(_weights(raw, "month_weights", p, 12) or ()),
        weekday_weights=tuple(_weights(raw, "weekday_weights", p, 5) or ()),
        ramadan_factor=_number(raw, "ramadan_factor", p, 0, 5),
        lebaran_week_factor=_number(raw, "lebaran_week_factor", p, 0, 5),
        year_end_factor=_number(raw, "year_end_factor", p, 0, 5),
        year_end_from_day=int(_number(raw, "year_end_from_day", p, 1, 31)),
        repeat_applicant_share=_number(raw, "repeat_applicant_share", p, 0, 0.9),
        delay_sigma=_number(raw, "delay_sigma", p, 0, 3),
        action_weights=_weights(raw, "action_weights", p),
        max_rework_rounds=int(_number(raw, "max_rework_rounds", p, 0, 5)),
        max_corrections=int(_number(raw, "max_corrections", p, 0, 5)),
        skm_share=_number(raw, "skm_share", p, 0, 1),
        skm_answer_weights=tuple(_weights(raw, "skm_answer_weights", p, len(SCALE)) or ()),
        skm_late_time_weights=tuple(_weights(raw, "skm_late_time_weights", p, len(SCALE)) or ()),
        skm_fee_weights=tuple(_weights(raw, "skm_fee_weights", p, len(SCALE)) or ()),
        skm_suggestions=tuple(str(s) for s in raw.get("skm_suggestions") or ("",)),
        officers=_officers(raw, p),
        **{k: _texts(raw, k, p) for k in ("first_names_female", "first_names_male", "last_names",
                                           "birth_places", "streets")},
    )  # fmt: skip
    if p:
        raise HistoryConfigError("Bobot riwayat demo tidak valid:\n- " + "\n- ".join(p))
    return HistoryConfig(
        service_weights=dict(services),
        kelurahan_weights=dict(kel),
        submission_hour_weights={int(h): float(w) for h, w in hours.items()},
        work_start=start,
        work_end=end,
        state_hours={k: float(v) for k, v in state_hours.items()},
        state_action_weights={k: dict(v) for k, v in sa_weights.items()},
        notes={k: tuple(str(t) for t in v) for k, v in notes.items() if isinstance(v, list)},
        **cfg,
    )


@lru_cache(maxsize=1)
def default_config() -> HistoryConfig:
    """The shipped weights, checked against the shipped catalog and area data."""
    from silek_app.domain.catalog import default_catalog
    from silek_app.domain.wilayah import kelurahan_list

    raw = json.loads(DATA_PATH.read_text(encoding="utf-8"))
    return parse_config(raw, set(default_catalog().codes()), {k.code for k in kelurahan_list()})
