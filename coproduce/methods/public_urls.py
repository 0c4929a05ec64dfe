from django.urls import path

from coproduce.methods import public_views

app_name = "methods_public"
urlpatterns = [
    path("join/<str:code>/methods/<int:pk>/", public_views.take_part, name="take_part"),
    path("join/<str:code>/methods/<int:pk>/status/", public_views.status, name="status"),
]
