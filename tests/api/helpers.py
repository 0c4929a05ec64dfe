"""Calling the API in tests."""

from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.urls import reverse


@dataclass
class Caller:
    """A client that sends ``Authorization: Bearer <raw>`` (or nothing, when raw is None)."""

    client: Client
    raw: str | None

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.raw}"} if self.raw else {}

    def get(self, url: str, **params: Any):
        return self.client.get(url, params, headers=self._headers())

    def post(self, url: str, body: dict[str, Any]):
        return self.client.post(url, body, content_type="application/json", headers=self._headers())

    def patch(self, url: str, body: dict[str, Any]):
        return self.client.patch(url, body, content_type="application/json", headers=self._headers())


def url(name: str, **kwargs: Any) -> str:
    return reverse(f"api:{name}", kwargs=kwargs)


def error_messages(response) -> str:
    """Every message in a 422 body, joined, for asserting on the wording."""
    detail = response.json()["detail"]
    return " | ".join(item["msg"] for item in detail) if isinstance(detail, list) else detail
