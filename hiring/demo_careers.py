"""Demo data for the careers site: the demo roles' texts in Spanish and Arabic, knock-out
questions on them (in both too), and three people who applied on the careers page (one
through a campaign link, one through the demo employee's share link, one ruled out by a
knock-out answer and waiting for a recruiter). Idempotent."""

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
# The careers site in each shipped language: what a recruiter writes on a role's "In Spanish"
# page, so the demo reads whole in Spanish and Arabic.
ROLE_TEXTS = {
    "Customer Success Manager": {
        "es": (
            "Responsable de éxito del cliente",
            "Te encargas de la relación con 40 cuentas que crecen: la puesta en marcha, la "
            "adopción, las renovaciones y la conversación sincera cuando algo no funciona.",
        ),
        "ar": (
            "مدير نجاح العملاء",
            "تتولى العلاقة مع 40 حسابًا في طور النمو: التهيئة والاعتماد والتجديد، والحديث "
            "الصريح حين لا يسير أمر ما كما ينبغي.",
        ),
    },
    "Support Specialist": {
        "es": (
            "Especialista de soporte",
            "Atiendes a los clientes por chat, correo y teléfono; arreglas hoy lo que se puede "
            "arreglar hoy y haces seguimiento de lo que no.",
        ),
        "ar": (
            "أخصائي الدعم",
            "تجيب العملاء عبر الدردشة والبريد الإلكتروني والهاتف؛ تصلح اليوم ما يمكن إصلاحه "
            "وتتابع ما لا يمكن.",
        ),
    },
    "Onboarding Lead": {
        "es": (
            "Responsable de incorporación de clientes",
            "Diseñas y diriges los primeros 90 días de cada cliente nuevo.",
        ),
        "ar": ("قائد تهيئة العملاء", "تصمم وتدير أول 90 يومًا لكل عميل جديد."),
    },
}
QUESTION_TEXTS = {
    "Do you have the right to work in the EU?": {
        "es": "¿Tienes permiso para trabajar en la UE?",
        "ar": "هل يحق لك العمل في الاتحاد الأوروبي؟",
    },
    "Can you work some weekend shifts (about one in four)?": {
        "es": "¿Puedes hacer algunos turnos de fin de semana (más o menos uno de cada cuatro)?",
        "ar": "هل يمكنك العمل في بعض مناوبات نهاية الأسبوع (نحو مناوبة من كل أربع)؟",
    },
}
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
        if not role.translations and role.title in ROLE_TEXTS:  # never over someone's own
            for language, (title, description) in ROLE_TEXTS[role.title].items():
                role.set_translations(language, {"title": title, "description": description})
            role.save(update_fields=["translations"])
        for position, (text, bad) in enumerate(QUESTIONS, start=1):
            KnockoutQuestion.objects.get_or_create(
                role=role,
                text=text,
                defaults={
                    "disqualifying_answer": bad,
                    "position": position,
                    "translations": {
                        language: {"text": words}
                        for language, words in QUESTION_TEXTS[text].items()
                    },
                },
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
