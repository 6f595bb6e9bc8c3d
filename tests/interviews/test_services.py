"""Interview services: guides from weights, scheduling with bookings and .ics emails,
reminders, scorecards with history, team-meet observations, calibration."""

import threading
from datetime import UTC, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from icalendar import Calendar

from candidates.models import Application, Evidence, Stage
from interviews import selectors, services
from interviews.content import CORE_VALUES
from interviews.models import (
    BankQuestion,
    Booking,
    CoreValue,
    Interview,
    Scorecard,
    ScorecardRevision,
)
from interviews.services.scorecards import Calibration
from passionhire.signed_links import LinkError, LinkExpired, LinkRevoked
from passionhire.traits import Trait
from tests.factories import ApplicationFactory, EmployeeFactory, RoleFactory, held_interview

ALL = list(Trait.values)


def calendar_of(message) -> Calendar:
    """The .ics attached to an email, parsed back with icalendar."""
    (name, content, mimetype) = next(a for a in message.attachments if a[0].endswith(".ics"))
    assert mimetype == "text/calendar"
    return Calendar.from_ical(content)


def event_of(message):
    return calendar_of(message).walk("VEVENT")[0]


def attendees(event) -> set[str]:
    values = event.get("attendee")
    values = values if isinstance(values, list) else [values]
    return {str(v).removeprefix("mailto:") for v in values}


def rate_all(traits, rating, evidence="They called the customer back the next morning."):
    return {t: (rating, evidence) for t in traits}


def offer(application, recruiter, interviewers, *, hours=48, kind="values", slots=None, **kw):
    start = timezone.now().replace(microsecond=0) + timedelta(hours=hours)
    return services.interview_schedule(
        application=application,
        kind=kind,
        interviewers=interviewers,
        slots=slots or [start, start + timedelta(hours=2)],
        duration_minutes=kw.pop("duration", 60),
        location="Room Ada",
        time_zone="Europe/Berlin",
        created_by=recruiter,
        **kw,
    )


# --- The bank and guides --------------------------------------------------------------------


def test_default_bank_has_four_questions_per_trait_and_covers_every_value(question_bank):
    for trait in Trait:
        assert sum(trait.value in q.traits for q in question_bank) >= 4, trait
    for _, name, _, _ in CORE_VALUES:
        assert CoreValue.objects.get(name=name).questions.count() >= 1, name
    assert all(
        q.probes
        and all(p.startswith(("Why", "What", "How", "Who", "Tell", "Looking")) for p in q.probes)
        for q in question_bank
    )


def test_allocation_gives_every_trait_one_question_and_the_rest_by_weight():
    weights = {
        "empathy": 10,
        "commitment": 5,
        "curiosity": 5,
        "attention_to_detail": 0,
        "connection": 0,
        "courage": 0,
    }
    # 4 extra questions: empathy 4*10/20 = 2, commitment 1, curiosity 1.
    assert services.allocate_questions(weights, 10) == {
        "empathy": 3,
        "commitment": 2,
        "curiosity": 2,
        "attention_to_detail": 1,
        "connection": 1,
        "courage": 1,
    }
    # Remainders: 3 extra over equal weights 1/1/1 -> one each; a tie on remainder goes first.
    even = dict.fromkeys(ALL, 1)
    assert sum(services.allocate_questions(even, 8).values()) == 8
    assert services.allocate_questions(even, 8)["empathy"] == 2
    assert services.allocate_questions(even, 8)["courage"] == 1


def test_generated_guide_covers_every_trait_with_more_questions_on_heavier_ones(
    question_bank, hiring_manager
):
    role = RoleFactory(
        hiring_manager=hiring_manager,
        weight_empathy=10,
        weight_courage=1,
        weight_commitment=1,
        weight_curiosity=1,
        weight_attention_to_detail=1,
        weight_connection=1,
    )
    guide = services.guide_generate(role=role)
    items = list(guide.items.select_related("question"))
    assert len(items) == 10
    assert services.guide_traits(guide) == ALL
    focus = [item.focus for item in items]
    # 4 questions beyond one each: empathy's quota 4 * 10/15 = 2.67, the others' 0.27 each.
    # Whole parts: empathy 2; the 2 left go by largest remainder: empathy (.67), commitment.
    assert {t: focus.count(t) for t in ALL} == {
        "empathy": 4,
        "commitment": 2,
        "curiosity": 1,
        "attention_to_detail": 1,
        "connection": 1,
        "courage": 1,
    }
    assert len({item.question_id for item in items}) == 10
    assert len({item.question.core_value_id for item in items}) >= 4  # spread over the values


def test_editing_the_guide_warns_when_a_trait_loses_its_last_question(
    role, recruiter, question_bank
):
    guide = services.guide_generate(role=role, size=6)
    courage = guide.items.get(focus="courage")
    others_covering = [
        i for i in guide.items.exclude(pk=courage.pk) if "courage" in i.question.traits
    ]
    for item in others_covering:
        services.guide_remove_question(item=item, by=recruiter)
    assert services.guide_remove_question(item=courage, by=recruiter) == ["courage"]
    guide.refresh_from_db()
    assert guide.edited_by == recruiter
    question = next(q for q in BankQuestion.objects.order_by("pk") if "courage" in q.traits)
    services.guide_add_question(guide=guide, question=question, by=recruiter)
    assert "courage" in services.guide_traits(guide)
    with pytest.raises(ValidationError, match="already in the guide"):
        services.guide_add_question(guide=guide, question=question, by=recruiter)


def test_a_core_value_needs_a_unique_name_and_a_trait(db):
    services.core_value_save(actor=None, name="Be kind", description="", traits=["empathy"])
    with pytest.raises(ValidationError, match="already a core value"):
        services.core_value_save(actor=None, name="be KIND", description="", traits=["empathy"])
    with pytest.raises(ValidationError, match="at least one trait"):
        services.core_value_save(actor=None, name="Be brave", description="", traits=["bravado"])


def test_a_bank_question_needs_a_why_probe(db, recruiter):
    value = services.core_value_save(actor=None, name="Be kind", description="", traits=["empathy"])
    with pytest.raises(ValidationError, match="why follow-up"):
        services.bank_question_save(
            core_value=value,
            text="Tell me…",
            traits=["empathy"],
            probes=["  ", ""],
            author=recruiter,
        )
    assert not BankQuestion.objects.filter(core_value=value).exists()


# --- Scheduling -----------------------------------------------------------------------------


def test_offering_times_emails_the_candidate_a_signed_link_and_moves_the_stage(
    application, recruiter, ivan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        interview = offer(application, recruiter, [ivan])
    assert interview.status == Interview.Status.OFFERED
    assert interview.traits == ALL  # the default guide covers all six
    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEWS
    (message,) = [m for m in mail.outbox if "Pick a time" in m.subject]
    assert message.to == ["ada@example.com"]
    assert services.slot_link_url(interview) in message.body
    assert services.interview_from_token(services.slot_link_token(interview)) == interview


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"slots": "past"}, "in the past"),
        ({"slots": "twice"}, "offered twice"),
        ({"interviewers": []}, "at least one interviewer"),
        ({"consent": False}, "not agreed to be contacted"),
        ({"stage": Stage.REJECTED}, "rejected"),
    ],
)
def test_scheduling_refuses_bad_input_and_saves_nothing(
    application, recruiter, ivan, change, error
):
    soon = timezone.now() + timedelta(days=1)
    slots = {"past": [timezone.now() - timedelta(minutes=5)], "twice": [soon, soon]}.get(
        change.get("slots"), [soon]
    )
    if "consent" in change:
        application.candidate.consent_to_contact = False
        application.candidate.save()
    if "stage" in change:
        Application.objects.filter(pk=application.pk).update(stage=change["stage"])
        application.refresh_from_db()
    with pytest.raises(ValidationError, match=error):
        services.interview_schedule(
            application=application,
            kind="values",
            interviewers=change.get("interviewers", [ivan]),
            slots=slots,
            duration_minutes=60,
            location="",
            time_zone="UTC",
            created_by=recruiter,
        )
    assert not Interview.objects.exists()
    assert not mail.outbox


def test_an_interviewer_booked_elsewhere_is_warned_about_and_that_slot_is_not_offered(
    role, recruiter, ivan, application
):
    other = held_interview(
        application=ApplicationFactory(role=role),
        interviewers=[ivan],
        created_by=recruiter,
        started=False,
    )
    clash = other.starts_at + timedelta(minutes=30)  # overlaps the hour already booked
    free = other.starts_at + timedelta(hours=3)
    with pytest.raises(ValidationError) as refused:
        offer(application, recruiter, [ivan], slots=[clash, free])
    assert refused.value.error_list[0].code == "double_booked"
    assert "Ivan Interviewer is already booked then" in refused.value.messages[0]
    interview = offer(application, recruiter, [ivan], slots=[clash, free], allow_conflicts=True)
    assert [s.starts_at for s in services.open_slots(interview)] == [free]
    with pytest.raises(services.SlotTaken):
        services.interview_pick_slot(
            interview=interview, slot_id=interview.slots.get(starts_at=clash).pk
        )


def test_picking_a_slot_books_everyone_and_sends_each_an_ics_invitation(
    application, recruiter, ivan, jo, django_capture_on_commit_callbacks
):
    interview = offer(application, recruiter, [ivan, jo])
    slot = interview.slots.order_by("starts_at").last()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.interview_pick_slot(interview=interview, slot_id=slot.pk)
    interview.refresh_from_db()
    assert interview.status == Interview.Status.SCHEDULED
    assert interview.starts_at == slot.starts_at
    assert set(Booking.objects.values_list("interviewer__username", flat=True)) == {"ivan", "jo"}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "ada@example.com",
        "ivan@example.com",
        "jo@x.com",
    ]
    for message in mail.outbox:
        calendar = calendar_of(message)
        assert str(calendar["method"]) == "REQUEST"
        event = calendar.walk("VEVENT")[0]
        assert str(event["uid"]) == f"{interview.uid}@passionhire"
        assert event["sequence"] == 0
        start = event.decoded("dtstart")
        assert start == slot.starts_at
        assert start.tzinfo.utcoffset(start) == timedelta(0)
        assert event.decoded("dtend") - start == timedelta(minutes=60)
        assert attendees(event) == {"ada@example.com", "ivan@example.com", "jo@x.com"}
    # Each reads the time once, in their own zone: the candidate in the zone the times were
    # offered in, each interviewer in the one on their account.
    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert "CET (Europe/Berlin)" in by_address["ada@example.com"]
    assert "UTC" not in by_address["ada@example.com"]
    assert "UTC" in by_address["ivan@example.com"]
    assert "CET" not in by_address["ivan@example.com"]


def test_a_second_pick_is_refused_and_the_first_time_stands(application, recruiter, ivan):
    interview = offer(application, recruiter, [ivan])
    first, second = interview.slots.order_by("starts_at")
    services.interview_pick_slot(interview=interview, slot_id=first.pk)
    with pytest.raises(services.AlreadyScheduled):
        services.interview_pick_slot(interview=interview, slot_id=second.pk)
    interview.refresh_from_db()
    assert interview.starts_at == first.starts_at
    assert Booking.objects.count() == 1


def test_the_database_refuses_two_bookings_of_one_interviewer_at_one_time(
    application, recruiter, ivan, role
):
    interview = held_interview(
        application=application, interviewers=[ivan], created_by=recruiter, started=False
    )
    other = offer(ApplicationFactory(role=role), recruiter, [ivan], allow_conflicts=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            interviewer=ivan,
            interview=other,
            starts_at=interview.starts_at,
            ends_at=interview.ends_at,
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql  # two threads taking row locks: SQLite has none to take
def test_two_candidates_racing_for_one_interviewers_time_end_with_one_booking(
    recruiter, role, question_bank
):
    """Two real connections pick the same time for the same interviewer at once."""
    ivan = EmployeeFactory(username="ivan")
    start = timezone.now().replace(microsecond=0) + timedelta(days=2)
    interviews = [
        offer(
            ApplicationFactory(role=role),
            recruiter,
            [ivan],
            slots=[start, start + timedelta(hours=4)],
            allow_conflicts=True,
        )
        for _ in range(2)
    ]
    barrier = threading.Barrier(2)
    outcomes = []

    def pick(interview):
        try:
            barrier.wait(timeout=5)
            services.interview_pick_slot(
                interview=interview, slot_id=interview.slots.get(starts_at=start).pk
            )
            outcomes.append("booked")
        except services.SlotTaken:
            outcomes.append("taken")
        finally:
            connection.close()

    threads = [threading.Thread(target=pick, args=(i,)) for i in interviews]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert sorted(outcomes) == ["booked", "taken"]
    assert Booking.objects.filter(interviewer=ivan, starts_at=start).count() == 1
    loser = next(i for i in interviews if not Booking.objects.filter(interview=i).exists())
    assert [s.starts_at for s in services.open_slots(loser)] == [start + timedelta(hours=4)]


def test_slot_links_that_do_not_work_say_why(application, recruiter, ivan, role):
    interview = offer(application, recruiter, [ivan])
    token = services.slot_link_token(interview)
    with pytest.raises(LinkError):
        services.interview_from_token(token[:-2] + "xx")
    with pytest.raises(LinkError):
        services.interview_from_token("garbage")
    other = offer(ApplicationFactory(role=role), recruiter, [ivan], hours=96)
    from django.core import signing

    forged = signing.Signer(salt="interviews.slot-link").sign_object([other.pk, interview.nonce])
    with pytest.raises(LinkError):
        services.interview_from_token(forged)
    Interview.objects.filter(pk=interview.pk).update(link_expires_at=timezone.now())
    with pytest.raises(LinkExpired):
        services.interview_from_token(token)
    services.interview_cancel(interview=other, by=recruiter)
    with pytest.raises(LinkRevoked):
        services.interview_from_token(services.slot_link_token(other))


def test_rescheduling_sends_an_update_with_the_same_uid_and_a_higher_sequence(
    application, recruiter, ivan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        interview = held_interview(
            application=application, interviewers=[ivan], created_by=recruiter, started=False
        )
    later = interview.starts_at + timedelta(days=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.interview_reschedule(interview=interview, starts_at=later, by=recruiter)
    assert len(mail.outbox) == 2
    event = event_of(mail.outbox[0])
    assert str(event["uid"]) == f"{interview.uid}@passionhire"
    assert event["sequence"] == 1
    assert event.decoded("dtstart") == later
    assert mail.outbox[0].subject.startswith("Moved:")
    assert Booking.objects.get().starts_at == later
    with pytest.raises(ValidationError, match="future"):
        services.interview_reschedule(interview=interview, starts_at=timezone.now(), by=recruiter)


def test_cancelling_sends_method_cancel_and_frees_the_interviewers(
    application, recruiter, ivan, django_capture_on_commit_callbacks
):
    interview = held_interview(
        application=application, interviewers=[ivan], created_by=recruiter, started=False
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.interview_cancel(interview=interview, by=recruiter, reason="Role paused")
    assert not Booking.objects.exists()
    calendar = calendar_of(mail.outbox[0])
    assert str(calendar["method"]) == "CANCEL"
    event = calendar.walk("VEVENT")[0]
    assert str(event["status"]) == "CANCELLED"
    assert event["sequence"] == 1
    assert str(event["uid"]) == f"{interview.uid}@passionhire"


def test_an_interview_that_took_place_cannot_be_cancelled_or_moved(application, recruiter, ivan):
    interview = held_interview(application=application, interviewers=[ivan], created_by=recruiter)
    with pytest.raises(ValidationError, match="already taken place"):
        services.interview_cancel(interview=interview, by=recruiter)
    with pytest.raises(ValidationError, match="already taken place"):
        services.interview_reschedule(
            interview=interview, starts_at=timezone.now() + timedelta(days=1), by=recruiter
        )
    interview.refresh_from_db()
    assert interview.status == Interview.Status.SCHEDULED
    assert interview.sequence == 0
    assert Booking.objects.count() == 1


def test_reminders_go_out_24_hours_and_1_hour_before_once_each(application, recruiter, ivan, jo):
    interview = held_interview(
        application=application, interviewers=[ivan, jo], created_by=recruiter, started=False
    )
    start = interview.starts_at  # booked two days ahead
    mail.outbox.clear()
    assert services.interview_reminders_send_due(now=start - timedelta(hours=25)) == 0
    assert services.interview_reminders_send_due(now=start - timedelta(hours=23, minutes=58)) == 3
    # The beat task runs again (or the worker retries): nobody gets a second one.
    assert services.interview_reminders_send_due(now=start - timedelta(hours=23, minutes=53)) == 0
    assert services.interview_reminders_send_due(now=start - timedelta(minutes=58)) == 3
    assert services.interview_reminders_send_due(now=start - timedelta(minutes=53)) == 0
    assert services.interview_reminders_send_due(now=start + timedelta(minutes=1)) == 0
    subjects = sorted(m.subject.split(" · ")[0] for m in mail.outbox)
    assert subjects == (
        ["Reminder: Values interview in one hour"] * 2
        + ["Reminder: Values interview tomorrow"] * 2
        + ["Reminder: your values interview in one hour"]
        + ["Reminder: your values interview tomorrow"]
    )


def test_no_day_before_reminder_for_an_interview_booked_less_than_a_day_ahead(
    application, recruiter, ivan
):
    interview = offer(application, recruiter, [ivan], hours=5)
    services.interview_pick_slot(interview=interview, slot_id=interview.slots.first().pk)
    interview.refresh_from_db()
    mail.outbox.clear()
    assert services.interview_reminders_send_due(now=interview.starts_at - timedelta(hours=4)) == 0
    assert (
        services.interview_reminders_send_due(now=interview.starts_at - timedelta(minutes=50)) == 2
    )


def test_a_moved_interview_gets_its_reminders_again_for_the_new_time(application, recruiter, ivan):
    interview = held_interview(
        application=application, interviewers=[ivan], created_by=recruiter, started=False
    )
    services.interview_reminders_send_due(now=interview.starts_at - timedelta(minutes=30))
    later = interview.starts_at + timedelta(hours=2)
    services.interview_reschedule(interview=interview, starts_at=later, by=recruiter)
    assert services.interview_reminders_send_due(now=later - timedelta(minutes=30)) == 2


# --- Scorecards -----------------------------------------------------------------------------


def test_only_someone_on_the_interview_can_submit_a_scorecard(application, recruiter, ivan, jo):
    interview = held_interview(application=application, interviewers=[ivan], created_by=recruiter)
    with pytest.raises(PermissionDenied):
        services.scorecard_submit(
            interview=interview, interviewer=jo, ratings=rate_all(ALL, 4), recommendation="yes"
        )
    assert not Scorecard.objects.exists()


@pytest.mark.parametrize(
    ("ratings", "error"),
    [
        ({"empathy": (6, "Listened well.")}, "from 1 to 5"),
        ({"empathy": (0, "Listened well.")}, "from 1 to 5"),
        ({"empathy": (4, "   ")}, "earns this empathy rating"),
        ({"empathy": (4, "x" * 2001)}, "under 2000"),
        ({"bravado": (4, "Very brave.")}, "does not cover"),
    ],
)
def test_a_bad_rating_is_refused_and_nothing_is_saved(application, recruiter, ivan, ratings, error):
    interview = held_interview(application=application, interviewers=[ivan], created_by=recruiter)
    with pytest.raises(ValidationError, match=error):
        services.scorecard_submit(
            interview=interview,
            interviewer=ivan,
            ratings=rate_all(ALL[1:], 3) | ratings,
            recommendation="yes",
        )
    assert not Scorecard.objects.exists()
    assert not Evidence.objects.filter(source="interview").exists()


def test_a_scorecard_cannot_be_submitted_before_the_interview_or_with_no_evidence_at_all(
    application, recruiter, ivan
):
    interview = held_interview(
        application=application, interviewers=[ivan], created_by=recruiter, started=False
    )
    with pytest.raises(ValidationError, match="once the interview has started"):
        services.scorecard_submit(
            interview=interview, interviewer=ivan, ratings=rate_all(ALL, 4), recommendation="yes"
        )
    Interview.objects.filter(pk=interview.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError, match="at least one trait"):
        services.scorecard_submit(
            interview=interview,
            interviewer=ivan,
            ratings={t: (None, "") for t in ALL},
            recommendation="yes",
        )
    with pytest.raises(ValidationError, match="recommendation"):
        services.scorecard_submit(
            interview=interview, interviewer=ivan, ratings=rate_all(ALL, 4), recommendation="maybe"
        )
    assert not Scorecard.objects.exists()


def test_a_scorecard_becomes_interview_evidence_and_no_evidence_is_not_a_low_score(
    application, recruiter, ivan, django_capture_on_commit_callbacks
):
    interview = held_interview(application=application, interviewers=[ivan], created_by=recruiter)
    ratings = rate_all(ALL, 4) | {"courage": (None, ""), "curiosity": (2, "Did not ask why.")}
    with django_capture_on_commit_callbacks(execute=True):
        scorecard = services.scorecard_submit(
            interview=interview, interviewer=ivan, ratings=ratings, recommendation="yes"
        )
    rows = {
        e.trait: e for e in Evidence.objects.filter(origin=f"interview:scorecard:{scorecard.pk}")
    }
    assert set(rows) == set(ALL) - {"courage"}
    assert rows["empathy"].value == 75.0
    assert rows["curiosity"].value == 25.0
    assert rows["empathy"].source == "interview"
    assert rows["empathy"].author == ivan
    assert rows["empathy"].raw_value is None  # one scorecard: not calibrated yet
    application.refresh_from_db()
    # Equal role weights: (4 * 75 + 25) / 5 traits with evidence.
    assert application.composite_score == 65.0


def test_editing_a_submitted_scorecard_keeps_the_old_version_in_its_history(
    application, recruiter, ivan, django_capture_on_commit_callbacks
):
    interview = held_interview(application=application, interviewers=[ivan], created_by=recruiter)
    with django_capture_on_commit_callbacks(execute=True):
        scorecard = services.scorecard_submit(
            interview=interview,
            interviewer=ivan,
            ratings=rate_all(ALL, 5),
            recommendation="strong_yes",
        )
        services.scorecard_submit(
            interview=interview,
            interviewer=ivan,
            ratings=rate_all(ALL, 3) | {"empathy": (None, "")},
            recommendation="no",
            summary="On reflection, rehearsed answers.",
        )
    (revision,) = ScorecardRevision.objects.filter(scorecard=scorecard)
    assert revision.snapshot["recommendation"] == "strong_yes"
    assert revision.snapshot["ratings"]["empathy"][0] == 5
    assert revision.edited_by == ivan
    scorecard.refresh_from_db()
    assert scorecard.recommendation == "no"
    assert Scorecard.objects.count() == 1
    evidence = Evidence.objects.filter(origin=f"interview:scorecard:{scorecard.pk}")
    assert not evidence.filter(trait="empathy").exists()  # now "no evidence": its row is gone
    assert set(evidence.values_list("value", flat=True)) == {50.0}


def test_calibration_maps_a_raters_habits_onto_everyones():
    lenient = Calibration(
        scorecards=5, mean=4.5, spread=0.5, pool_mean=3.0, pool_spread=1.0, active=True
    )
    assert lenient.calibrate(5) == 4.0  # 3 + (5 - 4.5) * 1.0 / 0.5
    assert lenient.calibrate(4) == 2.0
    assert lenient.calibrate(1) == 1.0  # kept on the scale
    flat = Calibration(
        scorecards=9, mean=5.0, spread=0.0, pool_mean=3.2, pool_spread=1.1, active=True
    )
    assert flat.calibrate(5) == pytest.approx(3.2)
    new = Calibration(
        scorecards=2, mean=5.0, spread=0.0, pool_mean=3.0, pool_spread=1.0, active=False
    )
    assert new.calibrate(5) == 5.0


def _scorecards(role, recruiter, interviewer, ratings_per_card, *, others=()):
    """One held interview and scorecard per entry of `ratings_per_card` ({trait: rating})."""
    cards = []
    for i, ratings in enumerate(ratings_per_card):
        application = ApplicationFactory(role=role)
        interview = held_interview(
            application=application,
            interviewers=[interviewer, *others],
            created_by=recruiter,
            started=timezone.now() - timedelta(hours=2 + i * 3),
        )
        cards.append(
            services.scorecard_submit(
                interview=interview,
                interviewer=interviewer,
                ratings={t: (r, "Evidence.") for t, r in ratings.items()},
                recommendation="yes",
            )
        )
    return cards


def test_a_lenient_interviewer_is_calibrated_once_they_reach_the_threshold(
    role, recruiter, ivan, jo, settings, django_capture_on_commit_callbacks
):
    settings.PASSIONHIRE = settings.PASSIONHIRE | {"CALIBRATION_MIN_SCORECARDS": 3}
    with django_capture_on_commit_callbacks(execute=True):
        _scorecards(
            role,
            recruiter,
            jo,
            [
                {"empathy": 1, "courage": 2},
                {"empathy": 2, "courage": 3},
                {"empathy": 3, "courage": 2},
                {"empathy": 2, "courage": 1},
            ],
        )
        cards = _scorecards(role, recruiter, ivan, [{"empathy": 5, "courage": 4}] * 3)
    # Ivan: 6 ratings (5,4 x3): mean 4.5, spread 0.5. Pool: 14 ratings summing 16 + 27 = 43.
    calibration = services.rater_calibration(interviewer_id=ivan.pk)
    assert calibration.active
    assert calibration.scorecards == 3
    assert calibration.mean == pytest.approx(4.5)
    assert calibration.pool_mean == pytest.approx(43 / 14)
    first = Evidence.objects.get(origin=f"interview:scorecard:{cards[0].pk}", trait="empathy")
    # The first scorecard was scored before the threshold, then recalibrated when it was hit.
    expected = calibration.calibrate(5)  # 43/14 + (5 - 4.5) * 1.3869 / 0.5 = 4.458
    assert expected == pytest.approx(4.458, abs=0.001)
    assert first.value == pytest.approx(services.rating_to_value(expected))
    assert first.raw_value == 100.0
    assert first.value < 100.0
    assert "calibrated" in first.summary


def test_calibration_for_a_rater_with_1000_scorecards_is_one_aggregate_query(
    role, ivan, django_assert_num_queries
):
    from interviews.models import TraitRating

    application = ApplicationFactory(role=role)
    now = timezone.now()
    interviews = Interview.objects.bulk_create(
        Interview(application=application, nonce=f"n{i}", link_expires_at=now, traits=ALL)
        for i in range(1000)
    )
    cards = Scorecard.objects.bulk_create(
        Scorecard(interview=i, interviewer=ivan, recommendation="yes", submitted_at=now)
        for i in interviews
    )
    TraitRating.objects.bulk_create(
        TraitRating(scorecard=c, trait=t, rating=1 + (n + k) % 5, evidence="e")
        for n, c in enumerate(cards)
        for k, t in enumerate(ALL)
    )
    with django_assert_num_queries(1):
        calibration = services.rater_calibration(interviewer_id=ivan.pk)
    assert calibration.scorecards == 1000
    assert calibration.mean == pytest.approx(3.0)


def test_the_interviewer_report_shows_how_far_each_sits_from_the_others(
    application, recruiter, ivan, jo, django_assert_max_num_queries
):
    interview = held_interview(
        application=application, interviewers=[ivan, jo], created_by=recruiter
    )
    services.scorecard_submit(
        interview=interview,
        interviewer=ivan,
        recommendation="strong_yes",
        ratings={"empathy": (5, "e"), "courage": (5, "c")},
    )
    services.scorecard_submit(
        interview=interview,
        interviewer=jo,
        recommendation="no",
        ratings={"empathy": (3, "e"), "courage": (2, "c")},
    )
    with django_assert_max_num_queries(1):
        rows = {row["name"]: row for row in selectors.interviewer_stats()}
    assert rows["Ivan Interviewer"]["mean"] == 5.0
    assert rows["Ivan Interviewer"]["gap"] == pytest.approx(2.5)  # (5-3 + 5-2) / 2
    assert rows["Jo Judge"]["gap"] == pytest.approx(-2.5)
    assert rows["Jo Judge"]["spread"] == pytest.approx(0.5)
    assert rows["Jo Judge"]["scorecards"] == 1
    assert rows["Jo Judge"]["shared"] == 2


# --- Team meets and independence ------------------------------------------------------------


def test_team_meet_observations_become_lighter_evidence(
    application, recruiter, ivan, django_capture_on_commit_callbacks
):
    meet = held_interview(
        application=application, interviewers=[ivan], created_by=recruiter, kind="team_meet"
    )
    with pytest.raises(ValidationError, match="a few words"):
        services.observation_submit(
            interview=meet, observer=ivan, seen={"empathy": "clear"}, notes="  "
        )
    with pytest.raises(ValidationError, match="from the list"):
        services.observation_submit(
            interview=meet, observer=ivan, seen={"empathy": "wow"}, notes="Fine."
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.observation_submit(
            interview=meet,
            observer=ivan,
            seen={"empathy": "clear", "courage": "concern"},
            notes="Asked the support team what their hardest call was this week.",
        )
    rows = {e.trait: e for e in Evidence.objects.filter(source="team_meet")}
    assert {t: (e.value, e.weight) for t, e in rows.items()} == {
        "empathy": (85.0, 0.5),
        "courage": (25.0, 0.5),
    }
    with pytest.raises(ValidationError, match="team meet"):
        services.scorecard_submit(
            interview=meet, interviewer=ivan, ratings=rate_all(ALL, 3), recommendation="yes"
        )


def test_an_interviewer_sees_no_scores_until_they_have_recorded_their_own(
    application, recruiter, ivan, jo
):
    interview = held_interview(
        application=application, interviewers=[ivan, jo], created_by=recruiter
    )
    assert selectors.anchoring_hidden(ivan, application)
    assert not selectors.anchoring_hidden(recruiter, application)
    services.scorecard_submit(
        interview=interview, interviewer=ivan, ratings=rate_all(ALL, 4), recommendation="yes"
    )
    assert not selectors.anchoring_hidden(ivan, application)
    assert selectors.anchoring_hidden(jo, application)
    other = offer(application, recruiter, [jo], hours=72)
    assert selectors.anchoring_hidden(jo, application)
    Interview.objects.filter(pk__in=[interview.pk]).update(status="cancelled")
    assert Interview.objects.get(pk=other.pk).status == "offered"
    assert selectors.anchoring_hidden(jo, application)  # still on the offered one
    services.interview_cancel(interview=other, by=recruiter)
    assert not selectors.anchoring_hidden(jo, application)


def test_times_in_the_ics_are_utc_even_when_scheduled_from_another_zone(
    application, recruiter, ivan
):
    interview = held_interview(
        application=application, interviewers=[ivan], created_by=recruiter, started=False
    )
    ics = services.interview_ics(interview, attendees=[("Ada", "ada@example.com")]).decode()
    assert f"DTSTART:{interview.starts_at.astimezone(UTC):%Y%m%dT%H%M%S}Z" in ics
