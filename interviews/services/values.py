"""Core values and the question bank: recruiters write them; interviews draw on them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from passionhire.traits import Trait

from ..models import BankQuestion, CoreValue

PROBES_MAX = 5
PROBE_MAX_LENGTH = 300


def _clean_traits(traits) -> list[str]:
    chosen = [t for t in Trait.values if t in set(traits)]
    if not chosen:
        raise ValidationError({"traits": "Choose at least one trait."})
    return chosen


@transaction.atomic
def core_value_save(
    *, name: str, description: str, traits: list[str], core_value: CoreValue | None = None
) -> CoreValue:
    """Create a core value, or update `core_value`."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Give the value a name."})
    duplicate = CoreValue.objects.filter(name__iexact=name)
    if core_value is not None:
        duplicate = duplicate.exclude(pk=core_value.pk)
    if duplicate.exists():
        raise ValidationError({"name": f"There is already a core value called “{name}”."})
    if core_value is None:
        position = (CoreValue.objects.aggregate(top=Max("position"))["top"] or 0) + 1
        core_value = CoreValue(position=position)
    core_value.name = name
    core_value.description = description.strip()
    core_value.traits = _clean_traits(traits)
    core_value.full_clean()
    core_value.save()
    return core_value


@transaction.atomic
def core_value_set_active(*, core_value: CoreValue, active: bool) -> CoreValue:
    """Retire (or restore) a value. Its questions stay in existing guides but are not offered
    to new ones while it is retired."""
    core_value.is_active = active
    core_value.save(update_fields=["is_active"])
    return core_value


def _clean_probes(probes: list[str]) -> list[str]:
    cleaned = [p.strip() for p in probes if p and p.strip()]
    if not cleaned:
        raise ValidationError(
            {"probes": "Add at least one why follow-up: why the candidate acted is the point."}
        )
    if len(cleaned) > PROBES_MAX:
        raise ValidationError({"probes": f"At most {PROBES_MAX} follow-ups."})
    if any(len(p) > PROBE_MAX_LENGTH for p in cleaned):
        raise ValidationError(
            {"probes": f"Keep each follow-up under {PROBE_MAX_LENGTH} characters."}
        )
    return cleaned


@transaction.atomic
def bank_question_save(
    *,
    core_value: CoreValue,
    text: str,
    traits: list[str],
    probes: list[str],
    question: BankQuestion | None = None,
    author=None,
) -> BankQuestion:
    """Add a question to the bank, or edit `question`. Guides that use it show the new text."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write the question."})
    if not core_value.is_active:
        raise ValidationError({"core_value": "That core value is retired; choose another."})
    question = question or BankQuestion(created_by=author)
    question.core_value = core_value
    question.text = text
    question.traits = _clean_traits(traits)
    question.probes = _clean_probes(probes)
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def bank_question_set_active(*, question: BankQuestion, active: bool) -> BankQuestion:
    question.is_active = active
    question.save(update_fields=["is_active"])
    return question
