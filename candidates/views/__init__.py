"""Pages of the candidates app. Each view says who may use it; the services do the writing."""

from .pipeline import (
    application_create,
    application_quick_add,
    candidate_list,
    role_create,
    role_detail,
    role_edit,
    role_status,
)

__all__ = [
    "application_create",
    "application_quick_add",
    "candidate_list",
    "role_create",
    "role_detail",
    "role_edit",
    "role_status",
]
