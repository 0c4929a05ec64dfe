"""URLs of the comment import (CSV and XLSX), in the back office."""

from django.urls import path

from coproduce.engagement import import_views

app_name = "imports"
urlpatterns = [
    path("events/<int:pk>/import/", import_views.upload, name="upload"),
    path("events/<int:pk>/import/map/", import_views.map_columns, name="map"),
    path("events/<int:pk>/import/progress/", import_views.progress, name="progress"),
]
