"""Back-office actions of the KJ method (under /manage/)."""

from django.urls import path

from . import views

app_name = "kj"
urlpatterns = [
    path("methods/<int:pk>/kj/board/", views.board, name="board"),
    path("methods/<int:pk>/kj/board/feed/", views.board_feed, name="board_feed"),
    path("methods/<int:pk>/kj/move/", views.note_move, name="move"),
    path("methods/<int:pk>/kj/groups/new/", views.group_create, name="group_create"),
    path("methods/<int:pk>/kj/groups/suggest/", views.groups_suggest, name="suggest"),
    path("methods/<int:pk>/kj/groups/suggesting/", views.suggestion_progress, name="suggestion"),
    path("methods/<int:pk>/kj/groups/accept/", views.suggestions_accept, name="accept_all"),
    path("kj/groups/<int:pk>/rename/", views.group_rename, name="group_rename"),
    path("kj/groups/<int:pk>/accept/", views.group_accept, name="group_accept"),
    path("kj/groups/<int:pk>/delete/", views.group_delete, name="group_delete"),
]
