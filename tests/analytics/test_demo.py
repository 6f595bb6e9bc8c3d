"""The demo's past intake gives every figure of the funnel-and-speed page something real, and
laying the analytics story over it twice changes nothing the second time."""

from candidates.models import Application, PageVisit
from hiring.analytics.counts import Scope
from hiring.analytics.reports import funnel_report
from hiring.demo_analytics import seed_analytics_demo
from hiring.demo_fairness import INTAKE_TITLE, seed_fairness_history


def test_the_demo_intake_fills_every_figure_and_its_story_is_laid_once(
    hiring_manager, recruiter, questionnaire
):
    seed_fairness_history(hiring_manager=hiring_manager, recruiter=recruiter)
    seed_analytics_demo()
    report = funnel_report(Scope())
    assert all(figure.rows for figure in report.figures)
    sources = {row[0] for row in next(f for f in report.figures if f.key == "sources").rows}
    assert {
        "Careers page: spring-linkedin",
        "Careers page: no campaign",
        "Referral link",
    } <= sources
    offers = {row[0]: row[1] for row in next(f for f in report.figures if f.key == "offers").rows}
    assert int(offers["Declined or withdrew"]) > 0
    intake = Application.objects.filter(role__title=INTAKE_TITLE)
    before = (
        PageVisit.objects.count(),
        list(intake.order_by("pk").values_list("source", "utm_campaign", "stage")),
    )
    seed_analytics_demo()
    after = (
        PageVisit.objects.count(),
        list(intake.order_by("pk").values_list("source", "utm_campaign", "stage")),
    )
    assert after == before
