"""Writes of the ground floor: a staff member's own settings."""

from django.db import transaction

from .audit import audit_record
from .models import StaffSettings


@transaction.atomic
def user_set_time_zone(*, user, time_zone: str) -> StaffSettings:
    """Show every time to `user` in `time_zone` (an IANA name the form already checked)."""
    before = StaffSettings.objects.filter(user=user).values_list("time_zone", flat=True).first()
    settings, _ = StaffSettings.objects.update_or_create(
        user=user, defaults={"time_zone": time_zone}
    )
    audit_record(
        actor=user,
        action="user.time_zone",
        target=f"user:{user.pk}",
        before={"time_zone": before} if before is not None else {},
        after={"time_zone": time_zone},
        summary=f"Time zone set to {time_zone}",
    )
    return settings
