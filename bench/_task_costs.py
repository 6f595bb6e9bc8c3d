"""What a Celery worker spends on the tasks one applicant causes, timed by calling each task's
service in bench/capacity.py's own process (Django set up on its database, email to memory)
once gunicorn has stopped. Wall time includes PostgreSQL's share; `cpu_ms` is this process
only (the worker's Python). Email is rendered and handed to the in-memory backend: a real SMTP
server adds its round trips as waiting, not as worker CPU."""

import time

from _open_loop import percentile


def _timed(calls) -> dict:
    wall, cpu = [], []
    for call in calls:
        started, started_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return {
        "n": len(wall),
        "wall_ms": round(percentile(wall, 50), 1),
        "cpu_ms": round(percentile(cpu, 50), 1),
    }


def task_costs(samples: int = 20) -> dict:
    """Median cost of: scoring a submitted Passion Test (again: the service rewrites the same
    rows), refreshing an application's composite score, the confirmation email after applying
    and the email with the interview times to pick (new send numbers: each call sends)."""
    from candidates import services
    from candidates.models import Application
    from candidates.passion_test.models import PassionTestResponse
    from hiring.services.applying import application_send_confirmation
    from interviews.models import Interview
    from interviews.services import interview_send_slot_link

    submitted = PassionTestResponse.objects.filter(submitted_at__isnull=False)
    responses = list(submitted.order_by("pk").values_list("pk", flat=True)[:samples])
    scored = list(submitted.values_list("application_id", flat=True)[:samples])
    seeded = Application.objects.filter(candidate__email__endswith="@capacity.example")
    applied = list(seeded.order_by("-pk").values_list("pk", flat=True)[:samples])
    offered = Interview.objects.filter(status=Interview.Status.OFFERED)
    interviews = list(offered.order_by("-pk").values_list("pk", flat=True)[:samples])
    return {
        "score Passion Test": _timed(
            lambda pk=pk: services.passion_test_score(response_id=pk) for pk in responses
        ),
        "refresh composite": _timed(
            lambda pk=pk: services.application_refresh_composite(application_id=pk) for pk in scored
        ),
        "confirmation email": _timed(
            lambda pk=pk: application_send_confirmation(application_id=pk) for pk in applied
        ),
        "slot link email": _timed(
            lambda pk=pk: interview_send_slot_link(interview_id=pk, send_number=1000)
            for pk in interviews
        ),
    }
