import numpy as np

from coproduce.analysis import analyse
from coproduce.analysis.cache import MemoryEmbeddingCache, SqliteEmbeddingCache, embed_texts, text_hash
from tests.analysis.comments import KeywordEmbedder, themed_comments


def test_text_hash_is_sha256_of_the_text():
    assert text_hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_each_distinct_text_is_embedded_once():
    embedder = KeywordEmbedder()
    vectors = embed_texts(embedder, ["funding", "parents", "funding"])
    assert sorted(embedder.embedded) == ["funding", "parents"]
    assert np.array_equal(vectors[0], vectors[2])


def test_reanalysis_embeds_only_new_comments():
    texts, _ = themed_comments()
    embedder, cache = KeywordEmbedder(), MemoryEmbeddingCache()
    analyse(texts[:20], embedder=embedder, cache=cache, n_themes=2)
    assert len(embedder.embedded) == 20
    analyse(texts, embedder=embedder, cache=cache, n_themes=3)
    assert sorted(embedder.embedded[20:]) == sorted(texts[20:])


def test_an_edited_comment_is_embedded_again_and_nothing_else():
    texts, _ = themed_comments()
    embedder, cache = KeywordEmbedder(), MemoryEmbeddingCache()
    analyse(texts, embedder=embedder, cache=cache, n_themes=3)
    edited = [*texts[:-1], texts[-1] + " (edited)"]
    analyse(edited, embedder=embedder, cache=cache, n_themes=3)
    assert embedder.embedded[len(texts) :] == [texts[-1] + " (edited)"]


def test_cached_vectors_are_the_ones_first_computed():
    embedder, cache = KeywordEmbedder(), MemoryEmbeddingCache()
    first = embed_texts(embedder, ["volunteer training"], cache=cache)
    again = embed_texts(embedder, ["volunteer training"], cache=cache)
    assert len(embedder.calls) == 1
    assert np.array_equal(first, again)


def test_the_sqlite_cache_survives_between_processes(tmp_path):
    path = tmp_path / "cache" / "embeddings.sqlite3"
    embed_texts(
        KeywordEmbedder(), ["funding contracts", "parent information"], cache=SqliteEmbeddingCache(path)
    )
    embedder = KeywordEmbedder()
    embed_texts(
        embedder, ["funding contracts", "parent information", "volunteer"], cache=SqliteEmbeddingCache(path)
    )
    assert embedder.embedded == ["volunteer"]


def test_caches_keep_models_apart():
    cache = MemoryEmbeddingCache()
    cache.put_many("model-a", {"h": np.ones(2)})
    assert cache.get_many("model-b", ["h"]) == {}
    assert np.array_equal(cache.get_many("model-a", ["h"])["h"], np.ones(2))


def test_embedding_reports_progress_in_batches():
    seen = []
    embed_texts(
        KeywordEmbedder(),
        [f"comment {i}" for i in range(5)],
        progress=lambda *a: seen.append(a),
        batch_size=2,
    )
    assert seen == [("embed", 0, 5), ("embed", 2, 5), ("embed", 4, 5), ("embed", 5, 5)]


def test_texts_are_embedded_in_batches_of_similar_length_and_returned_in_order():
    texts = ["a much longer comment about funding", "ok", "parents", "a medium comment", "training"]
    embedder = KeywordEmbedder()
    vectors = embed_texts(embedder, texts, batch_size=2)
    assert embedder.calls == [["ok", "parents"], ["training", "a medium comment"], [texts[0]]]
    assert np.array_equal(vectors, KeywordEmbedder().embed(texts))
