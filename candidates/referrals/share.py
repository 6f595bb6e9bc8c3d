"""Employees' personal share links: a link to a role's careers page that credits the employee
who shared it, as an accepted referral, when someone applies through it.

A token is [user pk, role pk] signed with its own salt: the same link every time (it can be
printed on a poster), no expiry, and nothing stored. It stops crediting anyone when the
employee leaves or may no longer refer, and it is good for its own role only. Reading a token
never raises: a tampered link still shows the role and the application still arrives,
credited to nobody.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from passionhire import outbox
from passionhire.audit import audit_record
from passionhire.params import parse_id
from passionhire.permissions import can_refer
from passionhire.signed_links import MAX_TOKEN_LENGTH

from ..models import Application, ApplicationEvent, Referral, Role, is_erased_email

User = get_user_model()

SHARE_SALT = "passionhire.referrals.share"
# Where a share link tells the careers site (and its analytics) an applicant came from.
SHARE_UTM = {"utm_source": "employee_share", "utm_medium": "referral"}


def _signer() -> signing.Signer:
    return signing.Signer(salt=SHARE_SALT)


def share_token(*, user, role) -> str:
    """The user's token for the role: signed [user pk, role pk], the same on every call."""
    return _signer().sign_object([user.pk, role.pk])


def share_url(*, user, role) -> str:
    """The user's personal, absolute link to the role's careers page."""
    query = urlencode({"ref": share_token(user=user, role=role), **SHARE_UTM})
    path = reverse("careers:role", args=[role.pk])
    return f"{settings.PASSIONHIRE['SITE_URL']}{path}?{query}"


def referrer_from_share_token(token: str | None, *, role) -> User | None:
    """The employee to credit for an application to `role` that came with `token`, or None:
    for no token, a tampered or overlong one, a token of another role, or an employee who has
    left or may no longer refer. Never raises."""
    if not token or not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        payload = _signer().unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        return None
    match payload:
        case [int() as user_pk, int() as role_pk] if parse_id(user_pk) and parse_id(role_pk):
            pass
        case _:
            return None
    if role_pk != role.pk:
        return None
    user = User.objects.filter(pk=user_pk, is_active=True).first()
    return user if user is not None and can_refer(user) else None


@transaction.atomic
def referral_credit_from_link(*, application: Application, referrer) -> Referral | None:
    """Credit `referrer` with `application`, which its candidate made through the referrer's
    share link. Call inside the apply transaction, after the application exists.

    The referral is accepted at once (the candidate applied and consented themselves), linked
    to the application, with the candidate's name and email and nothing the referrer would
    have typed (no relationship, no examples, so no evidence). The duplicate rules of typed
    referrals hold: if the person already has a pending or accepted referral for the role, by
    anyone, the first keeps the credit and this one is recorded as a duplicate of it.

    None (nothing recorded) for no referrer, one who has left or may no longer refer, and for a
    candidate who is an employee (referrer included) or erased. Calling it again for the same
    application and referrer returns the referral already recorded."""
    if referrer is None or not referrer.is_active or not can_refer(referrer):
        return None
    candidate = application.candidate
    if is_erased_email(candidate.email):
        return None
    if User.objects.filter(email__iexact=candidate.email, is_active=True).exists():
        return None  # yourself, or a colleague: employees are not referred
    # The lock referral_submit takes: of two referrals arriving at once, one is first.
    role = Role.objects.select_for_update().get(pk=application.role_id)
    earlier = list(
        Referral.objects.filter(role=role, email__iexact=candidate.email)
        .exclude(status=Referral.Status.DECLINED)
        .select_related("referrer")
        .order_by("created_at", "pk")
    )
    for referral in earlier:
        if referral.via_link and (referral.referrer_id, referral.application_id) == (
            referrer.pk,
            application.pk,
        ):
            return referral
    credited = next(
        (r for r in earlier if r.status in (Referral.Status.PENDING, Referral.Status.ACCEPTED)),
        None,
    )
    referral = Referral(
        referrer=referrer,
        role=role,
        name=candidate.name,
        email=candidate.email,
        via_link=True,
        consent_confirmed=True,
        status=Referral.Status.DUPLICATE if credited else Referral.Status.ACCEPTED,
        credited_to=credited,
        application=application,
        decided_at=None if credited else timezone.now(),
    )
    referral.full_clean()
    referral.save()
    referrer_name = referrer.get_display_name()
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.NOTE,
        actor=None,
        message=f"Applied through the share link of {referrer_name}"
        + (f" (first referred by {credited.referrer.get_display_name()})" if credited else ""),
    )
    audit_record(
        actor=None,  # the candidate, applying without an account
        action="referral.link",
        target=f"referral:{referral.pk}",
        role_id=role.pk,
        candidate_id=candidate.pk,
        after={
            "status": referral.status,
            "referrer": referrer.pk,
            "application": application.pk,
            "credited_to": credited.pk if credited else None,
        },
        summary=f"Referral #{referral.pk} from the share link of user #{referrer.pk}: "
        f"application #{application.pk}",
    )
    # The same receipt a typed referral gets; then the stage emails, as for any accepted one.
    outbox.enqueue("candidates.tasks.send_referral_update_task", referral.pk)
    return referral
