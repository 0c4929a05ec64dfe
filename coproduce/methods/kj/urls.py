"""Back-office actions of this method (under /manage/)."""

from django.urls import path  # noqa: F401

app_name = "kj"
urlpatterns: list = []
