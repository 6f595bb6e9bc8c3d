"""The composition app's models live with their features; Django finds them here."""

from .notes.models import Note

__all__ = ["Note"]
