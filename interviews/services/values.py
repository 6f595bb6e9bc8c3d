"""Core values and the question bank: recruiters write them; interviews draw on them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext

from passionhire.audit import audit_record
from passionhire.traits import Trait

from ..models import BankQuestion, CoreValue

PROBES_MAX = 5
PROBE_MAX_LENGTH = 300


def _clean_traits(traits) -> list[str]:
    chosen = [t for t in Trait.values if t in set(traits)]
    if not chosen:
        raise ValidationError({"traits": gettext("Choose at least one trait.")})
    return chosen


@transaction.atomic
def core_value_save(
    *,
    actor,
    name: str,
    description: str,
    traits: list[str],
    core_value: CoreValue | None = None,
) -> CoreValue:
    """Create a core value, or update `core_value`."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": gettext("Give the value a name.")})
    duplicate = CoreValue.objects.filter(name__iexact=name)
    if core_value is not None:
        duplicate = duplicate.exclude(pk=core_value.pk)
    if duplicate.exists():
        raise ValidationError(
            {"name": gettext("There is already a core value called “{name}”.").format(name=name)}
        )
    before = _value_state(core_value) if core_value is not None else {}
    if core_value is None:
        position = (CoreValue.objects.aggregate(top=Max("position"))["top"] or 0) + 1
        core_value = CoreValue(position=position)
    core_value.name = name
    core_value.description = description.strip()
    core_value.traits = _clean_traits(traits)
    core_value.forget_translations(before)
    core_value.full_clean()
    core_value.save()
    audit_record(
        actor=actor,
        action="core_value.save",
        target=f"core_value:{core_value.pk}",
        before=before,
        after=_value_state(core_value),
        summary=f"Core value “{core_value.name}” {'edited' if before else 'added'}",
    )
    return core_value


def _value_state(core_value: CoreValue) -> dict:
    return {
        "name": core_value.name,
        "description": core_value.description,
        "traits": list(core_value.traits),
    }


@transaction.atomic
def core_value_set_active(*, core_value: CoreValue, active: bool, actor) -> CoreValue:
    """Retire (or restore) a value. Its questions stay in existing guides but are not offered
    to new ones while it is retired."""
    before = core_value.is_active
    core_value.is_active = active
    core_value.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="core_value.active",
        target=f"core_value:{core_value.pk}",
        before={"active": before},
        after={"active": active},
        summary=f"Core value “{core_value.name}” {'restored' if active else 'retired'}",
    )
    return core_value


def _clean_probes(probes: list[str]) -> list[str]:
    cleaned = [p.strip() for p in probes if p and p.strip()]
    if not cleaned:
        raise ValidationError(
            {
                "probes": gettext(
                    "Add at least one why follow-up: why the candidate acted is the point."
                )
            }
        )
    if len(cleaned) > PROBES_MAX:
        raise ValidationError({"probes": gettext("At most {n} follow-ups.").format(n=PROBES_MAX)})
    if any(len(p) > PROBE_MAX_LENGTH for p in cleaned):
        raise ValidationError(
            {
                "probes": gettext("Keep each follow-up under {n} characters.").format(
                    n=PROBE_MAX_LENGTH
                )
            }
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
        raise ValidationError({"text": gettext("Write the question.")})
    if not core_value.is_active:
        raise ValidationError(
            {"core_value": gettext("That core value is retired; choose another.")}
        )
    before = _question_state(question) if question is not None else {}
    question = question or BankQuestion(created_by=author)
    question.core_value = core_value
    question.text = text
    question.traits = _clean_traits(traits)
    question.probes = _clean_probes(probes)
    question.forget_translations(before)
    question.full_clean()
    question.save()
    audit_record(
        actor=author,
        action="bank_question.save",
        target=f"bank_question:{question.pk}",
        before=before,
        after=_question_state(question),
        summary=f"Bank question #{question.pk} {'edited' if before else 'added'}",
    )
    return question


def _question_state(question: BankQuestion) -> dict:
    return {
        "core_value": question.core_value_id,
        "text": question.text,
        "traits": list(question.traits),
        "probes": list(question.probes),
    }


@transaction.atomic
def bank_question_set_active(*, question: BankQuestion, active: bool, actor) -> BankQuestion:
    before = question.is_active
    question.is_active = active
    question.save(update_fields=["is_active"])
    audit_record(
        actor=actor,
        action="bank_question.active",
        target=f"bank_question:{question.pk}",
        before={"active": before},
        after={"active": active},
        summary=f"Bank question #{question.pk} {'restored' if active else 'retired'}",
    )
    return question
