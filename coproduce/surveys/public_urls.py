from django.urls import path

from coproduce.surveys import public_views

app_name = "surveys_public"
urlpatterns = [
    path("survey/<str:code>/", public_views.answer, name="answer"),
    path("survey/<str:code>/thanks/", public_views.thanks, name="thanks"),
]
