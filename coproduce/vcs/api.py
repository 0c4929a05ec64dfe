"""API operations over an area's network of organisations, with the same permissions as the network page
(every member of the area). Registered in coproduce/api/api.py."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from coproduce.accounts.rules import VIEW_VCS, authorise
from coproduce.api.schemas import Error
from coproduce.programmes.models import Area
from coproduce.vcs import selectors

# url_name -> (HTTP method, path under /api/, permission checked), as in coproduce/api/endpoints.py;
# tests/api/test_openapi.py checks the document against it.
OPERATIONS: dict[str, tuple[str, str, str]] = {
    "area_network": ("GET", "/areas/{slug}/network", VIEW_VCS),
}

router = Router()


class NetworkOrganisationOut(Schema):
    id: int
    name: str
    kind: str
    degree: int
    weighted_degree: int
    betweenness: float
    community: int
    x: float  # where the map draws it, 0 to 1 from the left
    y: float  # 0 to 1 from the top


class NetworkLinkOut(Schema):
    id: int
    organisation_a_id: int
    organisation_b_id: int
    kind: str
    strength: int
    note: str


class NetworkGapOut(Schema):
    organisation_a_id: int
    organisation_b_id: int
    shared: list[str]


class NetworkOut(Schema):
    seed: int
    organisations: list[NetworkOrganisationOut]
    links: list[NetworkLinkOut]
    communities: list[list[int]]
    gaps: list[NetworkGapOut]


@router.api_operation(
    ["GET"],
    OPERATIONS["area_network"][1],
    url_name="area_network",
    operation_id="area_network",
    tags=["VCS"],
    response={200: NetworkOut, 401: Error, 404: Error},
)
def area_network(request: HttpRequest, slug: str) -> Any:
    """The area's children's centres, VCS groups and linked organisations with their centrality and
    community, the links between them, and the gaps (a centre and a VCS group with a theme in common and
    no link), as the network page shows them."""
    area = get_object_or_404(Area, slug=slug)
    authorise(request.auth, VIEW_VCS, area)  # type: ignore[attr-defined]
    found = selectors.area_network(area)
    network = found.network
    return {
        "seed": found.seed,
        "organisations": [
            {
                "id": organisation.pk,
                "name": organisation.name,
                "kind": organisation.kind,
                "degree": measure.degree,
                "weighted_degree": measure.weighted_degree,
                "betweenness": measure.betweenness,
                "community": measure.community,
                "x": network.positions[organisation.pk][0],
                "y": network.positions[organisation.pk][1],
            }
            for organisation, measure in found.rows()
        ],
        "links": [
            {
                "id": link.pk,
                "organisation_a_id": link.organisation_a_id,
                "organisation_b_id": link.organisation_b_id,
                "kind": link.kind,
                "strength": link.strength,
                "note": link.note,
            }
            for link in found.links
        ],
        "communities": network.communities,
        "gaps": [
            {"organisation_a_id": gap.a, "organisation_b_id": gap.b, "shared": list(gap.shared)}
            for gap in network.gaps
        ],
    }
