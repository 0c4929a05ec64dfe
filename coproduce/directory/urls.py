from django.urls import path

from coproduce.directory import views

app_name = "directory"
urlpatterns = [
    path("areas/<slug:slug>/organisations/", views.organisation_list, name="organisation_list"),
    path("areas/<slug:slug>/organisations/add/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
]
