"""Writes of the ground floor: a staff member's own settings."""

from django.db import transaction

from .models import StaffSettings


@transaction.atomic
def user_set_time_zone(*, user, time_zone: str) -> StaffSettings:
    """Show every time to `user` in `time_zone` (an IANA name the form already checked)."""
    settings, _ = StaffSettings.objects.update_or_create(
        user=user, defaults={"time_zone": time_zone}
    )
    return settings
