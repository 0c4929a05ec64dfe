"""URLs of the comment import (CSV and XLSX), in the back office."""

from django.urls import path

app_name = "imports"
urlpatterns: list = []
