"""Password policy: length, blocklist, padded words, patterns, context."""

from __future__ import annotations

import pytest

from silek_app.domain.passwords import (
    MAX_LENGTH,
    MIN_LENGTH,
    MSG_CONTEXT,
    MSG_PATTERN,
    common_passwords,
    is_acceptable,
    password_problem,
)

# Words that show a message is Indonesian rather than English.
_INDONESIAN_MARKERS = ("kata sandi", "karakter", "mudah ditebak", "jangan", "tidak boleh")


def _is_indonesian(message: str | None) -> bool:
    return message is not None and any(m in message.lower() for m in _INDONESIAN_MARKERS)


def test_limits() -> None:
    assert MIN_LENGTH == 12
    assert MAX_LENGTH == 128


def test_empty_and_short_refused() -> None:
    assert password_problem("") == "Kata sandi wajib diisi."
    message = password_problem("Gu7!kLp0q_R")  # 11 characters
    assert message is not None
    assert "minimal 12 karakter" in message


def test_exactly_twelve_accepted_when_not_common() -> None:
    assert password_problem("Gu7!kLp0q_Ra") is None


def test_long_passwords() -> None:
    phrase = "pagi ini saya minum kopi kawa daun di pinggir danau singkarak yang tenang"
    assert len(phrase) >= 64
    assert password_problem(phrase) is None
    ok = "".join(chr(ord("a") + (i * 7) % 26) for i in range(MAX_LENGTH))
    assert password_problem("Q" + ok[1:]) is None
    too_long = password_problem("Q" + ok)  # 129 characters
    assert too_long is not None
    assert "maksimal 128 karakter" in too_long


def test_length_counts_characters_not_bytes() -> None:
    # 12 characters, 36 bytes in UTF-8: must be judged as 12 characters.
    assert password_problem("日本の桜が美しい春の朝だ") is None
    # 11 multi-byte characters are still too short.
    assert password_problem("日本の桜が美しい春の朝") is not None


def test_unicode_passphrases_accepted() -> None:
    for phrase in (
        "rumah gadang di tepi danau",
        "Kuda-lari-di-sawah-pagi",
        "aku suka kopi kawa daun ☕",
        "ñandú corre rápido hoy",
    ):
        assert password_problem(phrase) is None, phrase


def test_whitespace_only_refused() -> None:
    assert password_problem(" " * 12) == MSG_PATTERN


def test_no_composition_rules() -> None:
    assert password_problem("pohon kelapa melambai") is None  # lowercase letters only


@pytest.mark.parametrize(
    "password",
    [
        "solok12345678",
        "Silek2025!!!!",
        "SOLOK2026!!!!",
        "kotasolok2025",
        "P@ssw0rd2024!!",
        "passwordpassword",
        "bismillah123456",
        "Indonesia2025!",
        "dpmptsp!!!!!!!",
        "***minang2025***",
        "password1234",
        "iloveyou1234",
    ],
)
def test_common_and_padded_words_refused(password: str) -> None:
    message = password_problem(password)
    assert message is not None, password
    assert _is_indonesian(message)


@pytest.mark.parametrize(
    "password",
    [
        "aaaaaaaaaaaa",
        "123456789012",
        "abcdefghijkl",
        "qwertyuiopas",
        "987654321098",
        "abababababab",
        "1qaz2wsx3edc",
        "zzzz2025!!!!",
    ],
)
def test_trivial_patterns_refused(password: str) -> None:
    assert password_problem(password) == MSG_PATTERN


def test_context_values_refused() -> None:
    context = ("Budi Santoso", "bsantoso88@gmail.com", "1372011203850001")
    for password in (
        "budi suka kopi pagi",  # first name
        "kopi pagi SANTOSO!",  # surname, any case
        "bsantoso88-rahasia-kuat",  # email local part
        "nik 1372011203850001 aman",  # NIK
        "nik 1372-0112-0385-0001 aman",  # NIK typed in groups
    ):
        assert password_problem(password, context=context) == MSG_CONTEXT, password
    assert "nama, email, NIK" in MSG_CONTEXT
    # The same passphrase is fine for someone else, and short name parts are ignored.
    assert password_problem("budi suka kopi pagi") is None
    assert password_problem("ani suka kopi pagi", context=("Ani Rahma",)) is None


def test_email_domain_is_not_context() -> None:
    assert password_problem("gmail bukan nama saya", context=("x.y@gmail.com",)) is None


def test_all_messages_are_indonesian() -> None:
    samples = [
        "",
        "pendek",
        "x" * 129,
        "solok12345678",
        "aaaaaaaaaaaa",
        "123456789012",
        "password1234",
    ]
    for sample in samples:
        assert _is_indonesian(password_problem(sample)), sample
    assert _is_indonesian(password_problem("budi suka kopi pagi", context=("Budi",)))


def test_common_list_is_loaded_and_large() -> None:
    words = common_passwords()
    assert len(words) >= 3000
    for word in (
        "123456",
        "password",
        "qwerty",
        "iloveyou",
        "sayang",
        "bismillah",
        "indonesia",
        "rahasia",
        "merdeka",
        "katasandi",
        "cinta",
        "solok",
        "silek",
        "dpmptsp",
        "kotasolok",
        "minangkabau",
        "sumaterabarat",
        "perizinan",
        "puskesmas",
    ):
        assert word in words, word
    assert all(w == w.lower() and w.strip() == w for w in words)
    assert common_passwords() is words  # cached


def test_is_acceptable() -> None:
    assert is_acceptable("rumah gadang di tepi danau")
    assert not is_acceptable("solok12345678")
