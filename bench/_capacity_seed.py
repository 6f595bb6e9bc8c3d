"""What bench/capacity.py's requests need in its database: the demo data, Passion Tests being
taken (every page shown, nothing answered), Passion Tests answered to the end and waiting for
Submit, interviews offering times to pick, and the ids the staff pages read. Plain JSON out,
so the load driver never touches Django."""

from datetime import timedelta

from _gunicorn import create_demo_database, passion_test_links

SLOTS_PER_INTERVIEW = 3
INTERVIEWERS = 20


def seed_capacity(env: dict, db_name: str, *, pool: int) -> dict:
    """A fresh `db_name`; `pool` of each once-only thing (tests to submit, interviews to
    book) and as many tests being taken."""
    create_demo_database(env, db_name)
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from candidates import services
    from candidates.careers import selectors
    from candidates.models import Application, Candidate, Role
    from candidates.passion_test import paging
    from interviews.models import Interview

    User = get_user_model()
    recruiter = User.objects.get(username="recruiter")
    managed = Role.objects.filter(hiring_manager__username="manager")
    role = managed.filter(pk__in=selectors.published_roles().values("pk")).order_by("pk").first()
    candidates = Candidate.objects.bulk_create(
        Candidate(name=f"Capacity {i}", email=f"seed{i}@capacity.example", consent_to_contact=True)
        for i in range(2 * pool)
    )
    applications = Application.objects.bulk_create(
        Application(candidate=c, role=role) for c in candidates
    )
    links = passion_test_links(applications, invited_by=recruiter)
    taking, ready = links[:pool], links[pool:]
    for link in taking:  # every page shown: any page may be viewed, saved or left with Next
        for page in range(1, len(link["pages"]) + 1):
            paging.passion_test_page_show(response=link["response"], page=page)
    for link in ready:  # every page answered, the last one on screen: Submit is one request
        response = link["response"]
        pages = paging.response_pages(response)
        for number, questions in enumerate(pages, start=1):
            paging.passion_test_page_show(response=response, page=number)
            answers = {str(q.pk): link["answers"][str(q.pk)] for q in questions}
            paging.passion_test_page_save(
                response=response, pages=pages, page=number, answers=answers
            )
    interviews = _offered_interviews(applications[:pool], recruiter, timezone.now())
    manager_roles = list(managed.values_list("pk", flat=True))
    interview = Interview.objects.filter(
        participants__interviewer__username="employee", kind="values", starts_at__lt=timezone.now()
    ).first()
    return {
        "manager": ["manager", "manage-with-passion"],
        "interviewer": ["employee", "refer-with-passion"],
        "roles": manager_roles,
        "applications": list(
            Application.objects.filter(role__in=manager_roles, composite_score__isnull=False)
            .exclude(candidate__email__endswith="@capacity.example")
            .values_list("pk", flat=True)
        ),
        "interview": {"pk": interview.pk, "traits": list(interview.traits)},
        "apply_role": role.pk,
        "knockouts": {
            str(q.pk): "yes" if q.disqualifying_answer == "no" else "no"
            for q in selectors.knockout_questions(role)
        },
        "taking": [
            {"token": t["token"], "pages": t["pages"], "why": _written(t["response"])}
            for t in taking
        ],
        "ready": [{"token": t["token"], "pages": t["pages"]} for t in ready],
        "status": [services.status_token(a) for a in applications[:pool]],
        "interviews": interviews,
    }


def _written(response) -> list[str]:
    """The form fields of the test's written answers (autosaved as they are typed)."""
    from candidates.passion_test import paging

    pages = paging.response_pages(response)
    return [f"q{q.pk}" for page in pages for q in page if q.kind == "why"]


def _offered_interviews(applications, created_by, now) -> list[dict]:
    """One values interview offered per application, SLOTS_PER_INTERVIEW times each, no two
    interviews at the same time, so no pick can find its time taken; the interviewers (new
    users) are shared round the interviews, as a team's are."""
    from django.contrib.auth import get_user_model

    from interviews.models import Interview, InterviewSlot, Participant
    from interviews.services import slot_link_token

    interviewers = get_user_model().objects.bulk_create(
        get_user_model()(username=f"capacity-interviewer-{i}") for i in range(INTERVIEWERS)
    )
    first = (now + timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    interviews = Interview.objects.bulk_create(
        Interview(
            application=application,
            kind=Interview.Kind.VALUES,
            duration_minutes=45,
            location="Video call",
            traits=["curiosity", "empathy"],
            nonce=f"{i:032x}",
            link_expires_at=now + timedelta(days=7),
            link_send_count=1,
            created_by=created_by,
        )
        for i, application in enumerate(applications)
    )
    Participant.objects.bulk_create(
        Participant(interview=interview, interviewer=interviewers[i % INTERVIEWERS])
        for i, interview in enumerate(interviews)
    )
    slots = InterviewSlot.objects.bulk_create(
        InterviewSlot(interview=interview, starts_at=first + timedelta(hours=i * 3 + k))
        for i, interview in enumerate(interviews)
        for k in range(SLOTS_PER_INTERVIEW)
    )
    first_slot = {}
    for slot in slots:
        first_slot.setdefault(slot.interview_id, slot.pk)
    return [
        {"token": slot_link_token(interview), "slot": first_slot[interview.pk]}
        for interview in interviews
    ]
