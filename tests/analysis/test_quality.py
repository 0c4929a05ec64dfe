from coproduce.analysis.config import EngineConfig
from coproduce.analysis.quality import quality_warnings
from coproduce.analysis.result import Assignment, Theme


def theme(theme_id, label, size):
    return Theme(theme_id, label, tuple(label.split(" / ")), size, (), (), label)


def assignments(spec):
    return [Assignment(i, primary, 0.9, secondary) for i, (primary, secondary) in enumerate(spec)]


def codes(warnings):
    return [(w.code, w.themes) for w in warnings]


def test_a_theme_with_too_few_comments_is_reported():
    themes = [theme(1, "funding / contracts", 20), theme(2, "parking", 2)]
    spec = [(1, ())] * 20 + [(2, ())] * 2
    assert codes(quality_warnings(themes, assignments(spec), EngineConfig())) == [("small_theme", (2,))]


def test_a_theme_below_the_minimum_share_is_reported():
    themes = [theme(1, "funding", 195), theme(2, "parking", 5)]
    spec = [(1, ())] * 195 + [(2, ())] * 5
    config = EngineConfig(min_theme_share=0.05)
    assert codes(quality_warnings(themes, assignments(spec), config)) == [("small_theme", (2,))]


def test_two_themes_with_similar_labels_are_reported():
    themes = [theme(1, "funding / contracts / charities", 10), theme(2, "funding / contracts / grants", 10)]
    spec = [(1, ())] * 10 + [(2, ())] * 10
    assert codes(quality_warnings(themes, assignments(spec), EngineConfig())) == [("similar_labels", (1, 2))]


def test_two_themes_sharing_many_comments_are_reported():
    themes = [theme(1, "funding", 10), theme(2, "volunteers", 10)]
    spec = [(1, (2,))] * 4 + [(1, ())] * 6 + [(2, ())] * 10
    assert codes(quality_warnings(themes, assignments(spec), EngineConfig())) == [
        ("overlapping_themes", (1, 2))
    ]


def test_a_healthy_theme_set_has_no_warnings():
    themes = [theme(1, "funding", 10), theme(2, "volunteers", 10)]
    spec = [(1, (2,))] + [(1, ())] * 9 + [(2, ())] * 10
    assert quality_warnings(themes, assignments(spec), EngineConfig()) == []


def test_a_large_theme_is_not_reported_as_overlapping_every_theme_through_secondary_themes():
    # Theme 1 holds half the comments, so two in five comments of every other theme name it as their
    # secondary theme: that is its size, not an overlap. Themes 2 and 3 do overlap: only they share comments.
    themes = [theme(1, "money", 60), theme(2, "parking", 20), theme(3, "car parks", 20), theme(4, "bins", 20)]
    spec = (
        [(1, ())] * 60
        + [(2, (1,))] * 8
        + [(2, (3,))] * 8
        + [(2, ())] * 4
        + [(3, (1,))] * 8
        + [(3, ())] * 12
        + [(4, (1,))] * 8
        + [(4, ())] * 12
    )
    assert codes(quality_warnings(themes, assignments(spec), EngineConfig())) == [
        ("overlapping_themes", (2, 3))
    ]


def test_two_secondary_themes_of_one_comment_do_not_overlap():
    # Overlap is a comment placed in one theme with the other as its secondary theme; a comment in theme 1
    # naming both 2 and 3 says nothing about 2 and 3.
    themes = [theme(1, "funding", 10), theme(2, "volunteers", 10), theme(3, "parking", 10)]
    spec = [(1, (2, 3))] * 5 + [(1, ())] * 5 + [(2, ())] * 10 + [(3, ())] * 10
    assert ("overlapping_themes", (2, 3)) not in codes(
        quality_warnings(themes, assignments(spec), EngineConfig())
    )


def test_warnings_name_themes_by_their_label_never_by_their_number():
    themes = [
        theme(7, "funding / contracts / charities", 20),
        theme(8, "funding / contracts / grants", 20),
        theme(9, "parking", 2),
    ]
    spec = [(7, (8,))] * 10 + [(7, ())] * 10 + [(8, ())] * 20 + [(9, ())] * 2
    warnings = quality_warnings(themes, assignments(spec), EngineConfig())
    assert {w.code for w in warnings} == {"small_theme", "similar_labels", "overlapping_themes"}
    for warning in warnings:
        assert not any(str(n) in warning.message.split("“")[0] for n in (7, 8, 9)), warning.message
        assert "Theme" not in warning.message
    assert "“parking” has only 2 comments" in warnings[0].message
    assert "“funding / contracts / charities” and “funding / contracts / grants”" in warnings[1].message


def test_words_like_for_and_the_do_not_make_two_names_alike():
    themes = [theme(1, "information for the parents", 10), theme(2, "training for the volunteers", 10)]
    spec = [(1, ())] * 10 + [(2, ())] * 10
    assert quality_warnings(themes, assignments(spec), EngineConfig()) == []
