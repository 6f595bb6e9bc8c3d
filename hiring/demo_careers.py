"""Demo data for the careers site: knock-out questions on the demo roles, and three people
who applied on the careers page (one through a campaign link, one through the demo employee's
share link, one ruled out by a knock-out answer and waiting for a recruiter). Idempotent."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max

from candidates.careers.apply import Applicant, application_submit
from candidates.models import Candidate, KnockoutQuestion, Role
from passionhire.models import OutboxMessage
from passionhire.permissions import EMPLOYEE

QUESTIONS = (
    ("Do you have the right to work in the EU?", "no"),
    ("Can you work some weekend shifts (about one in four)?", "no"),
)
APPLICANTS = (
    # name, email, answers to the two questions, utm_source, utm_campaign, through a share link
    ("Noor Haddad", "noor.haddad@example.com", ("yes", "yes"), "jobboard", "spring-care", False),
    ("Tomás Rivera", "tomas.rivera@example.com", ("yes", "yes"), "", "", True),
    ("Lena Vogt", "lena.vogt@example.com", ("yes", "no"), "", "", False),
)


@transaction.atomic
def seed_careers_demo() -> None:
    roles = list(Role.objects.filter(published_at__isnull=False).order_by("pk")[:3])
    if not roles:
        return
    for role in roles:
        for position, (text, bad) in enumerate(QUESTIONS, start=1):
            KnockoutQuestion.objects.get_or_create(
                role=role,
                text=text,
                defaults={"disqualifying_answer": bad, "position": position},
            )
    # Demo people are not emailed: the emails applying queues are dropped before they leave
    # (the outbox publishes only rows still there after commit).
    last_queued = OutboxMessage.objects.aggregate(m=Max("pk"))["m"] or 0
    employee = get_user_model().objects.filter(groups__name=EMPLOYEE).order_by("pk").first()
    for i, (name, email, answers, utm_source, utm_campaign, shared) in enumerate(APPLICANTS):
        if Candidate.objects.filter(email__iexact=email).exists():
            continue
        role = roles[i % len(roles)]
        questions = list(role.knockout_questions.order_by("position"))
        application_submit(
            role=role,
            applicant=Applicant(
                name=name,
                email=email,
                phone="+351912345678",
                knockout_answers={q.pk: a for q, a in zip(questions, answers, strict=True)},
                utm_source=utm_source,
                utm_campaign=utm_campaign,
            ),
            questions=questions,
            referrer=employee if shared else None,
        )
    OutboxMessage.objects.filter(pk__gt=last_queued).delete()
