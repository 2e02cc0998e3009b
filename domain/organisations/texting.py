"""An organisation's own monthly text budget (docs/product/texting.md): its admins or platform
admins set it; without one, its groups share the platform default each month.
"""

from __future__ import annotations

from datetime import datetime

from domain.organisations.errors import OrganisationError, OrganisationErrorCode
from domain.organisations.policies import OrgAction, Staffing, authorize
from domain.organisations.reading import get_organisation
from infra.mongo.repositories.registry import Repositories
from schemas.documents.organisations import OrganisationDocument

TEXT_BUDGET_MAX = 1_000_000  # a typo guard: far above any charity's month


async def set_text_budget(
    *, repos: Repositories, staffing: Staffing, organisation_id: str, budget: int | None, now: datetime
) -> OrganisationDocument:
    """Set (or, with None, clear back to the default) the organisation's monthly text budget."""
    await get_organisation(repos=repos, staffing=staffing, organisation_id=organisation_id)
    authorize(staffing, organisation_id, OrgAction.MANAGE_TEXTING)
    if budget is not None and not 0 <= budget <= TEXT_BUDGET_MAX:
        message = f"Use a number of texts from 0 to {TEXT_BUDGET_MAX:,}, or none for the platform default."
        raise OrganisationError(OrganisationErrorCode.TEXT_BUDGET_OUT_OF_RANGE, message)
    await repos.organisations.set_text_budget(organisation_id, budget, now=now)
    changed = await repos.organisations.get(organisation_id)
    assert changed is not None  # noqa: S101 - organisations are never deleted
    return changed
