"""The candidate's Passion Test pages: no account, a signed link (mounted under /t/)."""

from django.urls import path

from .take import language, page_save, page_view, take

app_name = "passion_test"

urlpatterns = [
    path("<str:token>/", take, name="take"),
    path("<str:token>/language/", language, name="language"),
    path("<str:token>/p/<int:page>/", page_view, name="page"),
    path("<str:token>/p/<int:page>/save/", page_save, name="page_save"),
]
