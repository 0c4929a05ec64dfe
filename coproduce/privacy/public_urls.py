from django.urls import path

from coproduce.privacy import views

app_name = "privacy_public"
urlpatterns = [path("privacy/", views.notice, name="notice")]
