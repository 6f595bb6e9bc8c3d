"""Project-wide pages: the role-specific dashboard and the traits reference."""

from django.shortcuts import render

from candidates import selectors as candidate_selectors
from candidates import services as candidate_services
from candidates.forms import AddCandidateForm

from .permissions import HIRING_MANAGER, RECRUITER, primary_role, role_required
from .traits import all_guides


@role_required()
def dashboard(request):
    role = primary_role(request.user)
    if role == RECRUITER:
        roles = candidate_selectors.roles_with_pipeline()
        return render(
            request,
            "dashboard/recruiter.html",
            {
                "roles": roles,
                "totals": candidate_selectors.pipeline_totals(roles),
                "add_form": AddCandidateForm(open_roles=candidate_selectors.open_roles()),
            },
        )
    if role == HIRING_MANAGER:
        roles = candidate_selectors.roles_managed_by(user=request.user)
        return render(
            request,
            "dashboard/hiring_manager.html",
            {"roles": roles, "totals": candidate_selectors.pipeline_totals(roles)},
        )
    # Everyone else with a staff role is an employee.
    referrals = list(candidate_selectors.referrals_of(user=request.user)[:5])
    for referral in referrals:
        referral.public_status = candidate_services.public_status(referral)
    return render(request, "dashboard/employee.html", {"referrals": referrals, "interviews": []})


@role_required()
def traits(request):
    return render(request, "traits.html", {"guides": all_guides()})
