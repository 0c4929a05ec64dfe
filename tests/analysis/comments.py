"""Small themed comment sets and fake stages for the theme engine's tests (no network, no model)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

# Words for planted-theme sets (tests of the theme count and of the catch-all): each theme's own words, and the
# words every workshop comment shares whatever its subject.
PLANTED_WORDS = {
    "transport": ["bus", "route", "timetable", "parking", "travel", "lift"],
    "funding": ["grant", "budget", "money", "contract", "cost", "bid"],
    "staff": ["staff", "training", "volunteers", "recruit", "supervisor", "hours"],
    "venue": ["building", "hall", "rooms", "toilets", "heating", "space"],
    "information": ["leaflet", "website", "newsletter", "text", "email", "advertise"],
    "childcare": ["nursery", "creche", "toddlers", "babies", "places", "playgroup"],
    "food": ["food", "lunch", "snacks", "cooking", "meals", "fruit"],
    "safety": ["safety", "safeguarding", "police", "lighting", "risk", "checks"],
    "health": ["health", "visitor", "midwife", "doctor", "clinic", "nurse"],
    "outdoors": ["garden", "park", "outdoor", "playground", "trees", "walks"],
}
SHARED_WORDS = [
    "the", "centre", "families", "parents", "children", "we", "need", "more", "better", "should", "local",
    "services", "support", "help", "community", "council", "people", "time",
]  # fmt: skip


FUNDING = [
    "Funding for the children's centres only lasts one year, contracts are too short",
    "Short contracts mean the voluntary sector cannot plan, funding should run for three years",
    "Small charities cannot afford to bid for contracts, the funding process is too complex",
    "Commissioning contracts favour large providers, funding goes to the same few",
    "Grant funding stops before the work is finished, contracts need to be longer",
    "We lose staff every year because funding contracts end in March",
    "The council should pool funding and offer joint contracts to small charities",
    "Funding contracts should pay for outcomes not for attendance numbers",
    "Bidding for contracts takes weeks, the funding rules change every year",
    "Core funding for running costs is missing from the contracts",
]
INFORMATION = [
    "Parents do not know what the centre offers, we need better information",
    "Information about sessions should be on a website parents can find",
    "Leaflets with information for parents should be in several languages",
    "Parents hear about sessions from friends, the information never reaches them",
    "A single list of information on services would help parents and staff",
    "Parents want information about sessions sent by text message",
    "The website information for parents is out of date and hard to read",
    "Health visitors should give parents information about the centre sessions",
    "Fathers are missing from the information and leaflets parents see",
    "New parents moving to the area get no information about sessions",
]
VOLUNTEERS = [
    "Volunteers need training before they work with families",
    "Safeguarding training for volunteers should be free",
    "Volunteers leave because nobody supports or thanks them, training helps",
    "Recruit volunteers from parents who used the centre and give them training",
    "Volunteers need a named supervisor and regular training sessions",
    "Training for volunteers should count towards a qualification",
    "DBS checks for volunteers take months, volunteers give up before training",
    "Older volunteers could run stay and play sessions with some training",
    "Volunteers need expenses paid and proper training",
    "Peer volunteers with training reach families the staff cannot",
]
TOPICS = {"funding": FUNDING, "information": INFORMATION, "volunteers": VOLUNTEERS}


def themed_comments() -> tuple[list[str], list[str]]:
    """30 comments on three clearly distinct topics, and the topic of each."""
    texts, topics = [], []
    for topic, comments in TOPICS.items():
        texts.extend(comments)
        topics.extend([topic] * len(comments))
    return texts, topics


class KeywordEmbedder:
    """Fake embedder: one axis per topic keyword plus a small hash-based wobble; counts what it embeds."""

    name = "keyword-fake"
    cacheable = True

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    @property
    def embedded(self) -> list[str]:
        return [text for call in self.calls for text in call]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        rows = []
        for text in texts:
            lowered = text.lower()
            axes = [
                float(lowered.count(k))
                for k in ("fund", "contract", "information", "parent", "volunteer", "training")
            ]
            digest = hashlib.sha256(text.encode()).digest()
            wobble = [b / 2550 for b in digest[:4]]
            rows.append(axes + wobble)
        vectors = np.array(rows, dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms > 0, norms, 1)
