"""Back-office actions of an Open Space (under /manage/)."""

from django.urls import path

from . import views

app_name = "open_space"
urlpatterns = [
    path("methods/<int:pk>/open-space/setup/", views.setup, name="setup"),
    path("methods/<int:pk>/open-space/schedule/", views.schedule, name="schedule"),
    path("methods/<int:pk>/open-space/move/", views.move, name="move"),
    path("methods/<int:pk>/open-space/topics/", views.topic_add, name="topic_add"),
    path("methods/<int:pk>/open-space/notes/", views.note_add, name="note_add"),
]
