"""The root URLconf. It names each app's URLs by string, so the ground floor depends on none."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from . import sso_views, views
from .converters import IdConverter

# Registered before the apps' URLconfs are included: they use <id:pk> for every id.
register_converter(IdConverter, "id")

urlpatterns = [
    path("accounts/login/", sso_views.login, name="login"),
    # Single sign-on (passionhire/sso.py): register the callback's full URL with the provider.
    path("accounts/sso/start/", sso_views.sso_start, name="sso_start"),
    path("accounts/sso/callback/", sso_views.sso_callback, name="sso_callback"),
    path("accounts/sso/refused/", sso_views.sso_failed, name="sso_failed"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("language/", views.language, name="language"),
    path("jsi18n/<str:language>/", views.javascript_catalog, name="javascript_catalog"),
    path("", include("hiring.urls")),
    path("", include("candidates.urls")),
    path("careers/", include("candidates.careers.urls")),
    path("", include("candidates.careers.staff_urls")),
    path("t/", include("candidates.passion_test.urls")),
    path("i/", include("interviews.slot_urls")),
    path("s/", include("hiring.status.urls")),
    path("", include("interviews.urls")),
    path("api/v1/", include("hiring.api.urls")),
    path("admin/", admin.site.urls),
]
