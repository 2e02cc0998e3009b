"""Mutations of the groups context, one file each."""

from __future__ import annotations

import strawberry

from api.graphql.core.permissions import IsMember
from api.graphql.execution.rate_limits import Bucket, RateLimited
from api.graphql.groups.mutations.co_lead_demote import co_lead_demote
from api.graphql.groups.mutations.co_lead_promote import co_lead_promote
from api.graphql.groups.mutations.group_archive import group_archive
from api.graphql.groups.mutations.group_create import group_create
from api.graphql.groups.mutations.group_join import group_join
from api.graphql.groups.mutations.group_lead_assign import group_lead_assign
from api.graphql.groups.mutations.group_leave import group_leave
from api.graphql.groups.mutations.group_quiet_policy_set import group_quiet_policy_set
from api.graphql.groups.mutations.group_schedule_set import group_schedule_set
from api.graphql.groups.mutations.group_update import group_update
from api.graphql.groups.mutations.invite_create import invite_create
from api.graphql.groups.mutations.join_request_create import join_request_create
from api.graphql.groups.mutations.join_request_decide import join_request_decide
from api.graphql.groups.mutations.lead_away_set import lead_away_set
from api.graphql.groups.mutations.leadership_transfer import leadership_transfer
from api.graphql.groups.mutations.member_remove import member_remove


@strawberry.type
class GroupMutations:
    group_create = strawberry.mutation(
        resolver=group_create,
        description="Start a group and lead it. Youth groups are created by staff, who name their lead.",
        permission_classes=[IsMember],
    )
    group_update = strawberry.mutation(
        resolver=group_update, description="Change a group's details. Leads only.", permission_classes=[IsMember]
    )
    group_archive = strawberry.mutation(
        resolver=group_archive,
        description="Archive a group: it stays readable and nothing changes it again. Leads only.",
        permission_classes=[IsMember],
    )
    group_join = strawberry.mutation(
        resolver=group_join,
        description="Join an open group at once, or any group with an invite code.",
        permission_classes=[IsMember],
        extensions=[RateLimited(Bucket.GUESSABLE)],  # it takes invite codes: guessing them is the attack
    )
    group_leave = strawberry.mutation(
        resolver=group_leave,
        description="Leave a group. The last lead hands over first.",
        permission_classes=[IsMember],
    )
    invite_create = strawberry.mutation(
        resolver=invite_create,
        description="Make an invite code for a group (leads and co-leads); the code is shown once.",
        permission_classes=[IsMember],
    )
    join_request_create = strawberry.mutation(
        resolver=join_request_create,
        description="Ask the leads of a closed group to let you in.",
        permission_classes=[IsMember],
        extensions=[RateLimited(Bucket.SENSITIVE)],
    )
    join_request_decide = strawberry.mutation(
        resolver=join_request_decide,
        description="Approve or decline a join request (leads and co-leads); the requester is told either way.",
        permission_classes=[IsMember],
    )
    member_remove = strawberry.mutation(
        resolver=member_remove,
        description="Remove someone from a group, with a reason kept in the moderation log. They cannot rejoin.",
        permission_classes=[IsMember],
    )
    co_lead_promote = strawberry.mutation(
        resolver=co_lead_promote, description="Make a member a co-lead. Leads only.", permission_classes=[IsMember]
    )
    co_lead_demote = strawberry.mutation(
        resolver=co_lead_demote,
        description="Make a co-lead a member again. Leads only.",
        permission_classes=[IsMember],
    )
    leadership_transfer = strawberry.mutation(
        resolver=leadership_transfer,
        description="Hand the lead role to another member; the outgoing lead stays on as a co-lead.",
        permission_classes=[IsMember],
    )
    group_lead_assign = strawberry.mutation(
        resolver=group_lead_assign,
        description="Make a member a lead of a group, adding them if needed. Staff only.",
        permission_classes=[IsMember],
    )
    lead_away_set = strawberry.mutation(
        resolver=lead_away_set,
        description="Mark yourself away from leading a group until a time, or back.",
        permission_classes=[IsMember],
    )
    group_schedule_set = strawberry.mutation(
        resolver=group_schedule_set,
        description="Set the days and local time the group checks in, or clear them. Leads only.",
        permission_classes=[IsMember],
    )
    group_quiet_policy_set = strawberry.mutation(
        resolver=group_quiet_policy_set,
        description="Set when a member of the group counts as quiet. Leads only.",
        permission_classes=[IsMember],
    )
