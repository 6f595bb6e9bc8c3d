"""A candidate's data rights: everything we hold about them as JSON, erasure, and the
retention policy that anonymises candidates nobody has worked on for a long time.

Erasure keeps the rows (stages, scores, ratings, decisions' kinds, referral counts) so the
statistics stay true, and removes or replaces every field that identifies the person or holds
words about them: `PERSONAL_DATA` lists those fields, and a test checks the list against every
text field of the project's models.
"""

import re
import secrets
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone, translation

from candidates.models import (
    Answer,
    Application,
    ApplicationEvent,
    BulkJob,
    Candidate,
    Decision,
    ErasureRequest,
    Evidence,
    PassionTestInvitation,
    Referral,
    ReferralExample,
    erased_email,
)
from candidates.services.webhooks import emit_candidate_erased
from passionhire.audit import audit_record
from passionhire.models import OutboxMessage, SentEmail
from passionhire.people import display_name

from ..fairness.services import self_id_erase, self_id_export
from ..notes.models import Note
from ..saved_views.services import saved_views_forget
from ..tags.services import candidate_tags_erase
from ..validity.services import checkin_export, checkins_withdraw_erased

ERASED = "[erased]"
# Staff never read one person's answers, not even Compliance (aggregates only).
SELF_ID_APART = "Held apart from the application: only the candidate's own download has them."

# "app_label.Model": fields that hold personal data about a candidate (who they are, or words
# written by or about them). Everything else of ours is operational or aggregate.
PERSONAL_DATA = {
    "candidates.Candidate": ["name", "email", "phone", "consent_source"],
    "candidates.Referral": ["name", "email", "decline_note"],
    "candidates.ReferralExample": ["text"],
    # Their CV's file name (the file itself goes too) and their answers to a role's questions.
    "candidates.Application": ["cv_name", "knockout_answers"],
    "candidates.Answer": ["text"],
    "candidates.Evidence": ["summary"],
    "candidates.ApplicationEvent": ["message"],
    "candidates.Decision": ["reason"],
    # The location is typed freely (a room, or a video link that may carry their name).
    "interviews.Interview": ["location", "cancel_reason", "time_zone"],
    "interviews.Scorecard": ["summary"],
    "interviews.TraitRating": ["evidence"],
    "interviews.ScorecardRevision": ["snapshot"],
    "interviews.Observation": ["notes"],
    "passionhire.SentEmail": ["to", "subject"],
    # Colleagues' notes about them (notifications name candidates by alias only).
    "hiring.Note": ["text"],
    # Their tags go, and a tag nobody else carries with them (its words may be about them).
    "candidates.CandidateTag": ["name", "slug"],
    # Colleagues' saved filters: one whose name, search or tag names them is deleted.
    "hiring.SavedView": ["name", "params"],
}


def _interview_models():
    return (
        apps.get_model("interviews", "Interview"),
        apps.get_model("interviews", "Scorecard"),
        apps.get_model("interviews", "TraitRating"),
        apps.get_model("interviews", "ScorecardRevision"),
        apps.get_model("interviews", "Observation"),
    )


def _referrals(candidate: Candidate):
    return Referral.objects.filter(
        Q(application__candidate=candidate) | Q(email__iexact=candidate.email)
    )


def _sent_emails(candidate: Candidate, application_ids: list[int]):
    """Ledger rows of emails to the candidate, and of emails about them to colleagues (the
    referrer's updates, interview invitations): their subjects carry the candidate's name."""
    Interview = apps.get_model("interviews", "Interview")
    keyed = Q(to__iexact=candidate.email)
    for pk in application_ids:
        keyed |= Q(key__startswith=f"application:{pk}:")
    for pk in _referrals(candidate).values_list("pk", flat=True):
        keyed |= Q(key__startswith=f"referral:{pk}:")
    for pk in Interview.objects.filter(application__in=application_ids).values_list(
        "pk", flat=True
    ):
        keyed |= Q(key__startswith=f"interview:{pk}:")
    return SentEmail.objects.filter(keyed)


def candidate_export(*, candidate: Candidate, with_self_id: bool = False) -> dict:
    """Everything held about the candidate, for a subject access request. Colleagues' names
    appear as authors of what they wrote; who referred the candidate stays out (a third
    party's data), the referral's words about them are in. Their voluntary answers about
    themselves are only in the candidate's own copy (`with_self_id`)."""
    Interview, Scorecard, _, _, Observation = _interview_models()
    applications = list(
        Application.objects.filter(candidate=candidate).select_related("role").order_by("pk")
    )
    ids, iso = [a.pk for a in applications], lambda v: v.isoformat() if v else None

    def for_application(application: Application) -> dict:
        invitations = PassionTestInvitation.objects.filter(application=application)
        answers = Answer.objects.filter(response__application=application).select_related(
            "question", "option"
        )
        interviews = Interview.objects.filter(application=application).order_by("pk")
        scorecards = (
            Scorecard.objects.filter(interview__application=application)
            .select_related("interviewer")
            .prefetch_related("ratings", "revisions")
        )
        return {
            "role": application.role.title,
            "stage": application.get_stage_display(),
            "applied_at": iso(application.created_at),
            "source": application.get_source_display(),
            "utm_source": application.utm_source,
            "utm_campaign": application.utm_campaign,
            "cv_file_name": application.cv_name,
            "answers_to_the_roles_questions": application.knockout_answers,
            "stage_changed_at": iso(application.stage_changed_at),
            "composite_score": application.composite_score,
            "confidence": application.confidence,
            "rank_score": application.rank_score,
            "trait_scores": {str(t): v for t, v in application.trait_scores.items()},
            "passion_test": {
                "invitations": [
                    {"last_sent_at": iso(i.last_sent_at), "expires_at": iso(i.expires_at)}
                    for i in invitations
                ],
                "answers": [
                    {
                        "question": a.question.text,
                        "answer": a.text or (a.option.text if a.option else a.likert),
                    }
                    for a in answers
                ],
            },
            "evidence": [
                {
                    "trait": e.trait,
                    "source": e.get_source_display(),
                    "value": e.value,
                    "summary": e.summary,
                }
                for e in Evidence.objects.filter(application=application).order_by("pk")
            ],
            "interviews": [
                {
                    "kind": i.get_kind_display(),
                    "status": i.get_status_display(),
                    "starts_at": iso(i.starts_at),
                    "location": i.location,
                    "time_zone": i.time_zone,
                }
                for i in interviews
            ],
            "scorecards": [
                {
                    "interviewer": display_name(s.interviewer),
                    "recommendation": s.get_recommendation_display() if s.recommendation else None,
                    "summary": s.summary,
                    "ratings": [
                        {"trait": r.trait, "rating": r.rating, "evidence": r.evidence}
                        for r in s.ratings.all()
                    ],
                    "earlier_versions": [r.snapshot for r in s.revisions.all()],
                }
                for s in scorecards
            ],
            "team_meet_notes": [
                {"observer": display_name(o.observer), "seen": o.seen, "notes": o.notes}
                for o in Observation.objects.filter(
                    interview__application=application
                ).select_related("observer")
            ],
            "decisions": [
                {
                    "kind": d.get_kind_display(),
                    "reason": d.reason,
                    "by": display_name(d.decided_by),
                    "at": iso(d.decided_at),
                }
                for d in Decision.objects.filter(application=application).select_related(
                    "decided_by"
                )
            ],
            "notes": [
                {"by": display_name(n.author), "at": iso(n.created_at), "text": n.text}
                for n in Note.objects.filter(application=application)
                .select_related("author")
                .order_by("pk")
            ],
            "timeline": [
                {"at": iso(e.created_at), "what": e.message}
                for e in ApplicationEvent.objects.filter(application=application).order_by("pk")
            ],
            "check_in_after_hire": checkin_export(application.pk),
        }

    return {
        "exported_at": timezone.now().isoformat(),
        "candidate": {
            "id": candidate.pk,
            "name": candidate.name,
            "email": candidate.email,
            "phone": candidate.phone,
            "source": candidate.get_source_display(),
            "added_at": iso(candidate.created_at),
            "consent_to_contact": candidate.consent_to_contact,
            "consent_given_at": iso(candidate.consent_given_at),
            "consent_source": candidate.consent_source,
            "erased_at": iso(candidate.erased_at),
            "tags": sorted(candidate.tags.names()),
        },
        "applications": [for_application(a) for a in applications],
        "referrals": [
            {
                "role": r.role.title,
                "status": r.get_status_display(),
                "relationship": r.get_relationship_display(),
                "examples": {ex.trait: ex.text for ex in r.examples.all()},
                "referred_at": iso(r.created_at),
            }
            for r in _referrals(candidate).select_related("role").prefetch_related("examples")
        ],
        "erasure_requests": [
            {
                "requested_at": iso(r.requested_at),
                "due_on": r.due_on.isoformat(),
                "resolved_at": iso(r.resolved_at),
            }
            for r in ErasureRequest.objects.filter(candidate=candidate).order_by("pk")
        ],
        "emails_sent": [
            {"subject": e.subject, "sent_at": iso(e.sent_at)}
            for e in _sent_emails(candidate, ids).filter(to__iexact=candidate.email)
        ],
        "self_identification": self_id_export(candidate) if with_self_id else SELF_ID_APART,
    }


@transaction.atomic
def candidate_erase(*, candidate: Candidate, erased_by=None, why: str = "") -> Candidate:
    """Remove the candidate's personal data from every table, keeping the rows that feed the
    statistics. Their Passion Test, slot and status links stop working (the status link says
    why), and their open erasure request is resolved. Refused if already erased."""
    Interview, Scorecard, TraitRating, ScorecardRevision, Observation = _interview_models()
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.erased_at is not None:
        already = translation.gettext("This candidate's personal data was already erased.")
        raise ValidationError(already, code="erased")
    now = timezone.now()
    applications = Application.objects.filter(candidate=candidate)
    ids = list(applications.values_list("pk", flat=True))
    address = erased_email(candidate.pk)

    sent = _sent_emails(candidate, ids)
    # Keys are built from ids; one written before that rule may still name the address. Its
    # id-built twin may exist too (sent since): the row id then keeps the key unique.
    their_address = re.compile(re.escape(candidate.email), re.IGNORECASE)
    for pk, key in sent.filter(key__icontains=candidate.email).values_list("pk", "key"):
        new = their_address.sub(f"candidate-{candidate.pk}", key)
        if SentEmail.objects.filter(key=new).exists():
            new = f"{new}:{pk}"
        SentEmail.objects.filter(pk=pk).update(key=new)
    sent.update(to=address, subject=ERASED)
    # A failed email task's error may quote the address it was sending to.
    OutboxMessage.objects.filter(last_error__icontains=candidate.email).update(last_error=ERASED)
    _erase_admin_log(candidate, ids)
    referrals = _referrals(candidate)
    ReferralExample.objects.filter(referral__in=referrals).update(text=ERASED)
    referrals.update(name=ERASED, email=address, decline_note="")
    Answer.objects.filter(response__application__in=ids).exclude(text="").update(text=ERASED)
    Evidence.objects.filter(application__in=ids).update(summary="")
    ApplicationEvent.objects.filter(application__in=ids).update(message=ERASED)
    Decision.objects.filter(application__in=ids).update(reason=ERASED)
    Note.objects.filter(application__in=ids).update(text=ERASED)
    self_id_erase(candidate)
    checkins_withdraw_erased(ids, now)
    gone = candidate_tags_erase(candidate)
    BulkJob.objects.filter(tag__in=gone).update(tag=ERASED)
    saved_views_forget(names=[candidate.name], emails=[candidate.email], tags=gone)
    storage = Application._meta.get_field("cv").storage
    for name in applications.exclude(cv="").values_list("cv", flat=True):
        # Deleted once the erasure commits: a rollback must not leave rows without their file.
        transaction.on_commit(lambda name=name: storage.delete(name))
    applications.update(cv="", cv_name="", knockout_answers=[])
    PassionTestInvitation.objects.filter(application__in=ids, revoked_at__isnull=True).update(
        revoked_at=now
    )
    interviews = Interview.objects.filter(application__in=ids)
    for interview in interviews.only("pk"):  # a new nonce per interview kills its slot link
        Interview.objects.filter(pk=interview.pk).update(nonce=secrets.token_hex(16))
    interviews.update(location="", cancel_reason="", time_zone="UTC")
    scorecards = Scorecard.objects.filter(interview__application__in=ids)
    TraitRating.objects.filter(scorecard__in=scorecards).exclude(evidence="").update(
        evidence=ERASED
    )
    ScorecardRevision.objects.filter(scorecard__in=scorecards).update(snapshot={})
    scorecards.update(summary="")
    Observation.objects.filter(interview__application__in=ids).update(notes=ERASED)

    candidate.name = ERASED
    candidate.email = address
    candidate.phone = ""
    candidate.consent_to_contact = False
    candidate.consent_given_at = None
    candidate.consent_source = ""
    candidate.erased_at = now
    candidate.save()
    open_requests = ErasureRequest.objects.filter(candidate=candidate, resolved_at__isnull=True)
    requests = list(open_requests.values_list("pk", flat=True))
    ErasureRequest.objects.filter(pk__in=requests).update(resolved_at=now, resolved_by=erased_by)
    audit_record(
        actor=erased_by,
        action="candidate.erase",
        target=f"candidate:{candidate.pk}",
        candidate_id=candidate.pk,
        after={"applications": ids, "erasure_requests_resolved": requests},
        summary=f"Personal data of candidate #{candidate.pk} erased",
    )
    emit_candidate_erased(candidate, ids)
    for application_id in ids:
        ApplicationEvent.objects.create(
            application_id=application_id,
            kind=ApplicationEvent.Kind.NOTE,
            actor=erased_by,
            message=why
            or (f"Personal data erased by {display_name(erased_by)}" if erased_by else ERASED),
        )
    return candidate


def _erase_admin_log(candidate: Candidate, application_ids: list[int]) -> None:
    """The admin's history names the objects it changed (a candidate's name is their str):
    keep the entries (who changed what, when) and drop the names."""
    for model, pks in ((Candidate, [candidate.pk]), (Application, application_ids)):
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in pks],
        ).update(object_repr=ERASED)


def last_activity():
    """Per candidate: the latest of when they were added, a stage change and a timeline
    event on any of their applications."""
    return Greatest(
        "created_at",
        Coalesce(Max("applications__stage_changed_at"), "created_at"),
        Coalesce(Max("applications__events__created_at"), "created_at"),
    )


def candidates_past_retention(now=None):
    now = now or timezone.now()
    months = settings.PASSIONHIRE["RETENTION_MONTHS"]
    cutoff = now - timedelta(days=round(months * 365.25 / 12))
    return (
        Candidate.objects.filter(erased_at__isnull=True)
        .annotate(last_activity=last_activity())
        .filter(last_activity__lt=cutoff)
    )


def candidates_anonymise_stale(*, now=None) -> int:
    """The retention policy: erase every candidate with no activity for RETENTION_MONTHS.
    Returns how many were erased."""
    erased = 0
    months = settings.PASSIONHIRE["RETENTION_MONTHS"]
    for candidate in candidates_past_retention(now).only("pk"):
        candidate_erase(
            candidate=candidate,
            why=f"Personal data erased by the retention policy ({months} months without activity)",
        )
        erased += 1
    return erased
