"""The status page and the slot picker in the candidate's language: the application's on a
browser that has not chosen, each with its own switch that records the choice; dates and times
in the language's own words and order; a tampered switch refused with nothing changed."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse

from candidates.models import Application
from candidates.services import status_token
from interviews import services as interview_services
from passionhire.models import AuditEntry
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish(role):
    return ApplicationFactory(role=role, candidate__name="Ada Lovelace", language="es")


@pytest.fixture
def offered(spanish, recruiter):
    # Mondays 4 and 11 March 2030, 09:00 and 16:30 in Madrid.
    madrid = ZoneInfo("Europe/Madrid")
    return interview_services.interview_schedule(
        application=spanish,
        kind="values",
        interviewers=[recruiter],
        slots=[
            datetime(2030, 3, 4, 9, 0, tzinfo=madrid),
            datetime(2030, 3, 11, 16, 30, tzinfo=madrid),
        ],
        duration_minutes=45,
        location="Sala Ada",
        time_zone="Europe/Madrid",
        created_by=recruiter,
    )


def test_the_status_page_opens_in_the_language_applied_in(client, spanish):
    url = reverse("status:page", args=[status_token(spanish)])
    page = client.get(url, headers={"accept-language": "en"}).content.decode()
    assert "Hola, Ada Lovelace" in page
    assert "Tenemos tu candidatura" in page
    assert "Retirar mi candidatura" in page
    assert f'action="{reverse("status:language", args=[status_token(spanish)])}"' in page


def test_the_status_pages_switch_records_the_choice(client, spanish):
    token = status_token(spanish)
    url = reverse("status:page", args=[token])
    response = client.post(
        reverse("status:language", args=[token]), {"language": "en", "next": url}
    )
    assert response.status_code == 302
    assert response["Location"] == url
    assert Application.objects.get().language == "en"
    assert "We have your application" in client.get(url).content.decode()
    assert AuditEntry.objects.filter(action="application.language").count() == 1


def test_the_slot_picker_speaks_spanish_with_spanish_dates(client, offered):
    url = reverse("slots:pick", args=[interview_services.slot_link_token(offered)])
    page = client.get(url).content.decode()
    assert "Elige un horario para tu entrevista de valores" in page
    assert "lunes 4 de marzo, 09:00" in page
    assert "lunes 11 de marzo, 16:30" in page
    assert "45 minutos · <bdi>Sala Ada</bdi>" in page
    assert "Reservar este horario" in page
    assert 'data-yours="(tu zona horaria)"' in page


def test_after_booking_the_confirmation_is_in_spanish(client, offered):
    token = interview_services.slot_link_token(offered)
    first = offered.slots.order_by("starts_at").first()
    client.post(reverse("slots:pick", args=[token]), {"slot": first.pk})
    page = client.get(reverse("slots:pick", args=[token])).content.decode()
    assert "Tienes tu cita, Ada Lovelace" in page
    assert "lunes 4 de marzo de 2030 a las 09:00" in page


def test_the_slot_pickers_switch_records_the_choice(client, offered):
    token = interview_services.slot_link_token(offered)
    response = client.post(reverse("slots:language", args=[token]), {"language": "en"})
    assert response.status_code == 302
    assert response["Location"] == reverse("slots:pick", args=[token])
    assert Application.objects.get().language == "en"
    page = client.get(reverse("slots:pick", args=[token])).content.decode()
    assert "Monday 4 March, 09:00" in page


@pytest.mark.parametrize("route", ["status:language", "slots:language"])
def test_a_tampered_language_on_a_signed_page_is_refused(client, offered, route):
    token = (
        status_token(offered.application)
        if route.startswith("status")
        else interview_services.slot_link_token(offered)
    )
    response = client.post(reverse(route, args=[token]), {"language": "fr"})
    assert response.status_code == 400
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert Application.objects.get().language == "es"
    assert not AuditEntry.objects.filter(action="application.language").exists()


def test_an_expired_status_link_still_switches_the_browser(client, spanish):
    Application.objects.filter(pk=spanish.pk).update(
        stage="withdrawn", stage_changed_at=datetime(2020, 1, 1, tzinfo=ZoneInfo("UTC"))
    )
    token = status_token(spanish)
    response = client.post(reverse("status:language", args=[token]), {"language": "en"})
    assert response.status_code == 302
    assert Application.objects.get().language == "es"
    gone = client.get(reverse("status:page", args=[token]))
    assert gone.status_code == 410
    assert "more than" in gone.content.decode()
