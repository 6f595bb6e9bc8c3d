"""Sending email exactly once per logical message, whoever calls and however often."""

import hashlib
import logging
import unicodedata

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import SentEmail

logger = logging.getLogger(__name__)


class EmailRateLimited(Exception):
    """More emails this minute than EMAIL_PER_MINUTE: send this one in `retry_in` seconds."""

    def __init__(self, retry_in: int):
        super().__init__(f"email rate limit reached; next slot in {retry_in} s")
        self.retry_in = retry_in


def take_email_slot(now: float | None = None) -> None:
    """Count one email against this minute's allowance in the shared cache, or raise
    EmailRateLimited. Tasks run in-process (no broker) are not limited: there is no queue
    to wait in."""
    limit = settings.PASSIONHIRE["EMAIL_PER_MINUTE"]
    if not limit or settings.CELERY_TASK_ALWAYS_EAGER:
        return
    now = timezone.now().timestamp() if now is None else now
    minute = int(now // 60)
    key = f"email-rate:{minute}"
    cache.add(key, 0, timeout=120)
    if cache.incr(key) > limit:
        raise EmailRateLimited(retry_in=60 * (minute + 1) - int(now) + 1)


def send_email_once(*, key: str, message: EmailMessage) -> bool:
    """Send `message` unless an email with `key` was already sent. Returns True if it sent.

    The ledger row is written in the same transaction as the send, under a row lock taken by the
    insert, so two workers racing on one key send one email; if SMTP fails, the transaction rolls
    back and a retry sends it.
    """
    if SentEmail.objects.filter(key=key).exists():
        return False
    take_email_slot()
    # One Message-ID per logical email: should a copy ever slip through (SMTP accepted it but
    # the ledger row was lost with a killed worker), mail clients show it once.
    message.extra_headers.setdefault("Message-ID", message_id(key))
    try:
        with transaction.atomic():
            # The insert takes the unique-key lock first: a concurrent sender blocks here, then
            # fails with IntegrityError once we commit.
            SentEmail.objects.create(
                key=key,
                to=", ".join(message.to),
                subject=message.subject[:300],
                sent_at=timezone.now(),
            )
            message.send(fail_silently=False)
    except IntegrityError:
        logger.info("email %s already sent by another worker", key)
        return False
    return True


def message_id(key: str) -> str:
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:32]}@passionhire.local>"


def one_line(text: str) -> str:
    """`text` as one header-safe line: every run of whitespace and control characters (line
    breaks, tabs, NUL, line and paragraph separators) becomes a single space."""
    spaced = "".join(
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char for char in text
    )
    return " ".join(spaced.split())


def templated_email(
    *, template: str, context: dict, to: list[str], language: str | None = None
) -> EmailMessage:
    """An email from `<template>_subject.txt` and `<template>.txt` (both rendered with
    `context`). The subject is made one line whatever a name or title in it holds, so nothing
    a user typed can add a header or make Django refuse to send (BadHeaderError).

    An email the organisation words itself (passionhire.mail_kinds) is sent in its words
    instead, as plain text and HTML; `context["email_template_id"]` picks one of several.

    Written in its reader's `language` (a candidate's: their application's; a colleague's:
    their own choice), whatever language the request or task that sends it is in; English
    when none is given."""
    from . import mailtemplates
    from .mail_kinds import kind_for, values_for

    language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        kind = kind_for(template, context)
        if kind is not None:
            subject, body = mailtemplates.words_for(
                kind, context.get("email_template_id"), language
            )
            rendered = mailtemplates.render(subject, body, values_for(kind, context))
            return mailtemplates.message(rendered, to)
        return EmailMessage(
            subject=one_line(render_to_string(f"{template}_subject.txt", context)),
            body=render_to_string(f"{template}.txt", context),
            to=to,
        )
