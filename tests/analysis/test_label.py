import re

import numpy as np

from coproduce.analysis import analyse
from coproduce.analysis.embed import TfidfEmbedder
from coproduce.analysis.label import (
    MEETING_TALK,
    ClassTfidfLabeller,
    PhraseLabeller,
    c_tf_idf,
    embeds_meaning,
    short_label,
    sparse_c_tf_idf,
)
from tests.analysis.comments import KeywordEmbedder, themed_comments


def test_key_phrases_are_the_words_that_set_a_theme_apart():
    texts, topics = themed_comments()
    theme_of = np.array([{"funding": 1, "information": 2, "volunteers": 3}[t] for t in topics])
    phrases = ClassTfidfLabeller().key_phrases(texts, theme_of, [1, 2, 3])
    assert phrases[1][0][0] in {"funding", "contracts"}
    assert phrases[2][0][0] in {"information", "parents"}
    assert phrases[3][0][0] in {"volunteers", "training"}


def test_key_phrases_include_two_word_phrases_and_no_stop_words():
    texts, topics = themed_comments()
    theme_of = np.array([1 if t == "funding" else 2 for t in topics])
    phrases = [p for p, _ in ClassTfidfLabeller(n_phrases=30).key_phrases(texts, theme_of, [1, 2])[1]]
    assert any(" " in p for p in phrases)
    assert not {"the", "and", "for", "is"} & set(phrases)


def test_a_word_in_every_theme_weighs_less_than_one_in_a_single_theme():
    tf = np.array([[5.0, 5.0], [5.0, 0.0]])  # term 0 in both themes, term 1 only in theme 0
    weights = c_tf_idf(tf)
    assert weights[0, 1] > weights[0, 0]


def test_sparse_c_tf_idf_gives_the_dense_weights():
    from scipy import sparse

    counts = np.random.default_rng(0).poisson(0.3, size=(7, 50)).astype(float)
    counts[3] = 0  # a theme with no words at all
    assert np.allclose(sparse_c_tf_idf(sparse.csr_matrix(counts)).toarray(), c_tf_idf(counts))


def test_a_short_label_joins_the_top_three_phrases_without_repeating_words():
    assert short_label(["funding", "contracts", "funding contracts", "commissioning"]) == (
        "funding / contracts / commissioning"
    )


def test_a_theme_with_no_usable_words_gets_a_fallback_label():
    assert short_label([], fallback="Theme 4") == "Theme 4"
    phrases = ClassTfidfLabeller().key_phrases(["the", "and it"], np.array([1, 1]), [1])
    assert phrases == {1: []}


def test_a_plural_and_its_singular_are_one_word_in_a_label():
    from coproduce.analysis.label import short_label

    assert short_label(["centres", "centre", "groups", "families"]) == "centres / groups / families"
    assert short_label(["business", "businesses"]) == "business / businesses"


# ------------------------------------------------------------------------------------------------ titles
PARKING = [  # "questions today" in every comment, "car parking" in five
    "Questions today were mostly about car parking near the school gates",
    "My questions today: why car parking costs so much at the centre",
    "Questions today kept coming back to car parking for parents with buggies",
    "Questions today: parking is full by nine so parents park on the verge",
    "There is no car parking for disabled visitors, questions today showed that",
    "Questions today: can car parking be free for volunteers",
    "Parking spaces should be marked for families, questions today agreed",
    "The parking fees put families off coming, questions today said so",
]


def words_of(texts):
    return {w for t in texts for w in re.findall(r"[a-z0-9']+", t.lower())}


def name_themes(texts, theme_of, embedder=None):
    theme_ids = sorted(set(theme_of.tolist()))
    embeddings = (embedder or TfidfEmbedder()).embed(texts)
    embed = embedder.embed if embedder is not None else None
    return PhraseLabeller().names(texts, theme_of, theme_ids, embeddings=embeddings, embed=embed)


def test_each_theme_gets_a_title_of_two_to_six_words_from_its_own_comments():
    texts, topics = themed_comments()
    theme_of = np.array([{"funding": 1, "information": 2, "volunteers": 3}[t] for t in topics])
    names = name_themes(texts, theme_of)
    for theme, topic in ((1, "funding"), (2, "information"), (3, "volunteers")):
        title = names[theme].title
        assert 2 <= len(title.split()) <= 6, title
        members = [t for t, th in zip(texts, theme_of, strict=True) if th == theme]
        assert set(re.findall(r"[a-z0-9']+", title.lower())) <= words_of(members), title
        assert topic in title.lower(), title  # the obvious subject of each set
    assert len({n.title for n in names.values()}) == 3


def test_a_theme_is_not_named_after_talk_about_the_meeting():
    texts, topics = themed_comments()
    texts, topics = [*texts, *PARKING], [*topics, *["parking"] * len(PARKING)]
    theme_of = np.array([{"funding": 1, "information": 2, "volunteers": 3, "parking": 4}[t] for t in topics])
    title = name_themes(texts, theme_of)[4].title
    assert "car parking" in title.lower()
    assert not set(title.lower().split()) & MEETING_TALK, title


def test_the_description_is_one_sentence_of_the_themes_own_comments():
    texts = ["Funding stops in March. Staff then leave.", *themed_comments()[0][1:10]]
    names = name_themes(texts, np.ones(len(texts), dtype=int))
    description = names[1].description
    assert description and any(description in t for t in texts)
    assert description.count(". ") == 0


def test_titles_are_reranked_by_meaning_when_the_embedder_embeds_it():
    class MeaningfulEmbedder(KeywordEmbedder):
        embeds_meaning = True

    assert embeds_meaning(MeaningfulEmbedder()) and not embeds_meaning(KeywordEmbedder())
    assert not embeds_meaning(TfidfEmbedder())
    texts, topics = themed_comments()
    theme_of = np.array([{"funding": 1, "information": 2, "volunteers": 3}[t] for t in topics])
    names = name_themes(texts, theme_of, MeaningfulEmbedder())
    # The fake's axes are the topic keywords: the title closest to each centroid carries them.
    assert "fund" in names[1].title.lower() or "contract" in names[1].title.lower()
    assert "information" in names[2].title.lower() or "parent" in names[2].title.lower()
    assert "volunteer" in names[3].title.lower() or "training" in names[3].title.lower()
    assert len({n.title for n in names.values()}) == 3


def test_titles_do_not_depend_on_the_order_of_the_comments():
    texts, _ = themed_comments()
    first = analyse(texts, embedder=TfidfEmbedder(), n_themes=3)
    again = analyse(list(reversed(texts)), embedder=TfidfEmbedder(), n_themes=3)
    assert [(t.label, t.description) for t in first.themes] == [
        (t.label, t.description) for t in again.themes
    ]
    assert all(t.label == t.engine_label and t.description for t in first.themes)


def test_a_theme_of_one_word_comments_gets_its_two_best_words():
    texts = ["Parking", "parking!", "Buses", "buses", "Funding", "funding"]
    theme_of = np.array([1, 1, 1, 1, 2, 2])
    names = name_themes(texts, theme_of)
    assert names[1].title in {"buses and parking", "parking and buses"}
    assert names[2].title == "funding"


def test_the_description_is_about_the_subject_not_the_meeting():
    texts = [
        "Questions today were about car parking.",
        "Questions today: car parking again.",
        "Car parking costs too much at the centre.",
        "Car parking is full by nine.",
    ]
    description = name_themes(texts, np.ones(len(texts), dtype=int))[1].description
    assert description.startswith("Car parking"), description


def test_naming_embeds_phrases_and_sentences_in_two_calls_whatever_the_number_of_themes():
    class MeaningfulEmbedder(KeywordEmbedder):
        embeds_meaning = True

    texts, topics = themed_comments()
    texts = [f"{t}. Then {t.lower()}" if i % 2 else t for i, t in enumerate(texts)]  # some of two sentences
    theme_of = np.array([{"funding": 1, "information": 2, "volunteers": 3}[t] for t in topics])
    embedder = MeaningfulEmbedder()
    embeddings = embedder.embed(texts)
    embedder.calls.clear()
    PhraseLabeller().names(texts, theme_of, [1, 2, 3], embeddings=embeddings, embed=embedder.embed)
    assert len(embedder.calls) == 2


def test_a_title_does_not_start_or_end_on_feeling():
    # "Feeling" here is a verb's participle, like "going" or "making": "feeling hopeful" and "feeling in the
    # staff" are fragments of a sentence, not names for a theme.
    morale = [
        "Staff are feeling anxious about job security since the review",
        "People keep feeling anxious, and job security is all anyone talks about",
        "Feeling anxious is normal when job security is in question",
        "I keep feeling anxious about what happens to job security after the transfer",
        "Feeling anxious all the time, staff want answers on job security",
    ]
    texts, topics = themed_comments()
    texts, topics = [*texts, *morale], [*topics, *["morale"] * len(morale)]
    theme_of = np.array([{"funding": 1, "information": 2, "volunteers": 3, "morale": 4}[t] for t in topics])
    for embedder in (None, KeywordEmbedder()):
        words = name_themes(texts, theme_of, embedder)[4].title.lower().split()
        assert words[0] != "feeling" and words[-1] != "feeling", words


def test_a_phrase_every_theme_uses_names_none_even_a_theme_worded_every_which_way():
    # Every comment is about the children's centre; the fourth theme's comments share no other phrase.
    texts = [
        *(f"Car parking at the children's centre is {w}" for w in ("full", "dear", "unsafe", "shared")),
        *(
            f"Opening hours of the children's centre {w}"
            for w in ("suit few", "are short", "changed", "vary")
        ),
        *(
            f"The toy library at the children's centre {w}"
            for w in ("is busy", "needs toys", "opens late", "helps")
        ),
        "Staff morale at the children's centre is low",
        "Rumours about the transfer worry the children's centre team",
        "Job security at the children's centre keeps people awake",
        "Grief for the old children's centre is real",
        "Nervous children's centre staff are applying elsewhere",
    ]
    theme_of = np.array([1] * 4 + [2] * 4 + [3] * 4 + [4] * 5)
    names = name_themes(texts, theme_of)
    assert not any("children's centre" in n.title.lower() for n in names.values()), names
    members = texts[12:]
    assert set(re.findall(r"[a-z0-9']+", names[4].title.lower())) <= words_of(members), names[4]
