"""All repositories over one database, built once per process and shared."""

from __future__ import annotations

from dataclasses import dataclass

from infra.mongo.client import Database
from infra.mongo.repositories.account_deletions import AccountDeletionsRepository
from infra.mongo.repositories.attendance import AttendanceRepository
from infra.mongo.repositories.author_reveals import AuthorRevealsRepository
from infra.mongo.repositories.authorship import AuthorshipRepository
from infra.mongo.repositories.bylines import BylinesRepository
from infra.mongo.repositories.calendar_feeds import CalendarFeedsRepository
from infra.mongo.repositories.checkins import CheckInsRepository
from infra.mongo.repositories.console_actions import ConsoleActionsRepository
from infra.mongo.repositories.content_removals import ContentRemovalsRepository
from infra.mongo.repositories.data_exports import DataExportsRepository
from infra.mongo.repositories.devices import DevicesRepository
from infra.mongo.repositories.difficult_dates import DifficultDatesRepository
from infra.mongo.repositories.erasure import ErasureRepository
from infra.mongo.repositories.follow_ups import FollowUpsRepository
from infra.mongo.repositories.groups import GroupsRepository
from infra.mongo.repositories.invites import InvitesRepository
from infra.mongo.repositories.join_requests import JoinRequestsRepository
from infra.mongo.repositories.lead_digests import LeadDigestsRepository
from infra.mongo.repositories.local_services import LocalServicesRepository
from infra.mongo.repositories.members import MembersRepository
from infra.mongo.repositories.memberships import MembershipsRepository
from infra.mongo.repositories.message_reports import MessageReportsRepository
from infra.mongo.repositories.messages import MessagesRepository
from infra.mongo.repositories.moderation_actions import ModerationActionsRepository
from infra.mongo.repositories.moderation_notices import ModerationNoticesRepository
from infra.mongo.repositories.notifications import NotificationsRepository
from infra.mongo.repositories.org_roles import OrgRolesRepository
from infra.mongo.repositories.organisations import OrganisationsRepository
from infra.mongo.repositories.personal_data import PersonalDataRepository
from infra.mongo.repositories.push_budgets import PushBudgetsRepository
from infra.mongo.repositories.push_claims import PushClaimsRepository
from infra.mongo.repositories.reactions import ReactionsRepository
from infra.mongo.repositories.reports import ReportsRepository
from infra.mongo.repositories.responses import ResponsesRepository
from infra.mongo.repositories.retention import RetentionRepository
from infra.mongo.repositories.rota_shifts import RotaShiftsRepository
from infra.mongo.repositories.rsvps import RsvpsRepository
from infra.mongo.repositories.safeguarding_alerts import SafeguardingAlertsRepository
from infra.mongo.repositories.safeguarding_pages import SafeguardingPagesRepository
from infra.mongo.repositories.sessions import SessionsRepository
from infra.mongo.repositories.shares import SharesRepository
from infra.mongo.repositories.staff_alerts import StaffAlertsRepository
from infra.mongo.repositories.support_resources import SupportResourcesRepository
from infra.mongo.repositories.text_budgets import TextBudgetsRepository
from infra.mongo.repositories.text_contacts import TextContactsRepository
from infra.mongo.repositories.threads import ThreadsRepository
from infra.mongo.repositories.venues import VenuesRepository
from infra.mongo.repositories.worker_heartbeats import WorkerHeartbeatsRepository


@dataclass(frozen=True)
class Repositories:
    members: MembersRepository
    groups: GroupsRepository
    memberships: MembershipsRepository
    invites: InvitesRepository
    join_requests: JoinRequestsRepository
    moderation_actions: ModerationActionsRepository
    console_actions: ConsoleActionsRepository
    notifications: NotificationsRepository
    safeguarding_alerts: SafeguardingAlertsRepository
    staff_alerts: StaffAlertsRepository
    support_resources: SupportResourcesRepository
    worker_heartbeats: WorkerHeartbeatsRepository
    devices: DevicesRepository
    difficult_dates: DifficultDatesRepository
    follow_ups: FollowUpsRepository
    push_budgets: PushBudgetsRepository
    push_claims: PushClaimsRepository
    checkins: CheckInsRepository
    shares: SharesRepository
    responses: ResponsesRepository
    authorship: AuthorshipRepository
    bylines: BylinesRepository
    reactions: ReactionsRepository
    reports: ReportsRepository
    author_reveals: AuthorRevealsRepository
    lead_digests: LeadDigestsRepository
    data_exports: DataExportsRepository
    account_deletions: AccountDeletionsRepository
    content_removals: ContentRemovalsRepository
    threads: ThreadsRepository
    messages: MessagesRepository
    message_reports: MessageReportsRepository
    venues: VenuesRepository
    sessions: SessionsRepository
    rsvps: RsvpsRepository
    attendance: AttendanceRepository
    calendar_feeds: CalendarFeedsRepository
    personal_data: PersonalDataRepository
    erasure: ErasureRepository
    retention: RetentionRepository
    text_contacts: TextContactsRepository
    text_budgets: TextBudgetsRepository
    organisations: OrganisationsRepository
    local_services: LocalServicesRepository
    org_roles: OrgRolesRepository
    rota_shifts: RotaShiftsRepository
    safeguarding_pages: SafeguardingPagesRepository
    moderation_notices: ModerationNoticesRepository

    @classmethod
    def over(cls, db: Database, *, geo_near: bool = True) -> Repositories:
        """`geo_near`: whether discovery by distance may use `$geoNear` (settings' MONGODB_GEO_NEAR)."""
        return cls(
            members=MembersRepository(db),
            groups=GroupsRepository(db, geo_near=geo_near),
            memberships=MembershipsRepository(db),
            invites=InvitesRepository(db),
            join_requests=JoinRequestsRepository(db),
            moderation_actions=ModerationActionsRepository(db),
            console_actions=ConsoleActionsRepository(db),
            notifications=NotificationsRepository(db),
            safeguarding_alerts=SafeguardingAlertsRepository(db),
            staff_alerts=StaffAlertsRepository(db),
            support_resources=SupportResourcesRepository(db),
            worker_heartbeats=WorkerHeartbeatsRepository(db),
            devices=DevicesRepository(db),
            difficult_dates=DifficultDatesRepository(db),
            follow_ups=FollowUpsRepository(db),
            push_budgets=PushBudgetsRepository(db),
            push_claims=PushClaimsRepository(db),
            checkins=CheckInsRepository(db),
            shares=SharesRepository(db),
            responses=ResponsesRepository(db),
            authorship=AuthorshipRepository(db),
            bylines=BylinesRepository(db),
            reactions=ReactionsRepository(db),
            reports=ReportsRepository(db),
            author_reveals=AuthorRevealsRepository(db),
            lead_digests=LeadDigestsRepository(db),
            data_exports=DataExportsRepository(db),
            account_deletions=AccountDeletionsRepository(db),
            content_removals=ContentRemovalsRepository(db),
            threads=ThreadsRepository(db),
            messages=MessagesRepository(db),
            message_reports=MessageReportsRepository(db),
            venues=VenuesRepository(db),
            sessions=SessionsRepository(db),
            rsvps=RsvpsRepository(db),
            attendance=AttendanceRepository(db),
            calendar_feeds=CalendarFeedsRepository(db),
            personal_data=PersonalDataRepository(db),
            erasure=ErasureRepository(db),
            retention=RetentionRepository(db),
            text_contacts=TextContactsRepository(db),
            text_budgets=TextBudgetsRepository(db),
            organisations=OrganisationsRepository(db),
            local_services=LocalServicesRepository(db),
            org_roles=OrgRolesRepository(db),
            rota_shifts=RotaShiftsRepository(db),
            safeguarding_pages=SafeguardingPagesRepository(db),
            moderation_notices=ModerationNoticesRepository(db),
        )
