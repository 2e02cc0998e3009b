"""The impact report: the page (figures, monthly breakdown, SVG charts) and its CSV, the same figures.

`?period=2026-Q4` (or a month, `2026-11`; the current quarter by default) and `?groups=<id>,<id>`
(a set of groups; the whole platform when absent), both for platform staff; or
`?organisation=<id>`: the groups that organisation hosts, for its own staff (any role) and platform
staff; anyone else gets the same 404 as for an organisation that does not exist.
"""

from __future__ import annotations

import csv
import io
from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from api.console.access import Member, runtime_of
from api.console.charts import bar_chart_svg
from api.console.errors import NotForYouError, NotFoundPageError
from api.console.rendering import page
from domain.errors import HiddenError, NotPermittedError
from domain.organisations import staffing_of
from domain.reports import Figure, ImpactReport, ReportError, impact_report, organisation_impact_report, parse_period

router = APIRouter()
CHARTS = {"active": ("active_members", "Members who checked in"), "participation": ("checkin_participation",
          "Check-in participation (%)")}  # fmt: skip

PeriodParam = Annotated[str | None, Query(max_length=7, description="2026-11 or 2026-Q4")]
GroupsParam = Annotated[str | None, Query(max_length=10_000, description="Group ids, comma-separated")]
OrganisationParam = Annotated[str | None, Query(max_length=64, description="An organisation's id")]


def shown(figure: Figure) -> str:
    """A figure as the page and the CSV say it."""
    if figure.value is None:
        return "fewer than 10"
    if figure.unit == "%":
        return f"{figure.value:.1f}%"
    if figure.unit == "hours":
        return f"{figure.value:.1f} hours"
    return f"{figure.value:.0f}"


async def _report(
    request: Request, viewer: Member, period: str | None, groups: str | None, organisation: str | None = None
) -> ImpactReport:
    """The report the query asks for; the rules are the domain's (platform staff, or the organisation's)."""
    repos, now = runtime_of(request).repos, runtime_of(request).clock.now()
    label = period or f"{now.year}-Q{(now.month - 1) // 3 + 1}"
    try:
        if organisation is not None:
            staffing = await staffing_of(repos=repos, member_id=viewer.member.id, platform_admin=viewer.is_staff)
            return await organisation_impact_report(
                repos=repos, staffing=staffing, organisation_id=organisation, period=parse_period(label)
            )
        group_ids = tuple(sorted({g.strip() for g in groups.split(",") if g.strip()})) if groups else None
        return await impact_report(repos=repos, reader=viewer.identity, period=parse_period(label), group_ids=group_ids)
    except HiddenError:
        raise NotFoundPageError from None
    except NotPermittedError:
        raise NotForYouError("This is for staff only.") from None


@router.get("/reports")
async def report_screen(
    request: Request,
    viewer: Member,
    period: PeriodParam = None,
    groups: GroupsParam = None,
    organisation: OrganisationParam = None,
) -> Response:
    try:
        report = await _report(request, viewer, period, groups, organisation)
    except ReportError as error:
        return page(request, "refused.html", viewer=viewer, title="Impact report", status=422, message=error.message)
    query = request.url.query
    return page(request, "reports.html", viewer=viewer, title="Impact report", report=report, shown=shown,
                query=query, charts=CHARTS, organisation=organisation)  # fmt: skip


@router.get("/reports/report.csv")
async def report_csv(
    request: Request,
    viewer: Member,
    period: PeriodParam = None,
    groups: GroupsParam = None,
    organisation: OrganisationParam = None,
) -> Response:
    try:
        report = await _report(request, viewer, period, groups, organisation)
    except ReportError as error:
        return Response(error.message, status_code=422, media_type="text/plain")
    out = io.StringIO()
    writer = csv.writer(out)
    scope = ",".join(report.group_ids) if report.group_ids is not None else "platform"
    writer.writerow(["period", "scope", "figure", "value"])
    for period_label, figures in [(report.period.label, report.figures), *((m.label, f) for m, f in report.months)]:
        writer.writerows([period_label, scope, figure.label, shown(figure)] for figure in figures)
    filename = f"impact-{report.period.label}.csv"
    headers = {"content-disposition": f'attachment; filename="{filename}"'}
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/reports/chart/{name}.svg")
async def report_chart(
    request: Request,
    viewer: Member,
    *,
    name: str,
    period: PeriodParam = None,
    groups: GroupsParam = None,
    organisation: OrganisationParam = None,
) -> Response:
    if name not in CHARTS:
        return Response(status_code=404)
    try:
        report = await _report(request, viewer, period, groups, organisation)
    except ReportError as error:
        return Response(error.message, status_code=422, media_type="text/plain")
    key, title = CHARTS[name]
    values = [next(f.value for f in figures if f.key == key) for _, figures in report.months]
    unit = "%" if name == "participation" else ""
    svg = bar_chart_svg(title, [month.label for month, _ in report.months], values, unit=unit)
    return Response(svg, media_type="image/svg+xml")
