import numpy as np

from coproduce.analysis.label import ClassTfidfLabeller, c_tf_idf, short_label
from tests.analysis.comments import themed_comments


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
