"""Derived Standar Pelayanan texts: number words and the components built from the data.

The public texts are generated from the same structured fields the app enforces (SLA, fee,
validity, requirements), so the published Standar Pelayanan cannot drift from behaviour;
the data file may still override any component.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from silek_app.domain.catalog_types import CONDITION_LABELS, STANDARD_COMPONENTS, Requirement
from silek_app.domain.jenis import JENIS_LABELS

_STANDARD_KEYS = frozenset(k for k, _ in STANDARD_COMPONENTS)

_WORDS = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)


def terbilang(n: int) -> str:
    """Indonesian number words, as written in official texts: 14 -> 'empat belas'."""
    if n < 12:
        return _WORDS[n]
    if n < 20:
        return f"{_WORDS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_WORDS[tens]} puluh" + (f" {_WORDS[rest]}" if rest else "")
    return str(n)  # no SLA or validity in the catalogue comes near a hundred


def _validity_text(months: int | None) -> str:
    if not months:
        return "tidak dibatasi waktu"
    if months % 12 == 0:
        return f"{months // 12} ({terbilang(months // 12)}) tahun"
    return f"{months} ({terbilang(months)}) bulan"


def _numbered(lines: Iterable[str]) -> str:
    return "\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1))


def _requirements_text(reqs: Iterable[Requirement], jenis_allowed: Iterable[str]) -> str:
    def line(r: Requirement) -> str:
        notes = [CONDITION_LABELS.get(r.condition, r.condition)] if r.condition else []
        notes += [] if r.mandatory else ["jika ada atau diperlukan"]
        return r.name + (f" ({'; '.join(notes)})" if notes else "")

    reqs = tuple(reqs)
    return "\n\n".join(
        f"{JENIS_LABELS.get(j, j)}:\n{_numbered(line(r) for r in reqs if r.applies_to(j))}"
        for j in jenis_allowed
    )


def _dict(value: Any) -> dict:
    # Same forgiving read as the loader's: a malformed layer counts as empty, and the
    # problem is reported where the layer is checked, not here.
    return value if isinstance(value, dict) else {}


def build_standard(
    raw: dict, f: dict, overrides: list[Any], where: str, problems: list[str]
) -> dict[str, str]:
    """The 14 components for one service's fields `f`, then the override layers in order.

    Broken text templates or unknown component keys are appended to `problems`, so the
    loader can report them together with every other problem in the file.
    """
    texts = _dict(_dict(raw.get("defaults")).get("texts"))
    fee = f["fee"]
    values = {
        "sla_days": f["sla_days"],
        "sla_words": terbilang(max(f["sla_days"], 0)),
        "fee_rupiah": f"Rp{fee:,}".replace(",", "."),
        "fee_note": f["fee_note"],
        "product": f["product"],
        "validity": _validity_text(f["validity_months"]),
        "channels": _numbered(f["complaint_channels"]),
    }

    def fill(key: str) -> str:
        template = texts.get(key)
        try:
            return template.format(**values).strip()
        except (AttributeError, KeyError, IndexError, ValueError):
            problems.append(f"{where}: templat teks defaults.texts.{key} tidak ada atau rusak.")
            return ""

    values["fee_text"] = fill("biaya_gratis" if fee == 0 else "biaya_berbayar")
    standard = {
        "persyaratan": _requirements_text(f["requirements"], f["jenis_allowed"]),
        "prosedur": _dict(raw.get("procedures")).get(f["workflow"], ""),
        "jangka_waktu": fill("jangka_waktu"),
        "biaya": fill("biaya"),
        "produk": fill("produk"),
        "pengaduan": fill("pengaduan"),
        "dasar_hukum": _numbered(f["legal_basis"]),
    }
    for layer in (_dict(x) for x in overrides):
        layer = {k: v for k, v in layer.items() if not k.startswith("_")}
        for key in sorted(set(layer) - _STANDARD_KEYS):
            problems.append(f"{where}: komponen standar pelayanan '{key}' tidak dikenal.")
        standard.update((k, v) for k, v in layer.items() if k in _STANDARD_KEYS)
    return {k: standard.get(k, "") for k, _ in STANDARD_COMPONENTS}
