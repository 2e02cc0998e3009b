"""The host's local services a group's leads point it to first (docs/product/organisations.md).

A lead or co-lead of a hosted group attaches services of its host (never another organisation's);
signposting lists them first among the local services, after every national helpline. Attaching
twice, or detaching what is not attached, changes nothing. A service the host's feed later drops
stays attached but is not shown; if the feed lists it again, it is shown again.
"""

from __future__ import annotations

from datetime import datetime

from domain.groups.access import archived_error, authorized, refuse_if_archived
from domain.groups.errors import GroupError, GroupErrorCode
from domain.groups.policies import GroupAction, Viewer
from domain.groups.views import GroupView, view_of
from infra.mongo.repositories.registry import Repositories
from schemas.documents.groups import GroupDocument
from schemas.documents.local_services import LocalServiceDocument

ATTACHED_MAX = 10  # more than signposting shows would be chosen in vain


def _not_found() -> GroupError:
    return GroupError(GroupErrorCode.LOCAL_SERVICE_NOT_FOUND, "That service isn't one of your host's services.")


def _not_hosted() -> GroupError:
    return GroupError(GroupErrorCode.GROUP_NOT_HOSTED, "Only a group an organisation hosts has local services.")


async def attach_local_service(
    *, repos: Repositories, viewer: Viewer, group_id: str, service_id: str, now: datetime
) -> GroupView:
    """Attach one of the host's listed services to the group (its leads); already attached: unchanged."""
    group, membership = await authorized(repos, viewer, group_id, GroupAction.ATTACH_SERVICES)
    refuse_if_archived(group)
    host = group.host_organisation_id
    if host is None:
        raise _not_hosted()
    service = await repos.local_services.get(service_id)
    if service is None or service.organisation_id != host or service.removed:
        raise _not_found()
    updated = await repos.groups.attach_local_service(
        group.id, service.id, organisation_id=host, limit=ATTACHED_MAX, now=now
    )
    if updated is None:
        raise await _why_not_attached(repos, group.id, host)
    return view_of(viewer, updated, membership)


async def _why_not_attached(repos: Repositories, group_id: str, host: str) -> GroupError:
    """The conditional update matched nothing: say which of its conditions failed."""
    current = await repos.groups.get(group_id)
    if current is None or current.archived:
        return archived_error()
    if current.host_organisation_id != host:
        return _not_hosted()
    return GroupError(
        GroupErrorCode.LOCAL_SERVICES_TOO_MANY, f"A group can have {ATTACHED_MAX} services attached: detach one first."
    )


async def detach_local_service(
    *, repos: Repositories, viewer: Viewer, group_id: str, service_id: str, now: datetime
) -> GroupView:
    """Take a service off the group's list (its leads); not attached: unchanged."""
    group, membership = await authorized(repos, viewer, group_id, GroupAction.ATTACH_SERVICES)
    refuse_if_archived(group)
    updated = await repos.groups.detach_local_service(group.id, service_id, now=now)
    if updated is None:
        raise archived_error()
    return view_of(viewer, updated, membership)


async def attached_local_services(*, repos: Repositories, group: GroupDocument) -> list[LocalServiceDocument]:
    """The services attached to the group that members may see: its current host's, not removed, in order."""
    if group.host_organisation_id is None or not group.local_service_ids:
        return []
    found = {s.id: s for s in await repos.local_services.get_many(group.local_service_ids)}
    return [
        found[i]
        for i in group.local_service_ids
        if i in found and found[i].organisation_id == group.host_organisation_id and not found[i].removed
    ]


async def host_local_services(*, repos: Repositories, group: GroupDocument) -> list[LocalServiceDocument]:
    """Every listed service of the group's host, by name: what its leads choose from."""
    if group.host_organisation_id is None:
        return []
    return await repos.local_services.listed(group.host_organisation_id)
