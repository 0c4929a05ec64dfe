from django.urls import path

from coproduce.public import views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<slug:slug>/", views.area, name="area"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join_event, name="join_event"),
    path("join/<str:code>/comment/", views.participate, name="participate"),
]
