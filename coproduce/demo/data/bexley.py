"""The London Borough of Bexley, from the 4Children case study (seed/case-study-bexley.txt).

Taken from the case study: the programme and area descriptions, the two challenges (verbatim), the
events' dates and methods, the 25 + 25 workshop participants and 50 people in all, and the six proposals.
Made up for the demo: the children's centres, VCS groups, school and parents' forum, the people (named by
role, e.g. "VCS provider 07"), the comments, the evidence cited, and the actions with their dates.
"""

import datetime

from coproduce.directory.models import OrganisationKind, Role
from coproduce.engagement.models import CommentSource, EventKind, EventStatus, Method
from coproduce.proposals.models import ActionStatus, ProposalStatus

from .spec import (
    ActionSpec,
    AreaSpec,
    EventSpec,
    MethodSessionSpec,
    NoteSpec,
    ProposalSpec,
    ReportSpec,
    StatementSpec,
    SurveyQuestionSpec,
    SurveySpec,
)

D = datetime.date

PROGRAMME_NAME = "Children's Centres and VCS Programme (4Children)"
PROGRAMME_DESCRIPTION = (
    "4Children launched its Children's Centres and Voluntary Community Sector (VCS) Programme in April 2011 "
    "to work with commissioners, children's centres and small to medium VCS providers in 15 local "
    "authorities over two years. The Programme aimed to explore the barriers and opportunities faced by "
    "voluntary and community organisations in developing or managing local services for children, families "
    "and adults and those that the local authority and children's centre managers have in the involvement, "
    "engagement and commissioning of the VCS."
)

COUNCIL = "London Borough of Bexley"
HOLLYFIELD = "Hollyfield Children's Centre"
MARSH_LANE = "Marsh Lane Children's Centre"
ORCHARD_GREEN = "Orchard Green Children's Centre"
THREE_OAKS = "Three Oaks Children's Centre"
WHEATFIELD = "Wheatfield Children's Centre"
KINGFISHER = "Kingfisher Children's Centre"
FORUM = "Heathway Community Forum"
TOY_LIBRARY = "Acorn Toy Library"
PORTAGE = "Tiny Steps Portage Group"
DOORSTEP = "Family Doorstep Volunteers"
PEER_SUPPORT = "Thameside Breastfeeding Peer Support"
DEBT_ADVICE = "Marshside Debt Advice"
SCHOOL = "Larkspur Primary School"
PARENTS_FORUM = "Children's Centres Parents' Forum"

CENTRES = (HOLLYFIELD, MARSH_LANE, ORCHARD_GREEN, THREE_OAKS, WHEATFIELD, KINGFISHER)
VCS_GROUPS = (FORUM, TOY_LIBRARY, PORTAGE, DOORSTEP, PEER_SUPPORT, DEBT_ADVICE)

CIVIC_OFFICES = "Civic Offices, Bexleyheath"

# Not part of the case study: an event open today, so someone trying the demo can join it by code.
LIVE_EVENT = EventSpec(
    key="live-demo",
    kind=EventKind.WORKSHOP,
    title="Follow-up workshop: commissioning timetable (live demo)",
    date=None,
    venue=CIVIC_OFFICES,
    methods=(Method.FORCE_FIELD, Method.OPEN_DISCUSSION),
    status=EventStatus.OPEN,
)

# Live votes at the 28 October 2011 workshop (8 local-authority professionals, 4 centre managers, 3 centre
# staff and 10 VCS providers). Illustrative: written for the demo, like the comments.
_LA, _CM, _CS, _VCS = Role.LA_PROFESSIONAL, Role.CC_MANAGER, Role.CC_STAFF, Role.VCS_PROVIDER
STATEMENTS = (
    StatementSpec(
        "workshop-2011",
        "Local VCS groups hear about children's-centre commissioning too late to take part.",
        {_LA: (5, 2), _CM: (3, 1), _CS: (2, 0), _VCS: (9, 0)},
    ),
    StatementSpec(
        "workshop-2011",
        "Centres and VCS groups should map together what each can offer families.",
        {_LA: (7, 0), _CM: (4, 0), _CS: (3, 0), _VCS: (9, 1)},
    ),
    StatementSpec(
        "workshop-2011",
        "Open competition for contracts is the fairest way to choose who runs centre services.",
        {_LA: (6, 1), _CM: (2, 2), _CS: (1, 1), _VCS: (2, 7)},
    ),
    StatementSpec(
        "workshop-2011",
        "Small VCS groups need help to form consortia before they can bid for contracts.",
        {_LA: (3, 3), _CM: (3, 0), _CS: (2, 0), _VCS: (9, 0)},
    ),
    StatementSpec(
        "workshop-2011",
        "Parents' forums should sit on the advisory boards that shape centre services.",
        {_LA: (6, 1), _CM: (3, 0), _CS: (3, 0), _VCS: (8, 0)},
    ),
    StatementSpec(
        "workshop-2011",
        "Running centres in-house is safer for families than handing them to the VCS.",
        {_LA: (2, 5), _CM: (3, 1), _CS: (2, 1), _VCS: (0, 10)},
    ),
    StatementSpec(
        "workshop-2011",
        "Key performance indicators for centres should be published where anyone can read them.",
        {_LA: (4, 2), _CM: (2, 1), _CS: (2, 0), _VCS: (8, 0)},
    ),
    StatementSpec(
        "workshop-2011",
        "Centre staff and VCS workers need shared training in co-production and commissioning.",
        {_LA: (6, 0), _CM: (3, 0), _CS: (3, 0), _VCS: (7, 1)},
    ),
)


# Before the first event and after the last, everyone answered the same short survey. The case study's
# impact figures come out of these answers: 84% of VCS providers (16 of 19) more positive about tackling
# key challenges, 50% of local-authority professionals (7 of 14) about contract competition issues and 58%
# of children's-centre managers (7 of 12) about tackling key challenges. The rest is illustrative.
SURVEY = SurveySpec(
    title="How partners feel: before and after the programme",
    introduction=(
        "Four short questions about working together on children's centres. We ask the same questions "
        "before the first event and after the last, to see what has changed."
    ),
    before=D(2011, 9, 12),
    after=D(2012, 2, 27),
    questions=(
        SurveyQuestionSpec(
            "How positive do you feel about tackling the key challenges?",
            topic="tackling key challenges",
            change={_LA: (5, 1), _CM: (7, 1), _CS: (3, 0), _VCS: (16, 0)},
        ),
        SurveyQuestionSpec(
            "How positive do you feel about contract competition issues?",
            topic="contract competition issues",
            change={_LA: (7, 2), _CM: (4, 2), _CS: (1, 1), _VCS: (11, 3)},
        ),
        SurveyQuestionSpec(
            "How positive do you feel about centres and VCS groups working together?",
            topic="centres and VCS groups working together",
            change={_LA: (6, 0), _CM: (6, 0), _CS: (2, 0), _VCS: (14, 1)},
        ),
        SurveyQuestionSpec(
            "What would help you take part in commissioning children's centre services?",
            kind="text",
            answers={
                _VCS: (
                    "Hearing about tenders early enough to form a consortium.",
                    "A named contact at the council for commissioning questions.",
                    "Plain-English specifications, not forty pages of jargon.",
                ),
                _CM: ("A map of what local groups already offer families.",),
                _LA: ("A timetable for recommissioning agreed with partners.",),
            },
        ),
    ),
)


# The narrative of the case study's report, in its own words; every figure around it comes from the data.
REPORT = ReportSpec(
    introduction=(
        "London Borough of Bexley (Bexley) welcomed the opportunity to work with the VCS and children's "
        "centres in developing their future delivery strategy. Bexley needed to make savings, so considered "
        "outsourcing and the VCS running local services as part of a mixed economy. Bexley discussed a "
        "number of commissioning models.\n\n"
        "The intention was to leave a clear development of collaborative working practice that would help "
        "Bexley in future consultations."
    ),
    process=(
        "The Programme introduced the 'co-production' process, that is: allow time for the acceptance of a "
        "'blank page' approach; agree and reiterate a clear message; and get decision makers and "
        "participants to 'tell it as it is'.\n\n"
        "The content built consensus on what the challenge is, before discussing 'solutions', using a "
        "balance of 'structured' and 'open' conversation methods, with an understanding of the VCS: its "
        "needs and values, preferences, resources, networks and community."
    ),
    themes_commentary=(
        "Learning from listening: what can both the London Borough of Bexley and the local VCS do "
        "differently using a co-production model? The common emerging themes below were drawn from all the "
        "comments made in the group workshops and listening exercises, each a 'best match' of the comments "
        "raised around meeting the challenge of collaborative working."
    ),
    impact_commentary=(
        "The workshops acted as a catalyst for the local VCS who reviewed how best to engage with "
        "children's centres."
    ),
    next_steps=(
        "A change in the strategic direction in children's centres and their services will not be without "
        "its difficult choices of meeting need within a tighter budget. However this Programme suggests "
        "these issues engage the VCS and children's centre workforce with the potential for a mutually "
        "supportive and creative relationship in a collaborative working model with Bexley.\n\n"
        "Bexley formulated an action plan and options for future delivery of children's centres with "
        "collaborative commissioning. Children's centres planned to improve links with the VCS and to "
        "research more into ways of delivering children's centres and services. The VCS planned to improve "
        "engagement and links with the children's centres and to research more into ways of delivering "
        "children's centres and services."
    ),
)

AREA = AreaSpec(
    slug="bexley",
    name="London Borough of Bexley",
    description=(
        "London Borough of Bexley (Bexley) welcomed the opportunity to work with the VCS and children's "
        "centres in developing their future delivery strategy. Bexley needed to make savings, so considered "
        "outsourcing and the VCS running local services as part of a mixed economy. Bexley discussed a "
        "number of commissioning models.\n\n"
        "The Programme worked with Bexley to develop collaborative conversations through a series of task "
        "group meetings, listening events and workshops. One workshop was held with 25 local authority "
        "professionals, children's centre managers and staff and local VCS service providers on 28 October "
        "2011. A follow up training session workshop, with 25 participants in a similar mix, was held on "
        "13 February 2012. 50 participants have taken part in the Programme in Bexley. The intention was to "
        "leave a clear development of collaborative working practice that would help Bexley in future "
        "consultations.\n\n"
        "Demo data: the events, challenges and proposals follow the 4Children case study; the children's "
        "centres, VCS groups, people, comments and actions are illustrative, written for this demo."
    ),
    challenges=(
        "How to improve engagement of the local voluntary and community sector (VCS) in the delivery of "
        "children's centres and their services?",
        "How to work collaboratively to deliver children's centres and children's centre services?",
    ),
    organisations=(
        (COUNCIL, OrganisationKind.LOCAL_AUTHORITY),
        *((name, OrganisationKind.CHILDRENS_CENTRE) for name in CENTRES),
        *((name, OrganisationKind.VCS) for name in VCS_GROUPS),
        (SCHOOL, OrganisationKind.SCHOOL),
        (PARENTS_FORUM, OrganisationKind.PARENTS_FORUM),
    ),
    # 50 people: 25 at the October workshop and another 25 at the February training session.
    people={Role.LA_PROFESSIONAL: 14, Role.CC_MANAGER: 12, Role.CC_STAFF: 5, Role.VCS_PROVIDER: 19},
    person_organisations={
        Role.LA_PROFESSIONAL: (COUNCIL,),
        Role.CC_MANAGER: CENTRES,
        Role.CC_STAFF: CENTRES,
        Role.VCS_PROVIDER: VCS_GROUPS,
    },
    comments_file="bexley_comments.csv",
    events=(
        EventSpec(
            key="task-group",
            kind=EventKind.TASK_GROUP,
            title="Task group: agreeing the approach",
            date=D(2011, 9, 22),
            venue=CIVIC_OFFICES,
            methods=(Method.OPEN_DISCUSSION,),
            comment_source=CommentSource.FLIPCHART,
            start=datetime.time(14, 0),
            attendees={
                Role.LA_PROFESSIONAL: (1, 2, 9),
                Role.CC_MANAGER: (1, 5),
                Role.VCS_PROVIDER: (1, 2, 11),
            },
        ),
        EventSpec(
            key="listening",
            kind=EventKind.LISTENING,
            title="Listening event: what families and partners say",
            date=D(2011, 10, 5),
            venue=HOLLYFIELD,
            methods=(Method.ORID, Method.OPEN_DISCUSSION),
            attendees={
                Role.LA_PROFESSIONAL: (1, 3, 10, 12),
                Role.CC_MANAGER: (2, 6, 7),
                Role.CC_STAFF: (1, 4, 5),
                Role.VCS_PROVIDER: (3, 4, 12, 13, 14),
            },
        ),
        EventSpec(
            key="workshop-2011",
            kind=EventKind.WORKSHOP,
            title="Workshop: engaging the VCS in children's centres",
            date=D(2011, 10, 28),
            venue=CIVIC_OFFICES,
            methods=(Method.SIX_HATS, Method.KJ, Method.OPEN_SPACE),
            start=datetime.time(9, 30),
            attendees={
                Role.LA_PROFESSIONAL: tuple(range(1, 9)),
                Role.CC_MANAGER: (1, 2, 3, 4),
                Role.CC_STAFF: (1, 2, 3),
                Role.VCS_PROVIDER: tuple(range(1, 11)),
            },
        ),
        EventSpec(
            key="training-2012",
            kind=EventKind.TRAINING,
            title="Training session workshop: commissioning and working together",
            date=D(2012, 2, 13),
            venue=CIVIC_OFFICES,
            methods=(Method.ORID, Method.FORCE_FIELD, Method.SPEED_DATING),
            start=datetime.time(9, 30),
            attendees={
                Role.LA_PROFESSIONAL: tuple(range(9, 15)),
                Role.CC_MANAGER: tuple(range(5, 13)),
                Role.CC_STAFF: (4, 5),
                Role.VCS_PROVIDER: tuple(range(11, 20)),
            },
        ),
        LIVE_EVENT,
    ),
    proposals_date=D(2012, 2, 20),
    statements=STATEMENTS,
    surveys=(SURVEY,),
    report=REPORT,
    method_sessions=(
        MethodSessionSpec(
            "workshop-2011",
            Method.SIX_HATS,
            "Six hats: the VCS delivering children's centre services",
            "finished",
            step="blue",
        ),
        MethodSessionSpec(
            "training-2012", Method.ORID, "Focused conversation: commissioning", "finished", step="decisional"
        ),
        # Ready for someone trying the demo to run from the facilitator's sign-in.
        MethodSessionSpec(
            "live-demo",
            Method.FORCE_FIELD,
            "Force field: the new commissioning timetable",
            "ready",
            setup={"change": "Commission children's centre services on a published two-year timetable"},
        ),
    ),
    published_results=("workshop-2011",),
    proposals=(
        ProposalSpec(
            title="Performance management",
            summary=(
                "Market place events could be arranged for children's centres and VCS that mapped what is "
                "available and what services the VCS could offer children's centres. Also workshops to "
                "explore and agree a local line on children's centres."
            ),
            challenges=(1, 2),
            owner=COUNCIL,
            status=ProposalStatus.DONE,
            keywords=(
                r"market[- ]place",
                r"\bmap",
                r"directory",
                r"catalogue",
                r"offer sheet",
                r"wish list",
                r"local line",
                r"what the VCS offers",
                r"what (we|they|the VCS|groups) could (offer|bring|deliver)",
                r"\bmatch(es|ing)?\b",
                r"timetables",  # the centres' session timetables; the commissioning one is singular
            ),
            actions=(
                ActionSpec(
                    "Hold a market-place event for children's centres and VCS groups",
                    COUNCIL,
                    D(2012, 1, 26),
                    ActionStatus.DONE,
                ),
                ActionSpec(
                    "Map what VCS groups offer against each centre's needs in one shared directory",
                    HOLLYFIELD,
                    D(2012, 3, 30),
                    ActionStatus.DONE,
                    notes=(
                        NoteSpec(
                            "Directory of about forty groups shared with all six centres; each centre has "
                            "added its termly wish list.",
                            "centre",
                            D(2012, 3, 28),
                        ),
                    ),
                ),
                ActionSpec(
                    "Agree a one-page local line on children's centres with centres and the VCS",
                    COUNCIL,
                    D(2012, 5, 25),
                    ActionStatus.DONE,
                ),
            ),
        ),
        ProposalSpec(
            title="Community engagement",
            summary=(
                "Partners could work with parent/forum/ advisory boards to broaden awareness of "
                "community-led services."
            ),
            challenges=(1,),
            owner=PARENTS_FORUM,
            status=ProposalStatus.DONE,
            keywords=(
                r"parents?'? forums?",  # not "the VCS forum", a group of providers
                r"advisory board",
                r"community[- ]led",
                r"community champions",
                r"invisible",
                r"ambassadors",
            ),
            actions=(
                ActionSpec(
                    "Parents' forum to review centre publicity and run a community-groups stall at open days",
                    PARENTS_FORUM,
                    D(2012, 4, 27),
                    ActionStatus.DONE,
                    notes=(
                        NoteSpec(
                            "Forum members reviewed the spring leaflets and ran stalls at three open days.",
                            "facilitator",
                            D(2012, 4, 30),
                        ),
                    ),
                ),
                ActionSpec(
                    "Ask each advisory board to nominate a parent to observe commissioning discussions",
                    ORCHARD_GREEN,
                    D(2012, 6, 29),
                    ActionStatus.DONE,
                ),
            ),
        ),
        ProposalSpec(
            title="Partnership working",
            summary="A workshop aimed at schools and VCS could be organised to explore partnership working.",
            challenges=(2,),
            owner=FORUM,
            status=ProposalStatus.DONE,
            keywords=(r"school", r"head teacher", r"\bheads\b", r"partnership", r"referral"),
            actions=(
                ActionSpec(
                    "Run a workshop for head teachers and VCS groups on partnership working",
                    FORUM,
                    D(2012, 6, 15),
                    ActionStatus.DONE,
                    notes=(
                        NoteSpec(
                            "Held on 14 June with seven head teachers and eleven VCS groups; two joint "
                            "sessions for Reception parents agreed for September.",
                            "vcs",
                            D(2012, 6, 18),
                        ),
                    ),
                ),
                ActionSpec(
                    "Agree a common referral form for centres, schools and VCS groups",
                    SCHOOL,
                    D(2012, 7, 20),
                    ActionStatus.DONE,
                ),
            ),
        ),
        ProposalSpec(
            title="Bexley offer and vision",
            summary=(
                "The local authority could develop a Question and Answer facility through web posts to make "
                "key performance criteria transparent and deal with a range of practical issues."
            ),
            challenges=(1, 2),
            owner=COUNCIL,
            status=ProposalStatus.IN_PROGRESS,
            keywords=(
                r"questions? and answers?",
                r"answers? (to|within)",
                r"written answer",
                r"post a question",
                r"frequently asked",
                r"\bKPIs?\b",
                r"key performance",
                r"\bcriteria\b",
                r"performance (framework|monitoring)",
                r"\bmeasured?\b",
                r"\bQ&A\b",
                r"\bvision\b",
                r"practical (issues|detail|matters)",
                r"targets",
                r"(local|core) offer",
            ),
            actions=(
                ActionSpec(
                    "Open a web question-and-answer page and answer within ten working days",
                    COUNCIL,
                    D(2012, 3, 30),
                    ActionStatus.DONE,
                    notes=(
                        NoteSpec(
                            "Page live with the first 24 questions answered; new questions answered in six "
                            "working days on average.",
                            "commissioner",
                            D(2012, 4, 10),
                        ),
                    ),
                ),
                ActionSpec(
                    "Publish the key performance criteria with a plain-English note on each",
                    COUNCIL,
                    D(2012, 5, 31),
                    ActionStatus.DONE,
                ),
                ActionSpec(
                    "Test the Bexley vision statement with partners before it is adopted",
                    COUNCIL,
                    D(2012, 10, 31),
                    ActionStatus.IN_PROGRESS,
                    notes=(
                        NoteSpec(
                            "Draft discussed with the centre managers' group; VCS forum meeting still to come.",
                            "commissioner",
                            D(2012, 10, 12),
                        ),
                    ),
                ),
            ),
        ),
        ProposalSpec(
            title="Localised commissioning",
            summary=(
                "Development of a commissioning strategy based on timetables and a co-production "
                "consultation with the VCS on what they could offer with CPD in commissioning for "
                "children's centres for partners."
            ),
            challenges=(1,),
            owner=COUNCIL,
            status=ProposalStatus.DONE,
            keywords=(
                r"\btimetable\b",
                r"tender",
                r"commissioning",
                r"\bCPD\b",
                r"\blots\b(?! of)",  # contract lots, not "lots of us"
                r"\bbids?\b",
                r"mixed economy",
                r"in-house",
                r"delivery model",
                r"social value",
                r"procurement",
                r"consortium",
                r"specification",
                r"contract",
            ),
            actions=(
                ActionSpec(
                    "Publish the commissioning timetable online and update it monthly",
                    COUNCIL,
                    D(2012, 3, 30),
                    ActionStatus.DONE,
                ),
                ActionSpec(
                    "Run CPD in commissioning for centre managers, VCS leads and commissioners",
                    COUNCIL,
                    D(2012, 5, 31),
                    ActionStatus.DONE,
                ),
                ActionSpec(
                    "Hold a co-production consultation and soft market-testing day with the VCS",
                    COUNCIL,
                    D(2012, 7, 13),
                    ActionStatus.DONE,
                ),
            ),
        ),
        ProposalSpec(
            title="Change management",
            summary=(
                "Partners could collaborate in a workshop on change management for VCS and children's "
                "centres to acknowledge and work through the emotional response to change."
            ),
            challenges=(2,),
            owner=HOLLYFIELD,
            status=ProposalStatus.AGREED,
            keywords=(
                r"\bthe changes?\b",
                r"change is happening",
                r"change[- ]management",
                r"how (people|staff) (are )?feel",
                r"morale",
                r"\bloss\b",
                r"grief",
                r"(their|a|own) jobs?\b|job security",  # not "day jobs"
                r"anxious|nervous",
                r"uncertainty",
                r"\bworr(y|ied)\b",
                r"rumou?rs",
                r"\btransfer",
                r"protective",
                r"personally",
            ),
            actions=(
                ActionSpec(
                    "Run a joint change-management workshop for centre staff and VCS groups",
                    HOLLYFIELD,
                    D(2012, 11, 30),
                    ActionStatus.NOT_STARTED,
                ),
                ActionSpec(
                    "Offer peer support from VCS leaders to centre staff who may transfer to a new provider",
                    FORUM,
                    D(2012, 12, 14),
                    ActionStatus.NOT_STARTED,
                ),
            ),
        ),
    ),
)
