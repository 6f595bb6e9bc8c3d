"""Settings → API tokens: a recruiter's or hiring manager's own tokens; make one (shown once),
revoke one. Another person's token is not found (404)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from passionhire.forms import add_validation_error
from passionhire.permissions import HIRING_MANAGER, RECRUITER, role_required

from .tokens import LIFETIMES, NewToken, token_create, token_revoke, tokens_of


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=80,
        help_text=_("What will use it, e.g. “HR system sync”."),
    )
    scope = forms.ChoiceField(
        label=_("May"),
        choices=[("read", _("Read")), ("write", _("Read and write"))],
        initial="read",
        widget=forms.RadioSelect,
    )
    days = forms.TypedChoiceField(
        label=_("Expires after"),
        coerce=int,
        initial=90,
        # A callable, run for each reader: `ngettext_lazy(...) % n` would be worded once, in
        # the language active when the module was imported.
        choices=lambda: [(d, ngettext("%(n)d day", "%(n)d days", d) % {"n": d}) for d in LIFETIMES],
    )


MADE = "api_token_made"


def _made(request) -> NewToken | None:
    """The token made just before, taken out of the session: shown on this page only."""
    slot = request.session.pop(MADE, None)
    if not slot:
        return None
    token = tokens_of(request.user).filter(pk=slot.get("id")).first()
    return NewToken(token=token, secret=slot["secret"]) if token else None


@role_required(RECRUITER, HIRING_MANAGER)
def api_tokens(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            made = token_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_error(form, error)
        else:
            # Post/Redirect/Get: the next page shows the token once; a reload makes none.
            request.session[MADE] = {"id": made.token.pk, "secret": made.secret}
            return redirect("hiring:api_tokens")
    made = _made(request)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "hiring/api_tokens.html",
        {"form": form, "tokens": tokens_of(request.user), "made": made},
        status=status,
    )


@require_POST
@role_required(RECRUITER, HIRING_MANAGER)
def api_token_revoke(request, pk: int):
    try:
        token = token_revoke(token_id=pk, user=request.user)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, gettext("Revoked “%(name)s”.") % {"name": token.name})
    return redirect("hiring:api_tokens")
