"""Unit tests write uploaded and generated files into a folder of their own."""

import pytest

from silek_app import settings


@pytest.fixture(autouse=True)
def storage_dir(tmp_path, monkeypatch):
    path = tmp_path / "berkas"
    monkeypatch.setattr(settings, "STORAGE_DIR", path)
    return path
