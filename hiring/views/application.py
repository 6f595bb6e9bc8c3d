"""The candidate page of one application: stage, Passion Test, why answers, interviews.

It joins both apps (the Passion Test from candidates, the interviews panel from interviews), so
it lives in the composition app.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from candidates import selectors
from candidates.passion_test.forms import WhyRatingForm
from interviews import selectors as interview_selectors
from passionhire.permissions import (
    HIRING_MANAGER,
    RECRUITER,
    can_view_role,
    has_role,
    role_required,
)

from ..notes.forms import NoteForm
from ..notes.selectors import notes_for
from ..status.selectors import open_erasure_request
from ..tags.forms import TagForm
from ..tags.selectors import tags_of
from ..viewer import is_blind, viewer_for_application
from .shortlist import render_profile


@role_required(RECRUITER, HIRING_MANAGER)
def application_detail(request, pk: int):
    """The candidate on one role: stage, Passion Test status, results and why answers."""
    return _render(request, pk)


def render_with_note_form(request, pk: int, form: NoteForm):
    """The page a note was refused on, with the form and its errors (422). A blind review's
    hiring manager wrote it on the profile, so that is the page they get back."""
    return _render(request, pk, note_form=form, status=422)


def render_with_tag_form(request, pk: int, form: TagForm):
    """The page a tag was refused on, with the form and its errors (422)."""
    return _render(request, pk, tag_form=form, status=422)


def _render(request, pk: int, *, note_form=None, tag_form=None, status=200):
    viewer = viewer_for_application(request.user, pk)
    # Someone on an interview of this candidate who has not recorded it yet gets no scores,
    # why answers or evidence: their judgement stays their own (no anchoring).
    anchoring_hidden = not viewer.sees_scores_of(pk)
    results = selectors.application_results(application_id=pk, with_scores=not anchoring_hidden)
    if results is None:
        raise Http404("No such application.")
    if not can_view_role(request.user, results.application.role):
        raise PermissionDenied("Only recruiters and this role's hiring manager can see this.")
    can_rate = has_role(request.user, RECRUITER)
    if not can_rate and is_blind(results.application.role, results.application):
        # A blind review: the hiring manager reads the anonymised profile instead.
        if note_form is not None:
            return render_profile(request, pk, note_form=note_form, status=status)
        return redirect("hiring:application_profile", pk=pk)
    if not anchoring_hidden and results.application.source == "referral_link":
        results.application.referrer_name = selectors.link_referrer_name(results.application)
    for why in results.why_answers:
        why.form = WhyRatingForm(
            traits=why.answer.question.traits, initial=why.ratings, prefix=f"why{why.answer.pk}"
        )
    return render(
        request,
        "hiring/application_detail.html",
        {
            "results": results,
            "application": results.application,
            "can_rate": can_rate and not anchoring_hidden,
            "anchoring_hidden": anchoring_hidden,
            "interviews": interview_selectors.interviews_of_application(results.application),
            # Only recruiters erase, so only they are shown the candidate's request to be.
            "erasure_request": open_erasure_request(results.application.candidate_id)
            if can_rate
            else None,
            "notes": notes_for(application_id=pk, anchored=anchoring_hidden),
            "note_form": note_form or NoteForm(),
            "tags": tags_of(
                candidate_id=results.application.candidate_id, anchored=anchoring_hidden
            ),
            "tag_form": tag_form or TagForm(),
        },
        status=status,
    )
