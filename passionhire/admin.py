from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import SentEmail, User

admin.site.register(User, UserAdmin)


@admin.register(SentEmail)
class SentEmailAdmin(admin.ModelAdmin):
    list_display = ["key", "to", "subject", "sent_at"]
    search_fields = ["key", "to", "subject"]
    readonly_fields = ["key", "to", "subject", "sent_at"]
