"""A response's answers: turning posted values into answers, saving a batch of them in one
write, and which questions count as answered. Callers hold the response's lock."""

from dataclasses import dataclass

from django.utils import timezone

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


def save_answers(response, questions: list[Question], raw_answers: dict) -> SaveResult:
    by_id = {str(q.pk): q for q in questions}
    answers, errors, cleared = [], {}, []
    for question_id, raw in raw_answers.items():
        question = by_id.get(str(question_id))
        if question is None:
            errors[0] = "An answer was sent for a question that is not in this test."
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
    if cleared:
        Answer.objects.filter(response=response, question_id__in=cleared).delete()
    if answers:
        Answer.objects.bulk_create(
            answers,
            update_conflicts=True,
            unique_fields=["response", "question"],
            update_fields=["likert", "option", "option_least", "text", "answered_at"],
        )
        PassionTestResponse.objects.filter(pk=response.pk).update(updated_at=timezone.now())
    return SaveResult(saved=len(answers), errors=errors)


def answered_question_ids(response: PassionTestResponse) -> set[int]:
    """The questions the response has a complete answer to (a block needs both choices)."""
    return {
        question_id
        for question_id, likert, option_id, least_id, text, kind in response.answers.values_list(
            "question_id", "likert", "option_id", "option_least_id", "text", "question__kind"
        )
        if likert is not None
        or (option_id is not None and (kind != Question.Kind.BLOCK or least_id is not None))
        or text.strip()
    }
