import json

import pytest

from coproduce.analysis import Merge, Move, Pin, Rename, Split, Unpin, analyse, apply_edits, undo
from coproduce.analysis.edits import EditError, edit_from_dict, edit_to_dict, edits_from_json, edits_to_json
from tests.analysis.comments import KeywordEmbedder, themed_comments


@pytest.fixture(scope="module")
def base():
    texts, _ = themed_comments()
    return analyse(texts, embedder=KeywordEmbedder(), n_themes=3)


def theme_of(result, comment_id):
    return next(a.theme for a in result.assignments if a.comment_id == comment_id)


def test_a_renamed_theme_shows_the_human_name_and_keeps_the_engine_label(base):
    result = apply_edits(base, Rename(1, "Longer, simpler funding"))
    theme = result.theme(1)
    assert theme.label == "Longer, simpler funding"
    assert theme.renamed
    assert theme.engine_label == base.theme(1).label


def test_merging_themes_puts_all_their_comments_in_the_first(base):
    result = apply_edits(base, Merge((2, 3)))
    assert result.n_themes == 2
    assert result.theme(2).size == base.theme(2).size + base.theme(3).size
    with pytest.raises(KeyError):
        result.theme(3)


def test_splitting_a_theme_reclusters_only_its_comments(base):
    result = apply_edits(base, Split(1, into=2))
    assert result.n_themes == 4
    assert {t.id for t in result.themes} == {1, 2, 3, 4}
    assert result.theme(1).size + result.theme(4).size == base.theme(1).size
    for theme_id in (2, 3):
        assert result.members(theme_id) == base.members(theme_id)


def test_moving_a_comment_changes_only_its_theme(base):
    comment = base.members(1)[0]
    result = apply_edits(base, Move(comment, 2))
    assert theme_of(result, comment) == 2
    changed = [
        a.comment_id for a, b in zip(base.assignments, result.assignments, strict=True) if a.theme != b.theme
    ]
    assert changed == [comment]
    assert next(a for a in result.assignments if a.comment_id == comment).confidence < 0.5


def test_a_pinned_comment_stays_in_its_theme_through_a_split_and_a_merge(base):
    comment = base.members(1)[0]
    result = apply_edits(base, Pin(comment, 1), Split(1, 2), Merge((2, 1)))
    assert theme_of(result, comment) == 2
    assert next(a for a in result.assignments if a.comment_id == comment).pinned


def test_unpinning_keeps_the_comment_where_it_is(base):
    comment = base.members(1)[0]
    result = apply_edits(base, Pin(comment, 3), Unpin(comment))
    assert theme_of(result, comment) == 3
    assert not next(a for a in result.assignments if a.comment_id == comment).pinned


def test_undo_removes_the_last_edit_only(base):
    renamed = apply_edits(base, Rename(1, "Money"))
    merged = apply_edits(renamed, Merge((2, 3)))
    assert merged.edits == (Rename(1, "Money"), Merge((2, 3)))
    back = undo(merged)
    assert back.edits == (Rename(1, "Money"),)
    assert [t.to_dict() for t in back.themes] == [t.to_dict() for t in renamed.themes]
    assert undo(back).to_dict()["themes"] == base.to_dict()["themes"]


def test_there_is_nothing_to_undo_on_a_fresh_result(base):
    with pytest.raises(ValueError, match="no edit to undo"):
        undo(base)


def test_edits_given_to_analyse_are_applied_after_clustering():
    texts, _ = themed_comments()
    result = analyse(texts, embedder=KeywordEmbedder(), n_themes=3, edits=[Rename(2, "Reaching parents")])
    assert result.theme(2).label == "Reaching parents"
    assert result.base is not None
    assert result.base.theme(2).label != "Reaching parents"


def test_edits_round_trip_through_json():
    edits = [Rename(1, "Money"), Merge((2, 3)), Split(1, 3), Move("c7", 2), Pin(4, 1), Unpin(4)]
    assert edits_from_json(edits_to_json(edits)) == edits
    assert json.loads(edits_to_json([Merge((2, 3))])) == [{"op": "merge", "themes": [2, 3]}]
    assert edit_to_dict(Move(5, 2)) == {"op": "move", "comment": 5, "theme": 2}


def test_edits_naming_missing_themes_or_comments_are_refused(base):
    with pytest.raises(EditError, match="no theme 9"):
        apply_edits(base, Rename(9, "Nothing"))
    with pytest.raises(EditError, match="no comment 'zzz'"):
        apply_edits(base, Move("zzz", 1))
    with pytest.raises(EditError, match="at least two"):
        apply_edits(base, Merge((1, 1)))
    with pytest.raises(EditError, match="unknown edit"):
        edit_from_dict({"op": "explode"})


def test_a_split_with_its_parts_given_puts_those_comments_apart_and_the_rest_nearest(base):
    joined = apply_edits(base, Merge((2, 3)))
    two, three = base.members(2), base.members(3)
    # One comment of each theme named; the others follow the part whose comments they are nearest.
    result = apply_edits(joined, Split(2, into=2, parts=((three[0],), (two[0],))))
    assert result.n_themes == 3
    assert set(result.members(2)) == set(three)  # the first part keeps the theme's id
    assert set(result.members(4)) == set(two)
    assert result.members(1) == base.members(1)


def test_a_split_with_parts_round_trips_and_bad_parts_are_refused(base):
    split = Split(2, into=2, parts=((1, 2), ("c3",)))
    assert edit_to_dict(split) == {"op": "split", "theme": 2, "into": 2, "parts": [[1, 2], ["c3"]]}
    assert edits_from_json(edits_to_json([split])) == [split]
    assert edit_to_dict(Split(1, 3)) == {"op": "split", "theme": 1, "into": 3}
    with pytest.raises(EditError, match="2 parts given for 3"):
        apply_edits(base, Split(1, into=3, parts=((base.members(1)[0],), (base.members(1)[1],))))
    with pytest.raises(EditError, match="none of theme 1's comments"):
        apply_edits(base, Split(1, into=2, parts=((base.members(1)[0],), (base.members(2)[0],))))
