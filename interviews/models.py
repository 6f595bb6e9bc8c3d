"""Interview models arrive with the values-aligned interviews issue."""
