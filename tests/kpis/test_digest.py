"""Action owners' daily digest: the people who speak for an action's owning organisation are told once when
it is assigned and once when it becomes overdue; the email goes through Django's mail backend (locmem in
tests) from the background task, queued by the send_action_digest command."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from coproduce.accounts.models import AreaRole
from coproduce.kpis.models import ActionNotice
from coproduce.kpis.notifications import digest_send
from coproduce.kpis.tasks import send_action_digest
from coproduce.proposals.models import ActionStatus
from tests.factories import ActionFactory, AreaFactory, OrganisationFactory, ProposalFactory, member

pytestmark = pytest.mark.django_db
DUE = datetime.date(2012, 11, 30)


@pytest.fixture
def centre():
    """A centre's manager (who speaks for the centre) and a colleague of another organisation."""
    area = AreaFactory()
    centre = OrganisationFactory(area=area, name="Hollyfield Children's Centre")
    manager = member(area, AreaRole.CENTRE_MANAGER, organisation=centre)
    manager.email = "jo@example.org"
    manager.save()
    other = member(area, AreaRole.VCS_MEMBER, organisation=OrganisationFactory(area=area))
    other.email = "alex@example.org"
    other.save()
    return centre


def digest_on(day: datetime.date) -> list:
    mail.outbox.clear()
    digest_send(today=day)
    return list(mail.outbox)


def test_an_overdue_action_appears_exactly_once_in_its_owners_digest(centre):
    action = ActionFactory(
        proposal=ProposalFactory(area=centre.area),
        owner=centre,
        due_date=DUE,
        title="Run a joint change-management workshop",
    )
    before = digest_on(DUE)  # due today: assigned, not yet overdue
    assert [m.to for m in before] == [["jo@example.org"]]
    assert "Newly assigned" in before[0].body and "Overdue" not in before[0].body

    first = digest_on(DUE + datetime.timedelta(days=1))
    assert [m.to for m in first] == [["jo@example.org"]]
    assert first[0].subject == "Your actions: 1 overdue action"
    assert first[0].body.count("Run a joint change-management workshop") == 1
    assert f"/manage/actions/{action.pk}/" in first[0].body

    for later in (2, 3, 10):
        assert digest_on(DUE + datetime.timedelta(days=later)) == []
    assert ActionNotice.objects.filter(action=action, kind="overdue").count() == 1


def test_a_new_due_date_missed_again_is_news_again_and_done_actions_are_not(centre):
    action = ActionFactory(proposal=ProposalFactory(area=centre.area), owner=centre, due_date=DUE)
    digest_on(DUE + datetime.timedelta(days=1))
    action.due_date = DUE + datetime.timedelta(days=30)
    action.save()
    assert digest_on(DUE + datetime.timedelta(days=20)) == []
    assert len(digest_on(DUE + datetime.timedelta(days=31))) == 1
    action.due_date = DUE + datetime.timedelta(days=40)
    action.status = ActionStatus.DONE
    action.save()
    assert digest_on(DUE + datetime.timedelta(days=50)) == []


def test_reassigning_an_action_tells_the_new_owner_once(centre):
    action = ActionFactory(proposal=ProposalFactory(area=centre.area), owner=None, title="Map the VCS offer")
    assert digest_on(DUE) == []  # nobody owns it yet
    action.owner = centre
    action.save()
    sent = digest_on(DUE)
    assert [m.to for m in sent] == [["jo@example.org"]] and "Map the VCS offer" in sent[0].body
    assert digest_on(DUE) == []


def test_each_person_gets_one_email_listing_all_their_news(centre):
    proposal = ProposalFactory(area=centre.area)
    for n in range(3):
        ActionFactory(proposal=proposal, owner=centre, title=f"Step {n}", due_date=DUE)
    ActionFactory(
        proposal=proposal, owner=centre, title="Step later", due_date=DUE + datetime.timedelta(days=9)
    )
    sent = digest_on(DUE + datetime.timedelta(days=1))
    assert len(sent) == 1
    # Assigned and overdue since the last digest: each action is listed once, as overdue.
    assert sent[0].subject == "Your actions: 3 overdue actions and 1 new action"
    assert [sent[0].body.count(f"Step {n}") for n in range(3)] == [1, 1, 1]


def test_people_of_other_organisations_or_areas_or_without_an_address_are_not_told(centre):
    elsewhere = AreaFactory()
    wrong_area = member(elsewhere, AreaRole.CENTRE_MANAGER, organisation=centre)  # same org, wrong area
    wrong_area.email = "far@example.org"
    wrong_area.save()
    no_address = member(centre.area, AreaRole.CENTRE_MANAGER, organisation=centre)
    assert no_address.email == ""
    ActionFactory(proposal=ProposalFactory(area=centre.area), owner=centre, due_date=DUE)
    assert [m.to for m in digest_on(DUE + datetime.timedelta(days=1))] == [["jo@example.org"]]


def test_a_mail_server_refusal_leaves_the_notices_for_the_next_digest(centre, settings, monkeypatch):
    ActionFactory(proposal=ProposalFactory(area=centre.area), owner=centre, due_date=DUE)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("coproduce.kpis.notifications.send_mail", refuse)
    with pytest.raises(ConnectionRefusedError):
        digest_send(today=DUE + datetime.timedelta(days=1))
    assert ActionNotice.objects.filter(sent_at__isnull=True).count() == 2
    monkeypatch.undo()
    assert len(digest_on(DUE + datetime.timedelta(days=2))) == 1


def test_the_command_queues_the_task_and_the_worker_sends_it(centre):
    ActionFactory(proposal=ProposalFactory(area=centre.area), owner=centre, due_date=DUE)
    mail.outbox.clear()
    # Tests run tasks inline (the immediate backend); in production the worker picks the task up.
    result = send_action_digest.enqueue()
    assert result.return_value == 1 and len(mail.outbox) == 1
    mail.outbox.clear()
    call_command("send_action_digest")
    assert mail.outbox == []  # nothing new
