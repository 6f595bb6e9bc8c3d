from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from . import outbox
from .models import OutboxMessage, SentEmail, User

admin.site.register(User, UserAdmin)


@admin.register(SentEmail)
class SentEmailAdmin(admin.ModelAdmin):
    list_display = ["key", "to", "subject", "sent_at"]
    search_fields = ["key", "to", "subject"]
    readonly_fields = ["key", "to", "subject", "sent_at"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Every queued task and its state, for whoever runs the app; a given-up one can be sent
    again from here (the same fresh attempts as the recruiters' "Send again")."""

    list_display = ["pk", "task", "args", "state", "attempts", "created_at", "last_error"]
    list_filter = [
        ("given_up_at", admin.EmptyFieldListFilter),
        ("done_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["task", "last_error"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    actions = ["retry"]

    @admin.display(description="state")
    def state(self, message: OutboxMessage) -> str:
        if message.done_at:
            return "done"
        if message.cancelled_at:
            return "cancelled"
        if message.given_up_at:
            return "given up"
        return "published" if message.published_at else "waiting"

    @admin.action(description="Send again (fresh attempts)")
    def retry(self, request, queryset):
        retried = sum(outbox.retry(message) for message in queryset)
        self.message_user(request, f"{retried} message(s) will be sent again.")

    def has_add_permission(self, request) -> bool:
        return False
