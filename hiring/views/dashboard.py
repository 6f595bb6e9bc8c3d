"""Everyone's own pages: the role-specific dashboard, the traits reference, settings."""

from django.contrib import messages
from django.shortcuts import redirect, render

from candidates import selectors as candidate_selectors
from candidates import services as candidate_services
from candidates.forms import AddCandidateForm
from interviews import selectors as interview_selectors
from passionhire.forms import TimeZoneForm
from passionhire.permissions import (
    COMPLIANCE,
    HIRING_MANAGER,
    RECRUITER,
    primary_role,
    role_required,
)
from passionhire.services import user_set_time_zone
from passionhire.traits import all_guides

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
    """The signed-in user's own settings: their time zone."""
    form = TimeZoneForm(request.POST or None, initial={"time_zone": request.user.time_zone})
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["time_zone"]
        user_set_time_zone(user=request.user, time_zone=name)
        messages.success(request, f"Times are now shown in {name.replace('_', ' ')}.")
        return redirect("hiring:settings")
    return render(request, "settings.html", {"form": form})
