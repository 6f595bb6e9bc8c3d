"""Reads for the Passion Test pages: a version with its questions, a candidate's results, and
the per-trait internal consistency of a version."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy

from passionhire.traits import Trait, guide_for, trait_name

from ..models import (
    Answer,
    Application,
    ApplicationEvent,
    Evidence,
    PassionTestInvitation,
    PassionTestResponse,
    Question,
    Questionnaire,
)
from . import psychometrics, quality_words, response_quality


def questionnaire_versions() -> list[Questionnaire]:
    """Every version, newest first, with `n_responses` (submitted) and `n_started`."""
    return list(
        Questionnaire.objects.annotate(
            n_responses=Count("responses", filter=Q(responses__submitted_at__isnull=False)),
            n_started=Count("responses"),
        ).order_by("-version")
    )


def questionnaire_questions(questionnaire: Questionnaire) -> dict[str, list[Question]]:
    """The version's questions by kind, in order, retired ones included, options loaded."""
    grouped: dict[str, list[Question]] = {kind: [] for kind in Question.Kind.values}
    for question in (
        questionnaire.questions.select_related("twin")
        .prefetch_related("options")
        .order_by("position", "pk")
    ):
        grouped[question.kind].append(question)
    return grouped


@dataclass
class TraitResult:
    trait: Trait
    test_score: float | None
    combined: float | None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def guide(self):
        return guide_for(self.trait)


@dataclass
class WhyAnswer:
    answer: Answer
    ratings: dict[str, int]  # trait -> 1..5
    form: object = None  # the rating form, set by the view for recruiters

    @property
    def rating_rows(self):
        """(guide, current rating) for each trait the prompt is rated on."""
        return [(guide_for(t), self.ratings.get(t)) for t in self.answer.question.traits]


@dataclass
class PassionTestResults:
    application: Application
    invitation: PassionTestInvitation | None
    response: PassionTestResponse | None
    answered: int
    total_questions: int
    traits: list[TraitResult]
    why_answers: list[WhyAnswer]
    events: list[ApplicationEvent]
    # The scored response waiting for "Review the test", or whose retake is still unanswered.
    review: PassionTestResponse | None = None

    @property
    def review_actions(self) -> list[tuple[str, str]]:
        """(action, label) of the answers open on `review`: all three while it is pending;
        accept or go on without it while its retake is unanswered."""
        if self.review is None:
            return []
        if self.review.review == PassionTestResponse.Review.PENDING:
            return list(REVIEW_ACTIONS.items())
        return [(a, label) for a, label in REVIEW_ACTIONS.items() if a != "retake"]

    @property
    def measurements(self) -> list[str]:
        """The quality checks' measurements in plain words (nothing for a hidden response)."""
        quality = self.response.quality if self.response is not None else {}
        return response_quality.measurement_lines(quality or {})

    @property
    def flags_shown(self) -> list[dict]:
        """The response's quality flags in the reader's language (nothing for a hidden one)."""
        flags = self.response.flags if self.response is not None else []
        return [quality_words.flag_shown(flag) for flag in flags or []]

    @property
    def review_flags_shown(self) -> list[dict]:
        """The flags of the test waiting for "Review the test", in the reader's language."""
        flags = self.review.flags if self.review is not None else []
        return [quality_words.flag_shown(flag) for flag in flags or []]

    @property
    def chart_data(self) -> dict:
        return {
            "labels": [str(trait_name(t.trait)) for t in self.traits],
            "scores": [t.test_score for t in self.traits],
            "combined": [t.combined for t in self.traits],
        }


REVIEW_ACTIONS = {
    "accept": gettext_lazy("Accept the test"),
    "retake": gettext_lazy("Ask for a retake"),
    "waive": gettext_lazy("Proceed without the test"),
}
SCORE_FIELDS = (
    "composite_score",
    "confidence",
    "rank_score",
    *(f"score_{t.value}" for t in Trait),
)


def hide_scores(application: Application) -> Application:
    """Clear, on this in-memory instance only, every number and flag derived from evidence:
    what a viewer who may not see scores is handed (it is never saved)."""
    for name in SCORE_FIELDS:
        setattr(application, name, None)
    application.flags = 0
    return application


def application_results(
    *, application_id: int, with_scores: bool = True, with_events: bool = True
) -> PassionTestResults | None:
    """The application with its Passion Test and evidence. `with_scores=False` (the caller
    decided the viewer may not see them yet) returns the test's state only: no trait scores,
    reliability, quality flags, evidence or why answers, not even loaded. `with_events=False`
    leaves out the latest events, for a page that reads the whole history itself."""
    application = (
        Application.objects.select_related("candidate", "role", "role__hiring_manager")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return None
    if not with_scores:
        hide_scores(application)
    invitation = (
        PassionTestInvitation.objects.filter(application=application)
        .select_related("response", "response__questionnaire", "retake_of")
        .order_by("revoked_at", "-created_at")  # a live one (null revoked_at) first
        .first()
    )
    response = invitation.response_or_none if invitation else None
    review = None
    retake_unanswered = (
        invitation is not None
        and invitation.retake_of is not None
        and not invitation.is_revoked
        and (response is None or not response.is_submitted)
    )
    if with_scores and response is not None and response.review == response.Review.PENDING:
        review = response
    elif with_scores and retake_unanswered:
        review = invitation.retake_of  # asked to take it again; not taken yet
    answered = total = 0
    why_answers = []
    if response is not None and not with_scores:
        response.reliability, response.flags, response.quality = None, [], {}
    if response is not None:
        total = response.questionnaire.questions.filter(is_retired=False).count()
        answers = list(
            response.answers.select_related("question")
            .prefetch_related("ratings")
            .order_by("question__position")
        )
        answered = sum(1 for a in answers if a.likert or a.option_id or a.text.strip())
        why_answers = [
            WhyAnswer(answer=a, ratings={r.trait: r.rating for r in a.ratings.all()})
            for a in answers
            if a.question.kind == Question.Kind.WHY and with_scores
        ]
    by_trait: dict[str, list[Evidence]] = defaultdict(list)
    evidence = Evidence.objects.filter(application=application).select_related("author")
    for row in evidence if with_scores else []:
        by_trait[row.trait].append(row)
    test_origin = response.evidence_origin if response else None
    traits = []
    for trait in Trait:
        rows = by_trait.get(trait.value, [])
        test = next((e for e in rows if e.origin == test_origin), None)
        traits.append(
            TraitResult(
                trait=trait,
                test_score=test.value if test else None,
                # All evidence, with the role's source weights: the shortlist's trait score.
                combined=getattr(application, f"score_{trait.value}"),
                evidence=rows,
            )
        )
    events = (
        list(ApplicationEvent.objects.filter(application=application).select_related("actor")[:15])
        if with_events
        else []
    )
    return PassionTestResults(
        application=application,
        invitation=invitation,
        response=response,
        answered=answered,
        total_questions=total,
        traits=traits,
        why_answers=why_answers,
        events=events,
        review=review,
    )


@dataclass
class ItemRow:
    question: Question
    item_total: float | None
    alpha_if_dropped: float | None


@dataclass
class TraitConsistency:
    trait: Trait
    alpha: float | None
    items: list[ItemRow]

    @property
    def verdict(self) -> str:
        if self.alpha is None:
            return "unknown"
        if self.alpha >= 0.8:
            return "good"
        if self.alpha >= 0.7:
            return "acceptable"
        if self.alpha >= 0.6:
            return "questionable"
        return "poor"


@dataclass
class Consistency:
    questionnaire: Questionnaire
    n_responses: int
    n_used: int
    enough: bool
    minimum: int
    traits: list[TraitConsistency]


def trait_consistency(
    *, questionnaire: Questionnaire, include_flagged: bool = False, language: str | None = None
) -> Consistency:
    """Cronbach's alpha per trait over this version's submitted responses (reverse keys
    applied), with each statement's corrected item-total correlation and the alpha without it.
    Responses with quality flags are left out unless `include_flagged`; only those taken in
    `language` when it is given (a translated statement can behave differently)."""
    statements = list(
        questionnaire.questions.filter(kind=Question.Kind.LIKERT, is_retired=False).order_by(
            "position"
        )
    )
    responses = PassionTestResponse.objects.filter(
        questionnaire=questionnaire, submitted_at__isnull=False
    )
    if language:
        responses = responses.filter(language=language)
    n_responses = responses.count()
    if not include_flagged:
        responses = responses.filter(flags=[])
    matrix: dict[int, dict[int, int]] = defaultdict(dict)
    reverse = {q.pk: q.reverse_keyed for q in statements}
    for response_id, question_id, value in Answer.objects.filter(
        response__in=responses, question_id__in=reverse, likert__isnull=False
    ).values_list("response_id", "question_id", "likert"):
        matrix[response_id][question_id] = psychometrics.keyed(value, reverse[question_id])
    minimum = psychometrics.MIN_RESPONSES_FOR_ALPHA
    enough = len(matrix) >= minimum
    traits = []
    for trait in Trait:
        items = [q for q in statements if q.traits == [trait.value]]
        ids = [q.pk for q in items]
        rows = [
            [answers[i] for i in ids]
            for answers in matrix.values()
            if all(i in answers for i in ids)
        ]
        if enough and len(ids) >= 2:
            stats = psychometrics.item_statistics(ids, rows)
            alpha = psychometrics.cronbach_alpha(rows)
        else:
            stats, alpha = [psychometrics.ItemStatistic(i, None, None) for i in ids], None
        traits.append(
            TraitConsistency(
                trait=trait,
                alpha=alpha,
                items=[
                    ItemRow(
                        question=q, item_total=s.item_total, alpha_if_dropped=s.alpha_if_dropped
                    )
                    for q, s in zip(items, stats, strict=True)
                ],
            )
        )
    return Consistency(
        questionnaire=questionnaire,
        n_responses=n_responses,
        n_used=len(matrix),
        enough=enough,
        minimum=minimum,
        traits=traits,
    )


@dataclass
class LanguageConsistency:
    code: str
    name: str
    consistency: Consistency


def consistency_by_language(
    *, questionnaire: Questionnaire, include_flagged: bool = False
) -> list[LanguageConsistency]:
    """`trait_consistency` for each shipped language this version was taken in, in the order
    of settings.LANGUAGES: the same statements may hang together in one language and not in
    another, where a translation reads differently."""
    taken = set(
        PassionTestResponse.objects.filter(
            questionnaire=questionnaire, submitted_at__isnull=False
        ).values_list("language", flat=True)
    )
    return [
        LanguageConsistency(
            code=code,
            name=name,
            consistency=trait_consistency(
                questionnaire=questionnaire, include_flagged=include_flagged, language=code
            ),
        )
        for code, name in settings.LANGUAGES
        if code in taken
    ]
