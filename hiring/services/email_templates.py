"""Wording the emails: save a kind's default or another wording of it, delete one (the
built-in words come back when the default goes). Refused whole when the wording uses
anything but its kind's placeholders."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from passionhire.audit import audit_record
from passionhire.mail_kinds import KINDS
from passionhire.mailtemplates import check
from passionhire.models import EmailTemplate
from passionhire.permissions import RECRUITER, has_role

STANDARD = "Standard"


def _check_actor(actor) -> None:
    if not has_role(actor, RECRUITER):
        raise PermissionDenied("Only recruiters word the organisation's emails.")


@transaction.atomic
def email_template_save(
    *,
    kind: str,
    subject: str,
    body: str,
    actor,
    name: str = "",
    template: EmailTemplate = None,
    language: str = settings.LANGUAGE_CODE,
) -> EmailTemplate:
    """Save a wording of `kind` in `language`: `template` when editing one, else the default
    (when `name` is empty) or a new named one (kinds that may have several); a named wording's
    version in another language takes its English version's name."""
    _check_actor(actor)
    if kind not in KINDS:
        raise ValidationError(gettext("No such email."))
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(gettext("That language is not one we offer."))
    if template is not None and template.language != language:
        raise ValidationError(gettext("That wording is in another language."))
    spec = KINDS[kind]
    subject, body, name = subject.strip(), body.strip() + "\n", " ".join(name.split())
    errors = check(spec, subject, body)
    if name and not spec.many:
        errors.setdefault("name", []).append(gettext("This email has one wording."))
    if errors:
        raise ValidationError(errors)
    if template is None:
        template = (
            EmailTemplate.objects.select_for_update()
            .filter(kind=kind, is_default=True, language=language)
            .first()
            if not name
            else None
        ) or EmailTemplate(kind=kind, is_default=not name, name=name or STANDARD, language=language)
    elif template.kind != kind:
        raise ValidationError(gettext("That wording belongs to another email."))
    before = {"subject": template.subject, "body": template.body} if template.pk else {}
    template.subject, template.body = subject, body
    if name and not template.is_default:
        template.name = name
    template.updated_by, template.updated_at = actor, timezone.now()
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError:
        raise ValidationError(
            {"name": [gettext("Another wording of this email has that name.")]}
        ) from None
    audit_record(
        actor=actor,
        action="email_template.save",
        target=f"email_template:{template.pk}",
        before=before,
        after={
            "kind": kind,
            "name": template.name,
            "language": language,
            "subject": subject,
            "body": body,
        },
        summary=f"Email wording “{template.name}” of {spec.label} saved",
    )
    return template


@transaction.atomic
def email_template_delete(*, template: EmailTemplate, actor) -> None:
    """Delete a wording; deleting a default brings back the built-in words. Deleting a named
    wording's English version deletes its versions in other languages too (they are picked
    through it)."""
    _check_actor(actor)
    if not template.is_default and template.language == settings.LANGUAGE_CODE:
        EmailTemplate.objects.filter(kind=template.kind, name=template.name).exclude(
            pk=template.pk
        ).delete()
    audit_record(
        actor=actor,
        action="email_template.delete",
        target=f"email_template:{template.pk}",
        before={
            "kind": template.kind,
            "name": template.name,
            "language": template.language,
            "subject": template.subject,
        },
        summary=f"Email wording “{template.name}” of {KINDS[template.kind].label} deleted",
    )
    template.delete()
