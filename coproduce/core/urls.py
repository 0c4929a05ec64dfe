from django.urls import path

from coproduce.core import views

app_name = "core"
urlpatterns = [
    path("health/", views.health, name="health"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon, name="favicon"),
]
