"""SKM answers of a demo history: most holders answer after the permit is issued.

Scores lean to "3" with a solid share of "4", as real IKM results of licensing
offices do (grade B, sometimes A). A file that was late gets a worse "waktu
penyelesaian"; free services get a good "biaya". A few respondents are harsh
across the board, so per-service IKM figures vary.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_right
from dataclasses import dataclass

from silek_app.domain.catalog_types import Service
from silek_app.domain.history_config import HistoryConfig
from silek_app.domain.history_people import PlannedApplicant
from silek_app.domain.skm import EDUCATIONS, SCALE, UNSUR, validate_answers

_TIME = 2  # U3 Waktu penyelesaian
_FEE = 3  # U4 Biaya/tarif
_HARSH = (12, 38, 42, 8)
_HARSH_SHARE = 0.08
_DOCTORS = {"dokter", "dokter_spesialis", "dokter_gigi", "dokter_gigi_spesialis", "apoteker"}


@dataclass(frozen=True)
class PlannedSkm:
    at: dt.datetime
    answers: tuple[int, ...]
    suggestion: str
    gender: str
    education: str
    occupation: str


def _score(rng: random.Random, weights: tuple[float, ...]) -> int:
    cum, total = [], 0.0
    for w in weights:
        total += w
        cum.append(total)
    return SCALE[min(bisect_right(cum, rng.random() * total), len(SCALE) - 1)]


def plan_skm(
    rng: random.Random,
    config: HistoryConfig,
    who: PlannedApplicant,
    service: Service,
    issued_at: dt.datetime,
    late: bool,
    now: dt.datetime,
) -> PlannedSkm | None:
    """The survey of one issued file, or None if it would be answered after ``now``."""
    at = issued_at + dt.timedelta(minutes=rng.randint(5, 3 * 24 * 60))
    if at > now:
        return None
    base = _HARSH if rng.random() < _HARSH_SHARE else config.skm_answer_weights
    answers = []
    for i in range(len(UNSUR)):
        weights = base
        if i == _TIME and late:
            weights = config.skm_late_time_weights
        elif i == _FEE and service.fee == 0:
            weights = config.skm_fee_weights
        answers.append(_score(rng, weights))
    validate_answers(answers)
    if who.profession in _DOCTORS:
        education = rng.choice(("S1", "S1", "S2"))
    elif who.profession:
        education = rng.choice(("D3", "D3", "S1"))
    else:
        education = rng.choice(EDUCATIONS[1:5])
    occupation = rng.choice(("PNS", "Swasta", "Swasta", "Wirausaha", "Lainnya"))
    return PlannedSkm(
        at=at,
        answers=tuple(answers),
        suggestion=rng.choice(config.skm_suggestions),
        gender="P" if who.is_female else "L",
        education=education,
        occupation=occupation,
    )
