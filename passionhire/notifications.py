"""In-app notifications and their daily email digest: written by the service of the event, in
its transaction, so a notification exists exactly when its event does.

The unread count lives on the recipient's row (`User.unread_notifications`) and moves with
every write here, so the navbar's bell reads it from the user the request already loaded.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from . import outbox
from .emails import send_email_once, templated_email
from .models import Notification

Kind = Notification.Kind
DIGEST_LIMIT = 50


def notify(
    *,
    recipients: Iterable,
    kind: str,
    key: str,
    text: str,
    url: str,
    actor=None,
    application_id: int | None = None,
    interview_id: int | None = None,
) -> int:
    """One notification per recipient (users or ids), keyed `<key>:user-<id>` so a service
    that runs twice notifies once. Nobody is told of their own action. Call inside the event's
    transaction. `text` must hold nothing the recipients may not see: no candidate's name,
    email or words (an alias such as "Candidate #12" and the role's title are fine)."""
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    ids = sorted({getattr(r, "pk", r) for r in recipients if r is not None} - {actor_id})
    if not ids:
        return 0
    now = timezone.now()
    keys = {f"{key}:user-{pk}": pk for pk in ids}
    existing = set(Notification.objects.filter(key__in=keys).values_list("key", flat=True))
    rows = [
        Notification(
            recipient_id=pk,
            kind=kind,
            key=k,
            text=text[:300],
            url=url,
            actor_id=actor_id,
            application_id=application_id,
            interview_id=interview_id,
            created_at=now,
        )
        for k, pk in keys.items()
        if k not in existing
    ]
    # A racing twin with the same key is skipped by the constraint, not an error.
    created = Notification.objects.bulk_create(rows, ignore_conflicts=True)
    fresh = [n.recipient_id for n in created]
    if fresh:
        get_user_model().objects.filter(pk__in=fresh).update(
            unread_notifications=F("unread_notifications") + 1
        )
    return len(fresh)


@transaction.atomic
def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications read (all of them when `ids` is None). Returns how many."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    count = unread.update(read_at=timezone.now())
    if count:
        get_user_model().objects.filter(pk=user.pk).update(
            unread_notifications=Greatest(F("unread_notifications") - count, Value(0))
        )
        user.unread_notifications = max(user.unread_notifications - count, 0)
    return count


@transaction.atomic
def user_set_notification_digest(*, user, on: bool) -> None:
    from .audit import audit_record

    before = user.notification_digest
    get_user_model().objects.filter(pk=user.pk).update(notification_digest=on)
    user.notification_digest = on
    audit_record(
        actor=user,
        action="user.notification_digest",
        target=f"user:{user.pk}",
        before={"notification_digest": before},
        after={"notification_digest": on},
        summary="Daily digest of notifications " + ("on" if on else "off"),
    )


def notification_digests_enqueue(*, now=None) -> int:
    """The daily beat: one digest task per user who asked for it and has something unread
    from the last day (through the outbox, like every other email)."""
    now = now or timezone.now()
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            notification_digest=True,
            notifications__read_at__isnull=True,
            notifications__created_at__gte=now - timedelta(days=1),
        )
        .distinct()
        .values_list("pk", flat=True)
    )
    day = now.date().isoformat()
    with transaction.atomic():
        for pk in users:
            outbox.enqueue("passionhire.tasks.send_notification_digest_task", pk, day)
    return len(users)


def notification_digest_send(*, user_id: int, day: str) -> bool:
    """Email the user their unread notifications (the newest DIGEST_LIMIT), once per day (the
    ledger's key). Nothing is sent when they turned the digest off or read everything."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.notification_digest or not user.email:
        return False
    date.fromisoformat(day)  # a malformed day is an error here, never a key
    unread = list(
        Notification.objects.filter(recipient=user, read_at__isnull=True).select_related("actor")[
            :DIGEST_LIMIT
        ]
    )
    if not unread:
        return False
    site = settings.PASSIONHIRE["SITE_URL"]
    message = templated_email(
        template="emails/notification_digest",
        context={
            "user": user,
            "notifications": unread,
            "site": site,
            "organisation": settings.PASSIONHIRE["ORGANISATION_NAME"],
        },
        to=[user.email],
        language=user.language,  # "as my browser asks" falls back to English: no browser here
    )
    return send_email_once(key=f"notifications:digest:user-{user.pk}:{day}", message=message)
