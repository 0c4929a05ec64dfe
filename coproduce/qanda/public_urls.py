from django.urls import path

from coproduce.qanda import public_views
from coproduce.qanda.feeds import AnsweredQuestionsFeed

app_name = "qanda_public"
urlpatterns = [
    path("areas/<slug:slug>/questions/", public_views.area_questions, name="area"),
    path("areas/<slug:slug>/questions/ask/", public_views.ask, name="ask"),
    path("areas/<slug:slug>/questions/asked/", public_views.asked, name="asked"),
    path("areas/<slug:slug>/questions/feed/", AnsweredQuestionsFeed(), name="feed"),
    path("areas/<slug:slug>/questions/<int:pk>/", public_views.question, name="question"),
    path("questions/follow/<str:token>/", public_views.follow_confirm, name="follow_confirm"),
    path("questions/follow/<str:token>/stop/", public_views.follow_stop, name="follow_stop"),
]
