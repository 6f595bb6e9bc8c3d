"""Writing to a candidate (once per logical email, noted on their timeline), and the rule
that nothing more is recorded about a candidate whose personal data was erased."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_lazy

from passionhire.audit import audit_record
from passionhire.emails import send_email_once, templated_email

from ..models import Application, ApplicationEvent, Candidate
from ..passion_test.translations import responses_take_language

ERASED_MESSAGE = gettext_lazy(
    "This candidate's personal data was erased; nothing more can be recorded about them."
)


def candidate_check_not_erased(candidate: Candidate) -> None:
    """Refuse any write that would attach new words or contact to an erased candidate. Every
    service that records something about a candidate calls this before it writes anything."""
    if candidate.is_erased:
        raise ValidationError(ERASED_MESSAGE, code="erased")


def email_candidate_once(
    application: Application,
    template: str,
    what: str,
    *,
    email_template_id: int | None = None,
    key: str = "",
    status_url: str = "",
) -> bool:
    """Send the candidate `candidates/emails/<template>` (in the wording picked, else the
    default) once per application, or per `key` (the email ledger's), and note it on the
    application's timeline. Returns True if it sent."""
    candidate = application.candidate
    message = templated_email(
        template=f"candidates/emails/{template}",
        context={
            "application": application,
            "candidate": candidate,
            "role": application.role,
            "organisation": settings.PASSIONHIRE["ORGANISATION_NAME"],
            "email_template_id": email_template_id,
            "status_url": status_url,
        },
        to=[candidate.email],
        language=application.language,
    )
    key = key or f"application:{application.pk}:{template}"
    sent = send_email_once(key=key, message=message)
    if sent:
        ApplicationEvent.objects.create(
            application=application,
            kind=ApplicationEvent.Kind.EMAIL,
            message=f"{what} email sent to {candidate.email}",
        )
    return sent


@transaction.atomic
def application_set_language(*, application_id: int, language: str) -> bool:
    """The language the candidate chose with the switch on one of the application's signed-link
    pages: every later email to them uses it (passionhire/languages.py). True when it changed.
    ValidationError for a language we don't ship (the view refuses those first)."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(gettext("That language is not one we offer."), code="language")
    row = (
        Application.objects.select_for_update()
        .filter(pk=application_id)
        .values("language", "role_id", "candidate_id")
        .first()
    )
    if row is None or row["language"] == language:
        return False
    Application.objects.filter(pk=application_id).update(language=language)
    # A test not yet submitted is now being taken in this language.
    responses_take_language(application_id=application_id, language=language)
    audit_record(
        actor=None,
        action="application.language",
        target=f"application:{application_id}",
        role_id=row["role_id"],
        candidate_id=row["candidate_id"],
        before={"language": row["language"]},
        after={"language": language, "by": "candidate"},
        summary=f"The candidate chose {language} for application #{application_id}",
    )
    return True
