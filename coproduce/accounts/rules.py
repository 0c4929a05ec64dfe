"""Every permission in coproduce, in one place.

A user's rights come from their role in an area (Membership). Objects are checked through the area they
belong to: an Area, or anything with an ``area`` attribute (event, comment, proposal, action).
Superusers may do everything.
"""

from __future__ import annotations

from typing import Any

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404

from coproduce.accounts.models import AreaRole, Membership

# Permission names: views and endpoints check these constants, never a string of their own.
VIEW_AREA = "programmes.view_area"
MANAGE_EVENT = "engagement.manage_event"
MODERATE_COMMENT = "engagement.moderate_comment"
RUN_ANALYSIS = "themes.run_analysis"
CHANGE_ANALYSIS = "themes.change_analysis"
CHANGE_PROPOSAL = "proposals.change_proposal"
MANAGE_SURVEY = "surveys.manage_survey"
CHANGE_REPORT = "reports.change_report"
MANAGE_PERSONAL_DATA = "privacy.manage_personal_data"
UPDATE_ACTION = "proposals.update_action"
MANAGE_ORGANISATION = "directory.manage_organisation"


def _memberships(user) -> dict[int, Membership]:
    # Cached on the user object for the length of a request.
    cache = getattr(user, "_coproduce_memberships", None)
    if cache is None:
        cache = {m.area_id: m for m in Membership.objects.filter(user=user)} if user.is_authenticated else {}
        user._coproduce_memberships = cache
    return cache


def role_in(user, obj: Any) -> str | None:
    area = getattr(obj, "area", None)
    if area is None or not user.is_authenticated:
        return None
    membership = _memberships(user).get(area.pk)
    return membership.role if membership else None


def has_role(*roles: str):
    names = "_or_".join(roles) or "any_role"

    @rules.predicate(name=f"has_{names}")
    def predicate(user, obj=None) -> bool:
        role = role_in(user, obj)
        return role is not None and (not roles or role in roles)

    return predicate


@rules.predicate
def speaks_for_owner(user, action) -> bool:
    """The user's membership names the organisation that owns this action."""
    if action is None or not user.is_authenticated:
        return False
    membership = _memberships(user).get(action.area.pk)
    return bool(membership and membership.organisation_id and membership.organisation_id == action.owner_id)


is_superuser = rules.is_superuser
is_member = has_role()
runs_events = has_role(AreaRole.PROGRAMME_LEAD, AreaRole.FACILITATOR)
shapes_proposals = has_role(AreaRole.PROGRAMME_LEAD, AreaRole.FACILITATOR, AreaRole.COMMISSIONER)

# Reading an area's back office: its dashboard, events, comments, proposals and actions.
rules.add_perm(VIEW_AREA, is_superuser | is_member)
# Running events: create and edit events, open and close capture, type, import and accept comments.
rules.add_perm(MANAGE_EVENT, is_superuser | runs_events)
# Moderating comments: edit (the original kept), hide with a reason, remove, undo; those who run events.
rules.add_perm(MODERATE_COMMENT, is_superuser | runs_events)
# Running the theme analysis of an area's comments.
rules.add_perm(RUN_ANALYSIS, is_superuser | runs_events)
# Reviewing its themes: rename, merge, split, move and pin comments, describe, agree, undo.
rules.add_perm(CHANGE_ANALYSIS, is_superuser | shapes_proposals)
# Writing proposals and their actions, and citing comments as evidence.
rules.add_perm(CHANGE_PROPOSAL, is_superuser | shapes_proposals)
# Building surveys, opening and closing their waves, typing in paper answers.
rules.add_perm(MANAGE_SURVEY, is_superuser | runs_events)
# Writing an area's case-study report and publishing it.
rules.add_perm(CHANGE_REPORT, is_superuser | runs_events)
# Personal data (UK GDPR): seeing everything held about one person, anonymising or erasing them.
rules.add_perm(MANAGE_PERSONAL_DATA, is_superuser | runs_events)
# Recording progress on an action: those who shape proposals, and the organisation that owns it.
rules.add_perm(UPDATE_ACTION, is_superuser | shapes_proposals | speaks_for_owner)
# Adding and correcting the organisations taking part (the owners of actions): those who write proposals.
rules.add_perm(MANAGE_ORGANISATION, is_superuser | shapes_proposals)


def authorise(user, perm: str, obj: Any) -> None:
    """Raise unless ``user`` holds ``perm`` on ``obj``.

    Someone with no role in the object's area gets a 404, so the back office does not even confirm that
    the object exists; a member without the right gets a 403.
    """
    if user.has_perm(perm, obj):
        return
    if not user.has_perm(VIEW_AREA, obj):
        raise Http404("Not found")
    raise PermissionDenied(f"Your role in this area does not allow this ({perm}).")


def viewable_area_ids(user) -> set[int] | None:
    """Area ids the user may read; None means all (superuser)."""
    if user.is_superuser:
        return None
    return set(_memberships(user))


# --- commissioning ---
VIEW_COMMISSIONING = "commissioning.view_process"
CHANGE_COMMISSIONING = "commissioning.change_process"
PUBLISH_OCDS = "commissioning.publish_ocds"
# Reading an area's commissioning processes, their timeline, calendar and draft Open Contracting data.
rules.add_perm(VIEW_COMMISSIONING, is_superuser | is_member)
# Writing processes and their milestones: those who shape proposals (programme lead, facilitator,
# commissioner).
rules.add_perm(CHANGE_COMMISSIONING, is_superuser | shapes_proposals)
# Publishing a process's Open Contracting (OCDS) data on the public site: the same people.
rules.add_perm(PUBLISH_OCDS, is_superuser | shapes_proposals)


# --- appraisal ---
# Options appraisal (coproduce/appraisal). Reading an appraisal and its results: every member of the area.
# Building it (the long list, exclusions, criteria and their themes, opening and closing scoring, agreeing the
# preferred option): those who shape proposals. Scoring options and proposing weights: every role but the
# viewer, who reads and does not take part; co-production means the centre managers and the VCS score too.
VIEW_APPRAISAL = "appraisal.view_appraisal"
CHANGE_APPRAISAL = "appraisal.change_appraisal"
SCORE_APPRAISAL = "appraisal.score_appraisal"
scores_appraisals = has_role(
    AreaRole.PROGRAMME_LEAD,
    AreaRole.FACILITATOR,
    AreaRole.COMMISSIONER,
    AreaRole.CENTRE_MANAGER,
    AreaRole.VCS_MEMBER,
)
rules.add_perm(VIEW_APPRAISAL, is_superuser | is_member)
rules.add_perm(CHANGE_APPRAISAL, is_superuser | shapes_proposals)
rules.add_perm(SCORE_APPRAISAL, is_superuser | scores_appraisals)
# --- cpd ---
# CPD in commissioning (coproduce/cpd). Everyone in the area reads CPD, except that those who speak for a
# children's centre or a VCS organisation (centre managers, VCS members) see only their own organisation's
# people, records and needs: the area's CPD page lists just those, and any other person's log, record,
# certificate or organisation is a 403. Those who run events (programme lead, facilitator) give CPD for a
# training event, add and edit records and write reflections on an attendee's behalf. Training needs are
# recorded by those who manage organisations, and by a centre manager or VCS member for their own.
VIEW_CPD = "cpd.view_cpd"
GIVE_CPD = "cpd.give_cpd"
RECORD_TRAINING_NEED = "cpd.record_training_need"
SPEAKS_FOR_ORGANISATION = (AreaRole.CENTRE_MANAGER, AreaRole.VCS_MEMBER)


def cpd_organisation_id(obj: Any) -> int | None:
    """The organisation a person, organisation, CPD record or training need belongs to, for the CPD rules."""
    label = getattr(getattr(obj, "_meta", None), "label_lower", "")
    if label == "directory.organisation":
        return obj.pk
    if label == "directory.person":
        return obj.organisation_id
    return getattr(obj, "cpd_organisation_id", None)


def _speaks_for_cpd_of(user, obj) -> bool:
    if obj is None or not user.is_authenticated or getattr(obj, "area", None) is None:
        return False
    membership = _memberships(user).get(obj.area.pk)
    if membership is None or membership.role not in SPEAKS_FOR_ORGANISATION:
        return False
    if getattr(getattr(obj, "_meta", None), "label_lower", "") == "programmes.area":
        return True  # the area's page, which lists only their organisation's people
    return membership.organisation_id is not None and membership.organisation_id == cpd_organisation_id(obj)


@rules.predicate
def reads_own_organisations_cpd(user, obj) -> bool:
    return _speaks_for_cpd_of(user, obj)


@rules.predicate
def records_own_organisations_needs(user, obj) -> bool:
    if getattr(getattr(obj, "_meta", None), "label_lower", "") == "programmes.area":
        membership = _memberships(user).get(obj.pk) if user.is_authenticated else None
        return bool(membership and membership.role in SPEAKS_FOR_ORGANISATION and membership.organisation_id)
    return _speaks_for_cpd_of(user, obj)


reads_all_cpd = has_role(
    AreaRole.PROGRAMME_LEAD, AreaRole.FACILITATOR, AreaRole.COMMISSIONER, AreaRole.VIEWER
)
rules.add_perm(VIEW_CPD, is_superuser | reads_all_cpd | reads_own_organisations_cpd)
rules.add_perm(GIVE_CPD, is_superuser | runs_events)
rules.add_perm(RECORD_TRAINING_NEED, is_superuser | shapes_proposals | records_own_organisations_needs)


def cpd_sees_all(user, area: Any) -> bool:
    """Whether the user reads every CPD record of the area, or only their own organisation's."""
    return user.has_perm(GIVE_CPD, area) or bool(reads_all_cpd.test(user, area))


def cpd_own_organisation_id(user, area: Any) -> int | None:
    membership = _memberships(user).get(area.pk) if user.is_authenticated else None
    return membership.organisation_id if membership else None


# --- service_directory ---
# The directory of services in Open Referral UK terms (coproduce/service_directory). Every member of the
# area reads its directory in the back office (the public reads the published services through /api/oruk/).
# A listing is proposed by those who speak for the organisation that provides it (a VCS member or centre
# manager whose membership names it) and by those who run the programme (programme lead, facilitator);
# those who run the programme review proposals (approve, or send back with a reason) and import feeds.
VIEW_SERVICES = "service_directory.view_services"
PROPOSE_LISTING = "service_directory.propose_listing"
REVIEW_LISTING = "service_directory.review_listing"
IMPORT_SERVICES = "service_directory.import_services"


def listing_organisation_id(obj: Any) -> int | None:
    """The organisation an organisation, service or service change is the listing of."""
    label = getattr(getattr(obj, "_meta", None), "label_lower", "")
    if label == "directory.organisation":
        return obj.pk
    if label == "service_directory.service":
        return obj.organisation_id
    if label == "service_directory.servicechange":
        return obj.service.organisation_id
    return None


@rules.predicate
def speaks_for_listing(user, obj) -> bool:
    if obj is None or not user.is_authenticated or getattr(obj, "area", None) is None:
        return False
    membership = _memberships(user).get(obj.area.pk)
    return bool(
        membership
        and membership.role in (AreaRole.VCS_MEMBER, AreaRole.CENTRE_MANAGER)
        and membership.organisation_id is not None
        and membership.organisation_id == listing_organisation_id(obj)
    )


rules.add_perm(VIEW_SERVICES, is_superuser | is_member)
rules.add_perm(PROPOSE_LISTING, is_superuser | runs_events | speaks_for_listing)
rules.add_perm(REVIEW_LISTING, is_superuser | runs_events)
rules.add_perm(IMPORT_SERVICES, is_superuser | runs_events)
# --- marketplace ---
# The market place (coproduce/marketplace): children's centres' needs matched to VCS services. Every member
# of the area reads the needs, their matches, the gaps and the map of what is available. A need is stated
# and edited by those who shape proposals, and by a centre manager for their own centre. A match is agreed
# (becoming an action owned by the service's organisation), discussed or turned down by those who shape
# proposals, the manager of the need's centre, or a VCS member of the service's organisation.
VIEW_MARKETPLACE = "marketplace.view_marketplace"
STATE_NEED = "marketplace.state_need"
AGREE_MATCH = "marketplace.agree_match"


def _market_membership(user, obj) -> Membership | None:
    area = getattr(obj, "area", None)
    if area is None or not user.is_authenticated:
        return None
    return _memberships(user).get(area.pk)


@rules.predicate
def manages_the_needs_centre(user, obj) -> bool:
    membership = _market_membership(user, obj)
    if membership is None or membership.role != AreaRole.CENTRE_MANAGER or not membership.organisation_id:
        return False
    label = getattr(getattr(obj, "_meta", None), "label_lower", "")
    if label == "programmes.area":
        return True  # they may state needs, for their own centre (the form offers only that)
    if label == "marketplace.match":
        obj = obj.need
    return getattr(obj, "centre_id", None) == membership.organisation_id


@rules.predicate
def speaks_for_the_matched_service(user, match) -> bool:
    membership = _market_membership(user, match)
    if membership is None or membership.role != AreaRole.VCS_MEMBER or not membership.organisation_id:
        return False
    service = getattr(match, "service", None)
    return service is not None and service.organisation_id == membership.organisation_id


rules.add_perm(VIEW_MARKETPLACE, is_superuser | is_member)
rules.add_perm(STATE_NEED, is_superuser | shapes_proposals | manages_the_needs_centre)
rules.add_perm(
    AGREE_MATCH, is_superuser | shapes_proposals | manages_the_needs_centre | speaks_for_the_matched_service
)


def market_centre_id(user, area: Any) -> int | None:
    """The centre a centre manager states needs for; None for those who may state any centre's."""
    if user.is_superuser or shapes_proposals.test(user, area):
        return None
    membership = _memberships(user).get(area.pk) if user.is_authenticated else None
    return membership.organisation_id if membership else None


# --- vcs ---
# Understanding the VCS (coproduce/vcs): organisations' profiles, health checks and the network. An
# organisation's profile and health checks are read by those who read the whole area (programme lead,
# facilitator, commissioner, viewer) and by whoever speaks for that organisation (its VCS member or centre
# manager); anyone else in the area gets a 403. They are written by whoever speaks for the organisation, and
# by those who run events (a facilitator types in a paper form). The network page is every member's. Links
# are recorded by those who shape proposals, and by a VCS member or centre manager for their own
# organisation's links.
VIEW_VCS = "vcs.view_vcs"
VIEW_VCS_PROFILE = "vcs.view_profile"
CHANGE_VCS_PROFILE = "vcs.change_profile"
RECORD_VCS_LINK = "vcs.record_link"


def vcs_organisation_ids(obj: Any) -> tuple[int, ...]:
    """The organisations a profile, health check or link is about (an organisation is about itself)."""
    if getattr(getattr(obj, "_meta", None), "label_lower", "") == "directory.organisation":
        return (obj.pk,)
    if hasattr(obj, "vcs_organisation_ids"):
        return tuple(obj.vcs_organisation_ids)
    own = getattr(obj, "vcs_organisation_id", None)
    return (own,) if own is not None else ()


def _speaks_for_vcs_of(user, obj) -> bool:
    """The user is a VCS member or centre manager of obj's area speaking for an organisation obj is about;
    for the area itself, for any organisation (what they may do is then limited to their own)."""
    if obj is None or not user.is_authenticated:
        return False
    is_area = getattr(getattr(obj, "_meta", None), "label_lower", "") == "programmes.area"
    area = obj if is_area else getattr(obj, "area", None)
    membership = _memberships(user).get(area.pk) if area is not None else None
    if membership is None or membership.role not in SPEAKS_FOR_ORGANISATION or not membership.organisation_id:
        return False
    return is_area or membership.organisation_id in vcs_organisation_ids(obj)


@rules.predicate
def speaks_for_vcs_organisation(user, obj) -> bool:
    return _speaks_for_vcs_of(user, obj)


reads_all_vcs = has_role(
    AreaRole.PROGRAMME_LEAD, AreaRole.FACILITATOR, AreaRole.COMMISSIONER, AreaRole.VIEWER
)
rules.add_perm(VIEW_VCS, is_superuser | is_member)
rules.add_perm(VIEW_VCS_PROFILE, is_superuser | reads_all_vcs | speaks_for_vcs_organisation)
rules.add_perm(CHANGE_VCS_PROFILE, is_superuser | runs_events | speaks_for_vcs_organisation)
rules.add_perm(RECORD_VCS_LINK, is_superuser | shapes_proposals | speaks_for_vcs_organisation)


def vcs_records_any_link(user, area: Any) -> bool:
    """Whether the user may record links between any two organisations of the area, not only their own's."""
    return bool(is_superuser.test(user)) or bool(shapes_proposals.test(user, area))


def vcs_sees_all(user, area: Any) -> bool:
    return bool(is_superuser.test(user)) or bool(reads_all_vcs.test(user, area))


def vcs_own_organisation_id(user, area: Any) -> int | None:
    membership = _memberships(user).get(area.pk) if user.is_authenticated else None
    if membership is None or membership.role not in SPEAKS_FOR_ORGANISATION:
        return None
    return membership.organisation_id


# --- kpis ---
# KPIs made transparent (coproduce/kpis). Every member of the area reads its KPIs, published or not, in the
# back office; the commissioners and the programme lead write them, type and import their values, and publish
# them. Published KPIs of a published area are public (the public pages decide that, not a rule). "My
# actions" is every signed-in person's own list: it shows the actions of the organisations they speak for.
VIEW_KPI = "kpis.view_kpi"
CHANGE_KPI = "kpis.change_kpi"
writes_kpis = has_role(AreaRole.PROGRAMME_LEAD, AreaRole.COMMISSIONER)
rules.add_perm(VIEW_KPI, is_superuser | is_member)
rules.add_perm(CHANGE_KPI, is_superuser | writes_kpis)
# --- programmes and consensus: areas, challenges and their co-production stage (issue 16) ---
# A programme lead of any area of a programme may add an area to it (and leads the new area). Those who run
# events (programme lead, facilitator) write and edit an area's challenges, put draft wordings to the vote,
# record the agreed wording with its evidence and move a challenge between stages. Approving participants'
# statements and importing a Pol.is conversation are part of running the event (MANAGE_EVENT).
CREATE_AREA = "programmes.create_area"
CHANGE_CHALLENGE = "programmes.change_challenge"


@rules.predicate
def leads_programme(user, programme) -> bool:
    if programme is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user, role=AreaRole.PROGRAMME_LEAD, area__programme_id=programme.pk
    ).exists()


def takes_part_in_programme(user, programme) -> bool:
    """Whether the user has any role in an area of the programme (refused with a 403 rather than a 404)."""
    return user.is_superuser or Membership.objects.filter(user=user, area__programme_id=programme.pk).exists()


rules.add_perm(CREATE_AREA, is_superuser | leads_programme)
rules.add_perm(CHANGE_CHALLENGE, is_superuser | runs_events)
# --- qanda ---
# Questions and answers (coproduce/qanda). Asking, reading published answers and following a question need
# no account (the public site). In the back office, the moderation queue and every question in it, with the
# words as asked, are for those who shape proposals (programme lead, facilitator, commissioner), who approve,
# edit or reject them; official answers are written by commissioners and programme leads only.
MODERATE_QUESTION = "qanda.moderate_question"
ANSWER_QUESTION = "qanda.answer_question"
answers_questions = has_role(AreaRole.PROGRAMME_LEAD, AreaRole.COMMISSIONER)
rules.add_perm(MODERATE_QUESTION, is_superuser | shapes_proposals)
rules.add_perm(ANSWER_QUESTION, is_superuser | answers_questions)
