"""The label stage: key phrases per theme by class-based TF-IDF, and a title and description per theme.

c-TF-IDF (as in BERTopic): all comments of a theme form one document; a term's weight in theme c is
``tf(t, c) * log(1 + A / f(t))`` where ``tf`` is the term count in c divided by c's total term count, ``A``
the average number of terms per theme and ``f(t)`` the term's count across all themes. Key phrases are
1-2-grams with English stop words removed (scikit-learn ``CountVectorizer``).

Titles (:class:`PhraseLabeller`, the default) are 2-4 word phrases from the theme's own comments, chosen as
described at "titles" below; the description is the theme's most representative sentence. Both are the
engine's proposal: people rename and describe themes, and their words win (edits.py, themes/services.py).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from scipy import sparse

KeyPhrases = dict[int, list[tuple[str, float]]]  # theme id -> [(phrase, weight)], best first


class Labeller(Protocol):
    """Key phrases per theme. A labeller that also names themes has a ``names`` method as
    :meth:`PhraseLabeller.names` (see :func:`theme_names`); one without gets its top key phrases as a name."""

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
        # Sparse throughout: a large consultation's vocabulary times its themes does not fit in memory dense.
        weights = sparse_c_tf_idf(sparse.csr_matrix(indicator @ counts, dtype=float))  # (themes, terms)
        for theme, r in row_of.items():
            start, end = weights.indptr[r], weights.indptr[r + 1]
            # Ties broken alphabetically, so the labels never depend on luck.
            ranked = sorted(
                zip(weights.data[start:end].tolist(), weights.indices[start:end].tolist(), strict=True),
                key=lambda x: (-x[0], terms[x[1]]),
            )
            result[theme] = [(str(terms[j]), float(w)) for w, j in ranked[: self.n_phrases] if w > 0]
        return result


def sparse_c_tf_idf(tf: sparse.csr_matrix) -> sparse.csr_matrix:
    """:func:`c_tf_idf` on a sparse (themes × terms) count table, without making it dense."""
    totals = np.asarray(tf.sum(axis=1)).ravel()
    frequency = np.asarray(tf.sum(axis=0)).ravel()
    average = float(totals[totals > 0].mean()) if (totals > 0).any() else 1.0
    idf = np.log(1 + average / np.where(frequency > 0, frequency, 1)) * (frequency > 0)
    inverse_totals = np.divide(1.0, totals, out=np.zeros_like(totals, dtype=float), where=totals > 0)
    return sparse.csr_matrix(sparse.diags(inverse_totals) @ tf @ sparse.diags(idf))


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


# ------------------------------------------------------------------------------------------------ titles
#
# A theme's title is a phrase from its own comments, 2-4 words (a person's name for a theme, not a list of
# keywords). Candidates are runs of words inside one clause that neither start nor end with a stop word;
# they are ranked by class-based TF-IDF over the comments that use them (so a phrase common to every theme
# ranks low), talk about the meeting itself is weighted down, and, when the engine's embedder embeds
# meaning, the best candidates are re-ranked by how close the phrase's embedding is to the theme's centroid,
# with maximal marginal relevance against the titles other themes already have (so two themes do not get
# near-identical names). The description is the sentence, among the theme's most central comments, closest
# to the centroid.

# Words about the meeting rather than its subject ("questions today", "answer the question"): general
# process talk, not one data set's. A phrase with one of them keeps a fifth of its weight.
_MEETING_TALK_TEXT = """
    agenda answer answered answers ask asked asking attendee attendees breakout comment comments
    discuss discussed discussing discussion discussions facilitator meeting meetings mentioned point
    points presentation presentations question questions questionnaire slide slides speaker speakers
    talk talked talking thank thanks today tonight workshop workshops yes yesterday
"""
MEETING_TALK = frozenset(_MEETING_TALK_TEXT.split())
MEETING_TALK_WEIGHT = 0.2
MEETING_TALK_PENALTY = 0.15  # and, ranked by meaning, loses this much cosine (a Q&A theme may still say so)
# Stop words that may sit inside a phrase ("top up by card", "cost of living", "card not working").
_INNER_WORDS_TEXT = """
    up off out back down over a an and by for from in into of on or the to with without not no
"""
INNER_WORDS = frozenset(_INNER_WORDS_TEXT.split())
# Common verbs, adverbs and fillers that leave a fragment when a phrase starts or ends on them ("long does",
# "ATM gave", "use the app"): a title is a noun phrase, and there is no part-of-speech tagger to say so.
_FRAGMENT_WORDS_TEXT = """
    able actually ago basically certainly clearly definitely especially generally hopefully later maybe
    obviously particularly probably simply soon specifically usually came come comes coming did does
    doing feel feeling feels felt gave gives giving got gets getting goes going gone happen happened happens
    help helped helps knew know knows let lets look looked looking looks made make makes making need
    needed needs right said say says seem seems sure tell told thought tried tries try trying use used
    uses using want wanted wants went
"""
FRAGMENT_WORDS = frozenset(_FRAGMENT_WORDS_TEXT.split())
# Words in scikit-learn's English stop list that name a subject ("top up", "council tax bill", "fire
# safety", "the booking system"): a title may use them.
_SUBJECT_WORDS_TEXT = """
    amount bill bottom call computer detail empty fire front full interest move name part show side
    system top
"""
SUBJECT_WORDS = frozenset(_SUBJECT_WORDS_TEXT.split())
ARTICLES = frozenset(["a", "an", "the"])
PARTICLES = frozenset(["up", "off", "out", "back", "down", "over"])
TITLE_WORDS = (2, 4)  # words in a candidate title
N_CANDIDATES = 30  # candidates per theme re-ranked by meaning
# A phrase more than half the themes use names none of them (with this many themes or more to tell).
MIN_THEMES_FOR_SPREAD = 4
# Fewer phrases than this that two of a theme's comments use, and its single-use phrases are candidates too.
MIN_RECURRING = 3
# The best WORD_SUPPORT_POOL * N_CANDIDATES phrases by their own weight are re-weighted by how typical of the
# theme their words are (mean word weight relative to the theme's best word, to the power WORD_SUPPORT), when
# there is no embedding to re-rank them by meaning (with one, it made no difference on Banking77 training
# comments: 0.673 either way).
WORD_SUPPORT_POOL = 4
WORD_SUPPORT = 2.0
# Relevance of a candidate title by meaning: its cosine to the theme's centroid less CONTRAST times its mean
# cosine to the other themes' centroids (a phrase true of every theme, "gambling advertisements" in a
# consultation about gambling advertisements, names none), then SEMANTIC_WEIGHT of that plus the rest of
# its lexical rank; MMR_DIVERSITY times its likeness to a title already given counts against it. Chosen on
# 3,000 Banking77 *training* comments (docs/benchmarks-names.md reports the test set and ThemeFinder).
SEMANTIC_WEIGHT = 1.0  # with meaning, c-TF-IDF only picks the N_CANDIDATES; 0.9 and 0.7 did no better
CONTRAST = 0.5
MMR_DIVERSITY = 0.2
N_DESCRIPTION_COMMENTS = 5  # the most central comments whose sentences may describe the theme
MAX_DESCRIPTION = 240  # characters
_CLAUSE = re.compile(r"[.,;:!?()\[\]{}\"“”«»|/\\\n\r\t]+|\s[-–—]+\s")
_WORD_RE = re.compile(r"[a-z0-9]+(?:['’][a-z]+)*")
_WORD_ANY_CASE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)")


@dataclass(frozen=True)
class ThemeName:
    title: str
    description: str = ""


def embeds_meaning(embedder: Any) -> bool:
    """Whether the embedder places a short phrase near the comments it sums up (a sentence embedder).

    TF-IDF vectors are fitted on the whole corpus, so a phrase alone has none; test fakes count what they
    embed. A new sentence embedder says ``embeds_meaning = True``.
    """
    from coproduce.analysis.embed import MiniLMEmbedder

    return bool(getattr(embedder, "embeds_meaning", isinstance(embedder, MiniLMEmbedder)))


def theme_names(
    labeller: Any,
    texts: Sequence[str],
    theme_of: np.ndarray,
    theme_ids: Sequence[int],
    phrases: KeyPhrases,
    *,
    embeddings: np.ndarray,
    embed: Callable[[Sequence[str]], np.ndarray] | None,
    n_label_phrases: int = 3,
) -> dict[int, ThemeName]:
    """Each theme's name: the labeller's titles when it names themes, else its top key phrases joined."""
    names: dict[int, ThemeName] = {}
    if hasattr(labeller, "names"):
        names = labeller.names(texts, theme_of, theme_ids, embeddings=embeddings, embed=embed)
    for theme in theme_ids:
        if not names.get(theme) or not names[theme].title:
            keywords = [p for p, _ in phrases.get(theme, [])]
            names[theme] = ThemeName(short_label(keywords, n_label_phrases, fallback=f"Theme {theme}"))
    return names


class PhraseLabeller(ClassTfidfLabeller):
    """Key phrases as :class:`ClassTfidfLabeller`; titles and descriptions as described above."""

    def names(
        self,
        texts: Sequence[str],
        theme_of: np.ndarray,
        theme_ids: Sequence[int],
        *,
        embeddings: np.ndarray,
        embed: Callable[[Sequence[str]], np.ndarray] | None,
    ) -> dict[int, ThemeName]:
        """A title and description per theme id; ``embed`` (None when the embedder has no meaning for a
        short phrase, as TF-IDF has not) gives vectors comparable with ``embeddings``."""
        theme_of = np.asarray(theme_of, dtype=int)
        ids = [int(t) for t in theme_ids]
        if not len(texts) or not ids:
            return {}
        members = {t: np.flatnonzero(theme_of == t) for t in ids}
        centroids = _centroids(embeddings, members) if len(embeddings) else {}
        central = {t: _by_closeness(embeddings, members[t], centroids.get(t)) for t in ids}
        # Meaning re-ranks the candidates when there is an embedding; without one, the words' support does.
        candidates = self._candidates(texts, theme_of, ids, word_support=0.0 if embed else WORD_SUPPORT)
        titles = _choose_titles(
            ids, candidates, centroids, embed, sizes={t: len(m) for t, m in members.items()}
        )
        names = {}
        spelling = _spelling(texts)
        options = {t: _sentence_options(texts, central[t][:N_DESCRIPTION_COMMENTS]) for t in ids}
        vector_of = _sentence_vectors(options, embeddings, embed if centroids else None)
        for t in ids:
            title = titles.get(t) or _first_words(texts, central[t])
            description = _description(options[t], centroids.get(t), vector_of, title)
            names[t] = ThemeName(" ".join(spelling.get(w, w) for w in title.split()), description)
        return names

    def _candidates(
        self, texts: Sequence[str], theme_of: np.ndarray, ids: list[int], *, word_support: float
    ) -> dict[int, list[tuple[str, float]]]:
        """Per theme, title candidates (2-4 words) with a lexical score in [0, 1], best first; each phrase's
        c-TF-IDF weight times its words' support to the power ``word_support``."""
        stop = set(default_stop_words()) if isinstance(self.stop_words, str) else set(self.stop_words or ())
        stop -= SUBJECT_WORDS
        row_of = {t: r for r, t in enumerate(ids)}
        tables: tuple[dict[str, int], dict[str, int]] = ({}, {})  # phrases, single words -> column
        # (theme row, column) of each use, as flat integer arrays: 100,000 comments make millions of uses.
        cells = ((array("q"), array("q")), (array("q"), array("q")))
        for text, theme in zip(texts, theme_of, strict=True):
            r = row_of.get(int(theme))
            if r is None:
                continue
            for table, (rows, columns), found in zip(tables, cells, _phrases(text, stop), strict=True):
                columns.extend(table.setdefault(p, len(table)) for p in sorted(found))
                rows.extend([r] * len(found))
        (phrase_terms, phrase_counts, phrase_weights), (word_terms, word_counts, word_weights) = (
            _weigh(table, rows, columns, len(ids))
            for table, (rows, columns) in zip(tables, cells, strict=True)
        )
        word_column = {w: j for j, w in enumerate(word_terms)}
        phrase_spread = (
            np.asarray((phrase_counts > 0).sum(axis=0)).ravel() if phrase_counts is not None else None
        )
        result: dict[int, list[tuple[str, float]]] = {}
        for t, r in row_of.items():
            phrases = _ranked(
                phrase_terms,
                phrase_counts,
                phrase_weights,
                r,
                WORD_SUPPORT_POOL * N_CANDIDATES,
                spread=phrase_spread,
            )
            if phrases:
                # A phrase is as good as the words it is made of are typical of the theme: "alongside for
                # years" may be frequent as a phrase, but "alongside" and "years" say nothing of it.
                word_row = (
                    word_weights[r].toarray().ravel()
                    if word_weights is not None
                    else np.zeros(len(word_terms))
                )
                best_word = float(word_row.max()) if word_row.size else 0.0
                supported = []
                for phrase, weight in phrases:
                    in_phrase = [word_column[w] for w in phrase.split() if w in word_column]
                    support = (
                        float(np.mean(word_row[in_phrase])) / best_word
                        if in_phrase and best_word > 0
                        else 0.0
                    )
                    supported.append((phrase, weight * support**word_support))
                supported.sort(key=lambda x: (-x[1], x[0]))
                top = [(p, w) for p, w in supported[:N_CANDIDATES] if w > 0] or phrases[:N_CANDIDATES]
                result[t] = [(p, w / top[0][1]) for p, w in top]
                continue
            best_words = _ranked(word_terms, word_counts, word_weights, r, 2)
            if best_words:
                # No phrase of two words or more: the two best single words ("funding and contracts").
                result[t] = [(" and ".join(p for p, _ in best_words), 1.0)]
        return result


def _weigh(
    table: dict[str, int], rows: array, columns: array, n_themes: int
) -> tuple[np.ndarray, sparse.csr_matrix | None, sparse.csr_matrix | None]:
    """The terms of ``table`` in column order, how many comments of each theme use each (sparse: a large
    consultation has millions of phrases), and their c-TF-IDF weights, meeting talk weighted down."""
    terms = np.array(sorted(table, key=table.__getitem__), dtype=object)
    if not rows:
        return terms, None, None
    theme_rows = np.frombuffer(rows, dtype=np.int64)
    term_columns = np.frombuffer(columns, dtype=np.int64)
    counts = sparse.csr_matrix(
        (np.ones(len(theme_rows)), (theme_rows, term_columns)), shape=(n_themes, len(table))
    )
    counts.sum_duplicates()
    talk = np.array([MEETING_TALK_WEIGHT if set(str(p).split()) & MEETING_TALK else 1.0 for p in terms])
    weights = sparse.csr_matrix(sparse_c_tf_idf(counts) @ sparse.diags(talk))
    return terms, counts, weights


def _ranked(
    terms: np.ndarray,
    counts: sparse.csr_matrix | None,
    weights: sparse.csr_matrix | None,
    r: int,
    n: int,
    *,
    spread: np.ndarray | None = None,
) -> list[tuple[str, float]]:
    """Theme row r's best ``n`` terms by weight (ties alphabetically), preferring those two comments use.

    With ``spread`` (how many themes use each term), a term more than half the themes use is left out while
    others remain: said of every theme ("children's centre" in a consultation about children's centres), it
    names none. A theme with fewer than MIN_RECURRING phrases two comments use keeps its single-use phrases
    too, for meaning to choose from: varied wording is not a reason to fall back on a phrase every theme has.
    """
    if counts is None or weights is None:
        return []
    start, end = weights.indptr[r], weights.indptr[r + 1]
    cols, scored = weights.indices[start:end], weights.data[start:end]
    used_by = np.asarray(counts[r, cols].todense()).ravel() if len(cols) else np.zeros(0)
    keep = np.ones(len(cols), dtype=bool)
    if spread is not None and counts.shape[0] >= MIN_THEMES_FOR_SPREAD and len(cols):
        narrow = spread[cols] <= counts.shape[0] // 2
        if narrow.any():
            keep = narrow
    # A phrase only one comment uses is one person's wording, not the theme's, unless too little else is.
    recurring = keep & (used_by >= 2)
    if int(recurring.sum()) >= (MIN_RECURRING if spread is not None else 1):
        keep = recurring
    cols, scored = cols[keep], scored[keep]
    ranked = sorted(zip(scored.tolist(), terms[cols].tolist(), strict=True), key=lambda x: (-x[0], x[1]))
    return [(str(p), float(w)) for w, p in ranked[:n] if w > 0]


def _phrases(text: str, stop: set[str]) -> tuple[set[str], set[str]]:
    """The candidate phrases (2-4 words) and content words of one comment, lower case, within one clause."""
    found: set[str] = set()
    words: set[str] = set()
    low, high = TITLE_WORDS
    for clause in _CLAUSE.split(text.lower()):
        tokens = [w.replace("’", "'") for w in _WORD_RE.findall(clause)]
        content = [_is_content(w, stop) for w in tokens]
        words.update(w for w, ok in zip(tokens, content, strict=True) if ok and not w.isdigit())
        for i in range(len(tokens)):
            if not content[i]:
                continue
            for n in range(low, high + 1):
                j = i + n - 1
                if j >= len(tokens):
                    break
                # Growing the phrase by one word puts its last word inside; once one may not be, none may.
                if j - 1 > i and not _may_be_inside(tokens, content, j - 1):
                    break
                if _may_end(tokens, content, j) and not all(w.isdigit() for w in tokens[i : j + 1]):
                    found.add(" ".join(tokens[i : j + 1]))
    return found, words


def _may_be_inside(tokens: list[str], content: list[bool], k: int) -> bool:
    """Whether word k may sit inside a title: a content word, or a joining word. An article only follows a
    preposition or "and" ("cost of the service", not "access the app", which is a verb and its object)."""
    if content[k]:
        return True
    if tokens[k] in ARTICLES:
        return k > 0 and tokens[k - 1] in INNER_WORDS and tokens[k - 1] not in ARTICLES | PARTICLES
    return tokens[k] in INNER_WORDS


def _may_end(tokens: list[str], content: list[bool], k: int) -> bool:
    """A title ends on a content word, or on a particle right after one ("top up", "log out")."""
    return content[k] or (tokens[k] in PARTICLES and k > 0 and content[k - 1])


def _is_content(word: str, stop: set[str]) -> bool:
    base = word[:-2] if word.endswith("'s") else word
    return len(base) > 1 and "'" not in base and base not in stop and base not in FRAGMENT_WORDS


def _centroids(embeddings: np.ndarray, members: dict[int, np.ndarray]) -> dict[int, np.ndarray]:
    result = {}
    for t, rows in members.items():
        centre = np.asarray(embeddings[rows], dtype=float).mean(axis=0) if len(rows) else None
        if centre is not None and np.linalg.norm(centre) > 0:
            result[t] = centre / np.linalg.norm(centre)
    return result


def _by_closeness(embeddings: np.ndarray, rows: np.ndarray, centre: np.ndarray | None) -> list[int]:
    """The theme's comments, closest to its centroid first (ties: canonical order)."""
    if centre is None:
        return [int(r) for r in rows]
    similarity = np.asarray(embeddings[rows], dtype=float) @ centre
    return [
        int(rows[k]) for k in sorted(range(len(rows)), key=lambda k: (-round(float(similarity[k]), 6), k))
    ]


def _choose_titles(
    ids: list[int],
    candidates: dict[int, list[tuple[str, float]]],
    centroids: dict[int, np.ndarray],
    embed: Callable[[Sequence[str]], np.ndarray] | None,
    *,
    sizes: dict[int, int],
) -> dict[int, str]:
    """One title per theme, largest theme first, each as relevant and as unlike the others' as it can be."""
    phrases = sorted({p for options in candidates.values() for p, _ in options})
    vector_of: dict[str, np.ndarray] = {}
    if embed is not None and phrases and centroids:
        vectors = _normalised(np.asarray(embed(phrases), dtype=float))
        vector_of = dict(zip(phrases, vectors, strict=True))
    chosen: dict[int, str] = {}
    stacked = np.array([centroids[t] for t in sorted(centroids)]) if centroids else np.zeros((0, 0))
    for t in sorted(ids, key=lambda t: (-sizes[t], t)):
        best, best_score = "", -np.inf
        others = np.array([centroids[o] for o in sorted(centroids) if o != t]) if t in centroids else stacked
        for phrase, lexical in candidates.get(t, []):
            if phrase in chosen.values():
                continue
            if vector_of and t in centroids:
                own = float(vector_of[phrase] @ centroids[t])
                if len(others) and CONTRAST:
                    near = others @ vector_of[phrase]
                    own -= CONTRAST * float(near.mean())
                relevance = SEMANTIC_WEIGHT * own + (1 - SEMANTIC_WEIGHT) * lexical
                if set(phrase.split()) & MEETING_TALK:
                    relevance -= MEETING_TALK_PENALTY
                likeness = max(
                    (float(vector_of[phrase] @ vector_of[o]) for o in chosen.values()), default=0.0
                )
            else:
                relevance = lexical
                likeness = max((_word_overlap(phrase, o) for o in chosen.values()), default=0.0)
            score = relevance - MMR_DIVERSITY * max(likeness, 0.0)
            if score > best_score + 1e-9:
                best, best_score = phrase, score
        if best:
            chosen[t] = best
    return chosen


def _normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def _word_overlap(a: str, b: str) -> float:
    x, y = {_singular(w) for w in a.split()}, {_singular(w) for w in b.split()}
    return len(x & y) / len(x | y) if x | y else 0.0


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]


def _sentence_options(texts: Sequence[str], central: Sequence[int]) -> list[tuple[str, int, bool]]:
    """The sentences (of three words or more, if any) of a theme's most central comments: (sentence,
    comment, whether it is the whole comment)."""
    options = [(s, c, s == texts[c].strip()) for c in central for s in _sentences(texts[c])]
    return [o for o in options if len(o[0].split()) >= 3] or options


def _sentence_vectors(
    options: dict[int, list[tuple[str, int, bool]]],
    embeddings: np.ndarray,
    embed: Callable[[Sequence[str]], np.ndarray] | None,
) -> dict[tuple[str, int], np.ndarray]:
    """A vector per candidate sentence: the comment's own when the sentence is the whole comment, else one
    embedding call for all the others of all themes (one call per theme took most of the label stage)."""
    if embed is None:
        return {}
    vectors = {(s, c): embeddings[c] for found in options.values() for s, c, whole in found if whole}
    parts = sorted({s for found in options.values() for s, _, whole in found if not whole})
    part_vectors = (
        dict(zip(parts, _normalised(np.asarray(embed(parts), dtype=float)), strict=True)) if parts else {}
    )
    for found in options.values():
        for s, c, whole in found:
            if not whole:
                vectors[s, c] = part_vectors[s]
    return vectors


def _description(
    options: list[tuple[str, int, bool]],
    centre: np.ndarray | None,
    vector_of: dict[tuple[str, int], np.ndarray],
    title: str,
) -> str:
    """The sentence of the theme's most central comments closest to its centroid (by meaning, or else the
    first sentence of the most central comment that uses most of the title's words); one that talks about
    the meeting ("Questions today were about…") loses to one about the subject."""
    if not options:
        return ""
    full = [s for s, _, _ in options]
    talk = np.array([bool(set(_WORD_RE.findall(s.lower())) & MEETING_TALK) for s in full])
    if vector_of and centre is not None:
        vectors = np.array([vector_of[s, c] for s, c, _ in options], dtype=float)
        similarity = _normalised(vectors) @ centre - MEETING_TALK_PENALTY * talk
        best = full[int(np.argmax(np.round(similarity, 6)))]
    else:
        words = {_singular(w) for w in title.lower().split()}
        overlap = [len(words & {_singular(w) for w in _WORD_RE.findall(s.lower())}) for s in full]
        best = full[int(np.argmax(np.array(overlap) - 0.5 * talk))]
    return _trim(best)


def _trim(sentence: str) -> str:
    if len(sentence) <= MAX_DESCRIPTION:
        return sentence
    cut = sentence[: MAX_DESCRIPTION - 1].rsplit(" ", 1)[0].rstrip(",;: ")
    return cut + "…"


def _first_words(texts: Sequence[str], central: Sequence[int]) -> str:
    """Last resort for a theme with no usable phrase: the start of its most central comment."""
    for c in central:
        words = texts[c].split()
        if words:
            return " ".join(words[:6]).strip(".,;:!?")
    return ""


def _spelling(texts: Sequence[str]) -> dict[str, str]:
    """How the comments write each word inside a sentence (so "dbs" is shown "DBS"), when not lower case."""
    forms: dict[str, dict[str, int]] = {}
    for text in texts:
        for sentence in _SENTENCE.split(text):
            for word in _WORD_ANY_CASE.findall(sentence)[1:]:  # a sentence's first word is capitalised anyway
                if not word.islower():
                    key = word.lower().replace("’", "'")
                    forms.setdefault(key, {}).setdefault(word, 0)
                    forms[key][word] += 1
    lower: dict[str, int] = {}
    for text in texts:
        for word in _WORD_RE.findall(text):
            if word.replace("’", "'") in forms:
                lower[word.replace("’", "'")] = lower.get(word.replace("’", "'"), 0) + 1
    spelling = {}
    for key, counts in forms.items():
        form, n = max(counts.items(), key=lambda x: (x[1], x[0]))
        if n > lower.get(key, 0):
            spelling[key] = form
    return spelling
