"""IKM figures (PermenPANRB 14/2017) of a whole DataFrame of SKM answers.

Grouped in pandas as integer sums per unsur, then indexed with domain/skm.py's
exact rules (``ikm_from_totals``, ``round_half_up``, ``grade``): no band or
rounding rule is repeated here.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

import pandas as pd

from silek_app.domain import skm
from silek_app.domain.metrics import wib_dates


def _ikm_dict(totals: list[int], count: int) -> dict:
    result = skm.ikm_from_totals(totals, count)
    return {"ikm": result.ikm, "mutu": result.grade, "kinerja": result.label,
            "responden": result.respondents}  # fmt: skip


def ikm_figures(answers: pd.DataFrame, names: Mapping[str, str]) -> dict:
    """IKM overall, per unsur and per service from integer sums (domain/skm.py rules)."""
    cols = [f"u{i}" for i in range(1, len(skm.UNSUR) + 1)]
    if answers.empty:
        return {"keseluruhan": None, "per_unsur": [], "per_layanan": [], "periode": None}
    totals = [int(v) for v in answers[cols].sum().to_numpy()]
    n = len(answers)
    per_unsur = []
    for unsur, total in zip(skm.UNSUR, totals, strict=True):
        converted = skm.round_half_up(Fraction(total * skm.CONVERSION, n))
        letter, label = skm.grade(converted)
        per_unsur.append({"kode": unsur.code, "unsur": unsur.label, "nrr": round(total / n, 4),
                          "nilai": float(converted), "mutu": letter, "kinerja": label})  # fmt: skip
    grouped = answers.groupby("service")[cols].agg("sum")
    sizes = answers.groupby("service").size()
    per_service = [{"layanan": code, "nama": names.get(code, code),
                    **_ikm_dict([int(v) for v in row], int(sizes[code]))}
                   for code, row in grouped.iterrows()]  # fmt: skip
    days = wib_dates(answers["created_at"])
    return {
        "keseluruhan": _ikm_dict(totals, n),
        "per_unsur": per_unsur,
        "per_layanan": per_service,
        "periode": {"dari": str(days.min()), "sampai": str(days.max())},
    }
