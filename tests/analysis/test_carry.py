from coproduce.analysis import Pin, Rename, analyse
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
