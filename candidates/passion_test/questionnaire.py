"""Recruiters editing the Passion Test. A version with responses is frozen: the first edit to it
copies it into the next version, and the edit lands there."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from passionhire.audit import audit_record
from passionhire.traits import Trait, trait_name

from ..models import Question, Questionnaire, ScenarioOption
from .translations import translations_copy, translations_recheck

MIN_OPTIONS, MAX_OPTIONS = 3, 5
BLOCK_STATEMENTS = 3  # two trait statements and one filler


@dataclass(frozen=True)
class OptionInput:
    text: str
    scores: dict[str, int]


def _lock_current(questionnaire: Questionnaire) -> Questionnaire:
    """Lock the version being edited; refuse if it is no longer the current one."""
    locked = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    newest = Questionnaire.objects.order_by("-version").values_list("pk", flat=True).first()
    if locked.pk != newest:
        raise ValidationError(
            _("Version %(version)s is no longer the current version; edit the newest one.")
            % {"version": locked.version},
            code="old_version",
        )
    return locked


def _copy_version(source: Questionnaire, *, created_by) -> Questionnaire:
    """The next version: every question (retired ones too) and option copied, twins re-linked."""
    copy = Questionnaire.objects.create(
        version=source.version + 1,
        title=source.title,
        intro=source.intro,
        based_on=source,
        created_by=created_by,
    )
    old_questions = list(source.questions.order_by("position", "pk"))
    new_questions = Question.objects.bulk_create(
        Question(
            questionnaire=copy,
            key=q.key,
            kind=q.kind,
            position=q.position,
            text=q.text,
            traits=q.traits,
            reverse_keyed=q.reverse_keyed,
            is_retired=q.is_retired,
        )
        for q in old_questions
    )
    by_key = {q.key: q for q in new_questions}
    old_key = {q.pk: q.key for q in old_questions}
    twinned = []
    for old in old_questions:
        if old.twin_id in old_key:
            by_key[old.key].twin = by_key[old_key[old.twin_id]]
            twinned.append(by_key[old.key])
    Question.objects.bulk_update(twinned, ["twin"])
    translations_copy(source, copy)
    new_by_old_pk = {old.pk: by_key[old.key] for old in old_questions}
    ScenarioOption.objects.bulk_create(
        ScenarioOption(
            question=new_by_old_pk[o.question_id], position=o.position, text=o.text, scores=o.scores
        )
        for o in ScenarioOption.objects.filter(question__questionnaire=source)
    )
    audit_record(
        actor=created_by,
        action="questionnaire.version",
        target=f"questionnaire:{copy.pk}",
        before={"version": source.version},
        after={"version": copy.version},
        summary=f"Passion Test version {copy.version} made from version {source.version}",
    )
    return copy


def _editable(questionnaire: Questionnaire, *, edited_by) -> Questionnaire:
    """The version an edit should land in: this one, or its copy if it has responses."""
    questionnaire = _lock_current(questionnaire)
    if questionnaire.responses.exists():
        return _copy_version(questionnaire, created_by=edited_by)
    return questionnaire


def _question_in(questionnaire: Questionnaire, question: Question) -> Question:
    """`question`, or its copy in `questionnaire` after a version was made."""
    if question.questionnaire_id == questionnaire.pk:
        return Question.objects.get(pk=question.pk)
    return questionnaire.questions.get(key=question.key)


def _clean_block(options: list[OptionInput] | None, traits: list[str]) -> None:
    """Three statements: one on each of the block's two traits, and one filler that scores
    nothing (it anchors the other two; see docs/passion-test.md)."""
    options = options or []
    if len(traits) != 2:
        raise ValidationError(_("A block compares exactly two traits."), code="options")
    if len(options) != BLOCK_STATEMENTS or any(not o.text.strip() for o in options):
        raise ValidationError(
            _("A block has %(count)s statements, each with text.") % {"count": BLOCK_STATEMENTS},
            code="options",
        )
    scored = [next(iter(o.scores)) for o in options if o.scores]
    if (
        len(scored) != 2
        or sorted(scored) != sorted(traits)
        or any(o.scores and len(o.scores) != 1 for o in options)
    ):
        raise ValidationError(
            _(
                "One statement for each of the block's two traits and one filler that scores "
                "nothing."
            ),
            code="options",
        )


def _clean_options(kind: str, options: list[OptionInput] | None, traits: list[str]) -> None:
    if kind == Question.Kind.BLOCK:
        _clean_block(options, traits)
        return
    if kind != Question.Kind.SCENARIO:
        if options:
            raise ValidationError(_("Only scenarios have options."), code="options")
        return
    options = options or []
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        raise ValidationError(
            _("A scenario needs %(min)s to %(max)s options (it has %(count)s).")
            % {"min": MIN_OPTIONS, "max": MAX_OPTIONS, "count": len(options)},
            code="options",
        )
    for number, option in enumerate(options, start=1):
        if not option.text.strip():
            raise ValidationError(
                _("Option %(number)s has no text.") % {"number": number}, code="options"
            )
        stray = set(option.scores) - set(traits)
        if stray:
            raise ValidationError(
                _("Option %(number)s scores %(traits)s, which the scenario is not tied to.")
                % {
                    "number": number,
                    "traits": ", ".join(str(trait_name(t)) for t in sorted(stray)),
                },
                code="options",
            )


def _twin_for(questionnaire: Questionnaire, twin_key: str | None) -> Question | None:
    if not twin_key:
        return None
    twin = questionnaire.questions.filter(key=twin_key).first()
    if twin is None:
        raise ValidationError({"twin": _("That statement is not in this version.")})
    return twin


def _question_state(question: Question) -> dict:
    """A question as the audit trail records it (before/after an edit)."""
    return {
        "text": question.text,
        "traits": list(question.traits),
        "reverse_keyed": question.reverse_keyed,
        "twin": question.twin.key if question.twin_id else None,
        "position": question.position,
        "retired": question.is_retired,
        "options": [
            {"text": o.text, "scores": o.scores} for o in question.options.order_by("position")
        ]
        if question.kind in (Question.Kind.SCENARIO, Question.Kind.BLOCK) and question.pk
        else [],
    }


def _audit_question(actor, action: str, question: Question, before: dict | None, verb: str):
    after = _question_state(question)
    audit_record(
        actor=actor,
        action=action,
        target=f"question:{question.pk}",
        before=before,
        after=after,
        summary=f"{verb} question {question.key} in version {question.questionnaire.version}",
    )


def _save_question(question: Question, options: list[OptionInput] | None) -> Question:
    question.full_clean()
    question.save()
    if question.kind in (Question.Kind.SCENARIO, Question.Kind.BLOCK):
        question.options.all().delete()
        ScenarioOption.objects.bulk_create(
            ScenarioOption(question=question, position=i, text=o.text.strip(), scores=o.scores)
            for i, o in enumerate(options or [], start=1)
        )
    if question.twin_id:
        # A twin relation goes both ways.
        Question.objects.filter(pk=question.twin_id).update(twin=question)
    return question


def _next_key(questionnaire: Questionnaire, kind: str, traits: list[str]) -> str:
    stem = f"{kind}-{Trait(traits[0]).value[:3]}" if traits else kind
    taken = set(questionnaire.questions.values_list("key", flat=True))
    number = 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


@transaction.atomic
def question_add(
    *,
    questionnaire: Questionnaire,
    added_by,
    kind: str,
    text: str,
    traits: list[str],
    reverse_keyed: bool = False,
    twin_key: str | None = None,
    options: list[OptionInput] | None = None,
) -> Question:
    """Add a question at the end of the current version (or of its next version)."""
    _clean_options(kind, options, traits)
    target = _editable(questionnaire, edited_by=added_by)
    last = target.questions.order_by("-position").values_list("position", flat=True).first()
    question = Question(
        questionnaire=target,
        key=_next_key(target, kind, traits),
        kind=kind,
        position=(last or 0) + 1,
        text=text.strip(),
        traits=traits,
        reverse_keyed=reverse_keyed,
        twin=_twin_for(target, twin_key),
    )
    question = _save_question(question, options)
    _audit_question(added_by, "question.add", question, None, "Added")
    translations_recheck(target, actor=added_by)
    return question


@transaction.atomic
def question_edit(
    *,
    question: Question,
    edited_by,
    text: str,
    traits: list[str],
    reverse_keyed: bool = False,
    twin_key: str | None = None,
    options: list[OptionInput] | None = None,
) -> Question:
    """Change a question's wording, traits, keying, twin or options. Returns the edited
    question, which is a copy in a new version if the old version had responses."""
    _clean_options(question.kind, options, traits)
    target = _editable(question.questionnaire, edited_by=edited_by)
    question = _question_in(target, question)
    before = _question_state(question)
    if question.twin_id and question.twin.key != twin_key:
        Question.objects.filter(pk=question.twin_id).update(twin=None)
    question.text = text.strip()
    question.traits = traits
    question.reverse_keyed = reverse_keyed
    question.twin = _twin_for(target, twin_key)
    question = _save_question(question, options)
    _audit_question(edited_by, "question.edit", question, before, "Edited")
    translations_recheck(target, actor=edited_by)
    return question


@transaction.atomic
def question_move(*, question: Question, moved_by, direction: str) -> Question:
    """Swap a question with its neighbour of the same kind ("up" or "down")."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Move a question up or down."), code="direction")
    target = _editable(question.questionnaire, edited_by=moved_by)
    question = _question_in(target, question)
    siblings = target.questions.filter(kind=question.kind)
    neighbour = (
        siblings.filter(position__lt=question.position).order_by("-position").first()
        if direction == "up"
        else siblings.filter(position__gt=question.position).order_by("position").first()
    )
    if neighbour is None:
        return question
    before = {"position": question.position}
    question.position, neighbour.position = neighbour.position, question.position
    Question.objects.bulk_update([question, neighbour], ["position"])
    audit_record(
        actor=moved_by,
        action="question.move",
        target=f"question:{question.pk}",
        before=before,
        after={"position": question.position},
        summary=f"Moved question {question.key} {direction} in version {target.version}",
    )
    return question


@transaction.atomic
def question_set_retired(*, question: Question, changed_by, retired: bool) -> Question:
    """Retire a question (candidates stop seeing it; past answers keep it) or bring it back."""
    target = _editable(question.questionnaire, edited_by=changed_by)
    question = _question_in(target, question)
    before = {"retired": question.is_retired}
    question.is_retired = retired
    question.save(update_fields=["is_retired"])
    audit_record(
        actor=changed_by,
        action="question.retire",
        target=f"question:{question.pk}",
        before=before,
        after={"retired": retired},
        summary=f"{'Retired' if retired else 'Restored'} question {question.key} in version "
        f"{target.version}",
    )
    translations_recheck(target, actor=changed_by)
    return question
