from django.urls import path

from coproduce.methods import views

app_name = "methods"
urlpatterns = [
    path("events/<int:pk>/methods/new/", views.session_create, name="create"),
    path("methods/<int:pk>/", views.session_detail, name="session"),
    path("methods/<int:pk>/step/", views.session_step, name="step"),
    path("methods/<int:pk>/capture/", views.session_capture, name="capture"),
    path("methods/<int:pk>/stages/", views.session_stage_feed, name="stage_feed"),
    path("methods/<int:pk>/questions/", views.session_prompts, name="prompts"),
    path("methods/<int:pk>/present/", views.session_present, name="present"),
    path("methods/<int:pk>/present/feed/", views.session_present_feed, name="present_feed"),
    path("methods/<int:pk>/summary/", views.session_summary, name="summary"),
    path("methods/<int:pk>/export.<str:fmt>", views.session_export, name="export"),
]
