"""The KJ board's writes: moves recorded once, concurrent facilitators, groups, suggestions and dots."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from coproduce.engagement.models import Comment, MethodStep
from coproduce.methods import services as method_services
from coproduce.methods.kj import services
from coproduce.methods.kj.selectors import board_of, dots_of
from coproduce.methods.kj.suggest import groups_suggest
from coproduce.methods.models import KJDot, KJGroup, KJMove, KJPlacement
from tests.factories import AttendanceFactory, CommentFactory

pytestmark = pytest.mark.django_db


def placement(note) -> KJPlacement:
    return KJPlacement.objects.get(comment=note)


def test_a_note_is_a_comment_of_the_session_and_starts_ungrouped(kj, person):
    note = services.note_write(session=kj, person=person, text="  Saturday sessions  ")
    assert (note.text, note.method_step, note.method_session, note.author) == (
        "Saturday sessions",
        MethodStep.KJ_NOTE,
        kj,
        person,
    )
    assert placement(note).group is None
    assert board_of(kj).ungrouped.notes[0].comment == note


def test_notes_typed_in_by_a_facilitator_get_a_placement(kj, facilitators):
    typed = method_services.facilitator_contribute(
        session=kj, text="From a sticky note", role="vcs_provider", method_step=MethodStep.KJ_NOTE, user=None
    )
    assert services.placements_ensure(kj) == 1
    assert services.placements_ensure(kj) == 0
    assert placement(typed).version == 0


def test_a_move_sent_twice_with_the_same_request_id_is_recorded_once(kj, notes, facilitators):
    group = services.group_create(session=kj, name="Weekends", user=facilitators[0])
    first = services.note_move(
        session=kj, comment=notes[0], group=group, user=facilitators[0], request_id="abc", expected_version=0
    )
    again = services.note_move(
        session=kj, comment=notes[0], group=group, user=facilitators[0], request_id="abc", expected_version=0
    )
    assert not first.repeated and again.repeated and again.move == first.move
    assert KJMove.objects.filter(session=kj).count() == 1
    assert placement(notes[0]).version == 1


def test_moves_of_different_notes_by_two_facilitators_are_both_kept(kj, notes, facilitators):
    one, two = facilitators
    weekends = services.group_create(session=kj, name="Weekends", user=one)
    timetables = services.group_create(session=kj, name="Timetables", user=two)
    # Both saw the board at version 0 and moved at the same time.
    services.note_move(
        session=kj, comment=notes[0], group=weekends, user=one, request_id="1", expected_version=0
    )
    services.note_move(
        session=kj, comment=notes[3], group=timetables, user=two, request_id="2", expected_version=0
    )
    assert placement(notes[0]).group == weekends and placement(notes[3]).group == timetables
    assert list(KJMove.objects.values_list("moved_by", "to_group")) == [
        (one.pk, weekends.pk),
        (two.pk, timetables.pk),
    ]


def test_a_stale_move_of_the_same_note_still_applies_and_is_recorded(kj, notes, facilitators):
    one, two = facilitators
    weekends = services.group_create(session=kj, name="Weekends", user=one)
    family = services.group_create(session=kj, name="Family time", user=two)
    services.note_move(
        session=kj, comment=notes[0], group=weekends, user=one, request_id="a", expected_version=0
    )
    late = services.note_move(
        session=kj, comment=notes[0], group=family, user=two, request_id="b", expected_version=0
    )
    assert late.stale and not late.repeated
    assert placement(notes[0]).group == family and placement(notes[0]).version == 2
    moves = list(KJMove.objects.order_by("pk").values_list("from_group", "to_group"))
    assert moves == [(None, weekends.pk), (weekends.pk, family.pk)]


def test_a_note_or_group_of_another_session_cannot_be_moved_here(kj, event, notes, facilitators):
    other = method_services.session_create(event=event, method="kj")
    foreign_group = services.group_create(session=other, name="Elsewhere")
    with pytest.raises(ValidationError):
        services.note_move(session=kj, comment=notes[0], group=foreign_group, user=facilitators[0])
    stray = CommentFactory(event=event)
    with pytest.raises(ValidationError):
        services.note_move(session=kj, comment=stray, group=None, user=facilitators[0])
    assert not KJMove.objects.exists()


def test_deleting_a_group_returns_its_notes_to_ungrouped(kj, notes, facilitators):
    group = services.group_create(session=kj, name="Weekends")
    for note in notes[:3]:
        services.note_move(session=kj, comment=note, group=group, user=facilitators[0])
    assert services.group_delete(group=group, user=facilitators[1]) == 3
    assert not KJGroup.objects.exists()
    assert len(board_of(kj).ungrouped.notes) == len(notes)
    assert KJMove.objects.filter(to_group=None, moved_by=facilitators[1]).count() == 3


def test_groups_are_numbered_in_order_and_named(kj):
    first = services.group_create(session=kj)
    second = services.group_create(session=kj, name="  Small   charities ")
    assert (first.number, str(first), second.number, second.name) == (1, "Group 1", 2, "Small charities")
    services.group_rename(group=first, name="Weekends")
    with pytest.raises(ValidationError):
        services.group_rename(group=first, name="  ")
    with pytest.raises(ValidationError):
        services.group_rename(group=first, name="x" * 121)
    first.refresh_from_db()
    assert first.name == "Weekends"


def test_the_engine_suggests_groups_named_with_its_labels(kj, notes):
    groups = groups_suggest(session=kj)
    assert len(groups) >= 2 and all(g.suggested and g.name for g in groups)
    board = board_of(kj)
    assert not board.ungrouped.notes
    assert sum(len(c.notes) for c in board.groups) == len(notes)
    # Asking again replaces the suggestions nobody accepted; accepted ones stay.
    services.group_accept(group=groups[0])
    kept = set(KJPlacement.objects.filter(group=groups[0]).values_list("comment", flat=True))
    again = groups_suggest(session=kj)
    assert KJGroup.objects.filter(pk=groups[0].pk, suggested=False).exists()
    assert set(KJPlacement.objects.filter(group=groups[0]).values_list("comment", flat=True)) == kept
    assert again and all(g.suggested for g in again)
    assert KJGroup.objects.filter(suggested=True).count() == len(again)


def test_too_few_notes_to_suggest_groups(kj, person):
    for text in ["Saturday sessions", "Clear timetables", "Smaller contracts"]:
        services.note_write(session=kj, person=person, text=text)
    with pytest.raises(ValidationError, match="too few"):
        groups_suggest(session=kj)


def test_dots_are_limited_to_the_session_s_number(kj, notes, person):
    group = services.group_create(session=kj, name="Weekends")
    other = services.group_create(session=kj, name="Timetables")
    with pytest.raises(ValidationError, match="not open"):
        services.dot_add(session=kj, group=group, person=person)
    method_services.session_go_to(session=kj, step="vote")
    services.dot_add(session=kj, group=group, person=person)
    services.dot_add(session=kj, group=group, person=person)
    services.dot_add(session=kj, group=other, person=person)
    with pytest.raises(ValidationError, match="used all your 3 dots"):
        services.dot_add(session=kj, group=other, person=person)
    assert services.dot_remove(session=kj, group=group, person=person)
    assert dots_of(kj, person).left == 1 and dots_of(kj, person).on_group == {group.pk: 1, other.pk: 1}
    someone_else = AttendanceFactory(event=kj.event).person
    assert not services.dot_remove(session=kj, group=group, person=someone_else)
    board = board_of(kj)
    assert [(c.title, c.dots, c.rank) for c in board.ranked] == [("Weekends", 1, 1), ("Timetables", 1, 1)]


def test_the_number_of_dots_comes_from_the_session_s_setup(kj, person):
    kj.setup = {"dots": 1}
    kj.save()
    method_services.session_go_to(session=kj, step="vote")
    group = services.group_create(session=kj, name="Weekends")
    services.dot_add(session=kj, group=group, person=person)
    with pytest.raises(ValidationError):
        services.dot_add(session=kj, group=group, person=person)
    assert KJDot.objects.count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's shared in-memory test database refuses a second writer instead of waiting",
)
@pytest.mark.django_db(transaction=True)
def test_two_facilitators_moving_at_once_from_two_threads_lose_nothing(kj, notes, facilitators):
    one, two = facilitators
    weekends = services.group_create(session=kj, name="Weekends", user=one)
    timetables = services.group_create(session=kj, name="Timetables", user=two)
    errors: list[Exception] = []
    start = threading.Barrier(2)

    def facilitator(user, group, mine, prefix):
        try:
            start.wait()
            for index, note in enumerate(mine):
                for _ in range(2):  # each request is sent twice, as a flaky connection would
                    services.note_move(
                        session=kj,
                        comment=Comment.objects.get(pk=note.pk),
                        group=group,
                        user=user,
                        request_id=f"{prefix}-{index}",
                        expected_version=0,
                    )
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        # Both also move the last note: the later move wins and both are recorded.
        threading.Thread(target=facilitator, args=(one, weekends, [*notes[:4], notes[7]], "one")),
        threading.Thread(target=facilitator, args=(two, timetables, notes[4:], "two")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert KJMove.objects.filter(session=kj).count() == len(notes) + 1
    shared = placement(notes[7])
    last = KJMove.objects.filter(comment=notes[7]).latest("moved_at", "pk")
    assert shared.version == 2 and shared.group_id == last.to_group_id
    assert set(KJPlacement.objects.filter(group=weekends).values_list("comment", flat=True)) - {
        notes[7].pk
    } == {n.pk for n in notes[:4]}
    assert set(KJPlacement.objects.filter(group=timetables).values_list("comment", flat=True)) - {
        notes[7].pk
    } == {n.pk for n in notes[4:7]}
