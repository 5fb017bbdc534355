"""Password policy (NIST SP 800-63B, OWASP ASVS 6.2).

Length is what matters, so there are no composition rules (no "must contain a
digit/capital/symbol"), passphrases with spaces and any Unicode are welcome,
and nothing is stripped or truncated. What is refused: too short or too long,
values from the common-password list, a common or local word merely padded
with digits or symbols ("solok12345678", "Silek2025!!!!"), trivial patterns
("aaaaaaaaaaaa", "123456789012", "qwertyuiopas"), and passwords that contain
the user's own data (name parts, email local part, NIK).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

MIN_LENGTH = 12
MAX_LENGTH = 128

COMMON_PASSWORDS_PATH = Path(__file__).with_name("data") / "common_passwords.txt"

# Context values shorter than this are too likely to appear by chance inside a
# good passphrase (e.g. a 3-letter name), so they are not checked.
_MIN_CONTEXT_TOKEN = 4

MSG_EMPTY = "Kata sandi wajib diisi."
MSG_TOO_SHORT = "Kata sandi terlalu pendek: minimal {min} karakter (saat ini {count} karakter)."
MSG_TOO_LONG = "Kata sandi terlalu panjang: maksimal {max} karakter."
MSG_COMMON = (
    "Kata sandi ini terlalu umum dan mudah ditebak. Gunakan gabungan beberapa kata yang "
    "tidak berhubungan, misalnya frasa pendek yang hanya Anda ketahui."
)
MSG_PADDED = (
    "Kata sandi terlalu mudah ditebak: kata umum yang hanya ditambah angka atau simbol "
    "(misalnya 'solok2025!!') tetap mudah ditebak. Gunakan frasa yang lebih unik."
)
MSG_PATTERN = (
    "Kata sandi tidak boleh berupa karakter berulang atau urutan sederhana seperti "
    "'aaaa', '1234', 'abcd', atau 'qwerty'."
)
MSG_CONTEXT = (
    "Kata sandi terlalu mudah ditebak: jangan gunakan nama, email, NIK, atau kata umum "
    "seperti 'solok'."
)

# Sequences people type instead of choosing a password. Digits are treated as
# cyclic ("...7890123...") and every sequence is also checked reversed.
_SEQUENCES = (
    "0123456789",
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
    "1234567890qwertyuiop",
    "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p",
    "qazwsxedcrfvtgbyhnujmikolp",
    "zaq1xsw2cde3vfr4bgt5nhy6mju7",
)

# Common look-alike substitutions ("p@ssw0rd"). Digits are only mapped inside a
# word, never at its ends, so "solok2025" keeps its padding recognisable.
_LEET_SYMBOLS = str.maketrans({"@": "a", "$": "s", "!": "i", "|": "l", "€": "e"})
_LEET_DIGITS = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"})
_NON_ALNUM_RE = re.compile(r"[\W_]+", re.UNICODE)


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The blocklist, loaded once. Lines starting with '#' are comments."""
    words: set[str] = set()
    with COMMON_PASSWORDS_PATH.open(encoding="utf-8") as handle:
        for line in handle:
            word = line.strip()
            if word and not word.startswith("#"):
                words.add(word.casefold())
    return frozenset(words)


def _normalize(text: str) -> str:
    # NFKC folds full-width and compatibility forms, so a full-width "solok" is caught too.
    return unicodedata.normalize("NFKC", text).casefold()


def _is_sequence(text: str) -> bool:
    if len(text) < 4:
        return False
    for seq in _SEQUENCES:
        for candidate in (seq, seq[::-1]):
            cyclic = candidate * (len(text) // len(candidate) + 2)
            if text in cyclic:
                return True
    return False


def _repeated_unit(text: str) -> str | None:
    """The shortest unit u with text == u * k (k >= 2), or None."""
    for size in range(1, len(text) // 2 + 1):
        if len(text) % size == 0 and text[:size] * (len(text) // size) == text:
            return text[:size]
    return None


def _is_trivial(text: str) -> bool:
    """Repeated characters, short repeated units, or keyboard/alphabet sequences."""
    if not text:
        return False
    if len(set(text)) <= 2 and len(text) >= 4:
        return True
    unit = _repeated_unit(text)
    if unit is not None and (len(unit) <= 3 or _is_sequence(unit)):
        return True
    return _is_sequence(text)


def _is_common_word(word: str) -> bool:
    """Word is in the list, or is a common word repeated ("passwordpassword")."""
    if len(word) < 3:
        return False
    common = common_passwords()
    if word in common:
        return True
    unit = _repeated_unit(word)
    return unit is not None and unit in common


def _strip_padding(text: str) -> str:
    """Drop leading and trailing characters that are not letters."""
    start, end = 0, len(text)
    while start < end and not text[start].isalpha():
        start += 1
    while end > start and not text[end - 1].isalpha():
        end -= 1
    return text[start:end]


def _word_candidates(compact: str) -> set[str]:
    """Possible "base words" of a password once padding and leetspeak are removed."""
    core = _strip_padding(compact)
    symbol_core = _strip_padding(compact.translate(_LEET_SYMBOLS))
    candidates = {
        core,
        core.translate(_LEET_SYMBOLS).translate(_LEET_DIGITS),
        symbol_core.translate(_LEET_DIGITS),
        "".join(ch for ch in compact if ch.isalpha()),
    }
    candidates.discard("")
    return candidates


def _context_tokens(context: Iterable[str]) -> set[str]:
    tokens: set[str] = set()
    for value in context:
        if not value:
            continue
        text = _normalize(str(value)).strip()
        if "@" in text:
            # Only the local part of an email identifies the user; the domain
            # ("gmail") is shared by everyone.
            text = text.split("@", 1)[0]
        compact = re.sub(r"\s+", "", text)
        if len(compact) >= _MIN_CONTEXT_TOKEN:
            tokens.add(compact)
        for part in _NON_ALNUM_RE.split(text):
            if len(part) >= _MIN_CONTEXT_TOKEN:
                tokens.add(part)
    return tokens


def password_problem(password: str, *, context: Iterable[str] = ()) -> str | None:
    """Return an Indonesian message explaining why ``password`` is refused, or None.

    ``context`` holds values about the user that must not appear in the
    password: full name, email address, NIK, username. Name parts shorter than
    4 characters are ignored.
    """
    if not password:
        return MSG_EMPTY
    # Count user-perceived characters the same way however they were typed:
    # NFC joins "e" + combining accent into one character, and never counts bytes.
    length = len(unicodedata.normalize("NFC", password))
    if length < MIN_LENGTH:
        return MSG_TOO_SHORT.format(min=MIN_LENGTH, count=length)
    if length > MAX_LENGTH:
        return MSG_TOO_LONG.format(max=MAX_LENGTH)

    text = _normalize(password)
    compact = re.sub(r"\s+", "", text)
    common = common_passwords()
    if not compact or _is_trivial(compact):  # "not compact": only whitespace
        return MSG_PATTERN
    if text in common or compact in common:
        return MSG_COMMON

    # Digits only, so a NIK typed in groups ("1372-0112-...") is still found.
    digits = "".join(ch for ch in compact if ch.isdigit())
    for token in _context_tokens(context):
        if token in compact or (token.isdigit() and token in digits):
            return MSG_CONTEXT

    candidates = _word_candidates(compact)
    if any(_is_common_word(c) for c in candidates):
        return MSG_PADDED
    if any(len(c) >= 3 and _is_trivial(c) for c in candidates):
        return MSG_PATTERN
    return None


def is_acceptable(password: str, *, context: Iterable[str] = ()) -> bool:
    """Convenience wrapper: True when :func:`password_problem` finds nothing."""
    return password_problem(password, context=context) is None
