"""The app's URLs plus /bench/baseline/: one query, a few bytes, no template."""

from django.http import HttpResponse
from django.urls import include, path

from candidates.models import Role


def baseline(request):
    return HttpResponse(f"<p>{Role.objects.count()} roles</p>")


urlpatterns = [path("bench/baseline/", baseline), path("", include("passionhire.urls"))]
