"""Back office: events, live capture of comments, and each comment's trail forward."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from coproduce.accounts.rules import authorise
from coproduce.core.history import history_rows
from coproduce.core.navigation import area_crumbs as _crumbs
from coproduce.engagement import services
from coproduce.engagement.forms import CaptureForm, EventForm
from coproduce.engagement.models import Comment, CommentStatus, Event, EventStatus
from coproduce.programmes.models import Area


@login_required
def event_create(request: HttpRequest, slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=slug)
    authorise(request.user, "engagement.manage_event", area)
    form = EventForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        event.area = area
        event.save()
        messages.success(request, f"Event “{event.title}” created. Its join code is {event.join_code}.")
        return redirect(event)
    return render(
        request, "engagement/event_form.html", {"form": form, "area": area, "breadcrumbs": _crumbs(area)}
    )


@login_required
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("area"), pk=pk)
    authorise(request.user, "engagement.manage_event", event)
    form = EventForm(request.POST if request.method == "POST" else None, instance=event)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Event updated.")
        return redirect(event)
    return render(
        request,
        "engagement/event_form.html",
        {"form": form, "area": event.area, "event": event, "breadcrumbs": _crumbs(event.area)},
    )


@login_required
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("area"), pk=pk)
    authorise(request.user, "programmes.view_area", event)
    comments = event.comments.filter(status=CommentStatus.ACCEPTED).select_related("author")
    return render(
        request,
        "engagement/event_detail.html",
        {
            "event": event,
            "area": event.area,
            "comments": comments,
            "held": event.comments.filter(status=CommentStatus.HELD),
            "people": event.attendees.count(),
            "can_manage": request.user.has_perm("engagement.manage_event", event),
            "statuses": EventStatus,
            "breadcrumbs": _crumbs(event.area),
        },
    )


@login_required
@require_POST
def event_status(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("area"), pk=pk)
    authorise(request.user, "engagement.manage_event", event)
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
    authorise(request.user, "engagement.manage_event", event)
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
    authorise(request.user, "engagement.manage_event", event)
    recent = event.comments.select_related("author").order_by("-created_at", "-pk")[:50]
    return render(
        request,
        "engagement/includes/recent_comments.html",
        {"recent": recent, "total": event.comments.count()},
    )


@login_required
def comment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A comment, and everything it fed: proposals citing it and their actions."""
    comment = get_object_or_404(Comment.objects.select_related("event__area", "author"), pk=pk)
    authorise(request.user, "programmes.view_area", comment)
    proposals = comment.proposals.prefetch_related("actions__owner").select_related("owner")
    area = comment.event.area
    citable = area.proposals.exclude(pk__in=[p.pk for p in proposals])
    return render(
        request,
        "engagement/comment_detail.html",
        {
            "comment": comment,
            "area": area,
            "proposals": proposals,
            "citable": citable,
            "can_cite": request.user.has_perm("proposals.change_proposal", area),
            "can_manage": request.user.has_perm("engagement.manage_event", area),
            "history": history_rows(comment.history.select_related("history_user")),
            "breadcrumbs": _crumbs(area, (comment.event.title, comment.event.get_absolute_url())),
        },
    )


@login_required
@require_POST
def comment_accept(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.select_related("event__area"), pk=pk)
    authorise(request.user, "engagement.manage_event", comment)
    services.comment_accept(comment=comment)
    messages.success(request, "The comment has been added to the event.")
    return redirect(comment.event)
