"""How fast a candidate can apply, and the Passion Test autosave, against a trivial page in
the same run.

    .venv/bin/python bench/apply.py [--applications 300] [--saves 300]

On a throwaway database (SQLite in memory, or a test copy of DATABASE_URL's PostgreSQL) with
one published role asking two knock-out questions, posts N applications through Django's test
client (every middleware, the real form, a 60 KB PDF CV into a private folder, candidate,
application, Passion Test link, audit and outbox rows), then N htmx autosaves of one answer on
the test's first page, then the same number of GETs of a one-query page with the site layout.
Prints a table; the last line is JSON (`apply_per_s`, `apply_queries`, `autosave_queries`
(statements that do work, the outbox publishing after commit included; BEGIN, COMMIT and
savepoints left out),
`apply_ratio` and `autosave_ratio`: p50 time over the baseline's p50).
"""

import argparse
import json
import sys
import tempfile
import time

import _django

_django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template import RequestContext, Template  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import include, path, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from candidates.models import Application, KnockoutQuestion, Role  # noqa: E402
from candidates.passion_test import paging  # noqa: E402
from candidates.passion_test.pages import option_token  # noqa: E402
from candidates.passion_test.services import invitation_token  # noqa: E402

TRIVIAL_PAGE = Template(
    '{% extends "base.html" %}{% block content %}<p>{{ count }} roles.</p>{% endblock %}'
)
CV = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n" + b"%" * 60_000 + b"\n%%EOF\n"


def baseline(request):
    """The yardstick: a page of the app (same middleware and layout) with one query."""
    return HttpResponse(
        TRIVIAL_PAGE.render(RequestContext(request, {"count": Role.objects.count()}))
    )


urlpatterns = [path("bench/baseline/", baseline), path("", include("passionhire.urls"))]


SHOW = "--show-queries" in sys.argv


TRANSACTION_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


def counted(captured) -> int:
    """Statements that do work: BEGIN, COMMIT and savepoints (which SQLite's driver sends as
    statements and PostgreSQL's does not) are left out, so both databases count alike."""
    return sum(not q["sql"].startswith(TRANSACTION_CONTROL) for q in captured.captured_queries)


def timed(send, n: int) -> tuple[list[float], int]:
    send(-1)  # warm up: templates, connections
    times, queries = [], 0
    if SHOW:
        with CaptureQueriesContext(connection) as captured:
            send(-2)
        print("\n".join(q["sql"][:110] for q in captured.captured_queries), end="\n\n")
    for i in range(n):
        reset_queries()
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            send(i)
            times.append((time.perf_counter() - start) * 1000)
        queries = max(queries, counted(captured))
    return times, queries


def seed() -> tuple[Role, list[KnockoutQuestion]]:
    manager = get_user_model().objects.create(username="bench-hm")
    role = Role.objects.create(
        title="Bench role", team="Bench", hiring_manager=manager, published_at=timezone.now()
    )
    questions = [
        KnockoutQuestion.objects.create(role=role, text=text, disqualifying_answer=bad)
        for text, bad in (("Can you work weekends?", "no"), ("Need a visa?", "yes"))
    ]
    return role, questions


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--applications", type=int, default=300)
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--show-queries", action="store_true", help="print one request's SQL")
    args = parser.parse_args()
    role, questions = seed()
    client = Client()
    url = reverse("careers:apply", args=[role.pk])

    def apply(i: int) -> None:
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = client.post(
            url,
            {
                "name": f"Applicant {i}",
                "email": f"a{i}@bench.example",
                "phone": "+44 20 7946 0958",
                "consent": "on",
                f"knockout_{questions[0].pk}": "yes",
                f"knockout_{questions[1].pk}": "no",
                "cv": SimpleUploadedFile("cv.pdf", CV, content_type="application/pdf"),
            },
        )
        assert response.status_code == 302, (response.status_code, response.content[:500])
        # Each applicant is a new browser: the "your application is in" message (shown on the
        # test's first page, which the bench does not open) must not pile up in one cookie.
        client.cookies.pop("messages", None)

    unlimited = {**settings.PASSIONHIRE, "APPLY_RATE": "1000000/h"}
    private = tempfile.TemporaryDirectory(prefix="bench-apply-")
    storages = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": private.name},
        },
    }
    with override_settings(
        ROOT_URLCONF=__name__,
        ALLOWED_HOSTS=["testserver"],
        PASSIONHIRE=unlimited,
        STORAGES=storages,
    ):
        start = time.perf_counter()
        apply_ms, apply_queries = timed(apply, args.applications)
        apply_s = time.perf_counter() - start
        # Autosave: the first applicant's test, page 1 shown, one answer saved again and again.
        application = Application.objects.order_by("pk").first()
        token = invitation_token(application.passion_test_invitations.get())
        client.get(reverse("passion_test:page", args=[token, 1]))
        response = application.passion_test_responses.get()
        first = paging.response_pages(response)[0][0]
        save_url = reverse("passion_test:page_save", args=[token, 1])

        def autosave(i: int) -> None:
            if first.kind == "likert":
                value = str(1 + i % 5)
            else:
                option = first.options.all()[i % 2] if i >= 0 else first.options.first()
                value = option_token(response.pk, option.pk)
            reply = client.post(save_url, {f"q{first.pk}": value}, HTTP_HX_REQUEST="true")
            assert reply.status_code == 200, (reply.status_code, reply.content[:300])

        save_ms, save_queries = timed(autosave, args.saves)
        base_ms, base_queries = timed(lambda i: client.get("/bench/baseline/"), args.saves)
    private.cleanup()

    p = _django.percentile
    print(
        f"Apply bench: {args.applications} applications with a {len(CV) // 1000} KB CV, "
        f"{args.saves} autosaves, {connection.vendor}\n"
    )
    print(f"{'request':<32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}")
    for name, times, queries in (
        ("apply (form, CV, test link)", apply_ms, apply_queries),
        ("Passion Test autosave (htmx)", save_ms, save_queries),
        ("baseline: one-query page", base_ms, base_queries),
    ):
        print(
            f"{name:<32} {p(times, 50):>8.1f} {p(times, 95):>8.1f} {max(times):>8.1f} {queries:>8}"
        )
    result = {
        "database": connection.vendor,
        "applications": args.applications,
        "apply_per_s": round(args.applications / apply_s, 1),
        "apply_queries": apply_queries,
        "apply_p50_ms": round(p(apply_ms, 50), 2),
        "autosave_queries": save_queries,
        "autosave_p50_ms": round(p(save_ms, 50), 2),
        "baseline_p50_ms": round(p(base_ms, 50), 2),
        "apply_ratio": round(p(apply_ms, 50) / p(base_ms, 50), 2),
        "autosave_ratio": round(p(save_ms, 50) / p(base_ms, 50), 2),
    }
    print(f"\n{json.dumps(result)}")
    sys.stdout.flush()


if __name__ == "__main__":
    try:
        main()
    finally:
        _django.teardown()
