"""The demo's analytics story, laid over what the other demo seeds made so the funnel-and-speed
page shows something real: the past intake came by several sources (careers-page campaigns,
referrals, recruiters), some of its offers were declined, and its Passion Tests were seen page
by page; today's half-finished tests stopped on a page. The demo's current applications get the
furthest stage they reached. Its own random stream (nothing else's results move), and idempotent."""

import random
from datetime import timedelta

from django.db.models import Exists, OuterRef

from candidates.models import (
    FUNNEL,
    Application,
    PageVisit,
    PassionTestResponse,
    Stage,
    StageChange,
    funnel_index,
)
from candidates.passion_test.pages import passion_test_pages
from candidates.passion_test.services import active_questions, current_questionnaire

from .demo_fairness import INTAKE_TITLE

# (source, utm_campaign, share) of the past intake's applications.
SOURCES = (
    (Application.Source.CAREERS, "spring-linkedin", 0.24),
    (Application.Source.CAREERS, "jobs-fair-porto", 0.14),
    (Application.Source.CAREERS, "", 0.19),
    (Application.Source.REFERRAL, "", 0.15),
    (Application.Source.REFERRAL_LINK, "", 0.1),
    (Application.Source.RECRUITER, "", 0.18),
)
DECLINED_SHARE = 0.45  # of the offers the intake did not turn into hires
# The demo's closed applications left the flow from the values interview (demo.DEMO_DECISIONS).
LEFT_FROM = {Stage.REJECTED: Stage.INTERVIEWS, Stage.WITHDRAWN: Stage.INTERVIEWS}


def seed_analytics_demo(*, seed: int = 18) -> None:
    rng = random.Random(seed)
    intake = Application.objects.filter(role__title=INTAKE_TITLE).order_by("pk")
    if intake.exists() and not intake.exclude(utm_campaign="").exists():
        _sources(rng, list(intake))
        _declined_offers(rng, intake)
    _reached_of_current_applications()
    _page_visits(rng)


def _sources(rng, applications) -> None:
    weights = [share for _, _, share in SOURCES]
    for application in applications:
        source, campaign, _ = rng.choices(SOURCES, weights=weights)[0]
        application.source, application.utm_campaign = source, campaign
        if campaign:
            application.utm_source = campaign.split("-")[0]
    Application.objects.bulk_update(applications, ["source", "utm_campaign", "utm_source"])


def _declined_offers(rng, intake) -> None:
    """Some offers the intake did not turn into hires were the candidate's no."""
    offer = FUNNEL.index(Stage.OFFER)
    turned_down = list(
        intake.filter(reached=offer, stage=Stage.REJECTED).values_list("pk", flat=True)
    )
    declined = [pk for pk in turned_down if rng.random() < DECLINED_SHARE]
    Application.objects.filter(pk__in=declined).update(stage=Stage.WITHDRAWN)
    StageChange.objects.filter(
        application_id__in=declined, from_stage=Stage.OFFER, to_stage=Stage.REJECTED
    ).update(to_stage=Stage.WITHDRAWN)


def _reached_of_current_applications() -> None:
    """The demo's current applications were made at their stage, with no moves recorded:
    give each the furthest stage it reached, as the services would have."""
    unmoved = Application.objects.filter(reached=0).exclude(
        Exists(StageChange.objects.filter(application=OuterRef("pk")))
    )
    for stage in Stage:
        index = funnel_index(LEFT_FROM.get(stage, stage))
        if index:
            unmoved.filter(stage=stage).update(reached=index)


def _page_visits(rng) -> None:
    """Each page of a submitted test of the past intake shown once, a few minutes each; a
    test still being taken seen up to the page where it stopped. Tests that have visits
    already are left alone."""
    questionnaire = current_questionnaire()
    if questionnaire is None:
        return
    pages = len(passion_test_pages(active_questions(questionnaire)))
    fresh = PassionTestResponse.objects.exclude(
        Exists(PageVisit.objects.filter(response=OuterRef("pk")))
    )
    visits = []
    chosen = fresh.filter(application__role__title=INTAKE_TITLE, submitted_at__isnull=False)
    for response in [*chosen, *fresh.filter(submitted_at__isnull=True)]:
        last = pages if response.submitted_at else rng.randint(1, max(1, pages - 1))
        at = response.started_at
        for page in range(1, last + 1):
            left = at + timedelta(minutes=rng.uniform(1.5, 5))
            visits.append(PageVisit(response=response, page=page, shown_at=at, left_at=left))
            at = left + timedelta(seconds=rng.uniform(2, 20))
    PageVisit.objects.bulk_create(visits, batch_size=2000)
