"""Reads for interview pages: who may see what (scorecard independence, no anchoring), an
interviewer's list, an application's interviews, and the interviewer calibration report."""

from django.contrib.auth import get_user_model
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    StdDev,
    Subquery,
)
from django.utils import timezone

from candidates.selectors import hide_identity, identity_hidden_from
from passionhire.permissions import HIRING_MANAGER, RECRUITER, StaffRole, has_role

from .models import (
    BankQuestion,
    CoreValue,
    GuideQuestion,
    Interview,
    Observation,
    Participant,
    Scorecard,
    ScorecardRevision,
    TraitRating,
)

User = get_user_model()


def staff_users():
    """Everyone who can sit on an interview: active users with a staff role."""
    return (
        User.objects.filter(is_active=True, groups__name__in=StaffRole.values)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _recorded_by(*, interview, user):
    """Exists(): `user` has submitted their scorecard or observation for `interview`."""
    return Exists(Scorecard.objects.filter(interview=interview, interviewer=user)) | Exists(
        Observation.objects.filter(interview=interview, observer=user)
    )


def is_participant(user, interview: Interview) -> bool:
    return any(p.interviewer_id == user.pk for p in interview.participants.all())


def has_recorded(user, interview: Interview) -> bool:
    if interview.is_team_meet:
        return interview.observations.filter(observer=user).exists()
    return interview.scorecards.filter(interviewer=user).exists()


def can_view_interview(user, interview: Interview) -> bool:
    """Recruiters, the role's hiring manager, and the people on the interview."""
    if has_role(user, RECRUITER):
        return True
    if has_role(user, HIRING_MANAGER) and interview.application.role.hiring_manager_id == user.pk:
        return True
    return is_participant(user, interview)


def _unrecorded(user):
    return (
        Participant.objects.filter(interviewer=user)
        .exclude(interview__status=Interview.Status.CANCELLED)
        .annotate(
            recorded=_recorded_by(interview=OuterRef("interview"), user=OuterRef("interviewer"))
        )
        .filter(recorded=False)
    )


def anchoring_hidden(user, application) -> bool:
    """True while `user` sits on an interview of this application (not cancelled) and has not
    recorded their scorecard or observation yet: until then they see no Passion Test scores, no
    referrer and no one else's scorecards, so their judgement stays their own."""
    return _unrecorded(user).filter(interview__application=application).exists()


def anchoring_hidden_ids(user, role) -> set[int]:
    """The applications of `role` whose scores `user` may not see yet. One plain query for
    the (usual) viewer who sits on none of the role's interviews; a second one otherwise."""
    on = set(
        Participant.objects.filter(interviewer=user, interview__application__role=role)
        .exclude(interview__status=Interview.Status.CANCELLED)
        .values_list("interview_id", flat=True)
    )
    if not on:
        return set()
    return set(
        _unrecorded(user)
        .filter(interview_id__in=on)
        .values_list("interview__application_id", flat=True)
    )


def anchoring_hidden_anywhere(user) -> set[int]:
    """The applications, of any role, whose scores `user` may not see yet (the API's lists
    span roles). One query."""
    return set(_unrecorded(user).values_list("interview__application_id", flat=True))


def interview_for_page(pk: int, *, viewer) -> Interview | None:
    """The interview as `viewer` may see it: on a role under blind review, anyone but a
    recruiter gets the candidate as "Candidate #id" (and `redact` for free text about them)."""
    interview = (
        Interview.objects.select_related(
            "application__candidate", "application__role__hiring_manager", "created_by"
        )
        .prefetch_related(
            Prefetch("participants", queryset=Participant.objects.select_related("interviewer")),
            "slots",
        )
        .filter(pk=pk)
        .first()
    )
    if interview is not None:
        _blind_for(viewer, interview)
    return interview


def _blind_for(viewer, interview: Interview) -> Interview:
    interview.identity_hidden = identity_hidden_from(viewer, interview.application)
    interview.redact = hide_identity(interview.application) if interview.identity_hidden else str
    return interview


def scorecards_for(interview: Interview) -> list[Scorecard]:
    """Submitted scorecards with their ratings and edit history (no per-row queries); their
    words about the candidate redacted as the page's viewer must read them."""
    scorecards = list(
        Scorecard.objects.filter(interview=interview)
        .select_related("interviewer")
        .prefetch_related(
            "ratings",
            Prefetch("revisions", queryset=ScorecardRevision.objects.select_related("edited_by")),
        )
    )
    redact = getattr(interview, "redact", str)
    for scorecard in scorecards:
        scorecard.summary = redact(scorecard.summary)
        for rating in scorecard.ratings.all():
            rating.evidence = redact(rating.evidence)
    return scorecards


def observations_for(interview: Interview) -> list[Observation]:
    observations = list(Observation.objects.filter(interview=interview).select_related("observer"))
    redact = getattr(interview, "redact", str)
    for observation in observations:
        observation.notes = redact(observation.notes)
    return observations


def interviews_of(user, *, upcoming_only: bool = False, limit: int | None = None):
    """The interviews `user` is on, soonest first (those waiting for a time last), each with
    `recorded` (has the user submitted their scorecard/observation); candidates on a role under
    blind review named as the viewer may see them."""
    interviews = (
        Interview.objects.filter(participants__interviewer=user)
        .select_related("application__candidate", "application__role")
        .annotate(
            recorded=_recorded_by(interview=OuterRef("pk"), user=user),
            people=Count("participants", distinct=True),
        )
        .order_by(F("starts_at").asc(nulls_last=True), "-pk")
    )
    if upcoming_only:
        interviews = interviews.filter(
            Q(status=Interview.Status.OFFERED)
            | Q(status=Interview.Status.SCHEDULED, starts_at__gte=timezone.now())
        )
    return [_blind_for(user, interview) for interview in interviews[:limit]]


def interviews_of_application(application):
    return (
        Interview.objects.filter(application=application)
        .prefetch_related(
            Prefetch("participants", queryset=Participant.objects.select_related("interviewer"))
        )
        .annotate(
            scorecard_count=Count("scorecards", distinct=True),
            observation_count=Count("observations", distinct=True),
        )
        .order_by(F("starts_at").desc(nulls_first=True), "-pk")
    )


def guide_items(guide):
    return GuideQuestion.objects.filter(guide=guide).select_related("question__core_value")


def bank(*, include_retired: bool = False):
    values = (
        CoreValue.objects.all() if include_retired else CoreValue.objects.filter(is_active=True)
    )
    questions = (
        BankQuestion.objects.all()
        if include_retired
        else BankQuestion.objects.filter(is_active=True)
    )
    return values.prefetch_related(Prefetch("questions", queryset=questions.order_by("pk")))


def interviewer_stats():
    """Per interviewer: scorecards, mean and spread of their ratings, and their average gap to
    the other interviewers who rated the same candidates on the same traits (positive: they rate
    higher). One query."""
    others = (
        TraitRating.objects.filter(
            scorecard__interview__application=OuterRef("scorecard__interview__application"),
            trait=OuterRef("trait"),
            rating__isnull=False,
        )
        .exclude(scorecard__interviewer=OuterRef("scorecard__interviewer"))
        .values("trait")
        .annotate(mean=Avg("rating"))
        .values("mean")
    )
    rows = (
        TraitRating.objects.filter(rating__isnull=False)
        .annotate(others_mean=Subquery(others))
        .values(
            "scorecard__interviewer",
            "scorecard__interviewer__first_name",
            "scorecard__interviewer__last_name",
            "scorecard__interviewer__username",
            "scorecard__interviewer__display_name",
        )
        .annotate(
            scorecards=Count("scorecard", distinct=True),
            ratings=Count("pk"),
            mean=Avg("rating"),
            spread=StdDev("rating"),
            gap=Avg(F("rating") - F("others_mean")),
            shared=Count("others_mean"),
        )
        .order_by("-scorecards", "scorecard__interviewer__username")
    )
    return [
        {
            "id": row["scorecard__interviewer"],
            "name": row["scorecard__interviewer__display_name"]
            or " ".join(
                filter(
                    None,
                    [
                        row["scorecard__interviewer__first_name"],
                        row["scorecard__interviewer__last_name"],
                    ],
                )
            )
            or row["scorecard__interviewer__username"],
            "scorecards": row["scorecards"],
            "ratings": row["ratings"],
            "mean": row["mean"],
            "spread": row["spread"],
            "gap": row["gap"],
            "shared": row["shared"],
        }
        for row in rows
    ]
