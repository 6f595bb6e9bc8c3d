"""Applications with a history, made in bulk (a few inserts whatever the number), for the
analytics tests: each follows a journey of (stage, days after applying) and ends in a stage."""

from datetime import datetime, timedelta

from django.utils import timezone

from candidates.models import (
    FUNNEL,
    Application,
    Candidate,
    PageVisit,
    PassionTestInvitation,
    PassionTestResponse,
    StageChange,
    funnel_index,
)

APPLIED_ON = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_default_timezone())


def journeys(role, paths, *, applied=APPLIED_ON, source="recruiter", utm_campaign=""):
    """One application per path: a path is [(stage, day entered), ...] starting at
    ("applied", 0); the last stage is where the application is now. Returns them."""
    start = Candidate.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    candidates = Candidate.objects.bulk_create(
        Candidate(name=f"Applicant {start + n}", email=f"a{start + n}@example.com")
        for n in range(len(paths))
    )
    applications, changes = [], []
    for candidate, path in zip(candidates, paths, strict=True):
        stage = path[-1][0]
        reached = max(funnel_index(s) or 0 for s, _ in path)
        applications.append(
            Application(
                candidate=candidate,
                role=role,
                stage=stage,
                reached=reached,
                source=source,
                utm_campaign=utm_campaign,
            )
        )
    applications = Application.objects.bulk_create(applications)
    for application, path in zip(applications, paths, strict=True):
        application.created_at = applied
        for (left, entered), (to, moved) in zip(path, path[1:], strict=False):
            changes.append(
                StageChange(
                    application=application,
                    from_stage=left,
                    to_stage=to,
                    entered_at=applied + timedelta(days=entered),
                    changed_at=applied + timedelta(days=moved),
                )
            )
    Application.objects.bulk_update(applications, ["created_at"])
    StageChange.objects.bulk_create(changes)
    return applications


def straight_to(stage: str, step_days: float = 2) -> list[tuple[str, float]]:
    """The path along the funnel up to `stage`, `step_days` in each stage."""
    upto = FUNNEL.index(stage)
    return [(s, i * step_days) for i, s in enumerate(FUNNEL[: upto + 1])]


def passion_test_taken(applications, *, pages_seen: list[int | None], submitted: list[bool]):
    """An invitation for each application; a response when it saw a page (or submitted),
    with a visit of each page up to the one given."""
    now = timezone.now()
    invitations = PassionTestInvitation.objects.bulk_create(
        PassionTestInvitation(application=a, expires_at=now + timedelta(days=7))
        for a in applications
    )
    responses, visits = [], []
    for invitation, seen, done in zip(invitations, pages_seen, submitted, strict=True):
        if seen is None and not done:
            continue
        responses.append(
            PassionTestResponse(
                invitation=invitation,
                application=invitation.application,
                questionnaire_id=_questionnaire_id(),
                started_at=now,
                submitted_at=now if done else None,
            )
        )
    responses = PassionTestResponse.objects.bulk_create(responses)
    by_application = {r.application_id: r for r in responses}
    for application, seen in zip(applications, pages_seen, strict=True):
        response = by_application.get(application.pk)
        for page in range(1, (seen or 0) + 1):
            visits.append(PageVisit(response=response, page=page, shown_at=now, left_at=now))
    PageVisit.objects.bulk_create(visits)


def _questionnaire_id() -> int:
    from candidates.models import Questionnaire

    found = Questionnaire.objects.order_by("-version").values_list("pk", flat=True).first()
    return found or Questionnaire.objects.create(version=1).pk
