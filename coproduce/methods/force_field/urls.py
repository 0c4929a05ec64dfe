"""Back-office actions of a force-field analysis (under /manage/)."""

from django.urls import path

from . import views

app_name = "force_field"
urlpatterns = [
    path("methods/<int:pk>/force-field/change/", views.change_edit, name="change"),
    path("methods/<int:pk>/force-field/forces/add/", views.force_add, name="force_add"),
    path("methods/<int:pk>/force-field/raise/", views.force_raise, name="raise"),
    path("methods/<int:pk>/force-field/feed/", views.field_feed, name="feed"),
    path("methods/force-field/forces/<int:pk>/", views.force_edit, name="force_edit"),
    path("methods/force-field/forces/<int:pk>/delete/", views.force_delete, name="force_delete"),
]
