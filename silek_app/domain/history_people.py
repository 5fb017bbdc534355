"""The people of a demo history: applicants with valid NIKs, and what they typed in the form.

Some applicants come back (a renewal, a second practice place), so a share of
files reuses an earlier applicant of the same service. Every NIK passes
nik.parse_nik and encodes the applicant's birth date and sex; emails are unique
and all on DEMO_EMAIL_DOMAIN, which is how the generator recognises its own data.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

from silek_app.domain.catalog_types import Service
from silek_app.domain.history_config import OUTSIDE, HistoryConfig
from silek_app.domain.nik import parse_nik
from silek_app.domain.wilayah import get_kelurahan

DEMO_EMAIL_DOMAIN = "riwayat.demo.silek.id"
_REPEAT_POOL = 3000  # recent applicants per service that may come back
# Regencies around Kota Solok for applicants living outside the city.
_OUTSIDE_REGENCIES = ("1302", "1371", "1303", "1304", "1306")
_MOSTLY_FEMALE = {"bidan": 0.99, "perawat": 0.7, "tenaga_gizi": 0.8, "apoteker": 0.7}
_TITLES = {
    "dokter": "dr. {n}", "dokter_spesialis": "dr. {n}, Sp.PD", "dokter_gigi": "drg. {n}",
    "dokter_gigi_spesialis": "drg. {n}, Sp.KG", "bidan": "{n}, A.Md.Keb",
    "perawat": "Ns. {n}, S.Kep", "apoteker": "apt. {n}, S.Farm", "fisioterapis": "{n}, A.Md.Ftr",
}  # fmt: skip
_MOBILE = (12, 13, 21, 22, 52, 53, 77, 81)  # operator prefixes after "08"
_SLUG_RE = re.compile(r"[^a-z]+")


@dataclass(frozen=True)
class PlannedApplicant:
    key: int
    nik: str
    full_name: str
    name_on_permit: str
    is_female: bool
    birth_date: dt.date
    birth_place: str
    address: str
    kelurahan_code: str | None  # None: lives outside Kota Solok
    phone: str
    email: str
    profession: str | None
    str_number: str | None
    nib: str | None


class PeoplePlanner:
    def __init__(
        self,
        rng: random.Random,
        config: HistoryConfig,
        offset: int,
        taken_niks: frozenset[str],
        today: dt.date,
    ) -> None:
        self.rng, self.config, self.today = rng, config, today
        self.next_key = offset
        self.niks: set[str] = set(taken_niks)
        self.recent: dict[str, list[PlannedApplicant]] = {}
        self.count = 0

    def applicant(self, service: Service, kelurahan: str | None) -> tuple[PlannedApplicant, bool]:
        """(applicant, is_new) for one file of ``service``."""
        pool = self.recent.setdefault(service.code, [])
        if pool and self.rng.random() < self.config.repeat_applicant_share:
            return self.rng.choice(pool), False
        person = self._new(service, kelurahan)
        pool.append(person)
        if len(pool) > _REPEAT_POOL:
            pool.pop(0)
        return person, True

    def _nik(self, kelurahan: str | None, birth: dt.date, female: bool) -> str:
        rng = self.rng
        if kelurahan:
            region = kelurahan.replace(".", "")[:6]
        else:
            region = f"{rng.choice(_OUTSIDE_REGENCIES)}{rng.randint(1, 9):02d}"
        day = birth.day + (40 if female else 0)
        while True:
            nik = f"{region}{day:02d}{birth:%m%y}{rng.randint(1, 9999):04d}"
            if nik not in self.niks:
                self.niks.add(nik)
                return nik

    def _new(self, service: Service, kelurahan: str | None) -> PlannedApplicant:
        rng, c = self.rng, self.config
        self.next_key += 1
        self.count += 1
        key = self.next_key
        female = rng.random() < _MOSTLY_FEMALE.get(service.profession or "", 0.5)
        first = rng.choice(c.first_names_female if female else c.first_names_male)
        name = f"{first} {rng.choice(c.last_names)}"
        birth = self.today - dt.timedelta(days=rng.randint(23 * 365, 58 * 365))
        nik = self._nik(kelurahan, birth, female)
        parse_nik(nik, today=self.today)  # a generated NIK must pass the real rules
        title = _TITLES.get(service.profession or "", "{n}")
        kel = get_kelurahan(kelurahan) if kelurahan else None
        place = f"Kel. {kel.name}, Kec. {kel.kecamatan_name}, Kota Solok" if kel else "Kab. Solok"
        address = f"{rng.choice(c.streets)} No. {rng.randint(1, 180)}, {place}"
        slug = _SLUG_RE.sub("", name.lower())
        return PlannedApplicant(
            key=key,
            nik=nik,
            full_name=name,
            name_on_permit=title.format(n=name),
            is_female=female,
            birth_date=birth,
            birth_place=rng.choice(c.birth_places),
            address=address,
            kelurahan_code=kelurahan,
            phone=f"08{rng.choice(_MOBILE)}{rng.randint(0, 99_999_999):08d}",
            email=f"{slug}.{key}@{DEMO_EMAIL_DOMAIN}",
            profession=service.profession,
            str_number=f"{rng.randint(10, 99)}{rng.randint(0, 10**14 - 1):014d}"
            if service.profession
            else None,
            nib=f"{rng.randint(1, 9)}{rng.randint(0, 10**12 - 1):012d}"
            if service.category in {"FAS", "PS"}
            else None,
        )


def form_sections(
    rng: random.Random, config: HistoryConfig, service: Service, who: PlannedApplicant
) -> dict:
    """The minimal form an applicant of this service fills in, as application_form shapes it."""
    kel = who.kelurahan_code or OUTSIDE
    pemohon = {
        "name_on_permit": who.name_on_permit, "birth_place": who.birth_place,
        "birth_date": who.birth_date.isoformat(), "address": who.address,
        "kelurahan_code": kel, "phone": who.phone, "email": who.email,
    }  # fmt: skip
    sections: dict[str, dict[str, str]] = {"pemohon": pemohon}
    # Premises are in the city even when the applicant lives outside it.
    site = who.kelurahan_code or rng.choice(
        tuple(k for k in config.kelurahan_weights if k != OUTSIDE)
    )
    site_address = f"{rng.choice(config.streets)} No. {rng.randint(1, 180)}"
    if service.category == "NON":
        sections["reklame"] = {
            "reklame_type": rng.choice(("Papan nama", "Billboard", "Neon box", "Baliho")),
            "reklame_size": rng.choice(("1 x 2", "2 x 3", "4 x 6", "5 x 10")),
            "reklame_location": site_address, "reklame_kelurahan": site,
            "reklame_text": f"Promosi usaha milik {who.full_name}",
            "reklame_months": str(rng.choice((3, 6, 12))),
        }  # fmt: skip
    elif service.category == "TK":
        if who.str_number:
            sections["profesi"] = {"str_number": who.str_number, "str_lifetime": "1",
                                   "str_valid_until": ""}  # fmt: skip
        sections["tempat_praktik"] = {
            "practice_name": rng.choice(("Praktik Mandiri", "Klinik Pratama Sehat Bersama",
                                         "RSUD M. Natsir", "Puskesmas Tanah Garam",
                                         "Puskesmas KTK", "Apotek Kurnia Farma")),
            "practice_address": site_address, "practice_kelurahan": site,
            "practice_hours": "Senin-Jumat 16.00-21.00",
        }  # fmt: skip
    else:
        sections["usaha"] = {
            "business_name": f"{service.name.split()[-1]} {who.full_name.split()[-1]}",
            "nib": who.nib or "", "business_address": site_address,
            "business_kelurahan": site, "responsible_person": who.full_name,
        }  # fmt: skip
    return {"sections": sections, "done": list(sections)}
