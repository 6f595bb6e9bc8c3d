"""The public careers site (mounted under /careers/)."""

from django.urls import path

from .apply_views import apply, privacy
from .views import careers, role, sitemap

app_name = "careers"

urlpatterns = [
    path("", careers, name="list"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("privacy/", privacy, name="privacy"),
    path("<id:pk>/", role, name="role"),
    path("<id:pk>/apply/", apply, name="apply"),
]
