"""The matching arithmetic: known answers on small data, each criterion's score, and the gaps."""

import pytest

from coproduce.analysis.embed import TfidfEmbedder
from coproduce.analysis.matching import (
    Cost,
    Need,
    Offer,
    Place,
    Slot,
    Weights,
    distance_km,
    gaps,
    is_candidate,
    rank,
    score,
    score_ages,
    score_cost,
    score_meaning,
    score_place,
    score_times,
)

SPEECH, PLAY, SPEECH_GROUPS = "speech", "play", "speech-groups"  # speech-groups is narrower than speech

BEXLEYHEATH = Place("Bexleyheath Children's Centre", "DA7 4DT", 51.4570, 0.1440)


def offer(key, name, *, types=(SPEECH,), min_age=None, max_age=None, **more) -> Offer:
    return Offer(key=key, name=name, service_types=frozenset(types), min_age=min_age, max_age=max_age, **more)


def need(**more) -> Need:
    values = {
        "key": "n",
        "service_type": SPEECH,
        "type_name": "Speech and language",
        "min_age": 0,
        "max_age": 5,
    }
    return Need(**{**values, **more})


def test_a_need_for_ages_0_to_5_of_a_type_gets_exactly_the_services_of_that_type_whose_ages_overlap():
    offers = [
        offer(1, "Chatterbox under-fives", min_age=0, max_age=5),  # covers all 0-5
        offer(2, "Talk time toddlers", min_age=1, max_age=3),  # covers 3 of the 6 years
        offer(3, "Speech for schoolchildren", min_age=6, max_age=11),  # no overlap: left out
        offer(4, "Stay and play", types=(PLAY,), min_age=0, max_age=5),  # another type: left out
        offer(5, "Speech drop-in", min_age=None, max_age=None),  # no limits: open to all, covers all
        offer(6, "Little talkers groups", types=(SPEECH_GROUPS, SPEECH), min_age=4, max_age=8),  # 2 of 6
        offer(7, "Five-year-olds' speech", min_age=5, max_age=7),  # touches at 5: 1 of 6
    ]
    ranked = rank([need()], offers).for_need("n")
    assert [m.offer for m in ranked] == [1, 5, 2, 6, 7]  # by age cover, ties by name
    assert [m.score for m in ranked] == pytest.approx([1, 1, 0.5, 2 / 6, 1 / 6], abs=1e-4)
    assert [m.rank for m in ranked] == [1, 2, 3, 4, 5]
    assert ranked[0].reason("ages").text == "For ages 0–5: covers all the ages 0–5 asked for."
    assert ranked[1].reason("ages").text.startswith("States no age limits")
    assert ranked[2].reason("ages").text == "For ages 1–3: covers 50% of the ages 0–5 asked for."


def test_the_type_is_a_requirement_and_narrower_types_count():
    assert is_candidate(need(), offer(1, "Groups", types=(SPEECH_GROUPS, SPEECH)))
    assert not is_candidate(need(service_type=SPEECH_GROUPS), offer(1, "Any speech", types=(SPEECH,)))
    assert is_candidate(need(service_type=None), offer(1, "Play", types=(PLAY,)))


def test_ages_are_whole_years_so_a_need_up_to_5_meets_a_service_from_5():
    assert is_candidate(need(min_age=0, max_age=5), offer(1, "From five", min_age=5, max_age=11))
    assert not is_candidate(need(min_age=0, max_age=4), offer(1, "From five", min_age=5, max_age=11))
    assert score_ages(need(min_age=None, max_age=None), offer(1, "x", min_age=2)) is None


def test_place_by_coordinates_is_full_within_a_kilometre_and_nothing_beyond_ten():
    near = Place("Broadway", "DA6 7JN", 51.4570, 0.1500)  # about 0.4 km east
    middle = Place("Erith", "DA8 1RD", 51.4810, 0.1770)  # about 3.5 km
    far = Place("Orpington", "BR6 0NW", 51.3600, 0.0980)  # about 11 km
    assert distance_km(BEXLEYHEATH, near) == pytest.approx(0.417, abs=0.01)
    at = need(place=BEXLEYHEATH)
    assert score_place(at, offer(1, "x", places=(near,))).score == 1
    km = distance_km(BEXLEYHEATH, middle)
    assert score_place(at, offer(1, "x", places=(middle,))).score == pytest.approx(1 - (km - 1) / 9)
    assert score_place(at, offer(1, "x", places=(far,))).score == 0
    # the nearest of several locations counts, and the reason names it
    reason = score_place(at, offer(1, "x", places=(far, middle)))
    assert reason.text == f"{km:.1f} km from Bexleyheath Children's Centre, at Erith."


def test_place_by_postcode_when_there_are_no_coordinates():
    at = need(place=Place("Bexleyheath Children's Centre", "DA7 4DT"))
    same = score_place(at, offer(1, "x", places=(Place("Bexleyheath Children's Centre", "da7 4dt"),)))
    assert same.score == 1 and same.text.endswith("the same postcode as Bexleyheath Children's Centre.")
    assert score_place(at, offer(1, "x", places=(Place("Hall", "DA7 5AB"),))).score == 0.8
    assert score_place(at, offer(1, "x", places=(Place("Hall", "DA16 1AA"),))).score == 0.4
    assert score_place(at, offer(1, "x", places=(Place("Hall", "SE2 9AA"),))).score == 0
    assert score_place(at, offer(1, "x", online=True)).score == 1
    assert score_place(at, offer(1, "x")).score == 0.5
    assert score_place(need(), offer(1, "x")) is None  # the need names no place: not scored


def test_times_are_the_share_of_the_weekly_hours_asked_that_the_schedule_covers():
    asked = need(slots=(Slot(1, 9 * 60, 12 * 60), Slot(3, 9 * 60, 12 * 60)))  # Tue and Thu, 9-12
    runs = offer(1, "x", slots=(Slot(1, 10 * 60, 11 * 60), Slot(1, 10 * 60 + 30, 13 * 60)))  # Tue 10-13
    reason = score_times(asked, runs)
    assert reason.score == pytest.approx(2 / 6)
    assert (
        reason.text
        == "Runs Tuesday 10:00–11:00, Tuesday 10:30–13:00: covers 2 hours of the 6 hours a week asked for."
    )
    assert score_times(asked, offer(1, "x", slots=(Slot(0, 540, 720),))).score == 0
    assert score_times(asked, offer(1, "x")).score == 0.5
    assert score_times(need(), runs) is None


def test_cost_against_the_budget_counts_families_when_the_cost_is_per_family():
    per_family = Cost(amount=5, per_family=True, description="per child")
    assert score_cost(need(budget=100, families=12), offer(1, "x", cost=per_family)).score == 1
    over = score_cost(need(budget=40, families=12), offer(1, "x", cost=per_family))
    assert over.score == pytest.approx(1 - 20 / 40)
    assert over.text == "Costs £5 a family × 12 families = £60 (per child): over the budget of £40 a session."
    assert score_cost(need(budget=0), offer(1, "x", cost=Cost(amount=10))).score == 0
    assert score_cost(need(budget=0), offer(1, "x", cost=Cost(free=True))).score == 1
    assert score_cost(need(budget=50), offer(1, "x", cost=Cost(amount=100))).score == 0
    assert score_cost(need(budget=50), offer(1, "x")).score == 0.5
    assert score_cost(need(), offer(1, "x", cost=Cost(amount=100))) is None


def test_the_score_is_the_weighted_mean_of_the_criteria_the_need_states():
    asked = need(place=BEXLEYHEATH, budget=0)
    candidate = offer(1, "x", min_age=0, max_age=2, places=(BEXLEYHEATH,), cost=Cost(amount=10))
    value, reasons = score(asked, candidate, weights=Weights(ages=1, place=1, cost=2))
    assert value == pytest.approx((1 * 0.5 + 1 * 1 + 2 * 0) / 4)
    assert [r.criterion for r in reasons] == ["type", "ages", "place", "cost"]


def test_meaning_ranks_the_service_described_like_the_need_first_and_says_which_words_they_share():
    asked = need(
        min_age=None, max_age=None, text="Speech and language help for toddlers who are late to talk"
    )
    offers = [
        offer(1, "A", text="Football coaching and sports clubs for teenagers on Saturday mornings"),
        offer(2, "B", text="Toddlers late to talk get speech and language help from therapists"),
        offer(3, "C", text="Debt advice and benefits help for parents and carers"),
    ]
    ranked = rank([asked], offers, embedder=TfidfEmbedder()).for_need("n")
    assert ranked[0].offer == 2
    reason = ranked[0].reason("meaning")
    assert reason.text.startswith("The descriptions are close in meaning")
    assert "words in common: speech, language, help, toddlers, late" in reason.text
    assert score_meaning(need(text=""), offers[0], 0.9) is None


def test_gaps_are_the_needs_no_service_meets_and_the_services_no_centre_uses():
    needs = [
        need(key="speech"),
        need(key="teen", min_age=13, max_age=16),
        need(key="play", service_type=PLAY, type_name="Play"),
        need(key="poor", budget=0),
    ]
    offers = [
        offer(1, "Chatterbox", min_age=0, max_age=5),
        offer(2, "Dads' football", types=("sport",), min_age=5, max_age=16),
        offer(3, "Costly speech", min_age=0, max_age=5, cost=Cost(amount=900)),
    ]
    ranking = rank(needs, offers)
    found = gaps(needs, offers, ranking, agreed=[("speech", 1)], min_score=0.6)
    unmet = {g.need: g.reason for g in found.unmet_needs}
    assert unmet == {
        "teen": "Services of type Speech and language exist, but none for ages 13–16.",
        "play": "No published service is of type Play.",
    }
    unused = {g.offer: g.reason for g in found.unused_offers}
    assert unused == {
        2: "No centre's need is of its type and ages.",
        3: "Matches 2 needs, but no centre has agreed to use it yet.",
    }
    weak = gaps(needs, offers, ranking, min_score=1.01)
    assert "The best service fits only 100% (below 101%)." in {g.reason for g in weak.unmet_needs}


def test_a_slot_must_end_after_it_starts():
    with pytest.raises(ValueError, match="end after it starts"):
        Slot(0, 600, 540)
    with pytest.raises(ValueError, match="Monday"):
        Slot(7, 540, 600)
