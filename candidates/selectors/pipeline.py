"""Reads that feed pages: roles with pipeline counts, a role's applications, candidate search."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils.translation import gettext_lazy

from passionhire.phones import phone_to_e164

from ..models import (
    ACTIVE_STAGES,
    Application,
    Candidate,
    PassionTestInvitation,
    PassionTestResponse,
    Referral,
    Role,
    Stage,
)

# The role page's filter for applications whose Passion Test waits for "Review the test".
TEST_REVIEW = "test_review"
TEST_REVIEW_LABEL = gettext_lazy("Review the test")
# Applications a knock-out answer ruled out, waiting apart for a recruiter to confirm or keep.
KNOCKED_OUT = "knocked_out"
KNOCKED_OUT_LABEL = gettext_lazy("Knocked out")
WAITING_KNOCKED_OUT = Q(knocked_out_at__isnull=False, stage=Stage.APPLIED)


def _pending_reviews():
    return PassionTestResponse.objects.filter(
        review=PassionTestResponse.Review.PENDING, application__stage__in=ACTIVE_STAGES
    )


@dataclass(frozen=True)
class StageCount:
    stage: Stage
    count: int


def _with_stage_counts(roles: QuerySet[Role]) -> list[Role]:
    """Annotate each role with one count per stage, all in the same query, and attach them
    as `role.pipeline` (a list of StageCount in pipeline order) and `role.active_count`, and
    `role.test_review_count`: its active applications whose test waits for a review."""
    waiting = Q(applications__knocked_out_at__isnull=False, applications__stage=Stage.APPLIED)
    annotations = {
        f"n_{stage.value}": Count("applications", filter=Q(applications__stage=stage) & ~waiting)
        for stage in Stage
    }
    annotations["n_knocked_out"] = Count("applications", filter=waiting)
    # The reviews waiting, as a subquery: a join would multiply the stage counts. Bare, not
    # in Coalesce: Django groups by any wrapped expression, and PostgreSQL then ran the
    # subquery once per application of the role (minutes at 100,000); grouped by the role's
    # id it runs once per role.
    reviews = (
        _pending_reviews()
        .filter(application__role=OuterRef("pk"))
        .order_by()
        .values("application__role")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    annotations["n_test_review"] = Subquery(reviews)
    rows = list(roles.select_related("hiring_manager").annotate(**annotations))
    for role in rows:
        role.test_review_count = role.n_test_review or 0
        role.knocked_out_count = role.n_knocked_out
        role.pipeline = [StageCount(stage, getattr(role, f"n_{stage.value}")) for stage in Stage]
        role.active_count = sum(c.count for c in role.pipeline if c.stage in ACTIVE_STAGES)
        role.total_count = sum(c.count for c in role.pipeline)
    return rows


def roles_with_pipeline(*, status: str | None = Role.Status.OPEN) -> list[Role]:
    roles = Role.objects.all()
    if status:
        roles = roles.filter(status=status)
    return _with_stage_counts(roles)


def roles_managed_by(*, user) -> list[Role]:
    """A hiring manager's roles, open ones first."""
    return _with_stage_counts(Role.objects.filter(hiring_manager=user).order_by("status", "title"))


def role_with_pipeline(*, role_id: int) -> Role | None:
    """One role with its stage counts, or None if there is no such role."""
    rows = _with_stage_counts(Role.objects.filter(pk=role_id))
    return rows[0] if rows else None


def open_roles() -> QuerySet[Role]:
    """The roles that can receive candidates, as a queryset for a form's choice field."""
    return Role.objects.filter(status=Role.Status.OPEN)


def pipeline_totals(roles: list[Role]) -> list[StageCount]:
    """Per-stage totals over roles already annotated by `_with_stage_counts`."""
    return [
        StageCount(stage, sum(role.pipeline[i].count for role in roles))
        for i, stage in enumerate(Stage)
    ]


def test_reviews_waiting(roles: list[Role]) -> int:
    """Over roles already annotated by `_with_stage_counts`."""
    return sum(role.test_review_count for role in roles)


def _link_referrals() -> QuerySet[Referral]:
    return Referral.objects.filter(via_link=True, status=Referral.Status.ACCEPTED).select_related(
        "referrer"
    )


def link_referrer_name(application: Application) -> str:
    """Whose share link the application came by ("" if none or they are gone), from the
    `link_referrals` that `applications_for_role` prefetches. Who referred a candidate is
    hidden where the viewer's own judgement must come first: callers decide whether to show."""
    referrals = getattr(application, "link_referrals", None)
    if referrals is None:
        referrals = list(_link_referrals().filter(application=application))
    return referrals[0].referrer.get_display_name() if referrals else ""


def applications_for_role(
    *, role: Role, stage: str | None = None, tag: str = "", hidden=frozenset()
) -> QuerySet[Application]:
    """A role's applications, newest stage change first, each with `live_invitations` (its
    Passion Test link that is not withdrawn, with the response, as a list of 0 or 1) and its
    candidate's tags. `stage` is a stage, TEST_REVIEW (those whose test waits for a review) or
    KNOCKED_OUT (those a knock-out answer ruled out, which every other view leaves out until
    a recruiter confirms or keeps them). `tag` keeps those whose candidate carries it, never
    one of `hidden` (applications whose tags the viewer may not see)."""
    live = PassionTestInvitation.objects.filter(revoked_at__isnull=True).select_related("response")
    applications = (
        Application.objects.filter(role=role)
        .select_related("candidate")
        .prefetch_related(
            Prefetch("passion_test_invitations", queryset=live, to_attr="live_invitations"),
            Prefetch("referrals", queryset=_link_referrals(), to_attr="link_referrals"),
            "candidate__tags",
        )
    )
    if tag:
        applications = applications.filter(candidate__tagged__tag__name__iexact=tag).exclude(
            pk__in=hidden
        )
    if stage == KNOCKED_OUT:
        return applications.filter(WAITING_KNOCKED_OUT).order_by("-created_at", "-pk")
    applications = applications.exclude(WAITING_KNOCKED_OUT)
    if stage == TEST_REVIEW:
        applications = applications.filter(
            Exists(_pending_reviews().filter(application=OuterRef("pk")))
        )
    elif stage:
        applications = applications.filter(stage=stage)
    return applications.order_by("-stage_changed_at", "-pk")


PHONE_QUERY = re.compile(r"^[0-9 ()+./-]+$")
PHONE_QUERY_MIN_DIGITS = 4


def _phone_match(query: str) -> Q:
    """A query typed as a phone number matches the E.164 number it stands for (020 7946 0958
    in the default region finds +442079460958) and any stored number containing its digits
    without the leading zeros of a trunk or international prefix (07700 900123 and
    0044 7700 900123 find +447700900123 even where the number is not a valid one)."""
    digits = re.sub(r"[^0-9]", "", query).lstrip("0")
    if not PHONE_QUERY.match(query) or len(digits) < PHONE_QUERY_MIN_DIGITS:
        return Q(pk__in=[])
    match = Q(phone__contains=digits)
    try:
        e164 = phone_to_e164(query)
    except ValidationError:
        return match
    return match | Q(phone=e164)


def candidates_matching(*, query: str = "") -> QuerySet[Candidate]:
    """Candidates whose name, email or phone matches, each with `applications` (newest
    first, with their roles) so a result lists every role and stage and opens each one."""
    applications = Application.objects.select_related("role").order_by("-created_at", "-pk")
    candidates = Candidate.objects.prefetch_related(Prefetch("applications", queryset=applications))
    query = " ".join(query.split())
    if query:
        candidates = candidates.filter(
            Q(name__icontains=query) | Q(email__icontains=query) | _phone_match(query)
        )
    return candidates.order_by("name", "pk")
