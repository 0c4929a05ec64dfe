"""A commissioning process as OCDS 1.1.5: planning, tender, award and contract releases, and a compiled record.

Everything is computed from the data, never from the clock: release dates are the milestones' dates, a
release's id ends with a digest of its content (so it changes when, and only when, the release does), and
the JSON is written with sorted keys. Exporting twice without a change gives identical bytes.

Which releases a process has follows its milestones: a planning release always (the co-production
consultations and market engagement as ``planning.milestones`` of type ``engagement``); a tender release
once the tender milestone is under way; an award release once the award is made or pending; a contract
release once the contract starts.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
from decimal import Decimal
from functools import cache
from typing import Any

from django.conf import settings
from ocdsmerge import Merger

from coproduce.commissioning.models import (
    CommissioningProcess,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    ProcessStatus,
)
from coproduce.commissioning.ocds.validate import release_schema
from coproduce.commissioning.selectors import chosen_option, process_milestones
from coproduce.directory.models import Organisation
from coproduce.programmes.models import Area

OCDS_VERSION = "1.1"
PLACEHOLDER_PREFIX = "ocds-XXXXXX"  # settings.OCDS_OCID_PREFIX's default, until a publisher registers one
PLANNING_KINDS = {MilestoneKind.CONSULTATION, MilestoneKind.MARKET_ENGAGEMENT, MilestoneKind.SPECIFICATION}
ENGAGEMENT_KINDS = {MilestoneKind.CONSULTATION, MilestoneKind.MARKET_ENGAGEMENT}
MILESTONE_STATUS = {
    MilestoneStatus.PLANNED: "scheduled",
    MilestoneStatus.IN_PROGRESS: "scheduled",
    MilestoneStatus.DONE: "met",
    MilestoneStatus.LATE: "notMet",
    MilestoneStatus.CANCELLED: "notMet",
}
TENDER_STATUS = {
    MilestoneStatus.PLANNED: "planned",
    MilestoneStatus.IN_PROGRESS: "active",
    MilestoneStatus.LATE: "active",
    MilestoneStatus.DONE: "complete",
    MilestoneStatus.CANCELLED: "cancelled",
}


def ocid_prefix() -> str:
    return settings.OCDS_OCID_PREFIX


def process_ocid(process: CommissioningProcess) -> str:
    """``<prefix>-<area slug>-<process id>``: unique across areas, stable for the life of the process."""
    return f"{ocid_prefix()}-{process.area.slug}-{process.pk}"


def _when(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _amount(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _party(organisation: Organisation, roles: list[str]) -> dict[str, Any]:
    return {"id": f"org-{organisation.pk}", "name": organisation.name, "roles": roles}


def _reference(organisation: Organisation) -> dict[str, Any]:
    return {"id": f"org-{organisation.pk}", "name": organisation.name}


def _milestone(milestone: Milestone, ocds_type: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": f"milestone-{milestone.pk}",
        "title": milestone.title,
        "type": ocds_type,
        "code": milestone.kind,
        "dueDate": _when(milestone.due_date),
        "status": MILESTONE_STATUS[milestone.status],  # type: ignore[index]
    }
    if milestone.description:
        data["description"] = milestone.description
    if milestone.status == MilestoneStatus.DONE:
        data["dateMet"] = _when(milestone.due_date)
    return data


def _first(milestones: list[Milestone], kind: str) -> Milestone | None:
    return next((m for m in milestones if m.kind == kind), None)


def _rationale(process: CommissioningProcess) -> str:
    """Why the process exists, and the delivery model its options appraisal chose once that is agreed."""
    rationale = process.description or process.title
    option = chosen_option(process)
    if option is not None and process.appraisal is not None:
        rationale += (
            f" Delivery model chosen by the options appraisal “{process.appraisal.title}”: {option.title}."
        )
    return rationale


def _with_id(release: dict[str, Any], ocid: str, tag: str) -> dict[str, Any]:
    digest = hashlib.sha256(dumps(release)).hexdigest()[:10]
    return {**release, "id": f"{ocid}-{tag}-{digest}"}


def process_releases(process: CommissioningProcess) -> list[dict[str, Any]]:
    """The process's releases, oldest first."""
    milestones = process_milestones(process)
    ocid = process_ocid(process)
    tender_id = f"{ocid}-tender"
    value = (
        {"amount": _amount(process.budget), "currency": process.currency}
        if process.budget is not None
        else None
    )
    parties = []
    if process.buyer:
        parties.append(_party(process.buyer, ["buyer", "procuringEntity"]))
    if process.supplier:
        parties.append(_party(process.supplier, ["supplier"]))

    def common(tag: str, day: datetime.date) -> dict[str, Any]:
        release: dict[str, Any] = {
            "ocid": ocid,
            "date": _when(day),
            "tag": [tag],
            "initiationType": "tender",
            "language": "en",
        }
        if parties:
            release["parties"] = parties
        if process.buyer:
            release["buyer"] = _reference(process.buyer)
        return release

    tender_milestone = _first(milestones, MilestoneKind.TENDER)
    award_milestone = _first(milestones, MilestoneKind.AWARD)
    contract_milestone = _first(milestones, MilestoneKind.CONTRACT_START)

    def tender(status: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": tender_id,
            "title": process.title,
            "status": status,
            "mainProcurementCategory": "services",
            "procurementMethod": "open",
        }
        if process.description:
            data["description"] = process.description
        if value:
            data["value"] = value
        if process.buyer:
            data["procuringEntity"] = _reference(process.buyer)
        if tender_milestone:
            data["tenderPeriod"] = {
                "startDate": _when(tender_milestone.begins),
                "endDate": _when(tender_milestone.due_date),
            }
        if award_milestone:
            data["awardPeriod"] = {
                "startDate": _when(award_milestone.begins),
                "endDate": _when(award_milestone.due_date),
            }
        data["contractPeriod"] = {
            "startDate": _when(contract_milestone.begins if contract_milestone else process.start_date),
            "endDate": _when(process.end_date),
        }
        return data

    releases = []
    planning = common("planning", process.start_date)
    planning["planning"] = {
        "rationale": _rationale(process),
        "milestones": [
            _milestone(m, "engagement" if m.kind in ENGAGEMENT_KINDS else "preProcurement")
            for m in milestones
            if m.kind in PLANNING_KINDS
        ],
    }
    if value:
        planning["planning"]["budget"] = {"amount": value, "description": f"Budget for {process.title}"}
    planning_status = "cancelled" if process.status == ProcessStatus.CANCELLED else "planned"
    planning["tender"] = tender(planning_status)
    releases.append(_with_id(planning, ocid, "planning"))

    if tender_milestone and tender_milestone.status != MilestoneStatus.PLANNED:
        release = common("tender", tender_milestone.begins)
        release["tender"] = tender(TENDER_STATUS[tender_milestone.status])  # type: ignore[index]
        releases.append(_with_id(release, ocid, "tender"))

    award_id = f"{ocid}-award-1"
    awarded = award_milestone and award_milestone.status in (
        MilestoneStatus.DONE,
        MilestoneStatus.IN_PROGRESS,
    )
    if award_milestone and awarded:
        release = common("award", award_milestone.due_date)
        release["tender"] = tender("complete")
        award: dict[str, Any] = {
            "id": award_id,
            "title": award_milestone.title,
            "status": "active" if award_milestone.status == MilestoneStatus.DONE else "pending",
            "date": _when(award_milestone.due_date),
        }
        if process.supplier:
            award["suppliers"] = [_reference(process.supplier)]
        if value:
            award["value"] = value
        release["awards"] = [award]
        releases.append(_with_id(release, ocid, "award"))

    if awarded and contract_milestone and contract_milestone.status != MilestoneStatus.PLANNED:
        release = common("contract", contract_milestone.begins)
        release["tender"] = tender("complete")
        contract: dict[str, Any] = {
            "id": f"{ocid}-contract-1",
            "awardID": award_id,
            "title": process.title,
            "status": "terminated" if process.status == ProcessStatus.COMPLETE else "active",
            "period": {"startDate": _when(contract_milestone.begins), "endDate": _when(process.end_date)},
            "dateSigned": _when(contract_milestone.begins),
            "milestones": [
                _milestone(m, "reporting" if m.kind == MilestoneKind.REVIEW else "delivery")
                for m in milestones
                if m.kind in (MilestoneKind.CONTRACT_START, MilestoneKind.REVIEW)
            ],
        }
        if value:
            contract["value"] = value
        release["contracts"] = [contract]
        releases.append(_with_id(release, ocid, "contract"))
    return releases


def _uri(area: Area, name: str) -> str:
    return f"{settings.OCDS_BASE_URL.rstrip('/')}/areas/{area.slug}/ocds/{name}"


def _publisher(area: Area) -> dict[str, Any]:
    return {"name": area.name}


def release_package(area: Area, processes: list[CommissioningProcess]) -> dict[str, Any]:
    """The area's releases of these processes in one package (dated by its newest release)."""
    releases = sorted(
        (release for process in processes for release in process_releases(process)),
        key=lambda r: (r["date"], r["id"]),
    )
    package: dict[str, Any] = {
        "uri": _uri(area, "release-package.json"),
        "version": OCDS_VERSION,
        "publisher": _publisher(area),
        "publishedDate": max((r["date"] for r in releases), default=_when(datetime.date(2000, 1, 1))),
        "releases": releases,
    }
    return package


@cache
def _merger() -> Merger:
    return Merger(schema=copy.deepcopy(release_schema()))


def compiled_release(releases: list[dict[str, Any]]) -> dict[str, Any]:
    return _merger().create_compiled_release(copy.deepcopy(releases))


def record_package(area: Area, processes: list[CommissioningProcess]) -> dict[str, Any]:
    """One record per process: its releases embedded, and the compiled release merged from them."""
    records = []
    dates = []
    for process in processes:
        releases = process_releases(process)
        dates += [r["date"] for r in releases]
        records.append(
            {
                "ocid": process_ocid(process),
                "releases": releases,
                "compiledRelease": compiled_release(releases),
            }
        )
    return {
        "uri": _uri(area, "record-package.json"),
        "version": OCDS_VERSION,
        "publisher": _publisher(area),
        "publishedDate": max(dates, default=_when(datetime.date(2000, 1, 1))),
        "records": records,
    }


def dumps(document: dict[str, Any]) -> bytes:
    """The one way OCDS is written: sorted keys, two-space indent, UTF-8, a final newline."""
    return (json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
