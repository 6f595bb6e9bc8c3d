from django.contrib import admin

from .models import Application, ApplicationEvent, Candidate, Role


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["title", "team", "hiring_manager", "status", "created_at"]
    list_filter = ["status", "team"]
    search_fields = ["title", "team"]
    raw_id_fields = ["hiring_manager", "created_by"]


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "source", "consent_to_contact", "created_at"]
    list_filter = ["source", "consent_to_contact"]
    search_fields = ["name", "email"]


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    extra = 0
    readonly_fields = ["kind", "message", "actor", "created_at"]
    can_delete = False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["candidate", "role", "stage", "composite_score", "confidence", "created_at"]
    list_filter = ["stage", "role"]
    search_fields = ["candidate__name", "candidate__email", "role__title"]
    raw_id_fields = ["candidate", "role", "added_by"]
    list_select_related = ["candidate", "role"]
    inlines = [ApplicationEventInline]
