"""Themes recur across areas when their centroids are close in meaning, or, where centroids cannot be
compared, when their names share enough content words; never within one area."""

import math

import pytest

from coproduce.reports.recurrence import (
    MIN_SIMILARITY,
    NamedTheme,
    content_words,
    cosine,
    recurring_themes,
    same_theme,
    word_comparisons,
)


def test_names_are_reduced_to_their_words_without_small_ones():
    assert content_words("Children's centres' funding and the VCS") == {
        "children",
        "centre",
        "funding",
        "vcs",
    }
    assert content_words("Commissioning timetables") == {"commissioning", "timetable"}
    assert content_words("Knowing what the VCS offers") == {"knowing", "vcs", "offer"}


def matches(first: str, second: str) -> bool:
    return same_theme(content_words(first), content_words(second))


def test_half_the_words_of_the_shorter_name_must_be_shared():
    assert matches("Commissioning timetables", "Timetable for commissioning")
    assert matches("Funding", "Funding and contract competition")
    assert matches("What the VCS can offer", "Knowing what the VCS offers")
    assert not matches("Parent forum awareness", "Awareness of commissioning and contracts")


def test_the_programmes_everyday_words_are_never_what_two_names_share():
    assert not matches("Children's centre buildings", "Children's centre staffing")
    assert not matches("The VCS and children's centres", "VCS children's centres")
    # Engine labels: three key phrases; one shared word of three is not enough.
    assert not matches("centres / local / shared", "volunteers / end / shared")


def test_matching_themes_of_two_areas_recur_and_the_rest_do_not():
    themes = [
        NamedTheme("Bexley", "Commissioning timetables", size=30),
        NamedTheme("Bexley", "Change management", size=20),
        NamedTheme("Riverside", "Timetables for commissioning", size=12),
        NamedTheme("Riverside", "Managing change together", size=9),
        NamedTheme("Riverside", "Parent forums", size=5),
        NamedTheme("Leeds", "Commissioning timetable and CPD", size=7),
    ]

    recurring = recurring_themes(themes)

    assert [(r.shared_words, r.areas) for r in recurring] == [
        (["commissioning", "timetable"], ["Bexley", "Leeds", "Riverside"]),
        (["change"], ["Bexley", "Riverside"]),
    ]
    assert [t.label for t in recurring[0].themes] == [
        "Commissioning timetables",
        "Commissioning timetable and CPD",
        "Timetables for commissioning",
    ]


def test_two_themes_of_one_area_are_never_a_recurrence():
    themes = [
        NamedTheme("Bexley", "Commissioning timetables"),
        NamedTheme("Bexley", "Commissioning timetable"),
    ]
    assert recurring_themes(themes) == []


# By meaning: centroids in one embedder's space. Unit vectors along a few axes, nudged.
MODEL = "fake-model@1"


def unit(*weights: float) -> tuple[float, ...]:
    norm = math.sqrt(sum(w * w for w in weights))
    return tuple(w / norm for w in weights)


PARENTS, MONEY, TRANSPORT, SCHOOLS = (
    unit(1, 0.1, 0, 0),
    unit(0, 1, 0.1, 0),
    unit(0, 0, 1, 0.1),
    unit(0.1, 0, 0, 1),
)


def meant(area: str, label: str, centroid: tuple[float, ...], size: int = 10) -> NamedTheme:
    return NamedTheme(area, label, size=size, centroid=centroid, embedder=MODEL)


def test_themes_close_in_meaning_recur_though_their_names_share_no_word():
    themes = [
        meant("Bexley", "Parent forums", PARENTS),
        meant("Bexley", "Commissioning timetables", MONEY),
        meant("Riverside", "Mums and dads having a say", unit(0.95, 0.15, 0.05, 0)),
        meant("Riverside", "Timetables for commissioning", TRANSPORT),
    ]

    recurring = recurring_themes(themes)

    assert [[t.label for t in r.themes] for r in recurring] == [
        ["Parent forums", "Mums and dads having a say"]
    ]
    (link,) = recurring[0].links
    assert link.by_meaning and link.similarity == pytest.approx(
        cosine(PARENTS, unit(0.95, 0.15, 0.05, 0)), abs=1e-4
    )
    assert link.closeness == "very close in meaning"
    assert recurring[0].title == "Parent forums"  # the largest theme's name (a tie: by name)
    assert word_comparisons(themes) == []


def test_a_theme_matches_at_most_one_theme_in_each_other_area_its_closest():
    themes = [
        meant("Bexley", "Parent forums", PARENTS),
        meant("Riverside", "Parents' forum", unit(1, 0.12, 0, 0)),
        meant("Riverside", "Parents on the board", unit(1, 0.3, 0.1, 0)),
    ]

    (group,) = recurring_themes(themes)

    assert [t.label for t in group.themes] == ["Parent forums", "Parents' forum"]


def test_a_match_must_be_close_enough():
    far = unit(1, 1, 1, 1)  # the mutual best match, but only half alike
    assert cosine(PARENTS, far) < MIN_SIMILARITY
    assert (
        recurring_themes(
            [meant("Bexley", "Parent forums", PARENTS), meant("Riverside", "Parent forums", far)]
        )
        == []
    )


def test_matches_chain_across_three_areas():
    themes = [
        meant("Bexley", "Schools and the VCS", SCHOOLS),
        meant("Leeds", "Head teachers as partners", unit(0.1, 0, 0.05, 1)),
        meant("Riverside", "Village schools", unit(0.15, 0.02, 0, 1)),
    ]
    (group,) = recurring_themes(themes)
    assert group.areas == ["Bexley", "Leeds", "Riverside"] and len(group.links) == 3


def test_areas_without_comparable_centroids_are_compared_by_words_and_the_reason_is_given():
    themes = [
        meant("Bexley", "Commissioning timetables", MONEY),
        meant("Bexley", "Parent forums", PARENTS),
        NamedTheme("Riverside", "Timetables for commissioning", embedder="tfidf-svd"),  # fitted per run
        NamedTheme("Leeds", "Parent forums"),  # saved before themes kept a centroid
        NamedTheme("Kent", "Parent forums", centroid=unit(1, 0, 0), embedder="other-model"),
    ]

    recurring = recurring_themes(themes)

    assert [(r.title, r.areas) for r in recurring] == [
        ("forum, parent", ["Bexley", "Kent", "Leeds"]),
        ("commissioning, timetable", ["Bexley", "Riverside"]),
    ]
    assert all(not link.by_meaning for r in recurring for link in r.links)
    notes = {n.areas: n.reason for n in word_comparisons(themes)}
    assert "before themes kept their centre of meaning" in notes[("Leeds",)]
    assert "tfidf-svd" in notes[("Riverside",)] and "fitted to its own comments" in notes[("Riverside",)]
    assert "different embedders" in notes[("Bexley", "Kent")]
    assert set(notes) == {("Leeds",), ("Riverside",), ("Bexley", "Kent")}
