"""Writes of the ground floor: a staff member's own settings."""

from django.db import transaction

from .audit import audit_record
from .models import User


def _user_set(user: User, field: str, value: str, summary: str) -> User:
    """Change one of `user`'s own settings, with its audit row (before and after)."""
    before = User.objects.select_for_update().values_list(field, flat=True).get(pk=user.pk)
    User.objects.filter(pk=user.pk).update(**{field: value})
    setattr(user, field, value)
    audit_record(
        actor=user,
        action=f"user.{field}",
        target=f"user:{user.pk}",
        before={field: before},
        after={field: value},
        summary=summary,
    )
    return user


@transaction.atomic
def user_set_time_zone(*, user: User, time_zone: str) -> User:
    """Show every time to `user` in `time_zone` (an IANA name the form already checked)."""
    return _user_set(user, "time_zone", time_zone, f"Time zone set to {time_zone}")


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    """Show PassionHire to `user` in `language` (a shipped code the form already checked), or
    as their browser asks if empty."""
    summary = f"Language set to {language or 'follow the browser'}"
    return _user_set(user, "language", language, summary)
