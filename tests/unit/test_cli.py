"""The admin command line: python -m silek_app ..."""

import pytest

from silek_app.__main__ import main
from silek_app.services import accounts


def test_users_create_list_set_role(db, capsys):
    assert main(["users", "create", "bo2@contoh.id", "Yusrizal Chaniago", "back_office",
                 "--password", "batang-lembang-mengalir"]) == 0  # fmt: skip
    assert "Akun dibuat" in capsys.readouterr().out
    assert main(["users", "list"]) == 0
    out = capsys.readouterr().out
    assert "bo2@contoh.id" in out and "back_office" in out
    assert main(["users", "set-role", "bo2@contoh.id", "kepala_dinas"]) == 0
    assert main(["users", "list", "--role", "kepala_dinas"]) == 0
    assert "bo2@contoh.id" in capsys.readouterr().out
    token = accounts.login("bo2@contoh.id", "batang-lembang-mengalir")
    assert accounts.current_user(token).role == "kepala_dinas"


def test_cli_errors_are_indonesian_and_exit_1(db, capsys):
    assert main(["users", "set-role", "tidakada@contoh.id", "admin"]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    assert main(["users", "create", "x@contoh.id", "Nama Orang", "admin",
                 "--password", "pendek"]) == 1  # fmt: skip
    assert "Gagal" in capsys.readouterr().err


def test_unknown_role_is_refused_by_argparse(db):
    with pytest.raises(SystemExit):
        main(["users", "create", "x@contoh.id", "Nama", "raja", "--password", "x"])


def test_seed_is_idempotent(db, capsys):
    assert main(["seed"]) == 0
    first = capsys.readouterr().out
    assert "layanan_diperbarui=37" in first
    assert main(["seed"]) == 0
    assert "akun_demo=0" in capsys.readouterr().out


def test_catalog_check(capsys):
    assert main(["catalog", "check"]) == 0
    assert "37 layanan" in capsys.readouterr().out
