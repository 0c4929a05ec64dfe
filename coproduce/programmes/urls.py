from django.urls import path

from coproduce.programmes import views

app_name = "programmes"
urlpatterns = [
    path("", views.home, name="home"),
    path("areas/<slug:slug>/", views.area_dashboard, name="area"),
]
