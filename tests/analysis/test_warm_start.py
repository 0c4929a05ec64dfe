"""Warm start: a re-analysis on nearly the same comments keeps the previous themes and places the new ones."""

import json

import pytest

from coproduce.analysis import EngineConfig, Rename, analyse
from coproduce.analysis.cluster import KMeansClusterer, SpectralClusterer
from coproduce.analysis.pipeline import FOUND_MARK, WARM_START_MARK
from tests.analysis.comments import FUNDING, INFORMATION, VOLUNTEERS, KeywordEmbedder

TEXTS = FUNDING + INFORMATION + VOLUNTEERS  # 30 comments, ids 0..29
# Near-duplicates of one comment of each topic (ids 100, 101, 102)
NEAR = [
    "Funding for the children's centres only lasts a year, contracts are too short",
    "Information about sessions should be on one website parents can find",
    "Safeguarding training for all volunteers should be free",
]


class CountingClusterer:
    """A clusterer that counts how often it is asked to find themes."""

    def __init__(self, inner=None) -> None:
        self.inner = inner or KMeansClusterer()
        self.fits = 0

    def __getattr__(self, name):  # the inner clusterer's feature space, when it has one
        return getattr(self.inner, name)

    def fit(self, embeddings, n_themes=None, *, seed=0, texts=None):
        self.fits += 1
        return self.inner.fit(embeddings, n_themes, seed=seed, texts=texts)


def first(**kwargs):
    return analyse(TEXTS, embedder=KeywordEmbedder(), n_themes=3, clusterer=KMeansClusterer(), **kwargs)


def again(texts, ids, previous, **kwargs):
    clusterer = CountingClusterer(kwargs.pop("inner", None))
    kwargs.setdefault("n_themes", 3)
    result = analyse(
        texts, ids=ids, embedder=KeywordEmbedder(), clusterer=clusterer, previous=previous, **kwargs
    )
    return result, clusterer.fits


def theme_of(result, comment_id):
    return next(a.theme for a in result.assignments if a.comment_id == comment_id)


def groups(result, ids):
    """The partition of ``ids`` (as sets of ids), whatever the theme numbers."""
    by_theme: dict[int, set] = {}
    for a in result.assignments:
        if a.comment_id in ids:
            by_theme.setdefault(a.theme, set()).add(a.comment_id)
    return sorted(sorted(g) for g in by_theme.values())


def test_one_new_comment_joins_the_existing_themes_without_clustering_again():
    before = first()
    after, fits = again([*TEXTS, NEAR[0]], [*range(30), 100], before)
    assert fits == 0
    assert groups(after, set(range(30))) == groups(before, set(range(30)))
    assert len(after.assignments) == 31
    assert after.reason.startswith(WARM_START_MARK)
    assert after.n_themes_asked == 3


@pytest.mark.parametrize(
    "change",
    [
        {"extra": 3},  # 3 new of 33 comments: above 5%
        {"n_themes": 4},  # another number of themes asked
        {"n_themes": None},  # the engine to choose, where 3 were asked before
        {"fresh": True},  # a person asked for a fresh analysis
        {"removed": 2},  # 2 of the 30 earlier comments gone: above 5%
    ],
)
def test_the_themes_are_found_again_above_the_limit_or_when_asked(change):
    before = first()
    extra = change.pop("extra", 1)
    removed = change.pop("removed", 0)
    texts = TEXTS[removed:] + NEAR[:extra]
    ids = list(range(removed, 30)) + [100 + i for i in range(extra)]
    after, fits = again(texts, ids, before, **change)
    assert fits == 1
    assert not after.reason.startswith(WARM_START_MARK)
    assert not [w for w in after.warnings if w.code == "joined_existing_themes"]


def test_another_embedder_means_the_themes_are_found_again():
    class OtherEmbedder(KeywordEmbedder):
        name = "another-fake"

    before = first()
    clusterer = CountingClusterer()
    analyse([*TEXTS, NEAR[0]], embedder=OtherEmbedder(), n_themes=3, clusterer=clusterer, previous=before)
    assert clusterer.fits == 1


@pytest.mark.parametrize("inner", [KMeansClusterer(), SpectralClusterer()])
def test_new_comments_land_in_the_theme_of_their_near_duplicates(inner):
    texts = [*TEXTS, *NEAR] + [f"{t} (again)" for t in TEXTS[:30]]  # 63 comments, 3 new: under 5%
    ids = [*range(30), 100, 101, 102] + [200 + i for i in range(30)]
    before = analyse(
        texts[:30] + texts[33:],
        ids=ids[:30] + ids[33:],
        embedder=KeywordEmbedder(),
        n_themes=3,
        clusterer=inner,
    )
    after, fits = again(texts, ids, before, inner=inner)
    assert fits == 0
    assert theme_of(after, 100) == theme_of(after, 0)  # FUNDING[0]
    assert theme_of(after, 101) == theme_of(after, 11)  # INFORMATION[1]
    assert theme_of(after, 102) == theme_of(after, 21)  # VOLUNTEERS[1]
    assert len({theme_of(after, c) for c in (100, 101, 102)}) == 3


def test_a_warm_start_is_deterministic_whatever_the_order():
    before = first()
    texts, ids = [*TEXTS, NEAR[1]], [*range(30), 101]
    one, _ = again(texts, ids, before)
    two, _ = again(texts[::-1], ids[::-1], before.to_dict())
    drop = ("timings",)
    a = {k: v for k, v in one.to_dict().items() if k not in drop}
    b = {k: v for k, v in two.to_dict().items() if k not in drop}
    assert {x["comment_id"]: x for x in a.pop("assignments")} == {
        x["comment_id"]: x for x in b.pop("assignments")
    }
    assert a == b


def test_the_explanation_says_the_themes_were_not_found_again():
    before = first()
    after, _ = again([*TEXTS, NEAR[2]], [*range(30), 102], before)
    assert after.reason.startswith(
        "New comments joined the existing themes of the previous analysis: 1 new comment joined the theme of "
        "most of its 10 most similar earlier comments, and the other comments kept their themes. The themes "
        "were not found again: run a fresh analysis to find them afresh."
    )
    assert after.reason.endswith(FOUND_MARK + before.reason)
    notes = [w for w in after.warnings if w.code == "joined_existing_themes"]
    assert len(notes) == 1 and FOUND_MARK.strip() not in notes[0].message
    assert "run a fresh analysis" in notes[0].message
    # a second warm start says the same, and where the themes came from once, not nested
    later, fits = again([*TEXTS, NEAR[2], NEAR[0]], [*range(30), 102, 100], after)
    assert fits == 0
    assert later.reason.count(FOUND_MARK) == 1 and later.reason.endswith(FOUND_MARK + before.reason)
    # the explanation survives an edit made afterwards
    edited = analyse(
        [*TEXTS, NEAR[2]],
        ids=[*range(30), 102],
        embedder=KeywordEmbedder(),
        n_themes=3,
        previous=before,
        edits=[Rename(1, "Money")],
    )
    assert [w.code for w in edited.warnings].count("joined_existing_themes") == 1


def test_edits_are_carried_onto_the_kept_themes():
    funding = theme_of(first(), 0)
    before = first(edits=[Rename(funding, "Longer funding")])
    after, fits = again([*TEXTS, NEAR[0]], [*range(30), 100], before)
    assert fits == 0
    assert after.theme(theme_of(after, 100)).label == "Longer funding"


def test_plain_json_needs_the_partition_before_the_edits():
    funding = theme_of(first(), 0)
    edited = first(edits=[Rename(funding, "Longer funding")])
    plain = json.loads(json.dumps(edited.to_dict()))
    _, fits = again([*TEXTS, NEAR[0]], [*range(30), 100], plain)
    assert fits == 1  # edited, and which themes the engine found is not known: found again
    with_base = {**plain, "base": {"assignments": edited.base.to_dict()["assignments"]}}
    after, fits = again([*TEXTS, NEAR[0]], [*range(30), 100], with_base)
    assert fits == 0
    assert after.theme(theme_of(after, 100)).label == "Longer funding"


def test_warm_start_can_be_switched_off():
    before = first()
    clusterer = CountingClusterer()
    analyse(
        [*TEXTS, NEAR[0]],
        embedder=KeywordEmbedder(),
        n_themes=3,
        clusterer=clusterer,
        previous=before,
        config=EngineConfig(warm_start=False),
    )
    assert clusterer.fits == 1


def test_the_same_comments_or_one_gone_keep_their_themes():
    before = first()
    same, fits = again(TEXTS, list(range(30)), before)
    assert fits == 0 and "no comment is new" in same.reason
    assert [a.theme for a in same.assignments] == [a.theme for a in before.assignments]
    fewer, fits = again(TEXTS[1:], list(range(1, 30)), before)
    assert fits == 0 and "1 earlier comment no longer in the set was left out" in fewer.reason
    assert groups(fewer, set(range(1, 30))) == groups(before, set(range(1, 30)))
