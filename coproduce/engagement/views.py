"""Back office: events, live capture of comments, and each comment's trail forward."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coproduce.accounts.rules import CHANGE_PROPOSAL, MANAGE_EVENT, MODERATE_COMMENT, VIEW_AREA, authorise
from coproduce.core.history import history_rows
from coproduce.core.navigation import area_crumbs as _crumbs
from coproduce.core.navigation import event_crumbs
from coproduce.engagement import services
from coproduce.engagement.forms import (
    CaptureForm,
    CommentEditForm,
    CommentHideForm,
    EventForm,
    RegisterEntryForm,
)
from coproduce.engagement.models import (
    MODERATED_OUT,
    Comment,
    CommentStatus,
    Event,
    EventStatus,
    RegisterEntry,
)
from coproduce.engagement.selectors import people_at
from coproduce.programmes.models import Area


@login_required
def event_create(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, MANAGE_EVENT, area)
    form = EventForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        event = services.event_create(area=area, **form.cleaned_data)
        messages.success(request, f"Event “{event.title}” created. Its join code is {event.join_code}.")
        return redirect(event)
    return render(
        request, "engagement/event_form.html", {"form": form, "area": area, "breadcrumbs": _crumbs(area)}
    )


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("area"), pk=pk)
    authorise(request.user, MANAGE_EVENT, event)
    form = EventForm(request.POST if request.method == "POST" else None, instance=event)
    if request.method == "POST" and form.is_valid():
        services.event_update(event=event, **form.cleaned_data)
        messages.success(request, "Event updated.")
        return redirect(event)
    return render(
        request,
        "engagement/event_form.html",
        {"form": form, "area": event.area, "event": event, "breadcrumbs": _crumbs(event.area)},
    )


# The back office's filter over an event's comments: hidden and removed ones are shown, marked.
COMMENT_FILTERS = {
    "all": ("All comments", ~Q(status=CommentStatus.HELD)),
    "visible": ("In the analysis", Q(status=CommentStatus.ACCEPTED)),
    "hidden": ("Hidden or removed", Q(status__in=MODERATED_OUT)),
}


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("area"), pk=pk)
    authorise(request.user, VIEW_AREA, event)
    show = request.GET.get("show", "all")
    if show not in COMMENT_FILTERS:
        show = "all"
    everything = Comment.all_objects.filter(event=event)
    comments = everything.filter(COMMENT_FILTERS[show][1]).select_related("author")
    return render(
        request,
        "engagement/event_detail.html",
        {
            "event": event,
            "area": event.area,
            "comments": comments,
            "show": show,
            "filters": [(key, label) for key, (label, _) in COMMENT_FILTERS.items()],
            "moderated_out": everything.filter(status__in=MODERATED_OUT).count(),
            "held": everything.filter(status=CommentStatus.HELD),
            "people": people_at(event),
            "can_manage": request.user.has_perm(MANAGE_EVENT, event),
            "can_moderate": request.user.has_perm(MODERATE_COMMENT, event),
            "statuses": EventStatus,
            "breadcrumbs": _crumbs(event.area),
        },
    )


@login_required
@require_POST
def event_status(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("area"), pk=pk)
    authorise(request.user, MANAGE_EVENT, event)
    status = request.POST.get("status", "")
    if status not in EventStatus.values:
        messages.error(request, "Choose open, closed or planned.")
    else:
        services.event_set_status(event=event, status=status)
        if status == EventStatus.OPEN:
            messages.success(
                request, f"Capture is open. Participants join at /join/ with code {event.join_code}."
            )
        else:
            messages.success(request, f"The event is now {event.get_status_display().lower()}.")
    return redirect(
        request.POST.get("next") == "capture" and reverse("engagement:capture", args=[pk]) or event
    )


@login_required
def capture(request: HttpRequest, pk: int) -> HttpResponse:
    """The facilitator's capture screen: type or paste comments, and see what participants send."""
    event = get_object_or_404(Event.objects.select_related("area"), pk=pk)
    authorise(request.user, MANAGE_EVENT, event)
    form = CaptureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        saved = services.comments_capture(
            event=event,
            texts=form.cleaned_data["texts"],
            author_role=form.cleaned_data["author_role"],
            source=form.cleaned_data["source"],
            method_step=form.cleaned_data["method_step"],
            captured_by=request.user,
        )
        messages.success(request, f"{len(saved)} comment{'s' if len(saved) != 1 else ''} saved.")
        # Keep the source, which usually stays the same; the role is picked again for every comment, since
        # a role carried over from the last one files the next speaker's words under it unnoticed.
        query = f"?source={form.cleaned_data['source']}"
        return redirect(reverse("engagement:capture", args=[pk]) + query)
    if request.method == "GET":
        form = CaptureForm(initial={"source": request.GET.get("source", "live")})
    recent = event.comments.select_related("author").order_by("-created_at", "-pk")[:50]
    return render(
        request,
        "engagement/capture.html",
        {
            "event": event,
            "area": event.area,
            "form": form,
            "recent": recent,
            "total": event.comments.count(),
            "breadcrumbs": _crumbs(event.area, (event.title, event.get_absolute_url())),
        },
    )


@login_required
def capture_feed(request: HttpRequest, pk: int) -> HttpResponse:
    """The latest comments as an HTML fragment, polled by the capture page so new ones appear by themselves."""
    event = get_object_or_404(Event.objects.select_related("area"), pk=pk)
    authorise(request.user, MANAGE_EVENT, event)
    recent = event.comments.select_related("author").order_by("-created_at", "-pk")[:50]
    return render(
        request,
        "engagement/includes/recent_comments.html",
        {"recent": recent, "total": event.comments.count()},
    )


def _comment(pk: int) -> Comment:
    # Moderation reaches hidden and removed comments, which the default manager leaves out.
    return get_object_or_404(Comment.all_objects.select_related("event__area", "author"), pk=pk)


def _comment_page(request: HttpRequest, comment: Comment, *, edit_form=None, hide_form=None, status=200):
    proposals = comment.proposals.prefetch_related("actions__owner").select_related("owner")
    area = comment.event.area
    citable = area.proposals.exclude(pk__in=[p.pk for p in proposals])
    can_moderate = request.user.has_perm(MODERATE_COMMENT, area)
    return render(
        request,
        "engagement/comment_detail.html",
        {
            "comment": comment,
            "area": area,
            "proposals": proposals,
            "citable": citable,
            "can_cite": request.user.has_perm(CHANGE_PROPOSAL, area) and not comment.is_moderated_out,
            "can_manage": request.user.has_perm(MANAGE_EVENT, area),
            "can_moderate": can_moderate,
            "can_undo": can_moderate and services.comment_can_undo(comment),
            "edit_form": edit_form or CommentEditForm(initial={"text": comment.text}),
            "hide_form": hide_form or CommentHideForm(),
            "form": edit_form if edit_form is not None and edit_form.errors else hide_form,
            "history": history_rows(comment.history.select_related("history_user")),
            "breadcrumbs": _crumbs(area, (comment.event.title, comment.event.get_absolute_url())),
        },
        status=status,
    )


@login_required
def comment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A comment, everything it fed (proposals citing it and their actions), and its moderation."""
    comment = _comment(pk)
    authorise(request.user, VIEW_AREA, comment)
    return _comment_page(request, comment)


@login_required
@require_POST
def comment_accept(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(pk)
    authorise(request.user, MANAGE_EVENT, comment)
    services.comment_accept(comment=comment)
    messages.success(request, "The comment has been added to the event.")
    return redirect(comment.event)


@login_required
@require_POST
def comment_discard(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(pk)
    authorise(request.user, MANAGE_EVENT, comment)
    if comment.status != CommentStatus.HELD:
        messages.error(
            request, "Only a comment sent after the event closed can be discarded; remove it instead."
        )
        return redirect(comment)
    services.comment_discard(comment=comment)
    messages.success(
        request, "The comment has been discarded. It is kept, and can be restored from its page."
    )
    return redirect(comment.event)


@login_required
@require_POST
def held_all(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept, or discard, every comment sent after the event closed."""
    event = get_object_or_404(Event.objects.select_related("area"), pk=pk)
    authorise(request.user, MANAGE_EVENT, event)
    action = request.POST.get("action")
    if action not in ("accept", "discard"):
        messages.error(request, "Choose to accept or to discard the comments.")
        return redirect(event)
    n = services.held_comments_settle(event=event, accept=action == "accept")
    done = "added to the event" if action == "accept" else "discarded (they can be restored one by one)"
    messages.success(request, f"{n} comment{'s' if n != 1 else ''} {done}.")
    return redirect(event)


@login_required
@require_POST
def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(pk)
    authorise(request.user, MODERATE_COMMENT, comment)
    form = CommentEditForm(request.POST)
    if not form.is_valid():
        return _comment_page(request, comment, edit_form=form, status=400)
    services.comment_edit(comment=comment, text=form.cleaned_data["text"])
    messages.success(request, "The comment has been edited. Its original text is kept below.")
    return redirect(comment)


@login_required
@require_POST
def comment_hide(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(pk)
    authorise(request.user, MODERATE_COMMENT, comment)
    form = CommentHideForm(request.POST)
    if not form.is_valid():
        return _comment_page(request, comment, hide_form=form, status=400)
    services.comment_hide(comment=comment, reason=form.cleaned_data["reason"])
    messages.success(
        request, "The comment is hidden: it has left the analysis, the reports and the public pages."
    )
    return redirect(comment)


@login_required
def register(request: HttpRequest, pk: int) -> HttpResponse:
    """The event's attendance register: who came, by name and organisation, or ticked from who joined."""
    event = get_object_or_404(Event.objects.select_related("area"), pk=pk)
    authorise(request.user, MANAGE_EVENT, event)
    form = RegisterEntryForm(request.POST if request.method == "POST" else None, event=event)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            entry = form.save(commit=False)
            entry.event = event
            services.register_entry_save(entry=entry)
            messages.success(request, f"{entry} added to the register.")
            return redirect("engagement:register", pk=event.pk)
        status = 400
    return render(
        request,
        "engagement/register.html",
        {
            "event": event,
            "area": event.area,
            "form": form,
            "entries": event.register.select_related("person"),
            "people": people_at(event),
            "breadcrumbs": event_crumbs(event),
        },
        status=status,
    )


@login_required
def register_entry(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(RegisterEntry.objects.select_related("event__area"), pk=pk)
    event = entry.event
    authorise(request.user, MANAGE_EVENT, event)
    form = RegisterEntryForm(request.POST if request.method == "POST" else None, instance=entry, event=event)
    if request.method == "POST" and form.is_valid():
        services.register_entry_save(entry=form.save(commit=False))
        messages.success(request, "Register updated.")
        return redirect("engagement:register", pk=event.pk)
    return render(
        request,
        "engagement/register_entry.html",
        {
            "event": event,
            "area": event.area,
            "entry": entry,
            "form": form,
            "breadcrumbs": event_crumbs(event),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def comment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(pk)
    authorise(request.user, MODERATE_COMMENT, comment)
    services.comment_remove(comment=comment, reason=request.POST.get("reason", "")[:500])
    messages.success(request, "The comment has been removed. It is kept, and can be restored.")
    return redirect(comment)


@login_required
@require_POST
def comment_undo(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(pk)
    authorise(request.user, MODERATE_COMMENT, comment)
    try:
        services.comment_undo(comment=comment)
    except ValidationError:
        messages.error(request, "There is no change to undo.")
    else:
        messages.success(request, f"Undone. The comment is {comment.get_status_display().lower()} again.")
    return redirect(comment)


@login_required
@require_POST
def register_entry_remove(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(RegisterEntry.objects.select_related("event__area"), pk=pk)
    authorise(request.user, MANAGE_EVENT, entry.event)
    services.register_entry_remove(entry=entry)
    messages.success(request, f"{entry} removed from the register.")
    return redirect("engagement:register", pk=entry.event_id)
