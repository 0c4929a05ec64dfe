"""The REST API (django-ninja). Endpoints live in coproduce/api/endpoints.py."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="coproduce API",
    version="1",
    description="Areas, events, comments, proposals and actions, with the same permissions as the pages.",
    urls_namespace="api",
)
