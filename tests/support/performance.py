"""Helpers for the /kinerja tests: files driven to TERBIT through the service layer."""

from __future__ import annotations

# Applicants of their own, so these tests never collide with the people other e2e
# files register on the shared server.
APPLICANTS = (  # NIK (birth date encoded), name, email, phone, birth date
    (
        "1372021807890011",
        "Rahmat Kinerja",
        "rahmat.kinerja@contoh.id",
        "081266011111",
        "1989-07-18",
    ),
    ("1372025309920012", "Sari Kinerja", "sari.kinerja@contoh.id", "081266012222", "1992-09-13"),
    ("1372020203850013", "Arif Kinerja", "arif.kinerja@contoh.id", "081266013333", "1985-03-02"),
)
FLOW = (
    ("fo", "TERIMA_BERKAS"),
    ("fo", "TERUSKAN_VERIFIKASI_TEKNIS"),
    ("teknis", "TERBITKAN_REKOMENDASI"),
    ("bo", "AJUKAN_TTE"),
    ("kadis", "TANDATANGANI"),
)
DEMO_PASSWORD = "Rendang-Bareh-Sawah"  # noqa: S105 (the published demo password)


def issue_files(issued: int, open_files: int, answers: list[int]) -> list[str]:
    """Submit issued + open SIPB files; the issued ones go to TERBIT and answer the SKM."""
    from silek_app.services import accounts, officer_actions, skm
    from silek_app.services.accounts import Registration
    from tests.support.officer_queue import submit_sipb
    from tests.unit.test_applications import PASSWORD

    office = {k: accounts.login(f"{k}@demo.silek.id", DEMO_PASSWORD) for k in
              ("fo", "teknis", "bo", "kadis")}  # fmt: skip
    references = []
    for n in range(issued + open_files):
        nik, name, email, phone, _ = APPLICANTS[n]
        accounts.register(Registration(nik, name, email, phone, PASSWORD, PASSWORD))
        token = accounts.login(email, PASSWORD)
        reference = submit_sipb(token, APPLICANTS[n], f"kinerja-{n}")
        if n < issued:
            for who, action in FLOW:
                officer_actions.act(office[who], reference, action)
            skm.submit_survey(token, reference, answers)
        references.append(reference)
    return references
