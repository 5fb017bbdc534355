"""Survei Kepuasan Masyarakat (SKM) and its index (IKM), PermenPANRB 14/2017.

Nine unsur in the order of the 2017 regulation (pengaduan 8th, sarana 9th), each
answered on a 1-4 scale (domain.md §4). The index:

* NRR_i = mean of the answers to unsur i;
* IKM = sum of NRR_i x 1/9 (the weight is exactly 1/9; "0.111" is only a label);
* IKM unit pelayanan = IKM x 25, rounded half up to 2 decimals only at the end;
* grade on that printed value: >= 88.31 A, >= 76.61 B, >= 65.00 C, otherwise D.

Arithmetic runs on fractions, so no intermediate rounding can move a result
across a band boundary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

SCALE = (1, 2, 3, 4)
WEIGHT = Fraction(1, 9)
CONVERSION = 25
SUGGESTION_MAX = 1000

# (lowest converted value, grade, kinerja unit), highest band first.
BANDS: tuple[tuple[Decimal, str, str], ...] = (
    (Decimal("88.31"), "A", "Sangat baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang baik"),
    (Decimal("0"), "D", "Tidak baik"),
)

# Optional respondent profile (template of the regulation's annex).
GENDERS = {"L": "Laki-laki", "P": "Perempuan"}
EDUCATIONS = ("SD", "SMP", "SMA", "D3", "S1", "S2", "S3")
OCCUPATIONS = ("PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Lainnya")


@dataclass(frozen=True)
class Unsur:
    code: str
    label: str
    question: str
    answers: tuple[str, str, str, str]  # labels of scores 1, 2, 3, 4


UNSUR: tuple[Unsur, ...] = (
    Unsur("U1", "Persyaratan",
          "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan "
          "jenis pelayanannya?",
          ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    Unsur("U2", "Sistem, mekanisme, dan prosedur",
          "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
          ("Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah")),
    Unsur("U3", "Waktu penyelesaian",
          "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
          ("Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat")),
    Unsur("U4", "Biaya/tarif",
          "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
          ("Sangat mahal", "Cukup mahal", "Murah", "Gratis")),
    Unsur("U5", "Produk spesifikasi jenis pelayanan",
          "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang "
          "tercantum dalam standar pelayanan dengan hasil yang diberikan?",
          ("Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai")),
    Unsur("U6", "Kompetensi pelaksana",
          "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
          ("Tidak kompeten", "Kurang kompeten", "Kompeten", "Sangat kompeten")),
    Unsur("U7", "Perilaku pelaksana",
          "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait "
          "kesopanan dan keramahan?",
          ("Tidak sopan dan ramah", "Kurang sopan dan ramah", "Sopan dan ramah",
           "Sangat sopan dan ramah")),
    Unsur("U8", "Penanganan pengaduan, saran dan masukan",
          "Bagaimana pendapat Saudara tentang penanganan pengaduan, saran, dan masukan "
          "pengguna layanan?",
          ("Tidak ada", "Ada tetapi tidak berfungsi", "Berfungsi kurang maksimal",
           "Dikelola dengan baik")),
    Unsur("U9", "Sarana dan prasarana",
          "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana pelayanan?",
          ("Buruk", "Cukup", "Baik", "Sangat baik")),
)  # fmt: skip


@dataclass(frozen=True)
class IkmResult:
    nrr: tuple[float, ...]  # NRR per unsur, U1..U9 (unrounded)
    ikm_raw: float  # on the 1-4 scale (unrounded)
    ikm: float  # x 25, rounded half up to 2 decimals
    grade: str  # A / B / C / D
    label: str  # Sangat baik / Baik / Kurang baik / Tidak baik
    respondents: int


def validate_answers(values: Sequence[object]) -> list[int]:
    """Nine whole scores 1..4, in unsur order; ValueError (Indonesian) otherwise.

    Digit strings ("3") are accepted because form values arrive as text; bools,
    floats and anything else are refused.
    """
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise ValueError("Jawaban survei tidak valid.")
    if len(values) != len(UNSUR):
        raise ValueError(
            f"Jawab semua {len(UNSUR)} pertanyaan survei (terisi {len(values)} dari {len(UNSUR)})."
        )
    out: list[int] = []
    for unsur, raw in zip(UNSUR, values, strict=True):
        value = raw.strip() if isinstance(raw, str) else raw
        if isinstance(value, str) and value.isdigit():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or value not in SCALE:
            raise ValueError(
                f"Jawaban untuk \u201c{unsur.label}\u201d harus berupa nilai 1 sampai 4."
            )
        out.append(value)
    return out


def round_half_up(value: Fraction, places: int = 2) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def grade(converted: float | Decimal | str) -> tuple[str, str]:
    """(grade, kinerja) of a converted value on the 25-100 scale, e.g. 88.31 -> A."""
    value = Decimal(str(converted))
    for lowest, letter, label in BANDS:
        if value >= lowest:
            return letter, label
    return BANDS[-1][1], BANDS[-1][2]


def ikm(responses: Sequence[Sequence[int]]) -> IkmResult:
    """The index of a set of complete responses (each 9 scores, U1..U9).

    An empty set has no index and is refused: "no respondents" is not grade D.
    """
    if not responses:
        raise ValueError("Belum ada jawaban survei untuk dihitung.")
    rows = [validate_answers(r) for r in responses]
    return ikm_from_totals([sum(col) for col in zip(*rows, strict=True)], len(rows))


def ikm_from_totals(totals: Sequence[int], count: int) -> IkmResult:
    """The index from the integer sum of the answers to each unsur and the respondent count.

    Bulk figures (thousands of responses grouped in SQL or pandas) arrive as sums;
    NRR_i = totals[i] / count exactly, so the result equals :func:`ikm` on the rows.
    """
    if count <= 0:
        raise ValueError("Belum ada jawaban survei untuk dihitung.")
    if len(totals) != len(UNSUR):
        raise ValueError(f"Jumlah nilai harus {len(UNSUR)} unsur.")
    nrr = [Fraction(int(total), count) for total in totals]
    raw = sum((n * WEIGHT for n in nrr), Fraction(0))
    converted = round_half_up(raw * CONVERSION)
    letter, label = grade(converted)
    return IkmResult(
        nrr=tuple(float(n) for n in nrr),
        ikm_raw=float(raw),
        ikm=float(converted),
        grade=letter,
        label=label,
        respondents=count,
    )


def profile_problem(gender: str | None, education: str | None, occupation: str | None) -> str:
    """Indonesian message for an unknown optional profile answer, or "" when fine."""
    if gender and gender not in GENDERS:
        return "Pilihan jenis kelamin tidak dikenal."
    if education and education not in EDUCATIONS:
        return "Pilihan pendidikan tidak dikenal."
    if occupation and occupation not in OCCUPATIONS:
        return "Pilihan pekerjaan tidak dikenal."
    return ""
