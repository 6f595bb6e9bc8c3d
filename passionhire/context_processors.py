"""Template context every page needs: the signed-in user's roles, for navigation."""

from django.conf import settings

from .permissions import COMPLIANCE, EMPLOYEE, HIRING_MANAGER, RECRUITER, roles_of


def navigation(request) -> dict:
    roles = roles_of(getattr(request, "user", None))
    return {
        "is_recruiter": RECRUITER in roles,
        "is_hiring_manager": HIRING_MANAGER in roles,
        "is_employee": EMPLOYEE in roles,
        "is_compliance": COMPLIANCE in roles,
        "can_refer": bool(roles),  # the same rule as permissions.can_refer
        "organisation_name": settings.PASSIONHIRE["ORGANISATION_NAME"],
    }
