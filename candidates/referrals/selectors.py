"""Reads for referrals: an employee's own list, the recruiters' inbox, the leaderboard."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Avg, BooleanField, Count, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from ..careers.selectors import published_roles
from ..models import Referral, ReferralExample, ReferrerPreference, Stage
from .share import share_url

User = get_user_model()

REACHED_INTERVIEWS = (
    Stage.INTERVIEWS,
    Stage.TEAM_MEET,
    Stage.DECISION,
    Stage.OFFER,
    Stage.HIRED,
)


def referrals_of(*, user) -> QuerySet[Referral]:
    """The user's own referrals, newest first, with what their list shows (no scores)."""
    return (
        Referral.objects.filter(referrer=user)
        .select_related("role", "application", "credited_to")
        .order_by("-created_at", "-pk")
    )


def referral_of(*, user, referral_id: int) -> Referral | None:
    """One of the user's own referrals with its examples; None for anyone else's."""
    return referrals_of(user=user).prefetch_related("examples").filter(pk=referral_id).first()


def referral_inbox() -> tuple[list[Referral], list[Referral]]:
    """(pending referrals oldest first, the 20 most recently decided), examples loaded."""
    base = Referral.objects.select_related(
        "role", "referrer", "application", "decided_by", "credited_to__referrer"
    ).prefetch_related(Prefetch("examples", queryset=ReferralExample.objects.order_by("pk")))
    pending = list(base.filter(status=Referral.Status.PENDING).order_by("created_at", "pk"))
    decided = list(base.exclude(status=Referral.Status.PENDING).order_by("-created_at")[:20])
    return pending, decided


@dataclass
class LeaderRow:
    user: object
    shown: bool
    referred: int
    accepted: int
    interviewed: int
    hired: int
    mean_composite: float | None
    scored: int  # accepted referrals that have a composite

    @property
    def name(self) -> str:
        return self.user.get_display_name()


def referral_leaderboard(*, with_scores: bool) -> list[LeaderRow]:
    """Per referrer: referred, accepted, reached interviews (or further), hired, and (only
    `with_scores`, for recruiters) the mean composite of their accepted referrals. One query,
    however many referrals.

    Employees never get the mean: any mean over a set that one scored referral joins moves by
    exactly what lets its score be read back, whatever the minimum size."""
    accepted = Q(referrals__status=Referral.Status.ACCEPTED)
    users = (
        User.objects.filter(referrals__isnull=False)
        .annotate(
            n_referred=Count("referrals", distinct=True),
            n_accepted=Count("referrals", filter=accepted, distinct=True),
            n_interviewed=Count(
                "referrals",
                filter=accepted & Q(referrals__application__stage__in=REACHED_INTERVIEWS),
                distinct=True,
            ),
            n_hired=Count(
                "referrals",
                filter=accepted & Q(referrals__application__stage=Stage.HIRED),
                distinct=True,
            ),
            mean_composite=Avg("referrals__application__composite_score", filter=accepted),
            n_scored=Count(
                "referrals",
                filter=accepted & Q(referrals__application__composite_score__isnull=False),
                distinct=True,
            ),
            shown=Coalesce(
                "referrer_preference__show_on_leaderboard", Value(True), output_field=BooleanField()
            ),
        )
        .order_by("-n_hired", "-n_interviewed", "-n_accepted", "-n_referred", "username")
    )
    return [
        LeaderRow(
            user=u,
            shown=u.shown,
            referred=u.n_referred,
            accepted=u.n_accepted,
            interviewed=u.n_interviewed,
            hired=u.n_hired,
            mean_composite=u.mean_composite if with_scores else None,
            scored=u.n_scored if with_scores else 0,
        )
        for u in users
    ]


def leaderboard_shown_to_me(*, user) -> bool:
    shown = (
        ReferrerPreference.objects.filter(user=user)
        .values_list("show_on_leaderboard", flat=True)
        .first()
    )
    return True if shown is None else shown


@dataclass(frozen=True)
class SharedRole:
    role: object
    url: str


def roles_to_share(*, user) -> list[SharedRole]:
    """Every role open on the careers site, with the user's own share link to it (one query).
    Built from the user alone, so the page can only ever show their links."""
    return [
        SharedRole(role=role, url=share_url(user=user, role=role)) for role in published_roles()
    ]
