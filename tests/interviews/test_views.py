"""Interview pages through the Django test client: forms with bad input, independence of
scorecards, the candidate's slot picker, time zones, and query counts."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from candidates.models import Application
from interviews import services
from interviews.models import Interview, Scorecard
from passionhire.traits import Trait
from tests.factories import ApplicationFactory, answers_for, held_interview

ALL = list(Trait.values)


def scorecard_post(rating="4", evidence="Rang the customer back unprompted, because…", **extra):
    data = {"recommendation": "yes", "summary": ""}
    for trait in ALL:
        data[f"rating_{trait}"] = rating
        data[f"evidence_{trait}"] = evidence
    return data | extra


def local(dt) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M")


# --- Scheduling form ------------------------------------------------------------------------


def test_recruiter_offers_times_from_the_form(client, recruiter, application, ivan, jo):
    client.force_login(recruiter)
    url = reverse("interviews:create", args=[application.pk])
    soon = timezone.now() + timedelta(days=3)
    response = client.post(
        url,
        {
            "kind": "values",
            "interviewers": [ivan.pk, jo.pk],
            "duration_minutes": 45,
            "location": "Video call",
            "slot_1": local(soon),
            "slot_2": local(soon + timedelta(hours=1)),
        },
    )
    interview = Interview.objects.get()
    assert response.url == reverse("interviews:detail", args=[interview.pk])
    assert interview.slots.count() == 2
    assert interview.duration_minutes == 45
    assert set(interview.interviewers.values_list("username", flat=True)) == {"ivan", "jo"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"slot_1": "2020-01-01T09:00"}, "in the past"),
        ({"slot_1": "next tuesday"}, "Enter a date and time"),
        ({}, "Offer at least one time"),
        ({"interviewers": []}, "Choose at least one interviewer"),
        ({"interviewers": ["999999"]}, "Select a valid choice"),
        ({"duration_minutes": "9999"}, "Select a valid choice"),
        ({"kind": "party"}, "Select a valid choice"),
    ],
)
def test_bad_scheduling_input_shows_an_error_and_saves_nothing(
    client, recruiter, application, ivan, data, message
):
    client.force_login(recruiter)
    base = {"kind": "values", "interviewers": [ivan.pk], "duration_minutes": 60}
    response = client.post(reverse("interviews:create", args=[application.pk]), base | data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Interview.objects.exists()


def test_a_double_booking_is_warned_about_until_the_recruiter_confirms(
    client, recruiter, role, application, ivan
):
    booked = held_interview(
        application=ApplicationFactory(role=role),
        interviewers=[ivan],
        created_by=recruiter,
        started=False,
    )
    client.force_login(recruiter)
    url = reverse("interviews:create", args=[application.pk])
    data = {
        "kind": "values",
        "interviewers": [ivan.pk],
        "duration_minutes": 60,
        "slot_1": local(booked.starts_at),
    }
    page = client.post(url, data).content.decode()
    assert "Double-booked" in page
    assert "Ivan Interviewer is already booked then" in page
    assert Interview.objects.count() == 1
    client.post(url, data | {"offer_anyway": "on"})
    assert Interview.objects.count() == 2


# --- The candidate's slot picker ------------------------------------------------------------


@pytest.fixture
def offered(application, recruiter, ivan):
    start = timezone.now().replace(microsecond=0) + timedelta(days=2)
    return services.interview_schedule(
        application=application,
        kind="values",
        interviewers=[ivan],
        slots=[start, start + timedelta(hours=2)],
        duration_minutes=60,
        location="Room Ada",
        time_zone="Europe/Berlin",
        created_by=recruiter,
    )


def test_the_candidate_picks_a_time_from_the_link(
    client, offered, django_capture_on_commit_callbacks
):
    url = reverse("slots:pick", args=[services.slot_link_token(offered)])
    page = client.get(url).content.decode()
    assert "Pick a time" in page
    assert "Europe/Berlin" in page  # the server's fallback names its zone
    slot = offered.slots.last()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"slot": slot.pk})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "You're booked" in page
    subjects = sorted(m.subject.split(" · ")[0] for m in mail.outbox)
    assert subjects == ["Booked: your values interview", "Invitation: Values interview"]


def test_a_time_taken_meanwhile_is_explained_and_the_rest_offered(
    client, offered, role, recruiter, ivan
):
    first, second = offered.slots.order_by("starts_at")
    rival = services.interview_schedule(
        application=ApplicationFactory(role=role),
        kind="values",
        interviewers=[ivan],
        slots=[first.starts_at],
        duration_minutes=60,
        location="",
        time_zone="UTC",
        created_by=recruiter,
        allow_conflicts=True,
    )
    services.interview_pick_slot(interview=rival, slot_id=rival.slots.get().pk)
    response = client.post(
        reverse("slots:pick", args=[services.slot_link_token(offered)]), {"slot": first.pk}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "that time was taken a moment ago" in page
    assert f'value="{second.pk}"' in page
    assert f'value="{first.pk}"' not in page
    offered.refresh_from_db()
    assert offered.status == Interview.Status.OFFERED


@pytest.mark.parametrize(
    ("spoil", "status", "text"),
    [
        ("tamper", 404, "does not work"),
        ("expire", 410, "expired"),
        ("cancel", 410, "cancelled"),
    ],
)
def test_a_slot_link_that_does_not_work_gets_a_clear_4xx(
    client, offered, recruiter, spoil, status, text
):
    token = services.slot_link_token(offered)
    if spoil == "tamper":
        token = token[:-3] + "abc"
    elif spoil == "expire":
        Interview.objects.filter(pk=offered.pk).update(link_expires_at=timezone.now())
    else:
        services.interview_cancel(interview=offered, by=recruiter)
    for method in ("get", "post"):
        response = getattr(client, method)(reverse("slots:pick", args=[token]), {"slot": "1"})
        assert response.status_code == status
        assert text in response.content.decode()
        assert "Ada Lovelace" not in response.content.decode()


def test_a_slot_that_is_not_one_of_the_offered_ones_is_refused(
    client, offered, role, recruiter, ivan
):
    other = services.interview_schedule(
        application=ApplicationFactory(role=role),
        kind="values",
        interviewers=[ivan],
        slots=[timezone.now() + timedelta(days=5)],
        duration_minutes=60,
        location="",
        time_zone="UTC",
        created_by=recruiter,
    )
    url = reverse("slots:pick", args=[services.slot_link_token(offered)])
    for slot in (other.slots.get().pk, "", "abc"):
        response = client.post(url, {"slot": slot})
        assert response.status_code == 422
        assert "Choose one of the times offered" in response.content.decode()
    offered.refresh_from_db()
    assert offered.status == Interview.Status.OFFERED


# --- Scorecards and independence ------------------------------------------------------------


def test_a_rating_without_evidence_is_sent_back_with_everything_kept(
    client, application, recruiter, ivan
):
    interview = held_interview(application=application, interviewers=[ivan], created_by=recruiter)
    client.force_login(ivan)
    data = scorecard_post() | {"evidence_courage": "", "rating_empathy": "7"}
    response = client.post(reverse("interviews:scorecard", args=[interview.pk]), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Write the evidence for this rating" in page
    assert "Choose a rating from 1 to 5" in page
    assert "Rang the customer back unprompted" in page  # what they wrote is still there
    assert not Scorecard.objects.exists()


def test_someone_not_on_the_interview_cannot_open_or_post_its_scorecard(
    client, application, recruiter, ivan, jo, hiring_manager
):
    interview = held_interview(application=application, interviewers=[ivan], created_by=recruiter)
    url = reverse("interviews:scorecard", args=[interview.pk])
    for user in (jo, recruiter, hiring_manager):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, scorecard_post()).status_code == 403
    assert not Scorecard.objects.exists()


def test_scorecards_stay_hidden_from_an_interviewer_until_they_submit_their_own(
    client, application, recruiter, ivan, jo, django_capture_on_commit_callbacks
):
    interview = held_interview(
        application=application, interviewers=[ivan, jo], created_by=recruiter
    )
    services.scorecard_submit(
        interview=interview,
        interviewer=jo,
        recommendation="strong_no",
        ratings={t: (2, "Jo's secret observation about the refund call.") for t in ALL},
    )
    client.force_login(ivan)
    detail = reverse("interviews:detail", args=[interview.pk])
    page = client.get(detail).content.decode()
    assert "Jo's secret observation" not in page
    assert "1 colleague already recorded theirs" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("interviews:scorecard", args=[interview.pk]), scorecard_post())
    page = client.get(detail).content.decode()
    assert "Jo&#x27;s secret observation" in page
    assert "Strong no" in page


def test_an_interviewer_who_can_see_the_candidate_page_gets_no_test_scores_until_they_submit(
    client, role, recruiter, hiring_manager, questionnaire, django_capture_on_commit_callbacks
):
    from candidates import services as candidate_services

    application = ApplicationFactory(role=role)
    invitation = candidate_services.passion_test_invite(
        application=application, invited_by=recruiter
    )
    response = candidate_services.passion_test_open(invitation=invitation)
    questions = candidate_services.active_questions(questionnaire)
    with django_capture_on_commit_callbacks(execute=True):
        candidate_services.passion_test_submit(
            response=response, questions=questions, answers=answers_for(questions)
        )
    interview = held_interview(
        application=application, interviewers=[hiring_manager], created_by=recruiter
    )
    client.force_login(hiring_manager)
    url = reverse("hiring:application_detail", args=[application.pk])
    page = client.get(url).content.decode()
    assert "Scores hidden until you record your interview" in page
    assert "trait-chart-data" not in page
    client.post(reverse("interviews:scorecard", args=[interview.pk]), scorecard_post())
    page = client.get(url).content.decode()
    assert "trait-chart-data" in page


def test_the_recruiter_sees_the_edit_history_of_a_scorecard(client, application, recruiter, ivan):
    interview = held_interview(application=application, interviewers=[ivan], created_by=recruiter)
    client.force_login(ivan)
    url = reverse("interviews:scorecard", args=[interview.pk])
    client.post(url, scorecard_post(rating="5", evidence="First impression: superb."))
    client.post(url, scorecard_post(rating="3", evidence="Second thoughts."))
    client.force_login(recruiter)
    page = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert "edited 1 time" in page
    assert "Edit history" in page
    assert "First impression: superb." in page


def test_a_team_meet_observation_from_the_form(client, application, recruiter, ivan):
    meet = held_interview(
        application=application, interviewers=[ivan], created_by=recruiter, kind="team_meet"
    )
    client.force_login(ivan)
    url = reverse("interviews:observation", args=[meet.pk])
    response = client.post(url, {"notes": "", "seen_empathy": "clear"})
    assert response.status_code == 422
    assert "how the candidate got on with the team" in response.content.decode()
    response = client.post(
        url,
        {"notes": "Asked great questions.", "seen_empathy": "clear", "seen_courage": "not_seen"},
    )
    assert response.status_code == 302
    assert meet.observations.get().seen == {"empathy": "clear"}
    assert client.get(reverse("interviews:scorecard", args=[meet.pk])).status_code == 404


def test_cancelling_after_the_interview_took_place_is_refused_with_a_message(
    client, application, recruiter, ivan
):
    interview = held_interview(application=application, interviewers=[ivan], created_by=recruiter)
    client.force_login(recruiter)
    response = client.post(reverse("interviews:cancel", args=[interview.pk]), follow=True)
    assert "already taken place" in response.content.decode()
    interview.refresh_from_db()
    assert interview.status == Interview.Status.SCHEDULED


def test_times_are_shown_in_the_viewers_time_zone(client, application, recruiter, ivan):
    interview = held_interview(
        application=application, interviewers=[ivan], created_by=recruiter, started=False
    )
    Interview.objects.filter(pk=interview.pk).update(
        starts_at=interview.starts_at.replace(hour=9, minute=0)
    )
    client.force_login(ivan)
    url = reverse("interviews:detail", args=[interview.pk])
    assert ", 09:00–10:00" in client.get(url).content.decode()
    response = client.post(reverse("hiring:settings"), {"time_zone": "Asia/Kolkata"})
    assert response.status_code == 302
    assert ", 14:30–15:30" in client.get(url).content.decode()
    assert client.post(reverse("hiring:settings"), {"time_zone": "Mars/Olympus"}).status_code == 200
    assert ", 14:30–15:30" in client.get(url).content.decode()


def test_the_guide_print_view_has_the_questions_and_the_rubric(client, role, recruiter):
    client.force_login(recruiter)
    page = client.get(reverse("interviews:guide_print", args=[role.pk])).content.decode()
    assert "interviews/print.css" in page
    assert page.count('class="ph-print-question"') == 10
    assert "Why did you choose that approach over simply explaining the policy?" in page
    assert "Anticipates how the customer will feel" in page  # empathy's 5 on the rubric


# --- Query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 200])
def test_my_interviews_runs_a_bounded_number_of_queries(
    client, role, recruiter, ivan, count, django_assert_max_num_queries
):
    from candidates.models import Candidate
    from interviews.models import Participant

    now = timezone.now()
    candidates = Candidate.objects.bulk_create(
        Candidate(name=f"C{i}", email=f"c{i}@x.com") for i in range(count)
    )
    applications = Application.objects.bulk_create(
        Application(candidate=c, role=role) for c in candidates
    )
    interviews = Interview.objects.bulk_create(
        Interview(
            application=a,
            nonce=f"n{i}",
            link_expires_at=now,
            traits=ALL,
            status="scheduled",
            starts_at=now + timedelta(hours=i - count // 2),
        )
        for i, a in enumerate(applications)
    )
    Participant.objects.bulk_create(Participant(interview=i, interviewer=ivan) for i in interviews)
    client.force_login(ivan)
    with django_assert_max_num_queries(4):
        page = client.get(reverse("interviews:mine")).content.decode()
    assert page.count('href="/interviews/') >= count


@pytest.mark.parametrize("count", [2, 200])
def test_the_scorecard_page_runs_a_bounded_number_of_queries(
    client, role, recruiter, ivan, count, django_assert_max_num_queries
):
    """However many interviews the interviewer has, their scorecard page costs the same."""
    from candidates.models import Candidate
    from interviews.models import Participant

    now = timezone.now()
    interview = held_interview(
        application=ApplicationFactory(role=role), interviewers=[ivan], created_by=recruiter
    )
    candidates = Candidate.objects.bulk_create(
        Candidate(name=f"C{i}", email=f"c{i}@x.com") for i in range(count)
    )
    applications = Application.objects.bulk_create(
        Application(candidate=c, role=role) for c in candidates
    )
    others = Interview.objects.bulk_create(
        Interview(application=a, nonce=f"n{i}", link_expires_at=now, traits=ALL)
        for i, a in enumerate(applications)
    )
    Participant.objects.bulk_create(Participant(interview=i, interviewer=ivan) for i in others)
    client.force_login(ivan)
    url = reverse("interviews:scorecard", args=[interview.pk])
    client.post(url, scorecard_post())
    with django_assert_max_num_queries(10):
        page = client.get(url).content.decode()
    assert "Edit your scorecard" in page
