"""Phone numbers: E.164 with `phonenumbers`, sealed with AES-GCM, found by a keyed HMAC."""

from __future__ import annotations

import pytest
from cryptography.exceptions import InvalidTag

from infra.phones import PhoneVault, normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("07400 123456", "+447400123456"),
        ("+44 7400 123456", "+447400123456"),
        ("(0)7400-123-456", "+447400123456"),
        ("447400123456", "+447400123456"),  # the country code without its +
        ("07700 900123", None),  # Ofcom's range for drama: never a real phone
        ("020 7946 0018", None),  # a London landline takes no texts
        ("12345", None),
        ("not a number", None),
    ],
)
def test_numbers_are_normalised_to_e164_and_must_take_texts(raw: str, expected: str | None) -> None:
    assert normalise(raw, region="GB") == expected


def test_a_sealed_number_opens_only_with_its_key_and_never_looks_the_same_twice() -> None:
    vault = PhoneVault("a" * 40)
    first, second = vault.seal("+447400123456"), vault.seal("+447400123456")
    assert first != second
    assert "7400123456" not in first
    assert vault.open(first) == vault.open(second) == "+447400123456"
    with pytest.raises(InvalidTag):
        PhoneVault("b" * 40).open(first)


def test_the_lookup_hash_is_stable_and_keyed() -> None:
    vault = PhoneVault("a" * 40)
    assert vault.lookup_hash("+447400123456") == vault.lookup_hash("+447400123456")
    assert vault.lookup_hash("+447400123456") != PhoneVault("b" * 40).lookup_hash("+447400123456")
    assert vault.lookup_hash("+447400123456") != vault.lookup_hash("+447400123457")
