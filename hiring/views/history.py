"""The audit trail of a role and of a candidate, for recruiters."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext

from candidates.models import Candidate, Role
from passionhire.permissions import RECRUITER, role_required

from ..selectors import audit as selectors


@role_required(RECRUITER)
def role_history(request, pk: int):
    role = get_object_or_404(Role, pk=pk)
    entries = selectors.role_history(role_id=role.pk, page=request.GET.get("page"))
    return render(
        request,
        "hiring/history/list.html",
        {
            "entries": entries,
            "subject": role.title,
            "back_url": role.get_absolute_url(),
            "back_label": role.title,
        },
    )


@role_required(RECRUITER)
def candidate_history(request, pk: int):
    candidate = get_object_or_404(Candidate.objects.only("pk"), pk=pk)
    entries = selectors.candidate_history(candidate_id=candidate.pk, page=request.GET.get("page"))
    return render(
        request,
        "hiring/history/list.html",
        {
            "entries": entries,
            # An alias, not the name: the page reads the same before and after an erasure.
            "subject": gettext("candidate #%(number)s") % {"number": candidate.pk},
            "back_url": None,
            "back_label": "",
        },
    )
