"""firebase-admin's Cloud Messaging behind one small adapter: messages in, one result per device out.

Sends with `send_each_async` on the caller's event loop. firebase-admin keeps
one httpx client per App, bound to the loop it first ran on, so the caller
must own a loop for its whole life (the worker runtime does: pitfall FB4).

firebase-admin's own HTTP retries are turned off: they sent a message up to five
times within seven seconds of a 503 whatever its Retry-After said. The outbox
alone decides when to send again (domain/notifications/delivery.py), after
Retry-After. A resend that FCM had in fact accepted (an answer lost to a timeout
or a killed worker) is the same notification to the phone: FCM collapses pending
messages by the Android collapse key and APNs by apns-collapse-id, and a shown one
is replaced by the Android tag. FCM's v1 API takes no client-chosen message name
or idempotency key (`name` is set by FCM), so collapsing is as far as it goes.
"""

from __future__ import annotations

import email.utils
import logging
import time
import warnings
from collections.abc import Sequence
from typing import Any

import firebase_admin
import httpx
from firebase_admin import _http_client, exceptions, messaging
from firebase_admin._retry import HttpxRetry
from google.auth.exceptions import GoogleAuthError

from infra.settings import FirebaseSettings
from schemas.push import PushMessage, PushResult, SendOutcome

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500  # FCM's limit per send_each call (pitfall FB3)
_FCM_SEND_PATH = "/v1/projects/{0}/messages:send"
_TOKEN_FIELDS = {"message.token", "message.fid"}

# Most specific first: QuotaExceededError is a ResourceExhaustedError, UnregisteredError a NotFoundError.
_CLASSES: list[tuple[type[exceptions.FirebaseError], SendOutcome, str]] = [
    (messaging.UnregisteredError, SendOutcome.DEVICE_GONE, "unregistered"),
    (messaging.SenderIdMismatchError, SendOutcome.DEVICE_GONE, "sender_id_mismatch"),
    (messaging.QuotaExceededError, SendOutcome.RETRY, "quota_exceeded"),
    (messaging.ThirdPartyAuthError, SendOutcome.RETRY, "third_party_auth"),
    (exceptions.ResourceExhaustedError, SendOutcome.RETRY, "resource_exhausted"),
    (exceptions.UnavailableError, SendOutcome.RETRY, "unavailable"),
    (exceptions.InternalError, SendOutcome.RETRY, "internal"),
    (exceptions.DeadlineExceededError, SendOutcome.RETRY, "deadline_exceeded"),
    (exceptions.UnauthenticatedError, SendOutcome.RETRY, "unauthenticated"),
    (exceptions.PermissionDeniedError, SendOutcome.RETRY, "permission_denied"),
    (exceptions.UnknownError, SendOutcome.RETRY, "unknown"),
]


def configure_fcm_url(settings: FirebaseSettings) -> None:
    """Point firebase-admin at another FCM server (the tests' fake), only when the setting is given.

    There is no public option: the send URL is the class attribute
    `_MessagingService.FCM_URL`, read when an App's messaging service is first
    made, so this runs before the first send of the process.
    """
    if settings.fcm_url:
        messaging._MessagingService.FCM_URL = settings.fcm_url.rstrip("/") + _FCM_SEND_PATH


class PushSender:
    """Sends pushes through one firebase-admin App, in chunks of at most 500."""

    def __init__(self, app: firebase_admin.App) -> None:
        self._app = app
        self._used = False  # firebase-admin makes its messaging service (and client) on the first use

    def _without_sdk_retries(self) -> None:
        """Give the App's messaging service an HTTP client that sends each message once.
        There is no public option: the service's client is replaced before its first send.
        """
        service = messaging._get_messaging_service(self._app)
        timeout = self._app.options.get("httpTimeout", _http_client.DEFAULT_TIMEOUT_SECONDS)
        service._async_client = _http_client.HttpxAsyncClient(
            credential=service._credential, timeout=timeout, retry_config=HttpxRetry(max_retries=0)
        )

    async def aclose(self) -> None:
        """Close firebase-admin's httpx client on the loop it belongs to. (`firebase_admin.delete_app`
        closes it with `asyncio.run`, which fails inside a running loop and is the wrong loop outside.)
        """
        if self._used:
            service = messaging._get_messaging_service(self._app)
            await service._async_client.aclose()

    async def send(self, messages: Sequence[PushMessage]) -> list[PushResult]:
        """One result per message, in order; never raises for FCM's answers."""
        results: list[PushResult] = []
        for start in range(0, len(messages), CHUNK_SIZE):
            results += await self._send_chunk(messages[start : start + CHUNK_SIZE])
        return results

    async def _send_chunk(self, chunk: Sequence[PushMessage]) -> list[PushResult]:
        encoded = [_encode(message) for message in chunk]
        if not self._used:
            self._without_sdk_retries()
            self._used = True
        try:
            batch = await messaging.send_each_async(encoded, app=self._app)
        except (exceptions.FirebaseError, GoogleAuthError) as error:
            # The whole call failed (credentials, the token endpoint): nobody's token is at fault.
            logger.error("push batch failed: %s", type(error).__name__)
            return [PushResult(message.device_id, SendOutcome.RETRY, "not_sent") for message in chunk]
        except ValueError:
            logger.exception("push batch refused before sending (a payload bug)")
            return [PushResult(message.device_id, SendOutcome.FAILED, "invalid_message") for message in chunk]
        return [_result(message, response) for message, response in zip(chunk, batch.responses, strict=True)]


def _encode(message: PushMessage) -> messaging.Message:
    """Lock-screen-safe text, ids in `data`, and the notification id as collapse key, tag and collapse id."""
    expires = int(time.time()) + message.ttl_seconds if message.ttl_seconds else 0
    with warnings.catch_warnings():
        # firebase-admin 7.5+ deprecates Message.token for fid, but FCM registration tokens still go in `token` (FB13).
        warnings.simplefilter("ignore", DeprecationWarning)
        return messaging.Message(
            token=message.token,
            notification=messaging.Notification(title=message.title, body=message.body),
            data=message.data,
            android=messaging.AndroidConfig(
                collapse_key=message.collapse_id,  # FCM keeps only the last pending message of a key
                priority="high" if message.urgent else "normal",
                ttl=message.ttl_seconds,
                notification=messaging.AndroidNotification(tag=message.collapse_id),
            ),
            apns=messaging.APNSConfig(
                headers={
                    "apns-collapse-id": message.collapse_id,
                    "apns-push-type": "alert",
                    "apns-priority": "10" if message.urgent else "5",
                    "apns-expiration": str(expires),
                }
            ),
        )


def _result(message: PushMessage, response: messaging.SendResponse) -> PushResult:
    if response.success:
        return PushResult(message.device_id, SendOutcome.ACCEPTED, message_id=response.message_id)
    error = response.exception
    outcome, code = classify(error)
    retry_after = retry_after_seconds(error) if outcome is SendOutcome.RETRY else None
    return PushResult(message.device_id, outcome, code, retry_after_seconds=retry_after)


def classify(error: exceptions.FirebaseError) -> tuple[SendOutcome, str]:
    """What an FCM error means for the token and the notification (REL-5, pitfall FB6)."""
    if isinstance(error, exceptions.InvalidArgumentError):
        # 400 covers a bad token AND a bad payload: only the first may cost the member their device.
        if _names_the_token(error):
            return SendOutcome.DEVICE_GONE, "invalid_token"
        return SendOutcome.FAILED, "invalid_argument"
    for error_class, outcome, code in _CLASSES:
        if isinstance(error, error_class):
            return outcome, code
    return SendOutcome.FAILED, str(error.code).lower()


def _names_the_token(error: exceptions.FirebaseError) -> bool:
    if "registration token" in str(error).lower():
        return True
    details = _error_body(error).get("details", [])
    violations = [v for d in details if isinstance(d, dict) for v in d.get("fieldViolations", [])]
    return any(isinstance(v, dict) and v.get("field") in _TOKEN_FIELDS for v in violations)


def _error_body(error: exceptions.FirebaseError) -> dict[str, Any]:
    response = error.http_response
    if not isinstance(response, httpx.Response):
        return {}
    try:
        body = response.json()
    except ValueError:
        return {}
    inner = body.get("error") if isinstance(body, dict) else None
    return inner if isinstance(inner, dict) else {}


def retry_after_seconds(error: exceptions.FirebaseError) -> float | None:
    """The server's Retry-After, in seconds or as an HTTP date; None when absent or unreadable."""
    response = error.http_response
    header = response.headers.get("Retry-After") if isinstance(response, httpx.Response) else None
    if not header:
        return None
    if header.strip().isdigit():
        return float(header.strip())
    try:
        when = email.utils.parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)
