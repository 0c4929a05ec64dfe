"""What one participant's speed-dating page is made of, read without a request."""

import pytest

from coproduce.directory.models import Role
from coproduce.methods.speed_dating import services
from coproduce.methods.speed_dating.selectors import labels, meeting_now, my_rounds, plan_of

pytestmark = pytest.mark.django_db


def test_before_the_plan_a_participant_has_no_card_and_nothing_to_note(speed_dating, providers, managers):
    mine = my_rounds(speed_dating, providers[0])
    assert (mine.in_plan, mine.card, mine.now, mine.held, mine.can_note) == (False, [], None, [], False)


def test_during_a_round_a_participant_meets_their_partner_and_notes_that_meeting(
    speed_dating, providers, managers
):
    services.plan_make(session=speed_dating, first_role=Role.VCS_PROVIDER, second_role=Role.CC_MANAGER)
    services.round_next(session=speed_dating)
    me = managers[0]
    mine = my_rounds(speed_dating, me)
    meeting = meeting_now(speed_dating, me)
    names = labels(speed_dating)
    partner = meeting.second_id if meeting.first_id == me.pk else meeting.first_id
    assert mine.in_plan and mine.round == 1 and mine.now == meeting
    assert mine.me == names[me.pk] and mine.partner == names[partner]
    assert mine.held == [meeting] and mine.hide_meeting and mine.can_note
    assert mine.card[0] == {"round": 1, "table": meeting.table, "partner": names[partner]}
    assert mine.rounds_total == len(plan_of(speed_dating).rounds)
