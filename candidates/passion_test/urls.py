"""The candidate's Passion Test pages: no account, a signed link (mounted under /t/)."""

from django.urls import path

from .take import take, take_save

app_name = "passion_test"

urlpatterns = [
    path("<str:token>/", take, name="take"),
    path("<str:token>/save/", take_save, name="take_save"),
]
