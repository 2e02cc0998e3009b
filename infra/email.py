"""Sending email over SMTP with aiosmtplib: one connection per message (pages are rare).

The caller gives a stable Message-ID (a page's id), so a message sent again after a worker
died mid-send is recognisably the same message to the reader's mail client.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage

import aiosmtplib

from infra.settings import EmailSettings


class EmailNotSentError(Exception):
    """The server could not be reached or refused the message: try again later."""


@dataclass(frozen=True)
class Email:
    to: tuple[str, ...]
    subject: str
    body: str
    message_id: str  # without the angle brackets; unique per message, the same on a resend


class EmailSender:
    def __init__(self, settings: EmailSettings) -> None:
        self._settings = settings

    async def send(self, email: Email) -> None:
        settings = self._settings
        message = EmailMessage()
        message["From"] = settings.sender
        message["To"] = ", ".join(email.to)
        message["Subject"] = email.subject
        message["Message-ID"] = f"<{email.message_id}@{settings.sender.rpartition('@')[2] or 'localhost'}>"
        message.set_content(email.body)
        password = settings.password.get_secret_value() if settings.password else None
        try:
            await aiosmtplib.send(
                message, hostname=settings.host, port=settings.port, username=settings.username, password=password,
                use_tls=settings.security == "tls", start_tls=settings.security == "starttls",
                timeout=settings.timeout_seconds,
            )  # fmt: skip
        except (aiosmtplib.SMTPException, OSError) as error:
            raise EmailNotSentError(type(error).__name__) from error
