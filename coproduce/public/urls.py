from django.urls import path

from coproduce.consensus import public_views as consensus_public
from coproduce.public import views, voting

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<slug:slug>/", views.area, name="area"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join_event, name="join_event"),
    path("join/<str:code>/comment/", views.participate, name="participate"),
    path("join/<str:code>/vote/", voting.vote, name="vote"),
    path("join/<str:code>/statement/", consensus_public.statement_submit, name="statement_submit"),
    path("join/<str:code>/results/", voting.vote_results, name="vote_results"),
    path("join/<str:code>/results/feed/", voting.vote_results_feed, name="vote_results_feed"),
]
