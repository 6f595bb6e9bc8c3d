"""The apply form: what a candidate types on a phone, checked before anything is saved."""

import re

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from passionhire.forms import single_line
from passionhire.phones import phone_to_e164

from ..models import KnockoutQuestion
from .apply import Applicant
from .cv import check_cv, safe_display_name

# utm_* values are kept for the source report: short, plain tokens only.
UTM_VALUE = re.compile(r"[^A-Za-z0-9 ._+\-]")


def clean_utm(value: str | None) -> str:
    return UTM_VALUE.sub("", (value or "")[:100]).strip()


class ApplyForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        validators=[single_line],
        error_messages={"required": _("Tell us your name.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("We send your Passion Test link and news about your application here."),
        error_messages={
            "required": _("We need your email address to send you your Passion Test link."),
            "invalid": _("Enter a valid email address, like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        help_text=_("Best with the country code, e.g. +44 20 7946 0958 or +34 612 345 678."),
        error_messages={"required": _("We need a phone number to reach you about interviews.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    cv = forms.FileField(
        label=_("CV (optional)"),
        required=False,
        help_text=format_lazy(
            _("PDF or Word (.docx), up to {mb} MB."), mb=settings.PASSIONHIRE["CV_MAX_MB"]
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,application/pdf,application/vnd.openxmlformats-"
                "officedocument.wordprocessingml.document",
            }
        ),
    )
    consent = forms.BooleanField(
        required=True,
        label=_("I agree to the privacy notice"),  # the full notice, with its link: __init__
        error_messages={
            "required": _(
                "Tick the box to agree, so we may keep your details and contact you about "
                "this application."
            )
        },
    )
    # The honeypot: hidden from people (and from screen readers), filled in by bots.
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    # Hidden, from the link they came by: anything odd is ignored, never an error to show.
    ref = forms.CharField(required=False, strip=True, widget=forms.HiddenInput)
    utm_source = forms.CharField(required=False, widget=forms.HiddenInput)
    utm_campaign = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, questions: list[KnockoutQuestion], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"knockout_{question.pk}"] = forms.ChoiceField(
                label=question.shown("text"),
                choices=KnockoutQuestion.Answer.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Answer yes or no."),
                    "invalid_choice": _("Answer yes or no."),
                },
            )
        notice = format_html(
            gettext(
                "I agree that {} may keep the details I give here and contact me about this "
                'application, as the <a href="{}" target="_blank" rel="noopener">privacy '
                "notice</a> explains."
            ),
            settings.PASSIONHIRE["ORGANISATION_NAME"],
            reverse("careers:privacy"),
        )
        self.fields["consent"].label = notice

    @property
    def contact_fields(self):
        return [self["name"], self["email"], self["phone"]]

    @property
    def knockout_fields(self):
        return [self[f"knockout_{q.pk}"] for q in self.questions]

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website", "").strip())

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_phone(self) -> str:
        return phone_to_e164(self.cleaned_data["phone"])

    def clean_cv(self):
        upload = self.cleaned_data.get("cv")
        if upload:
            check_cv(upload)
        return upload

    def clean_utm_source(self) -> str:
        return clean_utm(self.cleaned_data.get("utm_source"))

    def clean_utm_campaign(self) -> str:
        return clean_utm(self.cleaned_data.get("utm_campaign"))

    def applicant(self, *, language: str) -> Applicant:
        data = self.cleaned_data
        cv = data.get("cv") or None
        return Applicant(
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            knockout_answers={q.pk: data[f"knockout_{q.pk}"] for q in self.questions},
            cv=cv,
            cv_name=safe_display_name(cv.name) if cv else "",
            utm_source=data["utm_source"],
            utm_campaign=data["utm_campaign"],
            language=language,
        )
