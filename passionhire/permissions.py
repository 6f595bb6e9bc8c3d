"""Who may do what: the four staff roles (Django groups) and the checks every view uses.

Candidates have no account; they act through signed links, checked where those links are served.
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models


class StaffRole(models.TextChoices):
    """The value is the Django group's name (created by passionhire/migrations/0002)."""

    RECRUITER = "Recruiter", "Recruiter"
    HIRING_MANAGER = "Hiring manager", "Hiring manager"
    EMPLOYEE = "Employee", "Employee"
    # Reads fairness reports: the only role that sees self-identification data, and only ever
    # as aggregates with small groups suppressed (created by passionhire/migrations/0006).
    COMPLIANCE = "Compliance", "Compliance"


RECRUITER = StaffRole.RECRUITER
HIRING_MANAGER = StaffRole.HIRING_MANAGER
EMPLOYEE = StaffRole.EMPLOYEE
COMPLIANCE = StaffRole.COMPLIANCE

ROLES_CACHE_ATTR = "_passionhire_roles"  # on the user object, for one request


def roles_of(user) -> frozenset[str]:
    """The user's staff roles, read once per request and kept on the user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, ROLES_CACHE_ATTR, None)
    if cached is None:
        names = user.groups.filter(name__in=StaffRole.values).values_list("name", flat=True)
        cached = frozenset(names)
        setattr(user, ROLES_CACHE_ATTR, cached)
    return cached


def has_role(user, *roles: str) -> bool:
    return not roles_of(user).isdisjoint(roles)


def primary_role(user) -> StaffRole | None:
    """The role whose dashboard a user lands on when they hold several."""
    held = roles_of(user)
    for role in (RECRUITER, HIRING_MANAGER, COMPLIANCE, EMPLOYEE):
        if role in held:
            return role
    return None


def role_required(*roles: str) -> Callable:
    """View decorator: anonymous users go to the login page, signed-in users without one of
    `roles` get 403. With no roles given, any signed-in user with a staff role may enter."""
    allowed: Iterable[str] = roles or StaffRole.values

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *allowed):
                raise PermissionDenied("Your role does not give access to this page.")
            return view(request, *args, **kwargs)

        wrapper.allowed_roles = frozenset(allowed)
        return wrapper

    return decorator


def can_refer(user) -> bool:
    """Who may refer people and share roles: any active user with a staff role (the referral
    pages are `role_required()` with no roles given)."""
    return has_role(user, *StaffRole.values)


def can_view_role(user, role) -> bool:
    """Recruiters see every role; a hiring manager sees the roles they own."""
    if has_role(user, RECRUITER):
        return True
    return has_role(user, HIRING_MANAGER) and role.hiring_manager_id == user.pk


def can_decide(user, role) -> bool:
    """Who may tune a role's weights and decide on its applications: recruiters and the
    role's own hiring manager (the same people who may open its shortlist)."""
    return can_view_role(user, role)


SIGNED_LINK = "Candidate holding a signed link"


def signed_link_view(view: Callable) -> Callable:
    """Marks a view that needs no account: whoever holds a valid signed link may use it, and
    the view itself checks the link (see candidates.services.invitation_from_token)."""
    view.allowed_roles = frozenset({SIGNED_LINK})
    return view


ANYONE = "Anyone (public page)"


def public_view(view: Callable) -> Callable:
    """Marks a public page: anyone may read it, with or without an account. It must show
    only what its selector deliberately publishes."""
    view.allowed_roles = frozenset({ANYONE})
    return view
