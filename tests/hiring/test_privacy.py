"""A candidate's data rights: export, erasure (every personal field gone, statistics kept),
the retention policy, and consent recorded with its time and source."""

import json
import re
from collections import deque
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.urls import reverse
from django.utils import timezone

from candidates import services
from candidates.models import (
    Answer,
    Application,
    ApplicationEvent,
    Candidate,
    Decision,
    Evidence,
    PassionTestInvitation,
    Referral,
    Stage,
)
from hiring.notes.services import note_add
from hiring.saved_views.services import saved_view_save
from hiring.services import privacy
from hiring.tags.services import candidate_tag_add
from interviews import services as interview_services
from interviews.models import Interview, Observation, Scorecard, ScorecardRevision, TraitRating
from passionhire.models import OutboxMessage, SentEmail
from tests.factories import EmployeeFactory, RoleFactory, answers_for, held_interview

NAME, EMAIL, PHONE = "Ada Lovelace", "ada.lovelace@example.com", "+44 20 7946 0000"
# Words written by or about Ada, one per place they can live.
WHY = "Because my grandmother ran a corner shop and knew every customer"
EXAMPLE = "Ada stayed late to fix the billing for a customer in tears"
SCORECARD = "Ada Lovelace told us about the night she rebuilt a customer's report"
RATING = "She described calling Ada's old customer every week, because it mattered"
NOTES = "Ada chatted with the support team about their hardest tickets"
REASON = "Ada is strong but the role needs more German"
NOTE = "Ada asked whether the team works from Lisbon on Fridays"
CANCEL = "Ada Lovelace asked to move it: her daughter is ill"
TAG = "Lovelace family friend"
PLANTED = (
    NAME,
    EMAIL,
    PHONE,
    WHY,
    EXAMPLE,
    SCORECARD,
    RATING,
    NOTES,
    REASON,
    CANCEL,
    NOTE,
    TAG,
    "Lovelace",
)
# Her name's parts on their own, as whole words ("ada" is inside too many other words).
NAME_PARTS = re.compile(r"\b(ada|lovelace)\b", re.IGNORECASE)


@pytest.fixture
def ada(
    recruiter,
    employee,
    hiring_manager,
    role,
    questionnaire,
    question_bank,
    django_capture_on_commit_callbacks,
):
    """Ada with data in every place a candidate's data can be: referred with an example,
    added with consent, a submitted Passion Test with why answers, a held interview with an
    edited scorecard, a team meet with notes, an interview cancelled with a reason, a rated why
    answer, a rejection with a reason, and emails sent (to her, and about her to colleagues)."""

    def step():  # each step's emails and scoring run before the next step
        return django_capture_on_commit_callbacks(execute=True)

    with step():
        referral = services.referral_submit(
            referrer=employee,
            role=role,
            name=NAME,
            email=EMAIL,
            relationship="worked_together",
            known_for="3_5",
            consent_confirmed=True,
            examples={"empathy": EXAMPLE},
        )
    with step():
        services.referral_accept(referral=referral, accepted_by=recruiter)
    application = Application.objects.get(candidate__email=EMAIL)
    Candidate.objects.filter(pk=application.candidate_id).update(phone=PHONE)
    # As if she had applied on the careers page too: a CV and answers to the role's questions.
    application.cv.save("cv.pdf", ContentFile(b"%PDF-1.4 " + NAME.encode()), save=False)
    application.cv_name = f"{NAME} CV.pdf"
    application.knockout_answers = [{"question": CANCEL, "answer": "no", "disqualifying": False}]
    application.save(update_fields=["cv", "cv_name", "knockout_answers"])
    invitation = PassionTestInvitation.objects.get(application=application)
    response = services.passion_test_open(invitation=invitation)
    questions = services.active_questions(questionnaire)
    with step():
        services.passion_test_submit(
            response=response, questions=questions, answers=answers_for(questions, why=WHY)
        )
    why = Answer.objects.filter(response=response, question__kind="why").first()
    services.why_answer_rate(answer=why, rated_by=recruiter, ratings={why.question.traits[0]: 4})
    ivan = EmployeeFactory(
        username="ivan", first_name="Ivan", last_name="Interviewer", email="ivan@example.com"
    )
    with step():  # the calendar invitations go out to her and to Ivan
        interview = held_interview(
            application=application, interviewers=[ivan], created_by=recruiter
        )
    for summary in ("First draft", SCORECARD):  # the edit keeps the first in the history
        interview_services.scorecard_submit(
            interview=interview,
            interviewer=ivan,
            ratings={t: (4, RATING) for t in interview.traits},
            recommendation="yes",
            summary=summary,
        )
    with step():
        meet = held_interview(
            application=application,
            interviewers=[ivan],
            created_by=recruiter,
            kind="team_meet",
            started=timezone.now() - timedelta(hours=3),
        )
    interview_services.observation_submit(
        interview=meet, observer=ivan, seen={"empathy": "clear"}, notes=NOTES
    )
    with step():
        later = held_interview(
            application=application, interviewers=[ivan], created_by=recruiter, started=False
        )
    with step():
        interview_services.interview_cancel(interview=later, by=recruiter, reason=CANCEL)
    note_add(application=application, author=recruiter, text=f"Called {NAME}: {NOTE}")
    candidate_tag_add(application=application, name=TAG, actor=recruiter)
    candidate_tag_add(application=application, name="speaks Welsh", actor=recruiter)
    saved_view_save(
        owner=recruiter, page="shortlist", name=f"{NAME} follow-up", filters={"q": "Lovelace"}
    )
    application.refresh_from_db()
    with step():
        services.decision_record(
            application_id=application.pk,
            kind="reject",
            reason=REASON,
            decided_by=hiring_manager,
            seen_stage=application.stage,
        )
    assert SentEmail.objects.filter(to=EMAIL).count() >= 2  # acknowledgement, test, rejection
    return Candidate.objects.get(email=EMAIL)


def rows_of(model, candidate: Candidate):
    """The rows of `model` that belong to the candidate."""
    ids = list(Application.objects.filter(candidate=candidate).values_list("pk", flat=True))
    label = model._meta.label
    return {
        "candidates.Candidate": lambda: model.objects.filter(pk=candidate.pk),
        "candidates.Application": lambda: model.objects.filter(pk__in=ids),
        "candidates.Referral": lambda: model.objects.filter(application__in=ids),
        "candidates.ReferralExample": lambda: model.objects.filter(referral__application__in=ids),
        "candidates.Answer": lambda: model.objects.filter(response__application__in=ids),
        "candidates.Evidence": lambda: model.objects.filter(application__in=ids),
        "candidates.ApplicationEvent": lambda: model.objects.filter(application__in=ids),
        "candidates.Decision": lambda: model.objects.filter(application__in=ids),
        "interviews.Interview": lambda: model.objects.filter(application__in=ids),
        "interviews.Scorecard": lambda: model.objects.filter(interview__application__in=ids),
        "interviews.TraitRating": lambda: model.objects.filter(
            scorecard__interview__application__in=ids
        ),
        "interviews.ScorecardRevision": lambda: model.objects.filter(
            scorecard__interview__application__in=ids
        ),
        "interviews.Observation": lambda: model.objects.filter(interview__application__in=ids),
        "passionhire.SentEmail": lambda: model.objects.all(),  # all of them: none may leak
        "hiring.Note": lambda: model.objects.filter(application__in=ids),
        "candidates.CandidateTag": lambda: model.objects.filter(tagged__content_object=candidate),
        "hiring.SavedView": lambda: model.objects.all(),  # colleagues' filters: none may name her
    }[label]()


def texts(model, field: str, candidate: Candidate) -> list[str]:
    return [
        json.dumps(v) if not isinstance(v, str) else v
        for v in rows_of(model, candidate).values_list(field, flat=True)
    ]


def test_every_text_field_of_ours_is_classified_personal_or_not():
    """A new text field cannot ship without saying whether erasure must clear it."""
    not_personal = {
        "candidates.Role": {
            "title",
            "team",
            "description",
            "location",
            "pay_currency",
            "translations",
        },
        "candidates.KnockoutQuestion": {"text", "translations"},
        # A bulk action's ids and stages, what it skipped in our words, and the reason given
        # for the whole group (each decision's own copy of it is erased with its candidate);
        # the tag a bulk action added, replaced on erasure when it went with the candidate.
        "candidates.BulkJob": {"reason", "selection", "skipped", "tag"},
        "candidates.Candidate": {"consent_notice_version"},
        # The campaign a link carried; the nonce is part of the status link, not the person;
        # the language code the application was made in (kept after erasure: the Passion
        # Test's consistency per language counts it, and a code names nobody).
        "candidates.Application": {"utm_source", "utm_campaign", "status_nonce", "language"},
        "candidates.Questionnaire": {"title", "intro"},
        # Our test's texts in another language, and the English they translate.
        "candidates.QuestionnaireTranslation": {"language", "title", "intro", "texts", "options"},
        "candidates.Question": {"key", "text", "traits"},
        "candidates.ScenarioOption": {"text", "scores"},
        # The nonce is replaced on erasure all the same; the closed reason is our wording.
        "candidates.PassionTestInvitation": {"nonce", "closed_reason"},
        # Keyed Likert answers as digits: kept for statistics like the answers' ratings.
        "candidates.PassionTestResponse": {"flags", "quality", "keyed_statements", "language"},
        "candidates.Evidence": {"origin"},
        "candidates.Decision": {"from_stage", "to_stage"},
        "interviews.Interview": {"traits", "nonce"},
        "interviews.Observation": {"seen"},  # {trait: level}: ratings, kept for statistics
        "interviews.CoreValue": {"name", "description", "traits", "translations"},
        "interviews.BankQuestion": {"text", "traits", "probes", "translations"},
        "passionhire.SentEmail": {"key"},  # ids only
        "passionhire.User": {  # staff, not candidates
            "password",
            "username",
            "first_name",
            "last_name",
            "email",
            "display_name",
            "time_zone",
            "language",
        },
        "passionhire.OutboxMessage": {"task", "args", "last_error"},  # ids only
        # ids, aliases and settings, never a candidate's name or words
        "passionhire.AuditEntry": {"action", "target", "before", "after", "summary"},
        # Ids, aliases, role titles and colleagues' names; the key and link are ids only.
        "passionhire.Notification": {"text", "url", "key"},
        # The organisation's wording of an email: placeholders, never a candidate's values.
        "passionhire.EmailTemplate": {"kind", "name", "subject", "body", "language"},
        # Stage names.
        "candidates.StageChange": {"from_stage", "to_stage"},
        # The organisation's voluntary questions and the answers it offers.
        "hiring.SelfIdQuestion": {"key", "text", "help_text", "options", "translations"},
        # A check-in holds numbers only: the nonce of its link (replaced on erasure) and the
        # names of a score's source and trait.
        "hiring.CheckIn": {"nonce"},
        "hiring.CheckInScore": {"source", "trait"},
        # A staff member's API token: what they named it, its public prefix, and the SHA-256
        # of the whole token (the token itself is never stored).
        "hiring.ApiToken": {"name", "prefix", "digest"},
        # A recruiter's endpoint; payloads hold ids, stages and decisions by design (no name,
        # email or words: tests/test_webhooks.py checks), attempts our own error words.
        "webhooks.WebhookEndpoint": {
            "url",
            "description",
            "events",
            "secret",
            "previous_secret",
            "disabled_reason",
        },
        "webhooks.WebhookDelivery": {"message_id", "payload"},
        "webhooks.WebhookAttempt": {"error"},
    }
    # A candidate's answers about themselves: the row is deleted on erasure, not emptied
    # (tests/fairness/test_self_identification.py).
    deleted_on_erasure = {"hiring.SelfIdAnswer": {"answer"}}
    found = {}
    for app in ("candidates", "interviews", "passionhire", "webhooks", "hiring"):
        for model in apps.get_app_config(app).get_models():
            fields = {
                f.name
                for f in model._meta.get_fields()
                if isinstance(f, models.CharField | models.TextField | models.JSONField)
                and not f.choices
            }
            if fields:
                found[model._meta.label] = fields
    # Held for a while, then emptied whole by the daily retention task (import_jobs_purge).
    held_briefly = {
        "candidates.ImportJob": {
            "file_name",
            "source_text",
            "header",
            "mapping",
            "rows",
            "problems",
            "stop_reason",
        }
    }
    classified = {
        label: set(privacy.PERSONAL_DATA.get(label, []))
        | not_personal.get(label, set())
        | held_briefly.get(label, set())
        | deleted_on_erasure.get(label, set())
        for label in found
    }
    assert found == classified


def test_erasure_clears_every_personal_field_and_keeps_the_statistics(
    ada, recruiter, django_capture_on_commit_callbacks
):
    application = Application.objects.get(candidate=ada)
    cv = application.cv.name
    assert application.cv.storage.exists(cv)
    # Every listed field holds some of Ada's data before...
    for label, fields in privacy.PERSONAL_DATA.items():
        model = apps.get_model(label)
        for field in fields:
            values = texts(model, field, ada)
            assert values, f"{label}.{field}: no rows to check"
    # Captured now (list() evaluates it), so "after" is compared with what was there before.
    stages_before = list(Application.objects.filter(candidate=ada).values_list("stage", flat=True))
    scores_before = application.trait_scores
    evidence_before = list(Evidence.objects.filter(application=application).values("value"))
    ratings_before = TraitRating.objects.filter(scorecard__interview__application=application)
    ratings_before = list(ratings_before.values_list("rating", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        privacy.candidate_erase(candidate=ada, erased_by=recruiter)
    assert not application.cv.storage.exists(cv)  # the CV file is gone with the row's name

    # ...and none of it after: not the name, not the address, not a word of what was written.
    leaks = []
    for label, fields in privacy.PERSONAL_DATA.items():
        model = apps.get_model(label)
        for field in fields:
            for value in texts(model, field, ada):
                leaks += [f"{label}.{field}: {p!r}" for p in PLANTED if p.lower() in value.lower()]
    assert leaks == []
    ada.refresh_from_db()
    assert ada.name == "[erased]"
    assert ada.email.endswith("@erased.invalid")
    assert ada.phone == ""
    assert ada.consent_to_contact is False
    assert ada.erased_at is not None
    # The statistics stay: stages, scores, evidence values, ratings, the decision's kind.
    application.refresh_from_db()
    stages_after = list(Application.objects.filter(candidate=ada).values_list("stage", flat=True))
    assert stages_after == stages_before == [Stage.REJECTED]
    assert application.stage == Stage.REJECTED
    assert application.trait_scores == scores_before
    assert list(Evidence.objects.filter(application=application).values("value")) == (
        evidence_before
    )
    assert (
        list(
            TraitRating.objects.filter(scorecard__interview__application=application).values_list(
                "rating", flat=True
            )
        )
        == ratings_before
    )
    assert Decision.objects.get(application=application).kind == "reject"
    assert Referral.objects.filter(application=application).count() == 1  # leaderboard counts
    # Her links are dead.
    assert not PassionTestInvitation.objects.filter(
        application=application, revoked_at__isnull=True
    ).exists()
    # Erasing twice is refused.
    with pytest.raises(Exception, match="already erased"):
        privacy.candidate_erase(candidate=ada, erased_by=recruiter)


def test_erasure_takes_her_tags_and_the_views_that_name_her_but_not_a_tag_others_carry(
    ada, recruiter, hiring_manager, role
):
    from candidates.models import BulkJob, CandidateTag, TaggedCandidate
    from hiring.models import SavedView

    other = services.candidate_add_to_role(
        added_by=recruiter, role=role, name="Mary Somerville", email="mary@example.com"
    ).application
    candidate_tag_add(application=other, name="Speaks WELSH", actor=recruiter)  # the same tag
    mine = saved_view_save(
        owner=hiring_manager,
        page="pipeline",
        name="Welsh speakers",
        filters={"tag": "speaks Welsh"},
    )
    adas = saved_view_save(
        owner=hiring_manager, page="pipeline", name="Friends", filters={"tag": TAG}
    )
    job = BulkJob.objects.create(role=role, kind="tag", reason="", tag=TAG, requested_by=recruiter)
    assert set(ada.tags.names()) == {TAG, "speaks Welsh"}
    # Taggit's through rows point at her by a real key: they are hers, and they go.
    assert TaggedCandidate.objects.filter(content_object=ada).count() == 2

    privacy.candidate_erase(candidate=ada, erased_by=recruiter)

    assert not TaggedCandidate.objects.filter(content_object=ada).exists()
    assert list(ada.tags.names()) == []
    # A tag only she carried is gone; the one Mary carries too stays hers.
    assert list(CandidateTag.objects.values_list("name", flat=True)) == ["speaks Welsh"]
    assert list(other.candidate.tags.names()) == ["speaks Welsh"]
    # Views that named her, or filtered on her own tag, are gone; the others are kept.
    assert list(SavedView.objects.values_list("pk", flat=True)) == [mine.pk]
    assert adas.pk not in SavedView.objects.values_list("pk", flat=True)
    job.refresh_from_db()
    assert job.tag == "[erased]"


def test_the_export_holds_everything_and_only_recruiters_get_it(
    client, ada, recruiter, hiring_manager, employee
):
    url = reverse("hiring:candidate_data_export", args=[ada.pk])
    for user in (hiring_manager, employee):
        client.force_login(user)
        refused = client.get(url)
        assert refused.status_code == 403
        assert EMAIL not in refused.content.decode()
    client.force_login(recruiter)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="candidate-{ada.pk}-data.json"'
    data = json.loads(response.content)
    text = json.dumps(data, ensure_ascii=False)
    for planted in (NAME, EMAIL, PHONE, WHY, EXAMPLE, SCORECARD, RATING, NOTES, REASON, NOTE, TAG):
        assert planted in text, planted
    assert data["candidate"]["consent_to_contact"] is True
    assert data["candidate"]["consent_source"].startswith("Confirmed by the referrer, Emma")
    [application] = data["applications"]
    assert application["stage"] == "Rejected"
    assert len(application["scorecards"][0]["earlier_versions"]) == 1
    assert len(data["emails_sent"]) == SentEmail.objects.filter(to=EMAIL).count()
    # Who referred her is a colleague's data: not in her export.
    assert "Emma" not in json.dumps(data["referrals"])
    assert client.get(reverse("hiring:candidate_data_export", args=[999999])).status_code == 404


def test_erasing_in_the_browser_needs_the_address_typed(client, ada, recruiter, hiring_manager):
    url = reverse("hiring:candidate_erase", args=[ada.pk])
    client.force_login(hiring_manager)
    assert client.post(url, {"confirm": EMAIL}).status_code == 403
    client.force_login(recruiter)
    page = client.get(url).content.decode()
    assert "Erase Ada Lovelace's personal data" in page
    for wrong in ("", "someone@example.com", "<script>alert(1)</script>"):
        response = client.post(url, {"confirm": wrong})
        assert response.status_code == 422
        assert "<script>alert(1)" not in response.content.decode()
        assert Candidate.objects.get(pk=ada.pk).erased_at is None
    done = client.post(url, {"confirm": EMAIL.upper()}, follow=True)
    assert "personal data is erased" in done.content.decode()
    assert Candidate.objects.get(pk=ada.pk).erased_at is not None
    again = client.post(url, {"confirm": EMAIL}, follow=True)
    assert "already erased" in again.content.decode()


def test_the_retention_task_erases_only_candidates_idle_past_the_period(
    recruiter, role, settings, django_capture_on_commit_callbacks
):
    settings.PASSIONHIRE = settings.PASSIONHIRE | {"RETENTION_MONTHS": 24}
    old, busy, fresh = (
        services.candidate_add_to_role(
            added_by=recruiter, role=role, name=f"{who} Person", email=f"{who}@example.com"
        ).application
        for who in ("old", "busy", "fresh")
    )
    long_ago = timezone.now() - timedelta(days=750)
    for application in (old, busy):
        Candidate.objects.filter(pk=application.candidate_id).update(created_at=long_ago)
        Application.objects.filter(pk=application.pk).update(stage_changed_at=long_ago)
        ApplicationEvent.objects.filter(application=application).update(created_at=long_ago)
    # Busy had a timeline entry last month: still active.
    ApplicationEvent.objects.create(
        application=busy, kind=ApplicationEvent.Kind.NOTE, message="Called back"
    )
    assert list(privacy.candidates_past_retention()) == [old.candidate]

    from hiring.tasks import anonymise_stale_candidates_task

    assert anonymise_stale_candidates_task.delay().get() == 1
    names = dict(Candidate.objects.values_list("email", "name"))
    assert names["busy@example.com"] == "busy Person"
    assert names["fresh@example.com"] == "fresh Person"
    assert f"erased-{old.candidate_id}@erased.invalid" in names
    event = ApplicationEvent.objects.filter(application=old).order_by("pk").last()
    assert "retention policy (24 months" in event.message
    assert anonymise_stale_candidates_task.delay().get() == 0  # idempotent


def test_consent_is_recorded_with_its_time_and_source(recruiter, role):
    before = timezone.now()
    application = services.candidate_add_to_role(
        added_by=recruiter,
        role=role,
        name="Grace Hopper",
        email="grace@example.com",
        consent_to_contact=True,
    ).application
    candidate = application.candidate
    assert candidate.consent_given_at >= before
    assert candidate.consent_source == "Recorded by Rita Recruiter when adding them to " + (
        "Customer Success Manager"
    )
    silent = services.candidate_add_to_role(
        added_by=recruiter, role=role, name="Alan Turing", email="alan@example.com"
    ).application.candidate
    assert silent.consent_given_at is None
    assert silent.consent_source == ""
    assert not [m for m in mail.outbox if "alan@example.com" in m.to]


# --- Erasure is complete: every text column of every table ---------------------------------


def _path_to_candidate(model) -> str | None:
    """The lookup from `model` to the candidate its rows belong to (through foreign keys), or
    None for rows that belong to no candidate (roles, staff, the email ledger...)."""
    queue, seen = deque([(model, [])]), {model}
    while queue:
        current, path = queue.popleft()
        if current is Candidate:
            return "__".join(path) or "pk"
        for field in current._meta.concrete_fields:
            target = field.related_model
            if field.is_relation and target is not None and target not in seen:
                seen.add(target)
                queue.append((target, [*path, field.name]))
    return None


def _found_in(text: str) -> list[str]:
    lowered = text.lower()
    found = [p for p in (*PLANTED, "ada.lovelace") if p.lower() in lowered]
    return found + [m.group(0) for m in NAME_PARTS.finditer(text)]


def personal_text_of_ada(ada: Candidate) -> list[str]:
    """Every CharField/TextField/EmailField/JSONField... of every row of every table that
    holds Ada's name, a part of it, her address, phone or words written about her, skipping
    only rows that belong to another candidate who is not erased."""
    others = set(
        Candidate.objects.filter(erased_at__isnull=True)
        .exclude(pk=ada.pk)
        .values_list("pk", flat=True)
    )
    leaks = []
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        path = _path_to_candidate(model)
        for row in model._default_manager.values_list(*([path] if path else []), *fields):
            owner, values = (row[0], row[1:]) if path else (None, row)
            if owner in others:
                continue
            for field, value in zip(fields, values, strict=True):
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                leaks += [f"{model._meta.label}.{field}: {p!r}" for p in _found_in(text or "")]
    return leaks


def test_after_erasure_no_table_holds_a_word_of_hers_but_other_candidates_keep_theirs(
    ada, recruiter, role
):
    # Left from before keys were built from ids, and from the admin and a failed email task.
    SentEmail.objects.create(
        key=f"interview:{Interview.objects.filter(application__candidate=ada).first().pk}"
        f":calendar:0:{EMAIL}",
        to=EMAIL,
        subject=f"Interview with {NAME}",
        sent_at=timezone.now(),
    )
    LogEntry.objects.create(
        user=recruiter,
        content_type=ContentType.objects.get_for_model(Candidate),
        object_id=str(ada.pk),
        object_repr=NAME,
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Phone"]}}]',
    )
    OutboxMessage.objects.create(
        task="candidates.tasks.send_rejection_email_task",
        args=[1],
        last_error=f"SMTPRecipientsRefused: {EMAIL}",
    )
    # Her sister-in-law is another candidate: her rows keep her own name.
    annabella = services.candidate_add_to_role(
        added_by=recruiter, role=role, name="Annabella Lovelace", email="annabella@example.com"
    ).application
    ApplicationEvent.objects.create(
        application=annabella, kind=ApplicationEvent.Kind.NOTE, message="Annabella Lovelace rang"
    )
    before = personal_text_of_ada(ada)
    for planted in (*PLANTED, "Ada"):  # the dump sees every kind of thing planted
        assert any(repr(planted).lower() in leak.lower() for leak in before), planted
    assert any(leak.startswith("passionhire.SentEmail.key") for leak in before)
    assert any(leak.startswith("interviews.Interview.location") for leak in before)  # "Room Ada"

    privacy.candidate_erase(candidate=ada, erased_by=recruiter)

    assert personal_text_of_ada(ada) == []
    assert Candidate.objects.get(pk=annabella.candidate_id).name == "Annabella Lovelace"
    assert annabella.events.filter(message="Annabella Lovelace rang").exists()


def test_email_ledger_keys_name_recipients_by_id_never_by_address(ada):
    keys = list(SentEmail.objects.values_list("key", flat=True))
    assert any(":calendar:" in key for key in keys)  # invitations to her and to Ivan
    assert [key for key in keys if "@" in key or NAME_PARTS.search(key)] == []
    assert f"candidate-{ada.pk}" in " ".join(keys)


# --- Nothing new about an erased candidate -------------------------------------------------

ERASED_MESSAGE = "This candidate's personal data was erased; nothing more can be recorded"


@pytest.fixture
def erased(ada, recruiter, employee, django_capture_on_commit_callbacks):
    """Ada, erased while she was still being considered for a second role: held interviews on
    it (one with Ivan's scorecard, one he has not scored yet, a team meet), one to come, and a
    pending referral for a third role."""
    from types import SimpleNamespace

    ivan = EmployeeFactory._meta.model.objects.get(username="ivan")
    second = RoleFactory(title="Support Lead")
    with django_capture_on_commit_callbacks(execute=True):
        application = services.candidate_add_to_role(
            added_by=recruiter, role=second, name=NAME, email=EMAIL
        ).application
        held = [  # at different times: one interviewer is booked once per start
            held_interview(
                application=application,
                interviewers=[ivan],
                created_by=recruiter,
                started=timezone.now().replace(microsecond=0) - timedelta(minutes=minutes),
            )
            for minutes in (90, 150)
        ]
        meet = held_interview(
            application=application,
            interviewers=[ivan],
            created_by=recruiter,
            kind="team_meet",
            started=timezone.now() - timedelta(hours=5),
        )
        coming = held_interview(
            application=application, interviewers=[ivan], created_by=recruiter, started=False
        )
        interview_services.scorecard_submit(
            interview=held[0],
            interviewer=ivan,
            ratings={t: (4, "Calm with the angry caller") for t in held[0].traits},
            recommendation="yes",
        )
        referral = services.referral_submit(
            referrer=employee,
            role=RoleFactory(title="Team Lead"),
            name=NAME,
            email=EMAIL,
            relationship="worked_together",
            known_for="3_5",
            consent_confirmed=True,
            examples={"courage": "Told the board the launch would slip, and why it had to"},
        )
    privacy.candidate_erase(candidate=ada, erased_by=recruiter)
    application.refresh_from_db()
    return SimpleNamespace(
        candidate=Candidate.objects.get(pk=ada.pk),
        application=application,
        scored=held[0],
        unscored=held[1],
        meet=meet,
        coming=coming,
        referral=referral,
        ivan=ivan,
        why=Answer.objects.filter(response__application__candidate=ada, question__kind="why")
        .exclude(text="")
        .first(),
    )


def _refused(call):
    with pytest.raises(ValidationError) as refused:
        call()
    assert ERASED_MESSAGE in " ".join(refused.value.messages)


def test_no_scorecard_can_be_submitted_or_edited_for_an_erased_candidate(client, erased):
    texts_before = sorted(TraitRating.objects.values_list("evidence", flat=True))
    for interview in (erased.scored, erased.unscored):
        _refused(
            lambda interview=interview: interview_services.scorecard_submit(
                interview=interview,
                interviewer=erased.ivan,
                ratings={t: (2, "Ada seemed tired") for t in interview.traits},
                recommendation="no",
                summary="Ada Lovelace again",
            )
        )
    client.force_login(erased.ivan)
    data = {"recommendation": "no", "summary": "Ada Lovelace again"}
    for trait in erased.scored.traits:
        data |= {f"rating_{trait}": "2", f"evidence_{trait}": "Ada seemed tired"}
    response = client.post(reverse("interviews:scorecard", args=[erased.scored.pk]), data)
    assert response.status_code == 422
    assert ERASED_MESSAGE in response.content.decode().replace("&#x27;", "'")
    assert sorted(TraitRating.objects.values_list("evidence", flat=True)) == texts_before
    assert not Scorecard.objects.filter(interview=erased.unscored).exists()
    assert not ScorecardRevision.objects.filter(scorecard__interview=erased.scored).exists()


def test_no_team_meet_notes_can_be_added_about_an_erased_candidate(client, erased):
    _refused(
        lambda: interview_services.observation_submit(
            interview=erased.meet, observer=erased.ivan, seen={}, notes="Ada was lovely"
        )
    )
    client.force_login(erased.ivan)
    response = client.post(
        reverse("interviews:observation", args=[erased.meet.pk]),
        {"notes": "Ada was lovely", "seen_empathy": "clear"},
    )
    assert response.status_code == 422
    assert ERASED_MESSAGE in response.content.decode().replace("&#x27;", "'")
    assert not Observation.objects.filter(interview=erased.meet).exists()


def test_an_erased_candidate_cannot_be_scheduled_moved_or_cancelled_with_a_reason(
    client, erased, recruiter
):
    count = Interview.objects.count()
    client.force_login(recruiter)
    soon = (timezone.now() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("interviews:create", args=[erased.application.pk]),
        {
            "kind": "values",
            "interviewers": [erased.ivan.pk],
            "duration_minutes": 60,
            "slot_1": soon,
        },
    )
    assert response.status_code == 422
    assert ERASED_MESSAGE in response.content.decode().replace("&#x27;", "'")
    assert Interview.objects.count() == count
    starts_at = erased.coming.starts_at
    _refused(
        lambda: interview_services.interview_reschedule(
            interview=erased.coming, starts_at=starts_at + timedelta(days=1), by=recruiter
        )
    )
    _refused(
        lambda: interview_services.interview_resend_link(interview=erased.coming, by=recruiter)
    )
    _refused(
        lambda: interview_services.interview_cancel(
            interview=erased.coming, by=recruiter, reason="Ada found another job"
        )
    )
    erased.coming.refresh_from_db()
    assert (erased.coming.starts_at, erased.coming.status) == (starts_at, "scheduled")
    # Cancelling without a reason frees the interviewers, and tells nobody at her old address.
    mail.outbox.clear()
    interview_services.interview_cancel(interview=erased.coming, by=recruiter)
    erased.coming.refresh_from_db()
    assert (erased.coming.status, erased.coming.cancel_reason) == ("cancelled", "")


def test_no_decision_with_a_reason_can_be_recorded_on_an_erased_candidate(
    client, erased, hiring_manager
):
    role = erased.application.role
    role.hiring_manager = hiring_manager
    role.save()
    client.force_login(hiring_manager)
    response = client.post(
        reverse("hiring:application_decide", args=[erased.application.pk]),
        {"kind": "reject", "reason": "Ada lacks German", "seen_stage": erased.application.stage},
    )
    assert response.status_code == 422
    assert ERASED_MESSAGE in response.content.decode().replace("&#x27;", "'")
    _refused(
        lambda: services.decision_record(
            application_id=erased.application.pk,
            kind="reject",
            reason="Ada lacks German",
            decided_by=hiring_manager,
            seen_stage=erased.application.stage,
        )
    )
    assert not Decision.objects.filter(application=erased.application).exists()


def test_an_erased_candidate_s_why_answer_can_no_longer_be_rated(erased, recruiter):
    before = list(erased.why.ratings.values_list("trait", "rating"))
    _refused(
        lambda: services.why_answer_rate(
            answer=erased.why, rated_by=recruiter, ratings={erased.why.question.traits[0]: 1}
        )
    )
    assert list(erased.why.ratings.values_list("trait", "rating")) == before


def test_an_erased_referral_cannot_be_accepted_or_declined_with_a_note(erased, recruiter):
    _refused(lambda: services.referral_accept(referral=erased.referral, accepted_by=recruiter))
    _refused(
        lambda: services.referral_decline(
            referral=erased.referral, declined_by=recruiter, reason="other", note="Ada again"
        )
    )
    erased.referral.refresh_from_db()
    assert erased.referral.status == Referral.Status.PENDING
    assert Application.objects.filter(candidate=erased.candidate).count() == 2


def test_adding_the_same_person_again_creates_a_new_candidate_not_the_erased_one(
    client, erased, recruiter, role
):
    client.force_login(recruiter)
    url = reverse("candidates:application_create", args=[role.pk])
    typed = {"name": "X", "email": erased.candidate.email, "source": "direct"}
    response = client.post(url, typed)
    assert response.status_code == 422
    assert "stands for an erased candidate" in response.content.decode()
    assert Candidate.objects.get(pk=erased.candidate.pk).name == "[erased]"
    again = services.candidate_add_to_role(added_by=recruiter, role=role, name=NAME, email=EMAIL)
    assert not again.candidate_existed
    assert again.application.candidate_id != erased.candidate.pk
    assert Candidate.objects.get(pk=erased.candidate.pk).name == "[erased]"


def test_an_imports_rows_are_emptied_after_the_keep_days(recruiter, role):
    from datetime import timedelta

    from django.utils import timezone

    from candidates.imports.services import import_jobs_purge, import_upload

    job = import_upload(
        role=role,
        uploaded_by=recruiter,
        file_name="people.csv",
        data=b"name,email\nAda Lovelace,ada@example.com\nBad Row,not-an-email\n",
    )
    assert import_jobs_purge() == 0  # still within the keep days
    later = timezone.now() + timedelta(days=15)
    assert import_jobs_purge(now=later) == 1
    job.refresh_from_db()
    assert (job.source_text, job.rows, job.problems, job.file_name) == ("", [], [], "")
    assert "Ada" not in str(job.header)
