"""The default core values and interview question bank ship in Spanish: each reader sees them
in their language, and an edit to the English drops the translation it made stale."""

import pytest
from django.utils import translation

from interviews import services
from interviews.models import BankQuestion, CoreValue

pytestmark = pytest.mark.django_db


def test_every_default_value_and_question_has_its_spanish(question_bank):
    assert question_bank.count() == 24
    assert not BankQuestion.objects.filter(translations={}).exists()
    assert not CoreValue.objects.filter(translations={}).exists()
    question = BankQuestion.objects.get(text__startswith="Tell me about a customer who was upset")
    with translation.override("es"):
        assert question.shown_text.startswith("Háblame de un cliente que estaba molesto")
        assert len(question.shown_probes) == len(question.probes) == 3
        assert question.shown_probes[0].startswith("¿Por qué")
        assert question.core_value.shown_name == "Hacer lo correcto para el cliente, siempre"
    with translation.override("en"):
        assert question.shown_text == question.text
        assert question.shown_probes == question.probes
    with translation.override("ar"):  # no Arabic bank: the original
        assert question.shown_text == question.text


def test_editing_the_english_drops_only_the_translations_it_made_stale(question_bank, recruiter):
    question = BankQuestion.objects.get(text__startswith="Tell me about a customer who was upset")
    spanish_probes = question.translations["es"]["probes"]
    services.bank_question_save(
        question=question,
        core_value=question.core_value,
        text="Tell me about a customer who blamed you for someone else's mistake.",
        traits=question.traits,
        probes=question.probes,
        author=recruiter,
    )
    question.refresh_from_db()
    assert question.translations == {"es": {"probes": spanish_probes}}
    with translation.override("es"):
        assert (
            question.shown_text
            == "Tell me about a customer who blamed you for someone else's mistake."
        )
        assert question.shown_probes == spanish_probes
    value = question.core_value
    services.core_value_save(
        core_value=value,
        actor=recruiter,
        name=value.name,
        description="Reworded.",
        traits=value.traits,
    )
    value.refresh_from_db()
    assert set(value.translations["es"]) == {"name"}


def test_a_recruiter_reading_spanish_sees_the_bank_and_the_guide_in_spanish(
    client, recruiter, question_bank, role
):
    from django.urls import reverse

    recruiter.language = "es"
    recruiter.save()
    client.force_login(recruiter)
    bank = client.get(reverse("interviews:bank")).content.decode()
    assert "Háblame de un cliente que estaba molesto por algo que no era culpa tuya." in bank
    assert "Hacer lo correcto para el cliente, siempre" in bank
    assert "Empatía" in bank
    assert "Tell me about a customer who was upset" not in bank
    guide = client.get(reverse("interviews:guide", args=[role.pk])).content.decode()
    assert "¿Por qué" in guide
    recruiter.language = "en"
    recruiter.save()
    english = client.get(reverse("interviews:bank")).content.decode()
    assert "Tell me about a customer who was upset about something" in english


def test_a_recruiter_writes_the_bank_in_spanish_line_for_line(client, recruiter, question_bank):
    from django.urls import reverse

    from passionhire.models import AuditEntry

    question = BankQuestion.objects.get(text__startswith="Tell me about a customer who was upset")
    url = reverse("interviews:bank_translation", args=["es"])
    client.force_login(recruiter)
    page = client.get(url).content.decode()
    assert "Háblame de un cliente que estaba molesto" in page  # the shipped Spanish, to edit
    data = {
        name: field.initial or "" for name, field in client.get(url).context["form"].fields.items()
    }
    data[f"q{question.pk}-text"] = "Cuéntame de un cliente enfadado sin motivo."
    data[f"q{question.pk}-probes"] = "¿Por qué?"  # one line for three follow-ups
    refused = client.post(url, data)
    assert refused.status_code == 422
    assert "has 3 why follow-ups in English: give one line for each." in refused.content.decode()
    question.refresh_from_db()
    assert question.translations["es"]["text"].startswith("Háblame")  # nothing saved
    data[f"q{question.pk}-probes"] = "¿Por qué así?\n¿Qué notaste?\n¿Funcionó?"
    assert client.post(url, data).status_code == 302
    question.refresh_from_db()
    assert question.translations["es"] == {
        "text": "Cuéntame de un cliente enfadado sin motivo.",
        "probes": ["¿Por qué así?", "¿Qué notaste?", "¿Funcionó?"],
    }
    assert AuditEntry.objects.filter(action="bank.translation").count() == 1
    assert client.get(reverse("interviews:bank_translation", args=["xx"])).status_code == 404
