"""The network map as drawing instructions for an inline SVG (vcs/includes/network_svg.html): where each
organisation and link goes, in pixels, from the seeded layout of coproduce/analysis/network.py."""

from __future__ import annotations

from dataclasses import dataclass

from coproduce.directory.models import OrganisationKind
from coproduce.vcs.selectors import AreaNetwork

WIDTH, HEIGHT = 760, 560
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 100, 30, 40
# GOV.UK colours, one per community (the shape, not the colour, says the kind of organisation)
COLOURS = ("#1d70b8", "#00703c", "#d4351c", "#4c2c92", "#f47738", "#28a197", "#912b88", "#505a5f")
GAPS_DRAWN = 3  # the three with most in common: more would hide the links
SHAPES: dict[str, str] = {
    OrganisationKind.CHILDRENS_CENTRE.value: "square",
    OrganisationKind.VCS.value: "circle",
}


@dataclass
class MapNode:
    x: float
    y: float
    label: str
    short_label: str
    shape: str  # "square" (children's centre), "circle" (VCS), "diamond" (any other)
    colour: str
    description: str


@dataclass
class MapLine:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    description: str


@dataclass
class NetworkMap:
    width: int
    height: int
    nodes: list[MapNode]
    links: list[MapLine]
    gaps: list[MapLine]
    title: str
    description: str

    @property
    def has_other(self) -> bool:
        return any(node.shape == "diamond" for node in self.nodes)


def short_name(name: str) -> str:
    short = name.replace("Children's Centre", "CC").replace("Community", "Comm.")
    return short if len(short) <= 24 else short[:23] + "…"


def network_map(area_network: AreaNetwork, *, area_name: str) -> NetworkMap:
    network = area_network.network
    organisations = area_network.organisations

    def point(node: int) -> tuple[float, float]:
        x, y = network.positions[node]
        return (
            MARGIN_X + x * (WIDTH - 2 * MARGIN_X),
            MARGIN_TOP + y * (HEIGHT - MARGIN_TOP - MARGIN_BOTTOM),
        )

    nodes = []
    for node in sorted(network.positions):
        organisation = organisations[node]
        measure = network.measures[node]
        x, y = point(node)
        shape = SHAPES.get(organisation.kind, "diamond")
        nodes.append(
            MapNode(
                x,
                y,
                organisation.name,
                short_name(organisation.name),
                shape,
                COLOURS[measure.community % len(COLOURS)],
                f"{organisation.name} ({organisation.get_kind_display()}): {measure.degree} "
                f"link{'s' if measure.degree != 1 else ''}, community {measure.community + 1}",
            )
        )
    pairs: dict[tuple[int, int], list] = {}
    for link in area_network.links:
        pairs.setdefault((link.organisation_a_id, link.organisation_b_id), []).append(link)
    links = []
    for (a, b), same_pair in sorted(pairs.items()):
        (x1, y1), (x2, y2) = point(a), point(b)
        strength = max(link.strength for link in same_pair)
        kinds = ", ".join(link.get_kind_display().lower() for link in same_pair)
        links.append(
            MapLine(
                x1,
                y1,
                x2,
                y2,
                1 + strength,
                f"{organisations[a]} – {organisations[b]}: {kinds}, strength {strength}",
            )
        )
    gaps = []
    for gap in network.gaps[:GAPS_DRAWN]:
        (x1, y1), (x2, y2) = point(gap.a), point(gap.b)
        gaps.append(
            MapLine(
                x1,
                y1,
                x2,
                y2,
                2,
                f"Gap: {organisations[gap.a]} and {organisations[gap.b]} share {len(gap.shared)}",
            )
        )
    communities = len([c for c in network.communities if len(c) > 1])
    description = (
        f"{len(nodes)} organisations and {len(links)} linked pairs; {communities} "
        f"communit{'ies' if communities != 1 else 'y'} of more than one organisation"
        + (f"; {len(gaps)} gaps drawn dashed" if gaps else "")
        + ". The tables below give the same network."
    )
    return NetworkMap(
        WIDTH,
        HEIGHT,
        nodes,
        links,
        gaps,
        f"Network map of {area_name}'s children's centres and VCS groups",
        description,
    )
