"""Scheduling (recruiters), the interview page, scorecards and observations (the people on
the interview), "my interviews", and the interviewer calibration report."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from candidates.models import Application
from passionhire.forms import add_validation_error
from passionhire.nearby import near
from passionhire.permissions import RECRUITER, has_role, role_required

from .. import selectors, services
from ..forms import CancelForm, ObservationForm, RescheduleForm, ScheduleForm, ScorecardForm
from ..models import Interview, Observation, Scorecard


def _interview_or_404(request, pk: int) -> Interview:
    interview = selectors.interview_for_page(pk, viewer=request.user)
    if interview is None:
        raise Http404("No such interview.")
    return interview


@role_required(RECRUITER)
def interview_create(request, pk: int):
    application = get_object_or_404(Application.objects.select_related("candidate", "role"), pk=pk)
    form = ScheduleForm(
        request.POST or None,
        interviewers=selectors.staff_users(),
        initial={"kind": request.GET.get("kind", Interview.Kind.VALUES)},
    )
    conflicts = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interview = services.interview_schedule(
                application=application,
                kind=data["kind"],
                interviewers=list(data["interviewers"]),
                slots=data["slots"],
                duration_minutes=data["duration_minutes"],
                location=data["location"],
                time_zone=timezone.get_current_timezone_name(),
                created_by=request.user,
                allow_conflicts=data["offer_anyway"],
            )
        except ValidationError as error:
            if any(e.code == "double_booked" for e in getattr(error, "error_list", ())):
                conflicts = error.messages
            else:
                add_validation_error(form, error)
        else:
            messages.success(
                request,
                gettext("{kind} offered: {name} gets an email to pick one of {n} times.").format(
                    kind=interview.get_kind_display(),
                    name=application.candidate.name,
                    n=interview.slots.count(),
                ),
            )
            return redirect("interviews:detail", pk=interview.pk)
    return render(
        request,
        "interviews/schedule_form.html",
        {
            "form": form,
            "application": application,
            "role": application.role,
            "conflicts": conflicts,
        },
        status=422 if request.method == "POST" else 200,  # a POST that got here was refused
    )


@role_required()
def interview_detail(request, pk: int):
    interview = _interview_or_404(request, pk)
    if not selectors.can_view_interview(request.user, interview):
        raise PermissionDenied(
            "Only the people on this interview, recruiters and the role's "
            "hiring manager can see it."
        )
    participant = selectors.is_participant(request.user, interview)
    recorded = participant and selectors.has_recorded(request.user, interview)
    hidden = participant and not recorded
    is_recruiter = has_role(request.user, RECRUITER)
    context = {
        "interview": interview,
        "application": interview.application,
        "candidate": interview.application.candidate,
        "role": interview.application.role,
        "participant": participant,
        "recorded": recorded,
        "hidden": hidden,
        "is_recruiter": is_recruiter,
        "scorecards": [] if hidden else list(selectors.scorecards_for(interview)),
        "observations": [] if hidden else list(selectors.observations_for(interview)),
        "recorded_count": interview.scorecards.count() + interview.observations.count(),
        "now": timezone.now(),
    }
    if interview.kind == Interview.Kind.VALUES:
        guide = services.guide_for_role(role=interview.application.role)
        context["guide_items"] = list(selectors.guide_items(guide))
    if is_recruiter:
        context["reschedule_form"] = RescheduleForm(prefix="move")
        context["cancel_form"] = CancelForm(prefix="cancel")
        if interview.status == Interview.Status.OFFERED:
            context["open_slots"] = services.open_slots(interview)
            context["slot_link"] = services.slot_link_url(interview)
    return render(request, "interviews/detail.html", context)


@require_POST
@role_required(RECRUITER)
def interview_reschedule(request, pk: int):
    interview = _interview_or_404(request, pk)
    form = RescheduleForm(request.POST, prefix="move")
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["starts_at"]))
        return redirect("interviews:detail", pk=pk)
    try:
        services.interview_reschedule(
            interview=interview, starts_at=form.cleaned_data["starts_at"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, gettext("Moved. Everyone gets an updated calendar invitation."))
    return redirect("interviews:detail", pk=pk)


@require_POST
@role_required(RECRUITER)
def interview_cancel(request, pk: int):
    interview = _interview_or_404(request, pk)
    form = CancelForm(request.POST, prefix="cancel")
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.interview_cancel(interview=interview, by=request.user, reason=reason)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, gettext("Cancelled. Everyone who had it in their calendar is told.")
        )
    return redirect("interviews:detail", pk=pk)


@require_POST
@role_required(RECRUITER)
def interview_resend(request, pk: int):
    interview = _interview_or_404(request, pk)
    try:
        services.interview_resend_link(interview=interview, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            gettext("Link sent again to {email}.").format(
                email=interview.application.candidate.email
            ),
        )
    return redirect("interviews:detail", pk=pk)


def _participant_interview(request, pk: int, kind: str) -> Interview:
    interview = _interview_or_404(request, pk)
    if not selectors.is_participant(request.user, interview):
        raise PermissionDenied("Only the people on this interview can record it.")
    if interview.kind != kind:
        raise Http404("This interview has no such form.")
    return interview


@role_required()
def scorecard(request, pk: int):
    interview = _participant_interview(request, pk, Interview.Kind.VALUES)
    existing = (
        Scorecard.objects.filter(interview=interview, interviewer=request.user)
        .prefetch_related("ratings")
        .first()
    )
    form = ScorecardForm(
        request.POST or None,
        traits=interview.traits,
        initial=ScorecardForm.initial_from(existing) if existing else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.scorecard_submit(
                interview=interview,
                interviewer=request.user,
                ratings=form.ratings(),
                recommendation=form.cleaned_data["recommendation"],
                summary=form.cleaned_data["summary"],
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                gettext("Scorecard saved; the change is in its history.")
                if existing
                else gettext(
                    "Scorecard submitted. You can now see the other interviewers' scorecards."
                ),
                extra_tags=near("scorecards"),
            )
            return redirect(reverse("interviews:detail", args=[pk]) + "#scorecards")
    guide = services.guide_for_role(role=interview.application.role)
    return render(
        request,
        "interviews/scorecard_form.html",
        {
            "form": form,
            "interview": interview,
            "existing": existing,
            "guide_items": list(selectors.guide_items(guide)),
            "not_open": not interview.has_taken_place
            or interview.status != Interview.Status.SCHEDULED,
        },
        status=422 if request.method == "POST" else 200,
    )


@role_required()
def observation(request, pk: int):
    interview = _participant_interview(request, pk, Interview.Kind.TEAM_MEET)
    existing = Observation.objects.filter(interview=interview, observer=request.user).first()
    initial = None
    if existing:
        initial = {"notes": existing.notes} | {f"seen_{t}": v for t, v in existing.seen.items()}
    form = ObservationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.observation_submit(
                interview=interview,
                observer=request.user,
                seen=form.seen(),
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                gettext("Thank you: your observations are in."),
                extra_tags=near("scorecards"),
            )
            return redirect(reverse("interviews:detail", args=[pk]) + "#scorecards")
    return render(
        request,
        "interviews/observation_form.html",
        {
            "form": form,
            "interview": interview,
            "existing": existing,
            "not_open": not interview.has_taken_place
            or interview.status != Interview.Status.SCHEDULED,
        },
        status=422 if request.method == "POST" else 200,
    )


@role_required()
def my_interviews(request):
    now = timezone.now()
    interviews = list(selectors.interviews_of(request.user))
    groups = {"todo": [], "upcoming": [], "waiting": [], "done": [], "cancelled": []}
    for interview in interviews:
        if interview.status == Interview.Status.CANCELLED:
            groups["cancelled"].append(interview)
        elif interview.status == Interview.Status.OFFERED:
            groups["waiting"].append(interview)
        elif interview.starts_at > now:
            groups["upcoming"].append(interview)
        elif not interview.recorded:
            groups["todo"].append(interview)
        else:
            groups["done"].append(interview)
    groups["done"].reverse()  # most recent first
    return render(request, "interviews/mine.html", {"groups": groups, "total": len(interviews)})


@role_required(RECRUITER)
def interviewer_report(request):
    return render(
        request,
        "interviews/interviewers.html",
        {
            "rows": selectors.interviewer_stats(),
            "threshold": settings.PASSIONHIRE["CALIBRATION_MIN_SCORECARDS"],
        },
    )
