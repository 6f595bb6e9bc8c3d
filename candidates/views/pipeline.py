"""Role and candidate pages. Each view says who may use it; the services do the writing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from passionhire.forms import add_validation_error
from passionhire.permissions import (
    RECRUITER,
    role_required,
)

from .. import selectors, services
from ..forms import AddCandidateForm, RoleForm
from ..models import Role

PAGE_SIZE = 25


@role_required(RECRUITER)
def role_create(request):
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            role = services.role_open(
                opened_by=request.user, weights=form.weights(), **form.role_fields()
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(
                request,
                gettext("“{title}” is open. Add its first candidates.").format(title=role.title),
            )
            return redirect(role)
    return render(request, "candidates/role_form.html", {"form": form, "role": None})


@role_required(RECRUITER)
def role_edit(request, pk: int):
    role = get_object_or_404(Role, pk=pk)
    form = RoleForm(request.POST or None, instance=role, submit_label=gettext("Save changes"))
    if request.method == "POST" and form.is_valid():
        try:
            role = services.role_update(
                role=role, updated_by=request.user, weights=form.weights(), **form.role_fields()
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            messages.success(request, gettext("“{title}” saved.").format(title=role.title))
            return redirect(role)
    return render(request, "candidates/role_form.html", {"form": form, "role": role})


@require_POST
@role_required(RECRUITER)
def role_status(request, pk: int):
    role = get_object_or_404(Role, pk=pk)
    status = request.POST.get("status")
    if status not in Role.Status.values:
        messages.error(request, gettext("Unknown role status; nothing changed."))
        return redirect(role)
    role = services.role_set_status(role=role, status=status, changed_by=request.user)
    said = gettext("“{title}” is reopened.") if role.is_open else gettext("“{title}” is closed.")
    messages.success(request, said.format(title=role.title))
    return redirect(role)


@require_POST
@role_required(RECRUITER)
def role_publish(request, pk: int):
    """Put the role on the public careers page (publish=1) or take it off (publish=0)."""
    role = get_object_or_404(Role, pk=pk)
    choice = request.POST.get("publish")
    if choice not in ("0", "1"):
        messages.error(
            request, gettext("Choose to publish or unpublish the role; nothing changed.")
        )
        return redirect(role)
    publish = choice == "1"
    try:
        role = services.role_set_published(role=role, published=publish, changed_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        said = (
            gettext("“{title}” is on the careers page.")
            if role.is_published
            else gettext("“{title}” is off the careers page.")
        )
        messages.success(request, said.format(title=role.title))
    return redirect(role)


def _add_candidate(request, form, role: Role):
    """Run the add-candidate service for a bound, valid form; a redirect on success, None when
    the service refused (its reason is then on the form)."""
    try:
        result = services.candidate_add_to_role(
            added_by=request.user, role=role, **form.candidate_fields()
        )
    except ValidationError as error:
        add_validation_error(form, error)
        return None
    candidate = result.application.candidate
    if result.candidate_existed:
        messages.info(
            request,
            gettext(
                "{email} was already known as {name}: linked that candidate to “{title}” "
                "instead of creating a new one."
            ).format(email=candidate.email, name=candidate.name, title=role.title),
        )
    else:
        messages.success(
            request,
            gettext("{name} added to “{title}”.").format(name=candidate.name, title=role.title),
        )
    if "add_another" in request.POST:
        return redirect("candidates:application_create", pk=role.pk)
    return redirect(role)


@role_required(RECRUITER)
def application_create(request, pk: int):
    role = get_object_or_404(Role, pk=pk)
    if not role.is_open and request.method == "GET":
        messages.warning(
            request,
            gettext("“{title}” is closed. Reopen it to add candidates.").format(title=role.title),
        )
        return redirect(role)
    form = AddCandidateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        response = _add_candidate(request, form, role)
        if response:
            return response
    return render(
        request,
        "candidates/application_form.html",
        {"form": form, "role": role},
        status=422 if request.method == "POST" else 200,  # a POST that got here was refused
    )


@role_required(RECRUITER)
def application_quick_add(request):
    """The dashboard's add-candidate card: the same form with a choice of open role."""
    form = AddCandidateForm(request.POST or None, open_roles=selectors.open_roles())
    if request.method == "POST" and form.is_valid():
        response = _add_candidate(request, form, form.cleaned_data["role"])
        if response:
            return response
    return render(
        request,
        "candidates/application_form.html",
        {"form": form, "role": None},
        status=422 if request.method == "POST" else 200,  # a POST that got here was refused
    )


@role_required(RECRUITER)
def candidate_list(request):
    query = request.GET.get("q", "")[:100]
    page = Paginator(selectors.candidates_matching(query=query), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "candidates/candidate_list.html", {"page": page, "query": query})
