import random

import numpy as np
import pytest

from coproduce.analysis import EngineConfig, analyse
from coproduce.analysis.cluster import Clustering, KMeansClusterer
from coproduce.analysis.embed import TfidfEmbedder
from coproduce.analysis.metrics import hungarian_accuracy
from tests.analysis.comments import KeywordEmbedder, themed_comments


def test_the_engine_finds_three_clearly_distinct_topics():
    texts, topics = themed_comments()
    result = analyse(texts, embedder=TfidfEmbedder())
    assert result.n_themes == 3
    assert hungarian_accuracy(topics, [a.theme for a in result.assignments]) >= 0.9


def test_every_comment_is_assigned_to_a_theme():
    texts, _ = themed_comments()
    result = analyse(texts, embedder=TfidfEmbedder(), n_themes=3)
    theme_ids = {t.id for t in result.themes}
    assert [a.comment_id for a in result.assignments] == list(range(len(texts)))
    assert all(a.theme in theme_ids for a in result.assignments)
    assert sum(t.size for t in result.themes) == len(texts)


def test_asking_for_k_themes_gives_k_themes_and_says_so():
    texts, _ = themed_comments()
    result = analyse(texts, embedder=KeywordEmbedder(), n_themes=4)
    assert result.n_themes == 4
    assert "asked for 4" in result.reason


def test_when_the_engine_chooses_it_says_why_and_shows_its_scores():
    texts, _ = themed_comments()
    result = analyse(texts, embedder=TfidfEmbedder())
    assert result.reason
    assert result.scores
    assert result.to_dict()["reason"] == result.reason
    assert set(result.to_dict()["scores"]) == {str(k) for k in result.scores}


def test_the_same_comments_in_any_order_give_the_same_themes():
    texts, _ = themed_comments()
    ids = [f"c{i}" for i in range(len(texts))]
    first = analyse(texts, ids=ids, embedder=TfidfEmbedder(), clusterer=KMeansClusterer(k_max=6))
    pairs = list(zip(ids, texts, strict=True))
    random.Random(4).shuffle(pairs)
    second = analyse(
        [t for _, t in pairs],
        ids=[i for i, _ in pairs],
        embedder=TfidfEmbedder(),
        clusterer=KMeansClusterer(k_max=6),
    )
    assert [t.to_dict() for t in first.themes] == [t.to_dict() for t in second.themes]
    by_id = {a.comment_id: a for a in second.assignments}
    assert all(a == by_id[a.comment_id] for a in first.assignments)


def test_themes_are_numbered_from_one_largest_first():
    texts, _ = themed_comments()
    result = analyse(texts[:25], embedder=TfidfEmbedder(), n_themes=3)
    assert sorted(t.id for t in result.themes) == [1, 2, 3]
    sizes = [t.size for t in result.themes]
    assert sizes == sorted(sizes, reverse=True)
    assert result.themes[0].id == 1


def test_themes_have_readable_labels_key_phrases_and_examples():
    texts, _ = themed_comments()
    result = analyse(texts, embedder=TfidfEmbedder(), n_themes=3)
    labels = " ".join(t.label for t in result.themes)
    for word in ("funding", "information", "volunteers"):
        assert word in labels
    for theme in result.themes:
        assert 2 <= len(theme.label.split()) <= 6  # a title, no longer a keyword triple (issue 12)
        assert len(theme.key_phrases) == 10
        assert len(theme.representatives) == 3
        assert set(theme.representative_ids) <= set(result.members(theme.id))


def test_timings_cover_every_stage():
    texts, _ = themed_comments()
    result = analyse(texts, embedder=KeywordEmbedder(), n_themes=3)
    assert {"embed", "reduce", "cluster", "label", "assign"} <= set(result.timings)
    assert all(seconds >= 0 for seconds in result.timings.values())


def test_any_clusterer_with_the_protocol_can_be_swapped_in():
    class Halves:
        def fit(self, embeddings, n_themes=None, *, seed=0, texts=None):
            labels = (np.arange(len(embeddings)) >= len(embeddings) // 2).astype(int)
            return Clustering(labels, 2, "always two halves")

    texts, _ = themed_comments()
    result = analyse(texts, embedder=KeywordEmbedder(), clusterer=Halves())
    assert result.reason == "always two halves"
    assert sorted(t.size for t in result.themes) == [15, 15]


def test_a_reducer_sees_the_embeddings_before_clustering():
    seen = []

    class Spy:
        def fit_transform(self, embeddings, *, seed=0):
            seen.append(embeddings.shape)
            return embeddings[:, :3]

    texts, _ = themed_comments()
    analyse(texts, embedder=KeywordEmbedder(), reducer=Spy(), n_themes=3)
    assert seen == [(30, 10)]


def test_reassigning_to_the_nearest_centroid_can_be_turned_on():
    texts, _ = themed_comments()
    config = EngineConfig(reassign_to_nearest_centroid=True)
    result = analyse(texts, embedder=KeywordEmbedder(), n_themes=3, config=config)
    assert all(a.confidence >= 0.5 for a in result.assignments)


def test_no_comments_and_one_comment_are_handled():
    assert analyse([], embedder=KeywordEmbedder()).themes == []
    single = analyse(["Funding is short"], embedder=KeywordEmbedder())
    assert single.n_themes == 1
    assert single.assignments[0].confidence == 1.0


def test_ids_must_be_unique_and_match_the_texts():
    with pytest.raises(ValueError, match="unique"):
        analyse(["a", "b"], ids=[1, 1], embedder=KeywordEmbedder())
    with pytest.raises(ValueError, match="2 texts but 1 ids"):
        analyse(["a", "b"], ids=[1], embedder=KeywordEmbedder())


def test_the_result_serialises_to_plain_json():
    import json

    texts, _ = themed_comments()
    data = json.loads(json.dumps(analyse(texts, embedder=KeywordEmbedder(), n_themes=3).to_dict()))
    assert {"themes", "assignments", "reason", "scores", "warnings", "timings", "edits"} <= set(data)
    assert {"comment_id", "theme", "confidence", "secondary", "needs_review", "pinned"} == set(
        data["assignments"][0]
    )


def test_a_stored_run_restores_to_the_same_result_and_takes_edits_without_clustering_again():
    from coproduce.analysis import Engine, Rename

    texts, _ = themed_comments()
    engine = Engine(embedder=KeywordEmbedder(), clusterer=KMeansClusterer(k_max=5))
    made = engine.analyse(texts, n_themes=3)
    stored = {a.comment_id: a.theme for a in made.assignments}

    class NoClustering:
        def fit(self, *args, **kwargs):
            raise AssertionError("restoring must not cluster")

    again = Engine(embedder=KeywordEmbedder(), clusterer=NoClustering()).restore(
        texts, ids=list(range(len(texts))), themes=stored, reason=made.reason
    )
    assert [a.to_dict() for a in again.assignments] == [a.to_dict() for a in made.assignments]
    assert [t.to_dict() for t in again.themes] == [t.to_dict() for t in made.themes]
    renamed = again.state.engine.replay(again, [Rename(1, "Funding")])
    assert renamed.theme(1).label == "Funding"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_default_engine_gives_the_same_themes_in_any_order_when_it_chooses_the_number(seed):
    texts, _ = themed_comments()
    first = analyse(texts, embedder=KeywordEmbedder())
    order = list(range(len(texts)))
    random.Random(seed).shuffle(order)
    second = analyse([texts[i] for i in order], ids=order, embedder=KeywordEmbedder())
    assert first.reason == second.reason
    assert [t.to_dict() for t in first.themes] == [t.to_dict() for t in second.themes]
    by_id = {a.comment_id: a for a in second.assignments}
    assert all(a == by_id[a.comment_id] for a in first.assignments)
