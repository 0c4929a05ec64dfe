"""The label stage: key phrases per theme by class-based TF-IDF, and a short label from the top few.

c-TF-IDF (as in BERTopic): all comments of a theme form one document; a term's weight in theme c is
``tf(t, c) * log(1 + A / f(t))`` where ``tf`` is the term count in c divided by c's total term count, ``A``
the average number of terms per theme and ``f(t)`` the term's count across all themes. Terms are 1-2-grams
with English stop words removed (scikit-learn ``CountVectorizer``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
from scipy import sparse

KeyPhrases = dict[int, list[tuple[str, float]]]  # theme id -> [(phrase, weight)], best first


class Labeller(Protocol):
    def key_phrases(self, texts: Sequence[str], theme_of: np.ndarray, theme_ids: Sequence[int]) -> KeyPhrases:
        """Key phrases for each theme id; ``theme_of[i]`` is the theme of ``texts[i]``."""
        ...


# What the default tokeniser leaves of contractions ("I've" -> "ve", "don't" -> "don"), plus filler words
# that say nothing about a theme; added to scikit-learn's English stop words.
EXTRA_STOP_WORDS = frozenset(
    [
        "ve",
        "ll",
        "re",
        "don",
        "doesn",
        "didn",
        "isn",
        "wasn",
        "aren",
        "won",
        "shouldn",
        "couldn",
        "wouldn",
        "haven",
        "hasn",
        "just",
        "really",
        "like",
        "think",
        "lot",
        "things",
        "thing",
        "want",
        "need",
    ]
)


def default_stop_words() -> list[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return sorted(ENGLISH_STOP_WORDS | EXTRA_STOP_WORDS)


class ClassTfidfLabeller:
    def __init__(
        self,
        *,
        ngram_range: tuple[int, int] = (1, 2),
        n_phrases: int = 10,
        stop_words: str | list[str] | None = "english+",
    ) -> None:
        self.ngram_range, self.n_phrases = ngram_range, n_phrases
        self.stop_words = default_stop_words() if stop_words == "english+" else stop_words

    def key_phrases(self, texts: Sequence[str], theme_of: np.ndarray, theme_ids: Sequence[int]) -> KeyPhrases:
        from sklearn.feature_extraction.text import CountVectorizer

        result: KeyPhrases = {t: [] for t in theme_ids}
        if not texts or not theme_ids:
            return result
        vectorizer = CountVectorizer(stop_words=self.stop_words, ngram_range=self.ngram_range)
        try:
            counts = vectorizer.fit_transform(texts)
        except ValueError:  # empty vocabulary: only stop words or no words at all
            return result
        terms = vectorizer.get_feature_names_out()
        row_of = {t: r for r, t in enumerate(theme_ids)}
        rows = np.array([row_of.get(int(t), -1) for t in theme_of])
        keep = rows >= 0
        indicator = sparse.csr_matrix(
            (np.ones(int(keep.sum())), (rows[keep], np.flatnonzero(keep))), shape=(len(theme_ids), len(texts))
        )
        tf = np.asarray((indicator @ counts).todense(), dtype=float)  # (themes, terms)
        weights = c_tf_idf(tf)
        order = np.argsort(terms)  # ties broken alphabetically, so the labels never depend on luck
        for theme, r in row_of.items():
            ranked = order[np.argsort(-weights[r, order], kind="stable")]
            result[theme] = [
                (str(terms[j]), float(weights[r, j])) for j in ranked[: self.n_phrases] if weights[r, j] > 0
            ]
        return result


def c_tf_idf(tf: np.ndarray) -> np.ndarray:
    """Class-based TF-IDF weights from a (themes × terms) count table."""
    totals = tf.sum(axis=1, keepdims=True)
    frequency = tf.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        normalised = np.where(totals > 0, tf / np.where(totals > 0, totals, 1), 0.0)
        average = float(totals[totals > 0].mean()) if (totals > 0).any() else 1.0
        idf = np.where(frequency > 0, np.log(1 + average / np.where(frequency > 0, frequency, 1)), 0.0)
    return np.asarray(normalised * idf)


def short_label(phrases: Sequence[str], n: int = 3, *, fallback: str = "") -> str:
    """Up to ``n`` key phrases, best first, joined by " / ", skipping any phrase sharing a word with one shown.

    ("parent", "parent forum", "funding") gives "parent / funding": every word appears once. A plural counts
    as its singular, so ("centres", "centre", "groups") gives "centres / groups".
    """
    chosen: list[str] = []
    shown: set[str] = set()
    for phrase in phrases:
        words = {_singular(w) for w in phrase.split()}
        if words & shown:
            continue
        chosen.append(phrase)
        shown |= words
        if len(chosen) >= n:
            break
    return " / ".join(chosen) or fallback


def _singular(word: str) -> str:
    """A rough singular, enough to tell that "centres" and "centre" are one word in a label."""
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
