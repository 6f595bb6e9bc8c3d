"""A candidate's data rights, for recruiters: export everything as JSON, erase."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from candidates.models import Candidate
from passionhire.permissions import RECRUITER, role_required

from ..forms_privacy import EraseForm
from ..services import privacy as services


@role_required(RECRUITER)
def candidate_data_export(request, pk):
    candidate = get_object_or_404(Candidate, pk=pk)
    data = services.candidate_export(candidate=candidate)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="candidate-{candidate.pk}-data.json"'
    return response


@role_required(RECRUITER)
def candidate_erase(request, pk):
    candidate = get_object_or_404(Candidate, pk=pk)
    already = gettext("This candidate's personal data was already erased.")
    if candidate.erased_at is not None:
        messages.info(request, already)
        return redirect(reverse("candidates:candidate_list"))
    form = EraseForm(request.POST or None, candidate=candidate)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_erase(candidate=candidate, erased_by=request.user)
        except ValidationError as error:  # erased meanwhile (the service says it in English)
            messages.info(request, already if error.code == "erased" else error.messages[0])
        else:
            messages.success(
                request,
                gettext(
                    "Candidate #%(number)s's personal data is erased; their scores and stages "
                    "stay in the statistics."
                )
                % {"number": candidate.pk},
            )
        return redirect(reverse("candidates:candidate_list"))
    return render(
        request,
        "hiring/candidate_erase.html",
        {
            "form": form,
            "candidate": candidate,
            # The breadcrumb leads back to their latest application.
            "application": candidate.applications.order_by("-pk").first(),
        },
        status=422 if request.method == "POST" else 200,
    )
