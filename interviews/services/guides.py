"""The interview guide of a role: generated from its trait weights and the core values, then
edited by recruiters."""

from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from candidates.models import Role
from passionhire.audit import audit_record
from passionhire.traits import Trait

from ..models import BankQuestion, GuideQuestion, InterviewGuide


def allocate_questions(weights: dict[str, int], size: int) -> dict[str, int]:
    """How many questions each trait gets: one each, the rest in proportion to the weights
    (largest remainder; ties go to the trait listed first)."""
    traits = list(weights)
    counts = dict.fromkeys(traits, 1)
    extra = max(0, size - len(traits))
    total = sum(weights.values())
    if extra and total:
        quotas = {t: extra * weights[t] / total for t in traits}
        for t in traits:
            counts[t] += int(quotas[t])
        left = extra - sum(int(q) for q in quotas.values())
        by_remainder = sorted(
            traits, key=lambda t: (-(quotas[t] - int(quotas[t])), traits.index(t))
        )
        for t in by_remainder[:left]:
            counts[t] += 1
    return counts


def choose_questions(
    bank: list[BankQuestion], allocation: dict[str, int], weights: dict[str, int]
) -> list[tuple[BankQuestion, str]]:
    """(question, focus trait) in interview order. Heavier traits choose first in each round;
    a trait prefers questions it leads, then ones from core values used least so far, so the
    guide spreads over the organisation's values."""
    order = sorted(allocation, key=lambda t: (-weights[t], list(Trait.values).index(t)))
    chosen: list[tuple[BankQuestion, str]] = []
    taken: set[int] = set()
    values_used: Counter = Counter()
    for round_number in range(max(allocation.values(), default=0)):
        for trait in order:
            if allocation[trait] <= round_number:
                continue
            candidates = [q for q in bank if trait in q.traits and q.pk not in taken]
            if not candidates:
                continue
            best = min(
                candidates,
                key=lambda q: (q.traits[0] != trait, values_used[q.core_value_id], q.pk),
            )
            chosen.append((best, trait))
            taken.add(best.pk)
            values_used[best.core_value_id] += 1
    return chosen


@transaction.atomic
def guide_generate(*, role: Role, by=None, size: int | None = None) -> InterviewGuide:
    """(Re)build the role's guide from its weights: every trait at least once, more questions on
    heavier traits. Replaces any edits."""
    size = size or settings.PASSIONHIRE["GUIDE_QUESTIONS"]
    weights = {t.value: w for t, w in role.weights.items()}
    bank = list(
        BankQuestion.objects.filter(is_active=True, core_value__is_active=True).order_by("pk")
    )
    chosen = choose_questions(bank, allocate_questions(weights, size), weights)
    guide, _ = InterviewGuide.objects.select_for_update().get_or_create(
        role=role, defaults={"generated_at": timezone.now()}
    )
    guide.items.all().delete()
    GuideQuestion.objects.bulk_create(
        GuideQuestion(guide=guide, question=q, focus=trait, position=i)
        for i, (q, trait) in enumerate(chosen, start=1)
    )
    guide.generated_at = timezone.now()
    guide.edited_at = None
    guide.edited_by = by
    guide.save()
    _audit(guide, by, "guide.generate", "Interview guide generated from the role's weights")
    return guide


def guide_for_role(*, role: Role) -> InterviewGuide:
    """The role's guide, generated the first time anyone needs it."""
    guide = InterviewGuide.objects.filter(role=role).first()
    return guide or guide_generate(role=role)


def _touch(guide: InterviewGuide, by, action: str, summary: str) -> None:
    guide.edited_at = timezone.now()
    guide.edited_by = by
    guide.save(update_fields=["edited_at", "edited_by"])
    _audit(guide, by, action, summary)


def _audit(guide: InterviewGuide, by, action: str, summary: str) -> None:
    questions = guide.items.order_by("position").values_list("question_id", flat=True)
    audit_record(
        actor=by,
        action=action,
        target=f"guide:{guide.pk}",
        role_id=guide.role_id,
        after={"questions": list(questions)},
        summary=summary,
    )


@transaction.atomic
def guide_add_question(*, guide: InterviewGuide, question: BankQuestion, by) -> GuideQuestion:
    if not question.is_active:
        raise ValidationError(gettext("That question is retired."))
    if guide.items.filter(question=question).exists():
        raise ValidationError(gettext("That question is already in the guide."))
    top = guide.items.aggregate(top=Max("position"))["top"] or 0
    item = GuideQuestion.objects.create(
        guide=guide, question=question, position=top + 1, focus=question.traits[0]
    )
    _touch(guide, by, "guide.add", f"Bank question #{question.pk} added to the guide")
    return item


@transaction.atomic
def guide_remove_question(*, item: GuideQuestion, by) -> list[str]:
    """Remove a question. Returns the traits the guide no longer covers, so the page can warn."""
    guide = item.guide
    question_id = item.question_id
    item.delete()
    _touch(guide, by, "guide.remove", f"Bank question #{question_id} removed from the guide")
    return [t for t in Trait.values if t not in guide_traits(guide)]


@transaction.atomic
def guide_move_question(*, item: GuideQuestion, direction: str, by) -> None:
    items = list(item.guide.items.select_for_update().order_by("position", "pk"))
    index = next(i for i, it in enumerate(items) if it.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(items):
        return
    items[index], items[other] = items[other], items[index]
    for position, it in enumerate(items, start=1):
        it.position = position
    GuideQuestion.objects.bulk_update(items, ["position"])
    _touch(item.guide, by, "guide.move", f"Bank question #{item.question_id} moved {direction}")


def guide_traits(guide: InterviewGuide) -> list[str]:
    """The traits the guide's questions cover, in trait order."""
    covered = set()
    for traits in guide.items.values_list("question__traits", flat=True):
        covered.update(traits)
    return [t for t in Trait.values if t in covered]
