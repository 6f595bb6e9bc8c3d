"""Forms of the ranked shortlist: its filters, a role's weights, and a decision."""

from django import forms
from django.utils.translation import gettext, gettext_lazy

from candidates import ranking
from candidates.models import Decision, Stage
from candidates.models.shortlist import REASON_MAX_LENGTH
from candidates.selectors import KNOCKED_OUT, KNOCKED_OUT_LABEL, TEST_REVIEW, TEST_REVIEW_LABEL
from candidates.stage_names import STAGE_NAMES, stage_name
from candidates.tags.services import tag_name_clean
from passionhire.traits import Trait, trait_name
from passionhire.vocabulary import SCORE_MAX, SCORE_MIN, WEIGHT_MAX

from .labels import source_name
from .selectors.shortlist import FLAG_FILTERS, SORTS, ShortlistQuery

STAGE_FILTERS = [
    ("active", gettext_lazy("Active (in the pipeline)")),
    *[(s.value, STAGE_NAMES[s]) for s in Stage],
    ("closed", gettext_lazy("Closed (hired, rejected, withdrawn)")),
    ("all", gettext_lazy("All applications")),
]
FLAG_CHOICES = [
    ("", gettext_lazy("Any")),
    ("any", gettext_lazy("Flagged (anything)")),
    ("warnings", gettext_lazy("Warnings (unreliable test, disagreement)")),
    ("none", gettext_lazy("Not flagged")),
    *[(flag.name.lower(), gettext_lazy(label)) for flag, label in ranking.FLAG_LABELS.items()],
]
SORT_CHOICES = [
    ("rank", gettext_lazy("Rank score")),
    ("composite", gettext_lazy("Composite")),
    ("confidence", gettext_lazy("Confidence")),
    *[(t.value, trait_name(t)) for t in Trait],
    ("recent", gettext_lazy("Most recent activity")),
]
assert {k for k, _ in SORT_CHOICES} == set(SORTS)
assert {k for k, _ in FLAG_CHOICES} - {"", "none"} <= set(FLAG_FILTERS)


def _clean_tag(form) -> str:
    """A tag filter: "" for none, else the tag as stored (or the reason it cannot be one)."""
    value = form.cleaned_data.get("tag") or ""
    return tag_name_clean(value) if value.strip() else ""


class PipelineFilterForm(forms.Form):
    """The role pipeline's filters, read from the query string."""

    stage = forms.ChoiceField(
        choices=[
            ("", gettext_lazy("All")),
            *[(s.value, STAGE_NAMES[s]) for s in Stage],
            (TEST_REVIEW, TEST_REVIEW_LABEL),
            (KNOCKED_OUT, KNOCKED_OUT_LABEL),
        ],
        required=False,
        label=gettext_lazy("Stage"),
    )
    tag = forms.CharField(required=False, label=gettext_lazy("Tag"))

    def clean_tag(self) -> str:
        return _clean_tag(self)


def _score_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=SCORE_MIN,
        max_value=SCORE_MAX,
        widget=forms.NumberInput(attrs={"step": 5, "placeholder": SCORE_MIN}),
    )


class ShortlistFilterForm(forms.Form):
    """Read from the query string. A bad value is dropped (with a message), never a 500."""

    stage = forms.ChoiceField(choices=STAGE_FILTERS, required=False, label=gettext_lazy("Stage"))
    min_composite = _score_field(gettext_lazy("Composite at least"))
    flag = forms.ChoiceField(choices=FLAG_CHOICES, required=False, label=gettext_lazy("Flags"))
    sort = forms.ChoiceField(choices=SORT_CHOICES, required=False, label=gettext_lazy("Sort by"))
    q = forms.CharField(max_length=100, required=False, label=gettext_lazy("Search"))
    tag = forms.CharField(required=False, label=gettext_lazy("Tag"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for trait in Trait:
            self.fields[f"min_{trait.value}"] = _score_field(
                gettext("%(trait)s at least") % {"trait": trait_name(trait)}
            )

    def clean_tag(self) -> str:
        return _clean_tag(self)

    def ignored(self) -> list[str]:
        """One sentence per parameter that was not understood."""
        return [
            gettext("Ignored %(field)s = “%(value)s”: %(errors)s")
            % {
                "field": self.fields[name].label or name,
                "value": str(self.data.get(name))[:40],
                "errors": " ".join(errors),
            }
            for name, errors in self.errors.items()
        ]

    def query(self) -> ShortlistQuery:
        self.is_valid()
        data = self.cleaned_data
        return ShortlistQuery(
            stage=data.get("stage") or "active",
            min_composite=data.get("min_composite"),
            min_traits={
                t.value: data[f"min_{t.value}"]
                for t in Trait
                if data.get(f"min_{t.value}") is not None
            },
            flag=data.get("flag") or "",
            sort=data.get("sort") or "rank",
            query=(data.get("q") or "").strip(),
            tag=data.get("tag") or "",
        )

    def trait_fields(self):
        return [self[f"min_{t.value}"] for t in Trait]


def _weight(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=WEIGHT_MAX,
        widget=forms.NumberInput(attrs={"step": 1}),
    )


class WeightsForm(forms.Form):
    def __init__(self, *args, role, **kwargs):
        initial = {f"weight_{t.value}": w for t, w in role.weights.items()}
        initial |= {f"source_{s}": w for s, w in role.source_weights.items()}
        super().__init__(*args, initial=initial, **kwargs)
        for trait in Trait:
            self.fields[f"weight_{trait.value}"] = _weight(trait_name(trait))
        for source in ranking.SOURCES:
            self.fields[f"source_{source}"] = _weight(source_name(source))

    def clean(self):
        data = super().clean()
        traits = [data.get(f"weight_{t.value}") for t in Trait]
        if None not in traits and sum(traits) == 0:
            raise forms.ValidationError(gettext("At least one trait needs a weight above 0."))
        sources = [data.get(f"source_{s}") for s in ranking.SOURCES]
        if None not in sources and sum(sources) == 0:
            raise forms.ValidationError(
                gettext("At least one source of evidence needs a weight above 0.")
            )
        return data

    def trait_fields(self):
        return [self[f"weight_{t.value}"] for t in Trait]

    def source_fields(self):
        return [self[f"source_{s}"] for s in ranking.SOURCES]

    def trait_weights(self) -> dict[str, int]:
        return {t.value: self.cleaned_data[f"weight_{t.value}"] for t in Trait}

    def source_weights(self) -> dict[str, int]:
        return {s: self.cleaned_data[f"source_{s}"] for s in ranking.SOURCES}


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    reason = forms.CharField(
        max_length=REASON_MAX_LENGTH,
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Recorded with your name. The candidate never sees it."),
        error_messages={
            "required": gettext_lazy("Give a reason: every decision is a person's, with why.")
        },
    )
    seen_stage = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, choices: list[Decision.Kind], stage: str, **kwargs):
        super().__init__(*args, initial={"seen_stage": stage}, **kwargs)
        self.fields["kind"].choices = [(k.value, gettext(k.label)) for k in choices]

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(
                gettext("Give a reason: every decision is a person's, with why.")
            )
        return reason


class MoveForm(forms.Form):
    """A card's "Move to…" menu (and the board's drag, which posts the same fields)."""

    to = forms.ChoiceField(label=gettext_lazy("Move to"))
    reason = forms.CharField(
        max_length=REASON_MAX_LENGTH,
        label=gettext_lazy("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "Needed to make an offer, hire, reject or record a withdrawal. Recorded with "
            "your name; the candidate never sees it."
        ),
    )
    seen_stage = forms.ChoiceField(choices=Stage.choices, widget=forms.HiddenInput)

    def __init__(self, *args, targets: list[Stage] | None = None, stage: str = "", **kwargs):
        super().__init__(*args, initial={"seen_stage": stage}, **kwargs)
        # Any stage is understood; whether the move is open is the service's to say.
        choices = [(s.value, stage_name(s)) for s in (Stage if targets is None else targets)]
        self.fields["to"].choices = choices
