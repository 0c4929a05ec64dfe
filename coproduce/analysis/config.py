"""The engine's tunable numbers in one frozen dataclass (the benchmark varies them with ``dataclasses.replace``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class EngineConfig:
    """Every threshold the theme engine uses. Similarities are cosines between L2-normalised vectors.

    Confidence of a comment in its theme is a two-way softmax, with temperature
    ``confidence_temperature``, between its similarity to its own theme's centroid (computed without the
    comment itself, so small themes are not flattered) and its similarity to the closest other centroid: ``1 / (1 + exp(-(s_own - s_other) / T))``. It is 0.5 when the two are
    equally close, near 1 when its own theme is clearly closest, below 0.5 when a person moved it to a
    theme that is not the nearest. One theme only: confidence 1.
    """

    seed: int = 0

    # assign
    confidence_temperature: float = 0.05
    review_threshold: float = 0.6  # confidence below this: flagged for a person to check
    # Secondary themes. "neighbours" (default): the other theme most common among a comment's
    # ``secondary_neighbours`` nearest neighbours in the clusterer's feature space, when at least
    # ``secondary_share`` of them are in it; at most one. It scored 0.775 sample-F1 on ThemeFinder's 1,000
    # responses against 0.726 with no secondary themes (docs/benchmarks.md). "centroids": another theme
    # whose centroid is within ``secondary_margin`` of the own theme's and at least ``secondary_floor``.
    secondary_method: str = "neighbours"
    secondary_neighbours: int = 20
    secondary_share: float = 0.2
    secondary_margin: float = 0.0
    secondary_floor: float = 0.3
    max_secondary: int = 1
    reassign_to_nearest_centroid: bool = False  # move each comment to its nearest centroid after clustering

    # label
    ngram_range: tuple[int, int] = (1, 2)
    n_key_phrases: int = 10
    n_label_phrases: int = 3
    n_representatives: int = 3

    # quality warnings (after i.AI ThemeFinder)
    min_theme_share: float = 0.02  # a theme with fewer than this share of comments is too small ...
    min_theme_count: int = 3  # ... or with fewer than this many comments
    similar_label_jaccard: float = 0.5  # labels whose key-phrase words overlap this much are too alike
    overlap_share: float = 0.3  # two themes sharing this share of the smaller one's comments overlap

    # carrying human edits to a re-run
    match_overlap_weight: float = 0.5  # weight of member overlap (Jaccard) against centroid cosine
    match_min_score: float = 0.2  # below this an old theme has no successor

    # warm start: a re-analysis whose previous result covers nearly all the comments keeps its themes (see
    # pipeline.warm_start); each new comment joins the theme of most of its nearest earlier comments
    warm_start: bool = True
    warm_start_max_new: float = 0.05  # at most this share of the comments new since the previous result ...
    warm_start_max_removed: float = 0.05  # ... and at most this share of the previous result's comments gone
    warm_start_neighbours: int = 10

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
