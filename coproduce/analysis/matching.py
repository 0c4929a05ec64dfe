"""Matching children's centres' needs to the VCS's services: plain data in, ranked matches out, each with
its reasons, and the gaps (needs no service meets, services no centre uses). No Django here.

A service is a candidate for a need only if it is of the type asked (or a narrower type under it: the
caller passes each offer's terms with their ancestors) and its ages overlap the ages asked; a service that
states no ages is open to all, as in Open Referral UK. Candidates are then scored on five criteria, each
0 to 1 with a sentence saying why:

- ages: the share of the ages asked that the service covers;
- place: 1 within a kilometre, falling to 0 at 10 km (by coordinates), else by postcode district / area;
- times: the share of the hours asked (days × times) that the service's schedule covers;
- cost: 1 when free or within the budget, falling to 0 at twice the budget;
- meaning: the cosine of the need's and the service's descriptions through the theme engine's embedder.

The score is the weighted mean of the criteria the need states (a need that names no times is not scored
on times); a criterion the need states but the service does not publish (no schedule, no cost) scores 0.5,
said as such, so missing information neither wins nor loses outright.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from coproduce.analysis.cache import EmbeddingCache, embed_texts
from coproduce.analysis.embed import Embedder

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
UNKNOWN = 0.5  # the score of a criterion the need states and the service does not publish
NEAR_KM, FAR_KM = 1.0, 10.0
NO_AGE_LIMIT = 150.0


@dataclass(frozen=True)
class Slot:
    """A weekly time window: ``day`` 0 (Monday) to 6, ``start`` and ``end`` in minutes after midnight."""

    day: int
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.day <= 6:
            raise ValueError(f"day must be 0 (Monday) to 6 (Sunday), not {self.day}")
        if not 0 <= self.start < self.end <= 24 * 60:
            raise ValueError(f"a slot must end after it starts, within the day ({self.start}-{self.end})")

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def __str__(self) -> str:
        return f"{DAY_NAMES[self.day]} {_clock(self.start)}–{_clock(self.end)}"


@dataclass(frozen=True)
class Place:
    name: str = ""
    postcode: str = ""
    latitude: float | None = None
    longitude: float | None = None

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def district(self) -> str:
        """The outward code of the postcode: "DA7" of "DA7 4DT"."""
        compact = re.sub(r"\s+", "", self.postcode.upper())
        return compact[:-3] if len(compact) > 4 else compact

    @property
    def postcode_area(self) -> str:
        """The letters that start the postcode: "DA" of "DA7 4DT"."""
        found = re.match(r"[A-Z]+", self.district)
        return found.group(0) if found else ""

    def __str__(self) -> str:
        return self.name or self.postcode or "the place given"


@dataclass(frozen=True)
class Cost:
    """What a service costs: ``free``, or ``amount`` pounds a session (for each family when
    ``per_family``); ``description`` is the directory's own words, quoted in reasons."""

    free: bool = False
    amount: float | None = None
    per_family: bool = False
    description: str = ""


@dataclass(frozen=True)
class Need:
    key: Hashable
    service_type: Hashable | None  # a taxonomy term's key; None: any type
    type_name: str = ""
    min_age: float | None = None
    max_age: float | None = None
    place: Place | None = None
    slots: tuple[Slot, ...] = ()
    families: int | None = None
    budget: float | None = None  # the most a session may cost, in pounds; 0: free only; None: not stated
    text: str = ""


@dataclass(frozen=True)
class Offer:
    key: Hashable
    name: str
    service_types: frozenset[Hashable]  # its terms and their ancestors
    min_age: float | None = None
    max_age: float | None = None
    places: tuple[Place, ...] = ()
    online: bool = False
    slots: tuple[Slot, ...] = ()
    cost: Cost | None = None
    text: str = ""


@dataclass(frozen=True)
class Reason:
    criterion: str  # "type", "ages", "place", "times", "cost" or "meaning"
    score: float | None  # None for the requirements (type), which a candidate meets by definition
    text: str


@dataclass(frozen=True)
class Match:
    need: Hashable
    offer: Hashable
    rank: int
    score: float
    reasons: tuple[Reason, ...]

    def reason(self, criterion: str) -> Reason | None:
        return next((r for r in self.reasons if r.criterion == criterion), None)


@dataclass(frozen=True)
class Weights:
    ages: float = 0.2
    place: float = 0.2
    times: float = 0.2
    cost: float = 0.15
    meaning: float = 0.25


@dataclass(frozen=True)
class UnmetNeed:
    need: Hashable
    reason: str


@dataclass(frozen=True)
class UnusedOffer:
    offer: Hashable
    reason: str


@dataclass(frozen=True)
class Gaps:
    unmet_needs: tuple[UnmetNeed, ...] = ()
    unused_offers: tuple[UnusedOffer, ...] = ()


@dataclass
class Ranking:
    """Each need's matches, best first."""

    matches: dict[Hashable, list[Match]] = field(default_factory=dict)

    def for_need(self, need: Hashable) -> list[Match]:
        return self.matches.get(need, [])


# --- requirements ---------------------------------------------------------------------------------------


def _age_bounds(low: float | None, high: float | None) -> tuple[float, float]:
    """Whole-year ages as a half-open span: 0–5 is from birth to the sixth birthday, [0, 6)."""
    return (low if low is not None else 0.0, (high if high is not None else NO_AGE_LIMIT) + 1)


def _age_overlap(need: Need, offer: Offer) -> float:
    """Years of the need's ages the offer covers (0: none)."""
    need_low, need_high = _age_bounds(need.min_age, need.max_age)
    offer_low, offer_high = _age_bounds(offer.min_age, offer.max_age)
    return max(0.0, min(need_high, offer_high) - max(need_low, offer_low))


def is_candidate(need: Need, offer: Offer) -> bool:
    """The offer is of the type asked and its ages overlap the ages asked."""
    of_type = need.service_type is None or need.service_type in offer.service_types
    return of_type and _age_overlap(need, offer) > 0


# --- the criteria ----------------------------------------------------------------------------------------


def _ages_text(low: float | None, high: float | None) -> str:
    if low is None and high is None:
        return "all ages"
    if high is None:
        return f"ages {_number(low or 0)} and over"
    return f"ages {_number(low or 0)}–{_number(high)}"


def score_ages(need: Need, offer: Offer) -> Reason | None:
    if need.min_age is None and need.max_age is None:
        return None
    low, high = _age_bounds(need.min_age, need.max_age)
    share = _age_overlap(need, offer) / (high - low)
    asked, offered = _ages_text(need.min_age, need.max_age), _ages_text(offer.min_age, offer.max_age)
    if offer.min_age is None and offer.max_age is None:
        return Reason("ages", 1.0, f"States no age limits, so open to the {asked} asked for.")
    if share >= 1:
        return Reason("ages", 1.0, f"For {offered}: covers all the {asked} asked for.")
    return Reason("ages", share, f"For {offered}: covers {share:.0%} of the {asked} asked for.")


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine, the Earth as a sphere of radius 6,371 km)."""
    assert a.latitude is not None and a.longitude is not None
    assert b.latitude is not None and b.longitude is not None
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlon = lat2 - lat1, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _place_score(need: Place, place: Place) -> tuple[float, str]:
    if need.has_coordinates and place.has_coordinates:
        km = distance_km(need, place)
        score = 1.0 if km <= NEAR_KM else max(0.0, 1 - (km - NEAR_KM) / (FAR_KM - NEAR_KM))
        if km < 0.05:
            return score, f"At {place}: the place asked for." if str(place) == str(
                need
            ) else f"At {place}, next to {need}."
        return score, f"{km:.1f} km from {need}, at {place}."
    if need.postcode and _compact(need.postcode) == _compact(place.postcode):
        return 1.0, f"At {place}, the same postcode as {need}."
    if need.district and need.district == place.district:
        return 0.8, f"In the same postcode district as {need} ({need.district}), at {place}."
    if need.postcode_area and need.postcode_area == place.postcode_area:
        return 0.4, f"In the same postcode area as {need} ({need.postcode_area}), at {place}."
    if need.district and place.district:
        return 0.0, f"At {place} ({place.district}), outside {need}'s postcode area."
    return UNKNOWN, f"At {place}; its distance from {need} is not known (no coordinates or postcode)."


def score_place(need: Need, offer: Offer) -> Reason | None:
    if need.place is None:
        return None
    if offer.online:
        return Reason("place", 1.0, "Delivered online, so it can reach families wherever they are.")
    if not offer.places:
        return Reason("place", UNKNOWN, "Publishes no location, so its distance is not known.")
    score, text = max((_place_score(need.place, place) for place in offer.places), key=lambda st: st[0])
    return Reason("place", score, text)


def _covered_minutes(asked: Slot, offered: Iterable[Slot]) -> int:
    """Minutes of ``asked`` inside the union of the offered windows on its day."""
    spans = sorted(
        (max(asked.start, s.start), min(asked.end, s.end))
        for s in offered
        if s.day == asked.day and s.start < asked.end and s.end > asked.start
    )
    covered, reach = 0, asked.start
    for start, end in spans:
        start = max(start, reach)
        if end > start:
            covered, reach = covered + end - start, end
    return covered


def score_times(need: Need, offer: Offer) -> Reason | None:
    if not need.slots:
        return None
    if not offer.slots:
        return Reason("times", UNKNOWN, "Publishes no schedule, so its times could not be compared.")
    asked = sum(s.minutes for s in need.slots)
    covered = sum(_covered_minutes(s, offer.slots) for s in need.slots)
    runs = ", ".join(str(s) for s in sorted(offer.slots, key=lambda s: (s.day, s.start)))
    share = covered / asked
    if covered == 0:
        return Reason("times", 0.0, f"Runs {runs}: none of the times asked for.")
    return Reason(
        "times", share, f"Runs {runs}: covers {_hours(covered)} of the {_hours(asked)} a week asked for."
    )


def score_cost(need: Need, offer: Offer) -> Reason | None:
    if need.budget is None:
        return None
    budget = f"£{need.budget:,.0f} a session" if need.budget else "free services only"
    cost = offer.cost
    if cost is not None and cost.free:
        return Reason("cost", 1.0, "Free.")
    if cost is None or cost.amount is None:
        return Reason("cost", UNKNOWN, "Publishes no cost, so it could not be compared with the budget.")
    total, how = cost.amount, f"£{cost.amount:,.2f}".replace(".00", "")
    if cost.per_family and need.families:
        total = cost.amount * need.families
        how = f"{how} a family × {need.families} families = £{total:,.0f}"
    if cost.description:
        how = f"{how} ({cost.description})"
    if total <= need.budget:
        return Reason("cost", 1.0, f"Costs {how}: within the budget of {budget}.")
    score = 0.0 if need.budget == 0 else max(0.0, 1 - (total - need.budget) / need.budget)
    return Reason("cost", score, f"Costs {how}: over the budget of {budget}.")


_WORD = re.compile(r"[a-z][a-z'-]{2,}")


def _content_words(text: str) -> dict[str, str]:
    """Words that carry meaning, keyed by a crude stem (a final "s" dropped), for saying what two texts
    share: the score itself comes from the embedder."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words: dict[str, str] = {}
    for word in _WORD.findall(text.lower()):
        word = word.strip("'-")
        if word not in ENGLISH_STOP_WORDS and len(word) > 2:
            words.setdefault(word[:-1] if word.endswith("s") and len(word) > 3 else word, word)
    return words


def score_meaning(need: Need, offer: Offer, cosine: float | None) -> Reason | None:
    if cosine is None or not need.text.strip():
        return None
    score = max(0.0, min(1.0, cosine))
    need_words, offer_words = _content_words(need.text), _content_words(offer.text)
    shared = [need_words[stem] for stem in need_words if stem in offer_words][:5]
    words = f"; words in common: {', '.join(shared)}" if shared else "; no words in common"
    closeness = "close" if score >= 0.5 else "somewhat close" if score >= 0.25 else "far"
    return Reason("meaning", score, f"The descriptions are {closeness} in meaning ({score:.2f}){words}.")


def _type_reason(need: Need, offer: Offer) -> Reason:
    if need.service_type is None:
        return Reason("type", None, "The need names no type of service.")
    return Reason("type", None, f"Of the type asked: {need.type_name or 'as the need names it'}.")


# --- ranking ---------------------------------------------------------------------------------------------


def score(
    need: Need, offer: Offer, *, cosine: float | None = None, weights: Weights = Weights()
) -> tuple[float, tuple[Reason, ...]]:
    """The weighted mean of the criteria the need states, and every reason (type first)."""
    scored = [
        r
        for r in (
            score_ages(need, offer),
            score_place(need, offer),
            score_times(need, offer),
            score_cost(need, offer),
            score_meaning(need, offer, cosine),
        )
        if r is not None
    ]
    weight = {c: getattr(weights, c) for c in ("ages", "place", "times", "cost", "meaning")}
    total_weight = sum(weight[r.criterion] for r in scored)
    value = (
        sum(weight[r.criterion] * (r.score or 0.0) for r in scored) / total_weight if total_weight else 1.0
    )
    return round(value, 4), (_type_reason(need, offer), *scored)


def cosines(
    needs: Sequence[Need],
    offers: Sequence[Offer],
    embedder: Embedder | None,
    *,
    cache: EmbeddingCache | None = None,
) -> np.ndarray | None:
    """The cosine of each need's text with each offer's, shape (needs, offers); None without an embedder.
    Every text is embedded in one call, so a corpus-fitted embedder (TF-IDF) sees them all together."""
    if embedder is None or not needs or not offers:
        return None
    texts = [n.text for n in needs] + [o.text for o in offers]
    vectors = embed_texts(embedder, texts, cache=cache)
    return np.asarray(vectors[: len(needs)] @ vectors[len(needs) :].T, dtype=np.float64)


def rank(
    needs: Sequence[Need],
    offers: Sequence[Offer],
    *,
    embedder: Embedder | None = None,
    cache: EmbeddingCache | None = None,
    weights: Weights = Weights(),
) -> Ranking:
    """For each need, the candidate offers ranked by score (ties by name, then key), each with reasons."""
    similarity = cosines(needs, offers, embedder, cache=cache)
    ranking = Ranking()
    for i, need in enumerate(needs):
        scored = []
        for j, offer in enumerate(offers):
            if not is_candidate(need, offer):
                continue
            cosine = float(similarity[i, j]) if similarity is not None else None
            value, reasons = score(need, offer, cosine=cosine, weights=weights)
            scored.append((value, offer, reasons))
        scored.sort(key=lambda s: (-s[0], s[1].name, str(s[1].key)))
        ranking.matches[need.key] = [
            Match(need=need.key, offer=offer.key, rank=position, score=value, reasons=reasons)
            for position, (value, offer, reasons) in enumerate(scored, start=1)
        ]
    return ranking


def gaps(
    needs: Sequence[Need],
    offers: Sequence[Offer],
    ranking: Ranking,
    *,
    agreed: Iterable[tuple[Hashable, Hashable]] = (),
    min_score: float = 0.5,
) -> Gaps:
    """Needs no service meets (no candidate, or none scoring ``min_score``), and services no centre uses
    (in no agreed match), each saying why."""
    unmet = []
    for need in needs:
        matches = ranking.for_need(need.key)
        if matches and matches[0].score >= min_score:
            continue
        unmet.append(UnmetNeed(need.key, _unmet_reason(need, offers, matches, min_score)))
    used = {offer for _, offer in agreed}
    matched: dict[Hashable, int] = {}
    for matches in ranking.matches.values():
        for match in matches:
            matched[match.offer] = matched.get(match.offer, 0) + 1
    unused = []
    for offer in offers:
        if offer.key in used:
            continue
        count = matched.get(offer.key, 0)
        reason = (
            f"Matches {count} need{'s' if count != 1 else ''}, but no centre has agreed to use it yet."
            if count
            else "No centre's need is of its type and ages."
        )
        unused.append(UnusedOffer(offer.key, reason))
    return Gaps(unmet_needs=tuple(unmet), unused_offers=tuple(unused))


def _unmet_reason(need: Need, offers: Sequence[Offer], matches: list[Match], min_score: float) -> str:
    if matches:
        return f"The best service fits only {matches[0].score:.0%} (below {min_score:.0%})."
    of_type = [o for o in offers if need.service_type is None or need.service_type in o.service_types]
    kind = need.type_name or "the type asked"
    if not of_type:
        return f"No published service is of type {kind}."
    return f"Services of type {kind} exist, but none for {_ages_text(need.min_age, need.max_age)}."


def offers_by_key(offers: Iterable[Offer]) -> Mapping[Hashable, Offer]:
    return {offer.key: offer for offer in offers}


# --- words -----------------------------------------------------------------------------------------------


def _compact(postcode: str) -> str:
    return re.sub(r"\s+", "", postcode.upper())


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _hours(minutes: int) -> str:
    hours = minutes / 60
    text = f"{hours:.1f}".removesuffix(".0")
    return f"{text} hour{'s' if hours != 1 else ''}"


def _number(value: float) -> str:
    return f"{value:g}"
