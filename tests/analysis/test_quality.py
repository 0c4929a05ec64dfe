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
