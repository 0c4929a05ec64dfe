import sys

import numpy as np
import pytest

from coproduce.analysis.embed import (
    EmbedderUnavailable,
    MiniLMEmbedder,
    TfidfEmbedder,
    l2_normalise,
    make_embedder,
)
from tests.analysis.comments import themed_comments


def test_tfidf_embeddings_are_unit_length_rows():
    texts, _ = themed_comments()
    vectors = TfidfEmbedder().embed(texts)
    assert vectors.shape[0] == len(texts)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_tfidf_puts_comments_on_one_topic_closer_together():
    texts, topics = themed_comments()
    vectors = TfidfEmbedder().embed(texts)
    similarity = vectors @ vectors.T
    same = np.equal.outer(np.array(topics), np.array(topics)) & ~np.eye(len(texts), dtype=bool)
    different = ~np.equal.outer(np.array(topics), np.array(topics))
    assert similarity[same].mean() > similarity[different].mean() + 0.05


def test_tfidf_copes_with_stop_words_only_and_tiny_inputs():
    assert TfidfEmbedder().embed(["the and of", "it is"]).shape[0] == 2
    assert TfidfEmbedder().embed(["one comment"]).shape[0] == 1
    assert TfidfEmbedder().embed([]).shape[0] == 0


def test_l2_normalise_leaves_zero_rows_at_zero():
    vectors = l2_normalise(np.array([[3.0, 4.0], [0.0, 0.0]]))
    assert np.allclose(vectors, [[0.6, 0.8], [0.0, 0.0]])


def test_auto_falls_back_to_tfidf_when_torch_cannot_be_imported(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)
    assert isinstance(make_embedder("auto"), TfidfEmbedder)


def test_asking_for_minilm_without_torch_says_it_is_unavailable(monkeypatch):
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(EmbedderUnavailable):
        make_embedder("minilm")


def test_tfidf_can_be_chosen_explicitly():
    embedder = make_embedder("tfidf")
    assert isinstance(embedder, TfidfEmbedder)
    assert embedder.cacheable is False


def test_unknown_embedder_names_are_refused():
    with pytest.raises(ValueError, match="unknown embedder"):
        make_embedder("word2vec")


@pytest.mark.slow
def test_minilm_loads_offline_from_the_package_and_understands_meaning(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    embedder = MiniLMEmbedder()
    vectors = embedder.embed(
        [
            "Funding for children's centres is too short term",
            "The money for the centres only lasts a year",
            "My cat likes to sleep in the sun",
        ]
    )
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["TRANSFORMERS_OFFLINE"] == "1"


def test_analysis_without_torch_runs_on_the_tfidf_embedder(monkeypatch):
    from coproduce.analysis import analyse

    monkeypatch.setitem(sys.modules, "torch", None)
    texts, _ = themed_comments()
    result = analyse(texts, n_themes=3)
    assert result.embedder == "tfidf-svd"
    assert result.n_themes == 3


def test_minilm_refuses_fewer_than_one_thread():
    with pytest.raises(ValueError, match="threads"):
        MiniLMEmbedder(threads=0)


SENTENCES = [
    "Funding for children's centres is too short term",
    "The money for the centres only lasts a year",
    "My card payment was declined at the shop",
    "Why has my transfer not arrived yet?",
    "Parents want a say in how the services are run",
    "ok",
]


@pytest.mark.slow
def test_int8_minilm_is_deterministic_unit_length_and_close_to_full_precision():
    import torch

    before = torch.get_num_threads()
    int8 = make_embedder("minilm-int8")
    assert isinstance(int8, MiniLMEmbedder) and int8.quantised
    first = int8.embed(SENTENCES)
    assert torch.get_num_threads() == before  # torch's process-wide setting is restored
    assert first.shape == (len(SENTENCES), 384)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(first, int8.embed(SENTENCES))  # bit for bit
    full = make_embedder("auto")  # the default: full precision
    assert isinstance(full, MiniLMEmbedder) and not full.quantised
    assert full.name != int8.name  # a cache never mixes the two
    reference = full.embed(SENTENCES)
    cosine = np.sum(first * reference, axis=1)
    # measured on these sentences: 0.968-0.981, and 0.916 for "ok"; on Banking77 test mean 0.977, lowest 0.929
    assert np.median(cosine) > 0.96 and cosine.min() > 0.9
    # meaning survives: the two funding comments stay closer to each other than to a card payment
    assert first[0] @ first[1] > first[0] @ first[2] + 0.2
    # activations are quantised with one scale per batch, so a text's vector moves with its company
    # (measured: cosine 0.970 here; 0.969 on average between batches of 1 and 64 on Banking77)
    alone = int8.embed(SENTENCES[:1])
    assert float(alone[0] @ first[0]) > 0.95


@pytest.mark.slow
def test_full_precision_minilm_on_one_thread_is_deterministic_and_matches_torchs_default_threads():
    import torch

    before = torch.get_num_threads()
    embedder = make_embedder("minilm")
    assert isinstance(embedder, MiniLMEmbedder) and not embedder.quantised and embedder.threads == 1
    one = embedder.embed(SENTENCES)
    assert torch.get_num_threads() == before  # torch's process-wide setting is restored
    assert one.shape == (len(SENTENCES), 384)
    assert np.allclose(np.linalg.norm(one, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(one, MiniLMEmbedder(quantised=False).embed(SENTENCES))  # bit for bit
    # the same text in another batch gets the same vector to float precision
    assert float(embedder.embed(SENTENCES[:1])[0] @ one[0]) > 0.99999
    # the path before issue 12 (torch's default threads, batch 32): the same vectors (Banking77 test: the
    # lowest cosine 1.00000)
    old = MiniLMEmbedder(batch_size=32, threads=None, quantised=False).embed(SENTENCES)
    assert np.min(np.sum(old * one, axis=1)) > 0.9999
