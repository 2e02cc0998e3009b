"""Phone numbers: normalised to E.164 with `phonenumbers`, encrypted at rest, found by a keyed HMAC.

One secret (TEXT_PHONE_KEY) gives two keys through HKDF: AES-GCM for the stored number
(a random nonce each time, so equal numbers never look equal in the store) and HMAC-SHA256
for the lookup an inbound text needs (its `From`), which reveals nothing without the key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

import phonenumbers
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_NONCE_BYTES = 12
_TEXTABLE = {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}


def normalise(raw: str, *, region: str) -> str | None:
    """The number in E.164 (+447700900123), or None when it is not a valid number that takes texts."""
    try:
        parsed = phonenumbers.parse(raw.strip(), region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed) or phonenumbers.number_type(parsed) not in _TEXTABLE:
        return None
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


class PhoneVault:
    """Encrypts and finds phone numbers with keys derived from one secret."""

    def __init__(self, secret: str) -> None:
        self._aead = AESGCM(_derive(secret, b"phone-encryption"))
        self._lookup_key = _derive(secret, b"phone-lookup")

    def seal(self, e164: str) -> str:
        nonce = os.urandom(_NONCE_BYTES)
        return base64.urlsafe_b64encode(nonce + self._aead.encrypt(nonce, e164.encode(), None)).decode()

    def open(self, sealed: str) -> str:
        data = base64.urlsafe_b64decode(sealed.encode())
        return self._aead.decrypt(data[:_NONCE_BYTES], data[_NONCE_BYTES:], None).decode()

    def lookup_hash(self, e164: str) -> str:
        return hmac.new(self._lookup_key, e164.encode(), hashlib.sha256).hexdigest()


def _derive(secret: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(secret.encode())
