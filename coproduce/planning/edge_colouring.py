"""Colour the edges of a bipartite graph with as few colours as its largest degree (König's theorem).

A rotation's remaining meetings form a bipartite graph (one side per group); a colour is a round, so a
colouring with Δ colours is a plan with the fewest rounds any plan can have: the person with Δ unmet
partners needs Δ rounds. The method is the classic alternating-path recolouring: give each edge a colour
free at both ends, and when the two ends have no free colour in common, swap two colours along the
alternating path from one end, which in a bipartite graph never comes back to the other end.
"""

from __future__ import annotations

from collections.abc import Sequence

_FREE = -1


def max_degree(edges: Sequence[tuple[int, int]]) -> int:
    """The largest number of edges at any one vertex (left and right vertices are counted apart)."""
    left: dict[int, int] = {}
    right: dict[int, int] = {}
    for u, v in edges:
        left[u] = left.get(u, 0) + 1
        right[v] = right.get(v, 0) + 1
    return max([*left.values(), *right.values()], default=0)


def colour_bipartite_edges(edges: Sequence[tuple[int, int]]) -> list[int]:
    """A colour in ``0..Δ-1`` for each edge ``(left, right)``, no two edges at a vertex sharing one.

    Vertices are non-negative ints, left and right numbered independently. The edges must be distinct
    (a simple graph), which is all a rotation needs: a pair meets at most once. Deterministic: the same
    edges in the same order give the same colours. Time is O(E·(Δ + V)).
    """
    if len(set(edges)) != len(edges):
        raise ValueError("an edge is listed twice; each pair can only be coloured once")
    delta = max_degree(edges)
    n_left = max((u for u, _ in edges), default=-1) + 1
    n_right = max((v for _, v in edges), default=-1) + 1
    # One table for both sides: left vertex u is row u, right vertex v is row n_left + v.
    # partner[x][c] is the vertex joined to x by its edge of colour c, or _FREE.
    partner = [[_FREE] * delta for _ in range(n_left + n_right)]
    for u, v in edges:
        x, y = u, n_left + v
        a = partner[x].index(_FREE)  # free at x: x has fewer than Δ coloured edges so far
        if partner[y][a] != _FREE:
            b = partner[y].index(_FREE)
            _swap_along_path(partner, y, a, b)
        partner[x][a] = y
        partner[y][a] = x
    return [partner[u].index(n_left + v) for u, v in edges]


def _swap_along_path(partner: list[list[int]], start: int, a: int, b: int) -> None:
    """Swap colours a and b on the path from ``start`` whose edges are coloured a, b, a, …

    ``b`` is free at ``start``, so afterwards ``a`` is. The path cannot reach the vertex that ``a`` is
    free at on the other side (it would arrive by an a-edge at an odd step, which bipartiteness rules
    out), so the colouring stays proper.
    """
    path = [start]
    colour, here = a, start
    while partner[here][colour] != _FREE:
        here = partner[here][colour]
        path.append(here)
        colour = b if colour == a else a
    hops = list(zip(path, path[1:], strict=False))
    for step, (x, y) in enumerate(hops):
        old = a if step % 2 == 0 else b
        partner[x][old] = _FREE
        partner[y][old] = _FREE
    for step, (x, y) in enumerate(hops):
        new = b if step % 2 == 0 else a
        partner[x][new] = y
        partner[y][new] = x
