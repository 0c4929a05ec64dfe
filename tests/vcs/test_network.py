"""The network's measures on a small graph, against values worked out by hand (coproduce/analysis/network.py).

The graph: five organisations, 1 and 4 children's centres, 2, 3 and 5 VCS groups.

        1 ===3=== 2          links and strengths:  1-2: 3 (and an informal 1 on the same pair)
         \\       /                               1-3: 2,  2-3: 1
          2     1                                3-4: 2,  4-5: 1
           \\   /
             3 ---2--- 4 ---1--- 5
"""

import pytest

from coproduce.analysis import network as net

CC, VCS = "childrens_centre", "vcs"
NODES = [net.Node(1, "One", CC), net.Node(2, "Two", VCS), net.Node(3, "Three", VCS)]
NODES += [net.Node(4, "Four", CC), net.Node(5, "Five", VCS)]
EDGES = [
    net.Edge(1, 2, "partnership", 3),
    net.Edge(1, 2, "informal", 1),  # a second kind of link on the same pair: one edge, the stronger weight
    net.Edge(1, 3, "referral", 2),
    net.Edge(2, 3, "referral", 1),
    net.Edge(3, 4, "consortium", 2),
    net.Edge(4, 5, "informal", 1),
]


def test_degree_counts_organisations_linked_and_weighted_degree_sums_the_strongest_link_to_each():
    measures = net.network_of(NODES, EDGES).measures
    # Degree by hand: 1 is linked to 2 and 3; 2 to 1 and 3; 3 to 1, 2 and 4; 4 to 3 and 5; 5 to 4.
    assert {n: m.degree for n, m in measures.items()} == {1: 2, 2: 2, 3: 3, 4: 2, 5: 1}
    # Weighted: 1 = 3 (to 2, not 3 + 1) + 2 (to 3) = 5; 2 = 3 + 1 = 4; 3 = 2 + 1 + 2 = 5; 4 = 2 + 1; 5 = 1.
    assert {n: m.weighted_degree for n, m in measures.items()} == {1: 5, 2: 4, 3: 5, 4: 3, 5: 1}


def test_betweenness_is_the_share_of_shortest_paths_between_two_others_through_each():
    measures = net.network_of(NODES, EDGES).measures
    # Ten pairs. 3 sits on the only shortest path of (1,4), (1,5), (2,4) and (2,5): 4 paths. 4 sits on
    # (1,5), (2,5) and (3,5): 3. 1, 2 and 5 on none (2 reaches 4 by 2-3-4, never through 1). Normalised
    # for an undirected graph by the (n-1)(n-2)/2 = 4*3/2 = 6 pairs that do not include the node:
    # 3 -> 4/6, 4 -> 3/6 = 0.5.
    expected = {1: 0.0, 2: 0.0, 3: 4 / 6, 4: 0.5, 5: 0.0}
    assert {n: m.betweenness for n, m in measures.items()} == pytest.approx(expected)


def test_the_strong_pair_is_a_community_of_its_own_because_that_split_has_the_most_modularity():
    # Modularity Q = sum over communities of L_c/m - (d_c/2m)^2, with m = 3+2+1+2+1 = 9, 2m = 18 and the
    # weighted degrees above. {1,2} | {3,4,5}: (3/9 - (9/18)^2) + (3/9 - (9/18)^2) = 1/6, about 0.167.
    # {1,2,3} | {4,5}, the triangle and the tail: (6/9 - (14/18)^2) + (1/9 - (4/18)^2) = 0.123, less.
    # {1,2} | {3,4} | {5}: 0.105; everything in one: 0. So the strong 1-2 pair is split off.
    network = net.network_of(NODES, EDGES)
    assert network.communities == [[3, 4, 5], [1, 2]]  # largest first
    assert {n: m.community for n, m in network.measures.items()} == {1: 1, 2: 1, 3: 0, 4: 0, 5: 0}


def test_the_same_seed_gives_the_same_map_and_every_point_is_in_the_unit_square():
    first = net.network_of(NODES, EDGES, seed=7).positions
    assert net.network_of(list(reversed(NODES)), list(reversed(EDGES)), seed=7).positions == first
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in first.values())
    assert {round(v, 6) for xy in first.values() for v in xy} >= {0.0, 1.0}  # stretched to fill it


def test_a_gap_is_a_centre_and_a_vcs_group_with_something_in_common_and_no_link_most_in_common_first():
    shared = {
        (1, 2): ["Theme: A"],  # linked: not a gap
        (1, 5): ["Theme: B"],  # centre 1, VCS 5, not linked: a gap
        (2, 4): ["Theme: C", "Theme: D"],  # VCS 2, centre 4, not linked: a gap with two in common
        (3, 5): ["Theme: E"],  # two VCS groups: not the kind of gap asked for
        (1, 4): ["Theme: F"],  # two centres: neither
        (2, 5): [],  # nothing in common: never a gap
    }
    gaps = net.network_of(NODES, EDGES, shared=shared, gap_kinds=(CC, VCS)).gaps
    assert gaps == [net.Gap(2, 4, ("Theme: C", "Theme: D")), net.Gap(1, 5, ("Theme: B",))]
    # Without kinds, the two VCS groups (3, 5) and the two centres (1, 4) are gaps too.
    assert len(net.network_of(NODES, EDGES, shared=shared).gaps) == 4


def test_an_organisation_with_no_link_is_a_community_of_its_own_with_nothing_measured():
    network = net.network_of([*NODES, net.Node(6, "Six", VCS)], EDGES)
    assert network.measures[6] == net.Measure(0, 0, 0.0, 2)
    assert network.communities[-1] == [6]
    assert net.network_of([net.Node(1, "One", CC)], []).positions == {1: (0.5, 0.5)}


@pytest.mark.parametrize(
    ("edge", "message"),
    [
        (net.Edge(1, 1, "informal", 1), "linked to itself"),
        (net.Edge(1, 2, "informal", 4), "must be 1 to 3"),
        (net.Edge(1, 9, "informal", 1), "not in the network"),
    ],
)
def test_a_graph_refuses_a_self_link_a_strength_out_of_range_and_an_unknown_organisation(edge, message):
    with pytest.raises(ValueError, match=message):
        net.graph_of(NODES, [edge])
