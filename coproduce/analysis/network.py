"""Who works with whom: the measures of an area's network of organisations, with networkx.

The web app (coproduce/vcs) hands in organisations and the links between them; this module says how central
each one is (degree, betweenness), which groups form (Louvain communities, seeded so the answer repeats),
where to draw each one on the map (a seeded spring layout), and the gaps: pairs that share a concern (a
theme their people raised, later a need) but have no link. No Django here (tests/test_boundaries.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx

DEFAULT_SEED = 2011  # the year the Bexley programme began; any fixed number makes the map repeat


@dataclass(frozen=True)
class Node:
    id: int
    label: str
    kind: str  # the organisation's kind: "vcs", "childrens_centre" …


@dataclass(frozen=True)
class Edge:
    a: int
    b: int
    kind: str
    strength: int  # 1 (occasional) to 3 (close)


@dataclass(frozen=True)
class Measure:
    degree: int  # how many organisations it has a link with
    weighted_degree: int  # the sum of the strongest link's strength to each of them
    betweenness: float  # the share of shortest paths between two others that pass through it (0 to 1)
    community: int  # 0 for the largest community, 1 for the next …


@dataclass(frozen=True)
class Gap:
    """Two organisations (of the kinds asked for) with something in common and no link between them."""

    a: int
    b: int
    shared: tuple[str, ...]


@dataclass
class Network:
    nodes: list[Node]
    edges: list[Edge]
    measures: dict[int, Measure]
    communities: list[list[int]]
    positions: dict[int, tuple[float, float]]  # in the unit square, 0 to 1 each way
    gaps: list[Gap] = field(default_factory=list)


def graph_of(nodes: Iterable[Node], edges: Iterable[Edge]) -> nx.Graph:
    """An undirected graph: one edge per pair of organisations however many kinds of link they have, its
    weight the strongest of them (two weak links are not one close one)."""
    graph = nx.Graph()
    for node in sorted(nodes, key=lambda n: n.id):
        graph.add_node(node.id, label=node.label, kind=node.kind)
    for edge in sorted(edges, key=lambda e: (e.a, e.b, e.kind)):
        if edge.a == edge.b:
            raise ValueError(f"An organisation cannot be linked to itself (node {edge.a})")
        if edge.a not in graph or edge.b not in graph:
            raise ValueError(f"Edge {edge.a}-{edge.b} names an organisation that is not in the network")
        if not 1 <= edge.strength <= 3:
            raise ValueError(f"Edge {edge.a}-{edge.b} has strength {edge.strength}; it must be 1 to 3")
        old = graph.edges[edge.a, edge.b]["weight"] if graph.has_edge(edge.a, edge.b) else 0
        graph.add_edge(edge.a, edge.b, weight=max(old, edge.strength))
    return graph


def centrality(graph: nx.Graph) -> dict[int, tuple[int, int, float]]:
    """Node -> (degree, weighted degree, betweenness). Betweenness counts hops, not strength: a weak link
    still carries word from one organisation to another, and a stronger one is not a "shorter" path."""
    betweenness = nx.betweenness_centrality(graph, normalized=True)
    return {
        node: (graph.degree(node), int(graph.degree(node, weight="weight")), float(betweenness[node]))
        for node in graph.nodes
    }


def communities_of(graph: nx.Graph, *, seed: int = DEFAULT_SEED) -> list[list[int]]:
    """Louvain communities (by link strength), largest first, each sorted; an organisation with no link is a
    community of its own. The seed makes the same network give the same communities every time."""
    if graph.number_of_edges() == 0:
        found = [{node} for node in graph.nodes]
    else:
        found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    return sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))


def layout(graph: nx.Graph, *, seed: int = DEFAULT_SEED) -> dict[int, tuple[float, float]]:
    """Where to draw each organisation, in the unit square: linked organisations near each other, from a
    fixed seed, so the map looks the same on every visit."""
    if graph.number_of_nodes() == 0:
        return {}
    if graph.number_of_nodes() == 1:
        return {next(iter(graph.nodes)): (0.5, 0.5)}
    # Kamada-Kawai spreads the organisations more evenly than the spring layout alone (labels overlap less);
    # it starts from the seeded spring layout, so the map still repeats, and it is deterministic from there.
    start = nx.spring_layout(graph, seed=seed, weight="weight")
    raw = nx.kamada_kawai_layout(graph, pos=start)
    xs = [float(p[0]) for p in raw.values()]
    ys = [float(p[1]) for p in raw.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    return {
        node: ((float(p[0]) - min(xs)) / span_x, (float(p[1]) - min(ys)) / span_y) for node, p in raw.items()
    }


def gaps_of(
    graph: nx.Graph,
    shared: Mapping[tuple[int, int], Sequence[str]],
    *,
    kinds: tuple[str, str] | None = None,
) -> list[Gap]:
    """The pairs that share something (``shared[(a, b)]``, a < b: the themes or needs in common) but have no
    link, most in common first. With ``kinds``, only pairs of one of each (a centre and a VCS group)."""
    gaps = []
    for (a, b), things in shared.items():
        if not things or a == b or a not in graph or b not in graph or graph.has_edge(a, b):
            continue
        if kinds is not None:
            pair_kinds = {graph.nodes[a]["kind"], graph.nodes[b]["kind"]}
            if pair_kinds != set(kinds):
                continue
        gaps.append(Gap(min(a, b), max(a, b), tuple(sorted(set(things)))))
    return sorted(gaps, key=lambda g: (-len(g.shared), g.a, g.b))


def network_of(
    nodes: Sequence[Node],
    edges: Sequence[Edge],
    *,
    shared: Mapping[tuple[int, int], Sequence[str]] | None = None,
    gap_kinds: tuple[str, str] | None = None,
    seed: int = DEFAULT_SEED,
) -> Network:
    """Everything the network page shows, from the organisations and their links."""
    graph = graph_of(nodes, edges)
    found = communities_of(graph, seed=seed)
    community = {node: number for number, members in enumerate(found) for node in members}
    measures = {
        node: Measure(degree, weighted, betweenness, community[node])
        for node, (degree, weighted, betweenness) in centrality(graph).items()
    }
    return Network(
        nodes=sorted(nodes, key=lambda n: n.id),
        edges=list(edges),
        measures=measures,
        communities=found,
        positions=layout(graph, seed=seed),
        gaps=gaps_of(graph, shared or {}, kinds=gap_kinds),
    )
