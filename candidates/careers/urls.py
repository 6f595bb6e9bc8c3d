"""The public careers site (mounted under /careers/)."""

from django.urls import path

from .views import careers, role, sitemap

app_name = "careers"

urlpatterns = [
    path("", careers, name="list"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("<id:pk>/", role, name="role"),
]
