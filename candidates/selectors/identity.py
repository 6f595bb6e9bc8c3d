"""Who a candidate is, as a viewer may see it: blind review on the operational pages.

On a role under blind review, until the application reaches the decision stage, only
recruiters (who schedule and write to candidates) see a name; everyone else, interviewers and
the hiring manager included, reads "Candidate #id" on every page that names the candidate.
"""

from collections.abc import Callable

from passionhire.permissions import RECRUITER, has_role
from passionhire.redaction import redactor

from ..models import Application


def identity_hidden_from(user, application: Application) -> bool:
    return (
        application.role.blind_review and not application.revealed and not has_role(user, RECRUITER)
    )


def hide_identity(application: Application) -> Callable[[str], str]:
    """Replace the candidate's name and contact details on this in-memory instance (never
    saved) with the blind alias; returns a redactor for free text that names them."""
    candidate = application.candidate
    redact = redactor([candidate.name], [candidate.email])
    candidate.name, candidate.email, candidate.phone = application.alias, "", ""
    return redact
