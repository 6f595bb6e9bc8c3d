from django.apps import AppConfig


class PassionHireConfig(AppConfig):
    name = "passionhire"
    verbose_name = "PassionHire"
