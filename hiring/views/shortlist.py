"""The ranked shortlist, candidate profiles, compare, weights and decisions.

Who: recruiters and the role's own hiring manager (`can_view_role`); everyone else gets 403.
"""

import csv
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from candidates import ranking, services
from candidates.models import Decision, Role
from passionhire.exports import Echo, csv_safe
from passionhire.forms import add_validation_error
from passionhire.params import parse_ids
from passionhire.permissions import HIRING_MANAGER, RECRUITER, can_view_role, role_required
from passionhire.traits import Trait, trait_name
from passionhire.vocabulary import SOURCE_LABELS

from ..forms import DecisionForm, ShortlistFilterForm, WeightsForm
from ..labels import decision_verb, source_name
from ..notes.forms import NoteForm
from ..notes.selectors import notes_for
from ..saved_views.models import SavedView
from ..saved_views.selectors import saved_views_context
from ..selectors import shortlist as selectors
from ..selectors.bulk import bulk_context
from ..selectors.profile import candidate_profile
from ..tags.selectors import tag_names_on_role
from ..viewer import viewer_for_application, viewer_for_role
from .reranked import say_reranked

PAGE_SIZE = 25
COMPARE_MIN, COMPARE_MAX = 2, 4


def _role_for(request, pk: int) -> Role:
    role = get_object_or_404(Role.objects.select_related("hiring_manager"), pk=pk)
    if not can_view_role(request.user, role):
        raise PermissionDenied("Only recruiters and this role's hiring manager can open this.")
    return role


def _filters(request) -> ShortlistFilterForm:
    return ShortlistFilterForm(request.GET or None)


@role_required(RECRUITER, HIRING_MANAGER)
def shortlist(request, pk: int):
    role = _role_for(request, pk)
    form = _filters(request)
    ask = form.query() if form.is_bound else selectors.ShortlistQuery()
    for text in form.ignored() if form.is_bound else []:
        messages.warning(request, text)
    viewer = viewer_for_role(request.user, role)
    shortlist = selectors.shortlist_for_role(viewer=viewer, role=role, ask=ask)
    page = Paginator(shortlist.ranked, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("a", None)
    return render(
        request,
        "hiring/shortlist/list.html",
        {
            "role": role,
            "form": form,
            "ask": ask,
            "page": page,
            "rows": selectors.rows(viewer, role, page.object_list, start=page.start_index()),
            "held_back": selectors.held_back_rows(viewer, role, shortlist.held_back)
            if page.number == 1
            else [],
            "scores_filtered": selectors.reads_scores(ask),
            "can_unblind": viewer.is_recruiter,
            "centre": ranking.CENTRE,
            "query_string": params.urlencode(),
            # Candidates ticked for compare, kept when compare sends the list back.
            "ticked": set(parse_ids(request.GET.getlist("a"))),
            "job": selectors.running_rerank(role),
            "traits": list(Trait),
            "weights": role.weight_shares(),
            "tags": tag_names_on_role(viewer=viewer, role=role),
            **saved_views_context(
                user=request.user, page=SavedView.Page.SHORTLIST, data=request.GET
            ),
            **bulk_context("hiring:shortlist_bulk", role, request.GET),
        },
    )


@require_POST
@role_required(RECRUITER, HIRING_MANAGER)
def decision_undo(request, pk: int):
    """Undo a rejection within its grace period (services.decision_undo says when not)."""
    decision = get_object_or_404(Decision.objects.only("application_id"), pk=pk)
    profile = _profile_for(request, decision.application_id)  # who may see it, or 403/404
    try:
        services.decision_undo(decision_id=pk, undone_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            gettext("Rejection undone: %(name)s is back; no email was sent.")
            % {"name": profile.name},
        )
    return redirect("hiring:application_profile", pk=decision.application_id)


@require_GET
@role_required(RECRUITER, HIRING_MANAGER)
def shortlist_csv(request, pk: int):
    """The shortlist as filtered on screen, every page, streamed (constant memory)."""
    role = _role_for(request, pk)
    form = _filters(request)
    ask = form.query() if form.is_bound else selectors.ShortlistQuery()
    viewer = viewer_for_role(request.user, role)
    shortlist = selectors.shortlist_for_role(viewer=viewer, role=role, ask=ask)
    header = ["Rank", "Candidate", "Email", "Stage", "Composite", "Confidence", "Rank score"]
    header += [t.label for t in Trait] + ["Flags", "Referred by"]

    def lines():
        writer = csv.writer(Echo())
        yield writer.writerow(header)
        ranked = shortlist.ranked.iterator(chunk_size=2000)
        for row in selectors.rows(viewer, role, ranked):
            yield writer.writerow(_csv_line(row))
        # Held back: after the ranked ones, without rank, scores, flags or referrers.
        for row in selectors.held_back_rows(viewer, role, shortlist.held_back.iterator()):
            yield writer.writerow(_csv_line(row))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="shortlist-role-{role.pk}.csv"'
    return response


def _csv_line(row) -> list[str]:
    application = row.application
    if row.hidden:
        scores = ["hidden until you record your interview"] + [None] * 8
    else:
        scores = [application.composite_score, application.confidence, application.rank_score]
        scores += [score for _, score in row.traits]
    cells = [
        row.rank,
        row.name,
        row.email,
        application.get_stage_display(),
        *scores,
        "; ".join(label for _, label, _ in row.flags),
        "; ".join(row.referrers),
    ]
    return [csv_safe(v) for v in cells]


@require_POST
@role_required(RECRUITER, HIRING_MANAGER)
def role_blind(request, pk: int):
    role = _role_for(request, pk)
    wanted = request.POST.get("blind")
    if wanted not in ("on", "off"):
        messages.error(request, gettext("Blind review was not changed: choose on or off."))
        return redirect("hiring:shortlist", pk=role.pk)
    blind = wanted == "on"
    services.role_set_blind(role=role, blind=blind, changed_by=request.user)
    if blind:
        messages.success(
            request,
            gettext(
                "Blind review is on: names, emails and referrers stay hidden until a candidate "
                "reaches the decision stage."
            ),
        )
    else:
        messages.info(request, gettext("Blind review is off: names are shown."))
    return redirect("hiring:shortlist", pk=role.pk)


@role_required(RECRUITER, HIRING_MANAGER)
def role_weights(request, pk: int):
    role = _role_for(request, pk)
    form = WeightsForm(request.POST or None, role=role)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.role_set_weights(
                role=role,
                changed_by=request.user,
                trait_weights=form.trait_weights(),
                source_weights=form.source_weights(),
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            say_reranked(request, result)
            return redirect("hiring:shortlist", pk=role.pk)
    status = 422 if form.errors else 200
    return render(
        request,
        "hiring/shortlist/weights.html",
        {"role": role, "form": form, "sources": SOURCE_LABELS},
        status=status,
    )


@require_GET
@role_required(RECRUITER, HIRING_MANAGER)
def rerank_progress(request, pk: int):
    """The progress bar of a running re-rank (polled by htmx); tells the page to reload once
    the job is done."""
    role = _role_for(request, pk)
    job = selectors.running_rerank(role)
    if job is None:
        response = HttpResponse(gettext("Re-ranking finished."))
        response["HX-Refresh"] = "true"
        return response
    return render(request, "hiring/shortlist/_progress.html", {"role": role, "job": job})


def _profile_context(request, profile, form=None, note_form=None) -> dict:
    application = profile.application
    choices = services.decision_choices(application.stage)
    if form is None and choices:
        form = DecisionForm(choices=choices, stage=application.stage)
    return {
        # Notes in the profile's redaction: a blind review hides the candidate in their text.
        "notes": notes_for(
            application_id=application.pk, anchored=profile.scores_hidden, redact=profile.redact
        ),
        "note_form": note_form or NoteForm(),
        "profile": profile,
        "application": application,
        "role": application.role,
        "anchoring_hidden": profile.scores_hidden,
        "form": form,
        "centre": ranking.CENTRE,
        "source_weights_text": ", ".join(
            f"{source_name(source)} {weight}"
            for source, weight in application.role.source_weights.items()
        ),
        "now": timezone.now(),  # whether a rejection can still be undone
    }


def _profile_for(request, pk: int):
    """The profile as this user may see it; 404 if there is none, 403 if it is not theirs."""
    profile = candidate_profile(viewer=viewer_for_application(request.user, pk), application_id=pk)
    if profile is None:
        raise Http404("No such application.")
    if not can_view_role(request.user, profile.application.role):
        raise PermissionDenied("Only recruiters and this role's hiring manager can see this.")
    return profile


@require_GET
@role_required(RECRUITER, HIRING_MANAGER)
def application_profile(request, pk: int):
    return render_profile(request, pk)


def render_profile(request, pk: int, *, note_form=None, status=200):
    profile = _profile_for(request, pk)
    context = _profile_context(request, profile, note_form=note_form)
    return render(request, "hiring/shortlist/profile.html", context, status=status)


@require_POST
@role_required(RECRUITER, HIRING_MANAGER)
def application_decide(request, pk: int):
    profile = _profile_for(request, pk)
    application = profile.application
    choices = services.decision_choices(application.stage)
    seen = request.POST.get("seen_stage", "")
    form = DecisionForm(
        request.POST,
        choices=services.decision_choices(seen) if seen else choices,
        stage=application.stage,
    )
    if form.is_valid():
        try:
            decision = services.decision_record(
                application_id=application.pk,
                kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
                decided_by=request.user,
                seen_stage=form.cleaned_data["seen_stage"],
            )
        except services.StaleDecision as error:
            messages.error(request, error.messages[0])
            fresh = DecisionForm(choices=choices, stage=application.stage)
            fresh.fields["reason"].initial = form.cleaned_data["reason"]
            return render(
                request,
                "hiring/shortlist/profile.html",
                _profile_context(request, profile, fresh),
                status=409,
            )
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            words = {
                "verb": decision_verb(services.DECISION_VERBS[decision.kind]),
                "name": profile.name,
            }
            messages.success(
                request, gettext("%(verb)s: %(name)s. Your reason is recorded.") % words
            )
            if decision.kind == "reject" and decision.undo_until:
                until = {"time": f"{timezone.localtime(decision.undo_until):%H:%M}"}
                if decision.email_outbox_id:
                    said = gettext(
                        "You can undo this until %(time)s (Undo, under Decisions); the courteous "
                        "email to the candidate waits until then."
                    )
                else:
                    said = gettext("You can undo this until %(time)s (Undo, under Decisions).")
                messages.info(request, said % until)
            elif decision.kind == "reject" and application.candidate.consent_to_contact:
                messages.info(request, gettext("A courteous email is on its way to the candidate."))
            return redirect("hiring:application_profile", pk=application.pk)
    return render(
        request,
        "hiring/shortlist/profile.html",
        _profile_context(request, profile, form),
        status=422,
    )


@require_GET
@role_required(RECRUITER, HIRING_MANAGER)
def compare(request, pk: int):
    role = _role_for(request, pk)
    raw = request.GET.getlist("a")
    ids = parse_ids(raw)
    back = reverse("hiring:shortlist", args=[role.pk])
    if len(ids) != len(raw):
        messages.warning(request, gettext("Some of the candidates asked for were not understood."))
    if not COMPARE_MIN <= len(ids) <= COMPARE_MAX:
        messages.error(
            request,
            gettext("Pick %(low)s to %(high)s candidates to compare.")
            % {"low": COMPARE_MIN, "high": COMPARE_MAX},
        )
        # Back to the list with the ticks as they were, to untick or add one.
        return redirect(f"{back}?{urlencode([('a', i) for i in ids[:50]])}" if ids else back)
    rows = selectors.applications_to_compare(
        viewer=viewer_for_role(request.user, role), role=role, ids=ids
    )
    if len(rows) < len(ids):
        messages.error(
            request, gettext("Some of those candidates are not on this role's shortlist.")
        )
        return redirect(back)
    table = []
    for trait in Trait:
        values = [row.application.trait_scores[trait] for row in rows]
        best = max((v for v in values if v is not None), default=None)
        table.append(
            (trait, role.weights[trait], [(v, v is not None and v == best) for v in values])
        )
    chart = {
        "labels": [trait_name(t) for t in Trait],
        "datasets": [
            {"label": row.name, "data": [v for _, v in row.traits]}
            for row in rows
            if not row.hidden
        ],
    }
    return render(
        request,
        "hiring/shortlist/compare.html",
        {
            "role": role,
            "rows": rows,
            "table": table,
            "chart": chart,
            "back": back,
        },
    )
