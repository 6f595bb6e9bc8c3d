"""The candidate's status page: no account, a signed link (mounted under /s/)."""

from django.urls import path

from ..fairness import candidate_views as fairness
from . import views

app_name = "status"

urlpatterns = [
    path("<str:token>/", views.status_page, name="page"),
    path("<str:token>/language/", views.language, name="language"),
    path("<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("<str:token>/phone/", views.phone, name="phone"),
    path("<str:token>/data/", views.data, name="data"),
    path("<str:token>/erasure/", views.erasure, name="erasure"),
    path("<str:token>/about-you/", fairness.self_id, name="self_id"),
]
