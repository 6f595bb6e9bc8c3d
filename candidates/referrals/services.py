"""Employees referring people they know; recruiters accepting or declining; referrers kept
informed by email as their referral moves on."""

import contextlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy, gettext_noop

from passionhire import outbox
from passionhire.audit import audit_record
from passionhire.emails import send_email_once, templated_email
from passionhire.people import display_name
from passionhire.traits import Trait, trait_name

from ..models import (
    Application,
    ApplicationEvent,
    Candidate,
    Evidence,
    Referral,
    ReferralExample,
    ReferrerPreference,
    Role,
    Stage,
    is_erased_email,
)
from ..passion_test.services import passion_test_invite
from ..services.contact import ERASED_MESSAGE
from ..services.evidence import evidence_record
from ..services.notices import notify_referral_received
from ..services.pipeline import candidate_add_to_role
from .examples import concrete_hint, is_concrete
from .models import EXAMPLE_MAX_LENGTH

User = get_user_model()

# A referrer's concrete example reads as a 4 on that trait's rubric, and counts a quarter of a
# Passion Test or an interview: a friend's word counts, but less.
REFERRAL_EVIDENCE_VALUE = 75.0
REFERRAL_EVIDENCE_WEIGHT = 0.25

# What the referrer reads for each stage: progress, never scores or notes. English here (the
# referrer's emails use it); pages translate it as they show it.
PUBLIC_STAGE = {
    Stage.APPLIED: gettext_noop("Accepted: in the pipeline"),
    Stage.PASSION_TEST: gettext_noop("Taking the Passion Test"),
    Stage.INTERVIEWS: gettext_noop("Interviewing"),
    Stage.TEAM_MEET: gettext_noop("Meeting the team"),
    Stage.DECISION: gettext_noop("Final decision"),
    Stage.OFFER: gettext_noop("Final decision"),
    Stage.HIRED: gettext_noop("Hired"),
    Stage.REJECTED: gettext_noop("Not taken forward"),
    Stage.WITHDRAWN: gettext_noop("Withdrew from the process"),
}

DECLINE_WORDING = {
    Referral.DeclineReason.NOT_A_MATCH: gettext_lazy(
        "Thank you for referring {name}. After a careful look, the team decided the {role} role "
        "isn't the right match for them right now. Please keep them in mind for future roles."
    ),
    Referral.DeclineReason.ROLE_FILLED: gettext_lazy(
        "Thank you for referring {name}. The {role} role has been filled or put on hold, so we "
        "can't take this referral forward at the moment."
    ),
    Referral.DeclineReason.ALREADY_IN_TOUCH: gettext_lazy(
        "Thank you for referring {name}. We were already in touch with them through another "
        "route, so this referral can't be counted, but we're glad you thought of us."
    ),
    Referral.DeclineReason.OTHER: gettext_lazy(
        "Thank you for referring {name}. The team has decided not to take this referral forward "
        "for the {role} role. We really appreciate you thinking of us."
    ),
}


def public_status(referral: Referral) -> str:
    """The status the referrer sees."""
    if referral.status == Referral.Status.ACCEPTED and referral.application_id:
        return PUBLIC_STAGE[Stage(referral.application.stage)]
    if referral.status == Referral.Status.DUPLICATE:
        # Reads as a referral received: whether the person was already known is not the
        # referrer's to learn (recruiters see it in their inbox).
        return Referral.Status.PENDING.label
    return referral.get_status_display()


def decline_wording(referral: Referral) -> str:
    return DECLINE_WORDING[Referral.DeclineReason(referral.decline_reason)].format(
        name=referral.name, role=referral.role.shown_title
    )


def _per_day() -> int:
    return settings.PASSIONHIRE["REFERRALS_PER_DAY"]


@transaction.atomic
def referral_submit(
    *,
    referrer,
    role: Role,
    name: str,
    email: str,
    relationship: str,
    known_for: str,
    consent_confirmed: bool,
    examples: dict[str, str],
) -> Referral:
    """Record a referral. Refused: a closed role, yourself or a colleague, no consent, no
    example, too many today. The same person already referred for (or in the pipeline of) the
    role is recorded as a duplicate, linked to the referral that keeps the credit."""
    # Lock the referrer so two quick submits cannot both slip under the daily limit.
    User.objects.select_for_update().filter(pk=referrer.pk).first()
    role = Role.objects.select_for_update().get(pk=role.pk)
    if not role.is_open:
        raise ValidationError(
            {
                "role": gettext("“{title}” has just closed; choose another role.").format(
                    title=role.title
                )
            }
        )
    email = BaseUserManager.normalize_email(email.strip())
    if is_erased_email(email):
        raise ValidationError(
            {"email": gettext("Give the address of the person you are referring.")}
        )
    if referrer.email and email.lower() == referrer.email.lower():
        raise ValidationError(
            {"email": gettext("You can't refer yourself; ask a colleague to refer you.")}
        )
    if User.objects.filter(email__iexact=email, is_active=True).exists():
        raise ValidationError(
            {"email": gettext("This person already works here, so they can't be referred.")}
        )
    examples = {
        Trait(t).value: text.strip() for t, text in examples.items() if text and text.strip()
    }
    if not examples:
        raise ValidationError(
            gettext("Give at least one example of them showing one of the six traits.")
        )
    too_long = [
        str(trait_name(t)) for t, text in examples.items() if len(text) > EXAMPLE_MAX_LENGTH
    ]
    if too_long:
        raise ValidationError(
            gettext("Keep each example under {limit} characters ({traits}).").format(
                limit=EXAMPLE_MAX_LENGTH, traits=", ".join(too_long)
            )
        )
    too_short = [str(trait_name(t)) for t, text in examples.items() if not is_concrete(text)]
    if too_short:
        raise ValidationError(
            gettext("Too short to be a concrete example ({traits}). {hint}").format(
                traits=", ".join(too_short), hint=concrete_hint()
            ),
            code="not_concrete",
        )
    # People who applied through the referrer's share link are not typed in: they don't count.
    recent = Referral.objects.filter(
        referrer=referrer, via_link=False, created_at__gte=timezone.now() - timedelta(days=1)
    ).count()
    if recent >= _per_day():
        raise ValidationError(
            gettext(
                "You've made {count} referrals in the last 24 hours, the most we take in a day. "
                "Thank you! Please refer more people tomorrow."
            ).format(count=recent),
            code="rate_limited",
        )
    credited = (
        Referral.objects.filter(
            role=role,
            email__iexact=email,
            status__in=[Referral.Status.PENDING, Referral.Status.ACCEPTED],
        )
        .order_by("created_at", "pk")
        .first()
    )
    existing = Application.objects.filter(role=role, candidate__email__iexact=email).first()
    referral = Referral(
        referrer=referrer,
        role=role,
        name=name.strip(),
        email=email,
        relationship=relationship,
        known_for=known_for,
        consent_confirmed=consent_confirmed,
        status=Referral.Status.DUPLICATE if credited or existing else Referral.Status.PENDING,
        credited_to=credited,
        application=existing or (credited.application if credited else None),
    )
    referral.full_clean()
    referral.save()
    ReferralExample.objects.bulk_create(
        ReferralExample(referral=referral, trait=trait, text=text)
        for trait, text in examples.items()
    )
    audit_record(
        actor=referrer,
        action="referral.submit",
        target=f"referral:{referral.pk}",
        role_id=role.pk,
        candidate_id=referral.application.candidate_id if referral.application_id else None,
        after={"status": referral.status},
        summary=f"Referral #{referral.pk} submitted for role #{role.pk}",
    )
    notify_referral_received(referral)
    # The referrer's receipt, the same for a duplicate: no email's absence tells them either.
    outbox.enqueue("candidates.tasks.send_referral_update_task", referral.pk)
    return referral


def _lock_pending(referral: Referral) -> Referral:
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("role", "referrer")
        .get(pk=referral.pk)
    )
    if referral.status != Referral.Status.PENDING:
        raise ValidationError(
            gettext("This referral was already {status}.").format(
                status=gettext(referral.get_status_display()).lower()
            ),
            code="decided",
        )
    return referral


@transaction.atomic
def referral_accept(*, referral: Referral, accepted_by) -> Referral:
    """Put the referred person in the role's pipeline (source: referral), add the referrer's
    examples as low-weight evidence, send the Passion Test, and tell the referrer. Refused for a
    referral of a candidate since erased: it would bring their erased record back to life."""
    referral = _lock_pending(referral)
    if is_erased_email(referral.email):
        raise ValidationError(ERASED_MESSAGE, code="erased")
    try:
        application = candidate_add_to_role(
            added_by=accepted_by,
            role=referral.role,
            name=referral.name,
            email=referral.email,
            source=Candidate.Source.REFERRAL,
            consent_to_contact=referral.consent_confirmed,
            consent_source=(
                f"Confirmed by the referrer, {display_name(referral.referrer)}, on referral "
                f"#{referral.pk} ({referral.created_at:%d %b %Y})"
            ),
        ).application
    except ValidationError as error:
        if getattr(error, "code", None) != "duplicate_application":
            raise
        # Someone added them to the role since the referral came in: link to that application.
        application = Application.objects.get(
            role=referral.role, candidate__email__iexact=referral.email
        )
    referral.status = Referral.Status.ACCEPTED
    referral.application = application
    referral.decided_by = accepted_by
    referral.decided_at = timezone.now()
    referral.save(update_fields=["status", "application", "decided_by", "decided_at"])
    referrer_name = referral.referrer.get_display_name()
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.NOTE,
        actor=accepted_by,
        message=f"Referred by {referrer_name}",
    )
    audit_record(
        actor=accepted_by,
        action="referral.accept",
        target=f"referral:{referral.pk}",
        role_id=referral.role_id,
        candidate_id=application.candidate_id,
        before={"status": Referral.Status.PENDING.value},
        after={"status": referral.status, "application": application.pk},
        summary=f"Referral #{referral.pk} accepted: application #{application.pk}",
    )
    evidence_record(
        application_id=application.pk,
        source=Evidence.Source.REFERRAL,
        origin=f"referral:{referral.pk}",
        author=referral.referrer,
        values={
            example.trait: (
                REFERRAL_EVIDENCE_VALUE,
                REFERRAL_EVIDENCE_WEIGHT,
                f"Referral example from {referrer_name}",
            )
            for example in referral.examples.all()
        },
    )
    with contextlib.suppress(ValidationError):  # already taken, or closed: nothing to send
        passion_test_invite(application=application, invited_by=accepted_by)
    outbox.enqueue("candidates.tasks.send_referral_update_task", referral.pk)
    return referral


@transaction.atomic
def referral_decline(*, referral: Referral, declined_by, reason: str, note: str = "") -> Referral:
    """Decline with a reason (the referrer sees a kind wording) and an optional note. A referral
    of an erased candidate can be declined, but without a note: nothing new about them."""
    referral = _lock_pending(referral)
    if note.strip() and is_erased_email(referral.email):
        raise ValidationError({"decline_note": ERASED_MESSAGE})
    if reason not in Referral.DeclineReason.values:
        raise ValidationError({"decline_reason": gettext("Choose a reason.")})
    referral.status = Referral.Status.DECLINED
    referral.decline_reason = reason
    referral.decline_note = note.strip()[:500]
    referral.decided_by = declined_by
    referral.decided_at = timezone.now()
    referral.save()
    audit_record(
        actor=declined_by,
        action="referral.decline",
        target=f"referral:{referral.pk}",
        role_id=referral.role_id,
        before={"status": Referral.Status.PENDING.value},
        after={"status": referral.status, "reason": reason},
        summary=f"Referral #{referral.pk} declined ({referral.get_decline_reason_display()})",
    )
    outbox.enqueue("candidates.tasks.send_referral_update_task", referral.pk)
    return referral


def referral_send_update(*, referral_id: int) -> bool:
    """Email the referrer the referral's current status, once per status. Returns True if
    this call sent it."""
    referral = (
        Referral.objects.select_related("referrer", "role", "application")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None or not referral.referrer.email:
        return False
    if referral.status == Referral.Status.ACCEPTED:
        state = f"stage:{referral.application.stage}"
    elif referral.status == Referral.Status.DECLINED:
        state = "declined"
    elif referral.status in (Referral.Status.PENDING, Referral.Status.DUPLICATE):
        state = "received"
    else:
        return False
    language = referral.referrer.language  # the colleague's own choice, as on their pages
    with translation.override(language):
        wording = decline_wording(referral) if referral.decline_reason else ""
    context = {
        "referral": referral,
        "status": public_status(referral),  # English; worded in the email's language
        "declined": referral.status == Referral.Status.DECLINED,
        "wording": wording,
        "url": settings.PASSIONHIRE["SITE_URL"] + referral.get_absolute_url(),
    }
    message = templated_email(
        template="candidates/emails/referral_update",
        context=context,
        to=[referral.referrer.email],
        language=language,
    )
    return send_email_once(key=f"referral:{referral.pk}:{state}", message=message)


def referrals_notify_stage(*, application_id: int) -> int:
    """After an application moved stage: update each referrer credited with it."""
    sent = 0
    for referral_id in Referral.objects.filter(
        application_id=application_id, status=Referral.Status.ACCEPTED
    ).values_list("pk", flat=True):
        sent += referral_send_update(referral_id=referral_id)
    return sent


@transaction.atomic
def referrer_set_visibility(*, user, show: bool) -> ReferrerPreference:
    before = (
        ReferrerPreference.objects.filter(user=user)
        .values_list("show_on_leaderboard", flat=True)
        .first()
    )
    preference, _ = ReferrerPreference.objects.update_or_create(
        user=user, defaults={"show_on_leaderboard": show}
    )
    audit_record(
        actor=user,
        action="referral.visibility",
        target=f"user:{user.pk}",
        before={"show_on_leaderboard": before} if before is not None else {},
        after={"show_on_leaderboard": show},
        summary=f"Leaderboard visibility {'on' if show else 'off'}",
    )
    return preference
