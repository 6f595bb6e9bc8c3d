"""The REST API (/api/v1/): the same reads and writes as the web pages, for other systems.

Built on Django REST framework with drf-spectacular for the OpenAPI schema: DRF gives content
negotiation, parsers that refuse what is not JSON, cursor pagination and per-client throttling
that we would otherwise write and test ourselves; drf-spectacular derives the schema from the
same serializers that shape the answers, so the schema cannot drift from them.

Every answer goes through this package's selectors, which take the token's user and apply the
web's rules (roles a hiring manager owns, no anchoring, blind review); every write calls the
web's own service, so the audit rows, timeline events, emails and webhooks are the same."""
