import random

import pytest

from coproduce.planning.edge_colouring import colour_bipartite_edges, max_degree


def assert_proper(edges, colours):
    at_vertex = set()
    for (u, v), colour in zip(edges, colours, strict=True):
        assert ("left", u, colour) not in at_vertex and ("right", v, colour) not in at_vertex
        at_vertex |= {("left", u, colour), ("right", v, colour)}


def test_random_bipartite_graphs_take_exactly_as_many_colours_as_their_largest_degree():
    rng = random.Random(6)
    for _ in range(300):
        left, right = rng.randint(1, 25), rng.randint(1, 25)
        density = rng.random()
        edges = [(u, v) for u in range(left) for v in range(right) if rng.random() < density]
        rng.shuffle(edges)
        colours = colour_bipartite_edges(edges)
        assert_proper(edges, colours)
        assert set(colours) == set(range(max_degree(edges)))


def test_a_complete_bipartite_graph_is_a_latin_rectangle():
    edges = [(u, v) for u in range(4) for v in range(7)]
    colours = colour_bipartite_edges(edges)
    assert_proper(edges, colours)
    assert max(colours) == 6


def test_no_edges_need_no_colours():
    assert colour_bipartite_edges([]) == []
    assert max_degree([]) == 0


def test_an_edge_given_twice_is_refused():
    with pytest.raises(ValueError, match="listed twice"):
        colour_bipartite_edges([(0, 1), (0, 1)])
