"""Riverside: a second, smaller and entirely fictional area, so the programme view has two areas to compare."""

import datetime

from coproduce.directory.models import OrganisationKind, Role
from coproduce.engagement.models import EventKind, Method
from coproduce.proposals.models import ActionStatus, ProposalStatus

from .spec import ActionSpec, AreaSpec, EventSpec, NoteSpec, ProposalSpec

D = datetime.date

COUNCIL = "Riverside District Council"
TOWN_CENTRE = "Riverside Town Children's Centre"
WEIR_BRIDGE = "Weir Bridge Children's Centre"
UPPER_VALE = "Upper Vale Children's Centre"
TRANSPORT = "Riverside Community Transport"
PLAY_BUS = "Vale Play Bus"
VOLUNTEERS = "Villages Volunteer Network"
SCHOOL = "Ferry Lane Primary School"
PARENTS_FORUM = "Riverside Parents' Forum"

CENTRES = (TOWN_CENTRE, WEIR_BRIDGE, UPPER_VALE)
VCS_GROUPS = (TRANSPORT, PLAY_BUS, VOLUNTEERS)

AREA = AreaSpec(
    slug="riverside",
    name="Riverside (demo area)",
    description=(
        "Riverside is a fictional, largely rural district made up for this demo: it is not one of the "
        "Programme's areas, and its organisations, people, comments, proposals and actions are all "
        "illustrative. Its children's centres are clustered in the town while a third of young families live "
        "in villages with one bus a day, so the partners met to ask how services could reach them."
    ),
    challenges=(
        "How can children's centres and the local VCS work together to reach families in outlying villages?",
    ),
    organisations=(
        (COUNCIL, OrganisationKind.LOCAL_AUTHORITY),
        *((name, OrganisationKind.CHILDRENS_CENTRE) for name in CENTRES),
        *((name, OrganisationKind.VCS) for name in VCS_GROUPS),
        (SCHOOL, OrganisationKind.SCHOOL),
        (PARENTS_FORUM, OrganisationKind.PARENTS_FORUM),
    ),
    # 20 people: 16 at the workshop, 8 at the listening event (4 of them new).
    people={Role.LA_PROFESSIONAL: 6, Role.CC_MANAGER: 3, Role.CC_STAFF: 4, Role.VCS_PROVIDER: 7},
    person_organisations={
        Role.LA_PROFESSIONAL: (COUNCIL,),
        Role.CC_MANAGER: CENTRES,
        Role.CC_STAFF: CENTRES,
        Role.VCS_PROVIDER: VCS_GROUPS,
    },
    comments_file="riverside_comments.csv",
    events=(
        EventSpec(
            key="workshop-2012",
            kind=EventKind.WORKSHOP,
            title="Workshop: reaching families beyond the town",
            date=D(2012, 3, 15),
            venue=TOWN_CENTRE,
            methods=(Method.OPEN_SPACE, Method.BOARDSTORM),
            attendees={
                Role.LA_PROFESSIONAL: (1, 2, 3, 4, 5),
                Role.CC_MANAGER: (1, 2, 3),
                Role.CC_STAFF: (1, 2, 3),
                Role.VCS_PROVIDER: (1, 2, 3, 4, 5),
            },
        ),
        EventSpec(
            key="listening-2012",
            kind=EventKind.LISTENING,
            title="Listening event in the villages",
            date=D(2012, 4, 20),
            venue="Upper Vale Village Hall",
            methods=(Method.OPEN_DISCUSSION,),
            attendees={
                Role.LA_PROFESSIONAL: (1, 6),
                Role.CC_MANAGER: (2,),
                Role.CC_STAFF: (3, 4),
                Role.VCS_PROVIDER: (2, 6, 7),
            },
        ),
    ),
    proposals_date=D(2012, 4, 27),
    evidence=(3, 6),
    proposals=(
        ProposalSpec(
            title="Sessions closer to home",
            summary=(
                "Run sessions in village halls, schools and clinics nearer families, with the mobile play "
                "bus visiting outlying villages on a weekly rota."
            ),
            challenges=(1,),
            owner=PLAY_BUS,
            status=ProposalStatus.IN_PROGRESS,
            keywords=(
                r"village",
                r"\bhalls?\b",
                r"venue",
                r"classroom",
                r"play bus",
                r"close to home",
                r"locally",
            ),
            actions=(
                ActionSpec(
                    "Map village halls, schools and clinics that could host sessions",
                    COUNCIL,
                    D(2012, 6, 29),
                    ActionStatus.DONE,
                ),
                ActionSpec(
                    "Pilot a weekly play-bus rota in three outlying villages",
                    PLAY_BUS,
                    D(2012, 9, 28),
                    ActionStatus.IN_PROGRESS,
                    notes=(
                        NoteSpec(
                            "Rota running in two villages; the third is waiting for a parking agreement.",
                            "lead",
                            D(2012, 9, 14),
                        ),
                    ),
                ),
            ),
        ),
        ProposalSpec(
            title="Transport and timings",
            summary=(
                "Time sessions around bus times and the school run, and work with the community transport "
                "scheme so that families without a car can reach the main centre."
            ),
            challenges=(1,),
            owner=COUNCIL,
            status=ProposalStatus.DONE,
            keywords=(
                r"transport",
                r"\bbus\b",
                r"minibus",
                r"\bcar\b",
                r"timetable",
                r"school run",
                r"\blifts?\b",
            ),
            actions=(
                ActionSpec(
                    "Publish the commissioning timetable and share it with parents as well as providers",
                    COUNCIL,
                    D(2012, 5, 31),
                    ActionStatus.DONE,
                ),
            ),
        ),
    ),
)
