"""Back-office actions of speed dating (under /manage/)."""

from django.urls import path

from . import views

app_name = "speed_dating"
urlpatterns = [
    path("methods/<int:pk>/speed-dating/plan/", views.plan, name="plan"),
    path("methods/<int:pk>/speed-dating/next-round/", views.next_round, name="next_round"),
    path("methods/<int:pk>/speed-dating/changes/", views.changes, name="changes"),
    path("methods/<int:pk>/speed-dating/people/", views.person_add, name="person_add"),
    path("methods/<int:pk>/speed-dating/cards/", views.cards, name="cards"),
]
