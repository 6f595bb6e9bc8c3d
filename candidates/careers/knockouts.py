"""A role's knock-out questions, and what a recruiter does with an application one of them
ruled out: confirm (a person's rejection, with the courteous email) or keep it in the pipeline."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from passionhire.audit import audit_record

from ..models import Application, ApplicationEvent, Decision, KnockoutQuestion, Role, Stage
from ..passion_test.services import passion_test_invite
from ..services.decisions import decision_record

MAX_QUESTIONS = 10


@transaction.atomic
def knockout_question_add(*, role: Role, text: str, disqualifying_answer: str, added_by):
    role = Role.objects.select_for_update().get(pk=role.pk)
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": _("Write the question.")})
    if role.knockout_questions.count() >= MAX_QUESTIONS:
        raise ValidationError(
            _("A role asks at most %(max)s knock-out questions: applying must stay quick.")
            % {"max": MAX_QUESTIONS}
        )
    position = (role.knockout_questions.aggregate(m=Max("position"))["m"] or 0) + 1
    question = KnockoutQuestion(
        role=role, text=text, disqualifying_answer=disqualifying_answer, position=position
    )
    question.full_clean()
    try:
        with transaction.atomic():
            question.save()
    except IntegrityError:
        raise ValidationError({"text": _("This role already asks that question.")}) from None
    audit_record(
        actor=added_by,
        action="role.knockout_add",
        target=f"role:{role.pk}",
        role_id=role.pk,
        after={"question": text, "disqualifying_answer": disqualifying_answer},
        summary=f"Knock-out question added to role #{role.pk}",
    )
    return question


@transaction.atomic
def knockout_question_delete(*, question: KnockoutQuestion, deleted_by) -> None:
    """Applications already made keep the question and answer as they were asked."""
    audit_record(
        actor=deleted_by,
        action="role.knockout_delete",
        target=f"role:{question.role_id}",
        role_id=question.role_id,
        before={"question": question.text, "disqualifying_answer": question.disqualifying_answer},
        summary=f"Knock-out question removed from role #{question.role_id}",
    )
    question.delete()


def _waiting(application_id: int) -> Application:
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("role", "candidate")
        .get(pk=application_id)
    )
    if application.knocked_out_at is None or application.stage != Stage.APPLIED:
        raise ValidationError(
            _(
                "This application is no longer waiting for a knock-out check; someone dealt "
                "with it."
            ),
            code="not_waiting",
        )
    return application


def ruled_out_by(application: Application) -> list[str]:
    return [a["question"] for a in application.knockout_answers if a.get("disqualifying")]


@transaction.atomic
def knockout_confirm(*, application_id: int, confirmed_by) -> Decision:
    """A recruiter agrees the answer rules the application out: a rejection decided by that
    person (the candidate gets the courteous rejection email, never the answers' verdict)."""
    application = _waiting(application_id)
    return decision_record(
        application_id=application.pk,
        kind=Decision.Kind.REJECT,
        reason="Knock-out answer confirmed: " + "; ".join(ruled_out_by(application)),
        decided_by=confirmed_by,
        seen_stage=Stage.APPLIED,
    )


@transaction.atomic
def knockout_keep(*, application_id: int, kept_by) -> Application:
    """A recruiter keeps a ruled-out application in the pipeline (the answer was a slip, or
    the requirement can bend): it joins the others and gets its Passion Test link."""
    application = _waiting(application_id)
    application.knocked_out_at = None
    application.save(update_fields=["knocked_out_at"])
    ApplicationEvent.objects.create(
        application=application,
        kind=ApplicationEvent.Kind.NOTE,
        actor=kept_by,
        message="Kept in the pipeline despite a knock-out answer",
    )
    audit_record(
        actor=kept_by,
        action="application.knockout_keep",
        target=f"application:{application.pk}",
        role_id=application.role_id,
        candidate_id=application.candidate_id,
        before={"knocked_out": True},
        after={"knocked_out": False},
        summary=f"Application #{application.pk} kept despite a knock-out answer",
    )
    passion_test_invite(application=application, invited_by=kept_by)
    return application
