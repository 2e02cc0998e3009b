"""Who may read a report, and the suppression rule every figure follows."""

from __future__ import annotations

from domain.errors import NotPermittedError
from domain.identity import Identity

MIN_PEOPLE = 10  # a figure about fewer people than this is not shown (k-anonymity, k = 10)


def require_report_reader(reader: Identity) -> None:
    """Organisation and platform staff (either staff claim)."""
    if not reader.is_staff:
        raise NotPermittedError("This is for staff only.")


def shown_count(people: int) -> int | None:
    """A count of people, or None (suppressed) below MIN_PEOPLE."""
    return people if people >= MIN_PEOPLE else None


def shown_share(part: int, whole: int) -> float | None:
    """part/whole as a percentage to one decimal, or None when either side counts fewer than MIN_PEOPLE
    (a share of a small group, or a small part of a large one, would point at too few people).
    """
    if part < MIN_PEOPLE or whole < MIN_PEOPLE:
        return None
    return round(100 * part / whole, 1)
