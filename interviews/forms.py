"""Forms of the interviews app. They check shape and say what is wrong next to the field;
the services check the rules again and do the writing."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from passionhire.forms import form_helper, single_line
from passionhire.traits import Trait, guide_for, trait_name

from .labels import RECOMMENDATION_LABELS, SEEN_LABELS
from .models import (
    BankQuestion,
    CoreValue,
    Interview,
    Observation,
    Recommendation,
)
from .models.scorecards import EVIDENCE_MAX_LENGTH
from .services.scheduling import MAX_SLOTS

SLOT_FIELDS = 6
# How far ahead an interview may be set: past this a date is a typo (or an attack; a year
# 9999 time would overflow once its length is added).
MAX_DAYS_AHEAD = 2 * 366
NO_EVIDENCE = "none"
DURATIONS = [
    (30, gettext_lazy("30 minutes")),
    (45, gettext_lazy("45 minutes")),
    (60, gettext_lazy("1 hour")),
    (90, gettext_lazy("1½ hours")),
    (120, gettext_lazy("2 hours")),
]


def within_reach(value) -> None:
    if value is not None and value > timezone.now() + timedelta(days=MAX_DAYS_AHEAD):
        raise forms.ValidationError(
            gettext("Choose a time within the next two years."), code="too_far_ahead"
        )


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _trait_choices():
    return [(t.value, trait_name(t)) for t in Trait]


class CoreValueForm(forms.Form):
    name = forms.CharField(max_length=120, label=gettext_lazy("The value, in your words"))
    description = forms.CharField(
        max_length=600,
        required=False,
        label=gettext_lazy("Description"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What living it looks like here."),
    )
    traits = forms.MultipleChoiceField(
        choices=_trait_choices,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Traits"),
        help_text=gettext_lazy("The traits someone who lives this value shows."),
        error_messages={"required": gettext_lazy("Choose at least one trait.")},
    )

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit_label or gettext("Add the value"))


class BankQuestionForm(forms.Form):
    core_value = forms.ModelChoiceField(
        queryset=CoreValue.objects.filter(is_active=True),
        label=gettext_lazy("Core value"),
        empty_label=gettext_lazy("Choose a core value…"),
        error_messages={
            "invalid_choice": gettext_lazy("That value is retired or gone; choose another.")
        },
    )
    text = forms.CharField(
        max_length=600,
        label=gettext_lazy("Question: what did they do?"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    traits = forms.MultipleChoiceField(
        choices=_trait_choices,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Traits"),
        help_text=gettext_lazy("Which traits a good answer shows. The first one ticked leads."),
        error_messages={"required": gettext_lazy("Choose at least one trait.")},
    )
    probes = forms.CharField(
        label=gettext_lazy("Why follow-ups, one per line"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Ask why the candidate acted, not only what they did."),
        error_messages={"required": gettext_lazy("Add at least one why follow-up.")},
    )

    def __init__(self, *args, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit_label or gettext("Add the question"))

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "core_value": data["core_value"],
            "text": data["text"],
            "traits": data["traits"],
            "probes": data["probes"].splitlines(),
        }


class GuideAddForm(forms.Form):
    question = forms.ModelChoiceField(
        queryset=BankQuestion.objects.none(),
        label=gettext_lazy("Question to add"),
        empty_label=gettext_lazy("Add a question from the bank…"),
        error_messages={
            "invalid_choice": gettext_lazy("That question is retired or already in the guide.")
        },
    )

    def __init__(self, *args, guide, **kwargs):
        super().__init__(*args, **kwargs)
        used = guide.items.values("question_id")
        self.fields["question"].queryset = (
            BankQuestion.objects.filter(is_active=True, core_value__is_active=True)
            .exclude(pk__in=used)
            .select_related("core_value")
        )
        self.fields["question"].label_from_instance = lambda q: (
            f"{', '.join(q.trait_labels)} · {q.shown_text[:90]}"
        )


class ScheduleForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=Interview.Kind.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        initial=Interview.Kind.VALUES,
    )
    interviewers = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Interviewers"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={"required": gettext_lazy("Choose at least one interviewer.")},
    )
    duration_minutes = forms.TypedChoiceField(
        choices=DURATIONS,
        coerce=int,
        initial=60,
        label=gettext_lazy("Length"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    location = forms.CharField(
        label=gettext_lazy("Where"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("A room, an address or a video-call link."),
        validators=[single_line],
    )
    offer_anyway = forms.BooleanField(
        required=False,
        label=gettext_lazy("Offer these times anyway (the clashing ones can't be picked)"),
    )

    def __init__(self, *args, interviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewers"].queryset = interviewers
        self.fields["interviewers"].label_from_instance = lambda u: u.get_display_name()
        for n in range(1, SLOT_FIELDS + 1):
            self.fields[f"slot_{n}"] = forms.DateTimeField(
                required=False,
                label=gettext("Time {n}").format(n=n),
                widget=DateTimeLocalInput(),
                error_messages={"invalid": gettext_lazy("Enter a date and time.")},
                validators=[within_reach],
            )

    @property
    def slot_fields(self):
        return [self[f"slot_{n}"] for n in range(1, SLOT_FIELDS + 1)]

    def clean(self):
        data = super().clean()
        slots = [data.get(f"slot_{n}") for n in range(1, SLOT_FIELDS + 1)]
        data["slots"] = [s for s in slots if s]
        if not data["slots"] and not any(
            self.has_error(f"slot_{n}") for n in range(1, SLOT_FIELDS + 1)
        ):
            self.add_error("slot_1", gettext("Offer at least one time."))
        if len(data["slots"]) > MAX_SLOTS:
            self.add_error(None, gettext("Offer at most {n} times.").format(n=MAX_SLOTS))
        return data


class RescheduleForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=gettext_lazy("New time"),
        widget=DateTimeLocalInput(),
        error_messages={"invalid": gettext_lazy("Enter a date and time.")},
        validators=[within_reach],
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        max_length=300, required=False, label=gettext_lazy("Reason (shown in the history)")
    )


class ScorecardForm(forms.Form):
    """A rating (1-5 on the rubric, or "no evidence") and written evidence per trait the
    interview covers, then an overall recommendation."""

    recommendation = forms.ChoiceField(
        label=gettext_lazy("Recommendation"),
        choices=[(value, RECOMMENDATION_LABELS[value]) for value in Recommendation.values],
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"required": gettext_lazy("Choose your overall recommendation.")},
    )
    summary = forms.CharField(
        required=False,
        max_length=EVIDENCE_MAX_LENGTH,
        label=gettext_lazy("Anything else the hiring team should know"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, traits: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.traits = [Trait(t) for t in traits]
        for trait in self.traits:
            self.fields[f"rating_{trait.value}"] = forms.ChoiceField(
                choices=[(str(n), str(n)) for n in range(1, 6)]
                + [(NO_EVIDENCE, gettext("No evidence"))],
                widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                label=trait.label,
                error_messages={
                    "required": gettext(
                        "Choose a rating, or “No evidence” if the interview did not reach this "
                        "trait."
                    ),
                    "invalid_choice": gettext("Choose a rating from 1 to 5, or “No evidence”."),
                },
            )
            self.fields[f"evidence_{trait.value}"] = forms.CharField(
                required=False,
                max_length=EVIDENCE_MAX_LENGTH,
                label=gettext("Evidence for {trait}").format(trait=str(trait.label).lower()),
                widget=forms.Textarea(
                    attrs={
                        "rows": 3,
                        "placeholder": gettext("What did they say or do, and why did they do it?"),
                    }
                ),
            )

    @property
    def trait_rows(self):
        return [
            {
                "trait": trait,
                "guide": guide_for(trait),
                "rating": self[f"rating_{trait.value}"],
                "evidence": self[f"evidence_{trait.value}"],
            }
            for trait in self.traits
        ]

    def clean(self):
        data = super().clean()
        for trait in self.traits:
            rating = data.get(f"rating_{trait.value}")
            evidence = (data.get(f"evidence_{trait.value}") or "").strip()
            if rating and rating != NO_EVIDENCE and not evidence:
                self.add_error(
                    f"evidence_{trait.value}",
                    gettext(
                        "Write the evidence for this rating: what the candidate said or did that "
                        "shows {trait}."
                    ).format(trait=str(trait.label).lower()),
                )
        rated = [data.get(f"rating_{t.value}") for t in self.traits]
        if rated and all(r == NO_EVIDENCE for r in rated):
            self.add_error(
                None,
                gettext(
                    "Rate at least one trait: a scorecard with no evidence at all "
                    "tells the hiring manager nothing."
                ),
            )
        return data

    def ratings(self) -> dict[str, tuple[int | None, str]]:
        out = {}
        for trait in self.traits:
            rating = self.cleaned_data[f"rating_{trait.value}"]
            out[trait.value] = (
                None if rating == NO_EVIDENCE else int(rating),
                self.cleaned_data[f"evidence_{trait.value}"],
            )
        return out

    @classmethod
    def initial_from(cls, scorecard) -> dict:
        initial = {"recommendation": scorecard.recommendation, "summary": scorecard.summary}
        for rating in scorecard.ratings.all():
            initial[f"rating_{rating.trait}"] = str(rating.rating) if rating.rating else NO_EVIDENCE
            initial[f"evidence_{rating.trait}"] = rating.evidence
        return initial


NOT_SEEN = "not_seen"


class ObservationForm(forms.Form):
    notes = forms.CharField(
        max_length=EVIDENCE_MAX_LENGTH,
        label=gettext_lazy("How did they get on with the team?"),
        widget=forms.Textarea(
            attrs={
                "rows": 4,
                "placeholder": gettext_lazy(
                    "What they asked, how they listened, a moment that stood out…"
                ),
            }
        ),
        error_messages={
            "required": gettext_lazy("Write a few words on how the candidate got on with the team.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(NOT_SEEN, gettext("Didn't see"))] + [
            (value, SEEN_LABELS[value]) for value in Observation.Seen.values
        ]
        for trait in Trait:
            self.fields[f"seen_{trait.value}"] = forms.ChoiceField(
                choices=choices,
                initial=NOT_SEEN,
                required=False,  # left out means "didn't see"
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                label=trait.label,
                error_messages={"invalid_choice": gettext("Choose one of the options.")},
            )

    @property
    def trait_rows(self):
        return [
            {"trait": t, "guide": guide_for(t), "field": self[f"seen_{t.value}"]} for t in Trait
        ]

    def seen(self) -> dict[str, str]:
        return {
            t.value: self.cleaned_data[f"seen_{t.value}"]
            for t in Trait
            if self.cleaned_data[f"seen_{t.value}"] not in ("", NOT_SEEN)
        }
