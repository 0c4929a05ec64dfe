"""Back-office actions of a boardstorm (under /manage/)."""

from django.urls import path

from . import views

app_name = "boardstorm"
urlpatterns = [
    path("methods/<int:pk>/boardstorm/headings/add/", views.heading_add, name="heading_add"),
    path("methods/boardstorm/headings/<int:pk>/", views.heading_edit, name="heading_edit"),
    path("methods/boardstorm/headings/<int:pk>/delete/", views.heading_delete, name="heading_delete"),
    path("methods/<int:pk>/boardstorm/ideas/add/", views.idea_add, name="idea_add"),
    path("methods/<int:pk>/boardstorm/ideas/move/", views.idea_move, name="idea_move"),
    path("methods/<int:pk>/boardstorm/board/", views.board_feed, name="board_feed"),
]
