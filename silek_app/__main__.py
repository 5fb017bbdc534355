"""Admin command line: `python -m silek_app <command>`.

seed                      migrate, load the catalog, seed demo accounts (new DB)
migrate                   apply database migrations only
catalog check             validate the catalog data file without touching the DB
users create EMAIL NAME ROLE [--password P] [--phone HP]
users list [--role ROLE]
users set-role EMAIL ROLE
eskalasi                  run the SLA escalation / deemed-approval job once
demo --applications N --since YYYY-MM-DD [--until D] [--seed S] [--if-empty] [--force]
                          generate a realistic demo history (analytics on a new DB)
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys

from silek_app.domain.roles import ASSIGNABLE_ROLES


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m silek_app", description="Administrasi SILEK")
    sub = p.add_subparsers(dest="command", required=True)
    seed = sub.add_parser("seed", help="migrasi, muat katalog, buat akun demo (DB baru)")
    seed.add_argument("--no-demo", action="store_true", help="jangan buat akun demo")
    sub.add_parser("migrate", help="terapkan migrasi basis data")
    cat = sub.add_parser("catalog", help="katalog layanan")
    cat.add_argument("action", choices=["check"])
    users = sub.add_parser("users", help="kelola akun")
    usub = users.add_subparsers(dest="action", required=True)
    create = usub.add_parser("create", help="buat akun petugas/pimpinan/admin")
    create.add_argument("email")
    create.add_argument("name")
    create.add_argument("role", choices=sorted(r.value for r in ASSIGNABLE_ROLES))
    create.add_argument("--password", help="bila kosong, dibaca dari SILEK_PASSWORD atau ditanya")
    create.add_argument("--phone", default="")
    lst = usub.add_parser("list", help="daftar akun")
    lst.add_argument("--role", choices=sorted(r.value for r in ASSIGNABLE_ROLES))
    setrole = usub.add_parser("set-role", help="ubah peran (sesi aktif diakhiri)")
    setrole.add_argument("email")
    setrole.add_argument("role", choices=sorted(r.value for r in ASSIGNABLE_ROLES))
    sub.add_parser("eskalasi", help="jalankan sekali eskalasi SLA dan persetujuan otomatis")
    demo = sub.add_parser("demo", help="buat riwayat permohonan demo yang realistis")
    demo.add_argument("--applications", type=int, required=True, help="jumlah permohonan")
    demo.add_argument("--since", type=_date, required=True, help="tanggal mulai (YYYY-MM-DD)")
    demo.add_argument("--until", type=_date, help="tanggal akhir (bawaan: hari ini)")
    demo.add_argument("--seed", type=int, default=2026, help="benih acak (hasil sama per benih)")
    demo.add_argument("--if-empty", action="store_true", help="lewati bila sudah ada permohonan")
    demo.add_argument("--force", action="store_true", help="tetap buat walau ada data nyata")
    return p


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"Tanggal '{text}' tidak valid; gunakan YYYY-MM-DD."
        ) from None


def _demo(args: argparse.Namespace) -> None:
    from silek_app.services import demo_history

    if args.if_empty and demo_history.application_count():
        print("Basis data sudah berisi permohonan; riwayat demo tidak dibuat.")
        return
    summary = demo_history.generate(
        args.applications, args.since, args.until, args.seed, force=args.force
    )
    statuses = summary.pop("statuses")
    seconds = summary.pop("seconds")
    for key, value in summary.items():
        print(f"{key:>14}: {value}")
    print("        status: " + ", ".join(f"{k}={v}" for k, v in statuses.items()))
    rate = summary["applications"] / seconds if seconds else 0
    print(f"Selesai dalam {seconds:.1f} detik ({rate:,.0f} permohonan/detik).")


_SUMMARY_LABELS = (
    ("checked", "berkas berjalan diperiksa"),
    ("late", "peringatan SLA terlampaui"),
    ("warnings", "peringatan persetujuan otomatis"),
    ("approved", "izin terbit otomatis"),
    ("notifications", "notifikasi petugas"),
    ("failed", "berkas gagal diproses (lihat log)"),
)


def _read_password(given: str | None) -> str:
    if given:
        return given
    if os.environ.get("SILEK_PASSWORD"):
        return os.environ["SILEK_PASSWORD"]
    first = getpass.getpass("Kata sandi: ")
    if first != getpass.getpass("Ulangi kata sandi: "):
        raise SystemExit("Kata sandi tidak sama.")
    return first


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # Imported late so `--help` works even before the database exists.
    from silek_app.services import bootstrap, users
    from silek_app.services.errors import ServiceError

    try:
        if args.command == "seed":
            counts = bootstrap.bootstrap(seed_demo=False if args.no_demo else None)
            print("Selesai:", ", ".join(f"{k}={v}" for k, v in counts.items()))
        elif args.command == "migrate":
            bootstrap.migrate()
            print("Migrasi selesai.")
        elif args.command == "eskalasi":
            from silek_app.services import escalation

            summary = escalation.run_once()
            for key, label in _SUMMARY_LABELS:
                print(f"{summary[key]:>6}  {label}")
            if summary["failed"]:
                return 1
        elif args.command == "demo":
            _demo(args)
        elif args.command == "catalog":
            from silek_app.domain.catalog import load_catalog

            catalog = load_catalog()
            print(f"Katalog valid: {len(catalog.services)} layanan, {len(catalog.workflows)} alur.")
        elif args.action == "create":
            uid = users.create_user(
                args.email, args.name, args.role, _read_password(args.password), args.phone
            )
            print(f"Akun dibuat (id {uid}).")
        elif args.action == "list":
            for u in users.list_users(args.role):
                state = "aktif" if u.is_active else "nonaktif"
                print(f"{u.id:>5}  {u.email:<34} {u.role:<13} {state:<8} {u.full_name}")
        elif args.action == "set-role":
            users.set_role(args.email, args.role)
            print(f"Peran {args.email} diubah menjadi {args.role}; sesi aktifnya diakhiri.")
    except ServiceError as exc:
        print(f"Gagal: {exc.message}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"Gagal: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
