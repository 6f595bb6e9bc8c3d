"""The project package: settings, urls, Celery app, trait vocabulary and access rules."""

from .celery import app as celery_app

__all__ = ("celery_app",)
