"""Steps every sessions operation shares: the group and the viewer's place in it, and the session."""

from __future__ import annotations

from domain.errors import HiddenError
from domain.groups import GroupAction, Viewer, authorized
from domain.sessions.errors import SessionError, SessionErrorCode
from infra.mongo.repositories.registry import Repositories
from schemas.documents.groups import GroupDocument
from schemas.documents.memberships import MembershipDocument
from schemas.documents.sessions import SessionDocument

Authorized = tuple[GroupDocument, MembershipDocument | None]


def archived_error() -> SessionError:
    return SessionError(SessionErrorCode.GROUP_ARCHIVED, "This group has been archived: it can be read, not changed.")


async def authorized_live(repos: Repositories, viewer: Viewer, group_id: str, action: GroupAction) -> Authorized:
    """The group and the viewer's membership, if they may do `action` and the group is not archived."""
    group, membership = await authorized(repos, viewer, group_id, action)
    if group.archived:
        raise archived_error()
    return group, membership


async def session_in_group(
    repos: Repositories, viewer: Viewer, session_id: str, action: GroupAction
) -> tuple[SessionDocument, GroupDocument, MembershipDocument | None]:
    """The session and its group, if the viewer may do `action` in the group. A session of a group
    they cannot see answers as a missing one (GQL-12).
    """
    session = await repos.sessions.get(session_id)
    group, membership = await authorized(repos, viewer, session.group_id if session else session_id, action)
    if session is None:
        raise HiddenError(session_id)
    return session, group, membership
