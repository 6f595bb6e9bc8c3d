"""Reads for the public careers pages: only published, open roles, and only what a stranger
may see of them (never the hiring manager, weights, counts or candidates)."""

import json

from django.db.models import QuerySet
from django.utils import timezone

from passionhire.markdown import render_markdown

from ..models import KnockoutQuestion, Role

PUBLIC_FIELDS = (
    "title",
    "team",
    "description",
    "translations",  # the texts in the languages a candidate may read them in
    "location",
    "workplace",
    "employment_type",
    "pay_min",
    "pay_max",
    "pay_currency",
    "pay_period",
    "published_at",
    "updated_at",
)


def _public() -> QuerySet[Role]:
    return Role.objects.filter(status=Role.Status.OPEN, published_at__isnull=False)


def published_roles(*, location: str = "", employment_type: str = "") -> QuerySet[Role]:
    """Published open roles, newest first, optionally filtered; one query, whatever the
    number of roles or applicants."""
    roles = _public()
    if location:
        roles = roles.filter(location=location)
    if employment_type in Role.EmploymentType.values:
        roles = roles.filter(employment_type=employment_type)
    return roles.only("pk", *PUBLIC_FIELDS).order_by("-published_at", "pk")


def published_role(pk: int) -> Role | None:
    return published_roles().filter(pk=pk).first()


def role_locations() -> list[str]:
    """The locations of the published roles, for the filter."""
    return list(
        _public()
        .exclude(location="")
        .order_by("location")
        .values_list("location", flat=True)
        .distinct()
    )


def job_posting_json(role: Role, *, url: str, organisation: str) -> str:
    """schema.org JobPosting for search engines, as JSON safe inside a <script> element:
    json.dumps escapes quotes, and <, >, & become \\u escapes so no text can close the script."""
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": role.title,
        "description": render_markdown(role.description) or role.title,
        "datePosted": timezone.localdate(role.published_at).isoformat(),
        "employmentType": role.employment_type,
        "hiringOrganization": {"@type": "Organization", "name": organisation},
        "url": url,
        "directApply": True,
    }
    if role.workplace == Role.Workplace.REMOTE:
        data["jobLocationType"] = "TELECOMMUTE"
    if role.location:
        data["jobLocation"] = {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressLocality": role.location},
        }
    if role.pay_min is not None and role.pay_currency:
        value = {"@type": "QuantitativeValue", "unitText": role.pay_period}
        if role.pay_max is not None and role.pay_max != role.pay_min:
            value |= {"minValue": role.pay_min, "maxValue": role.pay_max}
        else:
            value["value"] = role.pay_min
        data["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": role.pay_currency,
            "value": value,
        }
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def knockout_questions(role: Role) -> list[KnockoutQuestion]:
    """The questions every applicant to `role` answers, in the recruiter's order."""
    return list(KnockoutQuestion.objects.filter(role=role).order_by("position", "pk"))
