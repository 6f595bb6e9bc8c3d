"""Forms of the Passion Test pages: editing a question, rating a why answer, and reading a
posted page of the candidate's test."""

import re
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from passionhire.traits import Trait, guide_for, trait_name

from .models import OPTION_SCORE_MAX, OPTION_SCORE_MIN, Question
from .pages import option_from_token
from .questionnaire import BLOCK_STATEMENTS, MAX_OPTIONS, OptionInput

SCORE_CHOICES = [("", "–")] + [
    (str(v), str(v)) for v in range(OPTION_SCORE_MIN, OPTION_SCORE_MAX + 1)
]


class QuestionForm(forms.Form):
    """One question of the current version. Scenario options are MAX_OPTIONS rows of a text
    and a 1-5 score per trait; blank rows are ignored."""

    text = forms.CharField(
        label=gettext_lazy("Text"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, kind: str, questionnaire, question: Question | None = None, **kw):
        self.kind = kind
        initial = kw.pop("initial", {}) or {}
        if question is not None:
            initial |= {
                "text": question.text,
                "traits": question.traits if kind != Question.Kind.LIKERT else question.traits[0],
                "reverse_keyed": question.reverse_keyed,
                "twin": question.twin.key if question.twin_id else "",
            }
            for i, option in enumerate(question.options.all(), start=1):
                initial[f"option_{i}_text"] = option.text
                initial[f"option_{i}_trait"] = next(iter(option.scores), "")
                for trait, value in option.scores.items():
                    initial[f"option_{i}_{trait}"] = str(value)
        super().__init__(*args, initial=initial, **kw)
        # The stored values, the names in the reader's language (Trait.label stays English).
        trait_choices = [(t.value, trait_name(t)) for t in Trait]
        if kind == Question.Kind.LIKERT:
            self.fields["traits"] = forms.ChoiceField(
                label=_("Trait"), choices=trait_choices, widget=forms.RadioSelect
            )
            self.fields["reverse_keyed"] = forms.BooleanField(
                required=False,
                label=_("Reverse-keyed"),
                help_text=_("Agreeing with this statement means less of the trait."),
            )
            statements = questionnaire.questions.filter(kind=Question.Kind.LIKERT)
            if question is not None:
                statements = statements.exclude(key=question.key)
            self.fields["twin"] = forms.ChoiceField(
                required=False,
                label=_("Twin statement"),
                help_text=_("The statement on the same trait that says the opposite."),
                choices=[("", _("No twin"))]
                + [(q.key, f"{q.key}: {q.text[:70]}") for q in statements.order_by("position")],
            )
        elif kind == Question.Kind.VIRTUE:
            pass  # an unlikely virtue is its text only: it measures no trait
        else:
            self.fields["traits"] = forms.MultipleChoiceField(
                label=_("Traits"), choices=trait_choices, widget=forms.CheckboxSelectMultiple
            )
        if kind == Question.Kind.BLOCK:
            self.fields["text"].help_text = _("The instruction above the three statements.")
            for i in range(1, BLOCK_STATEMENTS + 1):
                self.fields[f"option_{i}_text"] = forms.CharField(
                    max_length=400, label=_("Statement %(number)s") % {"number": i}
                )
                self.fields[f"option_{i}_trait"] = forms.ChoiceField(
                    required=False,
                    label=_("Counts for"),
                    choices=[("", _("Nothing: the filler"))] + trait_choices,
                )
        if kind == Question.Kind.SCENARIO:
            for i in range(1, MAX_OPTIONS + 1):
                self.fields[f"option_{i}_text"] = forms.CharField(
                    required=False, max_length=400, label=_("Option %(option)s") % {"option": i}
                )
                for trait in Trait:
                    self.fields[f"option_{i}_{trait.value}"] = forms.ChoiceField(
                        required=False, choices=SCORE_CHOICES, label=trait_name(trait)
                    )

    @property
    def block_rows(self):
        """For the template: (text field, trait field) per block statement."""
        return [
            (self[f"option_{i}_text"], self[f"option_{i}_trait"])
            for i in range(1, BLOCK_STATEMENTS + 1)
        ]

    @property
    def option_rows(self):
        """For the template: (text field, [(trait, score field)]) per option row."""
        return [
            (self[f"option_{i}_text"], [(t, self[f"option_{i}_{t.value}"]) for t in Trait])
            for i in range(1, MAX_OPTIONS + 1)
        ]

    def clean(self):
        data = super().clean()
        if self.kind == Question.Kind.SCENARIO and "traits" in data:
            for i in range(1, MAX_OPTIONS + 1):
                scored = [t for t in Trait if data.get(f"option_{i}_{t.value}")]
                if data.get(f"option_{i}_text") and not scored:
                    self.add_error(
                        f"option_{i}_text", _("Score this option on at least one trait.")
                    )
                if scored and not data.get(f"option_{i}_text"):
                    self.add_error(f"option_{i}_text", _("This option has scores but no text."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        traits = data.get("traits", [])
        traits = traits if isinstance(traits, list) else [traits]
        kwargs = {"text": data["text"], "traits": traits}
        if self.kind == Question.Kind.BLOCK:
            kwargs["options"] = [
                OptionInput(
                    text=data[f"option_{i}_text"],
                    scores={data[f"option_{i}_trait"]: 1} if data[f"option_{i}_trait"] else {},
                )
                for i in range(1, BLOCK_STATEMENTS + 1)
            ]
        if self.kind == Question.Kind.LIKERT:
            kwargs |= {"reverse_keyed": data["reverse_keyed"], "twin_key": data["twin"] or None}
        if self.kind == Question.Kind.SCENARIO:
            kwargs["options"] = [
                OptionInput(
                    text=data[f"option_{i}_text"],
                    scores={
                        t.value: int(data[f"option_{i}_{t.value}"])
                        for t in Trait
                        if data.get(f"option_{i}_{t.value}")
                    },
                )
                for i in range(1, MAX_OPTIONS + 1)
                if data.get(f"option_{i}_text")
            ]
        return kwargs


class WhyRatingForm(forms.Form):
    """A 1-5 rating on the rubric of each trait the why question probes."""

    def __init__(self, *args, traits: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for trait in traits:
            guide = guide_for(trait)
            self.fields[trait] = forms.TypedChoiceField(
                label=guide.label,
                required=False,
                coerce=int,
                choices=[(n, str(n)) for n in guide.rubric],
                widget=forms.RadioSelect(attrs={"class": "btn-check"}),
            )
            self.fields[trait].guide = guide  # the template shows its rubric

    def clean(self):
        data = super().clean()
        if not any(data.get(name) for name in self.fields):
            raise forms.ValidationError(_("Choose a rating for at least one trait."))
        return data

    def ratings(self) -> dict[str, int]:
        return {name: value for name, value in self.cleaned_data.items() if value}


# -- The candidate's pages ---------------------------------------------------------------------

QUESTION_FIELD = re.compile(r"^q(\d{1,18})(-most|-least)?$")
ONE_ANSWER = gettext_lazy("Choose one answer.")


@dataclass
class PostedPage:
    """One posted page of the test, read: `answers` for the service ({question id: value},
    option tokens turned into option ids, a block's value the pair (most, least)), `errors`
    refused here, `stray` when a field names a question that is not on the page, and
    `values` what the candidate chose, to show again ({field name: token or text})."""

    answers: dict[str, str | tuple[str, str]] = field(default_factory=dict)
    errors: dict[int, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    stray: bool = False


def _option_id(response_id: int, question: Question, token: str) -> str | None:
    option = option_from_token(response_id, list(question.options.all()), token)
    return str(option.pk) if option is not None else None


def read_page(post, *, questions: list[Question], response_id: int) -> PostedPage:
    """Read a page's form. Fields are q<id> (a block's are q<id>-most and q<id>-least); an
    option is named by its per-response token (`pages.option_token`), never by its id, so an
    id copied from another candidate's form, or a database id, is refused. Other fields
    (including any time stamps a browser may send) are ignored."""
    page = PostedPage()
    on_page = {str(q.pk): q for q in questions}
    for name in post:
        match = QUESTION_FIELD.match(name)
        if match and match.group(1) not in on_page:
            page.stray = True
    for question in questions:
        name = f"q{question.pk}"
        if question.kind == Question.Kind.BLOCK:
            most, least = post.getlist(f"{name}-most"), post.getlist(f"{name}-least")
            page.values |= {f"{name}-most": most[-1] if most else ""}
            page.values |= {f"{name}-least": least[-1] if least else ""}
            if len(most) > 1 or len(least) > 1:
                which = "most" if len(most) > 1 else "least"
                page.errors[question.pk] = (
                    _("Choose only one statement as most like you.")
                    if which == "most"
                    else _("Choose only one statement as least like you.")
                )
            elif most and least:
                pair = tuple(_option_id(response_id, question, t) for t in (most[0], least[0]))
                if None in pair:
                    page.errors[question.pk] = _("Choose one of the options.")
                elif pair[0] == pair[1]:
                    page.errors[question.pk] = _(
                        "Choose different statements for most and least like you."
                    )
                else:
                    page.answers[str(question.pk)] = pair
            elif any(_option_id(response_id, question, t) is None for t in most + least):
                # Only one of the two chosen: nothing to save yet, but a bad id is refused.
                page.errors[question.pk] = _("Choose one of the options.")
            continue
        posted = post.getlist(name)
        if not posted:
            continue
        page.values[name] = posted[-1]
        if len(posted) > 1:
            page.errors[question.pk] = ONE_ANSWER
        elif question.kind == Question.Kind.SCENARIO:
            option_id = _option_id(response_id, question, posted[0])
            if option_id is None:
                page.errors[question.pk] = _("Choose one of the options.")
            else:
                page.answers[str(question.pk)] = option_id
        else:
            page.answers[str(question.pk)] = posted[0]
    return page
