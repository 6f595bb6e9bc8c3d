"""PassionHire project package: settings, urls, the Celery app, the trait vocabulary and access rules."""

from .celery import app as celery_app

__all__ = ("celery_app",)
