from coproduce.analysis import Pin, Rename, Split, analyse
from coproduce.analysis.cluster import KMeansClusterer
from coproduce.analysis.edits import Move
from tests.analysis.comments import FUNDING, INFORMATION, VOLUNTEERS, KeywordEmbedder

MORE = [
    "Funding contracts for three years would let charities plan",
    "Parents need information about sessions in the library",
    "Volunteers want training in first aid",
]


def first_run():
    texts = FUNDING[:8] + INFORMATION[:8] + VOLUNTEERS[:8]
    return texts, analyse(texts, embedder=KeywordEmbedder(), n_themes=3, clusterer=KMeansClusterer())


def theme_of(result, comment_id):
    return next(a.theme for a in result.assignments if a.comment_id == comment_id)


def test_names_and_pins_survive_a_rerun_on_more_comments():
    texts, before = first_run()
    funding = theme_of(before, 0)
    information = theme_of(before, 8)
    before = analyse(
        texts,
        embedder=KeywordEmbedder(),
        n_themes=3,
        edits=[Rename(funding, "Longer funding"), Pin(3, information)],
    )
    more = FUNDING + INFORMATION + VOLUNTEERS + MORE
    ids = list(range(8)) + [100 + i for i in range(2)] + list(range(8, 16)) + [200, 201]
    ids += list(range(16, 24)) + [300, 301] + [400, 401, 402]
    after = analyse(more, ids=ids, embedder=KeywordEmbedder(), n_themes=3, previous=before)
    assert after.theme(theme_of(after, 0)).label == "Longer funding"
    assert theme_of(after, 3) == theme_of(after, 8)
    assert next(a for a in after.assignments if a.comment_id == 3).pinned
    assert [type(e) for e in after.edits] == [Rename, Pin]


def test_a_previous_result_can_come_back_as_plain_json():
    texts, before = first_run()
    funding = theme_of(before, 0)
    before = analyse(texts, embedder=KeywordEmbedder(), n_themes=3, edits=[Rename(funding, "Money")])
    after = analyse(texts, embedder=KeywordEmbedder(), n_themes=3, previous=before.to_dict())
    assert after.theme(theme_of(after, 0)).label == "Money"


def test_moves_are_not_carried_but_pins_are():
    texts, before = first_run()
    before = analyse(texts, embedder=KeywordEmbedder(), n_themes=3, edits=[Move(0, theme_of(before, 8))])
    after = analyse(texts, embedder=KeywordEmbedder(), n_themes=3, previous=before)
    assert after.edits == ()
    assert theme_of(after, 0) != theme_of(after, 8)


def test_names_with_no_matching_theme_are_reported_not_guessed():
    texts, before = first_run()
    names = [Rename(1, "First"), Rename(2, "Second"), Rename(3, "Third")]
    before = analyse(texts, embedder=KeywordEmbedder(), n_themes=3, edits=names)
    after = analyse(texts, embedder=KeywordEmbedder(), n_themes=1, previous=before)
    assert after.themes[0].label in {"First", "Second", "Third"}
    lost = [w for w in after.warnings if w.code == "edit_not_carried"]
    assert len(lost) == 2


def split_run():
    """Two themes found in three topics (information and volunteers together), and the person's split of
    the joined theme into its two topics, both named."""
    texts = FUNDING[:8] + INFORMATION[:8] + VOLUNTEERS[:8]
    engine = {"embedder": KeywordEmbedder(), "n_themes": 2, "clusterer": KMeansClusterer()}
    found = analyse(texts, **engine)
    joined = theme_of(found, 8)
    assert theme_of(found, 16) == joined  # the engine put information and volunteers together
    split = analyse(texts, **engine, edits=[Split(joined, 2)])
    information, volunteers = theme_of(split, 8), theme_of(split, 16)
    assert information != volunteers
    named = analyse(
        texts,
        **engine,
        edits=[Split(joined, 2), Rename(information, "Reaching parents"), Rename(volunteers, "Volunteers")],
    )
    return engine, named


def test_a_split_survives_a_rerun_with_new_comments_names_and_all():
    engine, before = split_run()
    more = FUNDING + INFORMATION + VOLUNTEERS + MORE
    ids = list(range(8)) + [100, 101] + list(range(8, 16)) + [200, 201] + list(range(16, 24)) + [300, 301]
    ids += [400, 401, 402]
    after = analyse(more, ids=ids, **engine, previous=before)
    assert after.base is not None and after.base.n_themes == 2  # the re-run alone joins them again
    assert after.n_themes == 3
    information, volunteers = theme_of(after, 8), theme_of(after, 16)
    assert after.theme(information).label == "Reaching parents"
    assert after.theme(volunteers).label == "Volunteers"
    # The person's comments stay in their halves; the new ones go to the half they belong to.
    assert set(after.members(information)) == set(range(8, 16)) | {200, 201, 401}
    assert set(after.members(volunteers)) == set(range(16, 24)) | {300, 301, 402}
    assert not [w for w in after.warnings if w.code == "edit_not_carried"]
    assert [type(e) for e in after.edits] == [Split, Rename, Rename]


def test_a_split_carried_once_is_carried_again_through_json():
    engine, before = split_run()
    once = analyse(FUNDING[:8] + INFORMATION[:8] + VOLUNTEERS[:8], **engine, previous=before.to_dict())
    twice = analyse(FUNDING[:8] + INFORMATION[:8] + VOLUNTEERS[:8], **engine, previous=once.to_dict())
    assert twice.n_themes == 3
    assert {t.label for t in twice.themes} >= {"Reaching parents", "Volunteers"}


def test_a_split_whose_theme_has_no_successor_is_dropped_and_the_message_names_its_themes():
    engine, before = split_run()
    # Only the funding comments are left: nothing in this run is like the theme that was split.
    after = analyse(FUNDING, ids=list(range(8)) + [100, 101], **{**engine, "n_themes": 1}, previous=before)
    assert Split not in {type(e) for e in after.edits}
    lost = [w.message for w in after.warnings if w.code == "edit_not_carried"]
    assert lost == [
        "The split into “Reaching parents” and “Volunteers” was not carried: no theme in this run "
        "matches them."
    ]


def test_a_split_whose_other_half_lost_its_comments_leaves_one_theme_with_the_name():
    engine, before = split_run()
    texts = FUNDING[:8] + INFORMATION[:8]
    after = analyse(texts, **engine, previous=before)
    assert Split not in {type(e) for e in after.edits}
    assert after.theme(theme_of(after, 8)).label == "Reaching parents"
    lost = [w.message for w in after.warnings if w.code == "edit_not_carried"]
    assert len(lost) == 1 and "“Volunteers”" in lost[0] and "“Reaching parents”" in lost[0]


def test_a_split_the_rerun_finds_apart_keeps_the_halves_as_people_drew_them():
    engine, before = split_run()
    texts = FUNDING[:8] + INFORMATION[:8] + VOLUNTEERS[:8]
    after = analyse(texts, **{**engine, "n_themes": 3}, previous=before)
    assert after.base is not None and after.base.n_themes == 3
    assert after.n_themes == 3
    assert after.theme(theme_of(after, 8)).label == "Reaching parents"
    assert after.theme(theme_of(after, 16)).label == "Volunteers"
    assert {frozenset(after.members(t.id)) for t in after.themes} == {
        frozenset(range(8)),
        frozenset(range(8, 16)),
        frozenset(range(16, 24)),
    }
    assert not [w for w in after.warnings if w.code == "edit_not_carried"]
