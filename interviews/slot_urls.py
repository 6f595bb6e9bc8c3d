"""The candidate's slot-picking page: no account, a signed link (mounted under /i/)."""

from django.urls import path

from .views.slots import language, slot_pick

app_name = "slots"

urlpatterns = [
    path("<str:token>/", slot_pick, name="pick"),
    path("<str:token>/language/", language, name="language"),
]
