"""Reports: the impact report charities show their funders, k-anonymous (nothing about fewer than 10 people).

Other contexts, the API and the workers import these from here, never from the modules
(tests may reach into a module they test)."""

from __future__ import annotations

from domain.reports.errors import ReportError, ReportErrorCode
from domain.reports.impact import Figure, ImpactReport, Period, impact_report, organisation_impact_report, parse_period
from domain.reports.policies import MIN_PEOPLE

__all__ = [
    "MIN_PEOPLE",
    "Figure",
    "ImpactReport",
    "Period",
    "ReportError",
    "ReportErrorCode",
    "impact_report",
    "organisation_impact_report",
    "parse_period",
]
