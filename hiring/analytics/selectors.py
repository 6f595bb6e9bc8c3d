"""What a viewer may read on the analytics page: recruiters every role, a hiring manager the
roles they manage (the rule of passionhire.permissions.can_view_role, applied as a query)."""

from django.db.models import QuerySet

from candidates.models import Role
from passionhire.permissions import RECRUITER, has_role

from .counts import Scope


def analytics_roles(*, user) -> QuerySet[Role]:
    roles = Role.objects.order_by("title", "pk")
    return roles if has_role(user, RECRUITER) else roles.filter(hiring_manager=user)


def analytics_scope(*, user, date_from=None, date_to=None, role=None) -> Scope:
    """The applications the viewer's page reads: a hiring manager's scope is always narrowed
    to their own roles, whatever the form let through."""
    manager_id = None if has_role(user, RECRUITER) else user.pk
    return Scope(date_from, date_to, role.pk if role else None, manager_id)
