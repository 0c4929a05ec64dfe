"""Themes recur across areas when their names share enough content words; never within one area."""

from coproduce.reports.recurrence import NamedTheme, content_words, recurring_themes, same_theme


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
