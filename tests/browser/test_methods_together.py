"""Two facilitator devices and three participant phones running a KJ grouping and a six-hats round at once:
every note and move recorded once.

The phones send KJ notes and six-hats answers turn about. The two facilitators group the same board at the
same time: one with the keyboard ("Move to" list and Move button), the other by drag and drop, on a board
that has not caught up with the first one's moves (its clock is held, so it cannot redraw), and with a reply
lost on the way back, so the browser sends the same move again.
"""

import re

import pytest

from coproduce.accounts.models import AreaRole
from coproduce.engagement.models import Comment, EventStatus, Method, MethodStep
from coproduce.methods import services as method_services
from coproduce.methods.models import KJGroup, KJMove, KJPlacement
from tests.browser.conftest import join, new_page, serious_accessibility_violations, sign_in
from tests.factories import AreaFactory, EventFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ["VCS provider", "Children's-centre manager", "Local-authority professional"]
NOTES = [
    ["Saturday sessions for working parents", "Tell us early when contracts are tendered"],
    ["Weekend stay and play for dads", "A published commissioning timetable"],
    ["Open the centre on Saturday mornings", "Split contracts into lots small charities can bid for"],
]
ANSWERS = [
    ["Six VCS groups already run sessions in centres", "Nobody knows when contracts end"],
    ["Centres are closed at weekends", "The last tender had three bidders"],
    ["Half the families work on weekdays", "Small charities bid together twice last year"],
]


def drag(page, note: str, column: str) -> None:
    """Drag a note by its text onto a column; the drag starts before the page scrolls to the column."""
    page.locator(note).hover(position={"x": 12, "y": 12})
    page.mouse.down()
    box = page.locator(note).bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 20, steps=2)
    page.locator(column).hover(position={"x": 30, "y": 30})
    page.mouse.up()


def keyboard_move(page, note: Comment, group: str) -> None:
    """Choose the group in the note's "Move to" list, then Tab to its Move button and press Enter."""
    select = page.locator(f"#move-{note.pk}")
    select.select_option(label=group)
    select.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")


def note(text: str) -> Comment:
    return Comment.objects.get(text=text)


def test_two_facilitators_and_three_phones_lose_nothing(live_server, browser, screenshot_dir):
    area = AreaFactory(name="London Borough of Bexley", slug="bexley")
    event = EventFactory(
        area=area,
        title="Workshop: engaging the VCS",
        status=EventStatus.OPEN,
        methods=[Method.KJ, Method.SIX_HATS],
    )
    kj = method_services.session_create(event=event, method=Method.KJ, title="What gets in the way?")
    hats = method_services.session_create(event=event, method=Method.SIX_HATS, title="Weekend opening")
    first_facilitator = member(area, AreaRole.FACILITATOR)
    second_facilitator = member(area, AreaRole.PROGRAMME_LEAD)
    problems = {}

    # The first facilitator starts both sessions from their control pages.
    desk = new_page(browser)
    sign_in(desk, live_server.url, first_facilitator.username)
    desk.goto(f"{live_server.url}/manage/methods/{kj.pk}/")
    desk.get_by_role("button", name=re.compile(r"^Start here\s*: Silent writing")).click()
    desk.get_by_text("The room is now at: Silent writing.").wait_for()
    desk.goto(f"{live_server.url}/manage/methods/{hats.pk}/")
    desk.get_by_role("button", name=re.compile(r"^Start here\s*: White hat")).click()
    desk.get_by_text("The room is now at: White hat: facts.").wait_for()

    # Three phones join by the event's code, then send notes and answers turn about.
    phones = [new_page(browser, phone=True) for _ in ROLES]
    for phone, role in zip(phones, ROLES, strict=True):
        join(phone, live_server.url, event, role)
    kj_page = f"{live_server.url}/join/{event.join_code}/methods/{kj.pk}/"
    hats_page = f"{live_server.url}/join/{event.join_code}/methods/{hats.pk}/"
    for turn in range(2):
        for phone, notes, answers in zip(phones, NOTES, ANSWERS, strict=True):
            phone.goto(kj_page)
            phone.get_by_label("Write one idea per note").fill(notes[turn])
            phone.get_by_role("button", name="Send note").click()
            phone.get_by_text("Your note has been sent").wait_for()
            phone.goto(hats_page)
            phone.get_by_label("What do we know?").fill(answers[turn])
            phone.get_by_role("button", name="Send answer").click()
            phone.get_by_text("Your answer has been sent").wait_for()
    problems["phone-six-hats"] = serious_accessibility_violations(phones[0])
    phones[0].goto(kj_page)
    phones[0].get_by_text("You have sent 2 notes.").wait_for()
    problems["phone-kj-write"] = serious_accessibility_violations(phones[0])

    # Grouping: each facilitator adds a group; the second works on the board's own page.
    desk.goto(f"{live_server.url}/manage/methods/{kj.pk}/")
    desk.get_by_role("button", name=re.compile(r"^Go to this stage\s*: Grouping")).click()
    desk.get_by_label("Add a group").fill("Weekends")
    desk.get_by_role("button", name="Add the group").click()
    desk.get_by_text("Weekends added to the board").wait_for()
    laptop = new_page(browser)
    laptop.clock.install()  # held: this board redraws only when the test lets its clock run
    sign_in(laptop, live_server.url, second_facilitator.username)
    laptop.goto(f"{live_server.url}/manage/methods/{kj.pk}/kj/board/")
    laptop.get_by_label("Add a group").fill("Timetables")
    laptop.get_by_role("button", name="Add the group").click()
    laptop.get_by_text("Timetables added to the board").wait_for()
    weekends, timetables = KJGroup.objects.get(name="Weekends"), KJGroup.objects.get(name="Timetables")
    desk.reload()
    desk.locator(f"#group-{timetables.pk}").wait_for()

    # Both boards now show version 0 of every note. The desk moves two notes by the keyboard …
    saturday, dads, timetable = note(NOTES[0][0]), note(NOTES[1][0]), note(NOTES[1][1])
    keyboard_move(desk, saturday, "Weekends")
    desk.locator(f"#group-{weekends.pk} #note-{saturday.pk}").wait_for()
    keyboard_move(desk, dads, "Weekends")
    desk.locator(f"#group-{weekends.pk} #note-{dads.pk}").wait_for()

    # … while the laptop, not yet showing those moves, drags one of the same notes elsewhere: it is
    # applied on top (the last move stands) and recorded.
    drag(laptop, f"#note-{dads.pk}", f"#group-{timetables.pk}")
    laptop.get_by_text("Someone else had moved it a moment before").wait_for()
    laptop.locator(f"#group-{timetables.pk} #note-{dads.pk}").wait_for()

    # A drag whose reply is lost: the server records the move, the browser sends it again with the same
    # request id, and nothing new is recorded.
    lost = []

    def lose_the_reply(route):
        route.fetch()
        lost.append(route.request.post_data)
        route.abort()

    laptop.route("**/kj/move/", lose_the_reply)
    drag(laptop, f"#note-{timetable.pk}", f"#group-{timetables.pk}")
    laptop.get_by_text("Connection lost").wait_for()
    laptop.unroute("**/kj/move/")
    laptop.clock.run_for(1500)  # the retry waits a second
    laptop.get_by_text("That move had already been made").wait_for()
    laptop.locator(f"#group-{timetables.pk} #note-{timetable.pk}").wait_for()
    assert len(lost) == 1

    # One more by the keyboard on the desk; both boards come to show the same thing.
    tender = note(NOTES[0][1])
    keyboard_move(desk, tender, "Timetables")
    desk.locator(f"#group-{timetables.pk} #note-{tender.pk}").wait_for()
    desk.locator(f"#group-{timetables.pk} #note-{dads.pk}").wait_for()  # redrawn within 5 seconds
    laptop.clock.run_for(5000)
    laptop.locator(f"#group-{timetables.pk} #note-{tender.pk}").wait_for()
    laptop.locator(f"#group-{weekends.pk} #note-{saturday.pk}").wait_for()
    problems["board-desk"] = serious_accessibility_violations(desk)
    problems["board-laptop"] = serious_accessibility_violations(laptop)
    desk.screenshot(path=screenshot_dir / "method-kj-together-desk.png", full_page=True)
    laptop.screenshot(path=screenshot_dir / "method-kj-together-laptop.png", full_page=True)
    phones[1].goto(kj_page)
    phones[1].get_by_role("heading", name="Timetables").wait_for()
    problems["phone-kj-board"] = serious_accessibility_violations(phones[1])

    # Every note and answer once, with its stage and session.
    for notes, answers in zip(NOTES, ANSWERS, strict=True):
        for text in notes:
            assert list(Comment.objects.filter(text=text).values_list("method_step", "method_session")) == [
                (MethodStep.KJ_NOTE, kj.pk)
            ]
        for text in answers:
            assert list(Comment.objects.filter(text=text).values_list("method_step", "method_session")) == [
                (MethodStep.WHITE, hats.pk)
            ]
    assert Comment.objects.count() == 12
    # Every move once: five moves made (one of them sent twice), five recorded, each with its own id.
    moves = list(KJMove.objects.filter(session=kj).order_by("moved_at", "pk"))
    assert [(m.comment_id, m.to_group_id) for m in moves] == [
        (saturday.pk, weekends.pk),
        (dads.pk, weekends.pk),
        (dads.pk, timetables.pk),
        (timetable.pk, timetables.pk),
        (tender.pk, timetables.pk),
    ]
    assert len({m.request_id for m in moves}) == 5 and all(m.request_id for m in moves)
    assert [m.moved_by_id for m in moves] == [first_facilitator.pk, first_facilitator.pk] + [
        second_facilitator.pk
    ] * 2 + [first_facilitator.pk]
    # Each note is where its last move put it.
    for placement in KJPlacement.objects.filter(session=kj):
        last = KJMove.objects.filter(comment=placement.comment).order_by("moved_at", "pk").last()
        assert placement.group_id == (last.to_group_id if last else None)
    assert KJPlacement.objects.get(comment=dads).version == 2
    assert not any(problems.values()), problems
