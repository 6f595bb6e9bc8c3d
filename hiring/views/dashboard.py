"""Everyone's own pages: the role-specific dashboard, the traits reference, settings."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from candidates import selectors as candidate_selectors
from candidates import services as candidate_services
from candidates.forms import AddCandidateForm
from interviews import selectors as interview_selectors
from passionhire.forms import SettingsForm
from passionhire.permissions import (
    COMPLIANCE,
    HIRING_MANAGER,
    RECRUITER,
    primary_role,
    role_required,
)
from passionhire.services import user_set_language, user_set_time_zone
from passionhire.traits import all_guides

from ..api.tokens import may_hold_tokens
from ..status.selectors import open_erasure_requests
from ..todos import employee_todos, hiring_manager_todos, recruiter_todos

ERASURE_REQUESTS_SHOWN = 10


@role_required()
def dashboard(request):
    role = primary_role(request.user)
    if role == RECRUITER:
        roles = candidate_selectors.roles_with_pipeline()
        erasure_requests = list(open_erasure_requests()[: ERASURE_REQUESTS_SHOWN + 1])
        return render(
            request,
            "hiring/dashboard/recruiter.html",
            {
                "roles": roles,
                "totals": candidate_selectors.pipeline_totals(roles),
                "test_reviews": candidate_selectors.test_reviews_waiting(roles),
                "test_review": (
                    candidate_selectors.TEST_REVIEW,
                    candidate_selectors.TEST_REVIEW_LABEL,
                ),
                "add_form": AddCandidateForm(open_roles=candidate_selectors.open_roles()),
                "erasure_requests": erasure_requests[:ERASURE_REQUESTS_SHOWN],
                "more_erasure_requests": len(erasure_requests) > ERASURE_REQUESTS_SHOWN,
                "todos": recruiter_todos(
                    request.user, roles=roles, erasure_requests=len(erasure_requests)
                ),
            },
        )
    if role == HIRING_MANAGER:
        roles = candidate_selectors.roles_managed_by(user=request.user)
        return render(
            request,
            "hiring/dashboard/hiring_manager.html",
            {
                "roles": roles,
                "totals": candidate_selectors.pipeline_totals(roles),
                "todos": hiring_manager_todos(request.user),
            },
        )
    if role == COMPLIANCE:
        return redirect("hiring:fairness_report")
    # Everyone else with a staff role is an employee.
    referrals = list(candidate_selectors.referrals_of(user=request.user)[:5])
    for referral in referrals:
        referral.public_status = candidate_services.public_status(referral)
    interviews = interview_selectors.interviews_of(request.user, upcoming_only=True, limit=5)
    return render(
        request,
        "hiring/dashboard/employee.html",
        {"referrals": referrals, "interviews": interviews, "todos": employee_todos(request.user)},
    )


@role_required()
def traits(request):
    return render(request, "traits.html", {"guides": all_guides()})


@role_required()
def user_settings(request):
    """The signed-in user's own settings: their time zone and language."""
    user = request.user
    form = SettingsForm(
        request.POST or None, initial={"time_zone": user.time_zone, "language": user.language}
    )
    if request.method == "POST" and form.is_valid():
        name, language = form.cleaned_data["time_zone"], form.cleaned_data["language"]
        if language != user.language:
            user_set_language(user=user, language=language)
            translation.activate(language or translation.get_language_from_request(request))
        if name != user.time_zone:
            user_set_time_zone(user=user, time_zone=name)
        messages.success(
            request,
            _("Saved. Times are shown in %(zone)s.") % {"zone": name.replace("_", " ")},
        )
        return redirect("hiring:settings")
    return render(
        request, "settings.html", {"form": form, "may_use_api": may_hold_tokens(request.user)}
    )
