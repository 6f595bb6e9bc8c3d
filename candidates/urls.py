from django.urls import path

from . import views

app_name = "candidates"

urlpatterns = [
    path("roles/new/", views.role_create, name="role_create"),
    path("roles/<int:pk>/", views.role_detail, name="role_detail"),
    path("roles/<int:pk>/edit/", views.role_edit, name="role_edit"),
    path("roles/<int:pk>/status/", views.role_status, name="role_status"),
    path("roles/<int:pk>/candidates/new/", views.application_create, name="application_create"),
    path("candidates/", views.candidate_list, name="candidate_list"),
    path("candidates/new/", views.application_quick_add, name="application_quick_add"),
]
