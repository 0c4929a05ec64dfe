from django.urls import path

from coproduce.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.home, name="home"),
    path("programmes/<int:pk>/areas/new/", views.area_create, name="area_create"),
    path("areas/<slug:slug>/", views.area_dashboard, name="area"),
    path("areas/<slug:slug>/challenges/new/", views.challenge_create, name="challenge_create"),
    path("challenges/<int:pk>/", views.challenge_detail, name="challenge"),
    path("challenges/<int:pk>/edit/", views.challenge_edit, name="challenge_edit"),
    path("challenges/<int:pk>/stage/", views.challenge_stage, name="challenge_stage"),
    path("challenges/<int:pk>/put-to-vote/", views.challenge_put_to_vote, name="challenge_put_to_vote"),
    path("challenges/<int:pk>/agree/", views.challenge_agree, name="challenge_agree"),
]
