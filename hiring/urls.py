from django.urls import path

from .views import application, dashboard, history, privacy, shortlist

app_name = "hiring"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("traits/", dashboard.traits, name="traits"),
    path("settings/", dashboard.user_settings, name="settings"),
    path("applications/<int:pk>/", application.application_detail, name="application_detail"),
    path("roles/<int:pk>/shortlist/", shortlist.shortlist, name="shortlist"),
    path("roles/<int:pk>/shortlist.csv", shortlist.shortlist_csv, name="shortlist_csv"),
    path("roles/<int:pk>/compare/", shortlist.compare, name="compare"),
    path("roles/<int:pk>/weights/", shortlist.role_weights, name="role_weights"),
    path("roles/<int:pk>/blind/", shortlist.role_blind, name="role_blind"),
    path("roles/<int:pk>/rerank/", shortlist.rerank_progress, name="rerank_progress"),
    path(
        "applications/<int:pk>/profile/",
        shortlist.application_profile,
        name="application_profile",
    ),
    path("applications/<int:pk>/decide/", shortlist.application_decide, name="application_decide"),
    path(
        "candidates/<int:pk>/data.json", privacy.candidate_data_export, name="candidate_data_export"
    ),
    path("candidates/<int:pk>/erase/", privacy.candidate_erase, name="candidate_erase"),
    path("roles/<int:pk>/history/", history.role_history, name="role_history"),
    path("candidates/<int:pk>/history/", history.candidate_history, name="candidate_history"),
]
