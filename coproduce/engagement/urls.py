from django.urls import path

from coproduce.engagement import views

app_name = "engagement"
urlpatterns = [
    path("areas/<slug:slug>/events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("events/<int:pk>/status/", views.event_status, name="event_status"),
    path("events/<int:pk>/capture/", views.capture, name="capture"),
    path("events/<int:pk>/capture/feed/", views.capture_feed, name="capture_feed"),
    path("events/<int:pk>/register/", views.register, name="register"),
    path("register/<int:pk>/", views.register_entry, name="register_entry"),
    path("register/<int:pk>/remove/", views.register_entry_remove, name="register_entry_remove"),
    path("comments/<int:pk>/", views.comment_detail, name="comment"),
    path("comments/<int:pk>/accept/", views.comment_accept, name="comment_accept"),
    path("comments/<int:pk>/discard/", views.comment_discard, name="comment_discard"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/hide/", views.comment_hide, name="comment_hide"),
    path("comments/<int:pk>/remove/", views.comment_remove, name="comment_remove"),
    path("comments/<int:pk>/undo/", views.comment_undo, name="comment_undo"),
    path("events/<int:pk>/held/", views.held_all, name="held_all"),
]
