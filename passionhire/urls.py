from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from candidates.urls import take_urlpatterns
from interviews.urls import slot_urlpatterns

from . import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("traits/", views.traits, name="traits"),
    path("settings/", views.user_settings, name="settings"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("candidates.urls")),
    path("t/", include(take_urlpatterns)),
    path("i/", include(slot_urlpatterns)),
    path("", include("interviews.urls")),
    path("admin/", admin.site.urls),
]
