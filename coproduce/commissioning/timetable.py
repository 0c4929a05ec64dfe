"""Checks of a commissioning timetable's order against the notices of the Procurement Act 2023.

Pure functions over dates (no Django), so they are easy to test and reuse. They warn; they never block:
a commissioner may have reasons, and the warning says what the Act expects.

The Act's notices in the order a competitive procurement publishes them: a preliminary market engagement
notice (s. 17: before the tender notice, where preliminary market engagement was carried out, or the tender
notice must say why not), the tender notice (s. 21), the contract award notice (s. 50, which opens the
standstill period of s. 51) and the contract details notice (s. 53, after the contract is entered into).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

# The kinds of milestone, as coproduce.commissioning.models.MilestoneKind names them.
CONSULTATION = "consultation"
MARKET_ENGAGEMENT = "market_engagement"
TENDER = "tender"
AWARD = "award"
CONTRACT_START = "contract_start"


@dataclass(frozen=True)
class Dated:
    """A milestone as far as the checks need it."""

    kind: str
    title: str
    start: datetime.date
    end: datetime.date


@dataclass(frozen=True)
class OrderWarning:
    code: str  # stable, for tests and styling
    text: str


def _d(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def timetable_warnings(milestones: Iterable[Dated]) -> list[OrderWarning]:
    """What in the order of these milestones breaks the sequence of the Procurement Act 2023's notices."""
    items = list(milestones)
    by_kind: dict[str, list[Dated]] = {}
    for item in items:
        by_kind.setdefault(item.kind, []).append(item)
    tenders = by_kind.get(TENDER, [])
    warnings: list[OrderWarning] = []
    if tenders:
        tender_starts = min(t.start for t in tenders)
        engagements = by_kind.get(MARKET_ENGAGEMENT, [])
        for engagement in engagements:
            if engagement.end >= tender_starts:
                warnings.append(
                    OrderWarning(
                        "engagement_after_tender",
                        f"“{engagement.title}” ends on {_d(engagement.end)}, on or after the tender starts on "
                        f"{_d(tender_starts)}. Under the Procurement Act 2023 (ss. 16–17) preliminary market "
                        "engagement, and its preliminary market engagement notice, come before the tender "
                        "notice.",
                    )
                )
        if not engagements:
            warnings.append(
                OrderWarning(
                    "no_engagement",
                    "There is no market engagement before the tender. Under the Procurement Act 2023 "
                    "(s. 17) the tender notice must then say why no preliminary market engagement notice "
                    "was published.",
                )
            )
        for consultation in by_kind.get(CONSULTATION, []):
            if consultation.end > tender_starts:
                warnings.append(
                    OrderWarning(
                        "consultation_after_tender",
                        f"The co-production consultation “{consultation.title}” ends on "
                        f"{_d(consultation.end)}, after the tender starts on {_d(tender_starts)}: what partners "
                        "say can no longer shape the specification.",
                    )
                )
        tender_ends = max(t.end for t in tenders)
        for award in by_kind.get(AWARD, []):
            if award.start < tender_ends:
                warnings.append(
                    OrderWarning(
                        "award_before_tender_ends",
                        f"“{award.title}” is on {_d(award.start)}, before the tender ends on "
                        f"{_d(tender_ends)}. The contract award notice (Procurement Act 2023, s. 50) follows "
                        "the assessment of tenders.",
                    )
                )
    awards = by_kind.get(AWARD, [])
    if awards:
        awarded = max(a.end for a in awards)
        for start in by_kind.get(CONTRACT_START, []):
            if start.start <= awarded:
                warnings.append(
                    OrderWarning(
                        "contract_before_award",
                        f"“{start.title}” is on {_d(start.start)}, not after the award on {_d(awarded)}. "
                        "Under the Procurement Act 2023 (ss. 50–51) the contract is entered into only after "
                        "the contract award notice and the standstill period.",
                    )
                )
    return warnings
