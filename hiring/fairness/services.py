"""Writes of voluntary self-identification: a candidate's answers and the questions asked."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from candidates.models import Application, Candidate
from candidates.services import candidate_check_not_erased
from passionhire.audit import audit_record

from .models import DECLINED, SELF_ID_OPTION_MAX, SelfIdAnswer, SelfIdQuestion
from .selectors import role_countries

OPTIONS_MAX = 20


@transaction.atomic
def self_id_answer(*, application: Application, answers: Mapping[str, str]) -> int:
    """Keep the candidate's answers ({question key: an offered option or DECLINED}); a question
    left out keeps what was there. Every answer is checked before any is saved. The audit row
    says that they answered, never what. Returns the number of answers saved."""
    candidate = Candidate.objects.select_for_update().get(pk=application.candidate_id)
    candidate_check_not_erased(candidate)
    countries = role_countries(candidate.pk)
    # Only what is asked of this candidate: a question for another country is refused too.
    questions = {
        q.key: q for q in SelfIdQuestion.objects.filter(active=True) if q.asked_in(countries)
    }
    errors = {}
    for key, answer in answers.items():
        question = questions.get(key)
        if question is None:
            errors[key] = gettext(
                "This question is not asked (any more, or for this role's country)."
            )
        elif answer != DECLINED and answer not in question.options:
            errors[key] = gettext("Choose one of the answers offered.")
    if errors:
        raise ValidationError(errors)
    for key, answer in answers.items():
        SelfIdAnswer.objects.update_or_create(
            candidate=candidate, question=questions[key], defaults={"answer": answer}
        )
    # Not on the candidate's history, which the people who decide read: that someone
    # answered is kept in the audit log without saying who.
    audit_record(
        actor=None,
        action="self_id.answer",
        target="self_id",
        summary=f"A candidate answered {len(answers)} voluntary question(s) about themselves",
    )
    return len(answers)


def self_id_erase(candidate: Candidate) -> int:
    """Delete the candidate's answers (part of erasing them). Returns how many went."""
    deleted, _ = SelfIdAnswer.objects.filter(candidate=candidate).delete()
    return deleted


def self_id_export(candidate: Candidate) -> list[dict]:
    """The candidate's answers as they gave them, for their own copy of their data."""
    rows = SelfIdAnswer.objects.filter(candidate=candidate).select_related("question")
    return [
        {
            "question": row.question.text,
            "answer": row.answer or "I prefer not to say",
            "answered_at": row.answered_at.isoformat(),
        }
        for row in rows.order_by("question__position", "question__pk")
    ]


def clean_options(lines: str) -> list[str]:
    """Options typed one per line: trimmed, blank lines dropped, each once, 2 to 20 of them."""
    options = []
    for line in lines.splitlines():
        option = " ".join(line.split())
        if option and option.casefold() not in {o.casefold() for o in options}:
            options.append(option)
    if len(options) < 2:
        raise ValidationError(gettext("Give at least two answers, one per line."), code="too_few")
    if len(options) > OPTIONS_MAX:
        raise ValidationError(
            gettext("At most %(n)s answers.") % {"n": OPTIONS_MAX}, code="too_many"
        )
    long = [o for o in options if len(o) > SELF_ID_OPTION_MAX]
    if long:
        raise ValidationError(
            gettext("An answer is at most %(n)s characters: “%(answer)s…”.")
            % {"n": SELF_ID_OPTION_MAX, "answer": long[0][:40]},
            code="too_long",
        )
    return options


@transaction.atomic
def self_id_question_save(
    *,
    actor,
    question: SelfIdQuestion | None,
    key: str,
    text: str,
    help_text: str,
    options: list[str],
    active: bool,
    countries: list[str] = (),
) -> SelfIdQuestion:
    """Add a question or change one. Answers already given keep the words they were given
    in (a renamed answer starts a new group in the reports)."""
    before = (
        None
        if question is None
        else {
            "text": question.text,
            "options": question.options,
            "active": question.active,
            "countries": [c.code for c in question.countries],
        }
    )
    if question is None:
        last = SelfIdQuestion.objects.order_by("-position").values_list("position", flat=True)
        question = SelfIdQuestion(key=key, position=(last.first() or 0) + 1)
    question.text, question.help_text = text.strip(), help_text.strip()
    question.options, question.active, question.countries = options, active, list(countries)
    question.full_clean()
    question.save()
    audit_record(
        actor=actor,
        action="self_id.question",
        target=f"self_id_question:{question.pk}",
        before=before,
        after={
            "text": question.text,
            "options": question.options,
            "active": question.active,
            "countries": [c.code for c in question.countries],
        },
        summary=f"Self-identification question “{question.key}” "
        + ("added" if before is None else "changed"),
    )
    return question
