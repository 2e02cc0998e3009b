"""Every console route and the role it needs: the console's authorisation matrix.

`test_authorization.py` checks this table against the app's routes (a new route without an entry
fails) and calls each route as each role. Roles: `public` (anyone, signed in or not), `member`
(any signed-in, onboarded member; an action's use case then checks the group, as in GraphQL),
`lead` (leads or co-leads a group), `staff` (the `admin` or `safeguarding` claim), `safeguarding`
(the claim, or an organisation's org_safeguarding role: which alerts and requests is the domain's);
`org_admin` and `org_safeguarding` callers hold an organisation role and no claim.
A route's path parameters are filled with ids that name nothing, so an allowed caller gets the
domain's NOT FOUND (404) from a POST, and a page (200) from a GET.
"""

from __future__ import annotations

ROUTES: dict[tuple[str, str], str] = {
    ("GET", "/console/sign-in"): "public",
    ("POST", "/console/session"): "public",
    ("POST", "/console/sign-out"): "member",
    ("GET", "/console/"): "member",
    ("GET", "/console/safeguarding"): "safeguarding",
    ("POST", "/console/safeguarding/alerts/{alert_id}/acknowledge"): "safeguarding",
    ("POST", "/console/safeguarding/alerts/{alert_id}/resolve"): "safeguarding",
    ("POST", "/console/safeguarding/reveals/{request_id}/approve"): "safeguarding",
    ("GET", "/console/on-call"): "member",  # the use case checks the organisation (?organisation=)
    ("GET", "/console/lead"): "lead",
    ("POST", "/console/lead/join-requests/{request_id}/decide"): "member",  # the use case checks the group
    ("GET", "/console/moderation"): "lead",
    ("POST", "/console/moderation/reports/{report_id}/dismiss"): "member",  # the use case checks the group
    ("POST", "/console/moderation/content/{kind}/{content_id}/{action}"): "member",  # likewise
    ("GET", "/console/appeals"): "member",  # the use case checks the group (?group=)
    ("POST", "/console/appeals/{notice_id}/decide"): "member",  # likewise
    ("GET", "/console/groups"): "staff",
    # The report's ?organisation= also admits that organisation's staff (tests/api/console/test_organisations.py).
    ("GET", "/console/reports"): "staff",
    ("GET", "/console/reports/report.csv"): "staff",
    ("GET", "/console/reports/chart/{name}.svg"): "staff",
    ("GET", "/console/audit"): "staff",
}

# Who may call a route needing each role.
ADMITS: dict[str, set[str]] = {
    "public": {"anonymous", "member", "lead", "admin", "safeguarding", "org_admin", "org_safeguarding"},
    "member": {"member", "lead", "admin", "safeguarding", "org_admin", "org_safeguarding"},
    "lead": {"lead"},  # leads or co-leads a group
    "staff": {"admin", "safeguarding"},
    "safeguarding": {"safeguarding", "org_safeguarding"},  # an organisation's officers: its hosted groups'
}
# org_admin: an organisation's admin, no staff claim; org_safeguarding: an organisation's safeguarding
# officer (what their organisation lets them see is the use case's, tested per screen in
# test_organisations.py).
ROLES = ("anonymous", "member", "lead", "admin", "safeguarding", "org_admin", "org_safeguarding")
