"""Writes of the ground floor: a staff member's own settings."""

from django.db import transaction

from .audit import audit_record
from .models import User


@transaction.atomic
def user_set_time_zone(*, user: User, time_zone: str) -> User:
    """Show every time to `user` in `time_zone` (an IANA name the form already checked)."""
    before = User.objects.select_for_update().values_list("time_zone", flat=True).get(pk=user.pk)
    User.objects.filter(pk=user.pk).update(time_zone=time_zone)
    user.time_zone = time_zone
    audit_record(
        actor=user,
        action="user.time_zone",
        target=f"user:{user.pk}",
        before={"time_zone": before},
        after={"time_zone": time_zone},
        summary=f"Time zone set to {time_zone}",
    )
    return user


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    """Show PassionHire to `user` in `language` (a shipped code the form already checked), or
    as their browser asks if empty."""
    before = User.objects.select_for_update().values_list("language", flat=True).get(pk=user.pk)
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language
    audit_record(
        actor=user,
        action="user.language",
        target=f"user:{user.pk}",
        before={"language": before},
        after={"language": language},
        summary=f"Language set to {language or 'follow the browser'}",
    )
    return user
