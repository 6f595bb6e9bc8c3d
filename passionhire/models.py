"""Cross-app records: staff users, the ledger of sent emails that makes every email task
idempotent, the outbox, and the audit trail."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    """A staff member (candidates have no account). A project's own user model from the start,
    as Django's documentation advises, so what belongs to a person lives on their row: how
    colleagues see their name, the time zone every time is shown to them in and the language
    they read the app in."""

    display_name = models.CharField(
        max_length=150, blank=True, help_text="How colleagues see you; your full name if empty."
    )
    time_zone = models.CharField(max_length=64, default="UTC")
    # One of settings.LANGUAGES, or empty to follow the browser (no choices here, so adding a
    # language needs no migration; the Settings form offers only the shipped ones).
    language = models.CharField(max_length=8, blank=True, default="")
    # Kept on the user's row (read by every request anyway) so the navbar's bell costs no query;
    # passionhire.notifications keeps it equal to the unread rows.
    unread_notifications = models.PositiveIntegerField(default=0)
    notification_digest = models.BooleanField(
        default=False, help_text="A daily email of the notifications not read yet."
    )

    def __str__(self) -> str:
        return self.get_display_name()

    def get_display_name(self) -> str:
        return self.display_name or self.get_full_name() or self.get_username()


class SentEmail(models.Model):
    """One row per logical email (its `key`), so a task that runs twice sends it once."""

    key = models.CharField(max_length=200, unique=True)
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.key} -> {self.to}"


class OutboxMessage(models.Model):
    """A task to run, written in the same transaction as the change that calls for it.

    Publishing to the broker happens after commit; if the broker is down the row waits, and the
    relay (a periodic task) publishes it once the broker is back. A published task that has not
    finished after `OUTBOX_REDELIVER_SECONDS` (its message lost with a restarted Redis, say) is
    published again: every task is idempotent, so a second run changes nothing."""

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    # Held back until then (an email that can still be undone); the relay publishes it after.
    not_before = models.DateTimeField(null=True, blank=True)
    # Called off before it was published (an undone rejection): never published.
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # Out of attempts (OUTBOX_MAX_ATTEMPTS): logged at ERROR, listed for recruiters, who may
    # retry it (passionhire.outbox.retry).
    given_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["published_at"],
                condition=models.Q(done_at__isnull=True),
                name="outbox_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.task}{tuple(self.args)}"

    @property
    def task_id(self) -> str:
        return f"outbox-{self.pk}"


class AuditEntry(models.Model):
    """One row per write: who did what, when, to which role or candidate, and the settings
    before and after. Role and candidate are plain ids (no foreign key), so the ground floor
    imports no app and a deleted or erased row keeps its history. `summary` never holds a
    candidate's personal data: ids and aliases only."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the system, a candidate or the retention job acted.",
    )
    action = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)
    target = models.CharField(max_length=100, blank=True)
    role_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    candidate_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    summary = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.target}"

    @property
    def changes(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for every field that differs, nested settings flattened to
        dotted names ("traits.empathy"), in a stable order."""
        before, after = _flatten(self.before), _flatten(self.after)
        return [
            (key, before.get(key), after.get(key))
            for key in sorted(set(before) | set(after))
            if before.get(key) != after.get(key)
        ]


def _flatten(value: dict, prefix: str = "") -> dict:
    flat = {}
    for key, item in (value or {}).items():
        name = f"{prefix}{key}"
        if isinstance(item, dict) and item:
            flat.update(_flatten(item, f"{name}."))
        else:
            flat[name] = item
    return flat


class Notification(models.Model):
    """Something a person should know: mentioned in a note, a slot booked or moved, a scorecard
    in, a referral received, a decision needed, a scorecard to record. The sentence holds ids,
    aliases, role titles and colleagues' names only, never a candidate's personal data, so it
    is safe for its recipient whatever the role's blind review and survives an erasure as is.
    Whether the recipient may still open what it points at is checked when they click.
    `application_id` and `interview_id` are plain ids, like the audit trail's: the ground floor
    imports no app."""

    class Kind(models.TextChoices):
        MENTION = "mention", "Mentioned in a note"
        SLOT_BOOKED = "slot_booked", "Interview booked"
        SLOT_MOVED = "slot_moved", "Interview moved"
        SCORECARD = "scorecard", "Scorecard submitted"
        REFERRAL = "referral", "Referral received"
        DECISION = "decision", "Decision needed"
        NAG = "nag", "Interview to record"
        CHECKIN = "checkin", "Check-in on a hire"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=Kind)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when a candidate (through their link) or the system acted.",
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    application_id = models.PositiveBigIntegerField(null=True, blank=True)
    interview_id = models.PositiveBigIntegerField(null=True, blank=True)
    # One notification per event and recipient, however often the service runs.
    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "-created_at"], name="notification_inbox")]

    def __str__(self) -> str:
        return f"{self.kind} -> {self.recipient_id}"


class EmailTemplate(models.Model):
    """An email's words as the organisation wrote them, for one kind of email
    (passionhire.mailtemplates lists the kinds, their placeholders and default words). The one
    marked default is what that kind sends; a rejection or a message may have more, picked when
    rejecting or writing in bulk. The words hold placeholders only, checked on save: they are
    never rendered by the template engine. A wording may have a version in each shipped
    language: the same kind and name, another `language`; a candidate gets the version in the
    language they applied in (passionhire.mailtemplates.words_for)."""

    kind = models.CharField(max_length=40)
    name = models.CharField(max_length=100)
    language = models.CharField(max_length=8, default="en")
    subject = models.CharField(max_length=200)
    body = models.TextField(max_length=10000)
    is_default = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["kind", "-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language"],
                condition=models.Q(is_default=True),
                name="one_default_email_template_per_kind",
            ),
            models.UniqueConstraint(
                fields=["kind", "name", "language"], name="email_template_name_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {self.name}"
