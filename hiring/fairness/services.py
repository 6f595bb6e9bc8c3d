"""Writes of voluntary self-identification: a candidate's answers and the questions asked."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from candidates.models import Application, Candidate
from candidates.passion_test.translations import is_translatable
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
    words = (
        {}
        if question is None
        else {"text": question.text, "help_text": question.help_text, "options": question.options}
    )
    if question is None:
        last = SelfIdQuestion.objects.order_by("-position").values_list("position", flat=True)
        question = SelfIdQuestion(key=key, position=(last.first() or 0) + 1)
    question.text, question.help_text = text.strip(), help_text.strip()
    question.options, question.active, question.countries = options, active, list(countries)
    # Nobody reads a translation of words that have changed: the other languages show the new
    # English until someone translates it again.
    question.forget_translations(words)
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


@transaction.atomic
def self_id_translation_save(
    *, actor, language: str, texts: Mapping[int, Mapping[str, object]]
) -> list[SelfIdQuestion]:
    """The questions' words in `language`: {question id: {"text", "help_text", "options"}}.
    The options come line for line with the English, or not at all: an answer is stored as
    the English option, so each translated line must say what its English line says. Every
    question is checked before any is saved; an empty text removes that translation."""
    if not is_translatable(language):
        raise ValidationError(gettext("That language is not one we offer."), code="language")
    questions = SelfIdQuestion.objects.select_for_update().in_bulk(list(texts))
    if set(texts) - set(questions):
        raise ValidationError(
            gettext("A question on this page no longer exists; reload the page."), code="stale"
        )
    problems = []
    for pk, given in texts.items():
        options, question = list(given.get("options") or []), questions[pk]
        if options and len(options) != len(question.options):
            problems.append(
                gettext(
                    "“%(question)s” offers %(english)s answers in English and %(given)s here: "
                    "give one per line, in the same order, or none."
                )
                % {
                    "question": question.text,
                    "english": len(question.options),
                    "given": len(options),
                }
            )
        elif len({o.casefold() for o in options}) != len(options):
            problems.append(
                gettext("Two answers to “%(question)s” read the same here.")
                % {"question": question.text}
            )
        elif any(len(o) > SELF_ID_OPTION_MAX for o in options):
            problems.append(
                gettext("An answer is at most %(n)s characters: “%(answer)s…”.")
                % {"n": SELF_ID_OPTION_MAX, "answer": max(options, key=len)[:40]}
            )
    if problems:
        raise ValidationError(problems, code="options")
    for pk, given in texts.items():
        questions[pk].set_translations(
            language,
            {
                "text": " ".join(str(given.get("text") or "").split()),
                "help_text": " ".join(str(given.get("help_text") or "").split()),
                "options": list(given.get("options") or []),
            },
        )
    changed = [questions[pk] for pk in texts]
    SelfIdQuestion.objects.bulk_update(changed, ["translations"])
    audit_record(
        actor=actor,
        action="self_id.translation",
        target=f"self_id_questions:{language}",
        after={
            "language": language,
            "translated": sorted(q.key for q in changed if language in q.translations),
        },
        summary=f"Saved the {language} words of the voluntary questions",
    )
    return changed
