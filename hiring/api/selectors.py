"""What a token's user may read through the API, redacted here, before any serializer sees it.

The rules are the web's, applied by the same functions:
- roles: recruiters read every role, a hiring manager the roles they manage
  (`passionhire.permissions.can_view_role`);
- applications: those of the roles the user may read. No anchoring: an application whose
  scores the user may not see yet (they sit on its interview and have not recorded it) comes
  back with no score, flag or evidence, and the lists filter on nothing derived from scores;
- blind review (`hiring.viewer.is_blind`): until the decision stage the candidate is
  "Candidate #id", with no email or candidate id (which would join them to other roles);
- candidates (recruiters only, as the web's candidate list): names and contact details;
  an erased candidate's row holds nothing personal already.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from candidates import ranking
from candidates.models import Application, Candidate, Evidence, Referral, Role
from candidates.passion_test.selectors import hide_scores
from interviews import selectors as interview_selectors
from passionhire.people import display_name
from passionhire.permissions import HIRING_MANAGER, RECRUITER, has_role
from passionhire.redaction import redactor

from ..viewer import is_blind

REFERRAL_HIDDEN = "Referral example (referrer hidden)"


def roles_for(user) -> QuerySet[Role]:
    roles = Role.objects.select_related("hiring_manager").order_by("pk")
    if has_role(user, RECRUITER):
        return roles
    if has_role(user, HIRING_MANAGER):
        return roles.filter(hiring_manager=user)
    return roles.none()


@dataclass(frozen=True)
class ApplicationFilter:
    role: int | None = None
    stage: str = ""
    candidate: int | None = None


def applications_for(user, ask: ApplicationFilter = ApplicationFilter()) -> QuerySet[Application]:
    """The applications `user` may read, filtered on what anyone who may read them may see
    (role, stage, candidate for recruiters); never on a score. Ordered by id (the cursor)."""
    applications = Application.objects.select_related("candidate", "role")
    if not has_role(user, RECRUITER):  # recruiters read every role: no filter to plan around
        applications = applications.filter(role__in=roles_for(user))
    if ask.role is not None:
        applications = applications.filter(role_id=ask.role)
    if ask.stage:
        applications = applications.filter(stage=ask.stage)
    if ask.candidate is not None and has_role(user, RECRUITER):
        applications = applications.filter(candidate_id=ask.candidate)
    return applications.order_by("pk")


def redact_page(user, applications: list[Application]) -> list[Application]:
    """Decide, for each application of a page, what `user` sees of it; set on the instances
    (never saved): `api_scores_hidden`, `api_blind`, and the candidate's shown identity."""
    hidden = interview_selectors.anchoring_hidden_anywhere(user) if applications else set()
    for application in applications:
        application.api_scores_hidden = application.pk in hidden
        if application.api_scores_hidden:
            hide_scores(application)
        application.api_blind = is_blind(application.role, application)
        if application.api_blind:
            application.shown_candidate = {
                "id": None,
                "name": application.alias,
                "email": None,
            }
        else:
            candidate = application.candidate
            application.shown_candidate = {
                "id": candidate.pk,
                "name": candidate.name,
                "email": candidate.email,
            }
        application.shown_flags = [] if application.api_scores_hidden else _flags(application.flags)
    return applications


def _flags(flags: int) -> list[dict]:
    return [
        {"code": code, "label": str(label), "warning": warning}
        for code, label, warning in ranking.flag_labels(flags)
    ]


def application_for(user, pk: int) -> Application | None:
    application = applications_for(user).filter(pk=pk).first()
    return redact_page(user, [application])[0] if application else None


def evidence_for(user, application: Application) -> list[dict]:
    """The evidence behind the scores, as the profile explains it: nothing while the user may
    not see the scores; on a blind review no referrer's name, and free text with the
    candidate's and referrers' names and address blacked out."""
    if application.api_scores_hidden:
        return []
    rows = list(
        Evidence.objects.filter(application=application)
        .select_related("author")
        .order_by("trait", "source", "pk")
    )
    redact = redactor_for(application)
    return [
        {
            "trait": row.trait,
            "source": row.source,
            "value": row.value,
            "weight": row.weight,
            "raw_value": row.raw_value,
            # On a blind review a referral's words could tell who is referred by whom: the
            # profile shows none of them, and neither does the API.
            "summary": REFERRAL_HIDDEN
            if application.api_blind and row.source == "referral"
            else redact(row.summary),
            "author": None
            if row.author is None or (application.api_blind and row.source == "referral")
            else display_name(row.author),
            "created_at": row.created_at,
        }
        for row in rows
    ]


def redactor_for(application: Application):
    """Free text about the application as its viewer may read it: on a blind review, the
    candidate's name and address and their referrers' names blacked out (as on the profile)."""
    if not application.api_blind:
        return lambda text: text
    referrers = [
        display_name(r.referrer)
        for r in Referral.objects.filter(application=application).select_related("referrer")
    ]
    candidate = application.candidate
    return redactor([candidate.name, *referrers], [candidate.email])


def decisions_for(application: Application) -> list:
    """The decisions, oldest first, with their reasons redacted for a blind review (the
    profile shows them so); undone ones say when."""
    redact = redactor_for(application)
    decisions = list(application.decisions.select_related("decided_by").order_by("decided_at"))
    for decision in decisions:
        decision.reason = redact(decision.reason)  # this instance only, never saved
    return decisions


def candidates_for(user, *, query: str = "") -> QuerySet[Candidate]:
    """Recruiters' candidate list, with each candidate's application ids; nobody else's."""
    if not has_role(user, RECRUITER):
        return Candidate.objects.none()
    candidates = Candidate.objects.prefetch_related(
        Prefetch("applications", queryset=Application.objects.only("pk", "candidate_id", "role_id"))
    ).order_by("pk")
    if query:
        candidates = candidates.filter(Q(name__icontains=query) | Q(email__icontains=query))
    return candidates
