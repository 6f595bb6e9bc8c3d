"""Writes of the ground floor: a staff member's own settings, and the accounts and staff
groups that single sign-on keeps (passionhire/sso.py)."""

from django.contrib.auth.models import Group
from django.db import transaction

from .audit import audit_record
from .models import User
from .permissions import ROLES_CACHE_ATTR


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


def _free_username(email: str) -> str:
    """The address itself when it fits and nobody has it; else a digest of it, as
    mozilla-django-oidc makes (with a counter in the unlikely case that is taken too)."""
    from mozilla_django_oidc.auth import default_username_algo

    candidates = [email.lower()] if len(email) <= 150 else []
    digest = default_username_algo(email.lower())
    candidates += [digest, *(f"{digest}-{n}" for n in range(2, 10))]
    taken = set(User.objects.filter(username__in=candidates).values_list("username", flat=True))
    return next((name for name in candidates if name not in taken), candidates[-1])


@transaction.atomic
def sso_user_create(*, email: str, first_name: str, last_name: str, display_name: str) -> User:
    """The account of a staff member signing in with single sign-on for the first time
    (passionhire/sso.py), with no password (they always come through the provider) and no
    staff group until the provider's groups give one. The actor is the system."""
    user = User(
        username=_free_username(email),
        email=email,
        first_name=first_name,
        last_name=last_name,
        display_name="" if display_name == f"{first_name} {last_name}" else display_name,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password", "username"])
    user.save()
    audit_record(
        actor=None,
        action="user.sso_create",
        target=f"user:{user.pk}",
        summary="Account made at a first single sign-on",
    )
    return user


@transaction.atomic
def user_set_staff_groups_from_sso(*, user: User, granted: set[str], managed: set[str]) -> bool:
    """Give `user` exactly the staff groups `granted` among those the provider manages
    (`managed`: the staff groups OIDC_GROUP_MAP names, which passionhire/sso.py checked are
    staff groups); other groups stay as they are. The
    provider is the source of truth for those, so a group it no longer gives is taken away.
    Returns whether anything changed (then with an audit row, before and after)."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # one sign-in at a time
    # Staff groups come with the migrations; made here too for a database without them.
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in managed}
    held = set(user.groups.filter(name__in=managed).values_list("name", flat=True))
    wanted = granted & managed
    if held == wanted:
        return False
    user.groups.remove(*(groups[name] for name in held - wanted))
    user.groups.add(*(groups[name] for name in wanted - held))
    user.__dict__.pop(ROLES_CACHE_ATTR, None)  # this request's cached roles are stale
    audit_record(
        actor=None,
        action="user.groups",
        target=f"user:{user.pk}",
        before={"groups": sorted(held)},
        after={"groups": sorted(wanted)},
        summary="Staff groups set by single sign-on",
    )
    return True
