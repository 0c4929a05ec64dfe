"""The theme pipeline: embed → reduce → cluster → assign → label, then human edits and quality warnings.

Warm start: given a ``previous`` result that covers nearly all of the comments (see :func:`warm_start`), the
cluster stage is skipped: the earlier comments keep the themes they had and each new comment joins the theme
of most of its nearest earlier comments; the result's reason (and a warning) says so, and ``fresh=True`` asks
for themes found afresh.

Determinism: comments are put in a canonical order (sha256 of the text, then the text, then the id)
before anything else, results are mapped back to the caller's order, and themes are numbered 1, 2, ...
by size (largest first), ties by the canonically first member. The same comments in any order give the
same themes and assignments.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from coproduce.analysis.assign import Assigner, CentroidAssigner
from coproduce.analysis.cache import EmbeddingCache, MemoryEmbeddingCache, Progress, embed_texts, text_hash
from coproduce.analysis.carry import carry_edits
from coproduce.analysis.cluster import (
    Clusterer,
    Clustering,
    TooManyComments,
    default_clusterer,
    nearest_in,
)
from coproduce.analysis.config import EngineConfig
from coproduce.analysis.edits import Edit, apply_edit
from coproduce.analysis.embed import Embedder, make_embedder
from coproduce.analysis.label import Labeller, PhraseLabeller, embeds_meaning, theme_names
from coproduce.analysis.quality import quality_warnings
from coproduce.analysis.reduce import NoReduction, Reducer
from coproduce.analysis.result import (
    Assignment,
    CommentId,
    Partition,
    QualityWarning,
    Theme,
    ThemeResult,
    WorkingState,
)

STAGES = ("embed", "reduce", "cluster", "label", "assign")

# Peak memory of a whole analysis: ``make bench-scale`` measured 1.14 GB for 100,000 comments (TF-IDF), about
# 8 KB a comment over the libraries; twice that per comment, and room for the MiniLM model, leaves a margin.
BYTES_PER_COMMENT = 20_000
BASE_BYTES = 1_500_000_000


def memory_available() -> int | None:
    """Bytes this process may still use: the least of free memory, its cgroup's limit and its address-space
    limit (None when none of them can be read)."""
    import resource

    limits: list[int] = []
    try:
        for line in open("/proc/meminfo", encoding="ascii"):  # noqa: SIM115
            if line.startswith("MemAvailable:"):
                limits.append(int(line.split()[1]) * 1024)
    except (OSError, ValueError):
        pass
    try:
        with open("/sys/fs/cgroup/memory.max", encoding="ascii") as handle:
            value = handle.read().strip()
        if value.isdigit():
            with open("/sys/fs/cgroup/memory.current", encoding="ascii") as handle:
                limits.append(int(value) - int(handle.read().strip()))
    except (OSError, ValueError):
        pass
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft not in (resource.RLIM_INFINITY, -1) and soft > 0:
        limits.append(soft)
    return min(limits) if limits else None


def check_memory(n_comments: int, available: int | None = None) -> None:
    """Refuse, in one sentence, a set of comments too large for the memory there is (before any work)."""
    available = memory_available() if available is None else available
    needed = BASE_BYTES + BYTES_PER_COMMENT * n_comments
    if available is not None and needed > available:
        raise TooManyComments(
            f"{n_comments:,} comments need about {needed / 2**30:.1f} GB of memory to analyse and only "
            f"{max(available, 0) / 2**30:.1f} GB is free: analyse them in parts (by event or question) "
            "or on a machine with more memory"
        )


class Engine:
    """The stages and settings of one analysis; every stage may be swapped for anything with its protocol."""

    def __init__(
        self,
        *,
        config: EngineConfig | None = None,
        embedder: Embedder | None = None,
        reducer: Reducer | None = None,
        clusterer: Clusterer | None = None,
        labeller: Labeller | None = None,
        assigner: Assigner | None = None,
        cache: EmbeddingCache | None = None,
    ) -> None:
        self.config = config or EngineConfig()
        self.embedder = embedder or make_embedder("auto", seed=self.config.seed)
        self.reducer = reducer or NoReduction()
        self.clusterer = clusterer or default_clusterer()
        self.labeller = labeller or PhraseLabeller(
            ngram_range=self.config.ngram_range, n_phrases=self.config.n_key_phrases
        )
        self.assigner = assigner or CentroidAssigner(self.config)
        self.cache = cache

    def analyse(
        self,
        texts: Sequence[str],
        *,
        ids: Sequence[CommentId] | None = None,
        n_themes: int | None = None,
        edits: Sequence[Edit] = (),
        previous: ThemeResult | Mapping[str, Any] | None = None,
        progress: Progress | None = None,
        fresh: bool = False,
    ) -> ThemeResult:
        """Themes for ``texts``; then the names and pins of ``previous`` carried over, then ``edits``.

        ``ids`` (default: positions 0..n-1) must be unique str or int values. ``previous`` is an earlier
        result (or its ``to_dict()``) on some of the same comments; ``edits`` refer to the theme ids of
        this run's base result (``result.base``). The result's ``edits`` hold the carried ones first.
        When ``previous`` covers nearly all the comments its themes are kept and the new comments join them
        (:func:`warm_start`); ``fresh=True`` finds the themes afresh whatever ``previous`` is.
        """
        comment_ids: list[CommentId] = list(range(len(texts))) if ids is None else list(ids)
        if len(comment_ids) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(comment_ids)} ids")
        if len(set(comment_ids)) != len(comment_ids):
            raise ValueError("comment ids must be unique")
        if any(not isinstance(t, str) for t in texts):
            raise TypeError("every comment text must be a str")
        if n_themes is not None and n_themes < 1:
            raise ValueError("n_themes must be at least 1")
        check_memory(len(texts))
        try:
            return self._analyse(
                texts, comment_ids, n_themes, edits=edits, previous=previous, progress=progress, fresh=fresh
            )
        except TooManyComments:
            raise
        except MemoryError as error:  # the estimate was too hopeful: still one clear sentence
            raise TooManyComments(
                f"ran out of memory analysing {len(texts):,} comments: analyse them in parts (by event or "
                "question) or on a machine with more memory"
            ) from error

    def _analyse(
        self,
        texts: Sequence[str],
        comment_ids: list[CommentId],
        n_themes: int | None,
        *,
        edits: Sequence[Edit],
        previous: ThemeResult | Mapping[str, Any] | None,
        progress: Progress | None,
        fresh: bool = False,
    ) -> ThemeResult:
        timings = dict.fromkeys(STAGES, 0.0)
        started = time.perf_counter()
        position, canonical_texts = canonical_order(texts, comment_ids)

        clock = time.perf_counter()
        embeddings = embed_texts(self.embedder, canonical_texts, cache=self.cache, progress=progress)
        timings["embed"] = time.perf_counter() - clock
        clock = time.perf_counter()
        vectors = self.reducer.fit_transform(embeddings, seed=self.config.seed) if len(texts) else embeddings
        timings["reduce"] = time.perf_counter() - clock
        clock = time.perf_counter()
        canonical_ids = [comment_ids[i] for i in position]
        plan = None
        if previous is not None and not fresh and self.config.warm_start:
            plan = warm_start(
                previous, canonical_ids, n_themes, embedder=self.embedder.name, config=self.config
            )
        features = None
        if plan is not None:
            features = self._clusterer_features(vectors, canonical_texts)
            clustering = self._join(plan, features if features is not None else vectors)
        else:
            clustering = self._cluster(vectors, n_themes, canonical_texts)
            if (
                clustering.features is not None
                and self.config.seed == 0
                and len(clustering.features) == len(texts)
            ):
                # the clusterer computed its features with seed 0, which is what _clusterer_features would
                # compute now: the assign stage reuses them (on Banking77 test the lexical SVD was ~0.3 s)
                features = clustering.features
        timings["cluster"] = time.perf_counter() - clock
        if progress:
            progress("cluster", 1, 1)

        clock = time.perf_counter()
        theme_of = np.asarray(clustering.labels, dtype=int)
        if self.config.reassign_to_nearest_centroid and len(texts) and plan is None:
            theme_of = self.assigner.assign(embeddings, theme_of, reassign=True).theme_of
        theme_of = number_themes(theme_of)
        timings["assign"] = time.perf_counter() - clock
        state = self._state(canonical_texts, comment_ids, position, embeddings, vectors, theme_of)
        if features is not None and self.config.secondary_method == "neighbours":
            state.features = features  # the same features the assign stage would compute: computed once
        base = self._finalise(
            state, clustering.reason, clustering.scores, timings, edits=(), base=None, n_themes_asked=n_themes
        )
        carried: list[Edit] = []
        if previous is not None:
            prior = previous.to_dict() if isinstance(previous, ThemeResult) else previous
            members: dict[int, set[CommentId]] = {}
            for c, theme in enumerate(state.partition.theme_of):
                members.setdefault(int(theme), set()).add(state.ids[c])
            carried, notes = carry_edits(
                prior, members, embeddings=embeddings, index_of=state.index_of(), config=self.config
            )
            base.warnings.extend(notes)
        all_edits = [*carried, *edits]
        result = self.replay(base, all_edits) if all_edits else base
        result.timings["total"] = time.perf_counter() - started
        return result

    def _embed_phrases(self, phrases: Sequence[str]) -> np.ndarray:
        """Vectors for the labeller's candidate titles and sentences, through the embedding cache."""
        # Without a cache of the caller's, one in memory for phrases only (every edit replays the label
        # stage); the comments stay uncached, as the caller asked.
        if self.cache is None and not hasattr(self, "_phrase_cache"):
            self._phrase_cache = MemoryEmbeddingCache()
        return embed_texts(
            self.embedder, phrases, cache=self.cache if self.cache is not None else self._phrase_cache
        )

    def _clusterer_features(self, vectors: np.ndarray, texts: Sequence[str]) -> np.ndarray | None:
        """The clusterer's own feature space for these comments, if it exposes one."""
        features = getattr(self.clusterer, "features", None)
        if features is None or not len(texts):
            return None
        return np.asarray(features(vectors, texts, seed=self.config.seed))

    def _join(self, plan: WarmStart, space: np.ndarray) -> Clustering:
        """The previous themes kept for the earlier comments; each new comment in the theme most of its
        ``warm_start_neighbours`` nearest earlier comments are in (ties: the nearest one's theme)."""
        n = len(plan.theme_of)
        labels = plan.theme_of.copy()
        old = np.flatnonzero(labels >= 0)
        new = np.flatnonzero(labels < 0)
        if len(new):
            norms = np.linalg.norm(space, axis=1, keepdims=True)
            unit = np.divide(space, norms, out=np.zeros_like(space, dtype=np.float64), where=norms > 0)
            nearest = old[nearest_in(unit[new], unit[old], self.config.warm_start_neighbours, seed=0)]
            themes, column = np.unique(labels[old], return_inverse=True)
            column_of = np.full(n, -1)
            column_of[old] = column
            votes = np.zeros((len(new), len(themes)))
            np.add.at(
                votes, (np.repeat(np.arange(len(new)), nearest.shape[1]), column_of[nearest].ravel()), 1.0
            )
            votes[np.arange(len(new)), column_of[nearest[:, 0]]] += 0.5  # ties go to the nearest comment
            labels[new] = themes[votes.argmax(axis=1)]
        return Clustering(labels, len(set(labels.tolist())), plan.reason(n_new=len(new)), dict(plan.scores))

    def _features(self, state: WorkingState) -> np.ndarray | None:
        """The clusterer's own feature space (e.g. embeddings with lexical vectors), when it exposes one and the
        assign stage uses it; computed once per working state."""
        if self.config.secondary_method != "neighbours":
            return None
        if state.features is None:
            state.features = self._clusterer_features(state.vectors, state.texts)
        return state.features

    def restore(
        self,
        texts: Sequence[str],
        *,
        ids: Sequence[CommentId],
        themes: Mapping[CommentId, int],
        reason: str = "",
        scores: Mapping[int, float] | None = None,
        progress: Progress | None = None,
        n_themes_asked: int | None = None,
    ) -> ThemeResult:
        """The base result of an earlier run, rebuilt from its stored inputs and theme of each comment.

        Nothing is clustered again, so a stored run can be edited (``replay``) exactly as it was made,
        in another process, long after; only embeddings missing from the cache are computed.
        """
        comment_ids = list(ids)
        if len(comment_ids) != len(texts) or set(comment_ids) != set(themes):
            raise ValueError("every comment needs a text and a theme, and only those")
        position, canonical_texts = canonical_order(texts, comment_ids)
        timings = dict.fromkeys(STAGES, 0.0)
        embeddings = embed_texts(self.embedder, canonical_texts, cache=self.cache, progress=progress)
        vectors = self.reducer.fit_transform(embeddings, seed=self.config.seed) if len(texts) else embeddings
        theme_of = np.array([int(themes[comment_ids[i]]) for i in position], dtype=int)
        state = self._state(canonical_texts, comment_ids, position, embeddings, vectors, theme_of)
        return self._finalise(
            state, reason, dict(scores or {}), timings, edits=(), base=None, n_themes_asked=n_themes_asked
        )

    def _state(
        self,
        canonical_texts: list[str],
        comment_ids: list[CommentId],
        position: np.ndarray,
        embeddings: np.ndarray,
        vectors: np.ndarray,
        theme_of: np.ndarray,
    ) -> WorkingState:
        return WorkingState(
            texts=canonical_texts,
            ids=[comment_ids[i] for i in position],
            embeddings=embeddings,
            vectors=vectors,
            position=position,
            partition=Partition(theme_of, next_id=int(theme_of.max(initial=0)) + 1),
            engine=self,
        )

    def _cluster(self, vectors: np.ndarray, n_themes: int | None, texts: Sequence[str]) -> Clustering:
        n = len(vectors)
        if n == 0:
            return Clustering(np.zeros(0, dtype=int), 0, "no comments")
        if n == 1:
            return Clustering(np.zeros(1, dtype=int), 1, "one comment")
        # The texts let the clusterer mix lexical with semantic similarity (see cluster.py and the benchmark).
        clustering = self.clusterer.fit(vectors, n_themes, seed=self.config.seed, texts=texts)
        if len(clustering.labels) != n:
            raise RuntimeError(f"the clusterer returned {len(clustering.labels)} labels for {n} comments")
        return clustering

    def replay(self, base: ThemeResult, edits: Sequence[Edit]) -> ThemeResult:
        """``base`` (a result without edits) with ``edits`` applied in order."""
        if base.state is None:
            raise ValueError("this result carries no working state; run analyse() again to edit it")
        clock = time.perf_counter()
        partition = base.state.partition.copy()
        index_of = base.state.index_of()
        for edit in edits:
            apply_edit(
                partition,
                edit,
                index_of=index_of,
                vectors=base.state.vectors,
                clusterer=self.clusterer,
                seed=self.config.seed,
            )
        state = replace(base.state, partition=partition)
        timings = {**base.timings, "edits": time.perf_counter() - clock}
        result = self._finalise(
            state,
            base.reason,
            base.scores,
            timings,
            edits=tuple(edits),
            base=base,
            n_themes_asked=base.n_themes_asked,
        )
        carried = [w for w in base.warnings if w.code == "edit_not_carried"]
        result.warnings[:0] = carried
        return result

    def _finalise(
        self,
        state: WorkingState,
        reason: str,
        scores: dict[int, float],
        timings: dict[str, float],
        *,
        edits: tuple[Edit, ...],
        base: ThemeResult | None,
        n_themes_asked: int | None = None,
    ) -> ThemeResult:
        """Score, label and check the partition in ``state``."""
        config, partition = self.config, state.partition
        clock = time.perf_counter()
        placement = self.assigner.assign(state.embeddings, partition.theme_of, features=self._features(state))
        timings["assign"] += time.perf_counter() - clock
        clock = time.perf_counter()
        phrases = self.labeller.key_phrases(state.texts, partition.theme_of, placement.theme_ids)
        names = theme_names(
            self.labeller,
            state.texts,
            partition.theme_of,
            placement.theme_ids,
            phrases,
            embeddings=state.embeddings,
            embed=self._embed_phrases if embeds_meaning(self.embedder) else None,
            n_label_phrases=config.n_label_phrases,
        )
        themes: list[Theme] = []
        for column, theme_id in enumerate(placement.theme_ids):
            members = np.flatnonzero(partition.theme_of == theme_id)
            closest = sorted(members, key=lambda c: (-placement.similarity[c, column], c))[
                : config.n_representatives
            ]
            key_phrases = tuple(p for p, _ in phrases.get(theme_id, []))
            engine_label = names[theme_id].title
            themes.append(
                Theme(
                    id=theme_id,
                    label=partition.names.get(theme_id, engine_label),
                    key_phrases=key_phrases,
                    size=len(members),
                    representative_ids=tuple(state.ids[c] for c in closest),
                    representatives=tuple(state.texts[c] for c in closest),
                    engine_label=engine_label,
                    renamed=theme_id in partition.names,
                    description=names[theme_id].description,
                )
            )
        themes.sort(key=lambda t: (-t.size, t.id))
        timings["label"] = timings.get("label", 0.0) + time.perf_counter() - clock
        assignments: list[Assignment | None] = [None] * len(state.texts)
        for c, position in enumerate(state.position):
            assignments[position] = Assignment(
                comment_id=state.ids[c],
                theme=int(partition.theme_of[c]),
                confidence=float(placement.confidence[c]),
                secondary=placement.secondary[c],
                needs_review=bool(placement.needs_review[c]),
                pinned=c in partition.pinned,
            )
        done = [a for a in assignments if a is not None]
        warnings = quality_warnings(themes, done, config)
        if reason.startswith(WARM_START_MARK):  # said where a facilitator looks, whether or not k was asked
            warnings.insert(0, QualityWarning("joined_existing_themes", reason.split(FOUND_MARK)[0].strip()))
        return ThemeResult(
            themes=themes,
            assignments=done,
            reason=reason,
            scores=dict(scores),
            warnings=warnings,
            timings=timings,
            edits=edits,
            embedder=self.embedder.name,
            n_themes_asked=n_themes_asked,
            base=base,
            state=state,
        )


# The reason of a warm-started result begins with WARM_START_MARK; the reason the themes were first found
# follows FOUND_MARK (kept through any number of warm starts).
WARM_START_MARK = "New comments joined the existing themes"
FOUND_MARK = " When the themes were found: "
_MISSING = object()


@dataclass(frozen=True)
class WarmStart:
    """The previous themes of the comments in canonical order (-1: a new comment), and what to say."""

    theme_of: np.ndarray
    n_removed: int
    n_themes: int
    found: str  # why the previous themes were found as they were
    scores: Mapping[int, float]
    neighbours: int

    def reason(self, *, n_new: int) -> str:
        gone = (
            f"; {self.n_removed:,} earlier comment{'s' if self.n_removed != 1 else ''} no longer in the set "
            f"{'were' if self.n_removed != 1 else 'was'} left out"
            if self.n_removed
            else ""
        )
        if n_new == 0:
            joined = "no comment is new, and the comments kept their themes"
        else:
            each = "1 new comment" if n_new == 1 else f"{n_new:,} new comments each"
            joined = (
                f"{each} joined the theme of most of its {self.neighbours} most similar earlier comments, and "
                "the other comments kept their themes"
            )
        return (
            f"{WARM_START_MARK} of the previous analysis: {joined}{gone}. The themes were not found again: run "
            f"a fresh analysis to find them afresh.{FOUND_MARK}{self.found}"
        )


def warm_start(
    previous: ThemeResult | Mapping[str, Any],
    ids: Sequence[CommentId],
    n_themes: int | None,
    *,
    embedder: str,
    config: EngineConfig,
) -> WarmStart | None:
    """Whether a re-analysis of ``ids`` may keep ``previous``'s themes instead of finding them again.

    Yes when ``previous`` was made by the same embedder with the same number of themes asked (or both left
    to the engine), its base partition is known (a ``ThemeResult``, or a mapping with ``base`` holding the
    base result's ``assignments``, or with no ``edits``; the human edits are then carried as on any re-run),
    at most ``warm_start_max_new`` of ``ids`` are new and at most ``warm_start_max_removed`` of its comments
    are gone. Otherwise None, and the themes are found afresh.
    """
    if isinstance(previous, ThemeResult):
        base = previous.base or previous
        assigned = {a.comment_id: a.theme for a in base.assignments}
        asked: Any = previous.n_themes_asked
        made_by, reason, scores = previous.embedder, base.reason, dict(base.scores)
    else:
        base_map = previous.get("base")
        if isinstance(base_map, Mapping) and "assignments" in base_map:
            rows = base_map["assignments"]
        elif not previous.get("edits"):
            rows = previous.get("assignments", [])
        else:
            return None  # edited, and the partition before the edits is not given
        assigned = {a["comment_id"]: int(a["theme"]) for a in rows}
        asked = previous.get("n_themes_asked", _MISSING)
        made_by, reason = str(previous.get("embedder", "")), str(previous.get("reason", ""))
        scores = {int(k): float(v) for k, v in previous.get("scores", {}).items()}
    if asked is _MISSING or asked != n_themes or made_by != embedder or not assigned:
        return None
    theme_of = np.array([assigned.get(c, -1) for c in ids], dtype=int)
    n_new = int((theme_of < 0).sum())
    n_removed = len(assigned) - (len(ids) - n_new)
    if n_new == len(ids) or n_new > config.warm_start_max_new * len(ids):
        return None
    if n_removed > config.warm_start_max_removed * len(assigned):
        return None
    found = reason.split(FOUND_MARK, 1)[1] if FOUND_MARK in reason else reason
    return WarmStart(
        theme_of=theme_of,
        n_removed=n_removed,
        n_themes=len(set(theme_of[theme_of >= 0].tolist())),
        found=found,
        scores=scores,
        neighbours=config.warm_start_neighbours,
    )


def canonical_order(texts: Sequence[str], ids: Sequence[CommentId]) -> tuple[np.ndarray, list[str]]:
    """The order every stage sees comments in (text hash, then text, then id), whatever order they came in."""
    hashes = [text_hash(t) for t in texts]
    position = np.array(
        sorted(range(len(texts)), key=lambda i: (hashes[i], texts[i], str(ids[i]))), dtype=int
    )
    return position, [texts[i] for i in position]


def number_themes(labels: np.ndarray) -> np.ndarray:
    """Renumber cluster labels 1..k by size (largest first), ties by the earliest member (canonical order)."""
    labels = np.asarray(labels, dtype=int)
    groups = sorted(
        set(labels.tolist()), key=lambda g: (-int((labels == g).sum()), int(np.argmax(labels == g)))
    )
    number = {g: i + 1 for i, g in enumerate(groups)}
    return np.array([number[int(g)] for g in labels], dtype=int)


def analyse(
    texts: Sequence[str],
    *,
    ids: Sequence[CommentId] | None = None,
    n_themes: int | None = None,
    config: EngineConfig | None = None,
    embedder: Embedder | None = None,
    cache: EmbeddingCache | None = None,
    edits: Sequence[Edit] = (),
    previous: ThemeResult | Mapping[str, Any] | None = None,
    progress: Progress | None = None,
    clusterer: Clusterer | None = None,
    reducer: Reducer | None = None,
    fresh: bool = False,
) -> ThemeResult:
    """Themes for ``texts``: see :class:`Engine` and :meth:`Engine.analyse`."""
    engine = Engine(config=config, embedder=embedder, cache=cache, clusterer=clusterer, reducer=reducer)
    return engine.analyse(
        texts, ids=ids, n_themes=n_themes, edits=edits, previous=previous, progress=progress, fresh=fresh
    )


def _engine_of(result: ThemeResult) -> Engine:
    if result.state is None or not isinstance(result.state.engine, Engine):
        raise ValueError("this result carries no working state; run analyse() again to edit it")
    return result.state.engine


def apply_edits(result: ThemeResult, *edits: Edit) -> ThemeResult:
    """``result`` with more edits on top (replayed, with its earlier edits, on its base)."""
    base = result.base or result
    return _engine_of(result).replay(base, [*result.edits, *edits])


def undo(result: ThemeResult) -> ThemeResult:
    """``result`` without its last edit."""
    if not result.edits or result.base is None:
        raise ValueError("there is no edit to undo")
    return _engine_of(result).replay(result.base, result.edits[:-1])
