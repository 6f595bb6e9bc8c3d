"""The validity loop's writes: opening the check-ins that are due (with the hire's scores
kept beside them), sending their links, recording the hiring manager's answers, withdrawing a
check-in whose hire was erased, and applying suggested source weights to a role."""

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Subquery, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from candidates.models import Application, Evidence, Role, Stage, StageChange
from candidates.services import shortlist as shortlist_services
from passionhire import outbox, signed_links
from passionhire.audit import audit_record
from passionhire.emails import send_email_once, templated_email
from passionhire.models import Notification
from passionhire.notifications import notify
from passionhire.traits import Trait

from .models import COMBINED, OVERALL, CheckIn, CheckInScore

TOKEN_SALT = "passionhire.checkin"
SEND_TASK = "hiring.tasks.send_checkin_request_task"


def checkin_token(checkin: CheckIn) -> str:
    return signed_links.sign(salt=TOKEN_SALT, pk=checkin.pk, nonce=checkin.nonce)


def checkin_url(checkin: CheckIn) -> str:
    return settings.PASSIONHIRE["SITE_URL"] + reverse(
        "hiring:checkin", kwargs={"token": checkin_token(checkin)}
    )


def _hired_at():
    """When each application last moved to Hired, from its stage history."""
    return Subquery(
        StageChange.objects.filter(application=OuterRef("pk"), to_stage=Stage.HIRED)
        .order_by("-changed_at")
        .values("changed_at")[:1]
    )


def _due_hires(now: datetime):
    """Hires of CHECKIN_AFTER_DAYS ago or more (but not so long ago that the link would have
    run out), not erased, with no check-in yet."""
    after = timedelta(days=settings.PASSIONHIRE["CHECKIN_AFTER_DAYS"])
    window = timedelta(days=settings.PASSIONHIRE["CHECKIN_LINK_DAYS"])
    taken = CheckIn.objects.filter(application=OuterRef("pk"))
    return (
        Application.objects.filter(stage=Stage.HIRED, candidate__erased_at__isnull=True)
        .annotate(hired_on=_hired_at())
        .filter(hired_on__lte=now - after, hired_on__gt=now - after - window)
        .exclude(pk__in=Subquery(taken.values("application")))
        .select_related("role")
        .order_by("pk")
    )


def scores_at_hire(applications: list[Application]) -> dict[int, list[tuple[str, str, float]]]:
    """{application: [(source, trait, value)]}: each source's mean on each trait (its rows
    weighted as the ranking weighs them, before any source weight or pull), each source's mean
    over the traits it has, and the stored trait scores and rank score (COMBINED). One query."""
    ids = [a.pk for a in applications]
    sums = (
        Evidence.objects.filter(application_id__in=ids, weight__gt=0)
        .values_list("application_id", "source", "trait")
        .annotate(weighted=Sum(F("weight") * F("value")), weight_sum=Sum("weight"))
        .order_by()
    )
    means: dict[int, dict[str, dict[str, float]]] = {}
    for application_id, source, trait, weighted, weight in sums:
        means.setdefault(application_id, {}).setdefault(source, {})[trait] = weighted / weight
    out = {}
    for application in applications:
        rows = []
        for source, traits in means.get(application.pk, {}).items():
            rows += [(source, trait, round(value, 2)) for trait, value in traits.items()]
            rows.append((source, OVERALL, round(sum(traits.values()) / len(traits), 2)))
        for trait in Trait:
            value = getattr(application, f"score_{trait.value}")
            if value is not None:
                rows.append((COMBINED, trait.value, value))
        if application.rank_score is not None:
            rows.append((COMBINED, OVERALL, application.rank_score))
        out[application.pk] = rows
    return out


def checkin_scores_keep(checkins: list[CheckIn], hires: list[Application]) -> None:
    """Keep each hire's scores at hire beside its check-in (one read, one insert)."""
    scores = scores_at_hire(hires)
    CheckInScore.objects.bulk_create(
        CheckInScore(checkin=checkin, source=source, trait=trait, value=value)
        for checkin in checkins
        for source, trait, value in scores[checkin.application_id]
    )


@transaction.atomic
def checkins_open_due(*, now: datetime | None = None) -> int:
    """Open a check-in for every hire that is due, each asked of its role's hiring manager,
    and queue the emails (outbox). Running it again opens nothing twice (one check-in per
    application, by constraint). Returns how many were opened."""
    now = now or timezone.now()
    hires = list(_due_hires(now).select_for_update(of=("self",)))
    if not hires:
        return 0
    expires = now + timedelta(days=settings.PASSIONHIRE["CHECKIN_LINK_DAYS"])
    checkins = CheckIn.objects.bulk_create(
        CheckIn(
            application=hire,
            manager_id=hire.role.hiring_manager_id,
            hired_at=hire.hired_on,
            expires_at=expires,
            nonce=secrets.token_hex(16),
        )
        for hire in hires
    )
    checkin_scores_keep(checkins, hires)
    for checkin in checkins:
        outbox.enqueue(SEND_TASK, checkin.pk)
    audit_record(
        actor=None,
        action="checkin.open",
        target="checkins",
        after={"applications": [c.application_id for c in checkins]},
        summary=f"{len(checkins)} check-in{'s' if len(checkins) != 1 else ''} on hires opened",
    )
    return len(checkins)


def checkin_request_send(*, checkin_id: int) -> bool:
    """Email the hiring manager the check-in link (once: the email ledger) and put it in
    their notifications. Nothing for a check-in already answered or withdrawn."""
    checkin = (
        CheckIn.objects.select_related("application__role", "manager")
        .filter(pk=checkin_id, completed_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if checkin is None or not checkin.manager.is_active:
        return False
    application = checkin.application
    what = f"{application.alias} ({application.role.title})"
    url = checkin_url(checkin)
    with transaction.atomic():
        notify(
            recipients=[checkin.manager],
            kind=Notification.Kind.CHECKIN,
            key=f"checkin-{checkin.pk}",
            text=f"How is your hire {what} doing? A check-in is waiting",
            url=url.removeprefix(settings.PASSIONHIRE["SITE_URL"]),
            application_id=application.pk,
        )
    if not checkin.manager.email:
        return False
    message = templated_email(
        template="hiring/emails/checkin_request",
        context={
            "name": checkin.manager.get_display_name(),
            "what": what,
            "days": settings.PASSIONHIRE["CHECKIN_AFTER_DAYS"],
            "url": url,
            "expires": checkin.expires_at,
            "organisation": settings.PASSIONHIRE["ORGANISATION_NAME"],
        },
        to=[checkin.manager.email],
        language=checkin.manager.language,  # "as my browser asks": English
    )
    return send_email_once(key=f"checkin:{checkin.pk}:{checkin.nonce}", message=message)


@transaction.atomic
def checkin_record(*, checkin: CheckIn, by, answers: dict) -> CheckIn:
    """Record the hiring manager's answers, once. `answers` holds still_employed, performance
    and rating_<trait> for every trait (the form checked them; the database checks again)."""
    checkin = CheckIn.objects.select_for_update().get(pk=checkin.pk)
    if checkin.completed_at is not None:
        raise ValidationError(gettext("This check-in was already recorded."), code="done")
    if checkin.revoked_at is not None:
        raise ValidationError(gettext("This check-in was withdrawn."), code="revoked")
    if checkin.manager_id != by.pk:
        raise ValidationError(
            gettext("This check-in was asked of someone else."), code="someone_else"
        )
    fields = ["still_employed", "performance", *(f"rating_{t.value}" for t in Trait)]
    for name in fields:
        setattr(checkin, name, answers[name])
    checkin.completed_at = timezone.now()
    checkin.save(update_fields=[*fields, "completed_at"])
    audit_record(
        actor=by,
        action="checkin.record",
        target=f"application:{checkin.application_id}",
        after={name: answers[name] for name in fields},
        summary=f"Check-in on {checkin.application.alias} recorded",
    )
    return checkin


def checkin_export(application_id: int) -> dict | None:
    """The hiring manager's check-in on this hire, for the person's own data download."""
    checkin = CheckIn.objects.filter(application_id=application_id).first()
    if checkin is None:
        return None
    answered = checkin.completed_at is not None
    return {
        "hired_at": checkin.hired_at.isoformat(),
        "asked_at": checkin.created_at.isoformat(),
        "answered_at": checkin.completed_at.isoformat() if answered else None,
        "still_employed": checkin.still_employed,
        "overall_performance": checkin.performance,
        "ratings": {t.value: checkin.rating(t) for t in Trait} if answered else {},
    }


def checkins_withdraw_erased(application_ids: list[int], now: datetime) -> int:
    """An erasure withdraws the hire's check-ins not yet answered (a new nonce kills the
    link); answered ones keep their numbers. Inside the erasure's transaction."""
    return CheckIn.objects.filter(
        application_id__in=application_ids, completed_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now, nonce=secrets.token_hex(16))


def suggestion_apply(
    *, role: Role, by, source_weights: dict[str, int]
) -> shortlist_services.Reranked:
    """Give `role` the suggested source weights through the weights and re-rank path (its
    trait weights stay), audited there as any weight change is."""
    return shortlist_services.role_set_weights(
        role=role,
        changed_by=by,
        trait_weights={t.value: w for t, w in role.weights.items()},
        source_weights=source_weights,
    )
