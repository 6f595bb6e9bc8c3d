"""Reading the emails' wordings: every kind with its wordings, what a kind's wordings are for a
picker, and a preview on a real candidate (their name and role; links and times are samples,
so a preview mints no link and sends nothing)."""

from django.conf import settings
from django.utils.translation import get_language_info, gettext

from candidates.models import Application
from passionhire.mail_kinds import KINDS, sample_values
from passionhire.mailtemplates import Rendered, render
from passionhire.models import EmailTemplate
from passionhire.permissions import RECRUITER, has_role


def email_kinds_with_wordings() -> list[dict]:
    """Each kind with its English default and other wordings, and `languages`: the other
    languages its default has a version in (the rest send PassionHire's built-in words)."""
    rows: dict[str, list[EmailTemplate]] = {}
    versions: dict[str, list[str]] = {}
    for row in EmailTemplate.objects.select_related("updated_by"):
        if row.language == settings.LANGUAGE_CODE:
            rows.setdefault(row.kind, []).append(row)
        elif row.is_default:
            versions.setdefault(row.kind, []).append(row.language)
    return [
        {
            "kind": kind,
            "default": next((r for r in rows.get(key, []) if r.is_default), None),
            "others": [r for r in rows.get(key, []) if not r.is_default],
            "languages": [
                (code, get_language_info(code)["name_translated"], code in versions.get(key, []))
                for code, _name in settings.LANGUAGES
                if code != settings.LANGUAGE_CODE
            ],
        }
        for key, kind in KINDS.items()
    ]


def wordings_of(kind: str) -> list[tuple[int | None, str]]:
    """(id, name) of each wording of `kind`, the default first as None ("as set")."""
    return [(None, gettext("Standard"))] + list(
        EmailTemplate.objects.filter(
            kind=kind, is_default=False, language=settings.LANGUAGE_CODE
        ).values_list("pk", "name")
    )


def bulk_wordings() -> dict[str, list[tuple[int | None, str]]]:
    """The wordings a bulk rejection or email may pick, in one query: {"rejection": [(None,
    "Standard"), (id, name), …], "message": […]}."""
    standard = gettext("Standard")
    wordings = {"rejection": [(None, standard)], "message": [(None, standard)]}
    for kind, pk, name in EmailTemplate.objects.filter(
        kind__in=list(wordings), is_default=False, language=settings.LANGUAGE_CODE
    ).values_list("kind", "pk", "name"):
        wordings[kind].append((pk, name))
    return wordings


def preview_applications(viewer) -> list[Application]:
    """Recent applications a recruiter may preview an email on (never an erased candidate)."""
    if not has_role(viewer, RECRUITER):
        return []
    return list(
        Application.objects.filter(candidate__erased_at__isnull=True)
        .select_related("candidate", "role")
        .order_by("-pk")[:30]
    )


def email_preview(kind: str, subject: str, body: str, application: Application | None) -> Rendered:
    values = sample_values()
    name, title, team = "Ada Example", "Customer Hero", "Care"
    if application is not None:
        name = application.candidate.name
        title, team = application.role.title, application.role.team
    values.update(
        candidate_name=name,
        first_name=name.split()[0] if name.split() else name,
        referral_name=name,
        role_title=title,
        team=team,
    )
    return render(subject, body, values)
