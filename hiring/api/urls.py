"""/api/v1/: the REST API and its OpenAPI schema."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from passionhire.permissions import ANYONE, HIRING_MANAGER, RECRUITER

from . import views

app_name = "api"


def token(view_class):
    """A view behind a personal access token (recruiters and hiring managers hold them)."""
    view = view_class.as_view()
    view.allowed_roles = frozenset({RECRUITER, HIRING_MANAGER})
    return view


def public(view_class):
    view = view_class.as_view()
    view.allowed_roles = frozenset({ANYONE})
    return view


urlpatterns = [
    path("schema/", public(SpectacularAPIView), name="schema"),
    path("me/", token(views.Me), name="me"),
    path("stages/", token(views.StageList), name="stages"),
    path("roles/", token(views.RoleList), name="roles"),
    path("roles/<id:pk>/", token(views.RoleDetail), name="role"),
    path("applications/", token(views.ApplicationList), name="applications"),
    path("applications/<id:pk>/", token(views.ApplicationDetail), name="application"),
    path(
        "applications/<id:pk>/evidence/",
        token(views.EvidenceList),
        name="application_evidence",
    ),
    path("applications/<id:pk>/move/", token(views.MoveView), name="application_move"),
    path(
        "applications/<id:pk>/decisions/",
        token(views.DecisionList),
        name="application_decisions",
    ),
    path("candidates/", token(views.CandidateList), name="candidates"),
    path("candidates/<id:pk>/", token(views.CandidateDetail), name="candidate"),
]
