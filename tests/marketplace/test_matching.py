"""Matching in the app, with known answers: exactly the published services of the type whose ages overlap,
ranked as expected, with reasons kept; ranking again keeps what people did with a match."""

import datetime

import numpy as np
import pytest
from django.test import TestCase

from coproduce.marketplace import services
from coproduce.marketplace.models import Match, MatchStatus, RankingStatus
from coproduce.marketplace.selectors import live_matches, need_as_data, offers_for_area
from coproduce.service_directory.models import ServiceStatus
from tests.factories import AreaFactory, OrganisationFactory
from tests.marketplace.factories import centre, service, term

pytestmark = pytest.mark.django_db

SAME_WORDS = "Small groups where young children practise talking, listening and play with words."


@pytest.fixture
def area():
    return AreaFactory(name="London Borough of Bexley", slug="bexley")


def need_for(area, where, **more):
    values = {
        "centre": where,
        "title": "Speech and language for under-fives",
        "description": SAME_WORDS,
        "service_type": term("speech-and-language"),
        "minimum_age": 0,
        "maximum_age": 5,
        "budget_band": "no_limit",
    }
    # The ranking task is queued when the need's transaction commits; run it (ImmediateBackend) at once.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return services.need_create(area=area, **{**values, **more})


class SameMeaning:
    """Every text the same vector: the descriptions tie, so the ranking is the ages' alone."""

    name, cacheable = "same-meaning", False

    def embed(self, texts):
        return np.ones((len(texts), 4), dtype=np.float32) / 2


def test_a_need_for_ages_0_to_5_of_a_type_is_matched_to_exactly_the_published_services_that_overlap(
    area, monkeypatch
):
    monkeypatch.setattr(services, "make_embedder", lambda name: SameMeaning())
    where = centre(area)
    vcs = OrganisationFactory(area=area, name="Bexley Speech Trust")
    under_fives = service(vcs, "Chatterbox under-fives", ages=(0, 5), description=SAME_WORDS)
    toddlers = service(vcs, "Talk time toddlers", ages=(1, 3), description=SAME_WORDS)
    open_to_all = service(vcs, "Speech drop-in", description=SAME_WORDS)
    service(vcs, "Speech for schoolchildren", ages=(6, 11), description=SAME_WORDS)
    service(vcs, "Unpublished chatter", ages=(0, 5), published=False, description=SAME_WORDS)
    service(vcs, "Stay and play", types=("play-and-learning",), ages=(0, 5), description=SAME_WORDS)
    closed = service(vcs, "Closed chatter", ages=(0, 5), description=SAME_WORDS)
    closed.status = ServiceStatus.DEFUNCT
    closed.save()
    elsewhere = service(
        OrganisationFactory(), "Another borough's speech", ages=(0, 5), description=SAME_WORDS
    )

    need = need_for(area, where)  # the task runs at once in tests (ImmediateBackend)

    need.refresh_from_db()
    assert need.ranking_status == RankingStatus.DONE
    ranked = list(live_matches(need))
    assert [m.service for m in ranked] == [under_fives, open_to_all, toddlers]  # ties by name
    assert [m.rank for m in ranked] == [1, 2, 3]
    # ages weigh 0.2 and meaning 0.25 (cosine 1 for all): 1 for full cover, (0.2 * 0.5 + 0.25) / 0.45
    assert [m.score for m in ranked] == pytest.approx([1, 1, 0.35 / 0.45], abs=1e-4)
    ages = {m.service.name: next(r for r in m.reasons if r["criterion"] == "ages") for m in ranked}
    assert ages["Talk time toddlers"] == {
        "criterion": "ages",
        "score": 0.5,
        "text": "For ages 1–3: covers 50% of the ages 0–5 asked for.",
    }
    assert elsewhere.pk not in {m.service_id for m in Match.objects.all()}


def test_place_times_and_budget_rank_the_nearer_cheaper_better_timed_service_first(area):
    where = centre(area)
    at_centre = where.service_locations.get()
    far_hall = centre(
        area, "Thamesmead hall", postcode="SE28 8AA", lat=51.505, lon=0.115
    ).service_locations.get()
    vcs = OrganisationFactory(area=area)
    morning = (datetime.time(9, 30), datetime.time(11, 30))
    near = service(
        vcs, "Near", ages=(0, 5), at=at_centre, days="TU", hours=morning, cost=0, description=SAME_WORDS
    )
    far = service(
        vcs, "Far", ages=(0, 5), at=far_hall, days="TH", hours=morning, cost=400, description=SAME_WORDS
    )
    need = need_for(
        area,
        where,
        location=at_centre,
        days="TU",
        start_time=datetime.time(9, 30),
        end_time=datetime.time(11, 30),
        budget_band="up_to_150",
        families=10,
    )
    ranked = list(live_matches(need))
    assert [m.service for m in ranked] == [near, far]
    reasons = {r["criterion"]: r for r in ranked[1].reasons}
    assert reasons["times"]["score"] == 0
    assert reasons["cost"]["text"].startswith("Costs £400: over the budget of £150 a session")
    assert reasons["place"]["text"].endswith("at Thamesmead hall.")
    assert {r["criterion"]: r for r in ranked[0].reasons}["cost"]["text"] == "Free."


def test_ranking_again_drops_old_suggestions_but_keeps_what_was_discussed(area):
    where = centre(area)
    vcs = OrganisationFactory(area=area)
    kept = service(vcs, "Kept", ages=(0, 5))
    dropped = service(vcs, "Dropped", ages=(0, 5))
    need = need_for(area, where)
    services.match_record(match=need.matches.get(service=kept), status=MatchStatus.DISCUSSED, note="Talked")
    for gone in (kept, dropped):
        gone.minimum_age, gone.maximum_age = 7, 9
        gone.save()
    services.need_rank_start(need=need)  # the test's transaction never commits: carry it out here
    services.need_rank_carry_out(need=need)
    match = need.matches.get()
    assert (match.service, match.status, match.rank, match.note) == (
        kept,
        MatchStatus.DISCUSSED,
        None,
        "Talked",
    )


def test_the_need_as_data_reads_its_days_times_budget_and_cited_comments(area):
    from tests.factories import CommentFactory, EventFactory

    where = centre(area)
    comment = CommentFactory(event=EventFactory(area=area), text="Our toddlers wait months for speech help.")
    need = need_for(area, where, days="MO,WE", budget_band="free", evidence=[comment])
    data = need_as_data(need)
    assert [(s.day, s.start, s.end) for s in data.slots] == [(0, 540, 1020), (2, 540, 1020)]  # working day
    assert data.budget == 0
    assert "wait months for speech help" in data.text
    assert offers_for_area(area) == []
