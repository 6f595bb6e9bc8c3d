"""A response's answers: turning posted values into answers, saving a batch of them in one
write, and which questions count as answered. Callers hold the response's lock."""

from dataclasses import dataclass, field

from django.db.models import Aggregate, CharField, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    LIKERT_MAX,
    LIKERT_MIN,
    WHY_ANSWER_MAX_LENGTH,
    Answer,
    PassionTestResponse,
    Question,
)


def parse_answer(question: Question, raw) -> dict | str:
    """The answer's fields, or an error message for the candidate. `raw` is the posted value;
    a forced-choice block's is the pair (most like me, least like me) of option ids."""
    if question.kind == Question.Kind.BLOCK:
        options = {str(o.pk): o for o in question.options.all()}
        if not isinstance(raw, tuple) or len(raw) != 2 or not all(r in options for r in raw):
            return "Choose one of the options."
        if raw[0] == raw[1]:
            return "Choose different statements for most and least like you."
        return {"likert": None, "option": options[raw[0]], "option_least": options[raw[1]]}
    raw = raw if isinstance(raw, str) else ""
    if question.kind in (Question.Kind.LIKERT, Question.Kind.VIRTUE):
        try:
            value = int(raw)
        except ValueError:
            return f"Choose one of {LIKERT_MIN}-{LIKERT_MAX}."
        if not LIKERT_MIN <= value <= LIKERT_MAX:
            return f"Choose one of {LIKERT_MIN}-{LIKERT_MAX}."
        return {"likert": value}
    if question.kind == Question.Kind.SCENARIO:
        option = next((o for o in question.options.all() if str(o.pk) == raw), None)
        if option is None:
            return "Choose one of the options."
        return {"option": option}
    text = raw.replace("\r\n", "\n").strip()
    if len(text) > WHY_ANSWER_MAX_LENGTH:
        return (
            f"Please keep this answer under {WHY_ANSWER_MAX_LENGTH} characters "
            f"(it has {len(text)})."
        )
    return {"text": text}


@dataclass
class SaveResult:
    saved: int
    errors: dict[int, str]  # question id (or 0 for "not a question here") -> message
    saved_ids: set[int] = field(default_factory=set)
    cleared_ids: set[int] = field(default_factory=set)


@dataclass
class ParsedAnswers:
    """A posted batch turned into answers to write, read before anything is written."""

    answers: list[Answer]
    errors: dict[int, str]
    cleared: list[int]  # why questions whose box was emptied


def parse_answers(response, questions: list[Question], raw_answers: dict) -> ParsedAnswers:
    by_id = {str(q.pk): q for q in questions}
    answers, errors, cleared = [], {}, []
    for question_id, raw in raw_answers.items():
        question = by_id.get(str(question_id))
        if question is None:
            errors[0] = _("An answer was sent for a question that is not in this test.")
            continue
        parsed = parse_answer(question, raw)
        if isinstance(parsed, str):
            errors[question.pk] = parsed
            continue
        if question.kind == Question.Kind.WHY and not parsed["text"]:
            cleared.append(question.pk)  # an emptied box is no answer, not an empty one
            continue
        fields = {"likert": None, "option": None, "option_least": None, "text": ""} | parsed
        answers.append(Answer(response=response, question=question, **fields))
    return ParsedAnswers(answers=answers, errors=errors, cleared=cleared)


def write_answers(response, parsed: ParsedAnswers) -> SaveResult:
    """Write a parsed batch in one upsert (and one delete for emptied boxes). The caller holds
    the response's lock and keeps its `updated_at` (see `save_answers`)."""
    if parsed.cleared:
        Answer.objects.filter(response=response, question_id__in=parsed.cleared).delete()
    if parsed.answers:
        Answer.objects.bulk_create(
            parsed.answers,
            update_conflicts=True,
            unique_fields=["response", "question"],
            update_fields=["likert", "option", "option_least", "text", "answered_at"],
        )
    return SaveResult(
        saved=len(parsed.answers),
        errors=parsed.errors,
        saved_ids={answer.question_id for answer in parsed.answers},
        cleared_ids=set(parsed.cleared),
    )


def save_answers(response, questions: list[Question], raw_answers: dict) -> SaveResult:
    parsed = parse_answers(response, questions, raw_answers)
    result = write_answers(response, parsed)
    if parsed.answers:
        PassionTestResponse.objects.filter(pk=response.pk).update(updated_at=timezone.now())
    return result


# A complete answer: a block needs both choices. Why answers are stored stripped (an emptied
# box is deleted, see `parse_answers`), so a non-empty text is a written answer.
COMPLETE = (
    Q(likert__isnull=False)
    | ~Q(text="")
    | (
        Q(option__isnull=False)
        & (Q(option_least__isnull=False) | ~Q(question__kind=Question.Kind.BLOCK))
    )
)


def answered_question_ids(response: PassionTestResponse) -> set[int]:
    """The questions the response has a complete answer to."""
    return set(response.answers.filter(COMPLETE).values_list("question_id", flat=True))


class _IdList(Aggregate):
    """Ids joined by commas: one column a query can carry a set of ids in."""

    function = "STRING_AGG"
    template = "%(function)s(CAST(%(expressions)s AS TEXT), ',')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(
            compiler, connection, function="GROUP_CONCAT", template="%(function)s(%(expressions)s)"
        )


def answered_ids_of_invitation() -> Subquery:
    """For annotating invitations: the questions their response has a complete answer to, as
    `ids_from` reads them. Lets the link's one query also bring the progress."""
    answered = (
        Answer.objects.filter(response__invitation=OuterRef("pk"))
        .filter(COMPLETE)
        .values("response")
        .annotate(ids=_IdList("question_id"))
        .values("ids")
    )
    return Subquery(answered, output_field=CharField())


def ids_from(value: str | None) -> set[int]:
    return {int(part) for part in (value or "").split(",") if part}
